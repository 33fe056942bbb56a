/*
 * test_capture.c - captures (sv_capture) and page sequences (sv_pages):
 * detection by content, every capture code, exact positions (HTTP bodies
 * at their file positions, HAR entries at their content.text), UTF-16
 * transcoding, base64 split anywhere, redaction of secrets in contexts,
 * the checks across pages, chunk invariance of every capture in the
 * corpus, allocation failures, and flat memory on a generated HAR of more
 * than 200 MB.
 */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "svtest.h"

Suite *sv_suite_capture(void);

/* ------------------------------------------------------------- logging */

typedef struct clog {
    char *s;
    size_t len, cap;
    size_t ndiags;
    struct cdiag {
        sv_diag_code code;
        sv_severity severity;
        uint64_t offset, line, column;
        uint64_t poff, pline, pcol;
        uint64_t document;
        char context[400];
        int has_context;
        char pointer[128];
        char message[512];
    } d[32];
    size_t nsessions;
    char ids[32][32];
    sv_capture *capture;
    sv_position where[8];
    size_t nwhere;
    int abort_at; /* stop from the n-th callback (1-based), 0 never */
    int calls;
} clog;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void lf(clog *l, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    ck_assert(n >= 0);
    if (l->len + (size_t)n + 1 > l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 4096;
        while (cap < l->len + (size_t)n + 1)
            cap *= 2;
        l->s = realloc(l->s, cap);
        ck_assert(l->s != NULL);
        l->cap = cap;
    }
    va_start(ap, fmt);
    vsnprintf(l->s + l->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    l->len += (size_t)n;
}

static int stop(clog *l)
{
    return l->abort_at && ++l->calls == l->abort_at;
}

static int c_diag(void *u, const sv_diag *d)
{
    clog *l = u;
    lf(l,
       "diag %s sev=%d at=%llu:%llu:%llu payload=%llu:%llu:%llu doc=%llu "
       "ctx=%s ptr=%s msg=%s\n",
       sv_diag_name(d->code), (int)d->severity,
       (unsigned long long)d->offset, (unsigned long long)d->line,
       (unsigned long long)d->column, (unsigned long long)d->payload_offset,
       (unsigned long long)d->payload_line,
       (unsigned long long)d->payload_column,
       (unsigned long long)d->document, d->context ? d->context : "(null)",
       d->pointer, d->message);
    ck_assert_uint_eq(strlen(d->message), d->message_len);
    if (d->context)
        ck_assert_uint_eq(strlen(d->context), d->context_len);
    if (l->ndiags < 32) {
        struct cdiag *c = &l->d[l->ndiags];
        c->code = d->code;
        c->severity = d->severity;
        c->offset = d->offset;
        c->line = d->line;
        c->column = d->column;
        c->poff = d->payload_offset;
        c->pline = d->payload_line;
        c->pcol = d->payload_column;
        c->document = d->document;
        c->has_context = d->context != NULL;
        snprintf(c->context, sizeof c->context, "%s",
                 d->context ? d->context : "");
        snprintf(c->pointer, sizeof c->pointer, "%s", d->pointer);
        snprintf(c->message, sizeof c->message, "%s", d->message);
    }
    l->ndiags++;
    return stop(l);
}

static void where(clog *l)
{
    if (!l->capture || l->nwhere >= 8)
        return;
    sv_position w;
    ck_assert_int_eq(sv_capture_where(l->capture, &w), 0);
    lf(l, "where %llu:%llu:%llu payload=%llu:%llu:%llu\n",
       (unsigned long long)w.offset, (unsigned long long)w.line,
       (unsigned long long)w.column, (unsigned long long)w.payload_offset,
       (unsigned long long)w.payload_line,
       (unsigned long long)w.payload_column);
    l->where[l->nwhere++] = w;
}

static int c_session(void *u, const sv_session *s)
{
    clog *l = u;
    lf(l, "session doc=%llu index=%llu offset=%llu errors=%u id=%.*s\n",
       (unsigned long long)s->document, (unsigned long long)s->index,
       (unsigned long long)s->offset, s->errors, (int)s->id.len,
       s->id.ptr ? s->id.ptr : "");
    if (l->nsessions < 32)
        snprintf(l->ids[l->nsessions], 32, "%.*s", (int)s->id.len,
                 s->id.ptr ? s->id.ptr : "");
    l->nsessions++;
    where(l);
    return stop(l);
}

static int c_page(void *u, const sv_page *p)
{
    clog *l = u;
    lf(l, "page doc=%llu offset=%llu results=%llu\n",
       (unsigned long long)p->document, (unsigned long long)p->offset,
       (unsigned long long)p->results.value);
    where(l);
    return stop(l);
}

static int c_entry(void *u, const sv_log_entry *e)
{
    clog *l = u;
    lf(l, "log-entry doc=%llu offset=%llu\n", (unsigned long long)e->document,
       (unsigned long long)e->offset);
    return stop(l);
}

static int c_document(void *u, const sv_document *d)
{
    clog *l = u;
    lf(l, "document %llu kind=%s %llu-%llu errors=%llu\n",
       (unsigned long long)d->index, sv_kind_name(d->kind),
       (unsigned long long)d->offset, (unsigned long long)d->end,
       (unsigned long long)d->errors);
    return stop(l);
}

static const sv_callbacks callbacks = {c_session, c_page, c_entry, c_diag,
                                       c_document};

typedef struct crun {
    clog log;
    sv_status status;
    sv_capture_summary sum;
} crun;

/* Feed buf cut at cuts[0..ncuts), finish, log the end. */
static void run_cuts(const char *buf, size_t len, const sv_options *o,
                     const size_t *cuts, size_t ncuts, crun *r)
{
    memset(r, 0, sizeof *r);
    sv_capture *c = sv_capture_new(o, &callbacks, &r->log);
    ck_assert(c != NULL);
    r->log.capture = c;
    sv_status st = SV_OK;
    size_t at = 0;
    for (size_t i = 0; i <= ncuts && st == SV_OK; i++) {
        size_t end = i < ncuts ? cuts[i] : len;
        st = sv_capture_feed(c, buf + at, end - at);
        at = end;
    }
    if (st == SV_OK)
        st = sv_capture_finish(c);
    r->status = st;
    sv_capture_stats(c, &r->sum);
    const sv_stats *t = &r->sum.totals;
    lf(&r->log,
       "end status=%d input=%d enc=%d payloads=%llu responses=%llu "
       "entries=%llu skipped=%llu docs=%llu sessions=%llu pages=%llu "
       "errors=%llu warnings=%llu suppressed=%llu\n",
       (int)st, (int)r->sum.input, (int)r->sum.encoding,
       (unsigned long long)r->sum.payloads,
       (unsigned long long)r->sum.responses,
       (unsigned long long)r->sum.entries, (unsigned long long)r->sum.skipped,
       (unsigned long long)t->documents, (unsigned long long)t->sessions,
       (unsigned long long)t->pages, (unsigned long long)t->errors,
       (unsigned long long)t->warnings, (unsigned long long)t->suppressed);
    /* bytes: what was fed (all of it unless a feed failed) */
    if (st == SV_OK)
        ck_assert_uint_eq(t->bytes, len);
    /* what the callbacks saw agrees with the counters */
    ck_assert_uint_eq(r->log.ndiags + t->suppressed,
                      t->errors + t->warnings);
    sv_capture_free(c);
    r->log.capture = NULL;
}

static void run_str(const char *s, const sv_options *o, crun *r)
{
    run_cuts(s, strlen(s), o, NULL, 0, r);
}

static void run_chunk(const char *buf, size_t len, const sv_options *o,
                      size_t chunk, crun *r)
{
    size_t n = chunk && len ? (len - 1) / chunk : 0;
    size_t *cuts = malloc((n + 1) * sizeof *cuts);
    ck_assert(cuts != NULL);
    for (size_t i = 0; i < n; i++)
        cuts[i] = (i + 1) * chunk;
    run_cuts(buf, len, o, cuts, n, r);
    free(cuts);
}

static void run_random(const char *buf, size_t len, const sv_options *o,
                       uint64_t seed, size_t max, crun *r)
{
    size_t *cuts = malloc((len + 1) * sizeof *cuts), n = 0;
    ck_assert(cuts != NULL);
    uint64_t st = seed;
    for (size_t at = 0;;) {
        at += 1 + (size_t)(svt_rand(&st) % max);
        if (at >= len)
            break;
        cuts[n++] = at;
    }
    run_cuts(buf, len, o, cuts, n, r);
    free(cuts);
}

static void crun_free(crun *r)
{
    free(r->log.s);
    memset(r, 0, sizeof *r);
}

static void same(const crun *want, const crun *got, const char *what,
                 const char *how)
{
    if (want->log.len == got->log.len &&
        memcmp(want->log.s, got->log.s, want->log.len) == 0)
        return;
    size_t i = 0;
    while (i < want->log.len && i < got->log.len &&
           want->log.s[i] == got->log.s[i])
        i++;
    size_t ls = i;
    while (ls > 0 && want->log.s[ls - 1] != '\n')
        ls--;
    ck_abort_msg("%s: %s differs from the whole run at log byte %zu\n"
                 "want: %.300s\ngot:  %.300s",
                 what, how, i, want->log.s + ls, got->log.s + ls);
}

static int find(const crun *r, sv_diag_code code)
{
    for (size_t i = 0; i < r->log.ndiags && i < 32; i++)
        if (r->log.d[i].code == code)
            return (int)i;
    return -1;
}

static int count(const crun *r, sv_diag_code code)
{
    int n = 0;
    for (size_t i = 0; i < r->log.ndiags && i < 32; i++)
        n += r->log.d[i].code == code;
    return n;
}

/* -------------------------------------------------------------- inputs */

static const char SESSION[] =
    "{\"id\":\"14\",\"type\":\"PolicyBackup\",\"localizedType\":\"Policy "
    "Backup\",\"executionStartTime\":\"2020-02-07T12:21:04.223155Z\","
    "\"executionStopTime\":\"2020-02-07T12:22:22.046855Z\","
    "\"executionDuration\":\"00:01:17.8237000\",\"status\":\"Canceled\","
    "\"usn\":102,\"backupJobInfo\":{\"policyId\":\"a91630ab-1603-47ea-a76c-"
    "0525e77a1188\",\"policyName\":\"Policy 1\",\"protectedInstancesCount\":"
    "0,\"policyRemoved\":false},\"_links\":{\"self\":{\"href\":\"https://h/"
    "api/v1/jobSessions/14\"},\"log\":{\"href\":\"https://h/api/v1/"
    "jobSessions/14/log\"}}}";

/* A session with usn "X" (a string): type-mismatch at the '"'. */
static char *bad_session(void)
{
    static char buf[sizeof SESSION + 8];
    const char *u = strstr(SESSION, "102");
    size_t k = (size_t)(u - SESSION);
    memcpy(buf, SESSION, k);
    memcpy(buf + k, "\"X\"", 3);
    strcpy(buf + k + 3, u + 3);
    return buf;
}

static char *http(const char *status, const char *ctype, long clen,
                  const char *body)
{
    size_t n = strlen(body) + 512;
    char *b = malloc(n);
    ck_assert(b != NULL);
    int k = snprintf(b, n, "HTTP/1.1 %s\r\n", status);
    if (ctype)
        k += snprintf(b + k, n - (size_t)k, "Content-Type: %s\r\n", ctype);
    if (clen >= 0)
        k += snprintf(b + k, n - (size_t)k, "Content-Length: %ld\r\n", clen);
    snprintf(b + k, n - (size_t)k, "\r\n%s", body);
    return b;
}

/* JSON string literal of s (quotes included), escaping " \ and controls. */
static char *jstr(const char *s)
{
    size_t n = strlen(s);
    char *o = malloc(n * 6 + 3), *p = o;
    ck_assert(o != NULL);
    *p++ = '"';
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            *p++ = '\\';
            *p++ = (char)c;
        } else if (c == '\n') {
            *p++ = '\\';
            *p++ = 'n';
        } else if (c < 0x20) {
            p += sprintf(p, "\\u%04x", c);
        } else {
            *p++ = (char)c;
        }
    }
    *p++ = '"';
    *p = '\0';
    return o;
}

static char *b64(const char *s)
{
    static const char t[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t n = strlen(s), k = 0;
    char *o = malloc(n / 3 * 4 + 8);
    ck_assert(o != NULL);
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)u[i] << 16;
        if (i + 1 < n)
            v |= (uint32_t)u[i + 1] << 8;
        if (i + 2 < n)
            v |= u[i + 2];
        o[k++] = t[v >> 18 & 63];
        o[k++] = t[v >> 12 & 63];
        o[k++] = i + 1 < n ? t[v >> 6 & 63] : '=';
        o[k++] = i + 2 < n ? t[v & 63] : '=';
    }
    o[k] = '\0';
    return o;
}

/* A HAR entry; text is a JSON literal (or NULL: none). */
static char *har_entry(const char *url, int status, const char *ctype,
                       const char *text_lit, const char *encoding)
{
    size_t n = strlen(url) + (text_lit ? strlen(text_lit) : 0) + 1024;
    char *b = malloc(n);
    ck_assert(b != NULL);
    snprintf(b, n,
             "{\"request\":{\"method\":\"GET\",\"url\":\"%s\",\"headers\":"
             "[{\"name\":\"Cookie\",\"value\":\"SECRETCOOKIE\"}]},\n"
             "\"response\":{\"status\":%d,\"headers\":[{\"name\":"
             "\"content-type\",\"value\":\"%s\"}],\n\"content\":{"
             "\"mimeType\":\"application/json\"%s%s%s%s%s}}}",
             url, status, ctype, text_lit ? ",\"text\":" : "",
             text_lit ? text_lit : "", encoding ? ",\"encoding\":\"" : "",
             encoding ? encoding : "", encoding ? "\"" : "");
    return b;
}

static char *har(int n, ...)
{
    size_t cap = 256, len = 0;
    char *b = malloc(cap);
    ck_assert(b != NULL);
    len = (size_t)sprintf(b, "{\"log\":{\"version\":\"1.2\",\"entries\":[\n");
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++) {
        char *e = va_arg(ap, char *);
        size_t k = strlen(e);
        while (len + k + 16 > cap)
            cap *= 2;
        b = realloc(b, cap);
        ck_assert(b != NULL);
        if (i)
            b[len++] = ',';
        memcpy(b + len, e, k);
        len += k;
        b[len++] = '\n';
        free(e);
    }
    va_end(ap);
    strcpy(b + len, "]}}\n");
    return b;
}

static sv_options opts(void)
{
    sv_options o;
    sv_options_init(&o);
    return o;
}

/* ------------------------------------------------------------ detection */

START_TEST(test_detect)
{
    static const struct {
        const char *text;
        sv_input want;
    } cases[] = {
        {"{\"log\":{\"entries\":[]}}", SV_INPUT_HAR},
        {" \r\n\t{ \"log\" :\n { \"version\": \"1.2\", \"entries\": [] } }",
         SV_INPUT_HAR},
        /* the jobSessions log document: "log" is an array */
        {"{\"log\":[],\"jobSessionId\":\"1\"}", SV_INPUT_JSON},
        {"{\"jobSessionId\":\"1\",\"log\":{}}", SV_INPUT_JSON},
        {"{\"lo\\u0067\":{}}", SV_INPUT_JSON},
        {"HTTP/1.1 200 OK\r\n\r\n{}", SV_INPUT_HTTP},
        {"HTTP/2 200 \r\n\r\n{}", SV_INPUT_HTTP},
        {"HTTX/1.1 200", SV_INPUT_JSON},
        {"H", SV_INPUT_JSON},
        {"", SV_INPUT_JSON},
        {"[]", SV_INPUT_JSON},
        {"{\"offset\":0}", SV_INPUT_JSON},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sv_options o = opts();
        crun r, r1;
        run_str(cases[i].text, &o, &r);
        ck_assert_msg(r.sum.input == cases[i].want, "case %zu: input %d",
                      i, (int)r.sum.input);
        /* decided the same way a byte at a time */
        run_chunk(cases[i].text, strlen(cases[i].text), &o, 1, &r1);
        same(&r, &r1, cases[i].text, "1-byte chunks");
        crun_free(&r);
        crun_free(&r1);
    }
    /* past the 4 KiB peek with no decision: JSON */
    char *big = malloc(6000);
    memset(big, ' ', 5000);
    strcpy(big + 5000, "{\"log\":{\"entries\":[]}}");
    sv_options o = opts();
    crun r;
    run_str(big, &o, &r);
    ck_assert_int_eq(r.sum.input, SV_INPUT_JSON);
    crun_free(&r);
    free(big);
    /* forced forms */
    o.input = SV_INPUT_JSON;
    run_str("HTTP/1.1 200 OK\r\n\r\n{}", &o, &r);
    ck_assert_int_eq(r.sum.input, SV_INPUT_JSON);
    ck_assert_int_ge(find(&r, SV_DIAG_SYNTAX), 0);
    crun_free(&r);
    o.input = SV_INPUT_HAR;
    run_str("{\"offset\":0}", &o, &r);
    ck_assert_int_eq(r.sum.input, SV_INPUT_HAR);
    ck_assert_int_ge(find(&r, SV_DIAG_HAR), 0);
    crun_free(&r);
    o.input = SV_INPUT_HAR;
    run_str("[1,2]", &o, &r);
    ck_assert_int_ge(find(&r, SV_DIAG_HAR), 0);
    crun_free(&r);
    o.input = SV_INPUT_HTTP;
    run_str("{\"offset\":0}", &o, &r);
    ck_assert_int_ge(find(&r, SV_DIAG_HTTP_SYNTAX), 0);
    crun_free(&r);
    o.input = SV_INPUT_HTTP;
    run_str("", &o, &r);
    ck_assert_int_ge(find(&r, SV_DIAG_HTTP_SYNTAX), 0);
    crun_free(&r);
    /* out of range */
    o.input = (sv_input)9;
    ck_assert(sv_capture_new(&o, NULL, NULL) == NULL);
}
END_TEST

/* ------------------------------------------------------------------ HTTP */

START_TEST(test_http_positions)
{
    /* a body diagnostic is at its place in the file; payload_* are
     * relative to the body */
    const char *body = bad_session();
    char *in = http("200 OK", "application/json; charset=utf-8",
                    (long)strlen(body), body);
    const char *hdr_end = strstr(in, "\r\n\r\n") + 4;
    uint64_t body_off = (uint64_t)(hdr_end - in);
    uint64_t usn = (uint64_t)(strstr(body, "\"X\"") - body);
    sv_options o = opts();
    crun r;
    run_str(in, &o, &r);
    ck_assert_int_eq(r.status, SV_OK);
    ck_assert_int_eq(r.sum.input, SV_INPUT_HTTP);
    ck_assert_uint_eq(r.log.ndiags, 1);
    const struct cdiag *d = &r.log.d[0];
    ck_assert_int_eq(d->code, SV_DIAG_TYPE_MISMATCH);
    ck_assert_uint_eq(d->offset, body_off + usn);
    ck_assert_uint_eq(d->line, 5); /* status, type, length, blank */
    ck_assert_uint_eq(d->column, usn + 1);
    ck_assert_uint_eq(d->poff, usn);
    ck_assert_uint_eq(d->pline, 1);
    ck_assert_uint_eq(d->pcol, usn + 1);
    ck_assert_str_eq(d->context, "response 1 (HTTP/1.1 200 OK)");
    ck_assert_str_eq(d->pointer, "/usn");
    /* the record's offset is the file's; sv_capture_where agrees */
    ck_assert_uint_eq(r.log.nwhere, 1);
    ck_assert_uint_eq(r.log.where[0].offset, body_off);
    ck_assert_uint_eq(r.log.where[0].line, 5);
    ck_assert_uint_eq(r.log.where[0].column, 1);
    ck_assert_uint_eq(r.log.where[0].payload_offset, 0);
    ck_assert(strstr(r.log.s, "session doc=0 index=0 offset=") != NULL);
    crun_free(&r);
    free(in);
}
END_TEST

START_TEST(test_http_codes)
{
    sv_options o = opts();
    crun r;
    /* status, with an RFC 7807 body: http-status and error-response */
    const char *prob =
        "{\"type\":\"t\",\"title\":\"Not Found\",\"status\":404}";
    char *in = http("404 Not Found", "application/problem+json", -1, prob);
    run_str(in, &o, &r);
    int i = find(&r, SV_DIAG_HTTP_STATUS);
    ck_assert_int_ge(i, 0);
    ck_assert_uint_eq(r.log.d[i].offset, 9); /* "404" */
    ck_assert_uint_eq(r.log.d[i].column, 10);
    ck_assert_uint_eq(r.log.d[i].pline, 0);
    ck_assert_int_ge(find(&r, SV_DIAG_ERROR_RESPONSE), 0);
    ck_assert_int_lt(find(&r, SV_DIAG_CONTENT_TYPE), 0);
    crun_free(&r);
    free(in);
    /* content types */
    static const struct {
        const char *ct;
        int ok;
    } cts[] = {{"application/json; charset=utf-8", 1},
               {"Application/JSON; Charset=\"UTF-8\"", 1},
               {"application/json", 1},
               {"application/json;charset=utf-8;v=1", 1},
               {"text/html; charset=utf-8", 0},
               {"application/json; charset=iso-8859-1", 0},
               {"application/problem+json", 0},
               {"", 0}};
    for (size_t k = 0; k < sizeof cts / sizeof cts[0]; k++) {
        in = http("200 OK", cts[k].ct, (long)strlen(SESSION), SESSION);
        run_str(in, &o, &r);
        ck_assert_msg((find(&r, SV_DIAG_CONTENT_TYPE) < 0) == cts[k].ok,
                      "Content-Type: %s", cts[k].ct);
        crun_free(&r);
        free(in);
    }
    /* no Content-Type at all */
    in = http("200 OK", NULL, (long)strlen(SESSION), SESSION);
    run_str(in, &o, &r);
    i = find(&r, SV_DIAG_CONTENT_TYPE);
    ck_assert_int_ge(i, 0);
    ck_assert_uint_eq(r.log.d[i].offset, 0);
    crun_free(&r);
    free(in);
    /* Content-Length against the body as captured: exact, one line end
     * more (LF, CRLF), other bytes more, fewer */
    static const struct {
        long delta; /* Content-Length minus the body's length */
        const char *tail;
        int ok;
    } cls[] = {{0, "", 1},   {-1, "\n", 1},   {-2, "\r\n", 1}, {-1, " ", 0},
               {-2, "\n\n", 0}, {5, "", 0},     {-3, "", 0}};
    for (size_t k = 0; k < sizeof cls / sizeof cls[0]; k++) {
        char body[sizeof SESSION + 8];
        snprintf(body, sizeof body, "%s%s", SESSION, cls[k].tail);
        size_t len = strlen(body);
        in = http("200 OK", "application/json", (long)len + cls[k].delta,
                  body);
        run_str(in, &o, &r);
        ck_assert_msg((find(&r, SV_DIAG_CONTENT_LENGTH) < 0) == cls[k].ok,
                      "case %zu", k);
        if (!cls[k].ok) {
            i = find(&r, SV_DIAG_CONTENT_LENGTH);
            const char *v = strstr(in, "Content-Length: ") + 16;
            ck_assert_uint_eq(r.log.d[i].offset, (uint64_t)(v - in));
        }
        crun_free(&r);
        free(in);
    }
    /* chunked: no Content-Length, no check */
    char *ch = malloc(strlen(SESSION) + 256);
    sprintf(ch, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
                "Content-Type: application/json\r\n\r\n%s", SESSION);
    run_str(ch, &o, &r);
    ck_assert_uint_eq(r.log.ndiags, 0);
    crun_free(&r);
    /* Content-Encoding (curl --compressed: the compressed length, the
     * body decoded): no check; "identity" changes nothing */
    static const struct {
        const char *enc;
        int checked;
    } encs[] = {{"gzip", 0}, {"br", 0}, {"GZIP", 0}, {"identity", 1},
                {"IDENTITY", 1}};
    for (size_t k = 0; k < sizeof encs / sizeof encs[0]; k++) {
        sprintf(ch, "HTTP/1.1 200 OK\r\nContent-Encoding: %s\r\n"
                    "Content-Type: application/json\r\nContent-Length: 17"
                    "\r\n\r\n%s", encs[k].enc, SESSION);
        run_str(ch, &o, &r);
        ck_assert_msg((find(&r, SV_DIAG_CONTENT_LENGTH) >= 0) ==
                          encs[k].checked,
                      "%s", encs[k].enc);
        ck_assert_uint_eq(r.log.ndiags, (size_t)encs[k].checked);
        crun_free(&r);
    }
    free(ch);
    /* http-syntax: status line, header line, number, end in headers */
    static const char *const bad[] = {
        "HTTP/1.1 2000 OK\r\n\r\n{}",  "HTTP/1.1 099 X\r\n\r\n{}",
        "HTTP/1.1 200 OK\r\nNo colon here\r\n\r\n{}",
        "HTTP/1.1 200 OK\r\n: v\r\n\r\n{}",
        "HTTP/1.1 200 OK\r\nContent-Length: -3\r\n\r\n{}",
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n",
        "HTTP/1.1 200 OK",
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        run_str(bad[k], &o, &r);
        ck_assert_msg(find(&r, SV_DIAG_HTTP_SYNTAX) >= 0, "%s", bad[k]);
        ck_assert_int_eq(r.status, SV_OK);
        crun_free(&r);
    }
}
END_TEST

START_TEST(test_http_sequences)
{
    sv_options o = opts();
    crun r;
    /* curl -L: 301 then 200, nothing to say */
    char *a = http("301 Moved Permanently", NULL, 0, "");
    char *b = http("200 OK", "application/json", (long)strlen(SESSION),
                   SESSION);
    char *in = malloc(strlen(a) + strlen(b) + 1);
    sprintf(in, "%s%s", a, b);
    run_str(in, &o, &r);
    ck_assert_uint_eq(r.log.ndiags, 0);
    ck_assert_uint_eq(r.sum.responses, 2);
    ck_assert_uint_eq(r.sum.skipped, 1);
    ck_assert_uint_eq(r.sum.payloads, 1);
    crun_free(&r);
    free(in);
    /* ... and ending with a redirect: http-status on it */
    in = malloc(strlen(a) * 2 + 1);
    sprintf(in, "%s%s", a, a);
    run_str(in, &o, &r);
    ck_assert_int_eq(count(&r, SV_DIAG_HTTP_STATUS), 1);
    ck_assert_uint_eq(r.log.d[0].line, 4); /* the second one's line */
    crun_free(&r);
    free(in);
    free(a);
    /* curl -i URL1 URL2: the second response right after the first
     * body (no line end); each body validated, positions in the file */
    const char *s2 = bad_session();
    char *c2 = http("200 OK", "application/json", (long)strlen(s2), s2);
    in = malloc(strlen(b) + strlen(c2) + 1);
    sprintf(in, "%s%s", b, c2);
    run_str(in, &o, &r);
    ck_assert_uint_eq(r.sum.responses, 2);
    ck_assert_uint_eq(r.sum.payloads, 2);
    ck_assert_uint_eq(r.log.ndiags, 1);
    ck_assert_str_eq(r.log.d[0].context, "response 2 (HTTP/1.1 200 OK)");
    uint64_t at = strlen(b) + (uint64_t)(strstr(c2, "\"X\"") - c2);
    ck_assert_uint_eq(r.log.d[0].offset, at);
    ck_assert_uint_eq(r.log.d[0].document, 1);
    ck_assert(strstr(r.log.s, "document 1 kind=session") != NULL);
    crun_free(&r);
    /* "HTTP/1.1 200" inside a JSON string is not a response */
    char body[600];
    snprintf(body, sizeof body,
             "{\"type\":\"t\",\"title\":\"x HTTP/1.1 200 OK y\",\"status\":"
             "500,\"detail\":\"HTTP/1.1 500 \"}");
    char *c3 = http("500 Oops", "application/problem+json", -1, body);
    run_str(c3, &o, &r);
    ck_assert_uint_eq(r.sum.responses, 1);
    ck_assert_int_ge(find(&r, SV_DIAG_ERROR_RESPONSE), 0);
    crun_free(&r);
    free(c3);
    /* with line ends between responses, LF only */
    char lf_in[1024];
    snprintf(lf_in, sizeof lf_in,
             "HTTP/1.0 200 OK\nContent-Type: application/json\n\n{\"id\":"
             "1}\nHTTP/1.0 200 OK\nContent-Type: application/json\n\n%s",
             "{}");
    run_str(lf_in, &o, &r);
    ck_assert_uint_eq(r.sum.responses, 2);
    crun_free(&r);
    free(in);
    free(b);
    free(c2);
}
END_TEST

/* ------------------------------------------------------------ encodings */

static char *utf16(const char *utf8, int le, size_t *len)
{
    size_t n = strlen(utf8);
    unsigned char *o = malloc(n * 4 + 4);
    size_t k = 0;
    ck_assert(o != NULL);
    o[k++] = le ? 0xFF : 0xFE;
    o[k++] = le ? 0xFE : 0xFF;
    const unsigned char *s = (const unsigned char *)utf8;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        if (s[i] < 0x80) {
            cp = s[i++];
        } else if (s[i] < 0xE0) {
            cp = (uint32_t)(s[i] & 0x1F) << 6 | (s[i + 1] & 0x3F);
            i += 2;
        } else if (s[i] < 0xF0) {
            cp = (uint32_t)(s[i] & 0x0F) << 12 |
                 (uint32_t)(s[i + 1] & 0x3F) << 6 | (s[i + 2] & 0x3F);
            i += 3;
        } else {
            cp = (uint32_t)(s[i] & 0x07) << 18 |
                 (uint32_t)(s[i + 1] & 0x3F) << 12 |
                 (uint32_t)(s[i + 2] & 0x3F) << 6 | (s[i + 3] & 0x3F);
            i += 4;
        }
        uint32_t units[2];
        int nu = 1;
        if (cp >= 0x10000) {
            cp -= 0x10000;
            units[0] = 0xD800 + (cp >> 10);
            units[1] = 0xDC00 + (cp & 0x3FF);
            nu = 2;
        } else {
            units[0] = cp;
        }
        for (int u = 0; u < nu; u++) {
            o[k++] = (unsigned char)(le ? units[u] & 0xFF : units[u] >> 8);
            o[k++] = (unsigned char)(le ? units[u] >> 8 : units[u] & 0xFF);
        }
    }
    *len = k;
    return (char *)o;
}

START_TEST(test_utf16)
{
    /* a page whose policy name holds an emoji (a surrogate pair) and an
     * accented letter, in both byte orders */
    char page[2048];
    snprintf(page, sizeof page,
             "{\"offset\":0,\"limit\":30,\"totalCount\":1,\"results\":[%s],"
             "\"_links\":{\"self\":{\"href\":\"https://h/api/v1/jobSessions"
             "\"}}}",
             SESSION);
    char *p1 = strstr(page, "Policy 1");
    char tmp[2048];
    size_t k = (size_t)(p1 - page);
    memcpy(tmp, page, k);
    sprintf(tmp + k, "Pol\xC3\xAD" "cy \xF0\x9F\x92\xBE%s", p1 + 8);
    sv_options o = opts();
    for (int le = 0; le <= 1; le++) {
        size_t len;
        char *in = utf16(tmp, le, &len);
        crun r, r1;
        run_cuts(in, len, &o, NULL, 0, &r);
        ck_assert_int_eq(r.status, SV_OK);
        ck_assert_int_eq(r.sum.encoding,
                         le ? SV_ENCODING_UTF16LE : SV_ENCODING_UTF16BE);
        ck_assert_uint_eq(r.log.ndiags, 1);
        ck_assert_int_eq(r.log.d[0].code, SV_DIAG_UTF16);
        ck_assert_int_eq(r.log.d[0].severity, SV_SEVERITY_WARNING);
        ck_assert_uint_eq(r.sum.totals.sessions, 1);
        ck_assert_str_eq(r.log.ids[0], "14");
        for (size_t cut = 0; cut <= len; cut += 1) {
            run_cuts(in, len, &o, &cut, 1, &r1);
            same(&r, &r1, "utf16", "a split");
            crun_free(&r1);
        }
        crun_free(&r);
        /* the same without the mark: found from the NUL bytes of the
         * first character (RFC 4627, 3), at every split */
        run_cuts(in + 2, len - 2, &o, NULL, 0, &r);
        ck_assert_int_eq(r.status, SV_OK);
        ck_assert_int_eq(r.sum.encoding,
                         le ? SV_ENCODING_UTF16LE : SV_ENCODING_UTF16BE);
        ck_assert_uint_eq(r.log.ndiags, 1);
        ck_assert_int_eq(r.log.d[0].code, SV_DIAG_UTF16);
        ck_assert_uint_eq(r.log.d[0].offset, 0);
        ck_assert_ptr_nonnull(
            strstr(r.log.d[0].message, "without a byte-order mark"));
        ck_assert_uint_eq(r.sum.totals.sessions, 1);
        ck_assert_str_eq(r.log.ids[0], "14");
        for (size_t cut = 0; cut <= len - 2; cut += 1) {
            run_cuts(in + 2, len - 2, &o, &cut, 1, &r1);
            same(&r, &r1, "utf16", "a split without the mark");
            crun_free(&r1);
        }
        crun_free(&r);
        /* positions count the UTF-8 text: an error after the emoji */
        char *bad = strdup(tmp);
        char *u = strstr(bad, "102");
        memcpy(u, "-10", 3);
        free(in);
        in = utf16(bad, le, &len);
        run_cuts(in, len, &o, NULL, 0, &r);
        int i = find(&r, SV_DIAG_OUT_OF_RANGE);
        ck_assert_int_ge(i, 0);
        ck_assert_uint_eq(r.log.d[i].offset, (uint64_t)(u - bad));
        ck_assert_uint_eq(r.log.d[i].column, (uint64_t)(u - bad) + 1);
        crun_free(&r);
        free(bad);
        free(in);
    }
    /* lone surrogates, an odd byte at the end */
    static const unsigned char lone_high[] = {0xFF, 0xFE, '[', 0, '"', 0,
                                              0x3D, 0xD8, 'x', 0, '"', 0,
                                              ']', 0};
    static const unsigned char lone_low[] = {0xFF, 0xFE, '[', 0, '\n', 0,
                                             '"', 0, 0x00, 0xDC, '"', 0,
                                             ']', 0};
    static const unsigned char high_at_end[] = {0xFE, 0xFF, 0, '"', 0xD8,
                                                0x3D};
    static const unsigned char odd[] = {0xFF, 0xFE, '[', 0, ']'};
    {
        /* without a mark: "1" in UTF-16LE is 31 00; 7B 00 00 00 is not
         * UTF-16 (UTF-32LE, not read: a syntax error at the NUL) */
        static const unsigned char one[] = {'1', 0};
        static const unsigned char u32[] = {'{', 0, 0, 0};
        crun r;
        run_cuts((const char *)one, sizeof one, &o, NULL, 0, &r);
        ck_assert_int_eq(r.sum.encoding, SV_ENCODING_UTF16LE);
        ck_assert_int_eq(r.log.d[0].code, SV_DIAG_UTF16);
        ck_assert_int_eq(r.log.d[1].code, SV_DIAG_TYPE_MISMATCH);
        crun_free(&r);
        run_cuts((const char *)u32, sizeof u32, &o, NULL, 0, &r);
        ck_assert_int_eq(r.sum.encoding, SV_ENCODING_UTF8);
        ck_assert_uint_eq(r.log.ndiags, 1);
        ck_assert_int_eq(r.log.d[0].code, SV_DIAG_SYNTAX);
        ck_assert_uint_eq(r.log.d[0].offset, 1);
        crun_free(&r);
    }
    static const struct {
        const unsigned char *b;
        size_t n;
        uint64_t off, line, col;
    } cases[] = {{lone_high, sizeof lone_high, 2, 1, 3},
                 {lone_low, sizeof lone_low, 3, 2, 2},
                 {high_at_end, sizeof high_at_end, 1, 1, 2},
                 {odd, sizeof odd, 1, 1, 2}};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        crun r, r1;
        run_cuts((const char *)cases[c].b, cases[c].n, &o, NULL, 0, &r);
        ck_assert_int_eq(r.status, SV_ERR_SYNTAX);
        int i = find(&r, SV_DIAG_SYNTAX);
        ck_assert_int_ge(i, 0);
        ck_assert_msg(r.log.d[i].offset == cases[c].off &&
                          r.log.d[i].line == cases[c].line &&
                          r.log.d[i].column == cases[c].col,
                      "case %zu: %llu:%llu:%llu", c,
                      (unsigned long long)r.log.d[i].offset,
                      (unsigned long long)r.log.d[i].line,
                      (unsigned long long)r.log.d[i].column);
        run_chunk((const char *)cases[c].b, cases[c].n, &o, 1, &r1);
        same(&r, &r1, "utf16 error", "1-byte chunks");
        crun_free(&r);
        crun_free(&r1);
    }
}
END_TEST

START_TEST(test_utf8_bom)
{
    char in[sizeof SESSION + 8];
    snprintf(in, sizeof in, "\xEF\xBB\xBF%s", bad_session());
    uint64_t usn = (uint64_t)(strstr(in, "\"X\"") - in);
    sv_options o = opts();
    crun r;
    run_str(in, &o, &r);
    ck_assert_uint_eq(r.log.ndiags, 2);
    ck_assert_int_eq(r.log.d[0].code, SV_DIAG_BOM);
    ck_assert_uint_eq(r.log.d[0].offset, 0);
    ck_assert_int_eq(r.log.d[1].code, SV_DIAG_TYPE_MISMATCH);
    ck_assert_uint_eq(r.log.d[1].offset, usn);
    ck_assert_uint_eq(r.log.d[1].column, usn + 1);
    ck_assert_uint_eq(r.log.d[1].poff, usn - 3);
    ck_assert_uint_eq(r.log.d[1].pcol, usn - 2);
    ck_assert(!r.log.d[1].has_context);
    ck_assert(strstr(r.log.s, "session doc=0 index=0 offset=3 ") != NULL);
    crun_free(&r);
    /* a forced form starts after the mark, at its file position too */
    for (int f = SV_INPUT_JSON; f <= SV_INPUT_HTTP; f++) {
        char *h = http("200 OK", "application/json", -1, bad_session());
        char *b = malloc(strlen(h) + 4);
        sprintf(b, "\xEF\xBB\xBF%s", f == SV_INPUT_JSON ? bad_session() : h);
        o.input = (sv_input)f;
        run_str(b, &o, &r);
        int k = find(&r, SV_DIAG_TYPE_MISMATCH);
        ck_assert_int_ge(k, 0);
        ck_assert_uint_eq(r.log.d[k].offset,
                          (uint64_t)(strstr(b, "\"X\"") - b));
        crun_free(&r);
        free(b);
        free(h);
    }
    o.input = SV_INPUT_AUTO;
    /* strict: the warning is an error */
    o.strict = true;
    run_str("\xEF\xBB\xBF{}", &o, &r);
    ck_assert_int_eq(r.log.d[0].severity, SV_SEVERITY_ERROR);
    crun_free(&r);
    /* part of a mark is not one; invalid UTF-8 stays an error */
    o = opts();
    run_str("\xEF\xBB[1]", &o, &r);
    ck_assert_int_eq(find(&r, SV_DIAG_BOM), -1);
    ck_assert_int_ge(find(&r, SV_DIAG_SYNTAX), 0);
    ck_assert_uint_eq(r.log.d[find(&r, SV_DIAG_SYNTAX)].offset, 0);
    crun_free(&r);
    run_str("\xEF\xBB\xBF[\"\xC0\xAF\"]", &o, &r);
    int i = find(&r, SV_DIAG_SYNTAX);
    ck_assert_int_ge(i, 0);
    ck_assert_uint_eq(r.log.d[i].offset, 5);
    ck_assert_uint_eq(r.log.d[i].column, 6);
    crun_free(&r);
}
END_TEST

/* ------------------------------------------------------------------- HAR */

START_TEST(test_har)
{
    char *sess = jstr(bad_session());
    char *e0 = har_entry("https://h/api/v1/jobSessions/14?token=abc&x=1", 200,
                         "application/json; charset=utf-8", sess, NULL);
    char *e1 = har_entry("https://h/api/v1/policies", 200, "text/html",
                         "\"<html>\"", NULL);
    char *bs = b64(bad_session());
    char *lit = malloc(strlen(bs) + 3);
    sprintf(lit, "\"%s\"", bs);
    char *e2 = har_entry("https://u:p@h/api/v8.1/jobSessions/14", 500,
                         "application/json", lit, "base64");
    char *in = har(3, e0, e1, e2);
    sv_options o = opts();
    o.api = SV_API_AUTO;
    crun r;
    run_str(in, &o, &r);
    ck_assert_int_eq(r.status, SV_OK);
    ck_assert_int_eq(r.sum.input, SV_INPUT_HAR);
    ck_assert_uint_eq(r.sum.entries, 3);
    ck_assert_uint_eq(r.sum.skipped, 1);
    ck_assert_uint_eq(r.sum.payloads, 2);
    /* entries[0]: the type error at the text's quote, payload inside */
    int i = find(&r, SV_DIAG_TYPE_MISMATCH);
    ck_assert_int_ge(i, 0);
    const char *q = strstr(in, "\"text\":") + 7;
    uint64_t qline = 1;
    const char *qls = in;
    for (const char *t = in; t < q; t++)
        if (*t == '\n') {
            qline++;
            qls = t + 1;
        }
    ck_assert_uint_eq(r.log.d[i].offset, (uint64_t)(q - in));
    ck_assert_uint_eq(r.log.d[i].line, qline);
    ck_assert_uint_eq(r.log.d[i].column, (uint64_t)(q - qls) + 1);
    uint64_t usn = (uint64_t)(strstr(bad_session(), "\"X\"") - bad_session());
    ck_assert_uint_eq(r.log.d[i].poff, usn);
    ck_assert_uint_eq(r.log.d[i].pline, 1);
    ck_assert_uint_eq(r.log.d[i].pcol, usn + 1);
    ck_assert_str_eq(r.log.d[i].context,
                     "entries[0] GET https://h/api/v1/jobSessions/14?"
                     "token=***&x=1");
    /* entries[2]: v8 (no usn there: the string usn is unknown, and the
     * status is reported, user info hidden) */
    i = find(&r, SV_DIAG_HTTP_STATUS);
    ck_assert_int_ge(i, 0);
    ck_assert_str_eq(r.log.d[i].context,
                     "entries[2] GET https://***@h/api/v8.1/jobSessions/14");
    ck_assert_uint_eq(r.log.d[i].pline, 0);
    ck_assert_int_eq(count(&r, SV_DIAG_TYPE_MISMATCH), 1);
    /* where: the text's quote, and the session's '{' inside */
    ck_assert_uint_eq(r.log.nwhere, 2);
    ck_assert_uint_eq(r.log.where[0].offset, (uint64_t)(q - in));
    ck_assert_uint_eq(r.log.where[0].payload_offset, 0);
    ck_assert_uint_eq(r.log.where[0].payload_line, 1);
    /* documents count across entries */
    ck_assert(strstr(r.log.s, "document 1 kind=session") != NULL);
    /* base64 split at every point gives the same */
    size_t len = strlen(in);
    const char *b0 = strstr(in, bs);
    for (size_t cut = (size_t)(b0 - in) - 2; cut <= (size_t)(b0 - in) +
                                                        strlen(bs) + 2;
         cut++) {
        crun r1;
        run_cuts(in, len, &o, &cut, 1, &r1);
        same(&r, &r1, "har", "a split in the base64 text");
        crun_free(&r1);
    }
    crun r1;
    run_chunk(in, len, &o, 1, &r1);
    same(&r, &r1, "har", "1-byte chunks");
    crun_free(&r1);
    crun_free(&r);
    free(in);
    free(sess);
    free(bs);
    free(lit);
}
END_TEST

START_TEST(test_har_orders)
{
    /* content before request (buffered until the URL), encoding after
     * text (base64 sniffed and held), text before status and headers */
    char *bs = b64(SESSION);
    char in[8192];
    snprintf(in, sizeof in,
             "{\"log\":{\"entries\":[{\"response\":{\"content\":{\"text\":"
             "\"%s\",\"encoding\":\"base64\"},\"status\":200,\"headers\":[]}"
             ",\"request\":{\"url\":\"/api/v1/jobSessions/14\",\"method\":"
             "\"GET\"}},{\"request\":{\"url\":\"/api/v1/jobSessions/14\"},"
             "\"response\":{\"status\":200,\"headers\":[{\"value\":"
             "\"application/json\",\"name\":\"Content-Type\"}],\"content\":"
             "{\"text\":\"%s\",\"encoding\":\"base64\"}}}]}}",
             bs, bs);
    sv_options o = opts();
    crun r, r1;
    run_str(in, &o, &r);
    ck_assert_uint_eq(r.sum.payloads, 2);
    ck_assert_uint_eq(r.sum.totals.sessions, 2);
    /* the first has no Content-Type (nor mimeType) */
    ck_assert_int_eq(count(&r, SV_DIAG_CONTENT_TYPE), 1);
    ck_assert_uint_eq(r.log.ndiags, 1);
    run_chunk(in, strlen(in), &o, 1, &r1);
    same(&r, &r1, "har orders", "1-byte chunks");
    crun_free(&r1);
    crun_free(&r);
    /* text held (before the URL, or base64 before its encoding) past
     * max_token: limit-exceeded, not validated */
    o.max_token = 64;
    run_str(in, &o, &r);
    ck_assert_int_eq(count(&r, SV_DIAG_LIMIT_EXCEEDED), 2);
    ck_assert_uint_eq(r.sum.payloads, 0);
    crun_free(&r);
    free(bs);
}
END_TEST

START_TEST(test_har_codes)
{
    sv_options o = opts();
    crun r;
    static const struct {
        const char *in;
        sv_diag_code code;
        sv_status status;
    } cases[] = {
        {"{\"log\":{\"version\":\"1.2\"}}", SV_DIAG_HAR, SV_OK},
        {"{\"log\":{\"entries\":{}}}", SV_DIAG_HAR, SV_OK},
        {"{\"log\":{\"entries\":[1]}}", SV_DIAG_HAR, SV_OK},
        {"{\"log\":{\"entries\":[{\"response\":{}}]}}", SV_DIAG_HAR, SV_OK},
        {"{\"log\":{\"entries\":[{\"request\":{\"url\":\"/api/v1/"
         "jobSessions\"},\"response\":{\"status\":200,\"content\":{}}}]}}",
         SV_DIAG_HAR, SV_OK},
        {"{\"log\":{\"entries\":[{\"request\":{\"url\":\"/api/v1/"
         "jobSessions\"},\"response\":{\"status\":200,\"content\":{\"text\":"
         "\"e30*\",\"encoding\":\"base64\"}}}]}}",
         SV_DIAG_HAR, SV_OK},
        {"{\"log\":{\"entries\":[{\"request\":{\"url\":\"/api/v1/"
         "jobSessions\"},\"response\":{\"status\":0,\"content\":{\"text\":"
         "\"{}\"}}}]}}",
         SV_DIAG_HTTP_STATUS, SV_OK},
        {"{\"log\":{\"entries\":[{\"a\":\"\\x\"}]}}", SV_DIAG_SYNTAX,
         SV_ERR_SYNTAX},
        {"{\"log\":{\"entries\":[{\"a\":\"\x01\"}]}}", SV_DIAG_SYNTAX,
         SV_ERR_SYNTAX},
        {"{\"log\":{\"entries\":[{\"a\":\"\xC3\"}]}}", SV_DIAG_SYNTAX,
         SV_ERR_SYNTAX},
        {"{\"log\":{\"entries\":[{\"a\" 1}]}}", SV_DIAG_SYNTAX,
         SV_ERR_SYNTAX},
        {"{\"log\":{\"entries\":[{\"a\":\"b\" \"c\"}]}}", SV_DIAG_SYNTAX,
         SV_ERR_SYNTAX},
        {"{\"log\":{\"entries\":[{\"a\":\"b\"}]}} x", SV_DIAG_SYNTAX,
         SV_ERR_SYNTAX},
        {"{\"log\":{\"entries\":[", SV_DIAG_TRUNCATED, SV_ERR_SYNTAX},
        {"{\"log\":{\"entries\":[\"abc", SV_DIAG_TRUNCATED, SV_ERR_SYNTAX},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        crun r1;
        run_str(cases[k].in, &o, &r);
        ck_assert_msg(find(&r, cases[k].code) >= 0, "case %zu: %s", k,
                      r.log.s);
        ck_assert_msg(r.status == cases[k].status, "case %zu: status %d", k,
                      (int)r.status);
        run_chunk(cases[k].in, strlen(cases[k].in), &o, 1, &r1);
        same(&r, &r1, cases[k].in, "1-byte chunks");
        crun_free(&r1);
        crun_free(&r);
    }
    /* a syntax error's position does not depend on chunking */
    const char *bad = "{\"log\":{\"entries\":[{\"n\": 12 34}]}}";
    run_str(bad, &o, &r);
    int i = find(&r, SV_DIAG_SYNTAX);
    ck_assert_int_ge(i, 0);
    ck_assert_uint_eq(r.log.d[i].offset, (uint64_t)(strstr(bad, "34") - bad));
    crun_free(&r);
    /* a member name past the HAR's token limit */
    char *big = malloc(10000);
    strcpy(big, "{\"log\":{\"");
    memset(big + 9, 'k', 5000);
    strcpy(big + 5009, "\":1}}");
    run_str(big, &o, &r);
    ck_assert_int_ge(find(&r, SV_DIAG_LIMIT_EXCEEDED), 0);
    ck_assert_int_eq(r.status, SV_ERR_LIMIT);
    crun_free(&r);
    free(big);
    /* depth */
    o.max_depth = 4;
    run_str("{\"log\":{\"entries\":[{\"a\":[[[]]]}]}}", &o, &r);
    ck_assert_int_ge(find(&r, SV_DIAG_LIMIT_EXCEEDED), 0);
    crun_free(&r);
}
END_TEST

START_TEST(test_har_urls)
{
    /* which URLs are the API's, and what a context shows of them */
    static const struct {
        const char *url;
        int ours;
        const char *shown;
    } cases[] = {
        {"https://h/api/v1/jobSessions", 1, "https://h/api/v1/jobSessions"},
        {"https://h/api/v1/jobSessions/", 1, NULL},
        {"https://h/api/v1/jobsessions?Offset=30&Limit=30", 1,
         "https://h/api/v1/jobsessions?Offset=30&Limit=30"},
        {"https://h/vbazure/api/v8.1/jobSessions/42/log", 1, NULL},
        {"/api/v1/jobSessions/42", 1, "/api/v1/jobSessions/42"},
        {"https://h/api/v1/jobSessions/42/restoredItems", 0, NULL},
        {"https://h/api/v1/jobSessionsX", 0, NULL},
        {"https://h/api/vx/jobSessions", 0, NULL},
        {"https://h/api/v1/jobSessions?x=/api/v1/policies", 1, NULL},
        {"https://h/other?u=/api/v1/jobSessions", 0, NULL},
        {"https://h/api/v1/jobSessions?client_secret=s3&code=c&"
         "PolicyId=a91630ab-1603-47ea-a76c-0525e77a1188&sig=x%2By",
         1,
         "https://h/api/v1/jobSessions?client_secret=***&code=***&"
         "PolicyId=a91630ab-1603-47ea-a76c-0525e77a1188&sig=***"},
        {"https://h/api/v1/jobSessions?t=eyJhbGciOiJIUzI1NiJ9.e30.x&"
         "q=AAAABBBBCCCCDDDDEEEEFFFFGGGGHHHH1234#access_token=zz",
         1, "https://h/api/v1/jobSessions?t=***&q=***#access_token=***"},
        {"https://user:pw@h/api/v1/jobSessions?a b", 1,
         "https://***@h/api/v1/jobSessions?a%20b"},
    };
    sv_options o = opts();
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char *in = har(1, har_entry(cases[k].url, 404, "application/json",
                                    "\"{}\"", NULL));
        crun r;
        run_str(in, &o, &r);
        ck_assert_msg((r.sum.payloads == 1) == cases[k].ours, "%s",
                      cases[k].url);
        if (cases[k].ours) {
            int i = find(&r, SV_DIAG_HTTP_STATUS);
            ck_assert_int_ge(i, 0);
            if (cases[k].shown) {
                char want[512];
                snprintf(want, sizeof want, "entries[0] GET %s",
                         cases[k].shown);
                ck_assert_str_eq(r.log.d[i].context, want);
            }
            /* never a header value (the Cookie's) */
            ck_assert(strstr(r.log.s, "SECRETCOOKIE") == NULL);
        }
        crun_free(&r);
        free(in);
    }
}
END_TEST

/* ------------------------------------------------------- corpus chunks */

static char **capture_files(void)
{
    char dir[512];
    snprintf(dir, sizeof dir, "%s/captures", svt_corpus());
    static const char *const exts[] = {".http", ".har", ".json"};
    char **all = calloc(1, sizeof *all);
    size_t n = 0;
    for (size_t e = 0; e < 3; e++) {
        char **l = svt_list(dir, exts[e]);
        size_t k = 0;
        while (l[k])
            k++;
        all = realloc(all, (n + k + 1) * sizeof *all);
        memcpy(all + n, l, k * sizeof *all);
        n += k;
        all[n] = NULL;
        free(l);
    }
    ck_assert_msg(n >= 10, "corpus/captures: %zu files", n);
    return all;
}

START_TEST(test_corpus_chunks)
{
    char **files = capture_files();
    sv_options o = opts();
    for (size_t f = 0; files[f]; f++) {
        size_t len;
        char *buf = svt_read_file(files[f], &len);
        crun whole, r;
        run_cuts(buf, len, &o, NULL, 0, &whole);
        size_t step = len > 3000 ? 97 : 1;
        for (size_t cut = 0; cut <= len; cut += step) {
            run_cuts(buf, len, &o, &cut, 1, &r);
            char how[64];
            snprintf(how, sizeof how, "split at %zu", cut);
            same(&whole, &r, files[f], how);
            crun_free(&r);
        }
        run_chunk(buf, len, &o, 1, &r);
        same(&whole, &r, files[f], "1-byte chunks");
        crun_free(&r);
        for (uint64_t seed = 1; seed <= 6; seed++) {
            run_random(buf, len, &o, seed, seed * 17, &r);
            same(&whole, &r, files[f], "random chunks");
            crun_free(&r);
        }
        /* a reset capture gives what a fresh one gives */
        sv_capture *c = sv_capture_new(&o, &callbacks, &r.log);
        memset(&r, 0, sizeof r);
        r.log.capture = c;
        sv_capture_feed(c, buf, len / 2);
        ck_assert_int_eq(sv_capture_reset(c), SV_OK);
        free(r.log.s);
        memset(&r.log, 0, sizeof r.log);
        r.log.capture = c;
        sv_status st = sv_capture_feed(c, buf, len);
        if (st == SV_OK)
            st = sv_capture_finish(c);
        ck_assert_int_eq(st, whole.status);
        sv_capture_summary s1;
        sv_capture_stats(c, &s1);
        ck_assert_mem_eq(&s1.input, &whole.sum.input,
                         sizeof s1 - offsetof(sv_capture_summary, input));
        s1.totals.bytes = whole.sum.totals.bytes;
        ck_assert_mem_eq(&s1.totals, &whole.sum.totals, sizeof s1.totals);
        sv_capture_free(c);
        crun_free(&r);
        crun_free(&whole);
        free(buf);
    }
    svt_free_list(files);
}
END_TEST

/* -------------------------------------------------------- misc contracts */

START_TEST(test_contracts)
{
    sv_options o = opts();
    crun r;
    /* max_diagnostics counts across payloads */
    const char *s = bad_session();
    char *one = http("500 X", "text/plain", 3, s);
    size_t n1 = strlen(one);
    char *three = malloc(n1 * 3 + 1);
    sprintf(three, "%s%s%s", one, one, one);
    run_str(three, &o, &r);
    uint64_t all = r.log.ndiags;
    ck_assert_uint_ge(all, 9);
    crun_free(&r);
    for (uint64_t m = 1; m <= all + 1; m++) {
        o.max_diagnostics = m;
        run_str(three, &o, &r);
        ck_assert_uint_eq(r.log.ndiags, m < all ? m : all);
        ck_assert_uint_eq(r.sum.totals.suppressed, m < all ? all - m : 0);
        crun_free(&r);
    }
    o = opts();
    /* a callback stops the capture: from a payload's diagnostic and from
     * the capture's own */
    for (int at = 1; at <= 4; at++) {
        sv_capture *c;
        clog l;
        memset(&l, 0, sizeof l);
        l.abort_at = at;
        c = sv_capture_new(&o, &callbacks, &l);
        l.capture = c;
        sv_status st = sv_capture_feed(c, three, strlen(three));
        if (st == SV_OK)
            st = sv_capture_finish(c);
        ck_assert_int_eq(st, SV_ERR_ABORTED);
        ck_assert_int_eq(sv_capture_feed(c, "x", 1), SV_ERR_ABORTED);
        sv_capture_free(c);
        free(l.s);
    }
    free(three);
    free(one);
    /* misuse */
    sv_capture *c = sv_capture_new(NULL, NULL, NULL);
    ck_assert(c != NULL);
    ck_assert_int_eq(sv_capture_feed(c, NULL, 1), SV_ERR_MISUSE);
    ck_assert_int_eq(sv_capture_feed(c, "{}", 2), SV_OK);
    ck_assert_int_eq(sv_capture_finish(c), SV_OK);
    ck_assert_int_eq(sv_capture_feed(c, "{}", 2), SV_ERR_MISUSE);
    ck_assert_int_eq(sv_capture_finish(c), SV_ERR_MISUSE);
    sv_position w;
    ck_assert_int_eq(sv_capture_where(c, &w), -1);
    ck_assert_int_eq(sv_capture_reset(c), SV_OK);
    ck_assert_int_eq(sv_capture_feed(c, "[]", 2), SV_OK);
    ck_assert_int_eq(sv_capture_finish(c), SV_OK);
    sv_capture_free(c);
    sv_capture_free(NULL);
    ck_assert_int_eq(sv_capture_feed(NULL, "x", 1), SV_ERR_MISUSE);
    ck_assert_int_eq(sv_capture_status(NULL), SV_ERR_MISUSE);
    /* plain JSON: the same diagnostics as the parser's, no context */
    run_str(bad_session(), &o, &r);
    ck_assert_uint_eq(r.log.ndiags, 1);
    ck_assert(!r.log.d[0].has_context);
    ck_assert_uint_eq(r.log.d[0].offset, r.log.d[0].poff);
    ck_assert_uint_eq(r.log.d[0].line, r.log.d[0].pline);
    crun_free(&r);
    /* an empty input: as the parser says it */
    run_str("", &o, &r);
    ck_assert_int_eq(r.status, SV_ERR_SYNTAX);
    ck_assert_int_ge(find(&r, SV_DIAG_TRUNCATED), 0);
    crun_free(&r);
}
END_TEST

/* ---------------------------------------------------------------- pages */

typedef struct plog {
    int n;
    sv_diag_code codes[16];
    char msgs[16][512];
    char pointers[16][64];
    uint64_t lines[16];
} plog;

static int p_diag(void *u, const sv_diag *d)
{
    plog *l = u;
    if (l->n < 16) {
        l->codes[l->n] = d->code;
        snprintf(l->msgs[l->n], 512, "%s", d->message);
        snprintf(l->pointers[l->n], 64, "%s", d->pointer);
        l->lines[l->n] = d->line;
    }
    l->n++;
    return 0;
}

static sv_page mkpage(int64_t off, int64_t limit, int64_t total,
                      uint64_t results)
{
    sv_page p;
    memset(&p, 0, sizeof p);
    p.page_offset = (sv_int){off, SV_VALID};
    p.limit = (sv_int){limit, SV_VALID};
    p.total_count = (sv_int){total, SV_VALID};
    p.results = (sv_count){results, SV_VALID};
    return p;
}

static void add_ids(sv_pages *s, uint64_t doc, const char *const *ids,
                    size_t n)
{
    for (size_t i = 0; i < n; i++) {
        sv_session x;
        memset(&x, 0, sizeof x);
        x.document = doc;
        x.index = i;
        x.id = (sv_str){ids[i], strlen(ids[i]), SV_VALID};
        ck_assert_int_eq(sv_pages_session(s, &x), SV_OK);
    }
}

START_TEST(test_pages)
{
    plog l;
    memset(&l, 0, sizeof l);
    sv_callbacks cb = {0};
    cb.on_diag = p_diag;
    sv_pages *s = sv_pages_new(NULL, &cb, &l);
    ck_assert(s != NULL);
    static const char *const a[] = {"1", "2", "3"};
    static const char *const b[] = {"4", "5", "1"};
    static const char *const c[] = {"9"};
    sv_position w;
    memset(&w, 0, sizeof w);
    w.line = 7;
    add_ids(s, 0, a, 3);
    sv_page p = mkpage(0, 3, 10, 3);
    ck_assert_int_eq(sv_pages_page(s, &p, "a.json", &w), SV_OK);
    ck_assert_int_eq(l.n, 0);
    add_ids(s, 0, b, 3);
    p = mkpage(4, 3, 11, 3); /* gap, total changed, dup id "1" */
    ck_assert_int_eq(sv_pages_page(s, &p, "b.json", &w), SV_OK);
    ck_assert_int_eq(l.n, 3);
    ck_assert_int_eq(l.codes[0], SV_DIAG_PAGES_OFFSET);
    ck_assert(strstr(l.msgs[0], "a.json") && strstr(l.msgs[0], "missing"));
    ck_assert_int_eq(l.codes[1], SV_DIAG_PAGES_TOTAL_COUNT);
    ck_assert_int_eq(l.codes[2], SV_DIAG_PAGES_DUPLICATE_ID);
    ck_assert_str_eq(l.pointers[2], "/results/2/id");
    ck_assert(strstr(l.msgs[2], "results[0] of a.json"));
    ck_assert_uint_eq(l.lines[2], 7);
    /* a session of another document is not this page's */
    add_ids(s, 5, a, 1);
    add_ids(s, 6, c, 1);
    p = mkpage(7, 4, 11, 1); /* limit changed; previous page was full */
    p.document = 6;
    ck_assert_int_eq(sv_pages_page(s, &p, "c.json", NULL), SV_OK);
    ck_assert_int_eq(l.n, 4);
    ck_assert_int_eq(l.codes[3], SV_DIAG_PAGES_LIMIT);
    p = mkpage(6, 4, 11, 2); /* after a short page, overlapping */
    ck_assert_int_eq(sv_pages_page(s, &p, "d.json", NULL), SV_OK);
    ck_assert_int_eq(l.n, 6);
    ck_assert_int_eq(l.codes[4], SV_DIAG_PAGES_OFFSET);
    ck_assert(strstr(l.msgs[4], "overlap"));
    ck_assert_int_eq(l.codes[5], SV_DIAG_PAGES_SHORT_PAGE);
    ck_assert_int_eq(sv_pages_finish(s), SV_OK);
    ck_assert_int_eq(l.n, 7);
    ck_assert_int_eq(l.codes[6], SV_DIAG_PAGES_COUNT);
    ck_assert(strstr(l.msgs[6], "9 sessions, totalCount is 11"));
    ck_assert_int_eq(sv_pages_finish(s), SV_ERR_MISUSE);
    sv_pages_free(s);
    /* a clean listing: nothing */
    memset(&l, 0, sizeof l);
    s = sv_pages_new(NULL, &cb, &l);
    char id[16];
    for (int k = 0; k < 4; k++) {
        for (int i = 0; i < (k < 3 ? 50 : 20); i++) {
            sv_session x;
            memset(&x, 0, sizeof x);
            snprintf(id, sizeof id, "%d", k * 50 + i);
            x.id = (sv_str){id, strlen(id), SV_VALID};
            x.index = (uint64_t)i;
            sv_pages_session(s, &x);
        }
        p = mkpage(k * 50, 50, 170, k < 3 ? 50 : 20);
        sv_pages_page(s, &p, "p.json", NULL);
    }
    ck_assert_int_eq(sv_pages_finish(s), SV_OK);
    ck_assert_int_eq(l.n, 0);
    sv_pages_free(s);
    /* many ids: the table grows */
    memset(&l, 0, sizeof l);
    s = sv_pages_new(NULL, &cb, &l);
    for (int k = 0; k < 2; k++) {
        for (int i = 0; i < 5000; i++) {
            sv_session x;
            memset(&x, 0, sizeof x);
            snprintf(id, sizeof id, "id-%d", i + (k ? 4999 : 0));
            x.id = (sv_str){id, strlen(id), SV_VALID};
            x.index = (uint64_t)i;
            sv_pages_session(s, &x);
        }
        p = mkpage(k * 5000, 5000, 10000, 5000);
        sv_pages_page(s, &p, k ? "2" : "1", NULL);
    }
    ck_assert_int_eq(l.n, 1);
    ck_assert_int_eq(l.codes[0], SV_DIAG_PAGES_DUPLICATE_ID);
    sv_pages_free(s);
}
END_TEST

START_TEST(test_api_profiles)
{
    /* repositoryId is an integer in v1, a string in v8.1 */
    static const char v8only[] =
        "{\"id\":\"8\",\"status\":\"Success\",\"repositoryJobInfo\":"
        "{\"repositoryId\":\"1\",\"repositoryName\":\"r\","
        "\"repositoryRemoved\":false}}";
    sv_options o = opts();
    o.kind = SV_KIND_SESSION;
    crun r;
    /* plain JSON and HTTP take the options' contract */
    o.api = SV_API_V8;
    run_str(v8only, &o, &r);
    ck_assert_uint_eq(r.log.ndiags, 0);
    crun_free(&r);
    char *h = http("200 OK", "application/json", -1, v8only);
    run_str(h, &o, &r);
    ck_assert_uint_eq(r.log.ndiags, 0);
    crun_free(&r);
    o.api = SV_API_V1;
    run_str(h, &o, &r);
    ck_assert_int_eq(count(&r, SV_DIAG_TYPE_MISMATCH), 1);
    crun_free(&r);
    /* ... and so does AUTO without a URL: v1 */
    o.api = SV_API_AUTO;
    run_str(v8only, &o, &r);
    ck_assert_int_eq(count(&r, SV_DIAG_TYPE_MISMATCH), 1);
    crun_free(&r);
    free(h);
    /* a HAR under AUTO: per entry, from its URL, back and forth */
    char *lit = jstr(v8only);
    char *in = har(3, har_entry("/api/v8.1/jobSessions/8", 200,
                                "application/json", lit, NULL),
                   har_entry("/api/v1/jobSessions/8", 200,
                             "application/json", lit, NULL),
                   har_entry("/api/v8/jobSessions/8", 200,
                             "application/json", lit, NULL));
    run_str(in, &o, &r);
    ck_assert_uint_eq(r.sum.payloads, 3);
    ck_assert_int_eq(count(&r, SV_DIAG_TYPE_MISMATCH), 1);
    ck_assert(strstr(r.log.d[find(&r, SV_DIAG_TYPE_MISMATCH)].context,
                     "entries[1]") != NULL);
    crun_free(&r);
    /* a fixed contract wins over the URL */
    o.api = SV_API_V1;
    run_str(in, &o, &r);
    ck_assert_int_eq(count(&r, SV_DIAG_TYPE_MISMATCH), 3);
    crun_free(&r);
    free(in);
    free(lit);
}
END_TEST

/* -------------------------------------------------------------- memory */

typedef struct counter {
    uint64_t allocs, live, peak;
    int64_t fail_at;
} counter;

static void *m_malloc(void *ctx, size_t n)
{
    counter *c = ctx;
    if (c->fail_at >= 0 && (int64_t)c->allocs++ == c->fail_at)
        return NULL;
    if (c->fail_at < 0)
        c->allocs++;
    size_t *b = malloc(n + 16);
    if (!b)
        return NULL;
    b[0] = n;
    c->live += n;
    if (c->live > c->peak)
        c->peak = c->live;
    return b + 2;
}

static void m_free(void *ctx, void *p)
{
    counter *c = ctx;
    if (!p)
        return;
    size_t *b = (size_t *)p - 2;
    c->live -= b[0];
    free(b);
}

static void *m_realloc(void *ctx, void *p, size_t n)
{
    counter *c = ctx;
    if (!p)
        return m_malloc(ctx, n);
    if (c->fail_at >= 0 && (int64_t)c->allocs++ == c->fail_at)
        return NULL;
    if (c->fail_at < 0)
        c->allocs++;
    size_t *b = (size_t *)p - 2;
    size_t old = b[0];
    size_t *nb = realloc(b, n + 16);
    if (!nb)
        return NULL;
    nb[0] = n;
    c->live = c->live - old + n;
    if (c->live > c->peak)
        c->peak = c->live;
    return nb + 2;
}

static sv_options counted(counter *c)
{
    sv_options o = opts();
    memset(c, 0, sizeof *c);
    c->fail_at = -1;
    o.allocator.malloc_fn = m_malloc;
    o.allocator.realloc_fn = m_realloc;
    o.allocator.free_fn = m_free;
    o.allocator.ctx = c;
    return o;
}

START_TEST(test_alloc_failures)
{
    /* every allocation failing in turn: NULL or SV_ERR_NOMEM, no leak */
    char *sess = jstr(SESSION);
    char *in = har(2, har_entry("/api/v1/jobSessions/1", 200,
                                "application/json", sess, NULL),
                   har_entry("/x", 200, "text/plain", "\"QUJD\"",
                             "base64"));
    char *h = http("200 OK", "application/json", (long)strlen(SESSION),
                   SESSION);
    const char *inputs[] = {in, h, "\xEF\xBB\xBF[]"};
    for (size_t k = 0; k < 3; k++) {
        for (int64_t f = 0;; f++) {
            counter c;
            sv_options o = counted(&c);
            c.fail_at = f;
            clog l;
            memset(&l, 0, sizeof l);
            sv_capture *cap = sv_capture_new(&o, &callbacks, &l);
            if (!cap) {
                ck_assert_uint_eq(c.live, 0);
                free(l.s);
                continue;
            }
            l.capture = cap;
            sv_status st = sv_capture_feed(cap, inputs[k], strlen(inputs[k]));
            if (st == SV_OK)
                st = sv_capture_finish(cap);
            int failed = st == SV_ERR_NOMEM;
            ck_assert(st == SV_OK || failed);
            sv_capture_free(cap);
            free(l.s);
            ck_assert_uint_eq(c.live, 0);
            if (!failed && (int64_t)c.allocs <= f)
                break; /* no allocation left to fail */
        }
    }
    free(in);
    free(h);
    free(sess);
}
END_TEST

/* A HAR of `entries` entries made on the fly: pages (as JSON text) and,
 * every fourth, an unrelated entry with a large base64 body. */
typedef struct gen {
    char *page_entry, *other_entry;
    size_t page_len, other_len;
    uint64_t entries, made;
    int stage;     /* 0 head, 1 entries, 2 done */
    int comma;     /* the comma before the next entry was given */
} gen;

static void gen_init(gen *g, uint64_t entries)
{
    memset(g, 0, sizeof g[0]);
    /* a page of 50 sessions with distinct ids */
    size_t n = 0;
    char *page = malloc(64 * 1024);
    ck_assert(page != NULL);
    n += (size_t)sprintf(page, "{\"offset\":0,\"limit\":50,\"totalCount\":50,"
                               "\"results\":[");
    /* the session with its id (and the id in its links) replaced */
    for (int i = 0; i < 50; i++) {
        if (i)
            page[n++] = ',';
        char id[16];
        int idn = snprintf(id, sizeof id, "%d", i);
        for (const char *t = SESSION; *t;) {
            if (strncmp(t, "14\"", 3) == 0 || strncmp(t, "14/", 3) == 0) {
                memcpy(page + n, id, (size_t)idn);
                n += (size_t)idn;
                t += 2;
            } else {
                page[n++] = *t++;
            }
        }
    }
    sprintf(page + n, "],\"_links\":{\"self\":{\"href\":"
                      "\"https://h/api/v1/jobSessions\"}}}");
    char *lit = jstr(page);
    g->page_entry = har_entry("https://h/api/v1/jobSessions?offset=0&limit=50",
                              200, "application/json; charset=utf-8", lit,
                              NULL);
    g->page_len = strlen(g->page_entry);
    /* 48 KiB of an "image", base64 */
    char *img = malloc(49153);
    ck_assert(img != NULL);
    for (int i = 0; i < 49152; i++)
        img[i] = (char)(1 + i % 250);
    img[49152] = '\0';
    char *bimg = b64(img);
    char *blit = malloc(strlen(bimg) + 3);
    sprintf(blit, "\"%s\"", bimg);
    g->other_entry = har_entry("https://h/assets/logo.png", 200, "image/png",
                               blit, "base64");
    g->other_len = strlen(g->other_entry);
    g->entries = entries;
    free(page);
    free(lit);
    free(img);
    free(bimg);
    free(blit);
}

static void gen_free(gen *g)
{
    free(g->page_entry);
    free(g->other_entry);
}

/* The next piece: a pointer into the generator's own strings; NULL at
 * the end. */
static const char *gen_next(gen *g, size_t *n)
{
    static const char head[] = "{\"log\":{\"version\":\"1.2\",\"creator\":{"
                               "\"name\":\"gen\",\"version\":\"1\"},"
                               "\"entries\":[\n";
    static const char tail[] = "]}}\n";
    if (g->stage == 0) {
        g->stage = 1;
        *n = sizeof head - 1;
        return head;
    }
    if (g->stage == 2)
        return NULL;
    if (g->made == g->entries) {
        g->stage = 2;
        *n = sizeof tail - 1;
        return tail;
    }
    if (g->made && !g->comma) {
        g->comma = 1;
        *n = 2;
        return ",\n";
    }
    g->comma = 0;
    int page = g->made % 4 != 3;
    g->made++;
    *n = page ? g->page_len : g->other_len;
    return page ? g->page_entry : g->other_entry;
}

static int quiet_diag(void *u, const sv_diag *d)
{
    uint64_t *n = u;
    if ((*n)++ == 0)
        fprintf(stderr, "unexpected: %s %s %s\n", sv_diag_name(d->code),
                d->pointer, d->message);
    return 0;
}

/* Stream `target` bytes or more of generated HAR; returns the peak. */
static uint64_t har_peak(uint64_t target, uint64_t *bytes, uint64_t *sessions)
{
    counter c;
    sv_options o = counted(&c);
    gen g;
    gen_init(&g, 1);
    uint64_t per = (g.page_len * 3 + g.other_len) / 4 + 2;
    uint64_t entries = target / per + 1;
    gen_free(&g);
    gen_init(&g, entries);
    uint64_t ndiag = 0;
    sv_callbacks cb = {0};
    cb.on_diag = quiet_diag;
    sv_capture *cap = sv_capture_new(&o, &cb, &ndiag);
    ck_assert(cap != NULL);
    uint64_t total = 0;
    /* pieces cut in 64 KiB reads, as a file would come */
    const char *p;
    size_t n;
    while ((p = gen_next(&g, &n)) != NULL) {
        while (n > 0) {
            size_t k = n < 65536 ? n : 65536;
            ck_assert_int_eq(sv_capture_feed(cap, p, k), SV_OK);
            p += k;
            n -= k;
            total += k;
        }
    }
    ck_assert_int_eq(sv_capture_finish(cap), SV_OK);
    sv_capture_summary s;
    sv_capture_stats(cap, &s);
    ck_assert_uint_eq(ndiag, 0);
    ck_assert_uint_eq(s.entries, entries);
    ck_assert_uint_eq(s.skipped, entries / 4);
    *sessions = s.totals.sessions;
    *bytes = total;
    sv_capture_free(cap);
    ck_assert_uint_eq(c.live, 0);
    gen_free(&g);
    return c.peak;
}

START_TEST(test_memory_flat)
{
    uint64_t small_bytes, big_bytes, small_s, big_s;
    uint64_t small = har_peak(1 << 20, &small_bytes, &small_s);
    uint64_t big = har_peak(210ull << 20, &big_bytes, &big_s);
    fprintf(stderr,
            "capture memory: peak %llu bytes for a %llu-byte HAR (%llu "
            "sessions), %llu bytes for a %llu-byte HAR (%llu sessions)\n",
            (unsigned long long)small, (unsigned long long)small_bytes,
            (unsigned long long)small_s, (unsigned long long)big,
            (unsigned long long)big_bytes, (unsigned long long)big_s);
    ck_assert_uint_ge(big_bytes, 200ull << 20);
    ck_assert_uint_le(big, 1u << 20);
    ck_assert_uint_le(big, small + 64 * 1024);
}
END_TEST

Suite *sv_suite_capture(void)
{
    Suite *s = suite_create("capture");
    TCase *tc = tcase_create("capture");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_detect);
    tcase_add_test(tc, test_http_positions);
    tcase_add_test(tc, test_http_codes);
    tcase_add_test(tc, test_http_sequences);
    tcase_add_test(tc, test_utf16);
    tcase_add_test(tc, test_utf8_bom);
    tcase_add_test(tc, test_har);
    tcase_add_test(tc, test_har_orders);
    tcase_add_test(tc, test_har_codes);
    tcase_add_test(tc, test_har_urls);
    tcase_add_test(tc, test_corpus_chunks);
    tcase_add_test(tc, test_contracts);
    tcase_add_test(tc, test_pages);
    tcase_add_test(tc, test_alloc_failures);
    tcase_add_test(tc, test_api_profiles);
    suite_add_tcase(s, tc);
    TCase *mem = tcase_create("memory");
    tcase_set_timeout(mem, 900);
    tcase_add_test(mem, test_memory_flat);
    suite_add_tcase(s, mem);
    return s;
}
