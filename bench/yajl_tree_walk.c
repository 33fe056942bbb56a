/*
 * yajl_tree_walk.c - benchmark peer: "load the whole document into yajl's
 * DOM, then walk it by hand", the way most tools would write a validator.
 *
 *   yajl_tree_walk [--multi] FILE
 *
 * Reads the whole file, yajl_tree_parse()s it (--multi: one NDJSON line at
 * a time), then checks what sessval checks: the page envelope (members and
 * types, len(results) <= limit, offset + len <= totalCount, the self link's
 * offset/limit), every session's required members and JSON types, the
 * type/status lists, RFC 3339 timestamps (with calendar), TimeSpan "c"
 * durations, usn an integer >= 0, http(s) links that point at the session's
 * id, the job-info objects' member types and their match with the type,
 * stop >= start, duration == stop - start within one tick, duplicate member
 * names and duplicate ids (a hash set).  Unknown members and values outside
 * the lists are warnings, as in sessval: they do not fail the file.
 *
 * Prints nothing and exits 0 when there is no error; one line (the first
 * error and the count) and exit 1 otherwise; exit 2 on usage or I/O errors.
 * It is meant to be a fair peer: straightforward, no tricks, no waste.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_tree.h>

/* ------------------------------------------------------------ reporting */

typedef struct walk {
    unsigned long errors, warnings;
    char first[512];
    uint64_t doc;
    /* duplicate ids: open addressing over pointers into the tree */
    const char **ids;
    size_t ids_cap, ids_len;
} walk;

static void error(walk *w, const char *where, long idx, const char *what)
{
    if (w->errors++ == 0) {
        if (idx >= 0)
            snprintf(w->first, sizeof w->first, "document %lu: /results/%ld%s: %s",
                     (unsigned long)w->doc, idx, where, what);
        else
            snprintf(w->first, sizeof w->first, "document %lu: %s: %s",
                     (unsigned long)w->doc, where, what);
    }
}

static void warning(walk *w)
{
    w->warnings++;
}

/* -------------------------------------------------------------- scalars */

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* RFC 3339 date-time into 100 ns ticks since the epoch (UTC). */
static int parse_ts(const char *s, int64_t *ticks)
{
    size_t n = strlen(s);
    int y, mo, d, h, mi, se;
    if (n < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') ||
        s[13] != ':' || s[16] != ':')
        return -1;
    if (digits(s, 4, &y) || digits(s + 5, 2, &mo) || digits(s + 8, 2, &d) ||
        digits(s + 11, 2, &h) || digits(s + 14, 2, &mi) || digits(s + 17, 2, &se))
        return -1;
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (y < 1 || mo < 1 || mo > 12 || d < 1 ||
        d > mdays[mo - 1] + (mo == 2 && leap) || h > 23 || mi > 59 || se > 59)
        return -1;
    size_t i = 19;
    int64_t frac = 0;
    if (s[i] == '.') {
        int k = 0;
        for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++, k++)
            if (k < 7)
                frac = frac * 10 + (s[i] - '0');
        if (k < 1 || k > 9)
            return -1;
        for (; k < 7; k++)
            frac *= 10;
    }
    int off = 0;
    if (i < n && (s[i] == 'Z' || s[i] == 'z')) {
        i++;
    } else if (i + 6 == n && (s[i] == '+' || s[i] == '-') && s[i + 3] == ':') {
        int oh, om;
        if (digits(s + i + 1, 2, &oh) || digits(s + i + 4, 2, &om) || oh > 23 || om > 59)
            return -1;
        off = (oh * 60 + om) * (s[i] == '-' ? -1 : 1);
        i += 6;
    } else {
        return -1;
    }
    if (i != n)
        return -1;
    int64_t secs = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se - off * 60;
    *ticks = secs * 10000000 + frac;
    return 0;
}

/* .NET TimeSpan "c": [-][d.]hh:mm:ss[.fffffff] into ticks. */
static int parse_dur(const char *s, int64_t *ticks)
{
    size_t n = strlen(s), i = 0;
    int neg = 0;
    int64_t days = 0;
    if (i < n && s[i] == '-')
        neg = 1, i++;
    size_t j = i;
    while (j < n && s[j] >= '0' && s[j] <= '9')
        j++;
    if (j < n && s[j] == '.') {
        if (j == i || j - i > 8)
            return -1;
        for (; i < j; i++)
            days = days * 10 + (s[i] - '0');
        i++;
    }
    int h, m, se;
    if (n - i < 8 || s[i + 2] != ':' || s[i + 5] != ':' || digits(s + i, 2, &h) ||
        digits(s + i + 3, 2, &m) || digits(s + i + 6, 2, &se) || h > 23 || m > 59 || se > 59)
        return -1;
    i += 8;
    int64_t frac = 0;
    if (i < n) {
        if (s[i] != '.')
            return -1;
        int k = 0;
        for (i++; i < n; i++, k++) {
            if (s[i] < '0' || s[i] > '9' || k >= 7)
                return -1;
            frac = frac * 10 + (s[i] - '0');
        }
        if (k == 0)
            return -1;
        for (; k < 7; k++)
            frac *= 10;
    }
    int64_t t = (((days * 24 + h) * 60 + m) * 60 + se) * 10000000 + frac;
    *ticks = neg ? -t : t;
    return 0;
}

static int is_uuid(const char *s)
{
    if (strlen(s) != 36)
        return 0;
    for (int i = 0; i < 36; i++) {
        char c = s[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-')
                return 0;
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
                     (c >= 'A' && c <= 'F'))) {
            return 0;
        }
    }
    return 1;
}

static int is_url(const char *s)
{
    const char *p = !strncmp(s, "https://", 8) ? s + 8 : !strncmp(s, "http://", 7) ? s + 7 : NULL;
    if (!p || !*p || *p == '/')
        return 0;
    for (; *p; p++)
        if ((unsigned char)*p <= ' ')
            return 0;
    return 1;
}

/* s ends with "/jobSessions/<id><suffix>" */
static int link_points_at(const char *href, const char *id, const char *suffix)
{
    size_t h = strlen(href), i = strlen(id), x = strlen(suffix);
    static const char seg[] = "/jobSessions/";
    size_t need = sizeof seg - 1 + i + x;
    return h >= need && !memcmp(href + h - need, seg, sizeof seg - 1) &&
           !memcmp(href + h - i - x, id, i) && !memcmp(href + h - x, suffix, x);
}

static int in_list(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (!strcmp(s, *list))
            return 1;
    return 0;
}

static const char *const TYPES[] = {
    "PolicyBackup", "PolicySnapshot", "ManualSnapshot", "RepositoryCreation",
    "LingeringSnapshotRetention", "BackupRetention", "AutoBackup", "RestoreDisks",
    "FileLevelRestore", "ObsoleteSnapshotRetention", "RestoreVms", "BackupDeletion",
    "SnapshotDeletion", "RepositoryDeletion", "RepositoryEdit",
    "ManualSnapshotDeletion", "InvalidSnapshotRetention", "OrphanedSnapshotRetention",
    NULL,
};
static const char *const STATUSES[] = {
    "Canceled", "Canceling", "Error", "NeverExecuted", "Pending", "Running",
    "RunningWithError", "RunningWithWarning", "Success", "Warning", NULL,
};
static const char *const UNFINISHED[] = {
    "Running", "RunningWithError", "RunningWithWarning", "Canceling", "Pending",
    "NeverExecuted", NULL,
};

/* --------------------------------------------------------------- objects */

static yajl_val member(yajl_val obj, const char *name)
{
    for (size_t i = 0; i < obj->u.object.len; i++)
        if (!strcmp(obj->u.object.keys[i], name))
            return obj->u.object.values[i];
    return NULL;
}

/* Duplicate names and names outside `known` (NULL-terminated). */
static void check_members(walk *w, yajl_val obj, const char *const *known,
                          const char *where, long idx)
{
    size_t n = obj->u.object.len;
    for (size_t i = 0; i < n; i++) {
        const char *k = obj->u.object.keys[i];
        for (size_t j = 0; j < i; j++)
            if (!strcmp(k, obj->u.object.keys[j]))
                error(w, where, idx, "duplicate member");
        if (!in_list(k, known))
            warning(w);
    }
}

static int is_int_nonneg(yajl_val v)
{
    return YAJL_IS_INTEGER(v) && v->u.number.i >= 0;
}

static int is_str_or_null(yajl_val v)
{
    return YAJL_IS_STRING(v) || YAJL_IS_NULL(v);
}

static const char *href_of(walk *w, yajl_val links, const char *name, long idx)
{
    yajl_val l = member(links, name), h;
    if (!YAJL_IS_OBJECT(l) || !YAJL_IS_STRING(h = member(l, "href"))) {
        error(w, "/_links", idx, "expected {href: string}");
        return NULL;
    }
    if (!is_url(h->u.string)) {
        error(w, "/_links", idx, "not an absolute http(s) URL");
        return NULL;
    }
    return h->u.string;
}

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* Returns 1 when id was already in the set. */
static int id_seen(walk *w, const char *id)
{
    if (2 * (w->ids_len + 1) > w->ids_cap) {
        size_t cap = w->ids_cap ? 2 * w->ids_cap : 1024;
        const char **t = calloc(cap, sizeof *t);
        if (!t) {
            fprintf(stderr, "yajl_tree_walk: out of memory\n");
            exit(2);
        }
        for (size_t i = 0; i < w->ids_cap; i++) {
            if (w->ids[i]) {
                size_t k = hash_str(w->ids[i]) & (cap - 1);
                while (t[k])
                    k = (k + 1) & (cap - 1);
                t[k] = w->ids[i];
            }
        }
        free(w->ids);
        w->ids = t;
        w->ids_cap = cap;
    }
    size_t k = hash_str(id) & (w->ids_cap - 1);
    while (w->ids[k]) {
        if (!strcmp(w->ids[k], id))
            return 1;
        k = (k + 1) & (w->ids_cap - 1);
    }
    w->ids[k] = id;
    w->ids_len++;
    return 0;
}

static void check_session(walk *w, yajl_val s, long idx, int in_page)
{
    static const char *const KNOWN[] = {
        "id", "type", "localizedType", "executionStartTime", "executionStopTime",
        "executionDuration", "status", "usn", "backupJobInfo", "restoreJobInfo",
        "fileLevelRestoreJobInfo", "repositoryJobInfo", "_links", NULL,
    };
    if (!YAJL_IS_OBJECT(s)) {
        error(w, "", idx, "expected a session object");
        return;
    }
    check_members(w, s, KNOWN, "", idx);

    yajl_val id = member(s, "id"), type = member(s, "type"),
             lt = member(s, "localizedType"), st = member(s, "executionStartTime"),
             sp = member(s, "executionStopTime"), du = member(s, "executionDuration"),
             status = member(s, "status"), usn = member(s, "usn"),
             links = member(s, "_links");
    const char *sid = NULL;
    if (!YAJL_IS_STRING(id) || !id->u.string[0])
        error(w, "/id", idx, "expected a non-empty string");
    else
        sid = id->u.string;
    if (!YAJL_IS_STRING(type))
        error(w, "/type", idx, "expected a string");
    else if (!in_list(type->u.string, TYPES))
        warning(w);
    if (!YAJL_IS_STRING(lt))
        error(w, "/localizedType", idx, "expected a string");

    int unfinished = 0;
    if (!YAJL_IS_STRING(status)) {
        error(w, "/status", idx, "expected a string");
    } else {
        if (!in_list(status->u.string, STATUSES))
            warning(w);
        unfinished = in_list(status->u.string, UNFINISHED);
    }
    if (!YAJL_IS_INTEGER(usn) || usn->u.number.i < 0)
        error(w, "/usn", idx, "expected an integer >= 0");

    int64_t t0 = 0, t1 = 0, d = 0;
    int have0 = 0, have1 = 0, haved = 0;
    if (!YAJL_IS_STRING(st))
        error(w, "/executionStartTime", idx, "expected a string");
    else if (parse_ts(st->u.string, &t0))
        error(w, "/executionStartTime", idx, "not an RFC 3339 date-time");
    else
        have0 = 1;
    if (!sp || YAJL_IS_NULL(sp)) {
        if (!unfinished)
            error(w, "/executionStopTime", idx, "required for a finished session");
    } else if (!YAJL_IS_STRING(sp)) {
        error(w, "/executionStopTime", idx, "expected a string");
    } else if (parse_ts(sp->u.string, &t1)) {
        error(w, "/executionStopTime", idx, "not an RFC 3339 date-time");
    } else {
        have1 = 1;
    }
    if (!du || YAJL_IS_NULL(du)) {
        if (!unfinished)
            error(w, "/executionDuration", idx, "required for a finished session");
    } else if (!YAJL_IS_STRING(du)) {
        error(w, "/executionDuration", idx, "expected a string");
    } else if (parse_dur(du->u.string, &d)) {
        error(w, "/executionDuration", idx, "not a TimeSpan");
    } else {
        haved = 1;
    }
    if (have0 && have1) {
        if (t1 < t0)
            error(w, "/executionStopTime", idx, "before executionStartTime");
        else if (haved && (d - (t1 - t0) > 1 || (t1 - t0) - d > 1))
            warning(w);
    }

    int infos = 0;
    yajl_val bj = member(s, "backupJobInfo"), rj = member(s, "restoreJobInfo"),
             fj = member(s, "fileLevelRestoreJobInfo"), pj = member(s, "repositoryJobInfo");
    if (bj) {
        static const char *const K[] = {"policyId", "policyName", "protectedInstancesCount",
                                        "policyRemoved", NULL};
        infos++;
        if (!YAJL_IS_OBJECT(bj)) {
            error(w, "/backupJobInfo", idx, "expected an object");
        } else {
            yajl_val v;
            check_members(w, bj, K, "/backupJobInfo", idx);
            if (!YAJL_IS_STRING(v = member(bj, "policyId")) || !is_uuid(v->u.string))
                error(w, "/backupJobInfo/policyId", idx, "expected a UUID");
            if (!YAJL_IS_STRING(member(bj, "policyName")))
                error(w, "/backupJobInfo/policyName", idx, "expected a string");
            if (!is_int_nonneg(member(bj, "protectedInstancesCount")))
                error(w, "/backupJobInfo/protectedInstancesCount", idx, "expected an integer >= 0");
            v = member(bj, "policyRemoved");
            if (!YAJL_IS_TRUE(v) && !YAJL_IS_FALSE(v))
                error(w, "/backupJobInfo/policyRemoved", idx, "expected a boolean");
        }
    }
    if (rj) {
        static const char *const K[] = {"reason", "items", NULL};
        infos++;
        if (!YAJL_IS_OBJECT(rj)) {
            error(w, "/restoreJobInfo", idx, "expected an object");
        } else {
            check_members(w, rj, K, "/restoreJobInfo", idx);
            yajl_val r = member(rj, "reason"), it = member(rj, "items");
            if (r && !is_str_or_null(r))
                error(w, "/restoreJobInfo/reason", idx, "expected a string or null");
            if (YAJL_IS_ARRAY(it)) {
                for (size_t i = 0; i < it->u.array.len; i++)
                    if (!YAJL_IS_OBJECT(it->u.array.values[i]))
                        error(w, "/restoreJobInfo/items", idx, "expected objects");
            } else if (it && !YAJL_IS_OBJECT(it)) {
                error(w, "/restoreJobInfo/items", idx, "expected an object or an array");
            }
        }
    }
    if (fj) {
        static const char *const K[] = {"reason", "flrLink", "vmId", NULL};
        static const char *const L[] = {"url", "thumbprint", NULL};
        infos++;
        if (!YAJL_IS_OBJECT(fj)) {
            error(w, "/fileLevelRestoreJobInfo", idx, "expected an object");
        } else {
            check_members(w, fj, K, "/fileLevelRestoreJobInfo", idx);
            yajl_val r = member(fj, "reason"), l = member(fj, "flrLink"), v = member(fj, "vmId");
            if (r && !is_str_or_null(r))
                error(w, "/fileLevelRestoreJobInfo/reason", idx, "expected a string or null");
            if (v && !YAJL_IS_STRING(v))
                error(w, "/fileLevelRestoreJobInfo/vmId", idx, "expected a string");
            if (l) {
                if (!YAJL_IS_OBJECT(l)) {
                    error(w, "/fileLevelRestoreJobInfo/flrLink", idx, "expected an object");
                } else {
                    yajl_val u = member(l, "url"), t = member(l, "thumbprint");
                    check_members(w, l, L, "/fileLevelRestoreJobInfo/flrLink", idx);
                    if (u && !(YAJL_IS_NULL(u) || (YAJL_IS_STRING(u) && is_url(u->u.string))))
                        error(w, "/fileLevelRestoreJobInfo/flrLink/url", idx, "expected a URL");
                    if (t && !is_str_or_null(t))
                        error(w, "/fileLevelRestoreJobInfo/flrLink/thumbprint", idx, "expected a string");
                }
            }
        }
    }
    if (pj) {
        static const char *const K[] = {"repositoryId", "repositoryName", "repositoryRemoved", NULL};
        infos++;
        if (!YAJL_IS_OBJECT(pj)) {
            error(w, "/repositoryJobInfo", idx, "expected an object");
        } else {
            yajl_val v;
            check_members(w, pj, K, "/repositoryJobInfo", idx);
            if (!YAJL_IS_INTEGER(member(pj, "repositoryId")))
                error(w, "/repositoryJobInfo/repositoryId", idx, "expected an integer");
            if (!YAJL_IS_STRING(member(pj, "repositoryName")))
                error(w, "/repositoryJobInfo/repositoryName", idx, "expected a string");
            v = member(pj, "repositoryRemoved");
            if (!YAJL_IS_TRUE(v) && !YAJL_IS_FALSE(v))
                error(w, "/repositoryJobInfo/repositoryRemoved", idx, "expected a boolean");
        }
    }
    if (YAJL_IS_STRING(type)) {
        const char *t = type->u.string;
        int policy = !strncmp(t, "Policy", 6);
        int repo = !strcmp(t, "RepositoryCreation");
        if (infos > 1 || (policy && (!bj || infos != 1)) || (repo && (!pj || infos != 1)))
            warning(w);
    }

    if (!YAJL_IS_OBJECT(links)) {
        error(w, "/_links", idx, "expected an object");
    } else {
        const char *self = href_of(w, links, "self", idx);
        const char *log = href_of(w, links, "log", idx);
        if (sid && self && !link_points_at(self, sid, ""))
            warning(w);
        if (sid && log && !link_points_at(log, sid, "/log"))
            warning(w);
    }
    if (in_page && sid && id_seen(w, sid))
        error(w, "/id", idx, "duplicate id in the page");
}

/* The value of `name=` in the query of href, or -1. */
static long long query_int(const char *href, const char *name)
{
    const char *q = strchr(href, '?');
    size_t n = strlen(name);
    while (q) {
        q++;
        if (!strncmp(q, name, n) && q[n] == '=') {
            char *end;
            errno = 0;
            long long v = strtoll(q + n + 1, &end, 10);
            return errno || end == q + n + 1 ? -2 : v;
        }
        q = strchr(q, '&');
    }
    return -1;
}

static void check_page(walk *w, yajl_val p)
{
    static const char *const KNOWN[] = {"offset", "limit", "totalCount", "results", "_links", NULL};
    check_members(w, p, KNOWN, "", -1);
    yajl_val off = member(p, "offset"), lim = member(p, "limit"), tot = member(p, "totalCount"),
             res = member(p, "results"), links = member(p, "_links");
    if (!is_int_nonneg(off))
        error(w, "/offset", -1, "expected an integer >= 0");
    if (!is_int_nonneg(lim))
        error(w, "/limit", -1, "expected an integer >= 0");
    if (!is_int_nonneg(tot))
        error(w, "/totalCount", -1, "expected an integer >= 0");
    if (!YAJL_IS_ARRAY(res)) {
        error(w, "/results", -1, "expected an array");
    } else {
        size_t n = res->u.array.len;
        w->ids_len = 0;
        if (w->ids)
            memset(w->ids, 0, w->ids_cap * sizeof *w->ids);
        for (size_t i = 0; i < n; i++)
            check_session(w, res->u.array.values[i], (long)i, 1);
        if (is_int_nonneg(lim) && (long long)n > lim->u.number.i)
            error(w, "/results", -1, "more sessions than limit");
        if (is_int_nonneg(off) && is_int_nonneg(tot) &&
            off->u.number.i + (long long)n > tot->u.number.i)
            error(w, "/totalCount", -1, "offset + results exceeds totalCount");
    }
    if (!YAJL_IS_OBJECT(links)) {
        error(w, "/_links", -1, "expected an object");
    } else {
        yajl_val self = member(links, "self"), h;
        if (!YAJL_IS_OBJECT(self) || !YAJL_IS_STRING(h = member(self, "href")) ||
            !is_url(h->u.string)) {
            error(w, "/_links/self/href", -1, "expected an http(s) URL");
        } else {
            long long qo = query_int(h->u.string, "offset"), ql = query_int(h->u.string, "limit");
            if ((qo != -1 && is_int_nonneg(off) && qo != off->u.number.i) ||
                (ql != -1 && is_int_nonneg(lim) && ql != lim->u.number.i))
                warning(w);
        }
    }
}

static void check_document(walk *w, const char *text)
{
    char err[256];
    yajl_val root = yajl_tree_parse(text, err, sizeof err);
    if (!root) {
        err[strcspn(err, "\n")] = 0; /* the first line; the rest is a picture */
        error(w, "invalid JSON", -1, err);
        return;
    }
    if (!YAJL_IS_OBJECT(root))
        error(w, "", -1, "expected an object");
    else if (member(root, "results"))
        check_page(w, root);
    else
        check_session(w, root, -1, 0);
    yajl_tree_free(root);
}

int main(int argc, char **argv)
{
    int multi = 0, argi = 1;
    if (argi < argc && !strcmp(argv[argi], "--multi"))
        multi = 1, argi++;
    if (argi != argc - 1) {
        fprintf(stderr, "usage: yajl_tree_walk [--multi] FILE\n");
        return 2;
    }
    FILE *f = fopen(argv[argi], "rb");
    if (!f) {
        fprintf(stderr, "yajl_tree_walk: %s: %s\n", argv[argi], strerror(errno));
        return 2;
    }
    /* One buffer of the file's size (grown if the file grows meanwhile). */
    size_t cap = 1 << 20, len = 0;
    if (fseek(f, 0, SEEK_END) == 0) {
        long size = ftell(f);
        if (size > 0)
            cap = (size_t)size + 1;
        rewind(f);
    }
    char *buf = malloc(cap + 1);
    for (;;) {
        if (!buf) {
            fprintf(stderr, "yajl_tree_walk: out of memory\n");
            return 2;
        }
        size_t want = cap - len < 65536 ? cap - len : 65536;
        size_t n = fread(buf + len, 1, want, f);
        len += n;
        if (n < want) {
            if (ferror(f)) {
                fprintf(stderr, "yajl_tree_walk: %s: read error\n", argv[argi]);
                return 2;
            }
            break;
        }
        if (len == cap)
            buf = realloc(buf, (cap *= 2) + 1);
    }
    fclose(f);
    buf[len] = 0;

    walk w = {0};
    if (memchr(buf, 0, len)) {
        /* yajl_tree_parse would stop at the NUL and call the rest fine. */
        error(&w, "invalid JSON", -1, "NUL byte in the input");
    } else if (multi) {
        char *p = buf, *end = buf + len;
        while (p < end) {
            char *nl = memchr(p, '\n', (size_t)(end - p));
            if (!nl)
                nl = end;
            *nl = 0;
            size_t k = 0;
            while (p + k < nl && (p[k] == ' ' || p[k] == '\t' || p[k] == '\r'))
                k++;
            if (p + k < nl) {
                check_document(&w, p);
                w.doc++;
            }
            p = nl + 1;
        }
    } else {
        check_document(&w, buf);
    }
    free(w.ids);
    free(buf);
    if (w.errors) {
        printf("%lu error(s), %lu warning(s); first: %s\n", w.errors, w.warnings, w.first);
        return 1;
    }
    return 0;
}
