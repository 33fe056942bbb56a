/*
 * test_chunks.c - chunking never changes what the parser reports.
 *
 * Every corpus file (valid and invalid) is fed whole, then split at every
 * byte position (two feeds), in 1-byte chunks, and in random chunk sizes;
 * every run must produce the same log of records and diagnostics (codes,
 * pointers, offsets, lines, columns, messages) as the whole-buffer run.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "svtest.h"

Suite *sv_suite_chunks(void);

static char **files;
static size_t nfiles;

static void load(void)
{
    if (files)
        return;
    char dir[512];
    char **valid, **invalid;
    snprintf(dir, sizeof dir, "%s/valid", svt_corpus());
    valid = svt_list(dir, ".json");
    snprintf(dir, sizeof dir, "%s/invalid", svt_corpus());
    invalid = svt_list(dir, ".json");
    size_t a = 0, b = 0;
    while (valid[a])
        a++;
    while (invalid[b])
        b++;
    files = calloc(a + b + 1, sizeof *files);
    ck_assert(files != NULL);
    memcpy(files, valid, a * sizeof *files);
    memcpy(files + a, invalid, b * sizeof *files);
    free(valid);
    free(invalid);
    nfiles = a + b;
}

/* Options a corpus file asks for in its name: *.multi.json, *.strict.json,
 * *.api-v8.* (the v8.1 profile) */
static void opts_for(const char *path, sv_options *o)
{
    sv_options_init(o);
    if (strstr(path, ".multi."))
        o->multi = SV_MULTI_ANY;
    if (strstr(path, ".ndjson."))
        o->multi = SV_MULTI_NDJSON;
    if (strstr(path, ".strict."))
        o->strict = true;
    if (strstr(path, ".api-v8."))
        o->api = SV_API_V8;
}

static void same(const svt_result *want, const svt_result *got,
                 const char *file, const char *how)
{
    if (want->log_len != got->log_len ||
        memcmp(want->log, got->log, want->log_len) != 0) {
        /* show the first differing line */
        size_t i = 0;
        while (i < want->log_len && i < got->log_len &&
               want->log[i] == got->log[i])
            i++;
        size_t ls = i;
        while (ls > 0 && want->log[ls - 1] != '\n')
            ls--;
        ck_abort_msg("%s: %s differs from the whole-buffer run at log byte "
                     "%zu\nwant: %.200s\ngot:  %.200s",
                     file, how, i, want->log + ls, got->log + ls);
    }
}

START_TEST(test_corpus_splits)
{
    load();
    ck_assert_msg(nfiles > 0, "empty corpus");
    for (size_t f = 0; f < nfiles; f++) {
        size_t len;
        char *buf = svt_read_file(files[f], &len);
        sv_options o;
        opts_for(files[f], &o);
        svt_result whole, r;
        svt_run(buf, len, &o, 0, &whole);
        ck_assert_msg(whole.ndiags > 0 || strstr(files[f], "/valid/"),
                      "%s: invalid corpus file without diagnostics",
                      files[f]);
        /* every split point, compared by digest (the full logs only to
         * show a difference); under the sanitizers (10x slower) files
         * over 4000 bytes take a stride of 61 */
        size_t step = 1;
#if defined(__SANITIZE_ADDRESS__)
        if (len > 4000)
            step = 61;
#endif
        uint64_t want = svt_digest_cuts(buf, len, &o, NULL, 0);
        for (size_t cut = 0; cut <= len; cut += step) {
            if (svt_digest_cuts(buf, len, &o, &cut, 1) == want)
                continue;
            svt_run_cuts(buf, len, &o, &cut, 1, &r);
            char how[64];
            snprintf(how, sizeof how, "split at %zu", cut);
            same(&whole, &r, files[f], how);
            svt_free(&r);
            ck_abort_msg("%s: split at %zu: digest differs, logs equal "
                         "(a field the log does not show)",
                         files[f], cut);
        }
        svt_run(buf, len, &o, 1, &r);
        same(&whole, &r, files[f], "1-byte chunks");
        svt_free(&r);
        for (uint64_t seed = 1; seed <= 8; seed++) {
            svt_run_random(buf, len, &o, seed, seed * 13, &r);
            char how[64];
            snprintf(how, sizeof how, "random chunks (seed %llu)",
                     (unsigned long long)seed);
            same(&whole, &r, files[f], how);
            svt_free(&r);
        }
        svt_free(&whole);
        free(buf);
    }
}
END_TEST

/* Every split into three pieces of a short broken document, where every
 * kind of token straddles a boundary. */
START_TEST(test_three_way_splits)
{
    static const char *docs[] = {
        "{\"offset\":0,\"limit\":1,\"totalCount\":1,\"results\":[{\"id\":"
        "\"1\",\"usn\":\"x\\u00e9\\\"y\",\"usnn\":true,\"status\":null}],"
        "\"_links\":{\"self\":{\"href\":\"https://h/api/v1/jobSessions\"}}}",
        "{\"offset\":0,\"results\":[{\"id\":\"1\",\"usn\":12345678901234567"
        "890,\"x\":[1,2,{\"a\":[nul",
        "[1.5e+3,-0,\"\\uD83D\\uDE00\",false]",
        "{\"a\":1}\n{\"b\":\"\xc3\xa9\"}\n  x",
    };
    for (size_t d = 0; d < sizeof docs / sizeof docs[0]; d++) {
        const char *buf = docs[d];
        size_t len = strlen(buf);
        svt_result whole, r;
        svt_run(buf, len, NULL, 0, &whole);
        for (size_t i = 0; i <= len; i++)
            for (size_t j = i; j <= len; j += 3) {
                size_t cuts[2] = {i, j};
                svt_run_cuts(buf, len, NULL, cuts, 2, &r);
                char how[64];
                snprintf(how, sizeof how, "cuts %zu,%zu", i, j);
                same(&whole, &r, buf, how);
                svt_free(&r);
            }
        svt_free(&whole);
    }
}
END_TEST

Suite *sv_suite_chunks(void)
{
    Suite *s = suite_create("chunks");
    TCase *tc = tcase_create("corpus");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_corpus_splits);
    tcase_add_test(tc, test_three_way_splits);
    suite_add_tcase(s, tc);
    return s;
}
