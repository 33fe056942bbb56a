/*
 * diag.c - diagnostic codes, and turning a finding into an sv_diag:
 * severity (with --strict), counting and the max_diagnostics cap, the
 * JSON Pointer from the frame stack, the line and column, the message.
 *
 * Nothing here allocates except the pointer buffer, which grows to the
 * longest pointer seen (member names are part of pointers).
 */
#include <stdio.h>
#include <string.h>

#include "sv_internal.h"

const char *sv_diag_name(sv_diag_code code)
{
    switch (code) {
#define SV_XX_(id, name, sev, summary)                                        \
    case SV_DIAG_##id:                                                        \
        return name;
        SV_DIAG_MAP(SV_XX_)
#undef SV_XX_
    case SV_DIAG__COUNT:
        break;
    }
    return NULL;
}

sv_severity sv_diag_default_severity(sv_diag_code code)
{
    switch (code) {
#define SV_XX_(id, name, sev, summary)                                        \
    case SV_DIAG_##id:                                                        \
        return SV_SEVERITY_##sev;
        SV_DIAG_MAP(SV_XX_)
#undef SV_XX_
    case SV_DIAG__COUNT:
        break;
    }
    return SV_SEVERITY_ERROR;
}

const char *sv_diag_summary(sv_diag_code code)
{
    switch (code) {
#define SV_XX_(id, name, sev, summary)                                        \
    case SV_DIAG_##id:                                                        \
        return summary;
        SV_DIAG_MAP(SV_XX_)
#undef SV_XX_
    case SV_DIAG__COUNT:
        break;
    }
    return NULL;
}

int sv_diag_lookup(const char *name, size_t len, sv_diag_code *out)
{
    for (int c = 0; c < SV_DIAG__COUNT; c++) {
        const char *n = sv_diag_name((sv_diag_code)c);
        if (strlen(n) == len && memcmp(n, name, len) == 0) {
            *out = (sv_diag_code)c;
            return 0;
        }
    }
    return -1;
}

/* ------------------------------------------------------------- pointer */

static int ptr_reserve(sv_parser *p, size_t need)
{
    if (need <= p->ptrcap)
        return 0;
    size_t cap = p->ptrcap ? p->ptrcap : 256;
    while (cap < need)
        cap *= 2;
    char *b = sv__realloc(p, p->ptrbuf, cap);
    if (!b)
        return -1;
    p->ptrbuf = b;
    p->ptrcap = cap;
    return 0;
}

/* Append "/" + the RFC 6901 escape of a member name (~ -> ~0, / -> ~1). */
static size_t ptr_key(sv_parser *p, size_t at, const char *k, size_t n)
{
    if (ptr_reserve(p, at + 2 * n + 2) < 0)
        return at;
    p->ptrbuf[at++] = '/';
    for (size_t i = 0; i < n; i++) {
        if (k[i] == '~') {
            p->ptrbuf[at++] = '~';
            p->ptrbuf[at++] = '0';
        } else if (k[i] == '/') {
            p->ptrbuf[at++] = '~';
            p->ptrbuf[at++] = '1';
        } else {
            p->ptrbuf[at++] = k[i];
        }
    }
    return at;
}

static size_t ptr_index(sv_parser *p, size_t at, uint64_t i)
{
    if (ptr_reserve(p, at + 24) < 0)
        return at;
    return at + (size_t)snprintf(p->ptrbuf + at, 24, "/%llu",
                                 (unsigned long long)i);
}

static size_t build_pointer(sv_parser *p, int mode, const char *suffix)
{
    size_t at = 0;
    for (uint32_t i = 1; i < p->nframes; i++) {
        const sv_frame *f = &p->frames[i];
        at = f->seg_is_index ? ptr_index(p, at, f->seg_index)
                             : ptr_key(p, at, f->seg_key, f->seg_key_len);
    }
    if (mode == SV_PTR_VALUE && p->nframes) {
        const sv_frame *top = &p->frames[p->nframes - 1];
        if (top->is_array)
            at = ptr_index(p, at, top->index);
        else if (top->key)
            at = ptr_key(p, at, top->key, top->key_len);
    }
    if (suffix) {
        size_t n = strlen(suffix);
        if (ptr_reserve(p, at + n + 1) == 0) {
            memcpy(p->ptrbuf + at, suffix, n);
            at += n;
        }
    }
    if (ptr_reserve(p, at + 1) < 0)
        return 0;
    p->ptrbuf[at] = '\0';
    return at;
}

/* ------------------------------------------------------------- emitting */

void sv__diag(sv_parser *p, sv_diag_code code, sv_pos *pos, int mode,
              const char *suffix, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sv__vdiag(p, code, pos, mode, suffix, fmt, ap);
    va_end(ap);
}

void sv__vdiag(sv_parser *p, sv_diag_code code, sv_pos *pos, int mode,
               const char *suffix, const char *fmt, va_list ap)
{
    sv_severity sev = sv_diag_default_severity(code);
    if (p->opt.strict)
        sev = SV_SEVERITY_ERROR;

    sv_recstate *rec = p->nframes ? p->frames[p->nframes - 1].rec : NULL;
    if (sev == SV_SEVERITY_ERROR) {
        p->stats.errors++;
        p->doc.errors++;
        if (rec)
            rec->errors++;
    } else {
        p->stats.warnings++;
        p->doc.warnings++;
        if (rec)
            rec->warnings++;
    }
    uint64_t delivered = p->stats.errors + p->stats.warnings -
                         p->stats.suppressed - 1;
    if (p->opt.max_diagnostics && delivered >= p->opt.max_diagnostics) {
        p->stats.suppressed++;
        return;
    }
    if (!p->cb.on_diag || p->status != SV_OK)
        return;

    sv__resolve(p, pos);
    sv_diag d;
    d.code = code;
    d.severity = sev;
    d.offset = pos->off;
    d.line = pos->line;
    d.column = pos->col;
    d.pointer_len = build_pointer(p, mode, suffix);
    d.pointer = p->ptrbuf ? p->ptrbuf : "";
    int n = vsnprintf(p->msg, sizeof p->msg, fmt, ap);
    if (n < 0)
        n = 0;
    d.message = p->msg;
    d.message_len = (size_t)n < sizeof p->msg ? (size_t)n : sizeof p->msg - 1;
    d.document = p->doc_index ? p->doc_index - 1 : 0;
    /* a parser's input is the payload itself; a capture (capture.c) moves
     * these to the file and names the payload */
    d.context = NULL;
    d.context_len = 0;
    d.payload_offset = d.offset;
    d.payload_line = d.line;
    d.payload_column = d.column;
    p->in_callback = 1;
    int stop = p->cb.on_diag(p->user, &d);
    p->in_callback = 0;
    if (stop)
        p->status = SV_ERR_ABORTED;
}

/* ------------------------------------------------------------- quoting */

static size_t quote_byte(char *out, unsigned char c)
{
    static const char hex[] = "0123456789abcdef";
    switch (c) {
    case '"':
        memcpy(out, "\\\"", 2);
        return 2;
    case '\\':
        memcpy(out, "\\\\", 2);
        return 2;
    case '\n':
        memcpy(out, "\\n", 2);
        return 2;
    case '\r':
        memcpy(out, "\\r", 2);
        return 2;
    case '\t':
        memcpy(out, "\\t", 2);
        return 2;
    default:
        if (c < 0x20 || c == 0x7f) {
            out[0] = '\\';
            out[1] = 'x';
            out[2] = hex[c >> 4];
            out[3] = hex[c & 15];
            return 4;
        }
        out[0] = (char)c;
        return 1;
    }
}

/* Keep whole UTF-8 sequences when cutting: step back over continuation
 * bytes. */
static size_t utf8_floor(const char *s, size_t i)
{
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return i;
}

const char *sv__quote(char *buf, size_t n, const char *s, size_t len)
{
    return sv__quote_max(buf, n, s, len, 40);
}

const char *sv__quote_max(char *buf, size_t n, const char *s, size_t len,
                          size_t max)
{
    /* max bytes of text (at most 200), 4 bytes per escaped byte, quotes,
     * the ellipsis, NUL */
    char tmp[1024];
    size_t at = 0;
    if (max > 200)
        max = 200;
    tmp[at++] = '"';
    if (len <= max) {
        for (size_t i = 0; i < len; i++)
            at += quote_byte(tmp + at, (unsigned char)s[i]);
    } else {
        size_t head = utf8_floor(s, max / 2 - 2);
        size_t tail = utf8_floor(s, len - (max / 2 - 2));
        for (size_t i = 0; i < head; i++)
            at += quote_byte(tmp + at, (unsigned char)s[i]);
        memcpy(tmp + at, "\xE2\x80\xA6", 3); /* U+2026 ellipsis */
        at += 3;
        for (size_t i = tail; i < len; i++)
            at += quote_byte(tmp + at, (unsigned char)s[i]);
    }
    tmp[at++] = '"';
    tmp[at] = '\0';
    if (n) {
        size_t c = at < n - 1 ? at : n - 1;
        memcpy(buf, tmp, c);
        buf[c] = '\0';
    }
    return buf;
}

/* ---------------------------------------------------------- suggestions */

/* Damerau-free Levenshtein distance, case-insensitive, capped: names are
 * short (< 32 bytes), longer inputs are never suggested for. */
static unsigned distance(const char *a, size_t n, const char *b, size_t m)
{
    unsigned row[33];
    if (n > 32 || m > 32)
        return 99;
    for (size_t j = 0; j <= m; j++)
        row[j] = (unsigned)j;
    for (size_t i = 1; i <= n; i++) {
        unsigned diag = row[0];
        row[0] = (unsigned)i;
        for (size_t j = 1; j <= m; j++) {
            unsigned up = row[j];
            unsigned cost =
                sv__lower((unsigned char)a[i - 1]) != sv__lower((unsigned char)b[j - 1]);
            unsigned best = diag + cost;
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[m];
}

const char *sv__suggest(const sv_object *obj, const char *s, size_t len,
                        unsigned pmask)
{
    const char *best = NULL;
    unsigned best_d = 99;
    /* a typo is at most 2 edits, and fewer than a third of the name */
    unsigned limit = len >= 6 ? 2 : 1;
    for (size_t i = 0; i < obj->count; i++) {
        const sv_member *m = &obj->members[i];
        if (!(m->profiles & pmask))
            continue;
        unsigned d = distance(s, len, m->name, m->name_len);
        if (d <= limit && d < best_d) {
            best_d = d;
            best = m->name;
        }
    }
    return best;
}
