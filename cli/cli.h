/*
 * cli.h - the sessval command's internal interfaces.
 *
 *   main.c     options, inputs (files, directories, -), exit codes
 *   run.c      validate one input into a report (diagnostics + counts)
 *   text.c     the text format: compiler-style lines, excerpt and caret
 *   formats.c  json, sarif, github
 *   explain.c  --explain: the catalogue of codes
 */
#ifndef SV_CLI_H
#define SV_CLI_H

#include <stdint.h>
#include <stdio.h>

#include "sessval.h"

enum out_format { FMT_TEXT, FMT_JSON, FMT_SARIF, FMT_GITHUB };

typedef struct cli_opts {
    sv_options lib;
    enum out_format format;
    int color;            /* resolved: 1 = ANSI colours on stdout */
    int quiet;
    unsigned jobs;
    uint64_t max_errors;  /* per input, 0 = all */
} cli_opts;

/* One diagnostic, copied out of the callback. */
typedef struct cli_diag {
    sv_diag_code code;
    sv_severity severity;
    uint64_t offset, line, column;
    char *pointer;
    char *message;
} cli_diag;

typedef struct cli_report {
    const char *name;     /* as given on the command line ("-" = stdin) */
    int io_error;         /* errno of a failed open/read, 0 if none */
    sv_status status;
    sv_stats stats;
    cli_diag *diags;
    size_t ndiags, cap;
    double seconds;
    /* stdin has no second read: its last bytes are kept for excerpts */
    unsigned char *window;
    size_t window_len;
    uint64_t window_off;  /* stream offset of window[0] */
} cli_report;

/* Validate one input.  Never fails: problems land in the report. */
void cli_run(const cli_opts *o, cli_report *r);
void cli_report_free(cli_report *r);

/* A report is invalid when it has errors or the stream failed. */
int cli_report_invalid(const cli_report *r);

/* text.c */
void text_report(FILE *out, const cli_opts *o, const cli_report *r);
void text_summary(FILE *err, const cli_report *r);
/* Up to n bytes of the input's line around offset (for excerpts). */
size_t cli_read_line(const cli_report *r, uint64_t line_start, uint64_t off,
                     char *buf, size_t n, uint64_t *first);

/* formats.c */
void json_report(FILE *out, const cli_report *r);
void json_string(FILE *out, const char *s, size_t n);

/* explain.c */
int cli_explain(FILE *out, const char *code);

#endif /* SV_CLI_H */
