/*
 * parser.c - the public parser object and the feeding layer between the
 * caller's chunks and yajl.
 *
 * Per slice of input (at most SLICE_MAX bytes, so that resolving a
 * position never scans more than that):
 *   1. pre-scan: count newlines, find \f and \v (yajl takes them as
 *      whitespace, RFC 8259 does not) and ill-formed UTF-8 (yajl checks only
 *      the byte structure; we turn its check off and do it here, exactly);
 *   2. give yajl the bytes up to the first bad one, at most max_token bytes
 *      past the last completed token (yajl buffers an unfinished token);
 *   3. before the slice's bytes go away: resolve the line and column of
 *      every position that may still be reported, keep the bytes after the
 *      last event for the syntax-error locator, note where the next token
 *      starts.
 * Tiny chunks are coalesced while a token is open: yajl re-lexes an open
 * token from its start on every call, so feeding it at least as many new
 * bytes as it holds keeps the total work linear.
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "sv_internal.h"

#define SLICE_MAX (64 * 1024)

/* ---------------------------------------------------------- allocation */

static void *def_malloc(void *ctx, size_t n)
{
    (void)ctx;
    return malloc(n);
}

static void *def_realloc(void *ctx, void *ptr, size_t n)
{
    (void)ctx;
    return realloc(ptr, n);
}

static void def_free(void *ctx, void *ptr)
{
    (void)ctx;
    free(ptr);
}

int sv__allocator_resolve(sv_allocator *a)
{
    if (a->malloc_fn && a->realloc_fn && a->free_fn)
        return 0;
    if (a->malloc_fn || a->realloc_fn || a->free_fn)
        return -1; /* all three or none */
    a->malloc_fn = def_malloc;
    a->realloc_fn = def_realloc;
    a->free_fn = def_free;
    return 0;
}

void *sv__alloc(sv_parser *p, size_t n)
{
    return p->opt.allocator.malloc_fn(p->opt.allocator.ctx, n);
}

void *sv__realloc(sv_parser *p, void *ptr, size_t n)
{
    return p->opt.allocator.realloc_fn(p->opt.allocator.ctx, ptr, n);
}

void sv__free(sv_parser *p, void *ptr)
{
    if (ptr)
        p->opt.allocator.free_fn(p->opt.allocator.ctx, ptr);
}

/* yajl dereferences what its allocator returns without checking (and
 * aborts when a size overflows).  Limits keep its needs bounded; if the
 * caller's allocator still fails, we leave yajl by longjmp: yajl holds no
 * resource on its stack, and a failed realloc leaves its old block in
 * place, so yajl_free() after the jump is safe.  The handle is never used
 * again except to free it. */
struct sv_yajl_guard {
    jmp_buf env;
};

static void oom_in_yajl(sv_parser *p);

static void *y_malloc(void *ctx, size_t n)
{
    sv_parser *p = ctx;
    void *r = sv__alloc(p, n);
    if (!r)
        oom_in_yajl(p);
    /* while yajl_alloc runs, remember what it got: if a later allocation
     * of it fails, the jump out would leak these */
    if (p->yalloc_track && p->ntracked < SV_YAJL_TRACK)
        p->tracked[p->ntracked++] = r;
    return r;
}

static void *y_realloc(void *ctx, void *ptr, size_t n)
{
    sv_parser *p = ctx;
    void *r = sv__realloc(p, ptr, n);
    if (!r)
        oom_in_yajl(p);
    if (!ptr && p->yalloc_track && p->ntracked < SV_YAJL_TRACK)
        p->tracked[p->ntracked++] = r;
    return r;
}

static void y_free(void *ctx, void *ptr)
{
    sv__free(ctx, ptr);
}

/* ------------------------------------------------------------ versions */

const char *sv_version(void)
{
#define SV_STR_(x) #x
#define SV_STR(x) SV_STR_(x)
    return SV_STR(SV_VERSION_MAJOR) "." SV_STR(SV_VERSION_MINOR) "." SV_STR(
        SV_VERSION_PATCH);
}

const char *sv_status_str(sv_status status)
{
    switch (status) {
#define SV_XX_(id, text)                                                      \
    case SV_##id:                                                             \
        return text;
        SV_STATUS_MAP(SV_XX_)
#undef SV_XX_
    }
    return "unknown status";
}

const char *sv_kind_name(sv_kind kind)
{
    switch (kind) {
    case SV_KIND_AUTO:
        return "auto";
    case SV_KIND_PAGE:
        return "page";
    case SV_KIND_SESSION:
        return "session";
    case SV_KIND_LOG:
        return "log";
    case SV_KIND_PROBLEM:
        return "error response";
    }
    return "unknown";
}

const char *sv_session_type_text(sv_session_type type)
{
    switch (type) {
#define SV_XX_(id, text)                                                      \
    case SV_TYPE_##id:                                                        \
        return text;
        SV_SESSION_TYPE_MAP(SV_XX_)
#undef SV_XX_
    case SV_TYPE_OTHER:
    case SV_TYPE__COUNT:
        break;
    }
    return NULL;
}

const char *sv_session_status_text(sv_session_status status)
{
    switch (status) {
#define SV_XX_(id, text)                                                      \
    case SV_STATUS_##id:                                                      \
        return text;
        SV_SESSION_STATUS_MAP(SV_XX_)
#undef SV_XX_
    case SV_STATUS_OTHER:
    case SV_STATUS__COUNT:
        break;
    }
    return NULL;
}

void sv_options_init(sv_options *o)
{
    memset(o, 0, sizeof *o);
    o->kind = SV_KIND_AUTO;
    o->multi = SV_MULTI_OFF;
    o->strict = false;
    o->duplicate_ids = true;
    o->max_depth = 512;
    o->max_string = (size_t)1 << 20;
    o->max_token = (size_t)8 << 20;
    o->max_diagnostics = 0;
}

/* ------------------------------------------------------------ positions */

/* Newlines in s[0..n), and the index just past the last one (0: none). */
static uint64_t count_lines(const unsigned char *s, size_t n, size_t *past)
{
    uint64_t lines = 0;
    const unsigned char *at = s, *end = s + n;
    *past = 0;
    while (at < end) {
        const unsigned char *nl = memchr(at, '\n', (size_t)(end - at));
        if (!nl)
            break;
        lines++;
        at = nl + 1;
        *past = (size_t)(at - s);
    }
    return lines;
}

void sv__resolve(sv_parser *p, sv_pos *pos)
{
    if (pos->line)
        return;
    if (pos->off < p->slice_base) {
        /* only positions resolved before their slice ended get here; a
         * bug otherwise: say where we are rather than invent a line */
#ifdef SV_FUZZING
        abort();
#endif
        pos->line = p->lines_before + 1;
        pos->col = 1;
        return;
    }
    size_t upto = (size_t)(pos->off - p->slice_base);
    if (upto > p->slice_len)
        upto = p->slice_len;
    size_t past = 0;
    if (p->at_slice_end) {
        /* positions still live when a slice ends lie near its end: count
         * the newlines after them, not before */
        uint64_t after =
            count_lines(p->slice + upto, p->slice_len - upto, &past);
        pos->line = p->end_lines - after + 1;
        if (!p->end_past_nl) {
            pos->col = pos->off - p->last_nl_before + 1;
        } else if (p->end_past_nl <= pos->off) {
            pos->col = pos->off - p->end_past_nl + 1;
        } else {
            size_t k = upto;
            while (k > 0 && p->slice[k - 1] != '\n')
                k--;
            pos->col = k ? pos->off - (p->slice_base + k) + 1
                         : pos->off - p->last_nl_before + 1;
        }
        return;
    }
    uint64_t lines = p->slice ? count_lines(p->slice, upto, &past) : 0;
    pos->line = p->lines_before + lines + 1;
    if (lines)
        pos->col = pos->off - (p->slice_base + past) + 1;
    else
        pos->col = pos->off - p->last_nl_before + 1;
}

/* ---------------------------------------------------------- the guard */

static void oom_in_yajl(sv_parser *p)
{
    p->status = SV_ERR_NOMEM;
    if (p->guard)
        longjmp(p->guard->env, 1);
    abort(); /* yajl outside a guarded call: cannot happen */
}

static int new_yajl(sv_parser *p)
{
    struct sv_yajl_guard g;
    p->guard = &g;
    p->ntracked = 0;
    p->yalloc_track = 1;
    if (setjmp(g.env)) {
        /* yajl_alloc failed half-way: free what it had got */
        for (unsigned i = 0; i < p->ntracked; i++)
            sv__free(p, p->tracked[i]);
        p->yalloc_track = 0;
        p->guard = NULL;
        p->yajl = NULL;
        return -1;
    }
    p->yajl = yajl_alloc(&sv__yajl_callbacks, &p->yalloc, p);
    /* yajl allocates its lexer on the first yajl_parse: make that happen
     * here, where a failure can be undone */
    if (p->yajl)
        yajl_parse(p->yajl, (const unsigned char *)"", 0);
    p->yalloc_track = 0;
    if (p->yajl) {
        yajl_config(p->yajl, yajl_dont_validate_strings, 1);
        if (p->opt.multi != SV_MULTI_OFF)
            yajl_config(p->yajl, yajl_allow_multiple_values, 1);
    }
    p->guard = NULL;
    return p->yajl ? 0 : -1;
}

/* yajl_parse / yajl_complete_parse under the guard. */
static yajl_status run_yajl(sv_parser *p, const unsigned char *s, size_t n,
                            int complete)
{
    struct sv_yajl_guard g;
    volatile yajl_status st = yajl_status_client_canceled;
    p->guard = &g;
    if (setjmp(g.env) == 0)
        st = complete ? yajl_complete_parse(p->yajl)
                      : yajl_parse(p->yajl, s, n);
    p->guard = NULL;
    return st;
}

/* ----------------------------------------------------------- pre-scan */

static const char *utf8_problem(uint32_t cp, uint32_t min)
{
    if (cp < min)
        return "overlong encoding";
    if (cp >= 0xD800 && cp <= 0xDFFF)
        return "UTF-16 surrogate encoded in UTF-8";
    if (cp > 0x10FFFF)
        return "code point above U+10FFFF";
    return NULL;
}

struct scan {
    size_t stop;        /* bytes that may go to yajl */
    sv_pos bad;         /* where the bad byte or sequence starts */
    char what[96];      /* its description, "" if none */
    uint64_t lines;     /* newlines in [0, stop) */
    size_t past_nl;     /* index past the last of them, 0 if none */
};

/* One byte through the UTF-8 and control-byte checks.  Returns 0 to go
 * on, 1 when the slice must stop (sc filled). */
static int scan_byte(sv_parser *p, const unsigned char *s, size_t i,
                     struct scan *sc)
{
    unsigned c = s[i];
    uint64_t off = p->fed + i;
    if (p->utf8_need) {
        if ((c & 0xC0) != 0x80) {
            sc->bad = p->utf8_lead;
            snprintf(sc->what, sizeof sc->what,
                     "invalid UTF-8: byte 0x%02X where a continuation byte "
                     "was expected",
                     c);
            goto sequence_error;
        }
        p->utf8_cp = (p->utf8_cp << 6) | (c & 0x3F);
        if (--p->utf8_need == 0) {
            const char *why = utf8_problem(p->utf8_cp, p->utf8_min);
            if (why) {
                sc->bad = p->utf8_lead;
                snprintf(sc->what, sizeof sc->what, "invalid UTF-8: %s", why);
                goto sequence_error;
            }
        }
        return 0;
    }
    if (c < 0x80) {
        if (c == 0x0B || c == 0x0C) {
            sc->stop = i;
            sc->bad = sv__pos(off);
            snprintf(sc->what, sizeof sc->what,
                     "%s (0x%02X) is not JSON whitespace",
                     c == 0x0B ? "vertical tab" : "form feed", c);
            return 1;
        }
        return 0;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        p->utf8_need = 1;
        p->utf8_cp = c & 0x1F;
        p->utf8_min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        p->utf8_need = 2;
        p->utf8_cp = c & 0x0F;
        p->utf8_min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        p->utf8_need = 3;
        p->utf8_cp = c & 0x07;
        p->utf8_min = 0x10000;
    } else {
        sc->stop = i;
        sc->bad = sv__pos(off);
        snprintf(sc->what, sizeof sc->what,
                 c < 0xC0 ? "invalid UTF-8: unexpected continuation byte 0x%02X"
                 : c < 0xC2
                     ? "invalid UTF-8: byte 0x%02X (overlong encoding)"
                     : "invalid UTF-8: byte 0x%02X never appears in UTF-8",
                 c);
        return 1;
    }
    p->utf8_lead = sv__pos(off);
    return 0;

sequence_error:
    /* yajl takes every byte before this one, the sequence's first bytes
     * included: when the sequence began in an earlier slice, yajl has
     * seen them already, and the verdict must not depend on that */
    sc->stop = i;
    p->utf8_need = 0;
    return 1;
}

static void prescan(sv_parser *p, const unsigned char *s, size_t n,
                    struct scan *sc)
{
    size_t i = 0;
    sc->stop = n;
    sc->what[0] = '\0';
    sc->lines = 0;
    sc->past_nl = 0;
#if defined(__SSE2__)
    const __m128i nl = _mm_set1_epi8('\n');
    const __m128i ten = _mm_set1_epi8(0x0A);
    const __m128i two = _mm_set1_epi8(2);
    const __m128i vt = _mm_set1_epi8(0x0B);
    const __m128i ff = _mm_set1_epi8(0x0C);
    while (i + 16 <= n) {
        __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
        /* one test first: a byte 0x0A..0x0C (newline, \v, \f) or >= 0x80;
         * compact JSON has none in almost every block */
        __m128i t = _mm_sub_epi8(v, ten);
        __m128i any = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(t, two), t), v);
        if ((_mm_movemask_epi8(any) | (int)p->utf8_need) == 0) {
            i += 16;
            continue;
        }
        unsigned odd = (unsigned)_mm_movemask_epi8(
            _mm_or_si128(_mm_cmpeq_epi8(v, vt), _mm_cmpeq_epi8(v, ff)));
        odd |= (unsigned)_mm_movemask_epi8(v); /* bytes >= 0x80 */
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, nl));
        if ((odd | p->utf8_need) == 0) {
            sc->lines += (uint64_t)__builtin_popcount(m);
            sc->past_nl = i + 32 - (size_t)__builtin_clz(m);
            i += 16;
            continue;
        }
        for (size_t e = i + 16; i < e; i++) {
            unsigned c = s[i];
            if (c == '\n' && !p->utf8_need) {
                sc->lines++;
                sc->past_nl = i + 1;
            } else if ((c >= 0x80 || c == 0x0B || c == 0x0C ||
                        p->utf8_need) &&
                       scan_byte(p, s, i, sc)) {
                goto stopped;
            }
        }
    }
#endif
    for (; i < n; i++) {
        unsigned c = s[i];
        if (c == '\n' && !p->utf8_need) {
            sc->lines++;
            sc->past_nl = i + 1;
        } else if ((c >= 0x80 || c == 0x0B || c == 0x0C || p->utf8_need) &&
                   scan_byte(p, s, i, sc)) {
            goto stopped;
        }
    }
    return;
stopped:
    /* count only what yajl will see */
    if (sc->stop < i) {
        sc->lines = count_lines(s, sc->stop, &sc->past_nl);
    }
}

/* ------------------------------------------------------------ slices */

static int buf_reserve(sv_parser *p, unsigned char **buf, size_t *cap,
                       size_t need)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap : 256;
    while (c < need)
        c *= 2;
    unsigned char *b = sv__realloc(p, *buf, c);
    if (!b) {
        p->status = SV_ERR_NOMEM;
        return -1;
    }
    *buf = b;
    *cap = c;
    return 0;
}

/* After a slice: keep the bytes after the last event for the locator, and
 * find where the next token starts if it starts in this slice. */
static void end_slice(sv_parser *p, const unsigned char *s, size_t n,
                      size_t past_nl, uint64_t lines)
{
    p->at_slice_end = 1;
    p->end_lines = p->lines_before + lines;
    p->end_past_nl = past_nl ? p->slice_base + past_nl : 0;
    if (p->last_end >= p->slice_base) {
        size_t from = (size_t)(p->last_end - p->slice_base);
        if (buf_reserve(p, &p->tail, &p->tail_cap, n - from + 1) == 0) {
            memcpy(p->tail, s + from, n - from);
            p->tail_len = n - from;
        }
        /* the tail's column base: the last newline before it */
        if (!past_nl) {
            p->tail_nl_before = p->last_nl_before;
        } else if (past_nl <= from) {
            p->tail_nl_before = p->slice_base + past_nl;
        } else {
            size_t k = from;
            while (k > 0 && s[k - 1] != '\n')
                k--;
            p->tail_nl_before = k ? p->slice_base + k : p->last_nl_before;
        }
    } else if (buf_reserve(p, &p->tail, &p->tail_cap, p->tail_len + n + 1) ==
               0) {
        memcpy(p->tail + p->tail_len, s, n);
        p->tail_len += n;
    }
    if (p->next_start.off == SV_NO_OFFSET) {
        uint64_t from = p->last_end > p->slice_base ? p->last_end
                                                     : p->slice_base;
        size_t i = (size_t)(from - p->slice_base);
        while (i < n && sv__is_gap(s[i]))
            i++;
        if (i < n)
            p->next_start = sv__pos(p->slice_base + i);
    }
    if (p->next_start.off != SV_NO_OFFSET && !p->next_start.line)
        sv__resolve(p, &p->next_start);
    if (p->utf8_need && !p->utf8_lead.line)
        sv__resolve(p, &p->utf8_lead);
    if (!p->prev_doc_end.line && p->prev_doc_end.off != SV_NO_OFFSET)
        sv__resolve(p, &p->prev_doc_end);
    for (uint32_t d = p->opens_resolved; d < p->depth; d++)
        sv__resolve(p, &p->opens[d]);
    p->opens_resolved = p->depth;
    sv__resolve_live(p);
    p->at_slice_end = 0;
}

/* Give yajl data[0..len) in slices. */
static sv_status feed_slices(sv_parser *p, const unsigned char *data,
                             size_t len)
{
    while (len > 0 && p->status == SV_OK) {
        uint64_t open = p->fed - p->last_end; /* bytes of an open token */
        if (open >= p->opt.max_token) {
            sv_pos at = p->next_start;
            if (at.off == SV_NO_OFFSET) {
                /* only gaps since the last token, all of them in the tail
                 * and in earlier slices: place last_end from there */
                uint64_t nl = 0;
                for (size_t i = 0; i < p->tail_len; i++)
                    nl += p->tail[i] == '\n';
                at = sv__pos(p->last_end);
                at.line = p->lines_before - nl + 1;
                at.col = p->last_end - p->tail_nl_before + 1;
            }
            sv__diag(p, SV_DIAG_LIMIT_EXCEEDED, &at, SV_PTR_VALUE, NULL,
                     "a single token runs past %zu bytes (max_token)",
                     p->opt.max_token);
            if (p->status == SV_OK) /* else a callback stopped it */
                p->status = SV_ERR_LIMIT;
            break;
        }
        size_t n = len < SLICE_MAX ? len : SLICE_MAX;
        if (n > p->opt.max_token - open)
            n = (size_t)(p->opt.max_token - open);
        struct scan sc;
        prescan(p, data, n, &sc);
        p->slice = data;
        p->slice_base = p->fed;
        p->slice_len = sc.stop;
        yajl_status ys = yajl_status_ok;
        if (sc.stop > 0)
            ys = run_yajl(p, data, sc.stop, 0);
        if (ys == yajl_status_error) {
            sv__syntax_error(p, 0);
            if (p->status == SV_OK) /* else a callback stopped it */
                p->status = SV_ERR_SYNTAX;
        } else if (ys == yajl_status_ok && sc.what[0]) {
            sv__bad_byte(p, &sc.bad, sc.what);
            if (p->status == SV_OK) /* else a callback stopped it */
                p->status = SV_ERR_SYNTAX;
        }
        if (p->status != SV_OK)
            break;
        end_slice(p, data, sc.stop, sc.past_nl, sc.lines);
        p->fed += sc.stop;
        p->lines_before += sc.lines;
        if (sc.lines)
            p->last_nl_before = p->slice_base + sc.past_nl;
        p->slice = NULL;
        p->slice_len = 0;
        p->slice_base = p->fed;
        data += n;
        len -= n;
    }
    p->slice = NULL;
    p->slice_len = 0;
    return p->status;
}

/* ------------------------------------------------------------- public */

static void stream_reset(sv_parser *p)
{
    p->status = SV_OK;
    p->finished = 0;
    p->fed = p->slice_base = 0;
    p->slice = NULL;
    p->slice_len = 0;
    p->lines_before = 0;
    p->last_nl_before = 0;
    p->last_end = 0;
    p->next_start = sv__pos(SV_NO_OFFSET);
    p->tail_len = 0;
    p->tail_nl_before = 0;
    p->coal_len = 0;
    p->opens_resolved = 0;
    p->utf8_need = 0;
    p->depth = 0;
    p->last_ev = 0;
    p->have_last_ev = 0;
    p->last_was_zero = 0; /* the locator reads it: nothing from before */
    p->doc_index = 0;
    p->in_doc = 0;
    p->doc_start = sv__pos(SV_NO_OFFSET);
    p->prev_doc_end = sv__pos(SV_NO_OFFSET);
    memset(&p->stats, 0, sizeof p->stats);
    memset(&p->doc, 0, sizeof p->doc);
    sv__ids_clear(&p->ids);
    sv__engine_reset(p);
}

sv_parser *sv_parser_new(const sv_options *opts, const sv_callbacks *cbs,
                         void *user)
{
    sv_options o;
    if (opts)
        o = *opts;
    else
        sv_options_init(&o);
    if (sv__allocator_resolve(&o.allocator) < 0)
        return NULL;
    /* AUTO is a capture's business (it knows URLs); a bare JSON text has
     * none and takes the default contract */
    if (o.api == SV_API_AUTO)
        o.api = SV_API_V1;
    if (o.kind > SV_KIND_PROBLEM || o.multi > SV_MULTI_NDJSON ||
        (unsigned)o.api >= SV_NPROFILES ||
        o.max_depth == 0 || o.max_depth > 1u << 20 || o.max_token < 64 ||
        o.max_string == 0)
        return NULL;
    sv_parser *p = o.allocator.malloc_fn(o.allocator.ctx, sizeof *p);
    if (!p)
        return NULL;
    memset(p, 0, sizeof *p);
    p->opt = o;
    p->pmask = 1u << o.api;
    if (cbs)
        p->cb = *cbs;
    p->user = user;
    p->yalloc.malloc = y_malloc;
    p->yalloc.realloc = y_realloc;
    p->yalloc.free = y_free;
    p->yalloc.ctx = p;
    sv__arena_init(&p->arena);
    p->cstack = sv__alloc(p, (o.max_depth + 7) / 8 + 1);
    p->opens = sv__alloc(p, ((size_t)o.max_depth + 1) * sizeof *p->opens);
    if (!p->cstack || !p->opens || new_yajl(p) < 0) {
        sv_parser_free(p);
        return NULL;
    }
    stream_reset(p);
    return p;
}

/* A capture (capture.c) validates each payload under the contract its
 * URL names: between streams the profile changes, and with it everything
 * derived from it here. */
void sv__parser_set_api(sv_parser *p, sv_api api)
{
    if ((unsigned)api >= SV_NPROFILES)
        api = SV_API_V1;
    if (p->opt.api == api)
        return;
    p->opt.api = api;
    p->pmask = 1u << api;
    memset(p->req, 0, sizeof p->req);
}

/* Parse now what coalescing holds back.  A capture that stops its stream
 * (an encoding error, a broken HAR) first has everything it gave judged,
 * as one whole feed would have been. */
sv_status sv__parser_flush(sv_parser *p)
{
    if (p->status != SV_OK || p->finished || p->in_callback || !p->coal_len)
        return p->status;
    size_t n = p->coal_len;
    p->coal_len = 0;
    return feed_slices(p, p->coal, n);
}

sv_status sv_parser_feed(sv_parser *p, const void *data, size_t len)
{
    if (!p)
        return SV_ERR_MISUSE;
    if (p->status != SV_OK)
        return p->status;
    if (p->finished || p->in_callback || (!data && len))
        return SV_ERR_MISUSE;
    const unsigned char *d = data;
    if (len == 0)
        return SV_OK;
    p->stats.bytes += len;
    /* coalesce while a token is open and the chunk is smaller than what
     * yajl already holds of it */
    uint64_t open = p->fed - p->last_end;
    if (p->coal_len + len < open) {
        if (buf_reserve(p, &p->coal, &p->coal_cap, p->coal_len + len) < 0)
            return p->status;
        memcpy(p->coal + p->coal_len, d, len);
        p->coal_len += len;
        return SV_OK;
    }
    if (p->coal_len) {
        if (buf_reserve(p, &p->coal, &p->coal_cap, p->coal_len + len) < 0)
            return p->status;
        memcpy(p->coal + p->coal_len, d, len);
        size_t n = p->coal_len + len;
        p->coal_len = 0;
        return feed_slices(p, p->coal, n);
    }
    return feed_slices(p, d, len);
}

sv_status sv_parser_finish(sv_parser *p)
{
    if (!p)
        return SV_ERR_MISUSE;
    if (p->status != SV_OK)
        return p->status;
    if (p->finished || p->in_callback)
        return SV_ERR_MISUSE;
    if (p->coal_len) {
        size_t n = p->coal_len;
        p->coal_len = 0;
        if (feed_slices(p, p->coal, n) != SV_OK)
            return p->status;
    }
    p->finished = 1;
    p->slice = NULL;
    p->slice_len = 0;
    p->slice_base = p->fed;
    yajl_status ys = run_yajl(p, NULL, 0, 1);
    if (ys == yajl_status_error) {
        sv__syntax_error(p, 1);
        if (p->status == SV_OK)
            p->status = SV_ERR_SYNTAX;
    } else if (ys == yajl_status_ok && p->doc_index == 0) {
        sv_pos at = sv__pos(p->fed);
        sv__diag(p, SV_DIAG_TRUNCATED, &at, SV_PTR_FRAME, NULL,
                 "the input holds no JSON value");
        if (p->status == SV_OK) /* else a callback stopped it */
            p->status = SV_ERR_SYNTAX;
    }
    return p->status;
}

sv_status sv_parser_reset(sv_parser *p)
{
    if (!p || p->in_callback)
        return SV_ERR_MISUSE;
    /* yajl cannot be reset after an error: a new handle */
    if (p->yajl)
        yajl_free(p->yajl);
    p->yajl = NULL;
    stream_reset(p);
    if (new_yajl(p) < 0) {
        p->status = SV_ERR_NOMEM;
        return p->status;
    }
    return SV_OK;
}

void sv_parser_free(sv_parser *p)
{
    if (!p)
        return;
    if (p->yajl)
        yajl_free(p->yajl);
    sv__arena_free(p, &p->arena);
    sv__keys_free(p, &p->keys);
    sv__ids_free(p, &p->ids);
    sv__free(p, p->tail);
    sv__free(p, p->coal);
    sv__free(p, p->cstack);
    sv__free(p, p->opens);
    sv__free(p, p->ptrbuf);
    sv_allocator a = p->opt.allocator;
    a.free_fn(a.ctx, p);
}

void sv_parser_stats(const sv_parser *p, sv_stats *out)
{
    if (p)
        *out = p->stats;
    else
        memset(out, 0, sizeof *out);
}

sv_status sv_parser_status(const sv_parser *p)
{
    return p ? p->status : SV_ERR_MISUSE;
}
