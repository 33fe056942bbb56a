/*
 * export_main.c - sessval-schema: the JSON Schema of the page, session and
 * log documents of one API profile, written from the tables the validator
 * walks (schema.c), so that the two cannot drift apart.
 *
 *   sessval-schema [--api=v1|v8] [--draft=2020-12|04] [-o FILE]
 *
 * The schema says what `sessval --strict --api=...` says wherever JSON
 * Schema can say it: types, required members, nullability, enum values,
 * integer ranges, non-empty strings, additionalProperties as --strict has
 * it (an unknown member is an error), the v1 rule that a finished session
 * has a stop time and a duration, and the text formats as patterns:
 *
 *   date-time  RFC 3339 as sv_parse_timestamp accepts it, the Gregorian
 *              calendar included (days per month, leap years)
 *   time-span  .NET TimeSpan "c" as sv_parse_duration accepts it, field
 *              ranges included; only the limit of TimeSpan.MaxValue on
 *              the 10675199th day is left to sessval
 *   uuid       8-4-4-4-12 hex digits
 *   url        absolute http(s) URL as sv__check_url accepts it
 *
 * Patterns use only what ECMA 262, Python's re and RapidJSON's own regex
 * engine share: classes, groups, |, ?, *, +, {n,m}, ^ and $ (no \d, no
 * (?:), no lookaround).  Nothing is a "format": validators disagree on
 * formats, and draft 2020-12 makes them annotations.
 *
 * The output is deterministic (member order is the tables'), so that
 * `make check` can compare the committed files with a fresh export.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"

/* ------------------------------------------------------------- patterns */

#define P_YEAR "([0-9]{3}[1-9]|[0-9]{2}[1-9][0-9]|[0-9][1-9][0-9]{2}|[1-9][0-9]{3})"
#define P_LEAP_YEAR                                                          \
    "([0-9]{2}(0[48]|[2468][048]|[13579][26])|"                            \
    "(0[48]|[2468][048]|[13579][26])00)"
#define P_MONTH_DAY                                                          \
    "((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])|"                          \
    "(0[469]|11)-(0[1-9]|[12][0-9]|30)|"                                    \
    "02-(0[1-9]|1[0-9]|2[0-8]))"
#define P_HOUR "([01][0-9]|2[0-3])"
#define P_MIN "[0-5][0-9]"

static const char pattern_timestamp[] =
    "^(" P_YEAR "-" P_MONTH_DAY "|" P_LEAP_YEAR "-02-29)"
    "[Tt]" P_HOUR ":" P_MIN ":" P_MIN "(\\.[0-9]{1,9})?"
    "([Zz]|[+-]" P_HOUR ":" P_MIN ")$";

/* days: 1 to 8 digits, at most TimeSpan.MaxValue.Days = 10675199 */
static const char pattern_duration[] =
    "^-?(([0-9]{1,7}|0[0-9]{7}|10[0-5][0-9]{5}|106[0-6][0-9]{4}|"
    "1067[0-4][0-9]{3}|10675[01][0-9]{2}|106751[0-8][0-9]|1067519[0-9])\\.)?"
    P_HOUR ":" P_MIN ":" P_MIN "(\\.[0-9]{1,7})?$";

static const char pattern_uuid[] =
    "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-"
    "[0-9A-Fa-f]{12}$";

/* sv__check_url: scheme http or https (any case) and "//"; an authority
 * up to the first / ? or #: userinfo up to its last @ (any RFC 3986
 * character, escapes), then a host that is a bracketed literal up to the
 * last ] or a name up to the first : ([ and ] allowed past its first
 * character), then :port with a value up to 65535; then path and query
 * characters, escapes, and at most one #. */
#define P_PCT "%[0-9A-Fa-f][0-9A-Fa-f]"
#define P_SUB "!$&'()*+,;="
static const char pattern_url[] =
    "^[Hh][Tt][Tt][Pp][Ss]?://"
    "(([A-Za-z0-9._~" P_SUB ":@-]|" P_PCT ")*@)?"
    "(([A-Za-z0-9._~" P_SUB "\\]-]|" P_PCT ")"
    "([A-Za-z0-9._~" P_SUB "\\[\\]-]|" P_PCT ")*"
    "|\\[([A-Za-z0-9._~" P_SUB ":\\[\\]-]|" P_PCT ")*\\])"
    "(:0*([0-9]{1,4}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|"
    "655[0-2][0-9]|6553[0-5]))?"
    "([/?]([A-Za-z0-9._~" P_SUB ":@/?-]|" P_PCT ")*)?"
    "(#([A-Za-z0-9._~" P_SUB ":@/?-]|" P_PCT ")*)?$";

/* The text formats, each a definition of its own. */
typedef struct format_def_t {
    sv_format format;
    const char *name, *description, *pattern;
} format_def_t;

static const format_def_t format_defs[] = {
    {SV_F_TIMESTAMP, "date-time",
     "RFC 3339 date-time as sessval reads it: T or t, Z or z or +hh:mm, "
     "1 to 9 fraction digits, years 0001-9999, real calendar dates, no "
     "leap second",
     pattern_timestamp},
    {SV_F_DURATION, "time-span",
     ".NET TimeSpan in the \"c\" format, [-][d.]hh:mm:ss[.fffffff]: 1 to 8 "
     "digits of days up to 10675199, hours 00-23, minutes and seconds "
     "00-59, 1 to 7 fraction digits (sessval also checks the total against "
     "TimeSpan.MaxValue)",
     pattern_duration},
    {SV_F_UUID, "uuid", "8-4-4-4-12 hex digits, either case, no braces",
     pattern_uuid},
    {SV_F_URL, "url",
     "absolute http or https URL: a host, an optional port up to 65535, "
     "RFC 3986 characters and percent-escapes",
     pattern_url},
};

static const format_def_t *format_def(sv_format f)
{
    for (size_t i = 0; i < sizeof format_defs / sizeof format_defs[0]; i++)
        if (format_defs[i].format == f)
            return &format_defs[i];
    return NULL;
}

/* ---------------------------------------------------------- JSON output */

typedef struct out {
    FILE *f;
    int depth;
    int first;   /* no member written yet in the current container */
    int draft04;
    unsigned api;
} out;

static void indent(out *o)
{
    fputc('\n', o->f);
    for (int i = 0; i < o->depth; i++)
        fputs("  ", o->f);
}

static void str(out *o, const char *s)
{
    fputc('"', o->f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(o->f, "\\%c", c);
        else if (c < 0x20)
            fprintf(o->f, "\\u%04x", c);
        else
            fputc(c, o->f);
    }
    fputc('"', o->f);
}

/* "key": (the value follows) */
static void key(out *o, const char *k)
{
    if (!o->first)
        fputc(',', o->f);
    o->first = 0;
    indent(o);
    str(o, k);
    fputs(": ", o->f);
}

static void open_obj(out *o)
{
    fputc('{', o->f);
    o->depth++;
    o->first = 1;
}

static void close_obj(out *o)
{
    o->depth--;
    if (!o->first)
        indent(o);
    fputc('}', o->f);
    o->first = 0;
}

static void kv_str(out *o, const char *k, const char *v)
{
    key(o, k);
    str(o, v);
}

static void kv_int(out *o, const char *k, int64_t v)
{
    key(o, k);
    fprintf(o->f, "%" PRId64, v);
}

/* An array of strings (and a trailing null when with_null): on one line
 * when short, else one per line. */
static void kv_strings(out *o, const char *k, const char *const *v, size_t n,
                       int with_null)
{
    size_t width = 0;
    for (size_t i = 0; i < n; i++)
        width += strlen(v[i]) + 4;
    key(o, k);
    int inline_ = width + (with_null ? 6 : 0) + (size_t)o->depth * 2 < 72;
    fputc('[', o->f);
    o->depth++;
    for (size_t i = 0; i <= n; i++) {
        if (i == n && !with_null)
            break;
        if (i)
            fputc(',', o->f);
        if (inline_) {
            if (i)
                fputc(' ', o->f);
        } else {
            indent(o);
        }
        if (i == n)
            fputs("null", o->f);
        else
            str(o, v[i]);
    }
    o->depth--;
    if (!inline_)
        indent(o);
    fputc(']', o->f);
}

/* {"$ref": "#/$defs/NAME"}, on one line, where a value goes. */
static void ref(out *o, const char *name)
{
    fprintf(o->f, "{\"$ref\": \"#/%s/%s\"}",
            o->draft04 ? "definitions" : "$defs", name);
    o->first = 0;
}

/* --------------------------------------------------------------- tables */

static int in_profile(const out *o, const sv_member *m)
{
    return (m->profiles & (1u << o->api)) != 0;
}

static unsigned flags(const out *o, const sv_member *m)
{
    return m->flags[o->api];
}

/* The document kind whose root object is obj, or 0. */
static int root_kind(const sv_object *obj)
{
    for (int k = SV_KIND_PAGE; k <= SV_KIND_LOG; k++)
        if (sv_schema_roots[k] == obj)
            return k;
    return 0;
}

/* "type": the JSON types of a member (null when nullable). */
static void kv_types(out *o, unsigned types, int nullable)
{
    const char *names[8];
    size_t n = 0;
    if (types & SV_J_OBJECT)
        names[n++] = "object";
    if (types & SV_J_ARRAY)
        names[n++] = "array";
    if (types & SV_J_STRING)
        names[n++] = "string";
    if ((types & SV_J_NUMBER) == SV_J_NUMBER)
        names[n++] = "number";
    else if (types & SV_J_INT)
        names[n++] = "integer";
    if (types & SV_J_BOOL)
        names[n++] = "boolean";
    if (nullable)
        names[n++] = "null";
    if (n == 1)
        kv_str(o, "type", names[0]);
    else
        kv_strings(o, "type", names, n, 0);
}

static void object_schema(out *o, const sv_object *obj, int nullable);

/* The schema of the value of member m (or of an element of an array
 * frame whose elements are `obj`). */
static void value_schema(out *o, const sv_object *obj, int nullable)
{
    int kind = root_kind(obj);
    if (kind && !nullable) {
        ref(o, sv_kind_name((sv_kind)kind));
        return;
    }
    object_schema(o, obj, nullable);
}

static void enum_values(out *o, const sv_member *m, int nullable)
{
    const sv_enum *e = sv_schema_enum((sv_format)m->format);
    const char **v = malloc(e->count * sizeof *v);
    size_t n = 0;
    if (!v) {
        fprintf(stderr, "sessval-schema: out of memory\n");
        exit(2);
    }
    for (size_t i = 0; i < e->count; i++)
        if (e->values[i].profiles & (1u << o->api))
            v[n++] = e->values[i].text;
    kv_strings(o, "enum", v, n, nullable);
    free(v);
}

static void member_schema(out *o, const sv_member *m)
{
    unsigned f = flags(o, m);
    int nullable = (f & (SV_M_NULLABLE | SV_M_UNFINISHED)) != 0;
    unsigned scalar = m->types & SV_J_SCALAR;
    const format_def_t *fd = format_def((sv_format)m->format);

    if (m->types == SV_J_OBJECT && m->child) {
        value_schema(o, m->child, nullable);
        return;
    }
    if (fd && m->types == SV_J_STRING) { /* a string of a named format */
        if (!nullable) {
            ref(o, fd->name);
            return;
        }
        open_obj(o);
        key(o, "anyOf");
        fputc('[', o->f);
        ref(o, fd->name);
        fputs(", {\"type\": \"null\"}]", o->f);
        close_obj(o);
        return;
    }
    if (m->types == (SV_J_OBJECT | SV_J_ARRAY) && m->child) {
        /* one branch per type: ajv's strict mode wants no union types
         * beyond "or null" */
        open_obj(o);
        key(o, "anyOf");
        fputc('[', o->f);
        o->depth++;
        indent(o);
        value_schema(o, m->child, 0);
        fputc(',', o->f);
        indent(o);
        open_obj(o);
        kv_str(o, "type", "array");
        key(o, "items");
        value_schema(o, m->child, 0);
        close_obj(o);
        if (nullable) {
            fputc(',', o->f);
            indent(o);
            fputs("{\"type\": \"null\"}", o->f);
        }
        o->depth--;
        indent(o);
        fputc(']', o->f);
        close_obj(o);
        return;
    }
    open_obj(o);
    kv_types(o, m->types, nullable);
    switch ((sv_format)m->format) {
    case SV_F_NONE:
        break;
    case SV_F_NONEMPTY:
        kv_int(o, "minLength", 1);
        break;
    case SV_F_TIMESTAMP:
    case SV_F_DURATION:
    case SV_F_UUID:
    case SV_F_URL:
        fprintf(stderr, "sessval-schema: %s: a format on a value that is "
                        "not only a string\n",
                m->name);
        exit(2);
    case SV_F_TYPE:
    case SV_F_STATUS:
    case SV_F_POLICY_TYPE:
    case SV_F_PRIORITY:
        enum_values(o, m, nullable);
        break;
    }
    if (scalar & SV_J_INT) {
        kv_int(o, "minimum", m->min);
        kv_int(o, "maximum", m->max);
    }
    if ((m->types & SV_J_ARRAY) && m->child) {
        key(o, "items");
        value_schema(o, m->child, 0);
    }
    close_obj(o);
}

/* The v1 rule the tables mark SV_M_UNFINISHED: those members are required
 * and not null unless the status (the object's SV_F_STATUS member) is one
 * of an unfinished session. */
static void unfinished_rule(out *o, const sv_object *obj)
{
    const sv_member *status = NULL;
    const char *names[8];
    size_t n = 0;
    for (size_t i = 0; i < obj->count; i++) {
        const sv_member *m = &obj->members[i];
        if (!in_profile(o, m))
            continue;
        if (m->format == SV_F_STATUS)
            status = m;
        if ((flags(o, m) & SV_M_UNFINISHED) && n < 8)
            names[n++] = m->name;
    }
    if (n == 0)
        return;
    if (!status) {
        fprintf(stderr, "sessval-schema: %s: SV_M_UNFINISHED without a "
                        "status member\n",
                obj->name);
        exit(2);
    }
    const sv_enum *e = sv_schema_enum(SV_F_STATUS);
    const char *running[16];
    size_t nr = 0;
    for (size_t i = 0; i < e->count && nr < 16; i++)
        if ((e->values[i].profiles & (1u << o->api)) &&
            sv_schema_status_unfinished(
                (sv_session_status)e->values[i].value))
            running[nr++] = e->values[i].text;

    key(o, "anyOf");
    fputc('[', o->f);
    o->depth++;
    indent(o);
    open_obj(o);
    kv_str(o, "description", "an unfinished session");
    key(o, "properties");
    open_obj(o);
    key(o, status->name);
    open_obj(o);
    kv_strings(o, "enum", running, nr, 0);
    close_obj(o);
    close_obj(o);
    kv_strings(o, "required", &status->name, 1, 0);
    close_obj(o);
    fputc(',', o->f);
    indent(o);
    open_obj(o);
    kv_str(o, "description",
           "a finished session has a stop time and a duration");
    key(o, "properties");
    open_obj(o);
    for (size_t i = 0; i < n; i++) {
        key(o, names[i]);
        open_obj(o);
        kv_str(o, "type", "string");
        close_obj(o);
    }
    close_obj(o);
    kv_strings(o, "required", names, n, 0);
    close_obj(o);
    o->depth--;
    indent(o);
    fputc(']', o->f);
}

static void object_schema(out *o, const sv_object *obj, int nullable)
{
    open_obj(o);
    kv_str(o, "title", obj->name);
    kv_types(o, SV_J_OBJECT, nullable);
    if (obj->count == 0 && obj->open) { /* members not checked */
        close_obj(o);
        return;
    }
    const char *required[64];
    size_t nreq = 0;
    key(o, "properties");
    open_obj(o);
    for (size_t i = 0; i < obj->count; i++) {
        const sv_member *m = &obj->members[i];
        if (!in_profile(o, m))
            continue;
        for (size_t k = 0; k < i; k++)
            if (in_profile(o, &obj->members[k]) &&
                strcmp(obj->members[k].name, m->name) == 0) {
                fprintf(stderr, "sessval-schema: %s.%s: two members of "
                                "that name in one profile\n",
                        obj->name, m->name);
                exit(2);
            }
        key(o, m->name);
        member_schema(o, m);
        if ((flags(o, m) & SV_M_REQUIRED) && nreq < 64)
            required[nreq++] = m->name;
    }
    close_obj(o);
    if (nreq)
        kv_strings(o, "required", required, nreq, 0);
    if (obj->any && in_profile(o, obj->any)) {
        key(o, "additionalProperties");
        member_schema(o, obj->any);
    } else if (!obj->open) {
        key(o, "additionalProperties");
        fputs("false", o->f);
    }
    unfinished_rule(o, obj);
    close_obj(o);
}

/* ----------------------------------------------------------------- main */

static const char *const api_names[SV_NPROFILES] = {
    [SV_API_V1] = "API v1 (the documented contract, sessval's default)",
    [SV_API_V8] = "API v8.1 (the vendor's OpenAPI contract, --api=v8)",
};

static void document(out *o)
{
    char text[512];
    open_obj(o);
    kv_str(o, "$schema", o->draft04 ? "http://json-schema.org/draft-04/schema#"
                                    : "https://json-schema.org/draft/2020-12/"
                                      "schema");
    snprintf(text, sizeof text,
             "Veeam Backup for Microsoft Azure jobSessions payloads, %s",
             api_names[o->api]);
    kv_str(o, "title", text);
    snprintf(text, sizeof text,
             "A page of GET /jobSessions, one session (GET /jobSessions/{id})"
             " or a session's log (GET /jobSessions/{id}/log).  Generated "
             "by `make schema` from sessval's tables: valid here is valid "
             "for `sessval --strict --api=%s` on every rule JSON Schema can "
             "express; sessval checks more (README, \"The schema\").",
             o->api == SV_API_V8 ? "v8" : "v1");
    kv_str(o, "description", text);
    key(o, "anyOf");
    fputc('[', o->f);
    o->depth++;
    for (int k = SV_KIND_PAGE; k <= SV_KIND_LOG; k++) {
        if (k > SV_KIND_PAGE)
            fputc(',', o->f);
        indent(o);
        ref(o, sv_kind_name((sv_kind)k));
    }
    o->depth--;
    indent(o);
    fputc(']', o->f);
    key(o, o->draft04 ? "definitions" : "$defs");
    open_obj(o);
    for (int k = SV_KIND_PAGE; k <= SV_KIND_LOG; k++) {
        key(o, sv_kind_name((sv_kind)k));
        object_schema(o, sv_schema_roots[k], 0);
    }
    for (size_t i = 0; i < sizeof format_defs / sizeof format_defs[0]; i++) {
        key(o, format_defs[i].name);
        open_obj(o);
        kv_str(o, "description", format_defs[i].description);
        kv_str(o, "type", "string");
        kv_str(o, "pattern", format_defs[i].pattern);
        close_obj(o);
    }
    close_obj(o);
    close_obj(o);
    fputc('\n', o->f);
}

static void usage(void)
{
    fputs("usage: sessval-schema [--api=v1|v8] [--draft=2020-12|04] "
          "[-o FILE]\n",
          stderr);
    exit(2);
}

int main(int argc, char **argv)
{
    out o = {0};
    const char *path = NULL;
    o.api = SV_API_V1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--api=v1") == 0)
            o.api = SV_API_V1;
        else if (strcmp(a, "--api=v8") == 0)
            o.api = SV_API_V8;
        else if (strcmp(a, "--draft=2020-12") == 0)
            o.draft04 = 0;
        else if (strcmp(a, "--draft=04") == 0)
            o.draft04 = 1;
        else if (strcmp(a, "-o") == 0 && i + 1 < argc)
            path = argv[++i];
        else
            usage();
    }
    o.f = path ? fopen(path, "w") : stdout;
    if (!o.f) {
        fprintf(stderr, "sessval-schema: %s: %s\n", path, strerror(errno));
        return 2;
    }
    document(&o);
    if (fflush(o.f) != 0 || ferror(o.f) || (path && fclose(o.f) != 0)) {
        fprintf(stderr, "sessval-schema: %s: write error\n",
                path ? path : "standard output");
        return 2;
    }
    return 0;
}
