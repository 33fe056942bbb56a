/*
 * http.c - captured HTTP responses (curl -i, curl -D -, curl -L, saved
 * raw responses): status lines, headers, and bodies handed to the inner
 * parser as payloads.
 *
 * A response is a status line (HTTP/1.0|1.1|2|2.0|3 SP code [SP reason]),
 * header lines up to an empty line (CRLF or LF), and a body that runs to
 * the next response or to the end of the input.  The next response starts
 * with a status line at the start of a line, or right after the body's
 * complete JSON value (curl -i URL1 URL2 writes the second response right
 * after the first body, which ends without a newline).  A small lexical
 * scan of the body (strings, brackets) tells when its value is complete;
 * the bytes that may begin a status line are held (at most 13) until they
 * do or do not.
 *
 * Memory: one line of headers (SVC_LINE_MAX, the rest of a longer line is
 * counted, not kept); bodies stream through.
 */
#include <stdio.h>
#include <string.h>

#include "sv_capture.h"

enum { H_STATUS, H_HEADERS, H_BODY };

enum { SM_NO, SM_PREFIX, SM_MATCH };

static int is_digit(unsigned char b)
{
    return b >= '0' && b <= '9';
}

/* Whether b[0..n) is, or may still become, the start of a status line:
 * "HTTP/" version " " three digits, then a space or a line end. */
static int status_match(const unsigned char *b, size_t n)
{
    static const char *const vers[] = {"1.0 ", "1.1 ", "2 ", "2.0 ", "3 "};
    static const char http[] = "HTTP/";
    for (size_t i = 0; i < 5; i++) {
        if (i >= n)
            return SM_PREFIX;
        if (b[i] != (unsigned char)http[i])
            return SM_NO;
    }
    size_t at = 5, vlen = 0;
    int prefix = 0;
    for (size_t v = 0; v < sizeof vers / sizeof vers[0] && !vlen; v++) {
        size_t k = strlen(vers[v]), have = n - at < k ? n - at : k;
        if (memcmp(b + at, vers[v], have) != 0)
            continue;
        if (have < k)
            prefix = 1;
        else
            vlen = k;
    }
    if (!vlen)
        return prefix ? SM_PREFIX : SM_NO;
    at += vlen;
    for (size_t d = 0; d < 3; d++, at++) {
        if (at >= n)
            return SM_PREFIX;
        if (!is_digit(b[at]))
            return SM_NO;
    }
    if (at >= n)
        return SM_PREFIX;
    return b[at] == ' ' || b[at] == '\r' || b[at] == '\n' ? SM_MATCH : SM_NO;
}

/* Printable ASCII of s[0..n) into out (at most max bytes), '?' for the
 * rest: reason phrases and media types are shown, never trusted. */
static size_t clean(char *out, const char *s, size_t n, size_t max)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k < max; i++) {
        unsigned char b = (unsigned char)s[i];
        out[k++] = b >= 0x20 && b < 0x7F ? (char)b : '?';
    }
    out[k] = '\0';
    return k;
}

/* ------------------------------------------------------ Content-Type */

static size_t skip_ows(const char *s, size_t i, size_t n)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i;
}

int svc_check_content_type(sv_capture *c, const char *v, size_t n, int code,
                           const sv_pos *at, const char *ctx, size_t ctx_len)
{
    size_t i = skip_ows(v, 0, n), t0 = i;
    while (i < n && v[i] != ';')
        i++;
    size_t t1 = i;
    while (t1 > t0 && (v[t1 - 1] == ' ' || v[t1 - 1] == '\t'))
        t1--;
    const char *type = v + t0;
    size_t tlen = t1 - t0;
    int json = svc_ieq(type, tlen, "application/json");
    int problem = svc_ieq(type, tlen, "application/problem+json");
    const char *charset = NULL;
    size_t clen = 0;
    while (i < n) {
        i = skip_ows(v, i + 1, n); /* past ';' */
        size_t p0 = i;
        while (i < n && v[i] != '=' && v[i] != ';')
            i++;
        size_t p1 = i;
        while (p1 > p0 && (v[p1 - 1] == ' ' || v[p1 - 1] == '\t'))
            p1--;
        if (i >= n || v[i] != '=')
            continue;
        size_t q0 = skip_ows(v, i + 1, n), q1;
        if (q0 < n && v[q0] == '"') {
            q0++;
            q1 = q0;
            while (q1 < n && v[q1] != '"')
                q1++;
            i = q1 < n ? q1 + 1 : q1;
            while (i < n && v[i] != ';')
                i++;
        } else {
            q1 = q0;
            while (q1 < n && v[q1] != ';')
                q1++;
            i = q1;
            while (q1 > q0 && (v[q1 - 1] == ' ' || v[q1 - 1] == '\t'))
                q1--;
        }
        if (svc_ieq(v + p0, p1 - p0, "charset")) {
            charset = v + q0;
            clen = q1 - q0;
        }
    }
    int ok_type = json || (problem && code != 200 && code != 0);
    int ok_charset = !charset || svc_ieq(charset, clen, "utf-8");
    if (ok_type && ok_charset)
        return 0;
    char shown[80], cs[40];
    clean(shown, type, tlen, 60);
    if (charset)
        clean(cs, charset, clen, 30);
    return svc_diag(c, SV_DIAG_CONTENT_TYPE, at, ctx, ctx_len,
                    "Content-Type is %s%s%s%s; the documented response is "
                    "application/json; charset=utf-8",
                    tlen ? shown : "empty", charset ? "; charset=" : "",
                    charset ? cs : "",
                    !ok_type && problem ? " (problem details belong to an "
                                          "error status)"
                                        : "");
}

/* ---------------------------------------------------------- responses */

void svc_http_reset(svc_http *h)
{
    h->state = H_STATUS;
    h->at = (svc_lines){0, 1, 0};
    h->line_len = 0;
    h->line_open = 0;
    h->nresp = 0;
    h->nhold = 0;
}

int svc_http_init(sv_capture *c)
{
    if (!c->http) {
        c->http = svc_alloc(c, sizeof *c->http);
        if (!c->http) {
            c->status = SV_ERR_NOMEM;
            return -1;
        }
    }
    svc_http_reset(c->http);
    return 0;
}

static void begin_response(svc_http *h)
{
    h->nresp++;
    h->code = 0;
    h->has_ct = h->has_cl = h->cl_bad = h->chunked = h->encoded = 0;
    h->ct_len = 0;
    h->cl = 0;
    h->validate = h->deferred = 0;
    h->body_len = 0;
    h->body_tail[0] = h->body_tail[1] = 0;
    h->ctx_len = 0;
    h->ctx[0] = '\0';
}

static int status_line(sv_capture *c, svc_http *h, const char *s, size_t n)
{
    begin_response(h);
    c->responses++;
    h->status_pos = h->line_pos;
    int m = status_match((const unsigned char *)s, n);
    /* the line without its end: "HTTP/1.1 200" is a whole status line */
    if (m == SM_PREFIX) {
        char tmp[16];
        size_t k = n < 15 ? n : 15;
        memcpy(tmp, s, k);
        tmp[k] = ' ';
        m = status_match((const unsigned char *)tmp, k + 1);
    }
    if (m != SM_MATCH) {
        h->ctx_len = (size_t)snprintf(h->ctx, sizeof h->ctx, "response %llu",
                                      (unsigned long long)h->nresp);
        return svc_diag(c, SV_DIAG_HTTP_SYNTAX, &h->line_pos, h->ctx,
                        h->ctx_len,
                        "malformed status line; a response begins with "
                        "HTTP/VERSION CODE REASON, e.g. HTTP/1.1 200 OK");
    }
    size_t sp = 5;
    while (s[sp] != ' ')
        sp++;
    size_t v0 = 5, v1 = sp;
    const char *code = s + sp + 1;
    h->code = (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0');
    h->code_pos = h->line_pos;
    h->code_pos.off += sp + 1;
    h->code_pos.col += sp + 1;
    size_t r0 = sp + 4 < n ? sp + 5 : n;
    size_t r1 = n;
    while (r1 > r0 && (s[r1 - 1] == ' ' || s[r1 - 1] == '\t'))
        r1--;
    char reason[48];
    clean(reason, s + r0, r1 - r0, 40);
    int w = snprintf(h->ctx, sizeof h->ctx, "response %llu (HTTP/%.*s %03d%s%s)",
                     (unsigned long long)h->nresp, (int)(v1 - v0), s + v0,
                     h->code, r1 > r0 ? " " : "", reason);
    h->ctx_len = w < 0 ? 0 : (size_t)w < sizeof h->ctx ? (size_t)w
                                                       : sizeof h->ctx - 1;
    if (h->code < 100 || h->code > 599)
        return svc_diag(c, SV_DIAG_HTTP_SYNTAX, &h->code_pos, h->ctx,
                        h->ctx_len,
                        "status code %03d is outside 100-599", h->code);
    return 0;
}

static int is_tchar(unsigned char b)
{
    return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') ||
           is_digit(b) || (b && strchr("!#$%&'*+-.^_`|~", b));
}

static int header_line(sv_capture *c, svc_http *h, const char *s, size_t n)
{
    if (s[0] == ' ' || s[0] == '\t')
        return 0; /* obs-fold continuation: nothing we check */
    size_t colon = 0;
    while (colon < n && is_tchar((unsigned char)s[colon]))
        colon++;
    if (colon == 0 || colon >= n || s[colon] != ':')
        return svc_diag(c, SV_DIAG_HTTP_SYNTAX, &h->line_pos, h->ctx,
                        h->ctx_len,
                        "malformed header line; header lines are NAME: VALUE "
                        "and end at an empty line");
    size_t v0 = skip_ows(s, colon + 1, n), v1 = n;
    while (v1 > v0 && (s[v1 - 1] == ' ' || s[v1 - 1] == '\t'))
        v1--;
    sv_pos vpos = h->line_pos;
    vpos.off += v0;
    vpos.col += v0;
    if (svc_ieq(s, colon, "content-type")) {
        if (h->has_ct)
            return 0;
        h->has_ct = 1;
        h->ct_len = v1 - v0 < sizeof h->ct ? v1 - v0 : sizeof h->ct;
        memcpy(h->ct, s + v0, h->ct_len);
        h->ct_pos = vpos;
    } else if (svc_ieq(s, colon, "content-length")) {
        uint64_t v = 0;
        int ok = v1 > v0 && v1 - v0 <= 18;
        for (size_t i = v0; ok && i < v1; i++) {
            if (!is_digit((unsigned char)s[i]))
                ok = 0;
            else
                v = v * 10 + (uint64_t)(s[i] - '0');
        }
        if (!ok) {
            h->cl_bad = 1;
            return svc_diag(c, SV_DIAG_HTTP_SYNTAX, &vpos, h->ctx, h->ctx_len,
                            "Content-Length is not a number of bytes");
        }
        if (h->has_cl && v != h->cl) {
            h->cl_bad = 1;
            return svc_diag(c, SV_DIAG_HTTP_SYNTAX, &vpos, h->ctx, h->ctx_len,
                            "two Content-Length headers with different "
                            "values");
        }
        h->has_cl = 1;
        h->cl = v;
        h->cl_pos = vpos;
    } else if (svc_ieq(s, colon, "transfer-encoding")) {
        h->chunked = 1;
    } else if (svc_ieq(s, colon, "content-encoding")) {
        /* curl --compressed keeps the header and the compressed length
         * but saves the body decoded: that length is not the body's (a
         * body saved still compressed is a syntax error that says so) */
        if (!svc_ieq(s + v0, v1 - v0, "identity"))
            h->encoded = 1;
    }
    return 0;
}

static int headers_end(sv_capture *c, svc_http *h)
{
    h->state = H_BODY;
    h->line_start = 1;
    h->in_str = h->esc = 0;
    h->depth = 0;
    h->complete = 0;
    h->nhold = 0;
    if (h->code >= 100 && h->code < 200)
        h->deferred = 1;
    else if (h->code >= 300 && h->code < 400)
        h->deferred = 1;
    else
        h->validate = 1;
    if (!h->validate) {
        c->skipped++;
        return 0;
    }
    if (h->code && h->code != 200 &&
        svc_diag(c, SV_DIAG_HTTP_STATUS, &h->code_pos, h->ctx, h->ctx_len,
                 "the response status is %03d; the API answers this "
                 "request with 200 OK",
                 h->code) < 0)
        return -1;
    if (h->has_ct && svc_check_content_type(c, h->ct, h->ct_len, h->code,
                                            &h->ct_pos, h->ctx,
                                            h->ctx_len) < 0)
        return -1;
    return svc_payload_begin(c, svc_here(&h->at), 0, h->ctx, h->ctx_len,
                             c->opt.api);
}

/* The current response is over: at the next status line, or at the end
 * of the input (last). */
static int end_response(sv_capture *c, svc_http *h, int last)
{
    if (h->state != H_BODY)
        return 0;
    if (h->validate) {
        if (svc_payload_end(c) < 0)
            return -1;
        if (!h->has_ct && h->body_len > 0 &&
            svc_diag(c, SV_DIAG_CONTENT_TYPE, &h->status_pos, h->ctx,
                     h->ctx_len,
                     "the response has no Content-Type header; the "
                     "documented one is application/json; charset=utf-8") < 0)
            return -1;
        /* curl and editors may leave one line end after a body */
        uint64_t n = h->body_len, cl = h->cl;
        int fits = n == cl ||
                   (n == cl + 1 && h->body_tail[1] == '\n') ||
                   (n == cl + 2 && h->body_tail[0] == '\r' &&
                    h->body_tail[1] == '\n');
        if (h->has_cl && !h->cl_bad && !h->chunked && !h->encoded &&
            c->enc != SV_ENCODING_UTF16LE && c->enc != SV_ENCODING_UTF16BE &&
            !fits &&
            svc_diag(c, SV_DIAG_CONTENT_LENGTH, &h->cl_pos, h->ctx,
                     h->ctx_len,
                     "Content-Length is %llu, but the captured body holds "
                     "%llu bytes%s",
                     (unsigned long long)cl, (unsigned long long)n,
                     n < cl ? " (cut short?)" : "") < 0)
            return -1;
    } else if (last && h->deferred && h->code &&
               svc_diag(c, SV_DIAG_HTTP_STATUS, &h->code_pos, h->ctx,
                        h->ctx_len,
                        "the capture ends with a %03d response; the final "
                        "response must be 200 OK with the payload%s",
                        h->code,
                        h->code >= 300 ? " (follow redirects: curl -L)"
                                       : "") < 0) {
        return -1;
    }
    h->state = H_STATUS;
    return 0;
}

/* A complete line (without its end) in H_STATUS or H_HEADERS. */
static int line_done(sv_capture *c, svc_http *h)
{
    size_t n = h->line_len < SVC_LINE_MAX ? h->line_len : SVC_LINE_MAX;
    if (n && h->line[n - 1] == '\r' && h->line_len <= SVC_LINE_MAX)
        n--;
    if (h->state == H_STATUS) {
        h->state = H_HEADERS;
        return status_line(c, h, h->line, n);
    }
    if (n == 0)
        return headers_end(c, h);
    return header_line(c, h, h->line, n);
}

/* Lines of the status and headers; returns the bytes used (it stops
 * where the body begins). */
static size_t read_lines(sv_capture *c, svc_http *h, const unsigned char *s,
                         size_t n)
{
    size_t i = 0;
    while (i < n && h->state != H_BODY) {
        if (!h->line_open) {
            h->line_open = 1;
            h->line_len = 0;
            h->line_pos = svc_here(&h->at);
        }
        const unsigned char *nl = memchr(s + i, '\n', n - i);
        size_t end = nl ? (size_t)(nl - s) : n;
        size_t k = end - i;
        if (h->line_len < SVC_LINE_MAX) {
            size_t room = SVC_LINE_MAX - h->line_len;
            memcpy(h->line + h->line_len, s + i, k < room ? k : room);
        }
        h->line_len += k;
        if (!nl) {
            h->at.off += k;
            return n;
        }
        h->at.off += k + 1;
        h->at.line++;
        h->at.line_start = h->at.off;
        i = end + 1;
        h->line_open = 0;
        if (line_done(c, h) < 0)
            return n;
    }
    return i;
}

/* Body bytes that are the payload's. */
static int body_out(sv_capture *c, svc_http *h, const unsigned char *s,
                    size_t n)
{
    if (n == 0)
        return 0;
    svc_lines_advance(&h->at, s, n);
    h->body_len += n;
    if (n >= 2) {
        h->body_tail[0] = s[n - 2];
        h->body_tail[1] = s[n - 1];
    } else {
        h->body_tail[0] = h->body_tail[1];
        h->body_tail[1] = s[0];
    }
    return h->validate ? svc_payload_feed(c, s, n) : 0;
}

/* The lexical scan of one body byte. */
static void scan(svc_http *h, unsigned char b)
{
    h->line_start = b == '\n';
    if (h->in_str) {
        if (h->esc)
            h->esc = 0;
        else if (b == '\\')
            h->esc = 1;
        else if (b == '"')
            h->in_str = 0;
        return;
    }
    switch (b) {
    case '"':
        h->in_str = 1;
        h->complete = 0;
        break;
    case '{':
    case '[':
        h->depth++;
        h->complete = 0;
        break;
    case '}':
    case ']':
        h->complete = h->depth == 1;
        if (h->depth)
            h->depth--;
        break;
    case ' ':
    case '\t':
    case '\r':
    case '\n':
        break;
    default:
        h->complete = 0;
    }
}

/* The held bytes were body after all. */
static int release(sv_capture *c, svc_http *h)
{
    size_t n = h->nhold;
    h->nhold = 0;
    for (size_t i = 0; i < n; i++)
        scan(h, h->hold[i]);
    return body_out(c, h, h->hold, n);
}

/* Body bytes; returns the bytes used (it stops where the next response
 * begins, with the state back at H_STATUS). */
static size_t read_body(sv_capture *c, svc_http *h, const unsigned char *s,
                        size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char b = s[i];
        if (h->nhold) {
            h->hold[h->nhold++] = b;
            int m = status_match(h->hold, h->nhold);
            if (m == SM_PREFIX) {
                run = i + 1;
                continue;
            }
            if (m == SM_MATCH) {
                /* the held bytes begin the next response */
                size_t held = h->nhold;
                h->nhold = 0;
                if (end_response(c, h, 0) < 0)
                    return n;
                size_t k = read_lines(c, h, h->hold, held);
                (void)k; /* a status line's start holds no line end but
                            its last byte, which read_lines takes */
                return i + 1;
            }
            if (release(c, h) < 0)
                return n;
            run = i + 1;
            continue;
        }
        if (b == 'H' && (h->line_start || (h->complete && !h->in_str))) {
            if (body_out(c, h, s + run, i - run) < 0)
                return n;
            h->hold[0] = b;
            h->nhold = 1;
            run = i + 1;
            continue;
        }
        scan(h, b);
    }
    if (body_out(c, h, s + run, n - run) < 0)
        return n;
    return n;
}

int svc_http_feed(sv_capture *c, const unsigned char *s, size_t n)
{
    svc_http *h = c->http;
    while (n > 0 && c->status == SV_OK) {
        size_t k = h->state == H_BODY ? read_body(c, h, s, n)
                                      : read_lines(c, h, s, n);
        s += k;
        n -= k;
    }
    return c->status == SV_OK ? 0 : -1;
}

int svc_http_finish(sv_capture *c)
{
    svc_http *h = c->http;
    if (h->state == H_BODY) {
        if (h->nhold && release(c, h) < 0)
            return -1;
        return end_response(c, h, 1);
    }
    if (h->nresp == 0 && !h->line_open) {
        sv_pos at = svc_here(&h->at);
        return svc_diag(c, SV_DIAG_HTTP_SYNTAX, &at, NULL, 0,
                        "no HTTP response in the input");
    }
    if (h->line_open && h->state == H_STATUS) {
        /* a status line and nothing after it */
        h->line_open = 0;
        if (line_done(c, h) < 0)
            return -1;
    }
    sv_pos at = svc_here(&h->at);
    return svc_diag(c, SV_DIAG_HTTP_SYNTAX, &at, h->ctx, h->ctx_len,
                    "the input ends inside the headers of response %llu "
                    "(before the empty line that ends them): no body to "
                    "validate",
                    (unsigned long long)h->nresp);
}
