/*
 * output.c - the run's output as a whole, one report at a time in argument
 * order: the formats' opening and closing (SARIF's log, the CSV header,
 * GitHub's held-back warnings and step summary), the per-input summary
 * and the total on stderr, and the exit status (2 wins over 1).
 *
 * Where things go: diagnostics to standard output (standard error with
 * --extract, whose records own standard output); summaries, notes and I/O
 * errors to standard error.  --quiet silences everything but --extract's
 * records.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

struct cli_output {
    const cli_opts *o;
    FILE *diag;          /* where diagnostics go */
    sarif_state *sarif;
    FILE *late;          /* github: warnings, printed after every error */
    const char *step_path;
    FILE *step_rows;     /* github: $GITHUB_STEP_SUMMARY overview rows */
    FILE *step_findings; /* ... and findings tables */
    size_t ninputs, valid, invalid, unreadable;
    sv_stats total;
    double t0;
    int worst;
};

void cli_check_write(FILE *f, const char *what)
{
    if (fflush(f) != 0 || ferror(f)) {
        int e = errno;
        fprintf(stderr, "sessval: cannot write %s: %s\n", what,
                strerror(e ? e : EIO));
        exit(2);
    }
}

static FILE *xtmpfile(void)
{
    FILE *f = tmpfile();
    if (!f) {
        perror("sessval: temporary file");
        exit(2);
    }
    return f;
}

/* Append f (from its start) to out and close it. */
static void drain(FILE *f, FILE *out, const char *what)
{
    char buf[65536];
    size_t n;
    if (fflush(f) != 0 || fseek(f, 0, SEEK_SET) != 0) {
        perror("sessval: temporary file");
        exit(2);
    }
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        if (fwrite(buf, 1, n, out) != n)
            break;
    if (ferror(f)) {
        perror("sessval: temporary file");
        exit(2);
    }
    fclose(f);
    cli_check_write(out, what);
}

cli_output *out_begin(const cli_opts *o, size_t ninputs)
{
    cli_output *out = calloc(1, sizeof *out);
    if (!out) {
        perror("sessval");
        exit(2);
    }
    out->o = o;
    out->ninputs = ninputs;
    out->diag = o->extract ? stderr : stdout;
    out->t0 = cli_now();
    if (o->extract)
        extract_header(stdout, o->extract, o->lib.api != SV_API_V1);
    if (o->quiet)
        return out;
    if (o->format == FMT_SARIF)
        out->sarif = sarif_begin(out->diag);
    if (o->format == FMT_GITHUB) {
        out->late = xtmpfile();
        const char *p = getenv("GITHUB_STEP_SUMMARY");
        if (p && p[0]) {
            out->step_path = p;
            out->step_rows = xtmpfile();
            out->step_findings = xtmpfile();
        }
    }
    return out;
}

void out_report(cli_output *out, cli_report *r)
{
    const cli_opts *o = out->o;
    int rc = r->io_error ? 2 : cli_report_invalid(r) ? 1 : 0;
    if (rc > out->worst)
        out->worst = rc;
    if (r->io_error)
        out->unreadable++;
    else if (rc)
        out->invalid++;
    else
        out->valid++;
    out->total.bytes += r->stats.bytes;
    out->total.pages += r->stats.pages;
    out->total.sessions += r->stats.sessions;
    out->total.errors += r->stats.errors;
    out->total.warnings += r->stats.warnings;

    progress_hold();
    if (r->records && r->records != stdout)
        drain(r->records, stdout, "standard output");
    r->records = NULL;
    if (!o->quiet) {
        switch (o->format) {
        case FMT_TEXT:
            text_report(out->diag, o, r);
            cli_check_write(out->diag, "diagnostics");
            text_summary(stderr, r);
            break;
        case FMT_JSON:
            json_report(out->diag, r);
            break;
        case FMT_SARIF:
            sarif_report(out->sarif, r);
            break;
        case FMT_GITHUB:
            if (r->io_error)
                github_io_error(out->diag, r);
            else
                github_report(out->diag, out->late, r);
            if (out->step_rows) {
                github_summary_row(out->step_rows, r);
                github_summary_findings(out->step_findings, r);
            }
            break;
        }
        if (o->format != FMT_TEXT) {
            cli_check_write(out->diag, "diagnostics");
            if (r->io_error)
                text_summary(stderr, r);
            else
                text_note(stderr, r);
        }
    }
    cli_check_write(stdout, "standard output");
    fflush(stderr);
    progress_release();
}

int out_end(cli_output *out)
{
    const cli_opts *o = out->o;
    if (out->late)
        drain(out->late, out->diag, "diagnostics");
    if (out->step_path) {
        FILE *f = fopen(out->step_path, "a");
        if (!f) {
            fprintf(stderr, "sessval: GITHUB_STEP_SUMMARY: cannot open %s: "
                            "%s\n",
                    out->step_path, strerror(errno));
            out->worst = 2;
            fclose(out->step_rows);
            fclose(out->step_findings);
        } else {
            fprintf(f,
                    "## sessval %s: %zu input%s, %zu valid, %zu invalid, "
                    "%zu unreadable\n\n"
                    "| Input | Result | Pages | Sessions | Errors | "
                    "Warnings |\n"
                    "| --- | --- | ---: | ---: | ---: | ---: |\n",
                    sv_version(), out->ninputs, out->ninputs == 1 ? "" : "s",
                    out->valid, out->invalid, out->unreadable);
            drain(out->step_rows, f, "GITHUB_STEP_SUMMARY");
            drain(out->step_findings, f, "GITHUB_STEP_SUMMARY");
            fputc('\n', f);
            if (fclose(f) != 0) {
                fprintf(stderr, "sessval: GITHUB_STEP_SUMMARY: cannot write "
                                "%s: %s\n",
                        out->step_path, strerror(errno));
                out->worst = 2;
            }
        }
    }
    if (out->sarif)
        sarif_end(out->sarif, out->worst);
    cli_check_write(stdout, "standard output");
    if (!o->quiet && o->format == FMT_TEXT && out->ninputs > 1) {
        const sv_stats *s = &out->total;
        fprintf(stderr,
                "total: %zu inputs, %zu valid, %zu invalid, %zu unreadable: "
                "%llu page%s, %llu session%s, %llu error%s, %llu warning%s "
                "(%llu bytes, %.1f ms)\n",
                out->ninputs, out->valid, out->invalid, out->unreadable,
                (unsigned long long)s->pages, s->pages == 1 ? "" : "s",
                (unsigned long long)s->sessions, s->sessions == 1 ? "" : "s",
                (unsigned long long)s->errors, s->errors == 1 ? "" : "s",
                (unsigned long long)s->warnings, s->warnings == 1 ? "" : "s",
                (unsigned long long)s->bytes, (cli_now() - out->t0) * 1e3);
    }
    fflush(stderr);
    int rc = out->worst;
    free(out);
    return rc;
}
