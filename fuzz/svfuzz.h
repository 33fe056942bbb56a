/*
 * svfuzz.h - what the parser harnesses (fuzz_document, fuzz_chunks) share:
 * the options byte, a canonical log of everything the callbacks report,
 * and the invariants every run must keep.
 *
 * The log is the harness's view of a run: every field of every record and
 * diagnostic (message included), the final status and the stats, one line
 * each.  Two runs of the same input and options must log the same bytes,
 * however the input was chunked and whether the parser was fresh or reset.
 *
 * Every check calls SVF_CHECK, which prints what broke and aborts: that is
 * the finding libFuzzer (or the plain replay driver) reports.
 */
#ifndef SVFUZZ_H
#define SVFUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "sessval.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#if defined(__GNUC__)
#define SVF_NORETURN __attribute__((noreturn))
#define SVF_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define SVF_NORETURN
#define SVF_PRINTF(a, b)
#endif

SVF_NORETURN void svf_fail(const char *file, int line, const char *what);

#define SVF_CHECK(cond)                                                       \
    do {                                                                      \
        if (!(cond))                                                          \
            svf_fail(__FILE__, __LINE__, #cond);                              \
    } while (0)

/* splitmix64: the next pseudo-random value from the state *s. */
uint64_t svf_rand(uint64_t *s);

/* Chunk plan from a plan byte (bits 6-7 mode, bits 0-5 m) and a seed:
 *   0  one split point (seed % (len + 1))
 *   1  random sizes 1..m+1
 *   2  fixed size m+1
 *   3  random sizes 1..(m+1)*64
 * Writes the cut offsets, ascending in (0, len), into cuts (room for len)
 * and returns how many. */
size_t svf_plan(uint8_t how, uint64_t seed, size_t len, size_t *cuts);

/* Decode the options byte:
 *   bits 0-2  kind: 0 auto, 1 page, 2 session, 3 log, 4 problem;
 *             5..7 auto with max_diagnostics 1..3 and duplicate_ids off
 *   bit 3     strict
 *   bits 4-5  multi: 0 off, 1 any, 2 ndjson; 3 is the harness's own mode
 *             (returned in *mode3; multi is then off)
 *   bit 6     api: 0 v1, 1 v8
 *   bit 7     small limits: max_depth 8, max_string 64, max_token 256 */
void svf_options(uint8_t b, sv_options *o, int *mode3);

/* One run's log and what the invariants need to know. */
typedef struct svf_log {
    char *s;
    size_t len, cap;
    /* the whole input of the stream, for position checks */
    const unsigned char *input;
    size_t input_len;
    const sv_options *opts;
    sv_parser *parser;        /* for the re-entrancy check (may be NULL) */
    uint64_t diags, sessions, pages, entries, documents, callbacks;
    uint64_t abort_at;        /* return non-zero from this callback (1-based,
                                 0 = never) */
    int aborted;              /* a callback asked to stop */
} svf_log;

/* The callbacks that log into the svf_log given as `user`. */
const sv_callbacks *svf_callbacks(void);

/* Start or empty a log for a stream of input[0..len) under opts (its
 * buffer, parser and abort_at are kept). */
void svf_log_begin(svf_log *l, const unsigned char *input, size_t len,
                   const sv_options *opts);
void svf_log_free(svf_log *l);
void svf_logf(svf_log *l, const char *fmt, ...) SVF_PRINTF(2, 3);

/* After finish (or a failed feed): check the final status and the stats
 * against what the callbacks delivered, and log both. */
void svf_log_end(svf_log *l, sv_parser *p, sv_status st, uint64_t fed);

/* Feed input to p in the pieces that cuts[] delimits (ascending offsets in
 * (0, len)), with an empty feed before piece i when empties has bit i%64
 * set, then finish; returns the final status.  Logs into l (already begun;
 * p's user pointer must be l). */
sv_status svf_feed(sv_parser *p, svf_log *l, const unsigned char *input,
                   size_t len, const size_t *cuts, size_t ncuts,
                   uint64_t empties);

/* The two logs must be equal; else dump both around the first difference
 * and abort. */
void svf_same(const svf_log *want, const svf_log *got, const char *what);

#endif /* SVFUZZ_H */
