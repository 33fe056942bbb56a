/*
 * test_big.c - positions past the first 4 GiB are exact: 64-bit offsets
 * and line counts all the way.  The stream is generated, never written to
 * disk: a session whose unknown member holds 4.3 GB of strings, one per
 * line, followed by a wrong usn whose offset, line and column are known.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "svtest.h"

Suite *sv_suite_big(void);

static int on_diag(void *u, const sv_diag *d)
{
    svt_result *r = u;
    if (r->ndiags < 64) {
        r->diags[r->ndiags].code = d->code;
        r->diags[r->ndiags].offset = d->offset;
        r->diags[r->ndiags].line = d->line;
        r->diags[r->ndiags].column = d->column;
        snprintf(r->diags[r->ndiags].pointer, 256, "%s", d->pointer);
    }
    r->ndiags++;
    return 0;
}

START_TEST(test_past_4gib)
{
    const size_t elem = 65000; /* "aaa…",\n */
    const size_t per_chunk = 16;
    size_t chunk_len = elem * per_chunk;
    char *chunk = malloc(chunk_len);
    ck_assert(chunk != NULL);
    for (size_t k = 0; k < per_chunk; k++) {
        char *e = chunk + k * elem;
        e[0] = '"';
        memset(e + 1, 'a', elem - 4);
        memcpy(e + elem - 3, "\",\n", 3);
    }
    static const char head[] =
        "{\"id\":\"1\",\"type\":\"ManualSnapshot\",\"localizedType\":\"M\","
        "\"executionStartTime\":\"2020-02-07T08:43:30.892836Z\","
        "\"executionStopTime\":\"2020-02-07T08:44:41.08057Z\","
        "\"executionDuration\":\"00:01:10.1877340\",\"status\":\"Success\","
        "\"_links\":{\"self\":{\"href\":\"https://h/api/v1/jobSessions/1\"},"
        "\"log\":{\"href\":\"https://h/api/v1/jobSessions/1/log\"}},"
        "\"padding\":[\n";
    static const char tail[] = "\"end\"],\n  \"usn\": \"6\"}";

    svt_result r;
    memset(&r, 0, sizeof r);
    sv_callbacks cb = {0};
    cb.on_diag = on_diag;
    sv_parser *p = sv_parser_new(NULL, &cb, &r);
    ck_assert(p != NULL);
    uint64_t off = 0, lines = 1;
    ck_assert_int_eq(sv_parser_feed(p, head, sizeof head - 1), SV_OK);
    off += sizeof head - 1;
    lines += 1;
    const uint64_t target = (UINT64_C(1) << 32) + 12345;
    while (off < target) {
        ck_assert_int_eq(sv_parser_feed(p, chunk, chunk_len), SV_OK);
        off += chunk_len;
        lines += per_chunk;
    }
    ck_assert_int_eq(sv_parser_feed(p, tail, sizeof tail - 1), SV_OK);
    ck_assert_int_eq(sv_parser_finish(p), SV_OK);
    sv_stats st;
    sv_parser_stats(p, &st);
    sv_parser_free(p);
    free(chunk);

    ck_assert_uint_eq(st.bytes, off + sizeof tail - 1);
    ck_assert_uint_eq(st.sessions, 1);
    ck_assert_uint_eq(r.ndiags, 2); /* unknown "padding", usn a string */
    ck_assert_str_eq(sv_diag_name(r.diags[0].code), "unknown-member");
    ck_assert_str_eq(sv_diag_name(r.diags[1].code), "type-mismatch");
    ck_assert_str_eq(r.diags[1].pointer, "/usn");
    uint64_t want_off = off + (uint64_t)(strstr(tail, "\"6\"") - tail);
    ck_assert_uint_gt(want_off, UINT64_C(1) << 32);
    ck_assert_uint_eq(r.diags[1].offset, want_off);
    ck_assert_uint_eq(r.diags[1].line, lines + 1);
    ck_assert_uint_eq(r.diags[1].column, 10);
}
END_TEST

Suite *sv_suite_big(void)
{
    Suite *s = suite_create("big");
    TCase *tc = tcase_create("4gib");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, test_past_4gib);
    suite_add_tcase(s, tc);
    return s;
}
