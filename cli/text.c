/*
 * text.c - the human format: one compiler-style line per diagnostic
 * (FILE:LINE:COL: error: POINTER: MESSAGE [CODE]), then the source line and
 * a caret under the column.  Long lines (minified captures) show a window
 * of about 80 columns around the caret, cut with "…".
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#define EXCERPT_BEFORE 40
#define EXCERPT_AFTER 40

size_t cli_read_line(const cli_report *r, uint64_t line_start, uint64_t off,
                     char *buf, size_t n, uint64_t *first)
{
    /* bytes from max(line_start, off - BEFORE) up to n */
    uint64_t from = line_start;
    if (off > line_start + EXCERPT_BEFORE)
        from = off - EXCERPT_BEFORE;
    *first = from;
    size_t got = 0;
    if (strcmp(r->name, "-") == 0) {
        if (!r->window || from < r->window_off)
            return 0;
        uint64_t k = from - r->window_off;
        if (k >= r->window_len)
            return 0;
        got = r->window_len - (size_t)k < n ? r->window_len - (size_t)k : n;
        memcpy(buf, r->window + k, got);
    } else {
        int fd = open(r->name, O_RDONLY);
        if (fd < 0)
            return 0;
        ssize_t g = pread(fd, buf, n, (off_t)from);
        close(fd);
        if (g <= 0)
            return 0;
        got = (size_t)g;
    }
    for (size_t i = 0; i < got; i++)
        if (buf[i] == '\n' || buf[i] == '\r')
            return i;
    return got;
}

/* Display width of the bytes [0, n) of an excerpt: UTF-8 continuation
 * bytes take no column, tabs are shown as one space. */
static size_t width(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            w++;
    return w;
}

static void excerpt(FILE *out, const cli_opts *o, const cli_report *r,
                    const cli_diag *d)
{
    char buf[EXCERPT_BEFORE + EXCERPT_AFTER + 8];
    uint64_t first;
    if (d->column == 0 || d->offset + 1 < d->column)
        return;
    uint64_t line_start = d->offset - (d->column - 1);
    size_t n = cli_read_line(r, line_start, d->offset, buf,
                             EXCERPT_BEFORE + EXCERPT_AFTER, &first);
    if (n == 0 && d->offset != first)
        return;
    /* do not cut a UTF-8 sequence at the left edge */
    size_t skip = 0;
    while (skip < n && ((unsigned char)buf[skip] & 0xC0) == 0x80 &&
           first + skip < d->offset)
        skip++;
    int cut_left = first + skip > line_start;
    int cut_right = n == EXCERPT_BEFORE + EXCERPT_AFTER;
    while (cut_right && n > 0 && ((unsigned char)buf[n - 1] & 0xC0) == 0x80)
        n--;
    if (cut_right && n > 0 && ((unsigned char)buf[n - 1] & 0xC0) == 0xC0)
        n--;
    char lineno[32];
    int lw = snprintf(lineno, sizeof lineno, "%llu",
                      (unsigned long long)d->line);
    fprintf(out, " %s | %s", lineno, cut_left ? "\xE2\x80\xA6" : "");
    for (size_t i = skip; i < n; i++) {
        unsigned char c = (unsigned char)buf[i];
        fputc(c == '\t' ? ' ' : (c < 0x20 ? '?' : c), out);
    }
    fprintf(out, "%s\n", cut_right ? "\xE2\x80\xA6" : "");
    size_t col = d->offset >= first + skip
                     ? width(buf + skip, (size_t)(d->offset - first - skip))
                     : 0;
    fprintf(out, " %*s | %*s%s^%s\n", lw, "", (int)(col + (cut_left ? 1 : 0)),
            "", o->color ? "\033[1;32m" : "", o->color ? "\033[0m" : "");
}

void text_report(FILE *out, const cli_opts *o, const cli_report *r)
{
    if (r->io_error)
        return;
    for (size_t i = 0; i < r->ndiags; i++) {
        const cli_diag *d = &r->diags[i];
        int err = d->severity == SV_SEVERITY_ERROR;
        const char *sev = err ? "error" : "warning";
        const char *c1 = "", *c0 = "", *cb = "";
        if (o->color) {
            c1 = err ? "\033[1;31m" : "\033[1;35m";
            c0 = "\033[0m";
            cb = "\033[1m";
        }
        fprintf(out, "%s%s:%llu:%llu:%s %s%s:%s %s%s: %s [%s]\n", cb, r->name,
                (unsigned long long)d->line, (unsigned long long)d->column,
                c0, c1, sev, c0, d->pointer[0] ? d->pointer : "(root)",
                "", d->message, sv_diag_name(d->code));
        excerpt(out, o, r, d);
    }
    if (r->stats.suppressed)
        fprintf(out,
                "%s: note: %llu more diagnostic%s not shown (--max-errors)\n",
                r->name, (unsigned long long)r->stats.suppressed,
                r->stats.suppressed == 1 ? "" : "s");
}

static const char *plural(uint64_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

void text_summary(FILE *err, const cli_report *r)
{
    if (r->io_error) {
        fprintf(err, "%s: cannot read: %s\n", r->name, strerror(r->io_error));
        return;
    }
    const sv_stats *s = &r->stats;
    const char *verdict = cli_report_invalid(r) ? "invalid" : "valid";
    fprintf(err,
            "%s: %s: %llu %s, %llu %s, %llu %s, %llu %s (%llu bytes, "
            "%.1f ms)\n",
            r->name, verdict, (unsigned long long)s->pages,
            plural(s->pages, "page", "pages"),
            (unsigned long long)s->sessions,
            plural(s->sessions, "session", "sessions"),
            (unsigned long long)s->errors,
            plural(s->errors, "error", "errors"),
            (unsigned long long)s->warnings,
            plural(s->warnings, "warning", "warnings"),
            (unsigned long long)s->bytes, r->seconds * 1e3);
}
