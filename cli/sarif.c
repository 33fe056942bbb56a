/*
 * sarif.c - one SARIF 2.1.0 log for the whole run, written as the inputs
 * complete (the results array is streamed; nothing is held but the tool
 * notifications).
 *
 * Shape: one run; tool.driver names sessval, its version and a rule per
 * diagnostic code (SV_DIAG_MAP order, so ruleIndex is the code's value);
 * each result has ruleId, level, message.text ("POINTER: MESSAGE"), a
 * physical location (artifact URI relative to %SRCROOT%, the working
 * directory, when the file lies under it; startLine, startColumn and
 * byteOffset) and the JSON Pointer as a logical location.  SARIF counts
 * columns in UTF-16 code units unless told otherwise: run.columnKind says
 * "unicodeCodePoints", and startColumn counts code points (run.c).
 * Unreadable inputs and --max-errors cuts are tool notifications of the
 * invocation, whose executionSuccessful is false after an I/O error.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#define SARIF_SCHEMA                                                          \
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"     \
    "sarif-schema-2.1.0.json"
#define INFORMATION_URI "https://github.com/sessval/sessval"

struct sarif_state {
    FILE *out;
    uint64_t results;
    char *notes;      /* toolExecutionNotifications, comma-separated */
    size_t notes_len;
    FILE *notes_f;
    int io_errors;
};

/* ------------------------------------------------------------- paths */

static char *cwd_cache;

static const char *cwd(void)
{
    if (!cwd_cache) {
        size_t n = 256;
        for (;;) {
            char *b = malloc(n);
            if (!b)
                return "/";
            if (getcwd(b, n)) {
                cwd_cache = b;
                break;
            }
            free(b);
            if (errno != ERANGE)
                return "/";
            n *= 2;
        }
    }
    return cwd_cache;
}

/* Resolve "." and ".." lexically in an absolute path, in place. */
static void normalize(char *p)
{
    char *out = p, *in = p;
    while (*in) {
        while (*in == '/')
            in++;
        if (!*in)
            break;
        char *end = strchr(in, '/');
        size_t n = end ? (size_t)(end - in) : strlen(in);
        if (n == 1 && in[0] == '.') {
            /* skip */
        } else if (n == 2 && in[0] == '.' && in[1] == '.') {
            while (out > p && *--out != '/')
                ;
        } else {
            *out++ = '/';
            memmove(out, in, n);
            out += n;
        }
        in += n;
    }
    if (out == p)
        *out++ = '/';
    *out = '\0';
}

static char *absolute(const char *name)
{
    const char *base = name[0] == '/' ? "" : cwd();
    size_t b = strlen(base), n = strlen(name);
    char *p = malloc(b + n + 2);
    if (!p)
        return NULL;
    memcpy(p, base, b);
    p[b] = '/';
    memcpy(p + b + 1, name, n + 1);
    normalize(p);
    return p;
}

char *cli_relative_path(const char *name)
{
    if (strcmp(name, "-") == 0)
        return NULL;
    char *abs = absolute(name);
    char *root = absolute(".");
    char *rel = NULL;
    if (abs && root) {
        size_t n = strlen(root);
        const char *tail = NULL;
        if (strcmp(root, "/") == 0)
            tail = abs + 1;
        else if (strncmp(abs, root, n) == 0 && abs[n] == '/')
            tail = abs + n + 1;
        if (tail && *tail) {
            size_t k = strlen(tail) + 1;
            rel = malloc(k);
            if (rel)
                memcpy(rel, tail, k);
        }
    }
    free(abs);
    free(root);
    return rel;
}

/* Bytes other than RFC 3986 unreserved characters and '/' as %XX. */
static void uri_path(FILE *out, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
            (c >= '0' && c <= '9') || strchr("-._~/", c))
            fputc(c, out);
        else
            fprintf(out, "%%%c%c", hex[c >> 4], hex[c & 15]);
    }
}

static void artifact(FILE *out, const char *name)
{
    fputs("{\"uri\":\"", out);
    if (strcmp(name, "-") == 0) {
        fputs("stdin\"}", out);
        return;
    }
    char *rel = cli_relative_path(name);
    if (rel) {
        uri_path(out, rel);
        fputs("\",\"uriBaseId\":\"%SRCROOT%\"}", out);
        free(rel);
        return;
    }
    char *abs = absolute(name);
    fputs("file://", out);
    uri_path(out, abs ? abs : name);
    fputs("\"}", out);
    free(abs);
}

/* ------------------------------------------------------------- the log */

static void jstr(FILE *out, const char *s)
{
    json_string(out, s, strlen(s));
}

static const char *level(sv_severity s)
{
    return s == SV_SEVERITY_ERROR ? "error" : "warning";
}

/* Rule names for the codes of one word, whose Pascal case would only
 * capitalise the id (SARIF1001: a rule's name must differ from its id). */
static const char *rule_name(sv_diag_code c)
{
    switch (c) {
    case SV_DIAG_SYNTAX:
        return "InvalidJsonSyntax";
    case SV_DIAG_TRUNCATED:
        return "TruncatedInput";
    case SV_DIAG_BOM:
        return "Utf8ByteOrderMark";
    case SV_DIAG_UTF16:
        return "Utf16Input";
    case SV_DIAG_HAR:
        return "InvalidHarArchive";
    default:
        return NULL;
    }
}

sarif_state *sarif_begin(FILE *out)
{
    sarif_state *s = calloc(1, sizeof *s);
    if (!s) {
        perror("sessval");
        exit(2);
    }
    s->out = out;
    s->notes_f = open_memstream(&s->notes, &s->notes_len);
    if (!s->notes_f) {
        perror("sessval");
        exit(2);
    }
    fputs("{\n  \"$schema\": \"" SARIF_SCHEMA "\",\n"
          "  \"version\": \"2.1.0\",\n"
          "  \"runs\": [\n    {\n      \"tool\": {\n        \"driver\": {\n"
          "          \"name\": \"sessval\",\n",
          out);
    fprintf(out,
            "          \"version\": \"%s\",\n"
            "          \"semanticVersion\": \"%s\",\n"
            "          \"informationUri\": \"" INFORMATION_URI "\",\n"
            "          \"rules\": [\n",
            sv_version(), sv_version());
    for (int c = 0; c < SV_DIAG__COUNT; c++) {
        const char *meaning, *example, *fix;
        cli_explain_text((sv_diag_code)c, &meaning, &example, &fix);
        const char *id = sv_diag_name((sv_diag_code)c);
        fputs("            {\"id\":", out);
        jstr(out, id);
        /* the friendly name SARIF asks for (3.49.7): the code in Pascal
         * case, "type-mismatch" -> "TypeMismatch", or a longer name where
         * that would only capitalise the id (the name must differ from
         * it); help at the code's entry of the README's catalogue (its
         * heading is the code) */
        fputs(",\"name\":\"", out);
        const char *name = rule_name((sv_diag_code)c);
        if (name)
            fputs(name, out);
        else
            for (const char *q = id; *q; q++)
                if (*q != '-')
                    fputc(q == id || q[-1] == '-'
                              ? toupper((unsigned char)*q)
                              : *q,
                          out);
        fprintf(out, "\",\"helpUri\":\"" INFORMATION_URI "#%s\"", id);
        fputs(",\"shortDescription\":{\"text\":", out);
        jstr(out, sv_diag_summary((sv_diag_code)c));
        fputs("},\"fullDescription\":{\"text\":", out);
        jstr(out, meaning);
        fputs("},\"help\":{\"text\":", out);
        size_t n = strlen(example) + strlen(fix) + 32;
        char *help = malloc(n);
        if (help) {
            snprintf(help, n, "Example: %s\nFix: %s", example, fix);
            jstr(out, help);
            free(help);
        } else {
            jstr(out, fix);
        }
        fprintf(out, "},\"defaultConfiguration\":{\"level\":\"%s\"}}%s\n",
                level(sv_diag_default_severity((sv_diag_code)c)),
                c + 1 < SV_DIAG__COUNT ? "," : "");
    }
    fputs("          ]\n        }\n      },\n"
          "      \"originalUriBaseIds\": {\"%SRCROOT%\": {\"uri\": \"file://",
          out);
    uri_path(out, cwd());
    fputs(strcmp(cwd(), "/") == 0 ? "\"}},\n" : "/\"}},\n", out);
    fputs("      \"columnKind\": \"unicodeCodePoints\",\n"
          "      \"results\": [",
          out);
    return s;
}

static void note(sarif_state *s, const char *lvl, const cli_report *r,
                 const char *text)
{
    FILE *f = s->notes_f;
    if (ftell(f) > 0)
        fputs(",\n", f);
    fprintf(f, "          {\"level\":\"%s\",\"message\":{\"text\":", lvl);
    jstr(f, text);
    fputs("},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":",
          f);
    artifact(f, r->name);
    fputs("}}]}", f);
}

void sarif_report(sarif_state *s, const cli_report *r)
{
    FILE *out = s->out;
    char text[512];
    if (r->io_error) {
        snprintf(text, sizeof text, "%s: %s: %s", r->name,
                 r->io_what ? r->io_what : "cannot read",
                 strerror(r->io_error));
        note(s, "error", r, text);
        s->io_errors++;
        return;
    }
    for (size_t i = 0; i < r->ndiags; i++) {
        const cli_diag *d = &r->diags[i];
        fputs(s->results++ ? ",\n        " : "\n        ", out);
        fprintf(out, "{\"ruleId\":\"%s\",\"ruleIndex\":%d,\"level\":\"%s\","
                     "\"message\":{\"text\":",
                sv_diag_name(d->code), (int)d->code, level(d->severity));
        char where[768];
        cli_where(r, d, where, sizeof where);
        size_t n = strlen(where) + strlen(d->message) + 1;
        char *msg = malloc(n);
        if (!msg) {
            perror("sessval");
            exit(2);
        }
        snprintf(msg, n, "%s%s", where, d->message);
        jstr(out, msg);
        free(msg);
        fputs("},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":",
              out);
        artifact(out, r->name);
        fprintf(out,
                ",\"region\":{\"startLine\":%llu,\"startColumn\":%llu,"
                "\"byteOffset\":%llu}},\"logicalLocations\":[{"
                "\"fullyQualifiedName\":",
                (unsigned long long)d->line,
                (unsigned long long)(d->char_column ? d->char_column
                                                    : d->column),
                (unsigned long long)d->offset);
        json_string(out, d->pointer, d->pointer_len);
        fputs(",\"kind\":\"element\"}]}]}", out);
    }
    if (r->stats.suppressed) {
        snprintf(text, sizeof text,
                 "%s: %llu more diagnostic%s not shown (--max-errors)",
                 r->name, (unsigned long long)r->stats.suppressed,
                 r->stats.suppressed == 1 ? "" : "s");
        note(s, "note", r, text);
    }
}

void sarif_end(sarif_state *s, int exit_status)
{
    FILE *out = s->out;
    fclose(s->notes_f);
    fputs(s->results ? "\n      ],\n" : "],\n", out);
    fprintf(out,
            "      \"invocations\": [\n        {\n"
            "          \"executionSuccessful\": %s,\n"
            "          \"exitCode\": %d,\n"
            "          \"toolExecutionNotifications\": [%s%s%s]\n"
            "        }\n      ]\n    }\n  ]\n}\n",
            s->io_errors ? "false" : "true", exit_status,
            s->notes_len ? "\n" : "", s->notes ? s->notes : "",
            s->notes_len ? "\n          " : "");
    free(s->notes);
    free(s);
    free(cwd_cache);
    cwd_cache = NULL;
}
