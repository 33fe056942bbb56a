/*
 * text.c - the human format: one compiler-style line per diagnostic
 * (FILE:LINE:COL: error: POINTER: MESSAGE [CODE]), then the source line and
 * a caret under the column.  Long lines (minified captures) show a window
 * of about 80 columns around the caret, cut with "…".  The bytes of the
 * excerpt were taken while the input streamed (run.c).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

const char *cli_pointer(const char *p)
{
    return p[0] ? p : "(root)";
}

const char *cli_context(const cli_report *r, const cli_diag *d, char *buf,
                        size_t n)
{
    if (!d->context) {
        buf[0] = '\0';
        return buf;
    }
    /* inside a HAR entry the position is that of its content.text: the
     * payload's own line and column say where in the text */
    if (r->input == SV_INPUT_HAR && d->payload_line)
        snprintf(buf, n, "%s (payload %llu:%llu): ", d->context,
                 (unsigned long long)d->payload_line,
                 (unsigned long long)d->payload_column);
    else
        snprintf(buf, n, "%s: ", d->context);
    return buf;
}

const char *cli_where(const cli_report *r, const cli_diag *d, char *buf,
                      size_t n)
{
    cli_context(r, d, buf, n);
    if (d->payload_line) {
        size_t k = strlen(buf);
        snprintf(buf + k, n - k, "%s: ", cli_pointer(d->pointer));
    }
    return buf;
}

/* The length of the well-formed UTF-8 sequence at s[0, n) (RFC 3629:
 * no overlong form, no surrogate, nothing past U+10FFFF), or 0. */
static size_t u8_seq(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    size_t len = c >= 0xC2 && c <= 0xDF   ? 2
                 : c >= 0xE0 && c <= 0xEF ? 3
                 : c >= 0xF0 && c <= 0xF4 ? 4
                                          : 0;
    if (len == 0 || n < len)
        return 0;
    unsigned lo = 0x80, hi = 0xBF; /* the second byte's range */
    if (c == 0xE0)
        lo = 0xA0;
    else if (c == 0xED)
        hi = 0x9F;
    else if (c == 0xF0)
        lo = 0x90;
    else if (c == 0xF4)
        hi = 0x8F;
    if (s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    return len;
}

/* Display width of s[0, n): one column per character, and one per byte
 * that is not UTF-8 (shown as '?'). */
static size_t width(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t w = 0;
    for (size_t i = 0; i < n; w++) {
        size_t k = u8_seq(u + i, n - i);
        i += k ? k : 1;
    }
    return w;
}

static void excerpt(FILE *out, const cli_opts *o, const cli_report *r,
                    const cli_diag *d)
{
    if (d->excerpt_state != EXCERPT_DONE ||
        d->offset < d->excerpt_from ||
        d->offset > d->excerpt_from + d->excerpt_len)
        return;
    const char *buf = d->excerpt;
    size_t n = d->excerpt_len;
    uint64_t first = d->excerpt_from;
    uint64_t line_start = d->offset - (d->column - 1);
    /* do not cut a UTF-8 sequence at either edge */
    size_t skip = 0, bom = 0;
    /* a skipped byte-order mark is no column of the text */
    if (r->encoding == SV_ENCODING_UTF8_BOM && first == 0 && n >= 3 &&
        memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        skip = bom = 3;
    while (skip < n && ((unsigned char)buf[skip] & 0xC0) == 0x80 &&
           first + skip < d->offset)
        skip++;
    int cut_left = first + (skip - bom) > line_start;
    int cut_right = d->excerpt_more;
    if (cut_right) {
        size_t k = n;
        while (k > 0 && ((unsigned char)buf[k - 1] & 0xC0) == 0x80)
            k--;
        /* k-1 is the lead byte of the last sequence (or ASCII) */
        if (k > 0 && ((unsigned char)buf[k - 1] & 0xC0) == 0xC0) {
            unsigned char lead = (unsigned char)buf[k - 1];
            size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
            if (n - (k - 1) < need)
                n = k - 1;
        }
    }
    char lineno[32];
    int lw = snprintf(lineno, sizeof lineno, "%llu",
                      (unsigned long long)d->line);
    fprintf(out, " %s | %s", lineno, cut_left ? "\xE2\x80\xA6" : "");
    /* control bytes and bytes that are not UTF-8 as '?': the line may be
     * anything (a binary file, a broken encoding), the terminal gets text */
    const unsigned char *u = (const unsigned char *)buf;
    for (size_t i = skip; i < n;) {
        unsigned char c = u[i];
        size_t k = u8_seq(u + i, n - i);
        if (k > 1) {
            fwrite(u + i, 1, k, out);
            i += k;
            continue;
        }
        fputc(c == '\t' ? ' ' : (k == 0 || c < 0x20 || c == 0x7F ? '?' : c),
              out);
        i++;
    }
    fprintf(out, "%s\n", cut_right ? "\xE2\x80\xA6" : "");
    size_t col = d->offset >= first + skip
                     ? width(buf + skip, (size_t)(d->offset - first - skip))
                     : 0;
    fprintf(out, " %*s | %*s%s^%s\n", lw, "", (int)(col + (cut_left ? 1 : 0)),
            "", o->color ? "\033[1;32m" : "", o->color ? "\033[0m" : "");
}

void text_note(FILE *out, const cli_report *r)
{
    if (r->stats.suppressed)
        fprintf(out,
                "%s: note: %llu more diagnostic%s not shown (--max-errors)\n",
                r->name, (unsigned long long)r->stats.suppressed,
                r->stats.suppressed == 1 ? "" : "s");
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
        char where[768];
        fprintf(out, "%s%s:%llu:%llu:%s %s%s:%s %s%s [%s]\n", cb, r->name,
                (unsigned long long)d->line, (unsigned long long)d->column,
                c0, c1, sev, c0, cli_where(r, d, where, sizeof where),
                d->message, sv_diag_name(d->code));
        excerpt(out, o, r, d);
    }
    text_note(out, r);
}

static const char *plural(uint64_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

void text_summary(FILE *err, const cli_report *r)
{
    if (r->io_error) {
        fprintf(err, "%s: %s: %s\n", r->name,
                r->io_what ? r->io_what : "cannot read",
                strerror(r->io_error));
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
