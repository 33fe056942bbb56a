/*
 * fuzz_document.c - libFuzzer harness: the whole input is one stream, fed
 * in one piece.
 *
 * Input: byte 0 picks the options (svf_options: kind, strict, multi,
 * duplicate_ids, small limits, max_diagnostics).  When its multi bits are 3
 * the run is hostile and byte 1 says how:
 *   bit 7 = 0  allocation failure: allocation number (bits 0-5) fails, and
 *              every later one too unless bit 6 is set (then only that
 *              one);
 *   bit 7 = 1  the callback number (bits 0-6) + 1 returns non-zero.
 * The rest is the stream.
 *
 * Checks (abort on failure): every invariant of svfuzz.c on every record
 * and diagnostic and on the final status and stats; every allocation
 * freed by sv_parser_free (counted by our allocator, so the plain replay
 * build checks it too); the API's misuse answers.
 */
#include <stdlib.h>
#include <string.h>

#include "svfuzz.h"

typedef struct counting {
    uint64_t calls;    /* malloc/realloc calls so far */
    uint64_t live;     /* blocks not freed */
    uint64_t fail_at;  /* call number that fails (UINT64_MAX: none) */
    int once;          /* only that call fails */
} counting;

static int should_fail(counting *c)
{
    uint64_t n = c->calls++;
    return c->once ? n == c->fail_at : n >= c->fail_at;
}

static void *c_malloc(void *ctx, size_t n)
{
    counting *c = ctx;
    if (should_fail(c))
        return NULL;
    void *r = malloc(n ? n : 1);
    if (r)
        c->live++;
    return r;
}

static void *c_realloc(void *ctx, void *ptr, size_t n)
{
    counting *c = ctx;
    if (should_fail(c))
        return NULL;
    void *r = realloc(ptr, n ? n : 1);
    if (r && !ptr)
        c->live++;
    return r;
}

static void c_free(void *ctx, void *ptr)
{
    counting *c = ctx;
    if (ptr) {
        SVF_CHECK(c->live > 0);
        c->live--;
        free(ptr);
    }
}

/* Answers that do not depend on the input: once per process. */
static void api_edges(void)
{
    static int done;
    if (done)
        return;
    done = 1;
    sv_stats s;
    sv_parser_stats(NULL, &s);
    SVF_CHECK(s.bytes == 0 && s.errors == 0);
    SVF_CHECK(sv_parser_feed(NULL, "x", 1) == SV_ERR_MISUSE);
    SVF_CHECK(sv_parser_finish(NULL) == SV_ERR_MISUSE);
    SVF_CHECK(sv_parser_reset(NULL) == SV_ERR_MISUSE);
    SVF_CHECK(sv_parser_status(NULL) == SV_ERR_MISUSE);
    sv_parser_free(NULL);
    SVF_CHECK(sv_version() != NULL && sv_version()[0] != '\0');
    for (int st = SV_OK; st <= SV_ERR_MISUSE + 1; st++)
        SVF_CHECK(sv_status_str((sv_status)st) != NULL);
    for (int k = SV_KIND_AUTO; k <= SV_KIND_PROBLEM + 1; k++)
        SVF_CHECK(sv_kind_name((sv_kind)k) != NULL);
    for (int c = 0; c <= SV_DIAG__COUNT; c++) {
        const char *n = sv_diag_name((sv_diag_code)c);
        sv_diag_code back;
        if (c == SV_DIAG__COUNT) {
            SVF_CHECK(n == NULL && sv_diag_summary((sv_diag_code)c) == NULL);
            (void)sv_diag_default_severity((sv_diag_code)c);
            continue;
        }
        SVF_CHECK(n != NULL && sv_diag_summary((sv_diag_code)c) != NULL);
        SVF_CHECK(sv_diag_lookup(n, strlen(n), &back) == 0 &&
                  back == (sv_diag_code)c);
    }
    sv_diag_code dummy;
    SVF_CHECK(sv_diag_lookup("no-such-code", 12, &dummy) != 0);
    for (int t = 0; t <= SV_TYPE__COUNT; t++)
        SVF_CHECK((sv_session_type_text((sv_session_type)t) != NULL) ==
                  (t > 0 && t < SV_TYPE__COUNT));
    for (int t = 0; t <= SV_STATUS__COUNT; t++)
        SVF_CHECK((sv_session_status_text((sv_session_status)t) != NULL) ==
                  (t > 0 && t < SV_STATUS__COUNT));
    /* options out of range are refused */
    sv_options o;
    sv_options_init(&o);
    o.max_depth = 0;
    SVF_CHECK(sv_parser_new(&o, NULL, NULL) == NULL);
    sv_options_init(&o);
    o.max_token = 1;
    SVF_CHECK(sv_parser_new(&o, NULL, NULL) == NULL);
    sv_options_init(&o);
    o.allocator.malloc_fn = c_malloc; /* one of three */
    SVF_CHECK(sv_parser_new(&o, NULL, NULL) == NULL);
    /* NULL options and callbacks: the defaults, silently */
    sv_parser *p = sv_parser_new(NULL, NULL, NULL);
    SVF_CHECK(p != NULL);
    SVF_CHECK(sv_parser_feed(p, NULL, 1) == SV_ERR_MISUSE);
    SVF_CHECK(sv_parser_feed(p, "{}", 2) == SV_OK);
    SVF_CHECK(sv_parser_finish(p) == SV_OK);
    sv_parser_free(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    api_edges();
    sv_options o;
    int hostile;
    svf_options(data[0], &o, &hostile);
    data++;
    size--;

    counting c = {0, 0, UINT64_MAX, 0};
    svf_log l;
    memset(&l, 0, sizeof l);
    if (hostile) {
        if (size < 1)
            return 0;
        uint8_t h = data[0];
        data++;
        size--;
        o.multi = SV_MULTI_ANY; /* more documents, more paths */
        if (h & 0x80) {
            l.abort_at = (uint64_t)(h & 0x7f) + 1;
        } else {
            c.fail_at = h & 0x3f;
            c.once = (h >> 6) & 1;
        }
    }
    o.allocator.malloc_fn = c_malloc;
    o.allocator.realloc_fn = c_realloc;
    o.allocator.free_fn = c_free;
    o.allocator.ctx = &c;

    svf_log_begin(&l, data, size, &o);
    sv_parser *p = sv_parser_new(&o, svf_callbacks(), &l);
    if (!p) {
        SVF_CHECK(c.fail_at != UINT64_MAX); /* only for lack of memory */
        SVF_CHECK(c.live == 0);
        svf_log_free(&l);
        return 0;
    }
    l.parser = p;
    svf_feed(p, &l, data, size, NULL, 0, 0);
    sv_parser_free(p);
    SVF_CHECK(c.live == 0); /* everything given back */
    svf_log_free(&l);
    return 0;
}
