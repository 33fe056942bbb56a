/*
 * formats.c - machine formats of diagnostics.
 *
 * json: one object per diagnostic per line, members exactly
 *   file, severity, code, pointer, offset, line, column, message.
 */
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
        json_string(out, d->pointer, strlen(d->pointer));
        fprintf(out, ",\"offset\":%llu,\"line\":%llu,\"column\":%llu,"
                     "\"message\":",
                (unsigned long long)d->offset, (unsigned long long)d->line,
                (unsigned long long)d->column);
        json_string(out, d->message, strlen(d->message));
        fputs("}\n", out);
    }
}
