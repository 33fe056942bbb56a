/*
 * test_rules.c - every rule of the contract, each with a case that breaks
 * it (exact code, severity, pointer, and where it matters the position and
 * words of the message) and a case that keeps it (no diagnostic).
 *
 * Session cases are built from a valid base session (the seed's id 14)
 * with one member replaced, dropped or added, so each case says only what
 * it changes.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "svtest.h"

Suite *sv_suite_rules(void);

/* The seed's session 14, member by member, in the seed's order. */
static const char *const base_names[] = {
    "id", "type", "localizedType", "executionStartTime", "executionStopTime",
    "executionDuration", "status", "usn", "backupJobInfo", "_links",
};
static const char *const base_values[] = {
    "\"14\"",
    "\"PolicyBackup\"",
    "\"Policy Backup\"",
    "\"2020-02-07T12:21:04.223155Z\"",
    "\"2020-02-07T12:22:22.046855Z\"",
    "\"00:01:17.8237000\"",
    "\"Canceled\"",
    "102",
    "{\"policyId\":\"a91630ab-1603-47ea-a76c-0525e77a1188\",\"policyName\":"
    "\"Policy 1\",\"protectedInstancesCount\":0,\"policyRemoved\":false}",
    "{\"self\":{\"href\":\"https://abc.ukwest.cloudapp.azure.com/api/v1/"
    "jobSessions/14\"},\"log\":{\"href\":\"https://abc.ukwest.cloudapp.azure"
    ".com/api/v1/jobSessions/14/log\"}}",
};
#define NBASE (sizeof base_names / sizeof base_names[0])

/* Build a session: `set` is "name=value;name=value" replacing members
 * (value "-" drops it), `add` raw text appended inside the object. */
static char *session(const char *set, const char *add)
{
    static char buf[8192];
    size_t at = 0;
    buf[at++] = '{';
    int first = 1;
    for (size_t i = 0; i < NBASE; i++) {
        const char *v = base_values[i];
        char over[2048];
        char key[64];
        snprintf(key, sizeof key, "%s=", base_names[i]);
        const char *hit = NULL;
        for (const char *s = set; s && (s = strstr(s, key)); s++)
            if (s == set || s[-1] == ';') {
                hit = s;
                break;
            }
        if (hit) {
            const char *vs = hit + strlen(key);
            const char *ve = strchr(vs, ';');
            size_t n = ve ? (size_t)(ve - vs) : strlen(vs);
            memcpy(over, vs, n);
            over[n] = '\0';
            if (strcmp(over, "-") == 0)
                continue;
            v = over;
        }
        at += (size_t)snprintf(buf + at, sizeof buf - at, "%s\"%s\":%s",
                               first ? "" : ",", base_names[i], v);
        first = 0;
    }
    if (add)
        at += (size_t)snprintf(buf + at, sizeof buf - at, "%s%s",
                               first ? "" : ",", add);
    snprintf(buf + at, sizeof buf - at, "}");
    return buf;
}

static sv_options opts_kind(sv_kind k)
{
    sv_options o;
    sv_options_init(&o);
    o.kind = k;
    return o;
}

struct scase {
    const char *set, *add;
    const char *code;    /* NULL: no diagnostic at all */
    const char *pointer;
    const char *words;   /* substring of the message, or NULL */
};

static const struct scase scases[] = {
    {NULL, NULL, NULL, NULL, NULL},
    /* types and ranges */
    {"usn=\"102\"", NULL, "type-mismatch", "/usn",
     "expected an integer, found string \"102\""},
    {"usn=1.0", NULL, "type-mismatch", "/usn", "fraction or exponent"},
    {"usn=1e3", NULL, "type-mismatch", "/usn", "found number 1e3"},
    {"usn=-1", NULL, "out-of-range", "/usn", "found -1"},
    {"usn=9223372036854775808", NULL, "out-of-range", "/usn",
     "does not fit in 64 bits"},
    {"usn=9223372036854775807", NULL, NULL, NULL, NULL},
    {"usn=-0", NULL, NULL, NULL, NULL},
    {"usn=null", NULL, "type-mismatch", "/usn", "found null"},
    {"usn=true", NULL, "type-mismatch", "/usn", "found true"},
    {"usn={}", NULL, "type-mismatch", "/usn", "found an object"},
    {"usn=-", NULL, "missing-member", "", "missing required member \"usn\""},
    {"id=\"\"", NULL, "out-of-range", "/id", "non-empty"},
    {"id=14", NULL, "type-mismatch", "/id", "expected a string"},
    {"localizedType=[]", NULL, "type-mismatch", "/localizedType",
     "found an array"},
    /* enums */
    {"type=\"FooBackup\"", NULL, "bad-enum", "/type",
     "unknown session type \"FooBackup\""},
    {"type=\"RestoreVms\"", NULL, NULL, NULL, NULL},
    {"status=\"Failed\"", NULL, "bad-enum", "/status",
     "did you mean \"Error\"?"},
    {"status=\"Succeeded\"", NULL, "bad-enum", "/status",
     "did you mean \"Success\"?"},
    {"status=\"success\"", NULL, "bad-enum", "/status", "case-sensitive"},
    /* timestamps and durations */
    {"executionStartTime=\"2020-13-07T12:21:04Z\"", NULL, "bad-timestamp",
     "/executionStartTime", "month 13 out of range"},
    {"executionStartTime=\"2020-02-07T12:21:04.223155\"", NULL,
     "bad-timestamp", "/executionStartTime", "Veeam Backup for AWS"},
    {"executionStartTime=\"2020-02-07t12:21:04.223155z\"", NULL, NULL, NULL,
     NULL},
    {"executionDuration=\"77823\"", NULL, "bad-duration",
     "/executionDuration", "milliseconds"},
    {"executionDuration=77823", NULL, "type-mismatch", "/executionDuration",
     "milliseconds"},
    {"executionDuration=\"24:00:00\"", NULL, "bad-duration",
     "/executionDuration", "hours"},
    /* unfinished sessions */
    {"executionStopTime=null", NULL, "type-mismatch", "/executionStopTime",
     "only while a session runs"},
    {"executionStopTime=-", NULL, "missing-member", "",
     "\"executionStopTime\""},
    {"executionStopTime=null;executionDuration=null;status=\"Running\"",
     NULL, NULL, NULL, NULL},
    {"executionStopTime=-;executionDuration=-;status=\"Pending\"", NULL,
     NULL, NULL, NULL},
    {"executionDuration=null;status=\"NeverExecuted\"", NULL, NULL, NULL,
     NULL},
    /* cross-member time rules */
    {"executionStopTime=\"2020-02-07T12:21:04.2Z\"", NULL,
     "stop-before-start", "/executionStopTime", "before executionStartTime"},
    {"executionDuration=\"00:01:17.8236000\"", NULL, "duration-mismatch",
     "/executionDuration", "00:01:17.8237000 by -00:00:00.0001000"},
    {"executionDuration=\"00:01:17.8237001\"", NULL, NULL, NULL, NULL},
    {"executionStopTime=\"2020-02-07T14:22:22.046855+02:00\"", NULL, NULL,
     NULL, NULL},
    /* links */
    {"_links={\"self\":{\"href\":\"https://h/api/v1/jobSessions/15\"},\"log"
     "\":{\"href\":\"https://h/api/v1/jobSessions/14/log\"}}",
     NULL, "link-mismatch", "/_links/self/href", "/jobSessions/14"},
    {"_links={\"self\":{\"href\":\"https://h/api/v1/jobSessions/14\"},\"log"
     "\":{\"href\":\"/api/v1/jobSessions/14/log\"}}",
     NULL, "bad-url", "/_links/log/href", "no scheme"},
    {"_links={\"self\":{\"href\":\"https://h/api/v1/jobSessions/14\"}}",
     NULL, "missing-member", "/_links", "\"log\""},
    {"_links={\"self\":{\"href\":\"https://h:99999/api/v1/jobSessions/14\"},"
     "\"log\":{\"href\":\"https://h/api/v1/jobSessions/14/log\"}}",
     NULL, "bad-url", "/_links/self/href", "port"},
    {"_links=-", NULL, "missing-member", "", "\"_links\""},
    /* job infos */
    {"backupJobInfo={\"policyId\":\"a91630ab-1603-47ea-a76c\",\"policyName\""
     ":\"P\",\"protectedInstancesCount\":0,\"policyRemoved\":false}",
     NULL, "bad-uuid", "/backupJobInfo/policyId", "36 characters"},
    {"backupJobInfo={\"policyId\":\"a91630ab-1603-47ea-a76c-0525e77a1188\","
     "\"policyName\":\"P\",\"policyRemoved\":false}",
     NULL, "missing-member", "/backupJobInfo",
     "\"protectedInstancesCount\""},
    {"backupJobInfo=-", NULL, "job-info-mismatch", "/type",
     "carries backupJobInfo, which is absent"},
    {NULL,
     "\"repositoryJobInfo\":{\"repositoryId\":1,\"repositoryName\":\"R\","
     "\"repositoryRemoved\":true}",
     "job-info-mismatch", "/repositoryJobInfo", "at most one"},
    {"type=\"ManualSnapshot\";backupJobInfo=-",
     "\"restoreJobInfo\":{\"reason\":null,\"items\":[{\"name\":\"vm\"},"
     "{}]}",
     NULL, NULL, NULL},
    {"type=\"ManualSnapshot\";backupJobInfo=-",
     "\"restoreJobInfo\":{\"reason\":\"r\",\"items\":[{},3]}",
     "type-mismatch", "/restoreJobInfo/items/1", "RecoveryItem"},
    {"type=\"FileLevelRestore\";backupJobInfo=-",
     "\"fileLevelRestoreJobInfo\":{\"reason\":null,\"flrLink\":{\"url\":"
     "\"ftp://x\",\"thumbprint\":\"AB\"},\"vmId\":\"v\"}",
     "bad-url", "/fileLevelRestoreJobInfo/flrLink/url", "scheme"},
    {"type=\"RepositoryCreation\";backupJobInfo=-",
     "\"repositoryJobInfo\":{\"repositoryId\":\"1\",\"repositoryName\":\"R\""
     ",\"repositoryRemoved\":true}",
     "type-mismatch", "/repositoryJobInfo/repositoryId",
     "expected an integer"},
    /* members */
    {NULL, "\"status\":\"Error\"", "duplicate-member", "/status",
     "the first one is kept"},
    {NULL, "\"usnn\":1", "unknown-member", "/usnn", "did you mean \"usn\""},
    {NULL, "\"extra\":{\"deep\":[1,{\"x\":[]}]}", "unknown-member", "/extra",
     NULL},
    {NULL, "\"a/b~c\":1", "unknown-member", "/a~1b~0c", NULL},
    {NULL, "\"_embeddedResources\":{}", "unknown-member",
     "/_embeddedResources", NULL},
};

START_TEST(test_session_case)
{
    const struct scase *c = &scases[_i];
    const char *json = session(c->set, c->add);
    sv_options o = opts_kind(SV_KIND_SESSION);
    svt_result r;
    svt_json_opts(json, &o, &r);
    if (!c->code) {
        ck_assert_msg(r.ndiags == 0, "case %d: unexpected %s %s: %s\n%s", _i,
                      sv_diag_name(r.diags[0].code), r.diags[0].pointer,
                      r.diags[0].message, json);
        ck_assert_int_eq(r.status, SV_OK);
        ck_assert_uint_eq(r.stats.sessions, 1);
    } else {
        ck_assert_msg(r.ndiags >= 1, "case %d: no diagnostic\n%s", _i, json);
        sv_diag_code want;
        ck_assert_int_eq(sv_diag_lookup(c->code, strlen(c->code), &want), 0);
        int k = svt_find(&r, want);
        ck_assert_msg(k >= 0, "case %d: no %s; first is %s %s: %s", _i,
                      c->code, sv_diag_name(r.diags[0].code),
                      r.diags[0].pointer, r.diags[0].message);
        ck_assert_str_eq(r.diags[k].pointer, c->pointer);
        if (c->words)
            ck_assert_msg(strstr(r.diags[k].message, c->words),
                          "case %d: message \"%s\" lacks \"%s\"", _i,
                          r.diags[k].message, c->words);
        ck_assert(r.diags[k].severity == sv_diag_default_severity(want));
        /* the position is that of the pointed-at value: its first byte
         * is the first byte of the member's value text (or '{') */
        ck_assert_uint_eq(r.diags[k].line, 1);
        ck_assert_uint_eq(r.diags[k].column, r.diags[k].offset + 1);
        ck_assert_int_eq(r.status, SV_OK); /* schema errors do not stop */
        ck_assert_uint_eq(r.stats.sessions, 1);
    }
    svt_free(&r);
}
END_TEST

/* The offset of a value diagnostic is its first byte. */
START_TEST(test_positions_exact)
{
    const char *json =
        "{\n  \"offset\": 0,\n  \"limit\": \"30\",\n  \"totalCount\": 1,\r\n"
        "  \"results\": [],\n  \"_links\": {\"self\": {\"href\": "
        "\"https://h/api/v1/jobSessions\"}},\n  \"xtra\": 1\n}";
    svt_result r;
    svt_json(json, &r);
    ck_assert_uint_eq(r.ndiags, 2);
    ck_assert_str_eq(sv_diag_name(r.diags[0].code), "type-mismatch");
    ck_assert_uint_eq(r.diags[0].offset,
                      (uint64_t)(strstr(json, "\"30\"") - json));
    ck_assert_uint_eq(r.diags[0].line, 3);
    ck_assert_uint_eq(r.diags[0].column, 12);
    ck_assert_str_eq(sv_diag_name(r.diags[1].code), "unknown-member");
    ck_assert_uint_eq(r.diags[1].offset,
                      (uint64_t)(strstr(json, "\"xtra\"") - json));
    ck_assert_uint_eq(r.diags[1].line, 7); /* CRLF counts one line */
    ck_assert_uint_eq(r.diags[1].column, 3);
    svt_free(&r);
}
END_TEST

/* ------------------------------------------------------------------ page */

static char *page(const char *envelope_head, int n, const char *tail)
{
    static char buf[65536];
    size_t at = (size_t)snprintf(buf, sizeof buf, "{%s\"results\":[",
                                 envelope_head);
    for (int i = 0; i < n; i++) {
        char id[16], set[512];
        snprintf(id, sizeof id, "%d", i + 1 == 3 && strstr(tail, "DUP") ? 1
                                                                       : i + 1);
        snprintf(set, sizeof set,
                 "id=\"%s\";_links={\"self\":{\"href\":\"https://h/api/v1/"
                 "jobSessions/%s\"},\"log\":{\"href\":\"https://h/api/v1/"
                 "jobSessions/%s/log\"}}",
                 id, id, id);
        at += (size_t)snprintf(buf + at, sizeof buf - at, "%s%s",
                               i ? "," : "", session(set, NULL));
    }
    snprintf(buf + at, sizeof buf - at,
             "],\"_links\":{\"self\":{\"href\":\"%s\"}}}",
             strstr(tail, "DUP") ? tail + 3 : tail);
    return buf;
}

START_TEST(test_page_valid)
{
    svt_result r;
    svt_json(page("\"offset\":0,\"limit\":3,\"totalCount\":3,", 3,
                  "https://h/api/v1/jobSessions?offset=0&limit=3"),
             &r);
    ck_assert_msg(r.ndiags == 0, "%s %s", r.diags[0].pointer,
                  r.diags[0].message);
    ck_assert_uint_eq(r.stats.pages, 1);
    ck_assert_uint_eq(r.stats.sessions, 3);
    ck_assert(strstr(r.log, "results=valid:3"));
    svt_free(&r);
}
END_TEST

START_TEST(test_page_rules)
{
    svt_result r;
    svt_json(page("\"offset\":0,\"limit\":2,\"totalCount\":3,", 3,
                  "https://h/api/v1/jobSessions"),
             &r);
    int k = svt_find(&r, SV_DIAG_PAGE_OVERFLOW);
    ck_assert_int_ge(k, 0);
    ck_assert_str_eq(r.diags[k].pointer, "/results");
    ck_assert(strstr(r.diags[k].message, "3 sessions but limit is 2"));
    svt_free(&r);

    svt_json(page("\"offset\":1,\"limit\":30,\"totalCount\":3,", 3,
                  "https://h/api/v1/jobSessions"),
             &r);
    k = svt_find(&r, SV_DIAG_TOTAL_COUNT);
    ck_assert_int_ge(k, 0);
    ck_assert_str_eq(r.diags[k].pointer, "/totalCount");
    ck_assert(strstr(r.diags[k].message, "offset 1 + 3 results"));
    svt_free(&r);

    svt_json(page("\"offset\":0,\"limit\":30,\"totalCount\":3,", 3,
                  "DUPhttps://h/api/v1/jobSessions"),
             &r);
    k = svt_find(&r, SV_DIAG_DUPLICATE_ID);
    ck_assert_int_ge(k, 0);
    ck_assert_str_eq(r.diags[k].pointer, "/results/2/id");
    ck_assert(strstr(r.diags[k].message, "/results/0"));
    svt_free(&r);

    /* duplicate ids not checked when asked */
    sv_options o;
    sv_options_init(&o);
    o.duplicate_ids = false;
    svt_json_opts(page("\"offset\":0,\"limit\":30,\"totalCount\":3,", 3,
                       "DUPhttps://h/api/v1/jobSessions"),
                  &o, &r);
    ck_assert_int_lt(svt_find(&r, SV_DIAG_DUPLICATE_ID), 0);
    svt_free(&r);

    svt_json(page("\"offset\":0,\"limit\":30,\"totalCount\":3,", 3,
                  "https://h/api/v1/jobSessions?Offset=10&limit=30"),
             &r);
    k = svt_find(&r, SV_DIAG_LINK_MISMATCH);
    ck_assert_int_ge(k, 0);
    ck_assert_str_eq(r.diags[k].pointer, "/_links/self/href");
    ck_assert(strstr(r.diags[k].message, "offset=10"));
    svt_free(&r);
}
END_TEST

START_TEST(test_page_structure)
{
    svt_result r;
    svt_json("{\"offset\":0,\"limit\":1,\"totalCount\":0,\"results\":{},"
             "\"_links\":{\"self\":{\"href\":\"https://h/x\"}}}",
             &r);
    ck_assert_int_eq(r.ndiags, 1);
    ck_assert_str_eq(sv_diag_name(r.diags[0].code), "type-mismatch");
    ck_assert_str_eq(r.diags[0].pointer, "/results");
    svt_free(&r);

    svt_json("{\"offset\":0,\"limit\":1,\"totalCount\":1,\"results\":[1],"
             "\"_links\":{\"self\":{\"href\":\"https://h/x\"}}}",
             &r);
    ck_assert_int_eq(r.ndiags, 1);
    ck_assert_str_eq(r.diags[0].pointer, "/results/0");
    ck_assert(strstr(r.diags[0].message, "expected a session object"));
    svt_free(&r);

    svt_json("{\"offset\":0,\"limit\":-5,\"_links\":{}}", &r);
    ck_assert_int_ge(svt_find(&r, SV_DIAG_OUT_OF_RANGE), 0);
    int k = svt_find(&r, SV_DIAG_MISSING_MEMBER);
    ck_assert_int_ge(k, 0);
    ck_assert_str_eq(r.diags[k].pointer, "/_links");
    ck_assert(strstr(r.log, "missing required member \\\"results\\\"") ||
              strstr(r.log, "missing required member \"results\""));
    svt_free(&r);
}
END_TEST

/* ------------------------------------------------------------ auto kind */

START_TEST(test_auto_kinds)
{
    svt_result r;
    /* a session decided by its first member */
    svt_json(session(NULL, NULL), &r);
    ck_assert_int_eq(r.ndiags, 0);
    ck_assert(strstr(r.log, "kind=session"));
    svt_free(&r);

    /* _links first: shared by page and session, replayed once decided */
    char doc[4096];
    snprintf(doc, sizeof doc,
             "{\"_links\":{\"self\":{\"href\":\"https://h/api/v1/jobSessions/"
             "14\"},\"log\":{\"href\":7}},%s",
             session("_links=-", NULL) + 1);
    svt_json(doc, &r);
    ck_assert(strstr(r.log, "kind=session"));
    ck_assert_int_eq(r.ndiags, 1);
    ck_assert_str_eq(r.diags[0].pointer, "/_links/log/href");
    ck_assert_uint_eq(r.diags[0].offset, (uint64_t)(strstr(doc, "7") - doc));
    svt_free(&r);

    /* an RFC 7807 body: type first, decided by title */
    svt_json("{\"type\":\"https://tools.ietf.org/html/rfc7235#section-3.1\","
             "\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"The "
             "token has expired\",\"traceId\":\"00-abc\",\"extra\":1}",
             &r);
    ck_assert_int_eq(r.ndiags, 1);
    ck_assert_str_eq(sv_diag_name(r.diags[0].code), "error-response");
    ck_assert(strstr(r.diags[0].message, "401 error response"));
    ck_assert(strstr(r.diags[0].message, "token has expired"));
    ck_assert_uint_eq(r.diags[0].offset, 0);
    svt_free(&r);

    /* nothing of any kind: one diagnostic, not a list */
    svt_json("{\"foo\":1,\"bar\":[1,2]}", &r);
    ck_assert_int_eq(r.ndiags, 1);
    ck_assert_str_eq(sv_diag_name(r.diags[0].code), "missing-member");
    ck_assert(strstr(r.diags[0].message, "cannot tell"));
    svt_free(&r);

    /* a top-level array */
    svt_json("[]", &r);
    ck_assert_int_eq(r.ndiags, 1);
    ck_assert_str_eq(sv_diag_name(r.diags[0].code), "type-mismatch");
    svt_free(&r);
}
END_TEST

START_TEST(test_log_document)
{
    svt_result r;
    svt_json("{\"jobSessionId\":\"38\",\"log\":[{\"logTime\":\"2020-02-05T"
             "10:43:57.039827Z\",\"status\":\"Success\",\"message\":\"Backup "
             "plan creation has finished\",\"executionStartTime\":\"2020-02-"
             "05T10:43:57.039845Z\",\"executionDuration\":\"00:02:33.8496840"
             "\"},{\"logTime\":\"2020-02-05\",\"status\":\"Done\",\"message\":"
             "1,\"executionStartTime\":\"2020-02-05T10:43:57Z\"}]}",
             &r);
    ck_assert(strstr(r.log, "kind=log"));
    ck_assert_uint_eq(r.stats.log_entries, 2);
    ck_assert(strstr(r.log, "jobSessionId=valid:\"38\""));
    ck_assert_int_eq(r.ndiags, 4);
    ck_assert_str_eq(r.diags[0].pointer, "/log/1/logTime");
    ck_assert_str_eq(r.diags[1].pointer, "/log/1/status");
    ck_assert_str_eq(r.diags[2].pointer, "/log/1/message");
    ck_assert_str_eq(r.diags[3].pointer, "/log/1");
    ck_assert(strstr(r.diags[3].message, "\"executionDuration\""));
    svt_free(&r);
}
END_TEST

/* ------------------------------------------------------------ strictness */

START_TEST(test_strict)
{
    sv_options o = opts_kind(SV_KIND_SESSION);
    o.strict = true;
    svt_result r;
    svt_json_opts(session(NULL, "\"usnn\":1"), &o, &r);
    ck_assert_int_eq(r.ndiags, 1);
    ck_assert(r.diags[0].severity == SV_SEVERITY_ERROR);
    ck_assert_uint_eq(r.stats.errors, 1);
    ck_assert_uint_eq(r.stats.warnings, 0);
    svt_free(&r);
}
END_TEST

START_TEST(test_max_diagnostics)
{
    sv_options o = opts_kind(SV_KIND_SESSION);
    o.max_diagnostics = 2;
    svt_result r;
    svt_json_opts(session("usn=\"1\";id=1;type=2;status=3", NULL), &o, &r);
    ck_assert_uint_eq(r.ndiags, 2);
    ck_assert_uint_eq(r.stats.errors, 4);
    ck_assert_uint_eq(r.stats.suppressed, 2);
    svt_free(&r);
}
END_TEST

/* ---------------------------------------------------------------- syntax */

struct syn {
    const char *json;
    size_t len; /* 0: strlen */
    const char *code;
    uint64_t offset;
    const char *words;
};

static const struct syn syns[] = {
    {"{\"offset\":0,}", 0, "syntax", 12, "no trailing comma"},
    {"{\"offset\" 0}", 0, "syntax", 10, "expected ':'"},
    {"[1,]", 0, "syntax", 3, "after ','"},
    {"[01]", 0, "syntax", 2, "leading zeros"},
    {"[-]", 0, "syntax", 2, "after '-'"},
    {"[1.]", 0, "syntax", 3, "decimal point"},
    {"[1e+]", 0, "syntax", 4, "exponent"},
    {"[tru]", 0, "syntax", 4, "\"true\""},
    {"[\"a\\x\"]", 0, "syntax", 4, "invalid escape"},
    {"[\"\\u12G4\"]", 0, "syntax", 6, "hex"},
    {"[\"a\nb\"]", 0, "syntax", 3, "control character"},
    {"[1]x", 0, "syntax", 3, "after the end of the JSON value"},
    {"{}{}", 0, "syntax", 2, "--multi"},
    {"['a']", 0, "syntax", 1, "double quotes"},
    {"[1,\v2]", 0, "syntax", 3, "vertical tab"},
    {"[1,\f2]", 0, "syntax", 3, "form feed"},
    {"[\"\xC0\x80\"]", 0, "syntax", 2, "overlong"},
    {"[\"\xE0\x80\x80\"]", 0, "syntax", 2, "overlong"},
    {"[\"\xED\xA0\x80\"]", 0, "syntax", 2, "surrogate"},
    {"[\"\xF4\x90\x80\x80\"]", 0, "syntax", 2, "above U+10FFFF"},
    {"[\"\xF5\x80\x80\x80\"]", 0, "syntax", 2, "never appears"},
    {"[\"\x80\"]", 0, "syntax", 2, "continuation byte 0x80"},
    {"[\"\xC3\x41\"]", 0, "syntax", 2, "continuation byte was expected"},
    {"[\"\xC3", 0, "truncated", 3, "inside a string"},
    {"", 0, "truncated", 0, "no JSON value"},
    {"  \n ", 0, "truncated", 4, "no JSON value"},
    {"{\"offset\":0,\"results\":[{\"id\":\"1\"", 0, "truncated", 32,
     "the object that opened at line 1, column 24"},
    {"[1", 0, "truncated", 2, "the array that opened at line 1, column 1"},
    {"\"abc", 0, "truncated", 4, "inside a string"},
    {"{\"a\":1}\x00", 8, "syntax", 7, "byte 0x00"},
};

START_TEST(test_syntax_case)
{
    const struct syn *c = &syns[_i];
    size_t len = c->len ? c->len : strlen(c->json);
    svt_result r;
    svt_run(c->json, len, NULL, 0, &r);
    ck_assert_msg(r.ndiags >= 1, "case %d: no diagnostic", _i);
    size_t last = (r.ndiags < 64 ? r.ndiags : 64) - 1;
    ck_assert_msg(strcmp(sv_diag_name(r.diags[last].code), c->code) == 0,
                  "case %d: %s: %s", _i, sv_diag_name(r.diags[last].code),
                  r.diags[last].message);
    ck_assert_msg(r.diags[last].offset == c->offset,
                  "case %d: offset %llu, want %llu (%s)", _i,
                  (unsigned long long)r.diags[last].offset,
                  (unsigned long long)c->offset, r.diags[last].message);
    ck_assert_msg(strstr(r.diags[last].message, c->words),
                  "case %d: \"%s\" lacks \"%s\"", _i, r.diags[last].message,
                  c->words);
    ck_assert_int_eq(r.status, SV_ERR_SYNTAX);
    /* the same in 1-byte chunks */
    svt_result one;
    svt_run(c->json, len, NULL, 1, &one);
    ck_assert_str_eq(one.log, r.log);
    svt_free(&one);
    svt_free(&r);
}
END_TEST

START_TEST(test_multi)
{
    sv_options o;
    sv_options_init(&o);
    o.multi = SV_MULTI_ANY;
    svt_result r;
    char two[8192];
    char *s = session(NULL, NULL);
    snprintf(two, sizeof two, "%s%s \n%s", s, s, s);
    svt_json_opts(two, &o, &r);
    ck_assert_int_eq(r.ndiags, 0);
    ck_assert_uint_eq(r.stats.documents, 3);
    ck_assert_uint_eq(r.stats.sessions, 3);
    svt_free(&r);

    o.multi = SV_MULTI_NDJSON;
    svt_json_opts(two, &o, &r);
    ck_assert_int_eq(r.ndiags, 1);
    ck_assert(strstr(r.diags[0].message, "separated by a newline"));
    ck_assert_uint_eq(r.diags[0].offset, strlen(s));
    ck_assert_uint_eq(r.stats.documents, 3);
    svt_free(&r);

    /* the empty stream is not a valid document in any mode */
    svt_json_opts("", &o, &r);
    ck_assert_int_eq(r.ndiags, 1);
    ck_assert_str_eq(sv_diag_name(r.diags[0].code), "truncated");
    svt_free(&r);
}
END_TEST

/* ---------------------------------------------------------------- limits */

START_TEST(test_limits)
{
    sv_options o;
    sv_options_init(&o);
    o.max_depth = 4;
    svt_result r;
    svt_json_opts("{\"x\":[[[[1]]]]}", &o, &r);
    ck_assert_int_eq(r.status, SV_ERR_LIMIT);
    int k = svt_find(&r, SV_DIAG_LIMIT_EXCEEDED);
    ck_assert_int_ge(k, 0);
    ck_assert_uint_eq(r.diags[k].offset, 8);
    ck_assert(strstr(r.diags[k].message, "max_depth"));
    svt_free(&r);

    sv_options_init(&o);
    o.max_string = 8;
    svt_json_opts(session("localizedType=\"123456789\"", NULL), &o, &r);
    k = -1;
    for (size_t i = 0; i < r.ndiags && i < 64; i++)
        if (strcmp(r.diags[i].pointer, "/localizedType") == 0)
            k = (int)i;
    ck_assert_int_ge(k, 0);
    ck_assert_int_eq(r.diags[k].code, SV_DIAG_LIMIT_EXCEEDED);
    ck_assert_int_eq(r.status, SV_OK); /* not fatal */
    ck_assert_uint_eq(r.stats.sessions, 1);
    svt_free(&r);

    sv_options_init(&o);
    o.max_token = 64;
    char big[300];
    memset(big, 'a', sizeof big);
    memcpy(big, "[\"", 2);
    memcpy(big + sizeof big - 3, "\"]", 3);
    svt_run(big, strlen(big), &o, 7, &r);
    ck_assert_int_eq(r.status, SV_ERR_LIMIT);
    k = svt_find(&r, SV_DIAG_LIMIT_EXCEEDED);
    ck_assert_int_ge(k, 0);
    ck_assert_uint_eq(r.diags[k].offset, 1); /* where the token began */
    svt_free(&r);
}
END_TEST

/* -------------------------------------------------------------- the API */

static int stop_at_first(void *u, const sv_session *s)
{
    (void)s;
    (*(int *)u)++;
    return 1;
}

START_TEST(test_api_contract)
{
    const char *doc = session(NULL, NULL);
    int n = 0;
    sv_callbacks cb = {0};
    cb.on_session = stop_at_first;
    sv_parser *p = sv_parser_new(NULL, &cb, &n);
    ck_assert(p != NULL);
    ck_assert_int_eq(sv_parser_feed(p, doc, strlen(doc)), SV_ERR_ABORTED);
    ck_assert_int_eq(n, 1);
    /* sticky */
    ck_assert_int_eq(sv_parser_feed(p, "x", 1), SV_ERR_ABORTED);
    ck_assert_int_eq(sv_parser_finish(p), SV_ERR_ABORTED);
    /* reset makes it usable again */
    ck_assert_int_eq(sv_parser_reset(p), SV_OK);
    cb.on_session = NULL;
    ck_assert_int_eq(sv_parser_feed(p, doc, strlen(doc)), SV_ERR_ABORTED);
    ck_assert_int_eq(n, 2);
    ck_assert_int_eq(sv_parser_reset(p), SV_OK);
    ck_assert_int_eq(sv_parser_feed(p, "{}", 2), SV_OK);
    ck_assert_int_eq(sv_parser_finish(p), SV_OK);
    ck_assert_int_eq(sv_parser_finish(p), SV_ERR_MISUSE);
    ck_assert_int_eq(sv_parser_feed(p, "{}", 2), SV_ERR_MISUSE);
    ck_assert_int_eq(sv_parser_feed(p, NULL, 0), SV_ERR_MISUSE);
    sv_parser_free(p);
    sv_parser_free(NULL);

    /* options out of range are refused */
    sv_options o;
    sv_options_init(&o);
    o.max_depth = 0;
    ck_assert(sv_parser_new(&o, NULL, NULL) == NULL);
    sv_options_init(&o);
    o.allocator.malloc_fn = NULL;
    o.allocator.free_fn = (void (*)(void *, void *))1;
    ck_assert(sv_parser_new(&o, NULL, NULL) == NULL);

    /* names and texts */
    ck_assert_str_eq(sv_diag_name(SV_DIAG_TYPE_MISMATCH), "type-mismatch");
    ck_assert(sv_diag_name(SV_DIAG__COUNT) == NULL);
    ck_assert_str_eq(sv_status_str(SV_ERR_SYNTAX),
                     "the input is not well-formed JSON");
    ck_assert_str_eq(sv_session_type_text(SV_TYPE_POLICY_BACKUP),
                     "PolicyBackup");
    ck_assert(sv_session_type_text(SV_TYPE_OTHER) == NULL);
    ck_assert_str_eq(sv_session_status_text(SV_STATUS_SUCCESS), "Success");
    ck_assert_str_eq(sv_kind_name(SV_KIND_LOG), "log");
    char ver[32];
    snprintf(ver, sizeof ver, "%d.%d.%d", SV_VERSION_MAJOR, SV_VERSION_MINOR,
             SV_VERSION_PATCH);
    ck_assert_str_eq(sv_version(), ver);
    for (int c = 0; c < SV_DIAG__COUNT; c++) {
        sv_diag_code back;
        const char *name = sv_diag_name((sv_diag_code)c);
        ck_assert(name && sv_diag_summary((sv_diag_code)c));
        ck_assert_int_eq(sv_diag_lookup(name, strlen(name), &back), 0);
        ck_assert_int_eq(back, c);
    }
    sv_diag_code back;
    ck_assert_int_eq(sv_diag_lookup("nope", 4, &back), -1);
}
END_TEST

/* The typed record carries every member of the seed's session 3. */
START_TEST(test_record_fields)
{
    size_t len;
    char path[512];
    snprintf(path, sizeof path, "%s/valid/seed-page.json", svt_corpus());
    char *buf = svt_read_file(path, &len);
    svt_result r;
    svt_run(buf, len, NULL, 0, &r);
    ck_assert_int_eq(r.ndiags, 0);
    ck_assert_uint_eq(r.stats.sessions, 14);
    ck_assert(strstr(r.log,
                     " id=valid:\"3\" type=valid:\"RepositoryCreation\"#4 "
                     "localizedType=valid:\"Create Repository\" "
                     "start=valid:\"2020-02-07T08:04:29.825504Z\"@1581062669."
                     "825504000+0 stop=valid:\"2020-02-07T08:05:05.293101Z\""
                     "@1581062705.293101000+0 duration=valid:"
                     "\"00:00:35.4675970\"@354675970 status=valid:\"Success\""
                     "#9 usn=valid:19 backup=0"));
    ck_assert(strstr(r.log, "repository=1 repositoryId=valid:1 "
                            "repositoryName=valid:\"Backup Repository\" "
                            "repositoryRemoved=valid:1"));
    ck_assert(strstr(r.log, "page doc=0 offset=0 errors=0 warnings=0 "
                            "offset=valid:0 limit=valid:30 "
                            "totalCount=valid:14 results=valid:14"));
    svt_free(&r);
    free(buf);
}
END_TEST

Suite *sv_suite_rules(void)
{
    Suite *s = suite_create("rules");
    TCase *tc = tcase_create("session");
    tcase_add_loop_test(tc, test_session_case, 0,
                        (int)(sizeof scases / sizeof scases[0]));
    tcase_add_test(tc, test_positions_exact);
    tcase_add_test(tc, test_record_fields);
    suite_add_tcase(s, tc);
    tc = tcase_create("page");
    tcase_add_test(tc, test_page_valid);
    tcase_add_test(tc, test_page_rules);
    tcase_add_test(tc, test_page_structure);
    suite_add_tcase(s, tc);
    tc = tcase_create("documents");
    tcase_add_test(tc, test_auto_kinds);
    tcase_add_test(tc, test_log_document);
    tcase_add_test(tc, test_strict);
    tcase_add_test(tc, test_max_diagnostics);
    tcase_add_test(tc, test_multi);
    tcase_add_test(tc, test_limits);
    tcase_add_test(tc, test_api_contract);
    suite_add_tcase(s, tc);
    tc = tcase_create("syntax");
    tcase_add_loop_test(tc, test_syntax_case, 0,
                        (int)(sizeof syns / sizeof syns[0]));
    suite_add_tcase(s, tc);
    return s;
}
