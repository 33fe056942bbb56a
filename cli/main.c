/*
 * main.c - sessval [OPTIONS] [FILE|DIR|-]...
 *
 * Options and usage errors; the work is in jobs.c (running the inputs) and
 * output.c (printing the reports).
 *
 * Exit status: 0 every input valid (warnings allowed unless --strict),
 * 1 some input invalid, 2 usage or I/O error (2 wins over 1).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* Keep in step with cli/sessval.1 (tests/cli checks that every option
 * here is documented there). */
static const char usage_text[] =
    "usage: sessval [OPTIONS] [FILE|DIR|-]...\n"
    "\n"
    "Validate captured Veeam Backup for Microsoft Azure jobSessions\n"
    "responses (GET /api/v1/jobSessions, /jobSessions/{id}, .../log)\n"
    "against the documented contract.  Directories are searched\n"
    "recursively for *.json, *.ndjson, *.har and *.http files.  With no\n"
    "FILE, or when FILE is -, read standard input.\n"
    "\n"
    "Input:\n"
    "  --kind=auto|page|session|log  what each document is (default auto)\n"
    "  --multi[=ndjson]      several top-level values per input; =ndjson:\n"
    "                        one per line (implied for *.ndjson files)\n"
    "  --strict              warnings count as errors\n"
    "  --api=v1|v8|auto      the API contract: v1 (default) or v8.1;\n"
    "                        auto: from a capture's URL, else v1\n"
    "  --input=auto|json|http|har  what each input is (default auto:\n"
    "                        from its first bytes): JSON, HTTP responses\n"
    "                        (curl -i, curl -D -), or a HAR 1.2 archive\n"
    "  --pages               the inputs are successive pages of one\n"
    "                        listing: also check offsets, totalCount,\n"
    "                        limit and ids across them\n"
    "  --no-duplicate-ids    do not check session ids for duplicates\n"
    "                        (memory then stays flat on huge pages)\n"
    "\n"
    "Output:\n"
    "  --format=text|json|sarif|github  diagnostic format (default text)\n"
    "  --max-errors=N        diagnostics shown per input (default 50,\n"
    "                        0 = all)\n"
    "  --color=auto|always|never  colours in text output (default auto)\n"
    "  -q, --quiet           no output at all; the exit status tells\n"
    "  --extract=ndjson|csv  write every session record to standard\n"
    "                        output; diagnostics go to standard error\n"
    "  -j, --jobs=N          validate N inputs at once (default 1,\n"
    "                        0 = one per CPU); output keeps argument order\n"
    "\n"
    "Information:\n"
    "  --explain [CODE]      explain a diagnostic code, or list them all\n"
    "  -h, --help            this text\n"
    "  --version             the version\n"
    "\n"
    "Exit status: 0 every input valid, 1 some input invalid, 2 usage or\n"
    "I/O error.  See sessval(1).\n";

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

/* "--name=value" or "--name value" (and "-x value", "-xvalue" for a short
 * alias): the value, or NULL when arg is not this option. */
static const char *opt_value(int argc, char **argv, int *i, const char *name,
                             const char *alias)
{
    const char *a = argv[*i];
    size_t n = strlen(name);
    if (strncmp(a, name, n) == 0 && (a[n] == '=' || a[n] == '\0')) {
        if (a[n] == '=')
            return a + n + 1;
    } else if (alias && strncmp(a, alias, 2) == 0) {
        if (a[2] != '\0')
            return a + 2;
    } else {
        return NULL;
    }
    if (*i + 1 >= argc)
        usage_error("option '%s' needs a value", name);
    return argv[++*i];
}

static uint64_t parse_count(const char *v, const char *name, uint64_t max)
{
    char *end;
    errno = 0;
    unsigned long long n = strtoull(v, &end, 10);
    if (errno || end == v || *end || v[0] == '-' || v[0] == '+' ||
        n > max)
        usage_error("invalid value '%s' for %s (a number from 0 to %llu)",
                    v, name, (unsigned long long)max);
    return n;
}

static int env_set(const char *name)
{
    const char *v = getenv(name);
    return v && v[0] && strcmp(v, "false") != 0 && strcmp(v, "0") != 0;
}

static int dumb_terminal(void)
{
    const char *t = getenv("TERM");
    return t && strcmp(t, "dumb") == 0;
}

int main(int argc, char **argv)
{
    cli_opts o;
    memset(&o, 0, sizeof o);
    sv_options_init(&o.lib);
    o.format = FMT_TEXT;
    o.max_errors = 50;
    o.jobs = 1;
    o.read_size = CLI_READ_SIZE;
    int color = -1; /* auto */
    const char **args = calloc((size_t)argc + 1, sizeof *args);
    int nargs = 0, only_files = 0;
    if (!args)
        return 2;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
            args[nargs++] = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_files = 1;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            free(args);
            fputs(usage_text, stdout);
            cli_check_write(stdout, "standard output");
            return 0;
        } else if (strcmp(a, "--version") == 0) {
            free(args);
            printf("sessval %s\n", sv_version());
            cli_check_write(stdout, "standard output");
            return 0;
        } else if (strncmp(a, "--explain", 9) == 0 &&
                   (a[9] == '\0' || a[9] == '=')) {
            const char *code = a[9] == '=' ? a + 10
                               : i + 1 < argc && argv[i + 1][0] != '-'
                                   ? argv[++i]
                                   : NULL;
            free(args);
            int rc = cli_explain(stdout, code);
            cli_check_write(stdout, "standard output");
            return rc;
        } else if ((v = opt_value(argc, argv, &i, "--kind", NULL))) {
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
            o.multi_given = 1;
        } else if (strncmp(a, "--multi=", 8) == 0) {
            if (strcmp(a + 8, "ndjson") != 0)
                usage_error("invalid --multi '%s' (--multi or "
                            "--multi=ndjson)",
                            a + 8);
            o.lib.multi = SV_MULTI_NDJSON;
            o.multi_given = 1;
        } else if (strcmp(a, "--strict") == 0) {
            o.lib.strict = true;
        } else if ((v = opt_value(argc, argv, &i, "--api", NULL))) {
            /* auto: the capture chooses per HAR entry from its URL
             * (/api/v1/ or /api/v8.1/); what has no URL (plain JSON, HTTP
             * responses) stays v1 */
            if (strcmp(v, "v1") == 0)
                o.lib.api = SV_API_V1;
            else if (strcmp(v, "auto") == 0)
                o.lib.api = SV_API_AUTO;
            else if (strcmp(v, "v8") == 0)
                o.lib.api = SV_API_V8;
            else
                usage_error("invalid --api '%s' (v1, v8, auto)", v);
        } else if ((v = opt_value(argc, argv, &i, "--input", NULL))) {
            if (strcmp(v, "auto") == 0)
                o.lib.input = SV_INPUT_AUTO;
            else if (strcmp(v, "json") == 0)
                o.lib.input = SV_INPUT_JSON;
            else if (strcmp(v, "http") == 0)
                o.lib.input = SV_INPUT_HTTP;
            else if (strcmp(v, "har") == 0)
                o.lib.input = SV_INPUT_HAR;
            else
                usage_error("invalid --input '%s' (auto, json, http, har)",
                            v);
        } else if (strcmp(a, "--pages") == 0) {
            o.pages = 1;
        } else if (strcmp(a, "--no-duplicate-ids") == 0) {
            o.lib.duplicate_ids = false;
        } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
            o.quiet = 1;
        } else if ((v = opt_value(argc, argv, &i, "--max-errors", NULL))) {
            o.max_errors = parse_count(v, "--max-errors", UINT32_MAX);
        } else if ((v = opt_value(argc, argv, &i, "--jobs", "-j"))) {
            o.jobs = (unsigned)parse_count(v, "--jobs", 256);
            if (o.jobs == 0) {
                long n = sysconf(_SC_NPROCESSORS_ONLN);
                o.jobs = n > 0 ? (unsigned)(n < 256 ? n : 256) : 1;
            }
        } else if ((v = opt_value(argc, argv, &i, "--format", NULL))) {
            if (strcmp(v, "text") == 0)
                o.format = FMT_TEXT;
            else if (strcmp(v, "json") == 0)
                o.format = FMT_JSON;
            else if (strcmp(v, "sarif") == 0)
                o.format = FMT_SARIF;
            else if (strcmp(v, "github") == 0)
                o.format = FMT_GITHUB;
            else
                usage_error("invalid --format '%s' (text, json, sarif, "
                            "github)",
                            v);
        } else if ((v = opt_value(argc, argv, &i, "--extract", NULL))) {
            if (strcmp(v, "ndjson") == 0)
                o.extract = EXTRACT_NDJSON;
            else if (strcmp(v, "csv") == 0)
                o.extract = EXTRACT_CSV;
            else
                usage_error("invalid --extract '%s' (ndjson, csv)", v);
        } else if ((v = opt_value(argc, argv, &i, "--color", NULL))) {
            if (strcmp(v, "auto") == 0)
                color = -1;
            else if (strcmp(v, "always") == 0)
                color = 1;
            else if (strcmp(v, "never") == 0)
                color = 0;
            else
                usage_error("invalid --color '%s' (auto, always, never)", v);
        } else if ((v = opt_value(argc, argv, &i, "--read-size", NULL))) {
            /* testing aid (sessval(1), TESTING): output must not depend
             * on how the input is cut into reads */
            if (strncmp(v, "random:", 7) == 0) {
                o.read_random = 1;
                o.read_seed = parse_count(v + 7, "--read-size=random:",
                                          UINT64_MAX);
            } else {
                o.read_size =
                    (size_t)parse_count(v, "--read-size", CLI_READ_MAX);
                if (o.read_size == 0)
                    usage_error("invalid value '0' for --read-size (1 to "
                                "%u, or random:SEED)",
                                CLI_READ_MAX);
            }
        } else {
            usage_error("unknown option '%s'", a);
        }
    }

    if (color < 0) {
        int fd = o.extract ? 2 : 1;
        color = isatty(fd) && !env_set("NO_COLOR") && !dumb_terminal();
    }
    o.color = color && o.format == FMT_TEXT;
    /* CI logs are files, even when a runner fakes a terminal */
    o.progress = !o.quiet && isatty(2) && !env_set("CI") &&
                 !env_set("GITHUB_ACTIONS") && !dumb_terminal();
    o.need_excerpt = o.format == FMT_TEXT && !o.quiet;
    o.need_chars =
        (o.format == FMT_SARIF || o.format == FMT_GITHUB) && !o.quiet;

    cli_inputs in;
    memset(&in, 0, sizeof in);
    if (nargs == 0)
        args[nargs++] = "-";
    for (int i = 0; i < nargs; i++)
        if (cli_inputs_add(&in, args[i]) == 0 && !o.quiet)
            fprintf(stderr,
                    "sessval: %s: no *.json, *.ndjson, *.har or *.http "
                    "files\n",
                    args[i]);
    free(args);

    cli_output *out = out_begin(&o, in.n);
    cli_run_all(&o, &in, out);
    int rc = out_end(out);
    cli_inputs_free(&in);
    return rc;
}
