/*
 * svfuzz.c - see svfuzz.h.
 */
#include "svfuzz.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void svf_fail(const char *file, int line, const char *what)
{
    fprintf(stderr, "%s:%d: invariant broken: %s\n", file, line, what);
    fflush(stderr);
    abort();
}

uint64_t svf_rand(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

size_t svf_plan(uint8_t how, uint64_t seed, size_t len, size_t *cuts)
{
    unsigned mode = how >> 6;
    size_t m = (size_t)(how & 63) + 1, k = 0;
    uint64_t r = seed;
    if (len < 2)
        return 0;
    switch (mode) {
    case 0: {
        size_t at = (size_t)(seed % (len + 1));
        if (at > 0 && at < len)
            cuts[k++] = at;
        break;
    }
    case 1:
    case 3: {
        size_t max = mode == 1 ? m : m * 64;
        for (size_t at = 0;;) {
            at += 1 + (size_t)(svf_rand(&r) % max);
            if (at >= len)
                break;
            cuts[k++] = at;
        }
        break;
    }
    default:
        for (size_t at = m; at < len; at += m)
            cuts[k++] = at;
        break;
    }
    return k;
}

void svf_options(uint8_t b, sv_options *o, int *mode3)
{
    sv_options_init(o);
    unsigned k = b & 7;
    if (k <= SV_KIND_PROBLEM) {
        o->kind = (sv_kind)k;
    } else {
        o->kind = SV_KIND_AUTO;
        o->max_diagnostics = k - SV_KIND_PROBLEM; /* 1..3 */
        o->duplicate_ids = false;
    }
    o->strict = (b >> 3) & 1;
    unsigned m = (b >> 4) & 3;
    *mode3 = m == 3;
    o->multi = m == 3 ? SV_MULTI_OFF : (sv_multi)m;
    o->api = (b >> 6) & 1 ? SV_API_V8 : SV_API_V1;
    if (b & 0x80) {
        o->max_depth = 8;
        o->max_string = 64;
        o->max_token = 256;
    }
}

/* ------------------------------------------------------------------ log */

void svf_logf(svf_log *l, const char *fmt, ...)
{
    va_list ap;
    for (;;) {
        size_t room = l->cap - l->len;
        va_start(ap, fmt);
        int n = vsnprintf(l->s ? l->s + l->len : NULL, l->s ? room : 0, fmt,
                          ap);
        va_end(ap);
        SVF_CHECK(n >= 0);
        if (l->s && (size_t)n < room) {
            l->len += (size_t)n;
            return;
        }
        size_t cap = l->cap ? l->cap * 2 : 4096;
        while (cap < l->len + (size_t)n + 1)
            cap *= 2;
        char *s = realloc(l->s, cap);
        SVF_CHECK(s != NULL);
        l->s = s;
        l->cap = cap;
    }
}

static void append(svf_log *l, const char *s, size_t n)
{
    if (l->cap - l->len <= n) {
        size_t cap = l->cap ? l->cap : 4096;
        while (cap - l->len <= n)
            cap *= 2;
        char *b = realloc(l->s, cap);
        SVF_CHECK(b != NULL);
        l->s = b;
        l->cap = cap;
    }
    memcpy(l->s + l->len, s, n);
    l->len += n;
    l->s[l->len] = '\0';
}

void svf_log_begin(svf_log *l, const unsigned char *input, size_t len,
                   const sv_options *opts)
{
    char *s = l->s;
    size_t cap = l->cap;
    sv_parser *p = l->parser;
    uint64_t abort_at = l->abort_at;
    memset(l, 0, sizeof *l);
    l->s = s;
    l->cap = cap;
    l->parser = p;
    l->abort_at = abort_at;
    l->input = input;
    l->input_len = len;
    l->opts = opts;
    if (l->s)
        l->s[0] = '\0';
}

void svf_log_free(svf_log *l)
{
    free(l->s);
    l->s = NULL;
    l->len = l->cap = 0;
}

/* ------------------------------------------------------------ checking */

/* Every callback passes here first: count it, stop on request, and make
 * sure nothing is delivered after a callback asked to stop. */
static int callback(svf_log *l)
{
    SVF_CHECK(!l->aborted); /* nothing after a stop */
    l->callbacks++;
    if (l->abort_at && l->callbacks == l->abort_at) {
        l->aborted = 1;
        return 1;
    }
    return 0;
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
    svf_fail(__FILE__, __LINE__, "sv_state out of range");
}

/* 1-based line and column of an offset, from the input itself. */
static void line_col(const svf_log *l, uint64_t off, uint64_t *line,
                     uint64_t *col)
{
    uint64_t ln = 1, bol = 0;
    const unsigned char *s = l->input;
    for (uint64_t i = 0; i < off; i++)
        if (s[i] == '\n') {
            ln++;
            bol = i + 1;
        }
    *line = ln;
    *col = off - bol + 1;
}

/* A record's own offset: its '{' inside the input. */
static void check_brace(const svf_log *l, uint64_t off)
{
    SVF_CHECK(off < l->input_len);
    SVF_CHECK(l->input[off] == '{');
}

static void log_str(svf_log *l, const char *name, const sv_str *s)
{
    const char *state = st(s->state);
    if (s->ptr) {
        SVF_CHECK(s->state == SV_VALID || s->state == SV_INVALID);
        SVF_CHECK(s->ptr[s->len] == '\0');
        svf_logf(l, " %s=%s:%zu:\"", name, state, s->len);
        /* bytes as they are, NULs included: the log is compared, not
         * printed (svf_same escapes what it shows) */
        append(l, s->ptr, s->len);
        svf_logf(l, "\"");
    } else {
        SVF_CHECK(s->state != SV_VALID);
        svf_logf(l, " %s=%s", name, state);
    }
}

static void log_int(svf_log *l, const char *name, const sv_int *v)
{
    svf_logf(l, " %s=%s:%lld", name, st(v->state), (long long)v->value);
}

static void log_bool(svf_log *l, const char *name, const sv_bool *v)
{
    svf_logf(l, " %s=%s:%d", name, st(v->state), (int)v->value);
}

static void log_count(svf_log *l, const char *name, const sv_count *v)
{
    svf_logf(l, " %s=%s:%llu", name, st(v->state),
             (unsigned long long)v->value);
}

static void log_time(svf_log *l, const char *name, const sv_time *t)
{
    log_str(l, name, &t->text);
    if (t->text.state != SV_VALID)
        return;
    /* the value is what the text says */
    sv_timestamp v;
    SVF_CHECK(sv_parse_timestamp(t->text.ptr, t->text.len, &v) == 0);
    SVF_CHECK(v.seconds == t->value.seconds && v.nanos == t->value.nanos &&
              v.offset_minutes == t->value.offset_minutes);
    svf_logf(l, "@%lld.%09d%+d", (long long)t->value.seconds,
             (int)t->value.nanos, (int)t->value.offset_minutes);
}

static void log_duration(svf_log *l, const char *name, const sv_duration *d)
{
    log_str(l, name, &d->text);
    if (d->text.state != SV_VALID)
        return;
    int64_t t;
    SVF_CHECK(sv_parse_duration(d->text.ptr, d->text.len, &t) == 0);
    SVF_CHECK(t == d->ticks);
    svf_logf(l, "@%lld", (long long)d->ticks);
}

/* An enum field: in range, and a known value has exactly its text. */
static void log_enum(svf_log *l, const char *name, const sv_str *text,
                     int value, int count, const char *want)
{
    log_str(l, name, text);
    SVF_CHECK(value >= 0 && value < count);
    if (value != 0) {
        SVF_CHECK(want != NULL && text->ptr != NULL);
        SVF_CHECK(strlen(want) == text->len &&
                  memcmp(want, text->ptr, text->len) == 0);
    }
    svf_logf(l, "#%d", value);
}

/* Records belong to the document being parsed: none has ended yet. */
static void check_record_doc(svf_log *l, uint64_t doc)
{
    SVF_CHECK(doc == l->documents);
    if (l->opts->multi == SV_MULTI_OFF)
        SVF_CHECK(doc == 0);
}

static int on_session(void *u, const sv_session *s)
{
    svf_log *l = u;
    int stop = callback(l);
    l->sessions++;
    check_record_doc(l, s->document);
    check_brace(l, s->offset);
    svf_logf(l, "session doc=%llu index=%llu offset=%llu errors=%u "
                "warnings=%u",
             (unsigned long long)s->document, (unsigned long long)s->index,
             (unsigned long long)s->offset, s->errors, s->warnings);
    log_str(l, "id", &s->id);
    log_enum(l, "type", &s->type.text, (int)s->type.value, SV_TYPE__COUNT,
             sv_session_type_text(s->type.value));
    log_str(l, "localizedType", &s->localized_type);
    log_time(l, "start", &s->execution_start_time);
    log_time(l, "stop", &s->execution_stop_time);
    log_duration(l, "duration", &s->execution_duration);
    log_enum(l, "status", &s->status.text, (int)s->status.value,
             SV_STATUS__COUNT, sv_session_status_text(s->status.value));
    log_int(l, "usn", &s->usn);
    const sv_backup_job_info *b = &s->backup_job_info;
    svf_logf(l, " backup=%d", (int)b->present);
    log_str(l, "policyId", &b->policy_id);
    log_str(l, "policyName", &b->policy_name);
    log_int(l, "protectedInstancesCount", &b->protected_instances_count);
    log_bool(l, "policyRemoved", &b->policy_removed);
    const sv_restore_job_info *r = &s->restore_job_info;
    svf_logf(l, " restore=%d", (int)r->present);
    log_str(l, "reason", &r->reason);
    log_count(l, "items", &r->items);
    const sv_flr_job_info *f = &s->file_level_restore_job_info;
    svf_logf(l, " flr=%d flrLink=%d", (int)f->present, (int)f->has_flr_link);
    log_str(l, "flrReason", &f->reason);
    log_str(l, "url", &f->flr_url);
    log_str(l, "thumbprint", &f->flr_thumbprint);
    log_str(l, "vmId", &f->vm_id);
    const sv_repository_job_info *p = &s->repository_job_info;
    svf_logf(l, " repository=%d", (int)p->present);
    log_int(l, "repositoryId", &p->repository_id);
    log_str(l, "repositoryName", &p->repository_name);
    log_bool(l, "repositoryRemoved", &p->repository_removed);
    log_str(l, "self", &s->self_href);
    log_str(l, "log", &s->log_href);
    svf_logf(l, "\n");
    return stop;
}

static int on_page(void *u, const sv_page *pg)
{
    svf_log *l = u;
    int stop = callback(l);
    l->pages++;
    check_record_doc(l, pg->document);
    check_brace(l, pg->offset);
    svf_logf(l, "page doc=%llu offset=%llu errors=%u warnings=%u",
             (unsigned long long)pg->document, (unsigned long long)pg->offset,
             pg->errors, pg->warnings);
    log_int(l, "offset", &pg->page_offset);
    log_int(l, "limit", &pg->limit);
    log_int(l, "totalCount", &pg->total_count);
    log_count(l, "results", &pg->results);
    log_str(l, "self", &pg->self_href);
    svf_logf(l, "\n");
    return stop;
}

static int on_log_entry(void *u, const sv_log_entry *e)
{
    svf_log *l = u;
    int stop = callback(l);
    l->entries++;
    check_record_doc(l, e->document);
    check_brace(l, e->offset);
    svf_logf(l, "entry doc=%llu index=%llu offset=%llu errors=%u warnings=%u",
             (unsigned long long)e->document, (unsigned long long)e->index,
             (unsigned long long)e->offset, e->errors, e->warnings);
    log_str(l, "jobSessionId", &e->job_session_id);
    log_time(l, "logTime", &e->log_time);
    log_enum(l, "status", &e->status.text, (int)e->status.value,
             SV_STATUS__COUNT, sv_session_status_text(e->status.value));
    log_str(l, "message", &e->message);
    log_time(l, "start", &e->execution_start_time);
    log_duration(l, "duration", &e->execution_duration);
    svf_logf(l, "\n");
    return stop;
}

/* RFC 6901: "" or "/" segments, '~' only as ~0 or ~1. */
static void check_pointer(const char *s, size_t n)
{
    SVF_CHECK(n == 0 || s[0] == '/');
    for (size_t i = 0; i < n; i++)
        if (s[i] == '~')
            SVF_CHECK(i + 1 < n && (s[i + 1] == '0' || s[i + 1] == '1'));
}

static int on_diag(void *u, const sv_diag *d)
{
    svf_log *l = u;
    int stop = callback(l);
    l->diags++;
    SVF_CHECK((int)d->code >= 0 && d->code < SV_DIAG__COUNT);
    SVF_CHECK(d->severity == SV_SEVERITY_ERROR ||
              d->severity == SV_SEVERITY_WARNING);
    SVF_CHECK(d->severity == (l->opts->strict
                                  ? SV_SEVERITY_ERROR
                                  : sv_diag_default_severity(d->code)));
    SVF_CHECK(d->pointer != NULL && d->message != NULL);
    /* a member name may hold U+0000 ("\u0000"), and the pointer names it
     * as it is: NUL-terminated at pointer_len, maybe also before it */
    SVF_CHECK(d->pointer[d->pointer_len] == '\0');
    SVF_CHECK(strlen(d->pointer) <= d->pointer_len);
    /* messages quote what they show (control bytes escaped): no NUL */
    SVF_CHECK(strlen(d->message) == d->message_len);
    SVF_CHECK(d->message_len > 0);
    check_pointer(d->pointer, d->pointer_len);
    /* positions: inside the input (or at its end), and exactly the line
     * and column of the offset */
    SVF_CHECK(d->offset <= l->input_len);
    uint64_t line, col;
    line_col(l, d->offset, &line, &col);
    if (d->line != line || d->column != col)
        fprintf(stderr, "diag at offset %llu: line %llu column %llu, the "
                        "input says %llu:%llu\n",
                (unsigned long long)d->offset, (unsigned long long)d->line,
                (unsigned long long)d->column, (unsigned long long)line,
                (unsigned long long)col);
    SVF_CHECK(d->line == line && d->column == col);
    /* the document it concerns: the one being parsed, or the one that just
     * ended (bytes after it) */
    SVF_CHECK(d->document <= l->documents);
    SVF_CHECK(d->document + 1 >= l->documents);
    if (l->opts->multi == SV_MULTI_OFF)
        SVF_CHECK(d->document == 0);
    if (l->opts->max_diagnostics)
        SVF_CHECK(l->diags <= l->opts->max_diagnostics);
    svf_logf(l, "diag %s %s doc=%llu off=%llu %llu:%llu %s: %s\n",
             d->severity == SV_SEVERITY_ERROR ? "error" : "warning",
             sv_diag_name(d->code), (unsigned long long)d->document,
             (unsigned long long)d->offset, (unsigned long long)d->line,
             (unsigned long long)d->column, d->pointer, d->message);
    return stop;
}

static int on_document(void *u, const sv_document *d)
{
    svf_log *l = u;
    int stop = callback(l);
    SVF_CHECK(d->index == l->documents);
    l->documents++;
    if (l->opts->multi == SV_MULTI_OFF)
        SVF_CHECK(d->index == 0);
    SVF_CHECK((int)d->kind >= SV_KIND_AUTO && d->kind <= SV_KIND_PROBLEM);
    if (l->opts->kind != SV_KIND_AUTO)
        SVF_CHECK(d->kind == l->opts->kind);
    SVF_CHECK(d->offset < d->end && d->end <= l->input_len);
    unsigned char c = l->input[d->offset];
    SVF_CHECK(c != ' ' && c != '\t' && c != '\n' && c != '\r');
    /* not callable from inside a callback */
    if (l->parser) {
        SVF_CHECK(sv_parser_feed(l->parser, "x", 1) == SV_ERR_MISUSE);
        SVF_CHECK(sv_parser_finish(l->parser) == SV_ERR_MISUSE);
        SVF_CHECK(sv_parser_reset(l->parser) == SV_ERR_MISUSE);
    }
    svf_logf(l, "document %llu kind=%s offset=%llu end=%llu errors=%llu "
                "warnings=%llu sessions=%llu\n",
             (unsigned long long)d->index, sv_kind_name(d->kind),
             (unsigned long long)d->offset, (unsigned long long)d->end,
             (unsigned long long)d->errors, (unsigned long long)d->warnings,
             (unsigned long long)d->sessions);
    return stop;
}

static const sv_callbacks callbacks = {on_session, on_page, on_log_entry,
                                       on_diag, on_document};

const sv_callbacks *svf_callbacks(void)
{
    return &callbacks;
}

void svf_log_end(svf_log *l, sv_parser *p, sv_status status, uint64_t fed)
{
    SVF_CHECK((int)status >= SV_OK && status <= SV_ERR_MISUSE);
    SVF_CHECK(status != SV_ERR_MISUSE);
    SVF_CHECK(sv_parser_status(p) == status);
    if (l->aborted)
        SVF_CHECK(status == SV_ERR_ABORTED);
    else
        SVF_CHECK(status != SV_ERR_ABORTED);
    sv_stats s;
    sv_parser_stats(p, &s);
    SVF_CHECK(s.bytes == fed);
    if (!l->opts->max_diagnostics)
        SVF_CHECK(s.suppressed == 0);
    if (status != SV_ERR_ABORTED && status != SV_ERR_NOMEM) {
        /* every finding was delivered or counted as suppressed, every
         * record delivered */
        SVF_CHECK(s.errors + s.warnings == l->diags + s.suppressed);
        SVF_CHECK(s.sessions == l->sessions);
        SVF_CHECK(s.pages == l->pages);
        SVF_CHECK(s.log_entries == l->entries);
        SVF_CHECK(s.documents == l->documents);
        /* a failure is explained */
        if (status != SV_OK)
            SVF_CHECK(s.errors > 0);
        if (status == SV_OK && l->opts->multi == SV_MULTI_OFF)
            SVF_CHECK(s.documents == 1);
    }
    svf_logf(l, "status %s\n", sv_status_str(status));
    /* not bytes: a chunked run stops feeding at the first failure (and
     * s.bytes == fed was checked above) */
    svf_logf(l, "stats documents=%llu sessions=%llu pages=%llu "
                "entries=%llu errors=%llu warnings=%llu suppressed=%llu\n",
             (unsigned long long)s.documents,
             (unsigned long long)s.sessions, (unsigned long long)s.pages,
             (unsigned long long)s.log_entries, (unsigned long long)s.errors,
             (unsigned long long)s.warnings,
             (unsigned long long)s.suppressed);
}

sv_status svf_feed(sv_parser *p, svf_log *l, const unsigned char *input,
                   size_t len, const size_t *cuts, size_t ncuts,
                   uint64_t empties)
{
    sv_status s = SV_OK;
    size_t at = 0;
    for (size_t i = 0; i <= ncuts && s == SV_OK; i++) {
        size_t end = i < ncuts ? cuts[i] : len;
        SVF_CHECK(end >= at && end <= len);
        if ((empties >> (i % 64)) & 1) {
            s = sv_parser_feed(p, NULL, 0);
            if (s != SV_OK)
                break;
        }
        s = sv_parser_feed(p, input + at, end - at);
        at = end;
    }
    sv_status f = sv_parser_finish(p);
    if (s != SV_OK)
        SVF_CHECK(f == s); /* sticky */
    /* after finish only reset or free */
    if (f == SV_OK) {
        SVF_CHECK(sv_parser_feed(p, "x", 1) == SV_ERR_MISUSE);
        SVF_CHECK(sv_parser_finish(p) == SV_ERR_MISUSE);
    }
    svf_log_end(l, p, f, at);
    return f;
}

/* ----------------------------------------------------------- comparing */

static void show_line(const char *tag, const char *s, size_t len, size_t at)
{
    size_t b = at, e = at;
    while (b > 0 && s[b - 1] != '\n')
        b--;
    while (e < len && s[e] != '\n')
        e++;
    fprintf(stderr, "%s ", tag);
    for (size_t i = b; i < e && i < b + 600; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7f)
            fputc(c, stderr);
        else
            fprintf(stderr, "\\x%02x", c);
    }
    fputc('\n', stderr);
}

void svf_same(const svf_log *want, const svf_log *got, const char *what)
{
    if (want->len == got->len && memcmp(want->s, got->s, want->len) == 0)
        return;
    size_t i = 0;
    while (i < want->len && i < got->len && want->s[i] == got->s[i])
        i++;
    fprintf(stderr, "%s differs from the whole-buffer run at log byte %zu:\n",
            what, i);
    show_line("want:", want->s, want->len, i);
    show_line("got: ", got->s, got->len, i);
    fprintf(stderr, "---- whole-buffer log ----\n%.*s", (int)want->len,
            want->s);
    fprintf(stderr, "---- %s log ----\n%.*s", what, (int)got->len, got->s);
    fflush(stderr);
    abort();
}
