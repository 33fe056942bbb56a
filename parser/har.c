/*
 * har.c - HAR 1.2 archives (browser devtools, mitmproxy, Fiddler),
 * streamed: every log.entries[i] whose request URL is a jobSessions URL
 * has its response.content.text validated as a payload, and its status
 * and Content-Type checked; the other entries are counted and skipped.
 *
 * The HAR's structure is parsed by a second yajl handle (its allocations
 * through the capture's allocator).  String VALUES never reach yajl: a
 * filter in front of it reads them itself, because yajl holds a whole
 * string token before it hands it over, and a HAR's strings are its
 * payloads (a page is hundreds of KiB of escaped JSON; the unrelated
 * entries carry JavaScript bundles and base64 images of many MiB).  At
 * the opening quote of a string the filter gives yajl the bytes before
 * it, so that yajl's callbacks have told us where we are; if a value is
 * expected there (after a key, in an array), the filter decodes the
 * string (escapes, UTF-8 checked) straight into where it goes - a short
 * buffer for method, url, header name and value, mimeType, encoding; the
 * inner parser (through a base64 decoder when asked) for the text of a
 * matching entry; nowhere for the rest - and then gives yajl "" in its
 * place.  Keys, numbers and literals go to yajl, which keeps the
 * structure honest; they are limited to SVC_HAR_TOKEN bytes, which also
 * keeps yajl's re-lexing of a split token cheap.
 *
 * Positions: the filter counts every byte, yajl's offsets are mapped back
 * through the span being parsed (a placeholder "" sits where its string
 * was); a token begun in an earlier span was located when that span
 * ended, as parser.c does.  Syntax errors are placed at the first byte
 * after the last good event, which does not depend on chunking.
 *
 * Memory: constant, except content.text that arrives before the entry's
 * URL, or before its encoding without starting with '{' or '[' (held, up
 * to max_token).
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_parse.h>

#include "sv_capture.h"

#define SVC_HAR_TOKEN 4096 /* bytes of a key, number or literal */
#define SVC_HAR_TRACK 8    /* depths whose node kind is tracked */
#define URL_MAX 4096
#define SHORT_MAX 256

enum node {
    N_OTHER,
    N_ROOT,
    N_LOG,
    N_ENTRIES,
    N_ENTRY,
    N_REQUEST,
    N_RESPONSE,
    N_HEADERS,
    N_HEADER,
    N_CONTENT
};

enum key {
    K_OTHER,
    K_LOG,
    K_ENTRIES,
    K_REQUEST,
    K_RESPONSE,
    K_METHOD,
    K_URL,
    K_STATUS,
    K_HEADERS,
    K_CONTENT,
    K_NAME,
    K_VALUE,
    K_TEXT,
    K_ENCODING,
    K_MIMETYPE
};

/* where a string value's decoded bytes go */
enum target { T_DISCARD, T_METHOD, T_URL, T_HNAME, T_HVAL, T_MIME, T_ENC,
              T_TEXT };

enum wanted { W_UNKNOWN, W_YES, W_NO };
enum encoding { E_UNKNOWN, E_NONE, E_BASE64, E_OTHER };
/* how content.text flows */
enum mode { M_NONE, M_SNIFF, M_PLAIN, M_B64, M_BUFFER, M_DISCARD };

typedef struct shortstr {
    char s[SHORT_MAX + 1];
    size_t len;
    int has, longer;
    sv_pos pos;
} shortstr;

typedef struct urlstr {
    char s[URL_MAX + 1];
    size_t len;
    int has, longer;
} urlstr;

struct har_guard {
    jmp_buf env;
};

struct svc_har {
    yajl_handle y;
    yajl_alloc_funcs ya;
    struct har_guard *guard;
    void *tracked[16];
    unsigned ntracked;
    int track;

    svc_lines at;             /* text position of the next unread byte */
    /* the span yajl is parsing */
    const unsigned char *span;
    size_t span_len;
    sv_pos span_pos;
    int in_placeholder;
    uint64_t ev_end;          /* text offset just past the last event */
    sv_pos next_start;        /* the token after it, when it began in an
                                 earlier span */
    int has_next_start;
    sv_pos next_ws;           /* the first byte after it that is not
                                 whitespace (error positions) */
    int has_next_ws;
    int broken;               /* yajl failed: nothing more is parsed */

    /* the filter */
    int key_open, key_esc;    /* inside a key (yajl's) */
    size_t tok_len;           /* bytes of the key or scalar being read */
    sv_pos tok_pos;           /* a key's quote */
    size_t tok_i;             /* a scalar's first byte in this chunk */
    int tok_here;             /* ... when it began in this chunk */
    int taking;               /* inside a string value (ours) */
    int target;
    sv_pos str_pos;           /* its opening quote */
    uint64_t str_end;         /* text offset past its closing quote */
    int s_esc;                /* 0; 1 after '\'; 2-5 hex digits of \u */
    uint32_t s_u, s_high;
    uint32_t u8_need, u8_cp, u8_min;
    sv_pos u8_lead;
    unsigned char out[SVC_OUT];
    size_t nout;

    /* structure */
    uint32_t depth;
    unsigned char *cstack;    /* bit per depth: 1 = array */
    uint8_t kinds[SVC_HAR_TRACK];
    int expect_value;         /* the last event was a key */
    int key;
    int root_seen, log_seen, entries_seen, not_har;
    sv_pos root_pos, log_pos;
    uint64_t nentries;

    /* the entry */
    int in_entry;
    uint64_t index;
    sv_pos entry_pos;
    shortstr method, hname, hval, ct, mime, enc;
    urlstr url;
    int wanted;
    sv_api api;
    int has_status;
    int64_t status;
    sv_pos status_pos;
    int headers_done;
    int encoding;
    int has_text, checked, text_over, text_done;
    sv_pos text_pos;
    int mode;
    unsigned char *tbuf;
    size_t tbuf_len, tbuf_cap;
    uint32_t b64_acc;
    int b64_bits, b64_pad, b64_bad;
    uint64_t b64_index;
    unsigned char b64_out[SVC_OUT / 4 * 3 + 4];
    char ctx[SVC_CTX_MAX];
    size_t ctx_len;
};

/* ------------------------------------------------------------ yajl glue */

static void oom(sv_capture *c)
{
    c->status = SV_ERR_NOMEM;
    if (c->har->guard)
        longjmp(c->har->guard->env, 1);
    /* cannot happen: yajl only allocates inside a guarded call */
    abort();
}

static void *y_malloc(void *ctx, size_t n)
{
    sv_capture *c = ctx;
    void *r = svc_alloc(c, n);
    if (!r)
        oom(c);
    if (c->har->track && c->har->ntracked < 16)
        c->har->tracked[c->har->ntracked++] = r;
    return r;
}

static void *y_realloc(void *ctx, void *p, size_t n)
{
    sv_capture *c = ctx;
    void *r = svc_realloc(c, p, n);
    if (!r)
        oom(c);
    if (!p && c->har->track && c->har->ntracked < 16)
        c->har->tracked[c->har->ntracked++] = r;
    return r;
}

static void y_free(void *ctx, void *p)
{
    svc_free(ctx, p);
}

extern const yajl_callbacks svc_har_callbacks;

static int new_yajl(sv_capture *c)
{
    svc_har *h = c->har;
    struct har_guard g;
    h->guard = &g;
    h->ntracked = 0;
    h->track = 1;
    if (setjmp(g.env)) {
        for (unsigned i = 0; i < h->ntracked; i++)
            svc_free(c, h->tracked[i]);
        h->track = 0;
        h->guard = NULL;
        h->y = NULL;
        return -1;
    }
    h->y = yajl_alloc(&svc_har_callbacks, &h->ya, c);
    /* the lexer is allocated by the first yajl_parse: here, undoably */
    if (h->y)
        yajl_parse(h->y, (const unsigned char *)"", 0);
    h->track = 0;
    h->guard = NULL;
    if (!h->y) {
        c->status = SV_ERR_NOMEM;
        return -1;
    }
    return 0;
}

static yajl_status run_yajl(sv_capture *c, const unsigned char *s, size_t n,
                            int complete)
{
    svc_har *h = c->har;
    struct har_guard g;
    volatile yajl_status st = yajl_status_client_canceled;
    h->guard = &g;
    if (setjmp(g.env) == 0)
        st = complete ? yajl_complete_parse(h->y) : yajl_parse(h->y, s, n);
    h->guard = NULL;
    return st;
}

/* ------------------------------------------------------------ positions */

/* Between tokens (the filter's scalar boundaries). */
static int is_gap(unsigned char b)
{
    return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == ',' ||
           b == ':';
}

/* What a syntax error's position skips after the last good event: only
 * whitespace, since a misplaced ':' or ',' is itself the error. */
static int is_ws(unsigned char b)
{
    return b == ' ' || b == '\t' || b == '\n' || b == '\r';
}

/* Position of span[k]. */
static sv_pos span_at(const svc_har *h, size_t k)
{
    sv_pos p = h->span_pos;
    const unsigned char *s = h->span;
    size_t last = 0;
    int nl = 0;
    for (size_t i = 0; i < k; i++)
        if (s[i] == '\n') {
            p.line++;
            last = i + 1;
            nl = 1;
        }
    p.off += k;
    p.col = nl ? k - last + 1 : h->span_pos.col + k;
    return p;
}

/* Position of s[k] when the bytes from `from` up to it are not counted
 * in h->at yet. */
static sv_pos ahead(const svc_har *h, const unsigned char *s, size_t from,
                    size_t k)
{
    svc_lines l = h->at;
    svc_lines_advance(&l, s + from, k - from);
    return svc_here(&l);
}

/* First byte of the token that ends the current event, `len` long. */
static sv_pos ev_pos(const svc_har *h, size_t len)
{
    if (h->in_placeholder)
        return h->str_pos;
    size_t end = yajl_get_bytes_consumed(h->y);
    if (end >= len && end - len <= h->span_len)
        return span_at(h, end - len);
    return h->has_next_start ? h->next_start : h->span_pos;
}

static void ev_done(svc_har *h)
{
    h->ev_end = h->in_placeholder
                    ? h->str_end
                    : h->span_pos.off + yajl_get_bytes_consumed(h->y);
    h->has_next_start = 0;
    h->has_next_ws = 0;
}

/* Where yajl stopped making sense: the first byte after the last event
 * that is not whitespace. */
static sv_pos err_pos(const svc_har *h)
{
    if (h->in_placeholder)
        return h->str_pos;
    size_t k = 0;
    if (h->ev_end >= h->span_pos.off)
        k = (size_t)(h->ev_end - h->span_pos.off);
    else if (h->has_next_ws)
        return h->next_ws;
    while (k < h->span_len && is_ws(h->span[k]))
        k++;
    return span_at(h, k);
}

/* ---------------------------------------------------------- diagnostics */

static int har_error(sv_capture *c, const sv_pos *at, const char *msg)
{
    return svc_diag(c, SV_DIAG_HAR, at, NULL, 0, "%s", msg);
}

/* A diagnostic about the current entry. */
#define ENTRY_DIAG(c, h, code, at, ...)                                       \
    svc_diag((c), (code), (at), (h)->ctx, (h)->ctx_len, __VA_ARGS__)

/* ------------------------------------------------------------- URLs */

static int icontains(const char *a, size_t n, const char *b)
{
    size_t m = strlen(b);
    for (size_t i = 0; i + m <= n; i++)
        if (svc_ieq(a + i, m, b))
            return 1;
    return 0;
}

/* A version segment: v, digits, optionally '.' and digits.  *v1 when it
 * is v1 or v1.0. */
static int version_segment(const char *v, size_t n, int *v1)
{
    size_t d = 1;
    if (n < 2 || sv__lower((unsigned char)v[0]) != 'v')
        return 0;
    while (d < n && v[d] >= '0' && v[d] <= '9')
        d++;
    if (d == 1)
        return 0;
    size_t major_end = d;
    if (d < n) {
        if (v[d] != '.' || d + 1 == n)
            return 0;
        for (size_t e = d + 1; e < n; e++)
            if (v[e] < '0' || v[e] > '9')
                return 0;
    }
    int minor_zero = 1;
    for (size_t e = major_end + 1; e < n; e++)
        if (v[e] != '0')
            minor_zero = 0;
    *v1 = major_end == 2 && v[1] == '1' && minor_zero;
    return 1;
}

/* Is the URL's path .../api/vN[.M]/jobSessions[/{id}[/log]][/]? */
static int jobsessions_url(const char *u, size_t n, int *v1)
{
    size_t i = 0;
    for (size_t k = 0; k + 2 < n; k++) {
        if (u[k] == '/' || u[k] == '?' || u[k] == '#')
            break;
        if (u[k] == ':' && u[k + 1] == '/' && u[k + 2] == '/') {
            i = k + 3; /* past scheme://, then the authority */
            while (i < n && u[i] != '/' && u[i] != '?' && u[i] != '#')
                i++;
            break;
        }
    }
    size_t end = i;
    while (end < n && u[end] != '?' && u[end] != '#')
        end++;
    const char *seg[64];
    size_t len[64], ns = 0;
    while (i < end && ns < 64) {
        if (u[i] == '/') {
            i++;
            continue;
        }
        size_t j = i;
        while (j < end && u[j] != '/')
            j++;
        seg[ns] = u + i;
        len[ns++] = j - i;
        i = j;
    }
    if (i < end)
        return 0; /* more than 64 segments: not this API */
    for (size_t k = 0; k + 3 <= ns; k++) {
        int v = 0;
        if (!svc_ieq(seg[k], len[k], "api") ||
            !version_segment(seg[k + 1], len[k + 1], &v) ||
            !svc_ieq(seg[k + 2], len[k + 2], "jobsessions"))
            continue;
        size_t rest = ns - (k + 3);
        if (rest == 0 || rest == 1 ||
            (rest == 2 && svc_ieq(seg[k + 4], len[k + 4], "log"))) {
            *v1 = v;
            return 1;
        }
    }
    return 0;
}

static int secret_name(const char *s, size_t n)
{
    static const char *const words[] = {
        "token", "secret", "pass", "pwd", "key", "auth", "sig",
        "code", "credential", "sess", "cookie", "jwt", "bearer", "sas"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (icontains(s, n, words[i]))
            return 1;
    return 0;
}

static int uuid_like(const char *s, size_t n)
{
    if (n != 36)
        return 0;
    for (size_t i = 0; i < 36; i++) {
        int dash = i == 8 || i == 13 || i == 18 || i == 23;
        unsigned char b = (unsigned char)s[i];
        if (dash ? b != '-'
                 : !((b >= '0' && b <= '9') || (sv__lower(b) >= 'a' &&
                                                sv__lower(b) <= 'f')))
            return 0;
    }
    return 1;
}

/* A value that is a credential whatever its name: a JWT, or a long run of
 * token characters that is not a UUID. */
static int secret_value(const char *s, size_t n)
{
    if (n >= 3 && memcmp(s, "eyJ", 3) == 0)
        return 1;
    if (n < 32 || uuid_like(s, n))
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char b = (unsigned char)s[i];
        if (!((b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') ||
              (b >= 'A' && b <= 'Z') || b == '+' || b == '/' || b == '=' ||
              b == '_' || b == '-' || b == '.' || b == '%'))
            return 0;
    }
    return 1;
}

/* Append s[0..n) escaped (%XX for control, space, quote, non-ASCII). */
static size_t put_escaped(char *o, size_t at, size_t cap, const char *s,
                          size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < n; i++) {
        unsigned char b = (unsigned char)s[i];
        if (b <= 0x20 || b >= 0x7F || b == '"' || b == '\\') {
            if (at + 3 >= cap)
                break;
            o[at++] = '%';
            o[at++] = hex[b >> 4];
            o[at++] = hex[b & 15];
        } else {
            if (at + 1 >= cap)
                break;
            o[at++] = (char)b;
        }
    }
    return at;
}

/* name=value&name=value with secret-looking values as ***. */
static size_t put_params(char *o, size_t at, size_t cap, const char *s,
                         size_t n)
{
    size_t i = 0;
    while (i <= n) {
        size_t j = i;
        while (j < n && s[j] != '&' && s[j] != ';')
            j++;
        size_t eq = i;
        while (eq < j && s[eq] != '=')
            eq++;
        if (eq < j && (secret_name(s + i, eq - i) ||
                       secret_value(s + eq + 1, j - eq - 1))) {
            at = put_escaped(o, at, cap, s + i, eq - i + 1);
            at = put_escaped(o, at, cap, "***", 3);
        } else if (eq == j && secret_value(s + i, j - i)) {
            at = put_escaped(o, at, cap, "***", 3);
        } else {
            at = put_escaped(o, at, cap, s + i, j - i);
        }
        if (j >= n)
            break;
        char d[1] = {s[j]};
        at = put_escaped(o, at, cap, d, 1);
        i = j + 1;
    }
    return at;
}

size_t svc_redact_url(char *out, size_t cap, const char *u, size_t n,
                      size_t max)
{
    char tmp[1024];
    size_t at = 0, i = 0;
    size_t tcap = sizeof tmp;
    /* scheme://[userinfo@]host */
    const char *sch = NULL;
    for (size_t k = 0; k + 2 < n && u[k] != '/' && u[k] != '?'; k++)
        if (u[k] == ':' && u[k + 1] == '/' && u[k + 2] == '/') {
            sch = u + k;
            break;
        }
    if (sch) {
        size_t s_end = (size_t)(sch - u) + 3;
        at = put_escaped(tmp, at, tcap, u, s_end);
        size_t a_end = s_end;
        while (a_end < n && u[a_end] != '/' && u[a_end] != '?' &&
               u[a_end] != '#')
            a_end++;
        size_t host = s_end;
        for (size_t k = s_end; k < a_end; k++)
            if (u[k] == '@')
                host = k + 1;
        if (host > s_end)
            at = put_escaped(tmp, at, tcap, "***@", 4);
        at = put_escaped(tmp, at, tcap, u + host, a_end - host);
        i = a_end;
    }
    size_t q = i;
    while (q < n && u[q] != '?' && u[q] != '#')
        q++;
    at = put_escaped(tmp, at, tcap, u + i, q - i);
    if (q < n && u[q] == '?') {
        size_t f = q + 1;
        while (f < n && u[f] != '#')
            f++;
        at = put_escaped(tmp, at, tcap, "?", 1);
        at = put_params(tmp, at, tcap, u + q + 1, f - q - 1);
        q = f;
    }
    if (q < n && u[q] == '#') {
        /* fragments carry tokens too (OAuth implicit flow) */
        at = put_escaped(tmp, at, tcap, "#", 1);
        at = put_params(tmp, at, tcap, u + q + 1, n - q - 1);
    }
    if (at > max) {
        /* shorten in the middle: the host and the end of the query are
         * what tell entries apart */
        size_t head = max / 2, tail = max - head - 3;
        char cut[1024];
        memcpy(cut, tmp, head);
        memcpy(cut + head, "...", 3);
        memcpy(cut + head + 3, tmp + at - tail, tail);
        memcpy(tmp, cut, max);
        at = max;
    }
    if (cap == 0)
        return 0;
    if (at >= cap)
        at = cap - 1;
    memcpy(out, tmp, at);
    out[at] = '\0';
    return at;
}

/* ------------------------------------------------------------- entries */

static void short_reset(shortstr *s)
{
    s->len = 0;
    s->has = 0;
    s->longer = 0;
    s->s[0] = '\0';
}

static void short_put(shortstr *s, const unsigned char *b, size_t n)
{
    size_t room = SHORT_MAX - s->len;
    if (n > room) {
        s->longer = 1;
        n = room;
    }
    memcpy(s->s + s->len, b, n);
    s->len += n;
    s->s[s->len] = '\0';
}

static void entry_context(svc_har *h)
{
    char u[SVC_CTX_MAX];
    int w;
    if (h->url.has) {
        svc_redact_url(u, sizeof u, h->url.s, h->url.len, 200);
        char m[24];
        size_t k = 0;
        for (size_t i = 0; i < h->method.len && k < 16; i++) {
            unsigned char b = (unsigned char)h->method.s[i];
            m[k++] = b > 0x20 && b < 0x7F ? (char)b : '?';
        }
        m[k] = '\0';
        w = snprintf(h->ctx, sizeof h->ctx, "entries[%llu]%s%s %s",
                     (unsigned long long)h->index, k ? " " : "", m, u);
    } else {
        w = snprintf(h->ctx, sizeof h->ctx, "entries[%llu]",
                     (unsigned long long)h->index);
    }
    h->ctx_len = w < 0 ? 0 : (size_t)w < sizeof h->ctx ? (size_t)w
                                                       : sizeof h->ctx - 1;
}

static void entry_begin(svc_har *h, sv_pos at)
{
    h->in_entry = 1;
    h->index = h->nentries++;
    h->entry_pos = at;
    short_reset(&h->method);
    h->url.len = 0;
    h->url.has = h->url.longer = 0;
    h->url.s[0] = '\0';
    short_reset(&h->ct);
    short_reset(&h->mime);
    short_reset(&h->enc);
    h->wanted = W_UNKNOWN;
    h->api = SV_API_V1;
    h->has_status = 0;
    h->status = 0;
    h->headers_done = 0;
    h->encoding = E_UNKNOWN;
    h->has_text = h->checked = h->text_over = h->text_done = 0;
    h->mode = M_NONE;
    h->tbuf_len = 0;
    h->b64_acc = 0;
    h->b64_bits = h->b64_pad = h->b64_bad = 0;
    h->b64_index = 0;
    entry_context(h);
}

/* The URL has been read: is the entry ours? */
static void url_done(sv_capture *c, svc_har *h)
{
    int v1 = 1;
    h->url.has = 1;
    /* a URL longer than we keep: its path may be cut, never ours */
    h->wanted = !h->url.longer && jobsessions_url(h->url.s, h->url.len, &v1)
                    ? W_YES
                    : W_NO;
    if (c->opt.api == SV_API_AUTO)
        h->api = v1 ? SV_API_V1 : SV_API_V8;
    else
        h->api = c->opt.api;
    entry_context(h);
}

static void encoding_done(svc_har *h)
{
    h->enc.has = 1;
    if (h->enc.len == 0 || svc_ieq(h->enc.s, h->enc.len, "identity"))
        h->encoding = E_NONE;
    else if (svc_ieq(h->enc.s, h->enc.len, "base64"))
        h->encoding = E_BASE64;
    else
        h->encoding = E_OTHER;
}

/* status and Content-Type (header, else content.mimeType) */
static int entry_checks(sv_capture *c, svc_har *h)
{
    h->checked = 1;
    if (!h->has_status) {
        if (ENTRY_DIAG(c, h, SV_DIAG_HAR, &h->entry_pos,
                       "the entry has no numeric response.status") < 0)
            return -1;
    } else if (h->status == 0) {
        if (ENTRY_DIAG(c, h, SV_DIAG_HTTP_STATUS, &h->status_pos,
                       "the response status is 0: the browser got no "
                       "response (blocked, cancelled or failed)") < 0)
            return -1;
    } else if (h->status != 200) {
        if (ENTRY_DIAG(c, h, SV_DIAG_HTTP_STATUS, &h->status_pos,
                       "the response status is %lld; the API answers this "
                       "request with 200 OK",
                       (long long)h->status) < 0)
            return -1;
    }
    const shortstr *t = h->ct.has ? &h->ct : h->mime.has ? &h->mime : NULL;
    if (t) {
        int code = h->has_status && h->status > 0 && h->status < 1000
                       ? (int)h->status
                       : 0;
        return svc_check_content_type(c, t->s, t->len, code, &t->pos,
                                      h->ctx, h->ctx_len);
    }
    if (h->has_text &&
        ENTRY_DIAG(c, h, SV_DIAG_CONTENT_TYPE, &h->entry_pos,
                   "the response has no Content-Type header (nor "
                   "content.mimeType); the documented one is "
                   "application/json; charset=utf-8") < 0)
        return -1;
    return 0;
}

static int payload_start(sv_capture *c, svc_har *h, int mode)
{
    /* the status and headers came before the content (as every exporter
     * writes them): report them before the payload's findings */
    if (!h->checked && h->has_status && h->headers_done &&
        (h->ct.has || h->mime.has) && entry_checks(c, h) < 0)
        return -1;
    h->mode = mode;
    return svc_payload_begin(c, h->text_pos, 1, h->ctx, h->ctx_len, h->api);
}

static int b64_bad(sv_capture *c, svc_har *h, unsigned char b)
{
    h->b64_bad = 1;
    h->mode = M_DISCARD;
    svc_payload_abandon(c);
    char what[32];
    if (b >= 0x21 && b < 0x7F)
        snprintf(what, sizeof what, "'%c'", b);
    else if (b == 0)
        snprintf(what, sizeof what, "its end");
    else
        snprintf(what, sizeof what, "byte 0x%02X", b);
    return ENTRY_DIAG(c, h, SV_DIAG_HAR, &h->text_pos,
                      "content.text is not valid base64 (at character %llu "
                      "of the text: %s)",
                      (unsigned long long)h->b64_index, what);
}

static int b64_feed(sv_capture *c, svc_har *h, const unsigned char *s,
                    size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++, h->b64_index++) {
        unsigned char b = s[i];
        unsigned v;
        if (b == ' ' || b == '\t' || b == '\r' || b == '\n')
            continue;
        if (b == '=') {
            if (++h->b64_pad > 2 || h->b64_bits == 0)
                goto bad;
            continue;
        }
        if (h->b64_pad)
            goto bad;
        if (b >= 'A' && b <= 'Z')
            v = b - 'A';
        else if (b >= 'a' && b <= 'z')
            v = b - 'a' + 26;
        else if (b >= '0' && b <= '9')
            v = b - '0' + 52;
        else if (b == '+' || b == '-')
            v = 62;
        else if (b == '/' || b == '_')
            v = 63;
        else
            goto bad;
        h->b64_acc = (h->b64_acc << 6 | v) & 0xFFFFFF;
        h->b64_bits += 6;
        if (h->b64_bits >= 8) {
            h->b64_bits -= 8;
            h->b64_out[k++] = (unsigned char)(h->b64_acc >> h->b64_bits);
            if (h->b64_bits == 0)
                h->b64_acc = 0;
        }
        if (k == sizeof h->b64_out) {
            if (svc_payload_feed(c, h->b64_out, k) < 0)
                return -1;
            k = 0;
        }
        continue;
    bad:
        if (k && svc_payload_feed(c, h->b64_out, k) < 0)
            return -1;
        return b64_bad(c, h, b);
    }
    return k ? svc_payload_feed(c, h->b64_out, k) : 0;
}

static int buffer_text(sv_capture *c, svc_har *h, const unsigned char *s,
                       size_t n)
{
    if (h->text_over)
        return 0;
    if (h->tbuf_len + n > c->opt.max_token) {
        h->text_over = 1;
        h->tbuf_len = 0;
        return 0;
    }
    if (h->tbuf_len + n > h->tbuf_cap) {
        size_t cap = h->tbuf_cap ? h->tbuf_cap : 4096;
        while (cap < h->tbuf_len + n)
            cap *= 2;
        unsigned char *b = svc_realloc(c, h->tbuf, cap);
        if (!b) {
            c->status = SV_ERR_NOMEM;
            return -1;
        }
        h->tbuf = b;
        h->tbuf_cap = cap;
    }
    memcpy(h->tbuf + h->tbuf_len, s, n);
    h->tbuf_len += n;
    return 0;
}

static int text_bytes(sv_capture *c, svc_har *h, const unsigned char *s,
                      size_t n)
{
    switch (h->mode) {
    case M_PLAIN:
        return svc_payload_feed(c, s, n);
    case M_B64:
        return b64_feed(c, h, s, n);
    case M_BUFFER:
        return buffer_text(c, h, s, n);
    case M_SNIFF: {
        /* the encoding is not known yet: JSON text starts with '{' or
         * '[' (after whitespace), which base64 never holds */
        size_t i = 0;
        while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' ||
                         s[i] == '\n'))
            i++;
        if (i == n)
            return buffer_text(c, h, s, n);
        if (s[i] != '{' && s[i] != '[') {
            h->mode = M_BUFFER;
            return buffer_text(c, h, s, n);
        }
        if (payload_start(c, h, M_PLAIN) < 0)
            return -1;
        if (h->tbuf_len && svc_payload_feed(c, h->tbuf, h->tbuf_len) < 0)
            return -1;
        h->tbuf_len = 0;
        return svc_payload_feed(c, s, n);
    }
    default:
        return 0;
    }
}

static int text_begin(sv_capture *c, svc_har *h)
{
    h->has_text = 1;
    h->text_done = 0;
    h->text_over = 0;
    h->tbuf_len = 0;
    h->text_pos = h->str_pos;
    h->b64_acc = 0;
    h->b64_bits = h->b64_pad = h->b64_bad = 0;
    h->b64_index = 0;
    if (h->wanted == W_NO) {
        h->mode = M_DISCARD;
        return 0;
    }
    if (h->wanted == W_UNKNOWN) {
        h->mode = M_BUFFER;
        return 0;
    }
    switch (h->encoding) {
    case E_BASE64:
        return payload_start(c, h, M_B64);
    case E_NONE:
        return payload_start(c, h, M_PLAIN);
    case E_OTHER:
        h->mode = M_DISCARD;
        return 0;
    default:
        h->mode = M_SNIFF;
        return 0;
    }
}

static int text_end(sv_capture *c, svc_har *h)
{
    h->text_done = 1;
    switch (h->mode) {
    case M_SNIFF:
        /* only whitespace: as plain text (the parser says it is empty) */
        if (payload_start(c, h, M_PLAIN) < 0)
            return -1;
        if (h->tbuf_len && svc_payload_feed(c, h->tbuf, h->tbuf_len) < 0)
            return -1;
        h->tbuf_len = 0;
        h->mode = M_NONE;
        return svc_payload_end(c);
    case M_PLAIN:
        h->mode = M_NONE;
        return svc_payload_end(c);
    case M_B64:
        if (h->b64_bits == 6)
            return b64_bad(c, h, 0);
        h->mode = M_NONE;
        return svc_payload_end(c);
    default:
        return 0;
    }
}

/* Held text, now that the URL (entry end) or the encoding (content end)
 * is known. */
static int text_flush(sv_capture *c, svc_har *h, int entry_end)
{
    if (h->mode != M_BUFFER || !h->text_done)
        return 0;
    if (h->wanted == W_UNKNOWN && !entry_end)
        return 0;
    if (h->wanted != W_YES || h->text_over) {
        h->mode = M_NONE;
        h->tbuf_len = 0;
        return 0;
    }
    int enc = h->encoding;
    if (enc == E_UNKNOWN && !entry_end)
        return 0;
    if (enc == E_OTHER) {
        h->mode = M_NONE;
        h->tbuf_len = 0;
        return 0;
    }
    if (payload_start(c, h, enc == E_BASE64 ? M_B64 : M_PLAIN) < 0)
        return -1;
    size_t n = h->tbuf_len;
    h->tbuf_len = 0;
    if (text_bytes(c, h, h->tbuf, n) < 0)
        return -1;
    return text_end(c, h);
}

static int entry_end(sv_capture *c, svc_har *h)
{
    h->in_entry = 0;
    c->entries++;
    if (!h->url.has) {
        h->wanted = W_NO;
        c->skipped++;
        return ENTRY_DIAG(c, h, SV_DIAG_HAR, &h->entry_pos,
                          "the entry has no request.url (HAR 1.2: every "
                          "entry has request and response)");
    }
    if (h->wanted != W_YES) {
        c->skipped++;
        h->mode = M_NONE;
        return 0;
    }
    if (text_flush(c, h, 1) < 0)
        return -1;
    if (h->text_over &&
        ENTRY_DIAG(c, h, SV_DIAG_LIMIT_EXCEEDED, &h->text_pos,
                   "content.text came before the entry's URL or encoding "
                   "and runs past %zu bytes (max_token): not validated",
                   c->opt.max_token) < 0)
        return -1;
    if (h->encoding == E_OTHER && h->has_text &&
        ENTRY_DIAG(c, h, SV_DIAG_HAR, &h->enc.pos,
                   "content.encoding \"%s\" is not supported (HAR 1.2 "
                   "knows base64)",
                   h->enc.s) < 0)
        return -1;
    if (!h->checked && entry_checks(c, h) < 0)
        return -1;
    if (!h->has_text &&
        ENTRY_DIAG(c, h, SV_DIAG_HAR, &h->entry_pos,
                   "the entry has no response.content.text: the HAR was "
                   "saved without content (in the browser: Save all as "
                   "HAR with content)") < 0)
        return -1;
    return 0;
}

/* ------------------------------------------------------- structure */

static int is_array(const svc_har *h, uint32_t d)
{
    return (h->cstack[d >> 3] >> (d & 7)) & 1;
}

static int kind_at(const svc_har *h, uint32_t d)
{
    return d < SVC_HAR_TRACK ? h->kinds[d] : N_OTHER;
}

/* The node a value starts, from its parent and key: N_OTHER when we do
 * not look inside. */
static int child(const svc_har *h, int is_map)
{
    int p = h->depth ? kind_at(h, h->depth) : -1;
    int k = h->key;
    switch (p) {
    case -1:
        return is_map ? N_ROOT : N_OTHER;
    case N_ROOT:
        return k == K_LOG && is_map ? N_LOG : N_OTHER;
    case N_LOG:
        return k == K_ENTRIES && !is_map ? N_ENTRIES : N_OTHER;
    case N_ENTRIES:
        return is_map ? N_ENTRY : N_OTHER;
    case N_ENTRY:
        return !is_map             ? N_OTHER
               : k == K_REQUEST  ? N_REQUEST
               : k == K_RESPONSE ? N_RESPONSE
                                 : N_OTHER;
    case N_RESPONSE:
        if (k == K_HEADERS && !is_map)
            return N_HEADERS;
        return k == K_CONTENT && is_map ? N_CONTENT : N_OTHER;
    case N_HEADERS:
        return is_map ? N_HEADER : N_OTHER;
    default:
        return N_OTHER;
    }
}

static int cont(sv_capture *c)
{
    return c->status == SV_OK;
}

/* A value (any type) at the current level: checks of where it is. */
static int value_at(sv_capture *c, svc_har *h, int type_ok, sv_pos at,
                    int kind)
{
    int p = h->depth ? kind_at(h, h->depth) : -1;
    int k = h->key;
    h->expect_value = 0;
    if (p == -1) {
        h->root_seen = 1;
        h->root_pos = at;
        if (kind != N_ROOT) {
            h->not_har = 1;
            return har_error(c, &at,
                             "not a HAR: a HAR 1.2 archive is a JSON object "
                             "with a \"log\" object") < 0
                       ? 0
                       : cont(c);
        }
    } else if (p == N_ROOT && k == K_LOG) {
        h->log_seen = 1;
        h->log_pos = at;
        if (!type_ok)
            return har_error(c, &at, "log must be an object (HAR 1.2)") < 0
                       ? 0
                       : cont(c);
    } else if (p == N_LOG && k == K_ENTRIES) {
        h->entries_seen = 1;
        if (!type_ok)
            return har_error(c, &at, "log.entries must be an array (HAR "
                                     "1.2)") < 0
                       ? 0
                       : cont(c);
    } else if (p == N_ENTRIES && kind != N_ENTRY) {
        uint64_t i = h->nentries++;
        c->entries++;
        c->skipped++;
        char m[96];
        snprintf(m, sizeof m, "log.entries[%llu] is not an object",
                 (unsigned long long)i);
        return har_error(c, &at, m) < 0 ? 0 : cont(c);
    }
    return cont(c);
}

static int y_start(void *ctx, int is_map)
{
    sv_capture *c = ctx;
    svc_har *h = c->har;
    sv_pos at = ev_pos(h, 1);
    ev_done(h);
    int kind = child(h, is_map);
    int p = h->depth ? kind_at(h, h->depth) : -1;
    int ok = (p == N_ROOT && h->key == K_LOG) ? is_map
             : (p == N_LOG && h->key == K_ENTRIES) ? !is_map
                                                    : 1;
    if (!value_at(c, h, ok, at, kind))
        return 0;
    if (h->depth >= c->opt.max_depth) {
        svc_diag(c, SV_DIAG_LIMIT_EXCEEDED, &at, NULL, 0,
                 "the HAR nests deeper than %u levels (max_depth)",
                 c->opt.max_depth);
        if (c->status == SV_OK)
            c->status = SV_ERR_LIMIT;
        return 0;
    }
    h->depth++;
    uint32_t d = h->depth;
    if (is_map)
        h->cstack[d >> 3] &= (unsigned char)~(1u << (d & 7));
    else
        h->cstack[d >> 3] |= (unsigned char)(1u << (d & 7));
    if (d < SVC_HAR_TRACK)
        h->kinds[d] = (uint8_t)kind;
    h->key = K_OTHER;
    h->expect_value = 0;
    switch (kind) {
    case N_ENTRY:
        entry_begin(h, at);
        break;
    case N_HEADER:
        short_reset(&h->hname);
        short_reset(&h->hval);
        break;
    default:
        break;
    }
    return cont(c);
}

static int y_start_map(void *ctx)
{
    return y_start(ctx, 1);
}

static int y_start_array(void *ctx)
{
    return y_start(ctx, 0);
}

static int y_end(void *ctx)
{
    sv_capture *c = ctx;
    svc_har *h = c->har;
    ev_done(h);
    int kind = kind_at(h, h->depth);
    if (h->depth)
        h->depth--;
    h->expect_value = 0;
    h->key = K_OTHER;
    switch (kind) {
    case N_ENTRY:
        if (entry_end(c, h) < 0)
            return 0;
        break;
    case N_HEADER:
        if (h->hname.has && svc_ieq(h->hname.s, h->hname.len, "content-type") &&
            h->hval.has && !h->ct.has)
            h->ct = h->hval;
        break;
    case N_HEADERS:
        if (h->in_entry)
            h->headers_done = 1;
        break;
    case N_CONTENT:
        /* closed without an encoding: the text is what it says */
        if (h->in_entry && h->encoding == E_UNKNOWN)
            h->encoding = E_NONE;
        if (h->in_entry && text_flush(c, h, 0) < 0)
            return 0;
        break;
    case N_LOG:
        if (!h->entries_seen &&
            har_error(c, &h->log_pos,
                      "log has no entries array (HAR 1.2)") < 0)
            return 0;
        break;
    case N_ROOT:
        if (!h->log_seen && !h->not_har &&
            har_error(c, &h->root_pos,
                      "not a HAR: the object has no \"log\" member (HAR "
                      "1.2)") < 0)
            return 0;
        break;
    default:
        break;
    }
    return cont(c);
}

static int y_key(void *ctx, const unsigned char *s, size_t n)
{
    static const struct {
        const char *name;
        int key;
    } keys[] = {{"log", K_LOG},           {"entries", K_ENTRIES},
                {"request", K_REQUEST},   {"response", K_RESPONSE},
                {"method", K_METHOD},     {"url", K_URL},
                {"status", K_STATUS},     {"headers", K_HEADERS},
                {"content", K_CONTENT},   {"name", K_NAME},
                {"value", K_VALUE},       {"text", K_TEXT},
                {"encoding", K_ENCODING}, {"mimeType", K_MIMETYPE}};
    sv_capture *c = ctx;
    svc_har *h = c->har;
    ev_done(h);
    h->key = K_OTHER;
    if (h->depth < SVC_HAR_TRACK && kind_at(h, h->depth) != N_OTHER)
        for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
            if (strlen(keys[i].name) == n &&
                memcmp(keys[i].name, s, n) == 0) {
                h->key = keys[i].key;
                break;
            }
    h->expect_value = 1;
    return cont(c);
}

/* number, boolean, null, and the "" that stands for a string */
static int y_scalar(sv_capture *c, size_t len, int is_number,
                    const char *num)
{
    svc_har *h = c->har;
    sv_pos at = ev_pos(h, len);
    ev_done(h);
    int p = h->depth ? kind_at(h, h->depth) : -1;
    int k = h->key;
    int ok = !((p == N_ROOT && k == K_LOG) || (p == N_LOG && k == K_ENTRIES));
    if (!value_at(c, h, ok, at, N_OTHER))
        return 0;
    if (p == N_RESPONSE && k == K_STATUS && h->in_entry) {
        int64_t v = 0;
        int good = is_number && len > 0 && len <= 18;
        for (size_t i = 0; good && i < len; i++) {
            if (num[i] < '0' || num[i] > '9')
                good = num[i] == '-' && i == 0;
            else
                v = v * 10 + (num[i] - '0');
        }
        if (good && num[0] == '-')
            v = -v;
        h->has_status = good;
        h->status = v;
        h->status_pos = at;
    }
    return cont(c);
}

static int y_null(void *ctx)
{
    return y_scalar(ctx, 4, 0, NULL);
}

static int y_boolean(void *ctx, int v)
{
    return y_scalar(ctx, v ? 4 : 5, 0, NULL);
}

static int y_number(void *ctx, const char *s, size_t len)
{
    return y_scalar(ctx, len, 1, s);
}

static int y_string(void *ctx, const unsigned char *s, size_t len)
{
    (void)s;
    sv_capture *c = ctx;
    return y_scalar(c, c->har->in_placeholder ? 2 : len + 2, 0, NULL);
}

const yajl_callbacks svc_har_callbacks = {
    y_null,      y_boolean, NULL,   NULL,          y_number,
    y_string,    y_start_map, y_key, y_end, y_start_array,
    y_end,
};

/* ---------------------------------------------------------- the filter */

/* Give yajl s[0..n), the next bytes of the text. */
static int yfeed(sv_capture *c, svc_har *h, const unsigned char *s, size_t n)
{
    if (n == 0 || h->broken)
        goto done;
    h->span = s;
    h->span_len = n;
    h->span_pos = svc_here(&h->at);
    yajl_status st = run_yajl(c, s, n, 0);
    if (st == yajl_status_error && c->status == SV_OK) {
        sv_pos at = err_pos(h);
        h->broken = 1;
        svc_diag(c, SV_DIAG_SYNTAX, &at, NULL, 0,
                 "the HAR is not well-formed JSON (RFC 8259) from here on");
        if (c->status == SV_OK)
            c->status = SV_ERR_SYNTAX;
    }
    if (c->status == SV_OK && (!h->has_next_start || !h->has_next_ws)) {
        /* bytes after the last event: where the next token starts, and
         * where an error after it would be placed */
        size_t k0 = h->ev_end >= h->span_pos.off
                        ? (size_t)(h->ev_end - h->span_pos.off)
                        : 0;
        size_t k = k0;
        while (k < n && is_ws(s[k]))
            k++;
        if (k < n && !h->has_next_ws) {
            h->next_ws = span_at(h, k);
            h->has_next_ws = 1;
        }
        while (k < n && is_gap(s[k]))
            k++;
        if (k < n && !h->has_next_start) {
            h->next_start = span_at(h, k);
            h->has_next_start = 1;
        }
    }
    h->span = NULL;
    h->span_len = 0;
done:
    svc_lines_advance(&h->at, s, n);
    return c->status == SV_OK ? 0 : -1;
}

/* The "" that stands for the string value just read. */
static int placeholder(sv_capture *c, svc_har *h)
{
    if (h->broken)
        return c->status == SV_OK ? 0 : -1;
    static const unsigned char q[2] = {'"', '"'};
    h->in_placeholder = 1;
    h->span = q;
    h->span_len = 0;
    h->span_pos = h->str_pos;
    yajl_status st = run_yajl(c, q, 2, 0);
    h->in_placeholder = 0;
    if (st == yajl_status_error && c->status == SV_OK) {
        h->broken = 1;
        svc_diag(c, SV_DIAG_SYNTAX, &h->str_pos, NULL, 0,
                 "the HAR is not well-formed JSON (RFC 8259) from here on");
        if (c->status == SV_OK)
            c->status = SV_ERR_SYNTAX;
    }
    h->span = NULL;
    return c->status == SV_OK ? 0 : -1;
}

static int target_of(const svc_har *h)
{
    if (h->depth == 0 || !h->in_entry)
        return T_DISCARD;
    int p = kind_at(h, h->depth), k = h->key;
    if (p == N_REQUEST)
        return k == K_METHOD ? T_METHOD : k == K_URL ? T_URL : T_DISCARD;
    if (p == N_HEADER)
        return k == K_NAME ? T_HNAME : k == K_VALUE ? T_HVAL : T_DISCARD;
    if (p == N_CONTENT)
        return k == K_MIMETYPE   ? T_MIME
               : k == K_ENCODING ? T_ENC
               : k == K_TEXT     ? T_TEXT
                                 : T_DISCARD;
    return T_DISCARD;
}

static shortstr *short_of(svc_har *h, int t)
{
    switch (t) {
    case T_METHOD:
        return &h->method;
    case T_HNAME:
        return &h->hname;
    case T_HVAL:
        return &h->hval;
    case T_MIME:
        return &h->mime;
    case T_ENC:
        return &h->enc;
    default:
        return NULL;
    }
}

static int value_begin(sv_capture *c, svc_har *h)
{
    h->target = target_of(h);
    h->s_esc = 0;
    h->s_high = 0;
    h->u8_need = 0;
    h->nout = 0;
    shortstr *s = short_of(h, h->target);
    if (s) {
        short_reset(s);
        s->pos = h->str_pos;
    }
    if (h->target == T_URL) {
        h->url.len = 0;
        h->url.longer = h->url.has = 0;
    }
    if (h->target == T_TEXT)
        return text_begin(c, h);
    return 0;
}

/* Decoded bytes of the string value to where they go. */
static int sink(sv_capture *c, svc_har *h, const unsigned char *b, size_t n)
{
    switch (h->target) {
    case T_TEXT:
        return text_bytes(c, h, b, n);
    case T_URL: {
        size_t room = URL_MAX - h->url.len;
        if (n > room) {
            h->url.longer = 1;
            n = room;
        }
        memcpy(h->url.s + h->url.len, b, n);
        h->url.len += n;
        h->url.s[h->url.len] = '\0';
        return 0;
    }
    case T_DISCARD:
        return 0;
    default: {
        shortstr *s = short_of(h, h->target);
        short_put(s, b, n);
        return 0;
    }
    }
}

static int out_flush(sv_capture *c, svc_har *h)
{
    size_t n = h->nout;
    h->nout = 0;
    return n ? sink(c, h, h->out, n) : 0;
}

static int value_end(sv_capture *c, svc_har *h)
{
    if (out_flush(c, h) < 0)
        return -1;
    shortstr *s = short_of(h, h->target);
    if (s)
        s->has = 1;
    switch (h->target) {
    case T_URL:
        url_done(c, h);
        return 0;
    case T_ENC:
        encoding_done(h);
        return 0;
    case T_TEXT:
        return text_end(c, h);
    default:
        return 0;
    }
}

/* The text decoded so far is judged before the stream stops, whatever
 * pieces it came in. */
static void text_abandon(sv_capture *c, svc_har *h)
{
    if (h->target != T_TEXT)
        return;
    out_flush(c, h);
    if (c->in_payload)
        svc_payload_abandon(c);
}

static int str_error(sv_capture *c, svc_har *h, sv_pos at, const char *what)
{
    h->broken = 1;
    text_abandon(c, h);
    svc_diag(c, SV_DIAG_SYNTAX, &at, NULL, 0, "the HAR is not well-formed "
             "JSON: %s", what);
    if (c->status == SV_OK)
        c->status = SV_ERR_SYNTAX;
    return -1;
}

static int out_put(sv_capture *c, svc_har *h, const unsigned char *b,
                   size_t n)
{
    if (n > sizeof h->out / 2)
        /* a long run: no copy, after what waits */
        return out_flush(c, h) < 0 ? -1 : sink(c, h, b, n);
    if (h->nout + n > sizeof h->out && out_flush(c, h) < 0)
        return -1;
    memcpy(h->out + h->nout, b, n);
    h->nout += n;
    return 0;
}

static int out_cp(sv_capture *c, svc_har *h, uint32_t cp)
{
    unsigned char o[4];
    return out_put(c, h, o, svc_utf8_encode(cp, o));
}

static int hexval(unsigned char b)
{
    if (b >= '0' && b <= '9')
        return b - '0';
    if (b >= 'a' && b <= 'f')
        return b - 'a' + 10;
    if (b >= 'A' && b <= 'F')
        return b - 'A' + 10;
    return -1;
}

/* Decode string bytes from s[i..n); returns the index after the closing
 * quote, or n.  h->taking is cleared at the closing quote. */
static size_t take(sv_capture *c, svc_har *h, const unsigned char *s,
                   size_t i, size_t n)
{
    size_t start = i;
    while (i < n) {
        unsigned char b = s[i];
        if (h->s_esc == 0 && !h->u8_need && !h->s_high) {
            /* a run of plain ASCII goes out in one piece */
            size_t j = i;
            while (j < n && s[j] >= 0x20 && s[j] < 0x80 && s[j] != '"' &&
                   s[j] != '\\')
                j++;
            if (j > i) {
                if (out_put(c, h, s + i, j - i) < 0)
                    goto stop;
                i = j;
                continue;
            }
        }
        sv_pos at = {h->at.off + (i - start), h->at.line,
                     h->at.off + (i - start) - h->at.line_start + 1};
        if (h->u8_need) {
            if ((b & 0xC0) != 0x80) {
                str_error(c, h, h->u8_lead,
                          "invalid UTF-8 in a string (a continuation byte "
                          "is missing)");
                goto stop;
            }
            h->u8_cp = h->u8_cp << 6 | (b & 0x3F);
            if (--h->u8_need == 0 &&
                (h->u8_cp < h->u8_min ||
                 (h->u8_cp >= 0xD800 && h->u8_cp <= 0xDFFF) ||
                 h->u8_cp > 0x10FFFF)) {
                str_error(c, h, h->u8_lead,
                          "invalid UTF-8 in a string (overlong, surrogate "
                          "or above U+10FFFF)");
                goto stop;
            }
            if (out_put(c, h, &b, 1) < 0)
                goto stop;
            i++;
            continue;
        }
        if (h->s_esc >= 2) {
            int v = hexval(b);
            if (v < 0) {
                str_error(c, h, at, "a \\u escape needs four hex digits");
                goto stop;
            }
            h->s_u = h->s_u << 4 | (uint32_t)v;
            i++;
            if (++h->s_esc < 6)
                continue;
            h->s_esc = 0;
            uint32_t u = h->s_u;
            int r = 0;
            if (h->s_high) {
                if (u >= 0xDC00 && u <= 0xDFFF) {
                    r = out_cp(c, h, 0x10000 + ((h->s_high - 0xD800) << 10) +
                                         (u - 0xDC00));
                    h->s_high = 0;
                    if (r < 0)
                        goto stop;
                    continue;
                }
                /* a lone high surrogate: U+FFFD, as JSON.parse keeps it
                 * unpaired and no UTF-8 can hold it */
                h->s_high = 0;
                if (out_cp(c, h, 0xFFFD) < 0)
                    goto stop;
            }
            if (u >= 0xD800 && u <= 0xDBFF)
                h->s_high = u;
            else
                r = out_cp(c, h, u >= 0xDC00 && u <= 0xDFFF ? 0xFFFD : u);
            if (r < 0)
                goto stop;
            continue;
        }
        if (h->s_esc == 1) {
            unsigned char d;
            switch (b) {
            case '"':
            case '\\':
            case '/':
                d = b;
                break;
            case 'b':
                d = '\b';
                break;
            case 'f':
                d = '\f';
                break;
            case 'n':
                d = '\n';
                break;
            case 'r':
                d = '\r';
                break;
            case 't':
                d = '\t';
                break;
            case 'u':
                h->s_esc = 2;
                h->s_u = 0;
                i++;
                continue;
            default:
                str_error(c, h, at, "an invalid escape in a string");
                goto stop;
            }
            h->s_esc = 0;
            if (h->s_high) {
                h->s_high = 0;
                if (out_cp(c, h, 0xFFFD) < 0)
                    goto stop;
            }
            if (out_put(c, h, &d, 1) < 0)
                goto stop;
            i++;
            continue;
        }
        /* s_esc == 0 */
        if (h->s_high && b != '\\') {
            h->s_high = 0;
            if (out_cp(c, h, 0xFFFD) < 0)
                goto stop;
        }
        if (b == '"') {
            i++;
            h->taking = 0;
            h->at.off += i - start;
            h->str_end = h->at.off;
            if (value_end(c, h) < 0)
                return n;
            return i;
        }
        if (b == '\\') {
            h->s_esc = 1;
            i++;
            continue;
        }
        if (b < 0x20) {
            str_error(c, h, at, "a control character in a string (escape "
                                "it)");
            goto stop;
        }
        /* b >= 0x80 */
        if (b >= 0xC2 && b <= 0xDF) {
            h->u8_need = 1;
            h->u8_cp = b & 0x1F;
            h->u8_min = 0x80;
        } else if (b >= 0xE0 && b <= 0xEF) {
            h->u8_need = 2;
            h->u8_cp = b & 0x0F;
            h->u8_min = 0x800;
        } else if (b >= 0xF0 && b <= 0xF4) {
            h->u8_need = 3;
            h->u8_cp = b & 0x07;
            h->u8_min = 0x10000;
        } else {
            str_error(c, h, at, "invalid UTF-8 in a string");
            goto stop;
        }
        h->u8_lead = at;
        if (out_put(c, h, &b, 1) < 0)
            goto stop;
        i++;
    }
    h->at.off += i - start;
    return n;
stop:
    h->at.off += i - start;
    return n;
}

int svc_har_feed(sv_capture *c, const unsigned char *s, size_t n)
{
    svc_har *h = c->har;
    size_t span0 = 0, i = 0;
    h->tok_here = 0;
    while (i < n && c->status == SV_OK) {
        if (h->taking) {
            i = take(c, h, s, i, n);
            span0 = i;
            if (c->status != SV_OK)
                break;
            if (!h->taking && placeholder(c, h) < 0)
                break;
            continue;
        }
        unsigned char b = s[i];
        if (h->key_open) {
            if (++h->tok_len > SVC_HAR_TOKEN)
                goto too_long;
            if (h->key_esc) {
                h->key_esc = 0;
            } else if (b == '\\') {
                h->key_esc = 1;
            } else if (b == '"') {
                h->key_open = 0;
                h->tok_len = 0; /* the key is a whole token */
            }
            i++;
            continue;
        }
        if (b == '"') {
            h->tok_len = 0; /* a quote ends any scalar ("1\"" is yajl's
                               error to find) */
            if (yfeed(c, h, s + span0, i - span0) < 0)
                break;
            span0 = i;
            int value = h->depth == 0 || is_array(h, h->depth) ||
                        h->expect_value;
            if (!value) {
                h->key_open = 1;
                h->key_esc = 0;
                h->tok_len = 1;
                h->tok_pos = svc_here(&h->at);
                i++;
                continue;
            }
            h->str_pos = svc_here(&h->at);
            h->at.off++; /* the quote */
            i++;
            span0 = i;
            h->taking = 1;
            if (value_begin(c, h) < 0)
                break;
            continue;
        }
        if (is_gap(b) || b == '{' || b == '}' || b == '[' || b == ']') {
            h->tok_len = 0;
        } else {
            if (h->tok_len == 0) {
                h->tok_i = i;
                h->tok_here = 1;
            }
            if (++h->tok_len > SVC_HAR_TOKEN) {
                /* a scalar begun in an earlier chunk was located when
                 * that chunk ended */
                if (h->tok_here)
                    h->tok_pos = ahead(h, s, span0, h->tok_i);
                goto too_long;
            }
        }
        i++;
    }
    /* a scalar still open: where it began, before these bytes go */
    if (h->tok_len && h->tok_here && !h->key_open && !h->taking &&
        h->tok_i >= span0 && c->status == SV_OK)
        h->tok_pos = ahead(h, s, span0, h->tok_i);
    if (c->status == SV_OK && !h->taking && span0 < n)
        yfeed(c, h, s + span0, n - span0);
    return c->status == SV_OK ? 0 : -1;
too_long:
    /* yajl judges the bytes before this one first: a chunk boundary may
     * have given them to it already, and what it finds there comes first
     * either way */
    if (yfeed(c, h, s + span0, i - span0) < 0)
        return -1;
    svc_diag(c, SV_DIAG_LIMIT_EXCEEDED, &h->tok_pos, NULL, 0,
             "a member name, number or literal of the HAR runs past %d "
             "bytes",
             SVC_HAR_TOKEN);
    if (c->status == SV_OK)
        c->status = SV_ERR_LIMIT;
    return -1;
}

int svc_har_finish(sv_capture *c)
{
    svc_har *h = c->har;
    if (h->taking) {
        text_abandon(c, h);
        svc_diag(c, SV_DIAG_TRUNCATED, &h->str_pos, NULL, 0,
                 "the HAR ends inside this string");
        if (c->status == SV_OK)
            c->status = SV_ERR_SYNTAX;
        return -1;
    }
    if (h->broken)
        return -1;
    h->span = NULL;
    h->span_len = 0;
    h->span_pos = svc_here(&h->at);
    yajl_status st = run_yajl(c, NULL, 0, 1);
    if (c->status != SV_OK)
        return -1;
    if (st == yajl_status_error || !h->root_seen) {
        sv_pos at = h->has_next_ws ? h->next_ws : svc_here(&h->at);
        int open = h->depth > 0 || !h->root_seen;
        svc_diag(c, open ? SV_DIAG_TRUNCATED : SV_DIAG_SYNTAX, &at, NULL, 0,
                 !h->root_seen ? "the input holds no JSON value"
                 : open        ? "the HAR ends before its JSON is complete"
                               : "the HAR is not well-formed JSON (RFC "
                                 "8259) from here on");
        if (c->status == SV_OK)
            c->status = SV_ERR_SYNTAX;
        return -1;
    }
    return 0;
}

/* --------------------------------------------------------------- life */

static void har_clear(svc_har *h)
{
    h->at = (svc_lines){0, 1, 0};
    h->span = NULL;
    h->span_len = 0;
    h->in_placeholder = 0;
    h->ev_end = 0;
    h->has_next_start = 0;
    h->has_next_ws = 0;
    h->broken = 0;
    h->key_open = h->key_esc = 0;
    h->tok_len = 0;
    h->taking = 0;
    h->depth = 0;
    h->expect_value = 0;
    h->key = K_OTHER;
    h->root_seen = h->log_seen = h->entries_seen = h->not_har = 0;
    h->nentries = 0;
    h->in_entry = 0;
    h->tbuf_len = 0;
    h->nout = 0;
    memset(h->kinds, 0, sizeof h->kinds);
}

int svc_har_init(sv_capture *c)
{
    if (!c->har) {
        svc_har *h = svc_alloc(c, sizeof *h);
        if (!h) {
            c->status = SV_ERR_NOMEM;
            return -1;
        }
        memset(h, 0, sizeof *h);
        c->har = h;
        h->ya.malloc = y_malloc;
        h->ya.realloc = y_realloc;
        h->ya.free = y_free;
        h->ya.ctx = c;
        h->cstack = svc_alloc(c, c->opt.max_depth / 8 + 2);
        if (!h->cstack) {
            c->status = SV_ERR_NOMEM;
            return -1;
        }
    }
    har_clear(c->har);
    if (!c->har->y && new_yajl(c) < 0)
        return -1;
    return 0;
}

void svc_har_reset(sv_capture *c)
{
    /* yajl cannot be reset after an error: a new handle when next used */
    if (c->har->y)
        yajl_free(c->har->y);
    c->har->y = NULL;
    har_clear(c->har);
}

void svc_har_free(sv_capture *c)
{
    svc_har *h = c->har;
    if (h->y)
        yajl_free(h->y);
    svc_free(c, h->tbuf);
    svc_free(c, h->cstack);
    svc_free(c, h);
    c->har = NULL;
}
