/*
 * pages.c - successive pages of one listing (sessval --pages): the checks
 * that no single page can make.
 *
 * The caller hands over each page's sessions (their ids are held until
 * the page itself comes) and then the page, with the name of its file and
 * where it is.  A page is compared with the one before it (offset,
 * totalCount, limit, a short page that is not the last) and its ids with
 * those of every earlier page; at the end the sum of the results is
 * compared with totalCount.  Every finding is reported on the page that
 * reveals it (the later one) and names the other file too.
 *
 * Memory: every id of the listing (its bytes, 32 bytes of entry and 4 to
 * 8 of table) and one name per page; nothing else grows.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sv_internal.h"

#define CTX_MAX 320

struct id_entry {
    uint64_t hash;
    uint64_t at;      /* in bytes */
    uint32_t len;
    uint32_t page;    /* page index (0-based) */
    uint64_t index;   /* in that page's results */
};

struct sv_pages {
    sv_allocator a;
    int strict;
    uint64_t max_diagnostics, delivered;
    sv_callbacks cb;
    void *user;
    sv_status status;
    int finished;

    /* the pages so far */
    char **names;
    size_t npages, cap_names;
    sv_page prev;           /* the last page (strings not kept) */
    sv_page first;
    uint64_t sum;           /* results of every page */
    int sum_known;
    /* where the last page is, for findings at the end */
    sv_position last_where;
    char last_ctx[CTX_MAX];

    /* every id of the earlier pages */
    struct id_entry *ids;
    uint64_t nids, cap_ids;
    uint32_t *table;        /* entry index + 1, 0 = empty */
    uint64_t mask;          /* table size - 1, 0 before the first */
    char *bytes;
    uint64_t nbytes, cap_bytes;

    /* ids of the page being read */
    struct id_entry *pend;
    uint64_t npend, cap_pend;
    uint64_t pend_doc;
    char msg[1024];
};

static void *p_alloc(sv_pages *s, size_t n)
{
    return s->a.malloc_fn(s->a.ctx, n);
}

static void p_free(sv_pages *s, void *p)
{
    if (p)
        s->a.free_fn(s->a.ctx, p);
}

/* Grow *buf (elements of size sz) to hold need; 0 or -1. */
static int grow(sv_pages *s, void **buf, uint64_t *cap, uint64_t need,
                size_t sz)
{
    if (need <= *cap)
        return 0;
    uint64_t c = *cap ? *cap : 64;
    while (c < need)
        c *= 2;
    if (c > SIZE_MAX / sz)
        return -1;
    void *b = s->a.realloc_fn(s->a.ctx, *buf, (size_t)(c * sz));
    if (!b)
        return -1;
    *buf = b;
    *cap = c;
    return 0;
}

sv_pages *sv_pages_new(const sv_options *opts, const sv_callbacks *cb,
                       void *user)
{
    sv_options o;
    if (opts)
        o = *opts;
    else
        sv_options_init(&o);
    if (sv__allocator_resolve(&o.allocator) < 0)
        return NULL;
    sv_pages *s = o.allocator.malloc_fn(o.allocator.ctx, sizeof *s);
    if (!s)
        return NULL;
    memset(s, 0, sizeof *s);
    s->a = o.allocator;
    s->strict = o.strict;
    s->max_diagnostics = o.max_diagnostics;
    if (cb)
        s->cb = *cb;
    s->user = user;
    return s;
}

void sv_pages_free(sv_pages *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->npages; i++)
        p_free(s, s->names[i]);
    p_free(s, s->names);
    p_free(s, s->ids);
    p_free(s, s->table);
    p_free(s, s->bytes);
    p_free(s, s->pend);
    sv_allocator a = s->a;
    a.free_fn(a.ctx, s);
}

/* ------------------------------------------------------------- findings */

#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
static int finding(sv_pages *s, sv_diag_code code, const sv_position *w,
                   const char *pointer, const char *fmt, ...)
{
    if (s->max_diagnostics && s->delivered >= s->max_diagnostics)
        return 0;
    s->delivered++;
    if (!s->cb.on_diag)
        return 0;
    sv_diag d;
    memset(&d, 0, sizeof d);
    d.code = code;
    d.severity = s->strict ? SV_SEVERITY_ERROR
                           : sv_diag_default_severity(code);
    if (w) {
        d.offset = w->offset;
        d.line = w->line;
        d.column = w->column;
        d.payload_offset = w->payload_offset;
        d.payload_line = w->payload_line;
        d.payload_column = w->payload_column;
        d.context = w->context;
        d.context_len = w->context ? w->context_len : 0;
    } else {
        d.line = d.column = 1;
    }
    d.pointer = pointer;
    d.pointer_len = strlen(pointer);
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(s->msg, sizeof s->msg, fmt, ap);
    va_end(ap);
    d.message = s->msg;
    d.message_len = n < 0 ? 0
                    : (size_t)n < sizeof s->msg ? (size_t)n
                                                : sizeof s->msg - 1;
    if (s->cb.on_diag(s->user, &d)) {
        s->status = SV_ERR_ABORTED;
        return -1;
    }
    return 0;
}

static int valid_int(const sv_int *v)
{
    return v->state == SV_VALID;
}

/* ----------------------------------------------------------------- ids */

static struct id_entry *lookup(sv_pages *s, uint64_t h, const char *id,
                               size_t len)
{
    if (!s->mask)
        return NULL;
    for (uint64_t i = h & s->mask;; i = (i + 1) & s->mask) {
        uint32_t e = s->table[i];
        if (!e)
            return NULL;
        struct id_entry *x = &s->ids[e - 1];
        if (x->hash == h && x->len == len &&
            memcmp(s->bytes + x->at, id, len) == 0)
            return x;
    }
}

static int rehash(sv_pages *s, uint64_t size)
{
    if (size > SIZE_MAX / sizeof *s->table)
        return -1;
    uint32_t *t = p_alloc(s, (size_t)size * sizeof *t);
    if (!t)
        return -1;
    memset(t, 0, (size_t)size * sizeof *t);
    for (uint64_t e = 0; e < s->nids; e++) {
        uint64_t i = s->ids[e].hash & (size - 1);
        while (t[i])
            i = (i + 1) & (size - 1);
        t[i] = (uint32_t)(e + 1);
    }
    p_free(s, s->table);
    s->table = t;
    s->mask = size - 1;
    return 0;
}

/* Register an id whose bytes are already at s->bytes + s->nbytes. */
static int add_id(sv_pages *s, const struct id_entry *pe)
{
    if (s->nids >= UINT32_MAX - 1)
        return -1;
    if ((s->nids + 1) * 2 > s->mask + 1 &&
        rehash(s, s->mask ? (s->mask + 1) * 2 : 1024) < 0)
        return -1;
    if (grow(s, (void **)&s->ids, &s->cap_ids, s->nids + 1,
             sizeof *s->ids) < 0)
        return -1;
    struct id_entry *e = &s->ids[s->nids];
    *e = *pe;
    e->at = s->nbytes;
    s->nbytes += pe->len;
    uint64_t i = e->hash & s->mask;
    while (s->table[i])
        i = (i + 1) & s->mask;
    s->table[i] = (uint32_t)(s->nids + 1);
    s->nids++;
    return 0;
}

sv_status sv_pages_session(sv_pages *s, const sv_session *x)
{
    if (!s || !x)
        return SV_ERR_MISUSE;
    if (s->status != SV_OK)
        return s->status;
    if (s->finished)
        return SV_ERR_MISUSE;
    if (s->npend && s->pend_doc != x->document)
        s->npend = 0; /* those sessions were not a page's */
    s->pend_doc = x->document;
    if (!x->id.ptr || x->id.len > UINT32_MAX)
        return SV_OK;
    /* pending ids keep their bytes at the end of the store, past the
     * committed ones, until their page commits them */
    uint64_t at = s->nbytes;
    for (uint64_t i = 0; i < s->npend; i++)
        at += s->pend[i].len;
    if (grow(s, (void **)&s->pend, &s->cap_pend, s->npend + 1,
             sizeof *s->pend) < 0 ||
        grow(s, (void **)&s->bytes, &s->cap_bytes, at + x->id.len, 1) < 0) {
        s->status = SV_ERR_NOMEM;
        return s->status;
    }
    memcpy(s->bytes + at, x->id.ptr, x->id.len);
    struct id_entry *e = &s->pend[s->npend++];
    e->hash = sv__hash(x->id.ptr, x->id.len);
    e->at = at;
    e->len = (uint32_t)x->id.len;
    e->page = (uint32_t)s->npages;
    e->index = x->index;
    return SV_OK;
}

/* ---------------------------------------------------------------- pages */

static const char *name_of(const sv_pages *s, size_t page)
{
    return page < s->npages ? s->names[page] : "?";
}

/* The page's ids against the earlier pages', then kept.  The pending
 * bytes sit past nbytes, in order: each one committed moves down to
 * nbytes, never over one still to come. */
static int check_ids(sv_pages *s, const sv_page *pg, const sv_position *w)
{
    uint64_t n = s->pend_doc == pg->document ? s->npend : 0;
    s->npend = 0;
    for (uint64_t i = 0; i < n; i++) {
        struct id_entry e = s->pend[i];
        const char *b = s->bytes + e.at;
        struct id_entry *old = lookup(s, e.hash, b, e.len);
        if (old) {
            if (old->page == e.page)
                continue; /* twice on one page: the parser said so */
            char ptr[64], q[128];
            snprintf(ptr, sizeof ptr, "/results/%llu/id",
                     (unsigned long long)e.index);
            sv__quote(q, sizeof q, b, e.len);
            if (finding(s, SV_DIAG_PAGES_DUPLICATE_ID, w, ptr,
                        "session id %s is also results[%llu] of %s "
                        "(page %u): the listing moved while it was paged, "
                        "or a page was saved twice",
                        q, (unsigned long long)old->index,
                        name_of(s, old->page), old->page + 1) < 0)
                return -1;
            continue;
        }
        if (e.at != s->nbytes)
            memmove(s->bytes + s->nbytes, b, e.len);
        if (add_id(s, &e) < 0) {
            s->status = SV_ERR_NOMEM;
            return -1;
        }
    }
    return 0;
}

sv_status sv_pages_page(sv_pages *s, const sv_page *pg, const char *name,
                        const sv_position *w)
{
    if (!s || !pg)
        return SV_ERR_MISUSE;
    if (s->status != SV_OK)
        return s->status;
    if (s->finished)
        return SV_ERR_MISUSE;
    if (!name)
        name = "-";
    size_t k = s->npages;
    if (k > 0) {
        const sv_page *p = &s->prev;
        const char *pn = s->names[k - 1];
        if (valid_int(&p->page_offset) && p->results.state == SV_VALID &&
            valid_int(&pg->page_offset)) {
            int64_t want = p->page_offset.value + (int64_t)p->results.value;
            int64_t got = pg->page_offset.value;
            if (got != want &&
                finding(s, SV_DIAG_PAGES_OFFSET, w, "/offset",
                        "offset is %lld, but %s (offset %lld) held %llu "
                        "sessions: this page should start at %lld (%s)",
                        (long long)got, pn,
                        (long long)p->page_offset.value,
                        (unsigned long long)p->results.value,
                        (long long)want,
                        got > want ? "the sessions in between are missing"
                                   : "the pages overlap") < 0)
                return s->status;
        }
        if (valid_int(&p->total_count) && valid_int(&pg->total_count) &&
            p->total_count.value != pg->total_count.value &&
            finding(s, SV_DIAG_PAGES_TOTAL_COUNT, w, "/totalCount",
                    "totalCount is %lld, but %lld in %s: the listing "
                    "changed while it was paged",
                    (long long)pg->total_count.value,
                    (long long)p->total_count.value, pn) < 0)
            return s->status;
        if (valid_int(&p->limit) && valid_int(&pg->limit) &&
            p->limit.value != pg->limit.value &&
            finding(s, SV_DIAG_PAGES_LIMIT, w, "/limit",
                    "limit is %lld, but %lld in %s: pages of one listing "
                    "are requested with one limit",
                    (long long)pg->limit.value, (long long)p->limit.value,
                    pn) < 0)
            return s->status;
        if (valid_int(&p->limit) && p->results.state == SV_VALID &&
            p->results.value < (uint64_t)p->limit.value &&
            finding(s, SV_DIAG_PAGES_SHORT_PAGE, w, "/results",
                    "%s holds %llu sessions with limit %lld, yet this page "
                    "follows it: only the last page of a listing may be "
                    "short",
                    pn, (unsigned long long)p->results.value,
                    (long long)p->limit.value) < 0)
            return s->status;
    }
    if (check_ids(s, pg, w) < 0)
        return s->status;
    /* keep the page */
    if (k == s->cap_names) {
        size_t cap = s->cap_names ? s->cap_names * 2 : 16;
        char **nn = s->a.realloc_fn(s->a.ctx, s->names, cap * sizeof *nn);
        if (!nn) {
            s->status = SV_ERR_NOMEM;
            return s->status;
        }
        s->names = nn;
        s->cap_names = cap;
    }
    size_t nl = strlen(name);
    char *copy = p_alloc(s, nl + 1);
    if (!copy) {
        s->status = SV_ERR_NOMEM;
        return s->status;
    }
    memcpy(copy, name, nl + 1);
    s->names[s->npages++] = copy;
    s->prev = *pg;
    if (k == 0) {
        s->first = *pg;
        s->sum_known = 1;
    }
    if (pg->results.state == SV_VALID)
        s->sum += pg->results.value;
    else
        s->sum_known = 0;
    if (w) {
        s->last_where = *w;
        size_t cl = w->context && w->context_len < CTX_MAX ? w->context_len
                                                           : 0;
        if (cl)
            memcpy(s->last_ctx, w->context, cl);
        s->last_ctx[cl] = '\0';
        s->last_where.context = w->context ? s->last_ctx : NULL;
        s->last_where.context_len = cl;
    } else {
        memset(&s->last_where, 0, sizeof s->last_where);
        s->last_where.line = s->last_where.column = 1;
    }
    return s->status;
}

sv_status sv_pages_finish(sv_pages *s)
{
    if (!s)
        return SV_ERR_MISUSE;
    if (s->status != SV_OK)
        return s->status;
    if (s->finished)
        return SV_ERR_MISUSE;
    s->finished = 1;
    const sv_page *last = &s->prev;
    if (s->npages == 0 || !s->sum_known || !valid_int(&last->total_count))
        return s->status;
    int64_t total = last->total_count.value;
    if ((int64_t)s->sum == total)
        return s->status;
    char why[160] = "";
    if (valid_int(&s->first.page_offset) && s->first.page_offset.value != 0)
        snprintf(why, sizeof why, "; the first page, %s, starts at offset "
                                  "%lld",
                 s->names[0], (long long)s->first.page_offset.value);
    else if ((int64_t)s->sum < total && valid_int(&last->page_offset) &&
             last->results.state == SV_VALID &&
             last->page_offset.value + (int64_t)last->results.value < total)
        snprintf(why, sizeof why,
                 "; the listing goes on at offset %lld after %s",
                 (long long)(last->page_offset.value +
                             (int64_t)last->results.value),
                 s->names[s->npages - 1]);
    finding(s, SV_DIAG_PAGES_COUNT, &s->last_where, "/totalCount",
            "the %zu page%s (%s ... %s) hold %llu sessions, totalCount is "
            "%lld%s",
            s->npages, s->npages == 1 ? "" : "s", s->names[0],
            s->names[s->npages - 1], (unsigned long long)s->sum,
            (long long)total, why);
    return s->status;
}
