/*
 * main.c - sessval [OPTIONS] [FILE|DIR|-]...
 *
 * Exit status: 0 every input valid (warnings allowed unless --strict),
 * 1 some input invalid, 2 usage or I/O error.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char usage_text[] =
    "usage: sessval [OPTIONS] [FILE|-]...\n"
    "\n"
    "Validate captured Veeam Backup for Microsoft Azure jobSessions\n"
    "responses (GET /api/v1/jobSessions, /jobSessions/{id}, .../log).\n"
    "With no FILE, or when FILE is -, read standard input.\n"
    "\n"
    "  --kind=auto|page|session|log  what each document is (default auto)\n"
    "  --multi[=ndjson]      several top-level values per input\n"
    "  --strict              warnings count as errors\n"
    "  --max-errors=N        diagnostics shown per input (default 50, 0 = all)\n"
    "  --format=text|json    diagnostic format (default text)\n"
    "  --color=auto|always|never\n"
    "  --quiet               no output; the exit status tells\n"
    "  --no-duplicate-ids    do not check ids for duplicates (saves memory)\n"
    "  --explain [CODE]      explain a diagnostic code, or list them\n"
    "  --help                this text\n"
    "  --version             the version\n"
    "\n"
    "Exit status: 0 valid, 1 invalid, 2 usage or I/O error.\n";

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2), noreturn))
#endif
static void usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "sessval: ");
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'sessval --help' for more information.\n");
    exit(2);
}

/* "--name=value" or "--name value": the value, or NULL when arg is not
 * this option. */
static const char *opt_value(int argc, char **argv, int *i, const char *name)
{
    size_t n = strlen(name);
    const char *a = argv[*i];
    if (strncmp(a, name, n) != 0)
        return NULL;
    if (a[n] == '=')
        return a + n + 1;
    if (a[n] != '\0')
        return NULL;
    if (*i + 1 >= argc)
        usage_error("option '%s' needs a value", name);
    return argv[++*i];
}

static uint64_t parse_count(const char *v, const char *name)
{
    char *end;
    errno = 0;
    unsigned long long n = strtoull(v, &end, 10);
    if (errno || end == v || *end || v[0] == '-')
        usage_error("invalid number for %s", name);
    return n;
}

int main(int argc, char **argv)
{
    cli_opts o;
    memset(&o, 0, sizeof o);
    sv_options_init(&o.lib);
    o.format = FMT_TEXT;
    o.max_errors = 50;
    o.jobs = 1;
    int color = -1; /* auto */
    const char **inputs = calloc((size_t)argc + 1, sizeof *inputs);
    int ninputs = 0, only_files = 0;
    if (!inputs)
        return 2;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
            inputs[ninputs++] = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_files = 1;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(usage_text, stdout);
            return 0;
        } else if (strcmp(a, "--version") == 0) {
            printf("sessval %s\n", sv_version());
            return 0;
        } else if (strncmp(a, "--explain", 9) == 0 &&
                   (a[9] == '\0' || a[9] == '=')) {
            const char *code = a[9] == '=' ? a + 10
                               : i + 1 < argc && argv[i + 1][0] != '-'
                                   ? argv[++i]
                                   : NULL;
            return cli_explain(stdout, code);
        } else if ((v = opt_value(argc, argv, &i, "--kind"))) {
            if (strcmp(v, "auto") == 0)
                o.lib.kind = SV_KIND_AUTO;
            else if (strcmp(v, "page") == 0)
                o.lib.kind = SV_KIND_PAGE;
            else if (strcmp(v, "session") == 0)
                o.lib.kind = SV_KIND_SESSION;
            else if (strcmp(v, "log") == 0)
                o.lib.kind = SV_KIND_LOG;
            else
                usage_error("invalid --kind '%s' (auto, page, session, log)",
                            v);
        } else if (strcmp(a, "--multi") == 0) {
            o.lib.multi = SV_MULTI_ANY;
        } else if (strcmp(a, "--multi=ndjson") == 0) {
            o.lib.multi = SV_MULTI_NDJSON;
        } else if (strcmp(a, "--strict") == 0) {
            o.lib.strict = true;
        } else if (strcmp(a, "--no-duplicate-ids") == 0) {
            o.lib.duplicate_ids = false;
        } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
            o.quiet = 1;
        } else if ((v = opt_value(argc, argv, &i, "--max-errors"))) {
            o.max_errors = parse_count(v, "--max-errors");
        } else if ((v = opt_value(argc, argv, &i, "--format"))) {
            if (strcmp(v, "text") == 0)
                o.format = FMT_TEXT;
            else if (strcmp(v, "json") == 0)
                o.format = FMT_JSON;
            else
                usage_error("invalid --format '%s' (text, json)", v);
        } else if ((v = opt_value(argc, argv, &i, "--color"))) {
            if (strcmp(v, "auto") == 0)
                color = -1;
            else if (strcmp(v, "always") == 0)
                color = 1;
            else if (strcmp(v, "never") == 0)
                color = 0;
            else
                usage_error("invalid --color '%s' (auto, always, never)", v);
        } else {
            usage_error("unknown option '%s'", a);
        }
    }
    if (ninputs == 0)
        inputs[ninputs++] = "-";
    if (color < 0) {
        const char *nc = getenv("NO_COLOR");
        color = isatty(1) && !(nc && nc[0]);
    }
    o.color = color;

    int worst = 0;
    cli_report total;
    memset(&total, 0, sizeof total);
    for (int i = 0; i < ninputs; i++) {
        cli_report r;
        memset(&r, 0, sizeof r);
        r.name = inputs[i];
        cli_run(&o, &r);
        if (!o.quiet) {
            if (o.format == FMT_JSON)
                json_report(stdout, &r);
            else
                text_report(stdout, &o, &r);
            if (o.format == FMT_TEXT || r.io_error)
                text_summary(stderr, &r);
        }
        int rc = r.io_error ? 2 : cli_report_invalid(&r) ? 1 : 0;
        if (rc > worst)
            worst = rc;
        cli_report_free(&r);
    }
    fflush(stdout);
    free(inputs);
    return worst;
}
