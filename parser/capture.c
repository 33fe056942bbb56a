/*
 * capture.c - the capture object: a file as a tool saved it, validated
 * payload by payload with one inner sv_parser.
 *
 * Here: the encoding layer (a UTF-8 byte-order mark skipped, UTF-16
 * transcoded to UTF-8 while streaming), detection by content (a bounded
 * peek, never a second pass), the JSON form, the payload life cycle
 * (reset, feed, finish, counters carried across payloads) and the
 * diagnostics: the capture's own, and the inner parser's moved to file
 * positions and named by their payload.  HTTP responses are in http.c,
 * HAR archives in har.c.
 *
 * The inner parser's callbacks are the forwarders below; they rewrite
 * what needs rewriting and call the caller's.  For a plain JSON input
 * (no mark, one payload) nothing needs it and records pass through as
 * they are: the capture costs the JSON path one indirect call per record.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "sv_capture.h"

/* ---------------------------------------------------------- allocation */

void *svc_alloc(sv_capture *c, size_t n)
{
    return c->opt.allocator.malloc_fn(c->opt.allocator.ctx, n);
}

void *svc_realloc(sv_capture *c, void *p, size_t n)
{
    return c->opt.allocator.realloc_fn(c->opt.allocator.ctx, p, n);
}

void svc_free(sv_capture *c, void *p)
{
    if (p)
        c->opt.allocator.free_fn(c->opt.allocator.ctx, p);
}

/* a[0, n) equals the lower-case b, ignoring ASCII case */
int svc_ieq(const char *a, size_t n, const char *b)
{
    size_t m = strlen(b);
    if (n != m)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (sv__lower((unsigned char)a[i]) != (unsigned char)b[i])
            return 0;
    return 1;
}

/* ----------------------------------------------------------- positions */

void svc_lines_advance(svc_lines *l, const unsigned char *s, size_t n)
{
    const unsigned char *at = s, *end = s + n;
    while (at < end) {
        const unsigned char *nl = memchr(at, '\n', (size_t)(end - at));
        if (!nl)
            break;
        l->line++;
        l->line_start = l->off + (uint64_t)(nl - s) + 1;
        at = nl + 1;
    }
    l->off += n;
}

/* A position relative to `origin` (whose own line and column it
 * continues on its first line) made absolute. */
static sv_pos shift(sv_pos origin, uint64_t off, uint64_t line, uint64_t col)
{
    sv_pos r;
    r.off = origin.off + off;
    r.line = origin.line + line - 1;
    r.col = line == 1 ? origin.col + col - 1 : col;
    return r;
}

sv_pos svc_file_pos(const sv_capture *c, sv_pos text)
{
    return shift(c->text_origin, text.off, text.line, text.col);
}

/* ------------------------------------------------------ the forwarders */

/* Room for one more delivered diagnostic (max_diagnostics). */
static int deliverable(sv_capture *c)
{
    if (c->opt.max_diagnostics && c->delivered >= c->opt.max_diagnostics)
        return 0;
    c->delivered++;
    return 1;
}

static int stopped(sv_capture *c, int r)
{
    if (r && c->status == SV_OK)
        c->status = SV_ERR_ABORTED;
    return r;
}

static int fwd_diag(void *user, const sv_diag *d)
{
    sv_capture *c = user;
    if (!deliverable(c)) {
        c->own_suppressed++;
        return 0;
    }
    if (!c->cb.on_diag || c->status != SV_OK)
        return 0;
    sv_diag e = *d;
    if (c->har_positions) {
        e.offset = c->origin.off;
        e.line = c->origin.line;
        e.column = c->origin.col;
    } else {
        sv_pos f = shift(c->origin, d->offset, d->line, d->column);
        e.offset = f.off;
        e.line = f.line;
        e.column = f.col;
    }
    e.payload_offset = d->offset;
    e.payload_line = d->line;
    e.payload_column = d->column;
    e.context = c->ctx;
    e.context_len = c->ctx ? c->ctx_len : 0;
    e.document = d->document + c->doc_base;
    c->in_callback = 1;
    int r = c->cb.on_diag(c->user, &e);
    c->in_callback = 0;
    return stopped(c, r);
}

/* Offsets of records: file offsets, except inside a HAR entry. */
static uint64_t rec_shift(const sv_capture *c)
{
    return c->har_positions ? 0 : c->origin.off;
}

/* Calls a record callback with the record rewritten when it must be.
 * c->rec_off is what sv_capture_where checks against. */
#define FORWARD(c, fn, type, rec, SHIFT)                                      \
    do {                                                                      \
        if (!(c)->cb.fn || (c)->status != SV_OK)                              \
            return 0;                                                         \
        const type *out_ = (rec);                                             \
        type copy_;                                                           \
        uint64_t by_ = rec_shift(c);                                          \
        if (by_ || (c)->doc_base) {                                           \
            copy_ = *(rec);                                                   \
            SHIFT;                                                            \
            out_ = &copy_;                                                    \
        }                                                                     \
        (c)->in_callback = 1;                                                 \
        (c)->in_record = (rec)->offset + 1;                                   \
        int r_ = (c)->cb.fn((c)->user, out_);                                 \
        (c)->in_record = 0;                                                   \
        (c)->in_callback = 0;                                                 \
        return stopped((c), r_);                                              \
    } while (0)

static int fwd_session(void *user, const sv_session *s)
{
    sv_capture *c = user;
    FORWARD(c, on_session, sv_session, s,
            (copy_.offset += by_, copy_.document += c->doc_base));
}

static int fwd_page(void *user, const sv_page *pg)
{
    sv_capture *c = user;
    FORWARD(c, on_page, sv_page, pg,
            (copy_.offset += by_, copy_.document += c->doc_base));
}

static int fwd_log_entry(void *user, const sv_log_entry *e)
{
    sv_capture *c = user;
    FORWARD(c, on_log_entry, sv_log_entry, e,
            (copy_.offset += by_, copy_.document += c->doc_base));
}

static int fwd_document(void *user, const sv_document *d)
{
    sv_capture *c = user;
    if (!c->cb.on_document || c->status != SV_OK)
        return 0;
    sv_document copy = *d;
    copy.offset += rec_shift(c);
    copy.end += rec_shift(c);
    copy.index += c->doc_base;
    c->in_callback = 1;
    int r = c->cb.on_document(c->user, &copy);
    c->in_callback = 0;
    return stopped(c, r);
}

int sv_capture_where(const sv_capture *c, sv_position *out)
{
    if (!c || !out || !c->in_record)
        return -1;
    sv_parser *p = c->inner;
    /* during a record's callback the engine's innermost frame is that
     * record's object: its start was resolved when its slice ended, or
     * lies in the slice being parsed */
    if (!p->nframes || p->frames[p->nframes - 1].start.off + 1 !=
                           c->in_record)
        return -1;
    sv_pos at = p->frames[p->nframes - 1].start;
    sv__resolve(p, &at);
    memset(out, 0, sizeof *out);
    if (c->har_positions) {
        out->offset = c->origin.off;
        out->line = c->origin.line;
        out->column = c->origin.col;
    } else {
        sv_pos f = shift(c->origin, at.off, at.line, at.col);
        out->offset = f.off;
        out->line = f.line;
        out->column = f.col;
    }
    out->payload_offset = at.off;
    out->payload_line = at.line;
    out->payload_column = at.col;
    out->context = c->ctx;
    out->context_len = c->ctx ? c->ctx_len : 0;
    return 0;
}

/* ------------------------------------------------- own diagnostics */

int svc_diag(sv_capture *c, sv_diag_code code, const sv_pos *at,
             const char *ctx, size_t ctx_len, const char *fmt, ...)
{
    sv_severity sev = sv_diag_default_severity(code);
    if (c->opt.strict)
        sev = SV_SEVERITY_ERROR;
    if (sev == SV_SEVERITY_ERROR)
        c->own_errors++;
    else
        c->own_warnings++;
    if (!deliverable(c)) {
        c->own_suppressed++;
        return 0;
    }
    if (c->status != SV_OK)
        return -1;
    if (!c->cb.on_diag)
        return 0;
    sv_diag d;
    memset(&d, 0, sizeof d);
    d.code = code;
    d.severity = sev;
    if (at) {
        sv_pos f = svc_file_pos(c, *at);
        d.offset = f.off;
        d.line = f.line;
        d.column = f.col;
    } else {
        d.line = d.column = 1; /* the file's first byte */
    }
    d.pointer = "";
    d.pointer_len = 0;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(c->msg, sizeof c->msg, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    d.message = c->msg;
    d.message_len =
        (size_t)n < sizeof c->msg ? (size_t)n : sizeof c->msg - 1;
    d.document = c->doc_base;
    d.context = ctx;
    d.context_len = ctx ? ctx_len : 0;
    c->in_callback = 1;
    int r = c->cb.on_diag(c->user, &d);
    c->in_callback = 0;
    return stopped(c, r) ? -1 : 0;
}

/* ------------------------------------------------------------ payloads */

/* After a feed or finish of the inner parser: 0 to go on, -1 to stop the
 * capture.  A payload that is not JSON (or too deep, too long) ends
 * there; only a lone JSON input has nothing after it to go on with. */
static int settle(sv_capture *c, sv_status st)
{
    if (st == SV_OK)
        return c->status == SV_OK ? 0 : -1;
    if (st == SV_ERR_SYNTAX || st == SV_ERR_LIMIT) {
        c->payload_dead = 1;
        if (c->form != SV_INPUT_JSON)
            return c->status == SV_OK ? 0 : -1;
    }
    if (c->status == SV_OK)
        c->status = st;
    return -1;
}

int svc_payload_begin(sv_capture *c, sv_pos origin, int har, const char *ctx,
                      size_t ctx_len, sv_api api)
{
    if (c->in_payload && svc_payload_end(c) < 0)
        return -1;
    if (c->inner_used && sv_parser_reset(c->inner) != SV_OK) {
        c->status = SV_ERR_NOMEM;
        return -1;
    }
    c->inner_used = 1;
    sv_parser *p = c->inner;
    sv__parser_set_api(p, api);
    /* the inner parser stops formatting what could not be delivered; the
     * forwarder keeps the exact count across payloads */
    if (c->opt.max_diagnostics) {
        uint64_t left = c->opt.max_diagnostics > c->delivered
                            ? c->opt.max_diagnostics - c->delivered
                            : 1;
        p->opt.max_diagnostics = left;
    }
    c->origin = svc_file_pos(c, origin);
    c->har_positions = har;
    c->ctx = ctx;
    c->ctx_len = ctx_len;
    c->in_payload = 1;
    c->payload_dead = 0;
    c->payloads++;
    return 0;
}

int svc_payload_feed(sv_capture *c, const void *data, size_t len)
{
    if (!c->in_payload || c->payload_dead || len == 0)
        return c->status == SV_OK ? 0 : -1;
    return settle(c, sv_parser_feed(c->inner, data, len));
}

int svc_payload_flush(sv_capture *c)
{
    if (!c->in_payload || c->payload_dead || c->status != SV_OK)
        return c->status == SV_OK ? 0 : -1;
    return settle(c, sv__parser_flush(c->inner));
}

int svc_payload_abandon(sv_capture *c)
{
    svc_payload_flush(c);
    c->payload_dead = 1;
    return svc_payload_end(c);
}

static void add_stats(sv_stats *to, const sv_stats *s)
{
    to->documents += s->documents;
    to->sessions += s->sessions;
    to->pages += s->pages;
    to->log_entries += s->log_entries;
    to->errors += s->errors;
    to->warnings += s->warnings;
    to->suppressed += s->suppressed;
}

int svc_payload_end(sv_capture *c)
{
    if (!c->in_payload)
        return c->status == SV_OK ? 0 : -1;
    int r = 0;
    if (!c->payload_dead && c->status == SV_OK)
        r = settle(c, sv_parser_finish(c->inner));
    sv_stats s;
    sv_parser_stats(c->inner, &s);
    add_stats(&c->done, &s);
    c->doc_base += s.documents;
    c->in_payload = 0;
    c->har_positions = 0;
    c->ctx = NULL;
    c->ctx_len = 0;
    return r < 0 || c->status != SV_OK ? -1 : 0;
}

/* ----------------------------------------------------------- detection */

static int is_ws(unsigned char b)
{
    return b == ' ' || b == '\t' || b == '\r' || b == '\n';
}

/* What the first bytes say: SV_INPUT_AUTO while they do not say yet. */
static sv_input classify(const unsigned char *s, size_t n)
{
    static const char http[] = "HTTP/";
    size_t i = 0;
    if (n == 0)
        return SV_INPUT_AUTO;
    if (s[0] == 'H') {
        for (i = 0; i < 5; i++) {
            if (i == n)
                return SV_INPUT_AUTO;
            if (s[i] != (unsigned char)http[i])
                return SV_INPUT_JSON;
        }
        return SV_INPUT_HTTP;
    }
    /* {"log": {   -- a HAR.  The jobSessions log document has a "log"
     * member too, but its value is an array. */
    static const char key[] = "\"log\"";
    while (i < n && is_ws(s[i]))
        i++;
    if (i == n)
        return SV_INPUT_AUTO;
    if (s[i++] != '{')
        return SV_INPUT_JSON;
    while (i < n && is_ws(s[i]))
        i++;
    for (size_t k = 0; k < 5; k++, i++) {
        if (i == n)
            return SV_INPUT_AUTO;
        if (s[i] != (unsigned char)key[k])
            return SV_INPUT_JSON;
    }
    while (i < n && is_ws(s[i]))
        i++;
    if (i == n)
        return SV_INPUT_AUTO;
    if (s[i++] != ':')
        return SV_INPUT_JSON;
    while (i < n && is_ws(s[i]))
        i++;
    if (i == n)
        return SV_INPUT_AUTO;
    return s[i] == '{' ? SV_INPUT_HAR : SV_INPUT_JSON;
}

static int form_feed(sv_capture *c, const unsigned char *s, size_t n)
{
    if (n == 0)
        return c->status == SV_OK ? 0 : -1;
    switch (c->form) {
    case SV_INPUT_HTTP:
        return svc_http_feed(c, s, n);
    case SV_INPUT_HAR:
        return svc_har_feed(c, s, n);
    case SV_INPUT_JSON:
    case SV_INPUT_AUTO:
        break;
    }
    return svc_payload_feed(c, s, n);
}

static int start_form(sv_capture *c, sv_input f)
{
    c->form = f;
    c->started = 1;
    sv_pos start = {0, 1, 1};
    switch (f) {
    case SV_INPUT_HTTP:
        return svc_http_init(c);
    case SV_INPUT_HAR:
        return svc_har_init(c);
    case SV_INPUT_JSON:
    case SV_INPUT_AUTO:
        break;
    }
    c->form = SV_INPUT_JSON;
    return svc_payload_begin(c, start, 0, NULL, 0, c->opt.api);
}

/* Text (UTF-8) from the encoding layer. */
static int text_feed(sv_capture *c, const unsigned char *s, size_t n)
{
    /* a forced form starts with the text, once the encoding (and so the
     * file position of text offset 0) is known */
    if (!c->started && c->form != SV_INPUT_AUTO && start_form(c, c->form) < 0)
        return -1;
    if (c->form != SV_INPUT_AUTO)
        return form_feed(c, s, n);
    size_t take = n < SVC_PEEK - c->npeek ? n : SVC_PEEK - c->npeek;
    memcpy(c->peek + c->npeek, s, take);
    c->npeek += take;
    sv_input f = classify(c->peek, c->npeek);
    if (f == SV_INPUT_AUTO) {
        if (c->npeek < SVC_PEEK)
            return 0;
        f = SV_INPUT_JSON; /* 4 KiB of whitespace: not a capture */
    }
    if (start_form(c, f) < 0)
        return -1;
    size_t np = c->npeek;
    c->npeek = 0;
    if (form_feed(c, c->peek, np) < 0)
        return -1;
    return form_feed(c, s + take, n - take);
}

/* --------------------------------------------------------- encodings */

static int u8_flush(sv_capture *c)
{
    size_t n = c->nu8;
    c->nu8 = 0;
    return n ? text_feed(c, c->u8, n) : 0;
}

static int u16_error(sv_capture *c, sv_pos at, const char *what,
                     unsigned unit)
{
    /* what came before the bad unit is judged first, however it was cut */
    if (u8_flush(c) < 0 || svc_payload_flush(c) < 0)
        return -1;
    svc_diag(c, SV_DIAG_SYNTAX, &at, NULL, 0,
             "invalid UTF-16: %s (U+%04X); the text before it was "
             "validated, what follows is not",
             what, unit);
    if (c->status == SV_OK)
        c->status = SV_ERR_SYNTAX;
    return -1;
}

size_t svc_utf8_encode(uint32_t cp, unsigned char o[4])
{
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | cp >> 6);
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | cp >> 12);
        o[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | cp >> 18);
    o[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
    o[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

static int u8_put(sv_capture *c, uint32_t cp)
{
    size_t k = svc_utf8_encode(cp, c->u8 + c->nu8);
    c->nu8 += k;
    c->u16_out.off += k;
    if (cp == '\n') {
        c->u16_out.line++;
        c->u16_out.line_start = c->u16_out.off;
    }
    return c->nu8 + 4 > SVC_OUT ? u8_flush(c) : 0;
}

static int u16_unit(sv_capture *c, unsigned u)
{
    if (c->u16_high) {
        if (u >= 0xDC00 && u <= 0xDFFF) {
            uint32_t cp = 0x10000 + ((c->u16_high - 0xD800) << 10) +
                          (u - 0xDC00);
            c->u16_high = 0;
            return u8_put(c, cp);
        }
        return u16_error(c, c->u16_high_pos,
                         "a high surrogate without its low half",
                         c->u16_high);
    }
    if (u >= 0xD800 && u <= 0xDBFF) {
        c->u16_high = u;
        c->u16_high_pos = svc_here(&c->u16_out);
        return 0;
    }
    if (u >= 0xDC00 && u <= 0xDFFF)
        return u16_error(c, svc_here(&c->u16_out),
                         "a low surrogate without its high half", u);
    return u8_put(c, u);
}

static int u16_feed(sv_capture *c, const unsigned char *s, size_t n)
{
    int le = c->enc == SV_ENCODING_UTF16LE;
    for (size_t i = 0; i < n; i++) {
        c->u16[c->nu16++] = s[i];
        if (c->nu16 < 2)
            continue;
        c->nu16 = 0;
        unsigned u = le ? (unsigned)c->u16[0] | (unsigned)c->u16[1] << 8
                        : (unsigned)c->u16[1] | (unsigned)c->u16[0] << 8;
        if (u16_unit(c, u) < 0)
            return -1;
    }
    return u8_flush(c);
}

static int enc_feed(sv_capture *c, const unsigned char *s, size_t n);

/* Decide the encoding from the first bytes held in c->bom (eof: no more
 * will come).  Returns 1 when decided. */
static int decide_bom(sv_capture *c, int eof)
{
    const unsigned char *b = c->bom;
    size_t n = c->nbom;
    sv_encoding e = SV_ENCODING_UTF8;
    size_t skip = 0;
    int bare = 0; /* UTF-16 without a byte-order mark */
    if (n >= 1 && b[0] == 0xEF) {
        if ((n >= 2 && b[1] != 0xBB) || (n >= 3 && b[2] != 0xBF))
            e = SV_ENCODING_UTF8;
        else if (n == 3)
            e = SV_ENCODING_UTF8_BOM, skip = 3;
        else if (!eof)
            return 0;
    } else if (n >= 1 && (b[0] == 0xFF || b[0] == 0xFE)) {
        unsigned char other = b[0] == 0xFF ? 0xFE : 0xFF;
        if (n >= 2 && b[1] == other)
            e = b[0] == 0xFF ? SV_ENCODING_UTF16LE : SV_ENCODING_UTF16BE,
            skip = 2;
        else if (n < 2 && !eof)
            return 0;
    } else if (n >= 1 && b[0] == 0) {
        /* no mark: a JSON text starts with an ASCII character (RFC 4627,
         * 3), so 00 xx is UTF-16BE */
        if (n < 2 && !eof)
            return 0;
        if (n >= 2 && b[1] != 0)
            e = SV_ENCODING_UTF16BE, bare = 1;
    } else if (n >= 1 && b[0] < 0x80) {
        /* xx 00 is UTF-16LE, unless xx 00 00 00 (UTF-32LE: not read) */
        if (n < 2 && !eof)
            return 0;
        if (n >= 2 && b[1] == 0) {
            if (n < 4 && !eof)
                return 0;
            if (n < 4 || b[2] != 0 || b[3] != 0)
                e = SV_ENCODING_UTF16LE, bare = 1;
        }
    } else if (n == 0 && !eof) {
        return 0;
    }
    c->enc_decided = 1;
    c->enc = e;
    sv_pos origin = {0, 1, 1};
    if (e == SV_ENCODING_UTF8_BOM) {
        origin.off = 3;
        origin.col = 4;
        svc_diag(c, SV_DIAG_BOM, NULL, NULL, 0,
                 "a UTF-8 byte-order mark (EF BB BF) starts the input; "
                 "JSON text must not begin with one (RFC 8259, 8.1): it "
                 "was skipped, and positions count it");
    } else if (bare) {
        int le = e == SV_ENCODING_UTF16LE;
        svc_diag(c, SV_DIAG_UTF16, NULL, NULL, 0,
                 "the input is UTF-16%s without a byte-order mark (it starts "
                 "%02X %02X: %s); it was transcoded to UTF-8, and positions "
                 "refer to the UTF-8 text",
                 le ? "LE" : "BE", b[0], b[1],
                 le ? "an ASCII character, then a NUL byte"
                    : "a NUL byte, then an ASCII character");
    } else if (e == SV_ENCODING_UTF16LE || e == SV_ENCODING_UTF16BE) {
        svc_diag(c, SV_DIAG_UTF16, NULL, NULL, 0,
                 "the input is UTF-16%s (byte-order mark %s, as Windows "
                 "PowerShell's '>' writes); it was transcoded to UTF-8, "
                 "and positions refer to the UTF-8 text without the mark",
                 e == SV_ENCODING_UTF16LE ? "LE" : "BE",
                 e == SV_ENCODING_UTF16LE ? "FF FE" : "FE FF");
    }
    c->text_origin = origin;
    if (c->status != SV_OK)
        return 1;
    if (skip < n)
        enc_feed(c, b + skip, n - skip);
    return 1;
}

static int enc_feed(sv_capture *c, const unsigned char *s, size_t n)
{
    while (!c->enc_decided && n > 0) {
        c->bom[c->nbom++] = *s++;
        n--;
        decide_bom(c, 0);
        if (c->status != SV_OK)
            return -1;
    }
    if (!c->enc_decided || n == 0)
        return c->status == SV_OK ? 0 : -1;
    if (c->enc == SV_ENCODING_UTF16LE || c->enc == SV_ENCODING_UTF16BE)
        return u16_feed(c, s, n);
    return text_feed(c, s, n);
}

/* -------------------------------------------------------------- public */

static void stream_reset(sv_capture *c)
{
    c->status = SV_OK;
    c->finished = 0;
    c->enc_decided = 0;
    c->enc = SV_ENCODING_UTF8;
    c->nbom = 0;
    c->text_origin = (sv_pos){0, 1, 1};
    c->nu16 = 0;
    c->u16_high = 0;
    c->u16_out = (svc_lines){0, 1, 0};
    c->nu8 = 0;
    c->form = c->opt.input;
    c->npeek = 0;
    c->in_payload = 0;
    c->payload_dead = 0;
    c->har_positions = 0;
    c->origin = (sv_pos){0, 1, 1};
    c->ctx = NULL;
    c->ctx_len = 0;
    c->doc_base = 0;
    memset(&c->done, 0, sizeof c->done);
    c->own_errors = c->own_warnings = c->own_suppressed = 0;
    c->delivered = 0;
    c->payloads = c->responses = c->entries = c->skipped = 0;
    c->bytes = 0;
    c->in_record = 0;
    c->started = 0;
}

sv_capture *sv_capture_new(const sv_options *opts, const sv_callbacks *cbs,
                           void *user)
{
    sv_options o;
    if (opts)
        o = *opts;
    else
        sv_options_init(&o);
    if (o.input > SV_INPUT_HAR || (unsigned)o.api > SV_API_AUTO)
        return NULL;
    /* the inner parser checks the rest of the options and resolves the
     * allocator; the capture takes the same one */
    sv_options io = o;
    io.api = SV_API_V1;
    io.max_diagnostics = o.max_diagnostics;
    sv_callbacks icb;
    memset(&icb, 0, sizeof icb);
    if (cbs) {
        /* forward only what the caller wants: a missing on_diag spares
         * the inner parser its messages */
        icb.on_diag = cbs->on_diag ? fwd_diag : NULL;
        icb.on_session = cbs->on_session ? fwd_session : NULL;
        icb.on_page = cbs->on_page ? fwd_page : NULL;
        icb.on_log_entry = cbs->on_log_entry ? fwd_log_entry : NULL;
        icb.on_document = cbs->on_document ? fwd_document : NULL;
    }
    /* the inner parser's user pointer is the capture: create it first
     * with a placeholder, then point it at the capture */
    sv_parser *inner = sv_parser_new(&io, &icb, NULL);
    if (!inner)
        return NULL;
    o.allocator = inner->opt.allocator;
    sv_capture *c = o.allocator.malloc_fn(o.allocator.ctx, sizeof *c);
    if (!c) {
        sv_parser_free(inner);
        return NULL;
    }
    memset(c, 0, sizeof *c);
    c->opt = o;
    if (cbs)
        c->cb = *cbs;
    c->user = user;
    c->inner = inner;
    inner->user = c;
    c->peek = svc_alloc(c, SVC_PEEK);
    c->u8 = svc_alloc(c, SVC_OUT);
    if (!c->peek || !c->u8) {
        sv_capture_free(c);
        return NULL;
    }
    stream_reset(c);
    return c;
}

sv_status sv_capture_feed(sv_capture *c, const void *data, size_t len)
{
    if (!c)
        return SV_ERR_MISUSE;
    if (c->status != SV_OK)
        return c->status;
    if (c->finished || c->in_callback || (!data && len))
        return SV_ERR_MISUSE;
    c->bytes += len;
    if (len == 0)
        return SV_OK;
    enc_feed(c, data, len);
    return c->status;
}

sv_status sv_capture_finish(sv_capture *c)
{
    if (!c)
        return SV_ERR_MISUSE;
    if (c->status != SV_OK)
        return c->status;
    if (c->finished || c->in_callback)
        return SV_ERR_MISUSE;
    if (!c->enc_decided && (decide_bom(c, 1), c->status != SV_OK))
        return c->status;
    if (c->enc == SV_ENCODING_UTF16LE || c->enc == SV_ENCODING_UTF16BE) {
        if (c->nu16) {
            u16_error(c, svc_here(&c->u16_out),
                      "the input ends in the middle of a code unit",
                      c->u16[0]);
            return c->status;
        }
        if (c->u16_high) {
            u16_error(c, c->u16_high_pos,
                      "a high surrogate without its low half", c->u16_high);
            return c->status;
        }
    }
    if (!c->started && c->form != SV_INPUT_AUTO) {
        if (start_form(c, c->form) < 0) /* no text at all */
            return c->status;
    } else if (c->form == SV_INPUT_AUTO) {
        sv_input f = classify(c->peek, c->npeek);
        if (f == SV_INPUT_AUTO)
            f = SV_INPUT_JSON;
        if (start_form(c, f) < 0)
            return c->status;
        size_t np = c->npeek;
        c->npeek = 0;
        if (form_feed(c, c->peek, np) < 0)
            return c->status;
    }
    c->finished = 1;
    switch (c->form) {
    case SV_INPUT_HTTP:
        svc_http_finish(c);
        break;
    case SV_INPUT_HAR:
        svc_har_finish(c);
        break;
    case SV_INPUT_JSON:
    case SV_INPUT_AUTO:
        svc_payload_end(c);
        break;
    }
    return c->status;
}

sv_status sv_capture_reset(sv_capture *c)
{
    if (!c || c->in_callback)
        return SV_ERR_MISUSE;
    if (c->http)
        svc_http_reset(c->http);
    if (c->har)
        svc_har_reset(c);
    stream_reset(c);
    if (c->inner_used) {
        c->inner_used = 0;
        if (sv_parser_reset(c->inner) != SV_OK) {
            c->status = SV_ERR_NOMEM;
            return c->status;
        }
    }
    return SV_OK;
}

void sv_capture_free(sv_capture *c)
{
    if (!c)
        return;
    if (c->har)
        svc_har_free(c);
    svc_free(c, c->http);
    svc_free(c, c->peek);
    svc_free(c, c->u8);
    sv_parser_free(c->inner);
    sv_allocator a = c->opt.allocator;
    a.free_fn(a.ctx, c);
}

sv_status sv_capture_status(const sv_capture *c)
{
    return c ? c->status : SV_ERR_MISUSE;
}

void sv_capture_stats(const sv_capture *c, sv_capture_summary *out)
{
    memset(out, 0, sizeof *out);
    if (!c)
        return;
    sv_stats *t = &out->totals;
    add_stats(t, &c->done);
    if (c->in_payload) {
        sv_stats s;
        sv_parser_stats(c->inner, &s);
        add_stats(t, &s);
    }
    t->errors += c->own_errors;
    t->warnings += c->own_warnings;
    t->suppressed += c->own_suppressed;
    t->bytes = c->bytes;
    out->input = c->form;
    out->encoding = c->enc;
    out->payloads = c->payloads;
    out->responses = c->responses;
    out->entries = c->entries;
    out->skipped = c->skipped;
}
