/*
 * cli.h - the sessval command's internal interfaces.
 *
 *   main.c      options and usage errors
 *   inputs.c    FILE|DIR|- arguments -> the list of inputs (directories
 *               walked in byte order of names)
 *   run.c       validate one input into a report: the read loop, the
 *               input-form layer, excerpts and code-point columns
 *   jobs.c      --jobs: a fixed pool of threads, reports in argument order
 *   output.c    the run as a whole: begin, one report at a time, end
 *   text.c      text: compiler-style lines, excerpt and caret; summaries
 *   formats.c   json and github
 *   sarif.c     one SARIF 2.1.0 log for the run
 *   extract.c   --extract: session records as NDJSON or CSV
 *   progress.c  the progress line on a terminal
 *   explain.c   --explain: the catalogue of codes
 */
#ifndef SV_CLI_H
#define SV_CLI_H

#include <stdint.h>
#include <stdio.h>

#include "sessval.h"

enum out_format { FMT_TEXT, FMT_JSON, FMT_SARIF, FMT_GITHUB };
enum extract_format { EXTRACT_NONE, EXTRACT_NDJSON, EXTRACT_CSV };

/* What an input's name says (inputs.c).  Only *.ndjson matters (it
 * implies --multi=ndjson); whether an input is JSON, HTTP or a HAR is
 * decided by the library from its bytes (or --input). */
enum cli_form { FORM_JSON, FORM_NDJSON, FORM_HAR, FORM_HTTP };

#define CLI_READ_SIZE (256 * 1024) /* default bytes per read(2) */
#define CLI_READ_MAX (16u << 20)   /* largest --read-size */
#define CLI_PROGRESS_MIN (64ull << 20)

typedef struct cli_opts {
    sv_options lib;
    enum out_format format;
    enum extract_format extract;
    int color;            /* resolved: 1 = ANSI colours in text output */
    int quiet;            /* no diagnostics, no summaries */
    int multi_given;      /* --multi on the command line beats *.ndjson */
    unsigned jobs;        /* worker threads, >= 1 */
    uint64_t max_errors;  /* diagnostics kept per input, 0 = all */
    size_t read_size;     /* bytes per read(2) */
    int read_random;      /* --read-size=random:SEED: sizes 1..4096 */
    uint64_t read_seed;
    int progress;         /* resolved: a progress line may be drawn */
    int need_excerpt;     /* text: capture source excerpts */
    int need_chars;       /* sarif: columns in code points */
    int pages;            /* --pages: the inputs are pages of one listing */
} cli_opts;

/* The bytes of a diagnostic's line kept for the text format: up to
 * EXCERPT_BEFORE before the offset, EXCERPT_MAX in all. */
#define EXCERPT_BEFORE 40
#define EXCERPT_MAX 80

enum excerpt_state { EXCERPT_NONE, EXCERPT_PENDING, EXCERPT_DONE };

/* One diagnostic, copied out of the callback. */
typedef struct cli_diag {
    sv_diag_code code;
    sv_severity severity;
    uint64_t offset, line, column;
    uint64_t char_column; /* 1-based, in code points; 0 = not known */
    char *pointer;
    size_t pointer_len;   /* a member name may hold U+0000: not strlen */
    char *message;
    char *context;        /* the capture's part, NULL for plain JSON */
    uint64_t payload_offset, payload_line, payload_column;
    uint64_t excerpt_from;       /* stream offset of excerpt[0] */
    unsigned short excerpt_len;
    unsigned char excerpt_state; /* enum excerpt_state */
    unsigned char excerpt_more;  /* the line goes on past the excerpt */
    char excerpt[EXCERPT_MAX];
} cli_diag;

typedef struct cli_pages cli_pages;

typedef struct cli_report {
    const char *name;     /* as given ("-" = standard input) */
    enum cli_form form;
    sv_input input;       /* what the capture turned out to be */
    sv_encoding encoding;
    cli_pages *pages;     /* --pages: the listing this input belongs to */
    int pages_last;       /* ... as its last input */
    int io_error;         /* errno of a failed open/read, 0 if none */
    const char *io_what;  /* "cannot open", "cannot read", ... */
    sv_status status;
    sv_stats stats;
    cli_diag *diags;
    size_t ndiags, cap;
    double seconds;
    FILE *records;        /* --extract: where session records go */
    uint64_t nrecords;
} cli_report;

/* inputs.c: one input to validate; error != 0 when walking a directory
 * failed (the input is then reported, never run). */
typedef struct cli_input {
    char *name;
    int error;
    const char *what;
} cli_input;

typedef struct cli_inputs {
    cli_input *v;
    size_t n, cap;
} cli_inputs;

/* Append what an argument names: itself (a file or "-"), or the matching
 * files under it (a directory).  Returns the number of inputs added. */
size_t cli_inputs_add(cli_inputs *in, const char *arg);
void cli_inputs_free(cli_inputs *in);
enum cli_form cli_form_of(const char *name);

/* run.c: validate one input.  Never fails: problems land in the report.
 * The caller fills r->name, r->form and r->records. */
void cli_run(const cli_opts *o, cli_report *r);
void cli_report_free(cli_report *r);
/* --pages: one listing across the inputs, run one after the other. */
cli_pages *cli_pages_new(const cli_opts *o);
void cli_pages_free(cli_pages *pg);
/* A report is invalid when it has errors or the stream failed. */
int cli_report_invalid(const cli_report *r);

/* output.c: the whole run's output, one report at a time in argument
 * order. */
typedef struct cli_output cli_output;
cli_output *out_begin(const cli_opts *o, size_t ninputs);
void out_report(cli_output *out, cli_report *r);
/* Close the formats (SARIF, github), print the total; the exit status. */
int out_end(cli_output *out);

/* jobs.c: run every input and hand the reports to out_report in order. */
void cli_run_all(const cli_opts *o, const cli_inputs *in, cli_output *out);

/* text.c */
void text_report(FILE *out, const cli_opts *o, const cli_report *r);
void text_note(FILE *out, const cli_report *r);
void text_summary(FILE *err, const cli_report *r);
const char *cli_pointer(const char *p); /* "(root)" for "" */
/* "CONTEXT: " (with "(payload LINE:COL)" inside a HAR entry's text), or
 * "" for plain JSON; in buf. */
const char *cli_context(const cli_report *r, const cli_diag *d, char *buf,
                        size_t n);
/* What goes before a diagnostic's message: the context, then
 * "POINTER: " - but no pointer for a finding about the capture itself
 * (a header, the byte-order mark: payload_line 0), which has none. */
const char *cli_where(const cli_report *r, const cli_diag *d, char *buf,
                      size_t n);

/* formats.c */
void json_string(FILE *out, const char *s, size_t n);
void json_report(FILE *out, const cli_report *r);
/* github: errors to out, warnings to late (printed after every error). */
void github_report(FILE *out, FILE *late, const cli_report *r);
void github_io_error(FILE *out, const cli_report *r);
/* Markdown for $GITHUB_STEP_SUMMARY: one row of the overview, and the
 * findings table of a report (nothing when it has none). */
void github_summary_row(FILE *out, const cli_report *r);
void github_summary_findings(FILE *out, const cli_report *r);
void markdown_cell(FILE *out, const char *s);

/* sarif.c: "artifact path" rules shared with github. */
typedef struct sarif_state sarif_state;
sarif_state *sarif_begin(FILE *out);
void sarif_report(sarif_state *s, const cli_report *r);
void sarif_end(sarif_state *s, int exit_status);
/* The name relative to the current directory when it lies under it
 * (lexically: "./a/../b.json" -> "b.json"); NULL otherwise.  malloc'd. */
char *cli_relative_path(const char *name);

/* extract.c */
/* v8: also the members API v8.1 adds (when the contract is not v1) */
void extract_header(FILE *out, enum extract_format f, int v8);
void extract_session(FILE *out, enum extract_format f, const char *file,
                     const sv_session *s, int v8);

/* progress.c: one line on stderr, redrawn in place. */
typedef struct cli_progress {
    const char *name;
    uint64_t total;       /* bytes, 0 = unknown (a pipe) */
    int enabled;
    int shown;
    double t0, last;
} cli_progress;
void progress_start(cli_progress *p, const cli_opts *o, const char *name,
                    uint64_t total);
void progress_update(cli_progress *p, uint64_t done);
void progress_stop(cli_progress *p);
/* Around other writes to the terminal while workers draw progress. */
void progress_hold(void);
void progress_release(void);

/* explain.c */
int cli_explain(FILE *out, const char *code);
void cli_explain_text(sv_diag_code c, const char **meaning,
                      const char **example, const char **fix);

/* Write failures (a full disk, a closed pipe) end the run with status 2. */
void cli_check_write(FILE *f, const char *what);
double cli_now(void);

#endif /* SV_CLI_H */
