/*
 * svtest.c - see svtest.h.
 */
#include "svtest.h"

#include <check.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct logbuf {
    char *s;
    size_t len, cap;
    svt_result *r;
} logbuf;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void logf_(logbuf *b, const char *fmt, ...)
{
    va_list ap;
    for (;;) {
        size_t room = b->cap - b->len;
        va_start(ap, fmt);
        int n = vsnprintf(b->s ? b->s + b->len : NULL, b->s ? room : 0, fmt,
                          ap);
        va_end(ap);
        ck_assert(n >= 0);
        if (b->s && (size_t)n < room) {
            b->len += (size_t)n;
            return;
        }
        size_t cap = b->cap ? b->cap * 2 : 4096;
        while (cap < b->len + (size_t)n + 1)
            cap *= 2;
        b->s = realloc(b->s, cap);
        ck_assert(b->s != NULL);
        b->cap = cap;
    }
}

static const char *st(sv_state s)
{
    switch (s) {
    case SV_ABSENT:
        return "absent";
    case SV_NULL:
        return "null";
    case SV_VALID:
        return "valid";
    case SV_INVALID:
        return "invalid";
    }
    return "?";
}

/* n bytes of p, a NUL written as \0 (strings and pointers may hold U+0000) */
static void log_bytes(logbuf *b, const char *p, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t k = strnlen(p + i, n - i);
        logf_(b, "%.*s%s", (int)k, p + i, i + k < n ? "\\0" : "");
        i += k + (i + k < n);
    }
}

static void log_str(logbuf *b, const char *name, const sv_str *s)
{
    if (s->ptr) {
        logf_(b, " %s=%s:\"", name, st(s->state));
        log_bytes(b, s->ptr, s->len);
        logf_(b, "\"");
    } else
        logf_(b, " %s=%s", name, st(s->state));
}

static void log_int(logbuf *b, const char *name, const sv_int *v)
{
    logf_(b, " %s=%s:%lld", name, st(v->state), (long long)v->value);
}

static void log_bool(logbuf *b, const char *name, const sv_bool *v)
{
    logf_(b, " %s=%s:%d", name, st(v->state), v->value);
}

static void log_time(logbuf *b, const char *name, const sv_time *t)
{
    log_str(b, name, &t->text);
    if (t->text.state == SV_VALID)
        logf_(b, "@%lld.%09d%+d", (long long)t->value.seconds,
              (int)t->value.nanos, (int)t->value.offset_minutes);
}

static void log_dur(logbuf *b, const char *name, const sv_duration *d)
{
    log_str(b, name, &d->text);
    if (d->text.state == SV_VALID)
        logf_(b, "@%lld", (long long)d->ticks);
}

static int on_session(void *u, const sv_session *s)
{
    logbuf *b = u;
    logf_(b, "session doc=%llu index=%llu offset=%llu errors=%u warnings=%u",
          (unsigned long long)s->document, (unsigned long long)s->index,
          (unsigned long long)s->offset, s->errors, s->warnings);
    log_str(b, "id", &s->id);
    log_str(b, "type", &s->type.text);
    logf_(b, "#%d", (int)s->type.value);
    log_str(b, "localizedType", &s->localized_type);
    log_time(b, "start", &s->execution_start_time);
    log_time(b, "stop", &s->execution_stop_time);
    log_dur(b, "duration", &s->execution_duration);
    log_str(b, "status", &s->status.text);
    logf_(b, "#%d", (int)s->status.value);
    log_int(b, "usn", &s->usn);
    const sv_backup_job_info *bj = &s->backup_job_info;
    logf_(b, " backup=%d", bj->present);
    log_str(b, "policyId", &bj->policy_id);
    log_str(b, "policyName", &bj->policy_name);
    log_int(b, "protected", &bj->protected_instances_count);
    log_bool(b, "policyRemoved", &bj->policy_removed);
    const sv_restore_job_info *rj = &s->restore_job_info;
    logf_(b, " restore=%d", rj->present);
    log_str(b, "reason", &rj->reason);
    logf_(b, " items=%s:%llu", st(rj->items.state),
          (unsigned long long)rj->items.value);
    const sv_flr_job_info *fj = &s->file_level_restore_job_info;
    logf_(b, " flr=%d link=%d", fj->present, fj->has_flr_link);
    log_str(b, "flrReason", &fj->reason);
    log_str(b, "url", &fj->flr_url);
    log_str(b, "thumbprint", &fj->flr_thumbprint);
    log_str(b, "vmId", &fj->vm_id);
    const sv_repository_job_info *pj = &s->repository_job_info;
    logf_(b, " repository=%d", pj->present);
    log_int(b, "repositoryId", &pj->repository_id);
    log_str(b, "repositoryName", &pj->repository_name);
    log_bool(b, "repositoryRemoved", &pj->repository_removed);
    log_str(b, "self", &s->self_href);
    log_str(b, "log", &s->log_href);
    /* API v8.1 members */
    log_str(b, "policyType", &bj->policy_type);
    log_str(b, "restorePolicy", &rj->backup_policy_display_name);
    log_str(b, "initiator", &fj->initiator);
    log_str(b, "vmName", &fj->vm_name);
    log_str(b, "flrPolicy", &fj->backup_policy_display_name);
    log_time(b, "flrCreated", &fj->restore_point_created_date_utc);
    log_bool(b, "flrReady", &fj->is_flr_session_ready);
    log_str(b, "repositoryIdText", &pj->repository_id_text);
    const sv_health_check_job_info *hj = &s->health_check_job_info;
    logf_(b, " health=%d", hj->present);
    log_str(b, "hcPolicyId", &hj->policy_id);
    log_str(b, "hcPolicyName", &hj->policy_name);
    log_int(b, "hcChecked", &hj->checked_instances_count);
    log_bool(b, "hcRemoved", &hj->policy_removed);
    logf_(b, " retention=%d", s->retention_job_info.present);
    log_int(b, "deleted",
            &s->retention_job_info.deleted_restore_points_count);
    const sv_data_retrieval_job_info *dj =
        &s->restore_point_data_retrieval_job_info;
    logf_(b, " retrieval=%d", dj->present);
    log_str(b, "rp", &dj->restore_point_id);
    log_str(b, "sqlRp", &dj->sql_restore_point_id);
    log_str(b, "cosmosRp", &dj->cosmos_db_restore_point_id);
    log_str(b, "rpInitiator", &dj->initiator);
    log_str(b, "instance", &dj->instance_name);
    log_int(b, "days", &dj->days_to_keep);
    log_str(b, "priority", &dj->data_retrieval_priority);
    const sv_file_share_flr_job_info *sj =
        &s->file_share_file_level_restore_job_info;
    logf_(b, " fsflr=%d link=%d", sj->present, sj->has_flr_link);
    log_str(b, "fsInitiator", &sj->initiator);
    log_str(b, "fsReason", &sj->reason);
    log_str(b, "fsUrl", &sj->flr_url);
    log_str(b, "fsThumbprint", &sj->flr_thumbprint);
    log_str(b, "fsId", &sj->file_share_id);
    log_str(b, "fsName", &sj->file_share_name);
    log_str(b, "fsPolicy", &sj->backup_policy_display_name);
    log_time(b, "fsCreated", &sj->restore_point_created_date_utc);
    logf_(b, "\n");
    /* strings are NUL-terminated as the header promises */
    if (s->id.ptr)
        ck_assert_int_eq(s->id.ptr[s->id.len], '\0');
    return 0;
}

static int on_page(void *u, const sv_page *p)
{
    logbuf *b = u;
    logf_(b, "page doc=%llu offset=%llu errors=%u warnings=%u",
          (unsigned long long)p->document, (unsigned long long)p->offset,
          p->errors, p->warnings);
    log_int(b, "offset", &p->page_offset);
    log_int(b, "limit", &p->limit);
    log_int(b, "totalCount", &p->total_count);
    logf_(b, " results=%s:%llu", st(p->results.state),
          (unsigned long long)p->results.value);
    log_str(b, "self", &p->self_href);
    logf_(b, "\n");
    return 0;
}

static int on_log_entry(void *u, const sv_log_entry *e)
{
    logbuf *b = u;
    logf_(b, "entry doc=%llu index=%llu offset=%llu errors=%u warnings=%u",
          (unsigned long long)e->document, (unsigned long long)e->index,
          (unsigned long long)e->offset, e->errors, e->warnings);
    log_str(b, "jobSessionId", &e->job_session_id);
    log_time(b, "logTime", &e->log_time);
    log_str(b, "status", &e->status.text);
    log_str(b, "message", &e->message);
    log_time(b, "start", &e->execution_start_time);
    log_dur(b, "duration", &e->execution_duration);
    log_str(b, "resourceHashId", &e->resource_hash_id);
    logf_(b, "\n");
    return 0;
}

static int on_diag(void *u, const sv_diag *d)
{
    logbuf *b = u;
    logf_(b, "diag %s %s doc=%llu off=%llu %llu:%llu ",
          d->severity == SV_SEVERITY_ERROR ? "error" : "warning",
          sv_diag_name(d->code), (unsigned long long)d->document,
          (unsigned long long)d->offset, (unsigned long long)d->line,
          (unsigned long long)d->column);
    log_bytes(b, d->pointer, d->pointer_len);
    logf_(b, ": %s\n", d->message);
    /* the pointer holds a member name as it is, U+0000 included */
    ck_assert(d->pointer[d->pointer_len] == '\0');
    ck_assert_uint_le(strlen(d->pointer), d->pointer_len);
    ck_assert_uint_eq(strlen(d->message), d->message_len);
    svt_result *r = b->r;
    if (r->ndiags < 64) {
        struct svt_diag *x = &r->diags[r->ndiags];
        x->code = d->code;
        x->severity = d->severity;
        x->offset = d->offset;
        x->line = d->line;
        x->column = d->column;
        snprintf(x->pointer, sizeof x->pointer, "%s", d->pointer);
        snprintf(x->message, sizeof x->message, "%s", d->message);
    }
    r->ndiags++;
    return 0;
}

static int on_document(void *u, const sv_document *d)
{
    logbuf *b = u;
    logf_(b, "document %llu kind=%s offset=%llu end=%llu errors=%llu "
             "warnings=%llu sessions=%llu\n",
          (unsigned long long)d->index, sv_kind_name(d->kind),
          (unsigned long long)d->offset, (unsigned long long)d->end,
          (unsigned long long)d->errors, (unsigned long long)d->warnings,
          (unsigned long long)d->sessions);
    return 0;
}

void svt_run_cuts(const char *buf, size_t len, const sv_options *opts,
                  const size_t *cuts, size_t ncuts, svt_result *out)
{
    memset(out, 0, sizeof *out);
    logbuf b = {NULL, 0, 0, out};
    sv_callbacks cb = {on_session, on_page, on_log_entry, on_diag,
                       on_document};
    sv_parser *p = sv_parser_new(opts, &cb, &b);
    ck_assert(p != NULL);
    size_t at = 0;
    sv_status s = SV_OK;
    for (size_t i = 0; i <= ncuts && s == SV_OK; i++) {
        size_t end = i < ncuts ? cuts[i] : len;
        ck_assert(end >= at && end <= len);
        s = sv_parser_feed(p, buf + at, end - at);
        at = end;
    }
    if (s == SV_OK)
        s = sv_parser_finish(p);
    out->status = s;
    sv_parser_stats(p, &out->stats);
    logf_(&b, "status %s\n", sv_status_str(s));
    sv_parser_free(p);
    out->log = b.s;
    out->log_len = b.len;
}

void svt_run(const char *buf, size_t len, const sv_options *opts,
             size_t chunk, svt_result *out)
{
    if (chunk == 0 || chunk >= len) {
        svt_run_cuts(buf, len, opts, NULL, 0, out);
        return;
    }
    size_t n = (len + chunk - 1) / chunk;
    size_t *cuts = malloc(n * sizeof *cuts);
    ck_assert(cuts != NULL);
    size_t k = 0;
    for (size_t at = chunk; at < len; at += chunk)
        cuts[k++] = at;
    svt_run_cuts(buf, len, opts, cuts, k, out);
    free(cuts);
}

uint64_t svt_rand(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

void svt_run_random(const char *buf, size_t len, const sv_options *opts,
                    uint64_t seed, size_t max, svt_result *out)
{
    size_t *cuts = malloc((len + 1) * sizeof *cuts);
    ck_assert(cuts != NULL);
    size_t k = 0, at = 0;
    for (;;) {
        at += 1 + (size_t)(svt_rand(&seed) % max);
        if (at >= len)
            break;
        cuts[k++] = at;
    }
    svt_run_cuts(buf, len, opts, cuts, k, out);
    free(cuts);
}

void svt_free(svt_result *r)
{
    free(r->log);
    r->log = NULL;
}

void svt_json(const char *json, svt_result *out)
{
    svt_run(json, strlen(json), NULL, 0, out);
}

void svt_json_opts(const char *json, const sv_options *opts,
                   svt_result *out)
{
    svt_run(json, strlen(json), opts, 0, out);
}

int svt_find(const svt_result *r, sv_diag_code code)
{
    size_t n = r->ndiags < 64 ? r->ndiags : 64;
    for (size_t i = 0; i < n; i++)
        if (r->diags[i].code == code)
            return (int)i;
    return -1;
}

char *svt_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    ck_assert(fseek(f, 0, SEEK_END) == 0);
    long n = ftell(f);
    ck_assert(n >= 0);
    rewind(f);
    char *b = malloc((size_t)n + 1);
    ck_assert(b != NULL);
    ck_assert_uint_eq(fread(b, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    b[n] = '\0';
    *len = (size_t)n;
    return b;
}

const char *svt_corpus(void)
{
    const char *c = getenv("SV_CORPUS");
    return c && c[0] ? c : "corpus";
}

const char *svt_build(void)
{
    const char *c = getenv("SV_BUILD");
    return c && c[0] ? c : "build/release";
}

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char **svt_list(const char *dir, const char *suffix)
{
    DIR *d = opendir(dir);
    ck_assert_msg(d != NULL, "cannot open %s", dir);
    size_t n = 0, cap = 16, sl = strlen(suffix);
    char **v = malloc(cap * sizeof *v);
    ck_assert(v != NULL);
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (e->d_name[0] == '.' || l < sl ||
            strcmp(e->d_name + l - sl, suffix) != 0)
            continue;
        if (n + 1 >= cap) {
            cap *= 2;
            v = realloc(v, cap * sizeof *v);
            ck_assert(v != NULL);
        }
        v[n] = malloc(strlen(dir) + l + 2);
        ck_assert(v[n] != NULL);
        sprintf(v[n], "%s/%s", dir, e->d_name);
        n++;
    }
    closedir(d);
    qsort(v, n, sizeof *v, cmp);
    v[n] = NULL;
    return v;
}

void svt_free_list(char **list)
{
    for (size_t i = 0; list && list[i]; i++)
        free(list[i]);
    free(list);
}

/* ------------------------------------------------------------ digests */

typedef struct digest {
    uint64_t h;
} digest;

static void mix(digest *d, const void *p, size_t n)
{
    const unsigned char *b = p;
    uint64_t h = d->h;
    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 0x100000001b3ULL;
    }
    d->h = h;
}

static void mix_u64(digest *d, uint64_t v)
{
    mix(d, &v, sizeof v);
}

static void mix_str(digest *d, const sv_str *s)
{
    mix_u64(d, (uint64_t)s->state);
    mix_u64(d, s->len);
    if (s->ptr)
        mix(d, s->ptr, s->len + 1); /* the NUL too */
}

static int d_session(void *u, const sv_session *s)
{
    digest *d = u;
    mix_u64(d, 1);
    mix_u64(d, s->document);
    mix_u64(d, s->index);
    mix_u64(d, s->offset);
    mix_u64(d, s->errors);
    mix_u64(d, s->warnings);
    mix_str(d, &s->id);
    mix_str(d, &s->type.text);
    mix_u64(d, (uint64_t)s->type.value);
    mix_str(d, &s->localized_type);
    mix_str(d, &s->execution_start_time.text);
    mix(d, &s->execution_start_time.value.seconds, 8);
    mix(d, &s->execution_start_time.value.nanos, 4);
    mix_str(d, &s->execution_stop_time.text);
    mix(d, &s->execution_stop_time.value.seconds, 8);
    mix_str(d, &s->execution_duration.text);
    mix(d, &s->execution_duration.ticks, 8);
    mix_str(d, &s->status.text);
    mix_u64(d, (uint64_t)s->status.value);
    mix(d, &s->usn.value, 8);
    mix_u64(d, (uint64_t)s->usn.state);
    mix_u64(d, s->backup_job_info.present);
    mix_str(d, &s->backup_job_info.policy_id);
    mix_str(d, &s->backup_job_info.policy_name);
    mix_u64(d, s->restore_job_info.present);
    mix_u64(d, s->restore_job_info.items.value);
    mix_u64(d, s->file_level_restore_job_info.present);
    mix_str(d, &s->file_level_restore_job_info.flr_url);
    mix_u64(d, s->repository_job_info.present);
    mix(d, &s->repository_job_info.repository_id.value, 8);
    mix_str(d, &s->self_href);
    mix_str(d, &s->log_href);
    return 0;
}

static int d_page(void *u, const sv_page *p)
{
    digest *d = u;
    mix_u64(d, 2);
    mix_u64(d, p->offset);
    mix(d, &p->page_offset.value, 8);
    mix(d, &p->limit.value, 8);
    mix(d, &p->total_count.value, 8);
    mix_u64(d, p->results.value);
    mix_u64(d, (uint64_t)p->results.state);
    mix_str(d, &p->self_href);
    mix_u64(d, p->errors);
    mix_u64(d, p->warnings);
    return 0;
}

static int d_entry(void *u, const sv_log_entry *e)
{
    digest *d = u;
    mix_u64(d, 3);
    mix_u64(d, e->index);
    mix_u64(d, e->offset);
    mix_str(d, &e->job_session_id);
    mix_str(d, &e->log_time.text);
    mix_str(d, &e->message);
    mix_u64(d, e->errors);
    return 0;
}

static int d_diag(void *u, const sv_diag *x)
{
    digest *d = u;
    mix_u64(d, 4);
    mix_u64(d, (uint64_t)x->code);
    mix_u64(d, (uint64_t)x->severity);
    mix_u64(d, x->offset);
    mix_u64(d, x->line);
    mix_u64(d, x->column);
    mix_u64(d, x->document);
    mix(d, x->pointer, x->pointer_len);
    mix(d, x->message, x->message_len);
    return 0;
}

static int d_document(void *u, const sv_document *x)
{
    digest *d = u;
    mix_u64(d, 5);
    mix_u64(d, x->index);
    mix_u64(d, (uint64_t)x->kind);
    mix_u64(d, x->offset);
    mix_u64(d, x->end);
    mix_u64(d, x->errors);
    mix_u64(d, x->warnings);
    mix_u64(d, x->sessions);
    return 0;
}

uint64_t svt_digest_cuts(const char *buf, size_t len, const sv_options *opts,
                         const size_t *cuts, size_t ncuts)
{
    digest d = {0xcbf29ce484222325ULL};
    sv_callbacks cb = {d_session, d_page, d_entry, d_diag, d_document};
    sv_parser *p = sv_parser_new(opts, &cb, &d);
    ck_assert(p != NULL);
    size_t at = 0;
    sv_status s = SV_OK;
    for (size_t i = 0; i <= ncuts && s == SV_OK; i++) {
        size_t end = i < ncuts ? cuts[i] : len;
        s = sv_parser_feed(p, buf + at, end - at);
        at = end;
    }
    if (s == SV_OK)
        s = sv_parser_finish(p);
    sv_stats st;
    sv_parser_stats(p, &st);
    sv_parser_free(p);
    mix_u64(&d, (uint64_t)s);
    /* not st.bytes: a stream that stopped early has been fed as much as
     * its caller fed it before the stop */
    mix_u64(&d, st.documents);
    mix_u64(&d, st.sessions);
    mix_u64(&d, st.pages);
    mix_u64(&d, st.log_entries);
    mix_u64(&d, st.errors);
    mix_u64(&d, st.warnings);
    mix_u64(&d, st.suppressed);
    return d.h;
}
