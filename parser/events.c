/*
 * events.c - yajl's callbacks: each event gets its absolute position and
 * goes to the engine.
 *
 * Inside a callback, the chunk's base offset + yajl_get_bytes_consumed()
 * is the offset just past the token, for any chunking.  The token's first
 * byte follows from its length (numbers, literals, brackets), from yajl's
 * string pointer when it points into the slice, or else from the first
 * byte after the previous event that is not whitespace, ',' or ':'; a
 * token that began in an earlier slice was located when that slice ended
 * (p->next_start).
 *
 * Events at depth >= 1 take the engine's fast entries; the top-level value
 * (document boundaries, NDJSON separators) goes through dispatch().
 */
#include <string.h>

#include "sv_internal.h"


/* Start of the token that ends at `end` and began `len` bytes earlier,
 * when that is in this slice; otherwise it began in an earlier slice and
 * was located when that slice ended. */
static sv_pos token_pos(sv_parser *p, uint64_t start)
{
    if (start >= p->slice_base || p->next_start.off == SV_NO_OFFSET)
        return sv__pos(start);
    return p->next_start;
}


/* A string's opening quote.  When yajl hands us a pointer into the slice,
 * it is one byte after the quote; when the string had escapes or spanned
 * slices, yajl's pointer is into its own buffer, and the quote is the
 * first byte after the last event that is not whitespace, ',' or ':'. */
static sv_pos string_pos(sv_parser *p, const unsigned char *str)
{
    uintptr_t a = (uintptr_t)str, b = (uintptr_t)p->slice;
    if (p->slice && a > b && a < b + p->slice_len)
        return sv__pos(p->slice_base + (a - b) - 1);
    uint64_t from = p->last_end;
    if (from < p->slice_base) {
        if (p->next_start.off != SV_NO_OFFSET)
            return p->next_start;
        from = p->slice_base;
    }
    size_t i = (size_t)(from - p->slice_base);
    while (i < p->slice_len && sv__is_gap(p->slice[i]))
        i++;
    return sv__pos(p->slice_base + i);
}

/* ------------------------------------------------------ yajl callbacks */

static uint64_t ev_end(sv_parser *p)
{
    return p->slice_base + yajl_get_bytes_consumed(p->yajl);
}

static int doc_begin(sv_parser *p, sv_pos *pos)
{
    if (p->opt.multi == SV_MULTI_NDJSON && p->doc_index > 0) {
        sv__resolve(p, pos);
        sv__resolve(p, &p->prev_doc_end);
        if (pos->line == p->prev_doc_end.line)
            sv__diag(p, SV_DIAG_SYNTAX, pos, SV_PTR_FRAME, NULL,
                     "NDJSON values must be separated by a newline; this "
                     "one starts on the line where the previous one ended");
    }
    p->doc_index++;
    memset(&p->doc, 0, sizeof p->doc);
    p->doc.index = p->doc_index - 1;
    p->doc.offset = pos->off;
    p->doc_start = *pos;
    p->in_doc = 1;
    sv__engine_begin(p);
    return p->status == SV_OK ? 0 : -1;
}

/* The one place where yajl's convention (non-zero = go on) meets ours
 * (0 = go on): every yajl callback ends here or in done(). */
static int dispatch(sv_parser *p, sv_ev ev, sv_pos pos, uint64_t end,
                    const char *s, size_t len, int b)
{
    int r = 0;
    int start = ev == SV_EV_START_MAP || ev == SV_EV_START_ARRAY;
    int close = ev == SV_EV_END_MAP || ev == SV_EV_END_ARRAY;

    if (p->depth == 0 && !close && ev != SV_EV_KEY)
        r = doc_begin(p, &pos);
    if (start) {
        if (p->depth >= p->opt.max_depth) {
            sv__diag(p, SV_DIAG_LIMIT_EXCEEDED, &pos, SV_PTR_VALUE, NULL,
                     "nesting deeper than %u levels (max_depth)",
                     p->opt.max_depth);
            if (p->status == SV_OK) /* else a callback stopped it */
                p->status = SV_ERR_LIMIT;
            return 0;
        }
        sv__open_level(p, pos, ev == SV_EV_START_ARRAY);
    } else if (close) {
        p->depth--;
    }
    if (r == 0)
        r = sv__event(p, ev, pos, s, len, b);
    p->last_end = end;
    p->next_start.off = SV_NO_OFFSET;
    p->last_ev = (uint8_t)ev;
    if (p->depth == 0 && !start && ev != SV_EV_KEY && r == 0) {
        p->in_doc = 0;
        p->prev_doc_end = sv__pos(end);
        r = sv__document_end(p, end);
    }
    return r == 0 && p->status == SV_OK;
}

/* After an event inside the top-level value. */
static inline int done(sv_parser *p, sv_ev ev, uint64_t end, int r)
{
    p->last_end = end;
    p->next_start.off = SV_NO_OFFSET;
    p->last_ev = (uint8_t)ev;
    return r == 0 && p->status == SV_OK;
}

static int y_null(void *ctx)
{
    sv_parser *p = ctx;
    uint64_t end = ev_end(p);
    sv_pos pos = token_pos(p, end - 4);
    if (p->depth == 0)
        return dispatch(p, SV_EV_NULL, pos, end, NULL, 0, 0);
    return done(p, SV_EV_NULL, end,
                sv__ev_scalar(p, SV_EV_NULL, &pos, NULL, 0, 0));
}

static int y_boolean(void *ctx, int v)
{
    sv_parser *p = ctx;
    uint64_t end = ev_end(p);
    sv_pos pos = token_pos(p, end - (v ? 4 : 5));
    if (p->depth == 0)
        return dispatch(p, SV_EV_BOOL, pos, end, NULL, 0, v);
    return done(p, SV_EV_BOOL, end,
                sv__ev_scalar(p, SV_EV_BOOL, &pos, NULL, 0, v));
}

int sv__y_number_general(void *ctx, const char *s, size_t len)
{
    sv_parser *p = ctx;
    uint64_t end = ev_end(p);
    sv_pos pos = token_pos(p, end - len);
    int r;
    if (p->depth == 0)
        r = dispatch(p, SV_EV_NUMBER, pos, end, s, len, 0);
    else
        r = done(p, SV_EV_NUMBER, end,
                 sv__ev_scalar(p, SV_EV_NUMBER, &pos, s, len, 0));
    /* "01" reaches yajl as 0 then 1: the locator names it */
    p->last_was_zero = (len == 1 && s[0] == '0') ||
                       (len == 2 && s[0] == '-' && s[1] == '0');
    return r;
}

int sv__y_string_general(void *ctx, const unsigned char *s, size_t len)
{
    sv_parser *p = ctx;
    sv_pos pos = string_pos(p, s);
    uint64_t end = ev_end(p);
    if (p->depth == 0)
        return dispatch(p, SV_EV_STRING, pos, end, (const char *)s, len, 0);
    return done(p, SV_EV_STRING, end,
                sv__ev_scalar(p, SV_EV_STRING, &pos, (const char *)s, len,
                              0));
}

int sv__y_key_general(void *ctx, const unsigned char *s, size_t len)
{
    sv_parser *p = ctx;
    sv_pos pos = string_pos(p, s);
    uint64_t end = ev_end(p);
    return done(p, SV_EV_KEY, end,
                sv__ev_key(p, &pos, (const char *)s, len));
}

/* '{' or '[': depth bookkeeping for the locator and the limit. */
static int open_container(sv_parser *p, sv_ev ev)
{
    uint64_t end = ev_end(p);
    sv_pos pos = sv__pos(end - 1);
    if (p->depth == 0 || p->depth >= p->opt.max_depth)
        return dispatch(p, ev, pos, end, NULL, 0, 0);
    sv__open_level(p, pos, ev == SV_EV_START_ARRAY);
    return done(p, ev, end, sv__ev_open(p, ev, &pos));
}

static int close_container(sv_parser *p, sv_ev ev)
{
    uint64_t end = ev_end(p);
    sv_pos pos = sv__pos(end - 1);
    if (p->depth == 1)
        return dispatch(p, ev, pos, end, NULL, 0, 0);
    p->depth--;
    return done(p, ev, end, sv__ev_close(p, ev, &pos));
}

int sv__y_start_map_general(void *ctx)
{
    return open_container(ctx, SV_EV_START_MAP);
}

int sv__y_end_map_general(void *ctx)
{
    return close_container(ctx, SV_EV_END_MAP);
}

static int y_start_array(void *ctx)
{
    return open_container(ctx, SV_EV_START_ARRAY);
}

static int y_end_array(void *ctx)
{
    return close_container(ctx, SV_EV_END_ARRAY);
}

const yajl_callbacks sv__yajl_callbacks = {
    y_null,          y_boolean,        NULL,
    NULL,            sv__y_number,     sv__y_string,
    sv__y_start_map, sv__y_key,        sv__y_end_map,
    y_start_array,   y_end_array,
};

