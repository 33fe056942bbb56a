/*
 * svtest.h - helpers shared by the Check suites: run the parser over a
 * buffer with any chunking and get back a canonical log of everything it
 * reported (records with every field, diagnostics with every position),
 * so that two runs can be compared byte for byte.
 */
#ifndef SV_SVTEST_H
#define SV_SVTEST_H

#include <stddef.h>
#include <stdint.h>

#include "sessval.h"

typedef struct svt_result {
    char *log;           /* malloc'd, NUL-terminated */
    size_t log_len;
    sv_status status;    /* of the last feed/finish */
    sv_stats stats;
    size_t ndiags;
    /* the first 64 diagnostics, for assertions */
    struct svt_diag {
        sv_diag_code code;
        sv_severity severity;
        uint64_t offset, line, column;
        char pointer[256];
        char message[512];
    } diags[64];
} svt_result;

/* Feed buf split at the offsets cuts[0..ncuts) (ascending), then finish.
 * opts may be NULL.  Free with svt_free. */
void svt_run_cuts(const char *buf, size_t len, const sv_options *opts,
                  const size_t *cuts, size_t ncuts, svt_result *out);

/* Feed in chunks of `chunk` bytes (0: whole buffer). */
void svt_run(const char *buf, size_t len, const sv_options *opts,
             size_t chunk, svt_result *out);

/* Feed in pseudo-random chunk sizes (1..max) from a fixed seed. */
void svt_run_random(const char *buf, size_t len, const sv_options *opts,
                    uint64_t seed, size_t max, svt_result *out);

void svt_free(svt_result *r);

/* The same runs, but everything the callbacks report goes into a 64-bit
 * digest instead of a log (no formatting: cheap enough to run at every
 * split point of every corpus file).  Two runs that report the same
 * records and diagnostics, field for field, have the same digest. */
uint64_t svt_digest_cuts(const char *buf, size_t len, const sv_options *opts,
                         const size_t *cuts, size_t ncuts);

/* Whole-buffer run of a NUL-terminated JSON text with default options;
 * convenience for rule tests. */
void svt_json(const char *json, svt_result *out);
void svt_json_opts(const char *json, const sv_options *opts,
                   svt_result *out);

/* Index of the first diagnostic with this code, or -1. */
int svt_find(const svt_result *r, sv_diag_code code);

/* Read a whole file (malloc'd), aborting the test on failure. */
char *svt_read_file(const char *path, size_t *len);

/* Directory of the source tree's corpus (SV_CORPUS env or "corpus"). */
const char *svt_corpus(void);

/* Build directory holding sessval (SV_BUILD env or "build/release"). */
const char *svt_build(void);

/* Names of regular files in dir ending in suffix, sorted; NULL-ended,
 * free with svt_free_list. */
char **svt_list(const char *dir, const char *suffix);
void svt_free_list(char **list);

uint64_t svt_rand(uint64_t *state);

#endif /* SV_SVTEST_H */
