/*
 * formats.c - machine formats of diagnostics.
 *
 * json: one object per diagnostic per line, members exactly
 *   file, severity, code, pointer, offset, line, column, message;
 * for a diagnostic about a capture (HTTP, HAR) four more after them:
 *   context, payload_offset, payload_line, payload_column
 * (never for plain JSON, whose member set stays as it is).
 *
 * github: workflow commands,
 *   ::error file=F,line=L,col=C,title=CODE::POINTER: MESSAGE
 * escaped as the runner wants it: '%', CR and LF in the message; also ':'
 * and ',' in the properties.  GitHub shows only the first 10 annotations
 * of each type per step, so errors come first: warnings are written to a
 * second stream that output.c prints after every input's errors.  F is the
 * path relative to the working directory (the checkout) when the file lies
 * under it; the column counts characters, as an editor does.  With
 * $GITHUB_STEP_SUMMARY set, a Markdown overview and every finding go there.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void json_string(FILE *out, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    fputc('"', out);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"':
            fputs("\\\"", out);
            break;
        case '\\':
            fputs("\\\\", out);
            break;
        case '\n':
            fputs("\\n", out);
            break;
        case '\r':
            fputs("\\r", out);
            break;
        case '\t':
            fputs("\\t", out);
            break;
        default:
            if (c < 0x20) {
                fputs("\\u00", out);
                fputc(hex[c >> 4], out);
                fputc(hex[c & 15], out);
            } else {
                fputc(c, out);
            }
        }
    }
    fputc('"', out);
}

void json_report(FILE *out, const cli_report *r)
{
    for (size_t i = 0; i < r->ndiags; i++) {
        const cli_diag *d = &r->diags[i];
        fputs("{\"file\":", out);
        json_string(out, r->name, strlen(r->name));
        fprintf(out, ",\"severity\":\"%s\",\"code\":\"%s\",\"pointer\":",
                d->severity == SV_SEVERITY_ERROR ? "error" : "warning",
                sv_diag_name(d->code));
        json_string(out, d->pointer, d->pointer_len);
        fprintf(out, ",\"offset\":%llu,\"line\":%llu,\"column\":%llu,"
                     "\"message\":",
                (unsigned long long)d->offset, (unsigned long long)d->line,
                (unsigned long long)d->column);
        json_string(out, d->message, strlen(d->message));
        if (d->context) {
            fputs(",\"context\":", out);
            json_string(out, d->context, strlen(d->context));
            fprintf(out, ",\"payload_offset\":%llu,\"payload_line\":%llu,"
                         "\"payload_column\":%llu",
                    (unsigned long long)d->payload_offset,
                    (unsigned long long)d->payload_line,
                    (unsigned long long)d->payload_column);
        }
        fputs("}\n", out);
    }
}

/* ------------------------------------------------------------- github */

static void gh_escape(FILE *out, const char *s, int property)
{
    for (; *s; s++) {
        switch (*s) {
        case '%':
            fputs("%25", out);
            break;
        case '\r':
            fputs("%0D", out);
            break;
        case '\n':
            fputs("%0A", out);
            break;
        case ':':
            fputs(property ? "%3A" : ":", out);
            break;
        case ',':
            fputs(property ? "%2C" : ",", out);
            break;
        default:
            fputc(*s, out);
        }
    }
}

/* "::error file=F" (or "::error" for standard input) */
static void gh_start(FILE *out, const char *type, const cli_report *r)
{
    fprintf(out, "::%s", type);
    if (strcmp(r->name, "-") == 0)
        return;
    char *rel = cli_relative_path(r->name);
    fputs(" file=", out);
    gh_escape(out, rel ? rel : r->name, 1);
    free(rel);
}

void github_report(FILE *out, FILE *late, const cli_report *r)
{
    for (size_t i = 0; i < r->ndiags; i++) {
        const cli_diag *d = &r->diags[i];
        int err = d->severity == SV_SEVERITY_ERROR;
        FILE *f = err ? out : late;
        gh_start(f, err ? "error" : "warning", r);
        fprintf(f, "%sline=%llu,col=%llu,title=",
                strcmp(r->name, "-") == 0 ? " " : ",",
                (unsigned long long)d->line,
                (unsigned long long)(d->char_column ? d->char_column
                                                    : d->column));
        gh_escape(f, sv_diag_name(d->code), 1);
        fputs("::", f);
        char where[768];
        gh_escape(f, cli_where(r, d, where, sizeof where), 0);
        gh_escape(f, d->message, 0);
        fputc('\n', f);
    }
}

void github_io_error(FILE *out, const cli_report *r)
{
    gh_start(out, "error", r);
    fprintf(out, "%stitle=io-error::", strcmp(r->name, "-") == 0 ? " " : ",");
    gh_escape(out, r->name, 0);
    fputs(": ", out);
    gh_escape(out, r->io_what ? r->io_what : "cannot read", 0);
    fputs(": ", out);
    gh_escape(out, strerror(r->io_error), 0);
    fputc('\n', out);
}

/* ----------------------------------------------------- step summary */

/* A table cell: Markdown punctuation escaped, no line breaks. */
void markdown_cell(FILE *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '\n' || *s == '\r')
            fputc(' ', out);
        else if (strchr("\\`*_[]<>#|~&!", *s))
            fprintf(out, "\\%c", *s);
        else
            fputc(*s, out);
    }
}

void github_summary_row(FILE *out, const cli_report *r)
{
    fputs("| ", out);
    markdown_cell(out, r->name);
    if (r->io_error) {
        fprintf(out, " | %s: %s | | | | |\n",
                r->io_what ? r->io_what : "cannot read",
                strerror(r->io_error));
        return;
    }
    fprintf(out, " | %s | %llu | %llu | %llu | %llu |\n",
            cli_report_invalid(r) ? "**invalid**" : "valid",
            (unsigned long long)r->stats.pages,
            (unsigned long long)r->stats.sessions,
            (unsigned long long)r->stats.errors,
            (unsigned long long)r->stats.warnings);
}

void github_summary_findings(FILE *out, const cli_report *r)
{
    if (r->ndiags == 0)
        return;
    fputs("\n#### ", out);
    markdown_cell(out, r->name);
    fputs("\n\n| Severity | Line | Column | Code | Pointer | Message |\n"
          "| --- | ---: | ---: | --- | --- | --- |\n",
          out);
    for (size_t i = 0; i < r->ndiags; i++) {
        const cli_diag *d = &r->diags[i];
        fprintf(out, "| %s | %llu | %llu | ",
                d->severity == SV_SEVERITY_ERROR ? "error" : "warning",
                (unsigned long long)d->line,
                (unsigned long long)(d->char_column ? d->char_column
                                                    : d->column));
        markdown_cell(out, sv_diag_name(d->code));
        fputs(" | ", out);
        markdown_cell(out, cli_pointer(d->pointer));
        fputs(" | ", out);
        char ctx[512];
        markdown_cell(out, cli_context(r, d, ctx, sizeof ctx));
        markdown_cell(out, d->message);
        fputs(" |\n", out);
    }
    if (r->stats.suppressed)
        fprintf(out, "\n%llu more diagnostic%s not shown (--max-errors).\n",
                (unsigned long long)r->stats.suppressed,
                r->stats.suppressed == 1 ? "" : "s");
}
