/*
 * fuzz_chunks.c - libFuzzer harness, differential: the same stream fed
 * whole and fed in chunks that the input chooses must give the same log
 * (every record field, every diagnostic field including its message, the
 * final status and the stats).  A reset parser must give what a fresh one
 * gives.
 *
 * Input:
 *   byte 0     options (svf_options); multi bits 3 = multi any, with empty
 *              feeds between the chunks
 *   byte 1     chunk plan (svf_plan: one split, random or fixed sizes)
 *   bytes 2-3  seed (little endian)
 *   the rest   the stream
 *
 * Runs, each logged:
 *   W  a fresh parser, the stream in one feed, finish;
 *   C  a fresh parser P, the stream in chunks, finish;       C == W
 *   R  P reset, a prefix of the stream fed in chunks, P reset again, the
 *      whole stream in one feed, finish;                     R == W
 * On a difference the two logs are printed around the first differing
 * line, then abort().
 */
#include <stdlib.h>
#include <string.h>

#include "svfuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 4)
        return 0;
    sv_options o;
    int mode3;
    svf_options(data[0], &o, &mode3);
    uint8_t how = data[1];
    uint64_t seed = (uint64_t)data[2] | (uint64_t)data[3] << 8;
    uint64_t empties = 0;
    if (mode3) {
        o.multi = SV_MULTI_ANY;
        uint64_t r = seed ^ 0x5eed;
        empties = svf_rand(&r);
    }
    const unsigned char *doc = data + 4;
    size_t len = size - 4;

    size_t *cuts = malloc((len + 1) * sizeof *cuts);
    SVF_CHECK(cuts != NULL);
    size_t ncuts = svf_plan(how, seed, len, cuts);

    svf_log w, c;
    memset(&w, 0, sizeof w);
    memset(&c, 0, sizeof c);

    /* W: whole */
    svf_log_begin(&w, doc, len, &o);
    sv_parser *p = sv_parser_new(&o, svf_callbacks(), &w);
    SVF_CHECK(p != NULL);
    w.parser = p;
    svf_feed(p, &w, doc, len, NULL, 0, 0);
    sv_parser_free(p);

    /* C: chunked, fresh parser */
    svf_log_begin(&c, doc, len, &o);
    p = sv_parser_new(&o, svf_callbacks(), &c);
    SVF_CHECK(p != NULL);
    c.parser = p;
    svf_feed(p, &c, doc, len, cuts, ncuts, empties);
    svf_same(&w, &c, "the chunked run");

    /* R: reset after a finished stream, a prefix, reset mid-stream, then
     * the whole stream again */
    SVF_CHECK(sv_parser_reset(p) == SV_OK);
    SVF_CHECK(sv_parser_status(p) == SV_OK);
    size_t k = (size_t)(seed % (len + 1));
    size_t nk = 0;
    while (nk < ncuts && cuts[nk] < k)
        nk++;
    svf_log_begin(&c, doc, k, &o);
    {
        sv_status s = SV_OK;
        size_t at = 0;
        for (size_t i = 0; i <= nk && s == SV_OK; i++) {
            size_t end = i < nk ? cuts[i] : k;
            s = sv_parser_feed(p, doc + at, end - at);
            at = end;
        }
    }
    SVF_CHECK(sv_parser_reset(p) == SV_OK);
    svf_log_begin(&c, doc, len, &o);
    svf_feed(p, &c, doc, len, NULL, 0, 0);
    svf_same(&w, &c, "the run after sv_parser_reset");
    sv_parser_free(p);

    svf_log_free(&w);
    svf_log_free(&c);
    free(cuts);
    return 0;
}
