/*
 * checks.c - rules across members, run once per finished record from its
 * typed values (DESIGN: "semantic checks after structure"), then the
 * record's callback.  Every rule here is one the tables cannot say.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "sv_internal.h"

/* JSON Pointer suffix of the member that owns `slot`, found by walking the
 * record's tables: the checks name members by slot, the tables own the
 * names. */
static int slot_path(const sv_object *o, int slot, char *buf, size_t n,
                     size_t at)
{
    for (size_t i = 0; i < o->count; i++) {
        const sv_member *m = &o->members[i];
        size_t len = m->name_len;
        if (at + len + 2 > n)
            return 0;
        buf[at] = '/';
        memcpy(buf + at + 1, m->name, len);
        buf[at + 1 + len] = '\0';
        if (m->slot == slot)
            return 1;
        if (m->child && !(m->types & SV_J_ARRAY) &&
            slot_path(m->child, slot, buf, n, at + 1 + len))
            return 1;
    }
    buf[at] = '\0';
    return 0;
}

#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
static void diag_slot(sv_parser *p, sv_frame *f, sv_diag_code code, int slot,
                      const char *fmt, ...)
{
    char path[256];
    sv_pos *pos = &p->slots[slot];
    va_list ap;
    va_start(ap, fmt);
    if (pos->off == SV_NO_OFFSET ||
        !slot_path(f->obj, slot, path, sizeof path, 0))
        sv__vdiag(p, code, &f->start, SV_PTR_FRAME, NULL, fmt, ap);
    else
        sv__vdiag(p, code, pos, SV_PTR_FRAME, path, fmt, ap);
    va_end(ap);
}

/* --------------------------------------------------------------- time */

/* b - a in 100 ns ticks, rounded toward zero, and whether it is exact. */
static int64_t ticks_between(const sv_timestamp *a, const sv_timestamp *b,
                             int64_t *rem_ns)
{
    int64_t ds = b->seconds - a->seconds; /* |ds| < 3.2e11: no overflow */
    int64_t dn = (int64_t)b->nanos - a->nanos;
    int64_t total_100 = ds * 10000000 + dn / 100;
    *rem_ns = dn % 100;
    return total_100;
}

static int ts_before(const sv_timestamp *a, const sv_timestamp *b)
{
    return a->seconds < b->seconds ||
           (a->seconds == b->seconds && a->nanos < b->nanos);
}

static void check_times(sv_parser *p, sv_frame *f, const sv_time *start,
                        const sv_time *stop, const sv_duration *dur,
                        int stop_slot, int dur_slot)
{
    char q1[256], q2[256], d1[SV_DURATION_BUFSIZE], d2[SV_DURATION_BUFSIZE];
    if (start->text.state != SV_VALID || stop->text.state != SV_VALID)
        return;
    if (ts_before(&stop->value, &start->value)) {
        int64_t rem;
        int64_t back = ticks_between(&stop->value, &start->value, &rem);
        sv_format_duration(back, d1, sizeof d1);
        char msg_a[300];
        snprintf(msg_a, sizeof msg_a, "%s",
                 sv__quote(q1, sizeof q1, stop->text.ptr, stop->text.len));
        diag_slot(p, f, SV_DIAG_STOP_BEFORE_START, stop_slot,
                  "executionStopTime %s is %s before executionStartTime %s",
                  msg_a, d1,
                  sv__quote(q2, sizeof q2, start->text.ptr, start->text.len));
        return;
    }
    if (!dur || dur->text.state != SV_VALID)
        return;
    int64_t rem;
    int64_t span = ticks_between(&start->value, &stop->value, &rem);
    /* difference in ns = (dur - span) * 100 - rem; more than one tick off
     * is a mismatch */
    int64_t diff_ticks = dur->ticks - span;
    int mismatch;
    if (diff_ticks > 2 || diff_ticks < -2)
        mismatch = 1;
    else {
        int64_t diff_ns = diff_ticks * 100 - rem;
        mismatch = diff_ns > 100 || diff_ns < -100;
    }
    if (!mismatch)
        return;
    sv_format_duration(span, d1, sizeof d1);
    sv_format_duration(diff_ticks, d2, sizeof d2);
    char computed[64];
    snprintf(computed, sizeof computed, "%s", d1);
    diag_slot(p, f, SV_DIAG_DURATION_MISMATCH, dur_slot,
              "executionDuration %s differs from executionStopTime - "
              "executionStartTime = %s by %s",
              sv__quote(q1, sizeof q1, dur->text.ptr, dur->text.len),
              computed, d2);
}

/* -------------------------------------------------------------- links */

/* Does the path of url (before ? and #) end in "/jobSessions/" ID tail? */
static int link_points_at(const sv_str *url, const sv_str *id,
                          const char *tail, size_t tail_len)
{
    static const char dir[] = "/jobSessions/";
    const size_t dlen = sizeof dir - 1;
    const char *q = memchr(url->ptr, '?', url->len);
    const char *h = memchr(url->ptr, '#', q ? (size_t)(q - url->ptr) : url->len);
    size_t end = h ? (size_t)(h - url->ptr)
                   : q ? (size_t)(q - url->ptr) : url->len;
    size_t need = dlen + id->len + tail_len;
    if (end < need)
        return 0;
    const char *p = url->ptr + end - need;
    return memcmp(p, dir, dlen) == 0 &&
           memcmp(p + dlen, id->ptr, id->len) == 0 &&
           memcmp(p + dlen + id->len, tail, tail_len) == 0;
}

static void link_mismatch(sv_parser *p, sv_frame *f, int slot,
                          const char *which, const sv_str *url,
                          const sv_str *id, const char *tail)
{
    char q[256], qid[256];
    sv__quote(q, sizeof q, url->ptr, url->len);
    sv__quote(qid, sizeof qid, id->ptr, id->len);
    diag_slot(p, f, SV_DIAG_LINK_MISMATCH, slot,
              "%s link %s does not end in /jobSessions/%.*s%s (the session's "
              "id is %s)",
              which, q, (int)(id->len > 200 ? 200 : id->len), id->ptr, tail,
              qid);
}

static void check_session_links(sv_parser *p, sv_frame *f)
{
    sv_session *s = &p->session;
    if (s->id.state != SV_VALID)
        return;
    if (s->self_href.state == SV_VALID &&
        !link_points_at(&s->self_href, &s->id, "", 0))
        link_mismatch(p, f, SV_SLOT_SELF_HREF, "self", &s->self_href, &s->id,
                      "");
    if (s->log_href.state == SV_VALID &&
        !link_points_at(&s->log_href, &s->id, "/log", 4))
        link_mismatch(p, f, SV_SLOT_LOG_HREF, "log", &s->log_href, &s->id,
                      "/log");
}

/* ----------------------------------------------------------- job info */

static const struct {
    int slot;
    const char *name;
    sv_job_info info;
} infos[] = {
    {SV_SLOT_BACKUP, "backupJobInfo", SV_INFO_BACKUP},
    {SV_SLOT_RESTORE, "restoreJobInfo", SV_INFO_ANY},
    {SV_SLOT_FLR, "fileLevelRestoreJobInfo", SV_INFO_ANY},
    {SV_SLOT_REPOSITORY, "repositoryJobInfo", SV_INFO_REPOSITORY},
};

static bool info_present(const sv_session *s, size_t i)
{
    switch (i) {
    case 0:
        return s->backup_job_info.present;
    case 1:
        return s->restore_job_info.present;
    case 2:
        return s->file_level_restore_job_info.present;
    default:
        return s->repository_job_info.present;
    }
}

static void check_job_info(sv_parser *p, sv_frame *f)
{
    sv_session *s = &p->session;
    char q[256];
    size_t first = 99;
    for (size_t i = 0; i < 4; i++) {
        if (!info_present(s, i))
            continue;
        if (first == 99) {
            first = i;
            continue;
        }
        diag_slot(p, f, SV_DIAG_JOB_INFO_MISMATCH, infos[i].slot,
                  "a session carries at most one job-info object; this one "
                  "has %s and %s",
                  infos[first].name, infos[i].name);
    }
    if (s->type.text.state != SV_VALID)
        return;
    sv_job_info want = sv_schema_type_job_info(s->type.value);
    if (want == SV_INFO_ANY)
        return;
    const char *want_name = want == SV_INFO_BACKUP ? "backupJobInfo"
                                                   : "repositoryJobInfo";
    int have_wanted = 0;
    for (size_t i = 0; i < 4; i++) {
        if (!info_present(s, i))
            continue;
        if (infos[i].info == want) {
            have_wanted = 1;
            continue;
        }
        sv__quote(q, sizeof q, s->type.text.ptr, s->type.text.len);
        diag_slot(p, f, SV_DIAG_JOB_INFO_MISMATCH, infos[i].slot,
                  "%s on a session of type %s, which carries %s",
                  infos[i].name, q, want_name);
    }
    if (!have_wanted) {
        sv__quote(q, sizeof q, s->type.text.ptr, s->type.text.len);
        diag_slot(p, f, SV_DIAG_JOB_INFO_MISMATCH, SV_SLOT_TYPE,
                  "a session of type %s carries %s, which is absent", q,
                  want_name);
    }
}

/* ------------------------------------------------------------- session */

/* Flags the active profile gives the member of o that owns `slot`. */
static unsigned slot_flags(const sv_object *o, int slot, unsigned api)
{
    for (size_t i = 0; i < o->count; i++)
        if (o->members[i].slot == slot &&
            (o->members[i].profiles & (1u << api)))
            return o->members[i].flags[api];
    return 0;
}

/* executionStopTime / executionDuration: required and non-null once the
 * session has finished, in the profiles whose tables say SV_M_UNFINISHED
 * (v1; v8.1 makes them plainly nullable).  Unknown or missing status: no
 * rule (the status itself has been reported). */
static void check_unfinished(sv_parser *p, sv_frame *f, const sv_str *text,
                             const char *name, int slot)
{
    sv_session *s = &p->session;
    char q[256];
    if (s->status.text.state != SV_VALID ||
        sv_schema_status_unfinished(s->status.value) ||
        (text->state != SV_ABSENT && text->state != SV_NULL))
        return;
    if (!(slot_flags(f->obj, slot, p->opt.api) & SV_M_UNFINISHED))
        return;
    sv__quote(q, sizeof q, s->status.text.ptr, s->status.text.len);
    if (text->state == SV_ABSENT)
        sv__diag(p, SV_DIAG_MISSING_MEMBER, &f->start, SV_PTR_FRAME, NULL,
                 "missing required member \"%s\" in session (it may be "
                 "absent only while a session runs; status is %s)",
                 name, q);
    else if (text->state == SV_NULL)
        diag_slot(p, f, SV_DIAG_TYPE_MISMATCH, slot,
                  "expected a string, found null (%s may be null only while "
                  "a session runs; status is %s)",
                  name, q);
}

static void check_session(sv_parser *p, sv_frame *f)
{
    sv_session *s = &p->session;
    check_unfinished(p, f, &s->execution_stop_time.text, "executionStopTime",
                     SV_SLOT_STOP);
    check_unfinished(p, f, &s->execution_duration.text, "executionDuration",
                     SV_SLOT_DURATION);
    check_times(p, f, &s->execution_start_time, &s->execution_stop_time,
                &s->execution_duration, SV_SLOT_STOP, SV_SLOT_DURATION);
    check_session_links(p, f);
    check_job_info(p, f);

    /* duplicate ids: only for sessions of a page */
    if (p->opt.duplicate_ids && p->nframes >= 2 && f[-1].is_array &&
        s->id.state == SV_VALID) {
        int64_t prev = sv__ids_add(p, s->id.ptr, s->id.len, s->index);
        if (prev == -2) {
            p->status = SV_ERR_NOMEM;
            return;
        }
        if (prev >= 0) {
            char q[256], where[64];
            snprintf(where, sizeof where, "/results/%lld", (long long)prev);
            diag_slot(p, f, SV_DIAG_DUPLICATE_ID, SV_SLOT_ID,
                      "id %s is already used by the session at %s",
                      sv__quote(q, sizeof q, s->id.ptr, s->id.len), where);
        }
    }
}

/* ---------------------------------------------------------------- page */

/* Value of query parameter `name` (case-insensitive) in url, or -1. */
static int64_t query_int(const sv_str *url, const char *name)
{
    size_t i = 0, n = strlen(name);
    while (i < url->len && url->ptr[i] != '?')
        i++;
    while (i < url->len && url->ptr[i] != '#') {
        i++; /* past ? or & */
        size_t k = i;
        while (k < url->len && url->ptr[k] != '=' && url->ptr[k] != '&' &&
               url->ptr[k] != '#')
            k++;
        if (k - i == n && strncasecmp(url->ptr + i, name, n) == 0 &&
            k < url->len && url->ptr[k] == '=') {
            int64_t v = 0;
            size_t d = k + 1;
            if (d >= url->len || url->ptr[d] < '0' || url->ptr[d] > '9')
                return -1;
            for (; d < url->len && url->ptr[d] >= '0' && url->ptr[d] <= '9';
                 d++) {
                if (v > (INT64_MAX - 9) / 10)
                    return -1;
                v = v * 10 + (url->ptr[d] - '0');
            }
            return v;
        }
        while (k < url->len && url->ptr[k] != '&' && url->ptr[k] != '#')
            k++;
        i = k;
    }
    return -1;
}

static void check_page(sv_parser *p, sv_frame *f)
{
    sv_page *pg = &p->page;
    char a[32], b[32], c[32];
    if (pg->results.state == SV_VALID && pg->limit.state == SV_VALID &&
        pg->results.value > (uint64_t)pg->limit.value) {
        snprintf(a, sizeof a, "%llu", (unsigned long long)pg->results.value);
        snprintf(b, sizeof b, "%lld", (long long)pg->limit.value);
        diag_slot(p, f, SV_DIAG_PAGE_OVERFLOW, SV_SLOT_RESULTS,
                  "results holds %s sessions but limit is %s", a, b);
    }
    if (pg->results.state == SV_VALID && pg->page_offset.state == SV_VALID &&
        pg->total_count.state == SV_VALID &&
        (uint64_t)pg->page_offset.value + pg->results.value >
            (uint64_t)pg->total_count.value) {
        snprintf(a, sizeof a, "%lld", (long long)pg->page_offset.value);
        snprintf(b, sizeof b, "%llu", (unsigned long long)pg->results.value);
        snprintf(c, sizeof c, "%lld", (long long)pg->total_count.value);
        diag_slot(p, f, SV_DIAG_TOTAL_COUNT, SV_SLOT_TOTAL,
                  "offset %s + %s results exceeds totalCount %s", a, b, c);
    }
    if (pg->self_href.state == SV_VALID) {
        static const struct {
            const char *name;
            size_t off;
        } q[] = {{"offset", offsetof(sv_page, page_offset)},
                 {"limit", offsetof(sv_page, limit)}};
        for (size_t i = 0; i < 2; i++) {
            const sv_int *v = (const sv_int *)((const char *)pg + q[i].off);
            int64_t in_link = query_int(&pg->self_href, q[i].name);
            if (in_link < 0 || v->state != SV_VALID || in_link == v->value)
                continue;
            diag_slot(p, f, SV_DIAG_LINK_MISMATCH, SV_SLOT_PAGE_SELF_HREF,
                      "self link has %s=%lld but the page's %s is %lld",
                      q[i].name, (long long)in_link, q[i].name,
                      (long long)v->value);
        }
    }
}

/* ------------------------------------------------------------- problem */

static void report_problem(sv_parser *p, sv_frame *f)
{
    sv_problem *pr = &p->problem;
    char status[32] = "", title[256] = "", detail[1024] = "";
    if (pr->status.state == SV_VALID)
        snprintf(status, sizeof status, " %lld", (long long)pr->status.value);
    if (pr->title.state == SV_VALID)
        sv__quote(title, sizeof title, pr->title.ptr, pr->title.len);
    if (pr->detail.state == SV_VALID)
        sv__quote_max(detail, sizeof detail, pr->detail.ptr, pr->detail.len,
                      200);
    sv__diag(p, SV_DIAG_ERROR_RESPONSE, &f->start, SV_PTR_FRAME, NULL,
             "the capture is a%s error response, not a jobSessions payload"
             "%s%s%s%s",
             status[0] ? status : "n", title[0] ? ": " : "", title,
             detail[0] ? ": " : "", detail);
}

/* ------------------------------------------------------------- entry */

/* Call a record callback; non-zero from it stops the parse. */
#define DELIVER(p, fn, rec)                                                   \
    do {                                                                      \
        if ((p)->cb.fn && (p)->status == SV_OK) {                             \
            (p)->in_callback = 1;                                             \
            int stop_ = (p)->cb.fn((p)->user, (rec));                         \
            (p)->in_callback = 0;                                             \
            if (stop_)                                                        \
                (p)->status = SV_ERR_ABORTED;                                 \
        }                                                                     \
    } while (0)

void sv__check_record(sv_parser *p, sv_frame *f)
{
    switch ((sv_record)f->obj->record) {
    case SV_REC_SESSION:
        check_session(p, f);
        p->session.errors = p->rec_session.errors;
        p->session.warnings = p->rec_session.warnings;
        p->stats.sessions++;
        p->doc.sessions++;
        DELIVER(p, on_session, &p->session);
        break;
    case SV_REC_PAGE:
        check_page(p, f);
        p->page.errors = p->rec_page.errors;
        p->page.warnings = p->rec_page.warnings;
        p->stats.pages++;
        DELIVER(p, on_page, &p->page);
        break;
    case SV_REC_LOG_ENTRY:
        p->entry.errors = p->rec_entry.errors;
        p->entry.warnings = p->rec_entry.warnings;
        p->stats.log_entries++;
        DELIVER(p, on_log_entry, &p->entry);
        break;
    case SV_REC_PROBLEM:
        report_problem(p, f);
        break;
    case SV_REC_LOG:
    case SV_REC_NONE:
        break;
    }
}
