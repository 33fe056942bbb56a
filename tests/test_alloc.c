/*
 * test_alloc.c - memory: every allocation goes through the caller's
 * allocator, a page of 10,000 sessions costs exactly as many allocations
 * as a page of 10 (no allocation per record), peak memory does not grow
 * with the number of sessions, and an allocation failure anywhere gives
 * SV_ERR_NOMEM (or NULL from sv_parser_new) with nothing leaked.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "svtest.h"

Suite *sv_suite_alloc(void);

/* Counting allocator: a size header in front of each block. */
typedef struct counter {
    uint64_t allocs, frees, live_bytes, peak_bytes;
    int64_t fail_at; /* allocation number that fails, -1: none */
} counter;

static void *c_malloc(void *ctx, size_t n)
{
    counter *c = ctx;
    if (c->fail_at >= 0 && (int64_t)c->allocs == c->fail_at) {
        c->allocs++;
        return NULL;
    }
    size_t *b = malloc(n + sizeof(size_t) * 2);
    if (!b)
        return NULL;
    b[0] = n;
    c->allocs++;
    c->live_bytes += n;
    if (c->live_bytes > c->peak_bytes)
        c->peak_bytes = c->live_bytes;
    return b + 2;
}

static void c_free(void *ctx, void *ptr)
{
    counter *c = ctx;
    if (!ptr)
        return;
    size_t *b = (size_t *)ptr - 2;
    c->frees++;
    c->live_bytes -= b[0];
    free(b);
}

static void *c_realloc(void *ctx, void *ptr, size_t n)
{
    counter *c = ctx;
    if (!ptr)
        return c_malloc(ctx, n);
    if (c->fail_at >= 0 && (int64_t)c->allocs == c->fail_at) {
        c->allocs++;
        return NULL;
    }
    size_t *b = (size_t *)ptr - 2;
    size_t old = b[0];
    size_t *nb = realloc(b, n + sizeof(size_t) * 2);
    if (!nb)
        return NULL;
    nb[0] = n;
    c->allocs++;
    c->live_bytes = c->live_bytes - old + n;
    if (c->live_bytes > c->peak_bytes)
        c->peak_bytes = c->live_bytes;
    return nb + 2;
}

static sv_options counted(counter *c)
{
    sv_options o;
    sv_options_init(&o);
    memset(c, 0, sizeof *c);
    c->fail_at = -1;
    o.allocator.malloc_fn = c_malloc;
    o.allocator.realloc_fn = c_realloc;
    o.allocator.free_fn = c_free;
    o.allocator.ctx = c;
    return o;
}

/* A page of n sessions like the seed's, with unique ids, varied content
 * (escapes, non-ASCII, all job infos) so every code path that keeps
 * strings runs. */
static char *make_page(int n, size_t *len)
{
    size_t cap = 1024 + (size_t)n * 1200, at = 0;
    char *b = malloc(cap);
    ck_assert(b != NULL);
    at += (size_t)snprintf(b + at, cap - at,
                           "{\"offset\":0,\"limit\":%d,\"totalCount\":%d,"
                           "\"results\":[",
                           n, n);
    for (int i = 0; i < n; i++) {
        const char *info;
        const char *type;
        switch (i % 4) {
        case 0:
            type = "PolicyBackup";
            info = ",\"backupJobInfo\":{\"policyId\":\"a91630ab-1603-47ea-"
                   "a76c-0525e77a1188\",\"policyName\":\"Policy \\\"1\\\" "
                   "\\u00e9\",\"protectedInstancesCount\":3,"
                   "\"policyRemoved\":false}";
            break;
        case 1:
            type = "RepositoryCreation";
            info = ",\"repositoryJobInfo\":{\"repositoryId\":1,"
                   "\"repositoryName\":\"D\xc3\xa9p\xc3\xb4t\","
                   "\"repositoryRemoved\":true}";
            break;
        case 2:
            type = "FileLevelRestore";
            info = ",\"fileLevelRestoreJobInfo\":{\"reason\":\"why\","
                   "\"flrLink\":{\"url\":\"https://w/flr\",\"thumbprint\":"
                   "\"AB12\"},\"vmId\":\"vm-1\"}";
            break;
        default:
            type = "RestoreVms";
            info = ",\"restoreJobInfo\":{\"reason\":null,\"items\":[{\"name"
                   "\":\"vm\"}]}";
            break;
        }
        at += (size_t)snprintf(
            b + at, cap - at,
            "%s{\"id\":\"%d\",\"type\":\"%s\",\"localizedType\":\"T\","
            "\"executionStartTime\":\"2020-02-07T12:21:04.223155Z\","
            "\"executionStopTime\":\"2020-02-07T12:22:22.046855Z\","
            "\"executionDuration\":\"00:01:17.8237000\",\"status\":"
            "\"Success\",\"usn\":%d%s,\"_links\":{\"self\":{\"href\":"
            "\"https://h/api/v1/jobSessions/%d\"},\"log\":{\"href\":"
            "\"https://h/api/v1/jobSessions/%d/log\"}}}",
            i ? "," : "", i + 1, type, i, info, i + 1, i + 1);
    }
    at += (size_t)snprintf(b + at, cap - at,
                           "],\"_links\":{\"self\":{\"href\":\"https://h/"
                           "api/v1/jobSessions?offset=0&limit=%d\"}}}",
                           n);
    *len = at;
    return b;
}

static void run_counted(const char *buf, size_t len, size_t chunk,
                        sv_options *o, svt_result *r)
{
    svt_run(buf, len, o, chunk, r);
}

START_TEST(test_no_allocation_per_record)
{
    size_t chunks[] = {0, 65536, 4096, 1};
    for (size_t k = 0; k < sizeof chunks / sizeof chunks[0]; k++) {
        size_t chunk = chunks[k];
        counter c10, c10k;
        size_t l10, l10k;
        char *p10 = make_page(10, &l10);
        char *p10k = make_page(chunk == 1 ? 2000 : 10000, &l10k);
        sv_options o10 = counted(&c10), o10k = counted(&c10k);
        o10.duplicate_ids = o10k.duplicate_ids = false;
        svt_result r10, r10k;
        run_counted(p10, l10, chunk, &o10, &r10);
        run_counted(p10k, l10k, chunk, &o10k, &r10k);
        ck_assert_msg(r10.ndiags == 0 && r10k.ndiags == 0, "%s",
                      r10.ndiags ? r10.diags[0].message
                                 : r10k.diags[0].message);
        ck_assert_uint_eq(r10k.stats.sessions, chunk == 1 ? 2000 : 10000);
        ck_assert_msg(c10.allocs == c10k.allocs,
                      "chunk %zu: %llu allocations for 10 sessions, %llu for "
                      "many",
                      chunk, (unsigned long long)c10.allocs,
                      (unsigned long long)c10k.allocs);
        ck_assert_uint_eq(c10.peak_bytes, c10k.peak_bytes);
        ck_assert_uint_eq(c10.allocs, c10.frees);
        ck_assert_uint_eq(c10k.allocs, c10k.frees);
        ck_assert_uint_eq(c10k.live_bytes, 0);
        svt_free(&r10);
        svt_free(&r10k);
        free(p10);
        free(p10k);
    }
}
END_TEST

/* With duplicate-id detection on, memory grows by the id set only. */
START_TEST(test_id_set_growth)
{
    counter c;
    size_t len;
    char *page = make_page(10000, &len);
    sv_options o = counted(&c);
    svt_result r;
    run_counted(page, len, 65536, &o, &r);
    ck_assert_int_eq(r.ndiags, 0);
    /* documented in the README: under 64 bytes per session for short ids */
    ck_assert_msg(c.peak_bytes < 200000 + 64 * 10000, "peak %llu",
                  (unsigned long long)c.peak_bytes);
    ck_assert_uint_eq(c.live_bytes, 0);
    svt_free(&r);
    free(page);
}
END_TEST

/* Fail the k-th allocation for every k until a run needs no failure. */
START_TEST(test_allocation_failures)
{
    size_t len;
    char *page = make_page(40, &len);
    /* add a syntax error, an unknown member and a long token so that the
     * error paths allocate too */
    for (int64_t k = 0;; k++) {
        counter c;
        sv_options o = counted(&c);
        c.fail_at = k;
        sv_parser *p = sv_parser_new(&o, NULL, NULL);
        if (!p) {
            ck_assert_uint_eq(c.live_bytes, 0);
            continue;
        }
        sv_status s = SV_OK;
        for (size_t at = 0; at < len && s == SV_OK; at += 97) {
            size_t n = len - at < 97 ? len - at : 97;
            s = sv_parser_feed(p, page + at, n);
        }
        if (s == SV_OK)
            s = sv_parser_finish(p);
        ck_assert_msg(s == SV_OK || s == SV_ERR_NOMEM, "fail at %lld: %s",
                      (long long)k, sv_status_str(s));
        if (s == SV_ERR_NOMEM) {
            /* sticky, and reset recovers when memory comes back */
            ck_assert_int_eq(sv_parser_feed(p, "{", 1), SV_ERR_NOMEM);
            c.fail_at = -1;
            ck_assert_int_eq(sv_parser_reset(p), SV_OK);
            ck_assert_int_eq(sv_parser_feed(p, page, len), SV_OK);
            ck_assert_int_eq(sv_parser_finish(p), SV_OK);
        }
        sv_parser_free(p);
        ck_assert_msg(c.live_bytes == 0, "fail at %lld: %llu bytes leaked",
                      (long long)k, (unsigned long long)c.live_bytes);
        if (s == SV_OK && c.allocs <= (uint64_t)k)
            break; /* no allocation failed: every point was tried */
    }
    free(page);
}
END_TEST

Suite *sv_suite_alloc(void)
{
    Suite *s = suite_create("alloc");
    TCase *tc = tcase_create("alloc");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_no_allocation_per_record);
    tcase_add_test(tc, test_id_set_growth);
    tcase_add_test(tc, test_allocation_failures);
    suite_add_tcase(s, tc);
    return s;
}
