/*
 * test_profiles.c - the API profiles (sv_options.api): the v8.1 contract
 * in the same tables as v1, and the drift between the two.
 *
 * The v8.1 sample page (corpus/valid/v8-page.api-v8.json, built from the
 * vendor's OpenAPI schemas by corpus/make_v8.py) is clean under v8 and
 * gives exactly the expected drift diagnostics under v1; then each
 * difference on its own: map _links, nullable scalars, repositoryId,
 * the enum values, the rules that are v1's only, required members.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"
#include "svtest.h"

Suite *sv_suite_profiles(void);

static void run(const char *json, sv_api api, sv_kind kind, svt_result *r)
{
    sv_options o;
    sv_options_init(&o);
    o.api = api;
    o.kind = kind;
    svt_json_opts(json, &o, r);
}

/* The codes of r, "code pointer" per diagnostic, one per line. */
static const char *codes(const svt_result *r)
{
    static char buf[8192];
    size_t at = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < r->ndiags && i < 64; i++)
        at += (size_t)snprintf(buf + at, sizeof buf - at, "%s %s\n",
                               sv_diag_name(r->diags[i].code),
                               r->diags[i].pointer);
    return buf;
}

static void expect_clean(const char *json, sv_api api, sv_kind kind)
{
    svt_result r;
    run(json, api, kind, &r);
    ck_assert_msg(r.ndiags == 0, "api %d: %s\nwant no diagnostics, got:\n%s",
                  (int)api, json, codes(&r));
    svt_free(&r);
}

/* Exactly one diagnostic, with this code and pointer and these words. */
static void expect_one(const char *json, sv_api api, sv_kind kind,
                       const char *code, const char *pointer,
                       const char *words)
{
    svt_result r;
    run(json, api, kind, &r);
    ck_assert_msg(r.ndiags == 1, "api %d: %s\nwant one %s at %s, got:\n%s",
                  (int)api, json, code, pointer, codes(&r));
    ck_assert_str_eq(sv_diag_name(r.diags[0].code), code);
    ck_assert_str_eq(r.diags[0].pointer, pointer);
    if (words)
        ck_assert_msg(strstr(r.diags[0].message, words) != NULL,
                      "message \"%s\" lacks \"%s\"", r.diags[0].message,
                      words);
    svt_free(&r);
}

static char *corpus_file(const char *rel, size_t *len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", svt_corpus(), rel);
    return svt_read_file(path, len);
}

/* ------------------------------------------------------ the v8.1 page */

START_TEST(test_v8_sample_clean)
{
    size_t len;
    char *buf = corpus_file("valid/v8-page.api-v8.json", &len);
    sv_options o;
    sv_options_init(&o);
    o.api = SV_API_V8;
    o.strict = true;
    svt_result r;
    svt_run(buf, len, &o, 0, &r);
    ck_assert_msg(r.ndiags == 0, "%s", codes(&r));
    ck_assert_uint_eq(r.stats.sessions, 10);
    ck_assert_uint_eq(r.stats.pages, 1);
    /* the v8.1 members reach the records */
    ck_assert(strstr(r.log, "policyType=valid:\"VirtualMachines\""));
    ck_assert(strstr(r.log, "repositoryId=absent:0"));
    ck_assert(strstr(r.log, "repositoryIdText=valid:\"5e2c8b1f-4a7d-4c3e-"
                            "9f60-1b8d3a7e2c95\""));
    ck_assert(strstr(r.log, "health=1 hcPolicyId=valid:\"a91630ab-1603-"
                            "47ea-a76c-0525e77a1188\" hcPolicyName=valid:"
                            "\"Daily VMs\" hcChecked=valid:12 "
                            "hcRemoved=valid:0"));
    ck_assert(strstr(r.log, "retention=1 deleted=valid:4"));
    ck_assert(strstr(r.log, "days=valid:7 priority=valid:\"High\""));
    ck_assert(strstr(r.log, "fsflr=1 link=0 fsInitiator=valid:"
                            "\"ops@contoso.example\""));
    ck_assert(strstr(r.log, "initiator=valid:\"CONTOSO\\ops\" "
                            "vmName=valid:\"web-01\""));
    ck_assert(strstr(r.log, "flrCreated=valid:\"2025-02-28T01:00:05.9Z\""));
    ck_assert(strstr(r.log, "flrReady=valid:1"));
    ck_assert(strstr(r.log, "restorePolicy=valid:\"Daily VMs\""));
    /* the running session: stop and duration null, no rule about it */
    ck_assert(strstr(r.log, "stop=null duration=null status=valid:"
                            "\"Running\""));
    /* Unknown is its own value, not OTHER */
    char want[64];
    snprintf(want, sizeof want, "status=valid:\"Unknown\"#%d",
             (int)SV_STATUS_UNKNOWN);
    ck_assert(strstr(r.log, want));
    snprintf(want, sizeof want, "type=valid:\"Unknown\"#%d",
             (int)SV_TYPE_UNKNOWN);
    ck_assert(strstr(r.log, want));
    svt_free(&r);
    free(buf);
}
END_TEST

/* What the v8.1 page says under the v1 contract, in order. */
static const char *const drift[][2] = {
    {"unknown-member", "/results/0/backupJobInfo/policyType"},
    {"unknown-member", "/results/0/_links/stop"},
    {"missing-member", "/results/0"},
    {"bad-enum", "/results/1/type"},
    {"unknown-member", "/results/1/backupJobInfo/policyType"},
    {"unknown-member", "/results/1/healthCheckJobInfo"},
    {"unknown-member", "/results/1/retentionJobInfo"},
    {"unknown-member", "/results/1/_links/stop"},
    {"missing-member", "/results/1"},
    {"bad-enum", "/results/2/type"},
    {"unknown-member", "/results/2/healthCheckJobInfo"},
    {"unknown-member", "/results/2/_links/stop"},
    {"missing-member", "/results/2"},
    {"type-mismatch", "/results/3/repositoryJobInfo/repositoryId"},
    {"unknown-member", "/results/3/_links/stop"},
    {"missing-member", "/results/3"},
    {"unknown-member", "/results/4/fileLevelRestoreJobInfo/initiator"},
    {"unknown-member", "/results/4/fileLevelRestoreJobInfo/vmName"},
    {"unknown-member",
     "/results/4/fileLevelRestoreJobInfo/backupPolicyDisplayName"},
    {"unknown-member",
     "/results/4/fileLevelRestoreJobInfo/restorePointCreatedDateUtc"},
    {"unknown-member", "/results/4/fileLevelRestoreJobInfo/isFlrSessionReady"},
    {"unknown-member", "/results/4/_links/stop"},
    {"missing-member", "/results/4"},
    {"bad-enum", "/results/5/type"},
    {"unknown-member", "/results/5/fileShareFileLevelRestoreJobInfo"},
    {"unknown-member", "/results/5/_links/stop"},
    {"missing-member", "/results/5"},
    {"bad-enum", "/results/6/type"},
    {"unknown-member", "/results/6/restorePointDataRetrievalJobInfo"},
    {"unknown-member", "/results/6/_links/stop"},
    {"missing-member", "/results/6"},
    {"unknown-member", "/results/7/restoreJobInfo/backupPolicyDisplayName"},
    {"unknown-member", "/results/7/_links/stop"},
    {"missing-member", "/results/7"},
    {"unknown-member", "/results/8/retentionJobInfo"},
    {"unknown-member", "/results/8/_links/stop"},
    {"missing-member", "/results/8"},
    {"bad-enum", "/results/9/type"},
    {"type-mismatch", "/results/9/localizedType"},
    {"bad-enum", "/results/9/status"},
    {"unknown-member", "/results/9/_links/stop"},
    {"missing-member", "/results/9"},
    {"unknown-member", "/_links/next"},
};

START_TEST(test_v8_sample_under_v1)
{
    size_t len;
    char *buf = corpus_file("valid/v8-page.api-v8.json", &len);
    svt_result r;
    svt_run(buf, len, NULL, 0, &r); /* the default profile is v1 */
    size_t n = sizeof drift / sizeof drift[0];
    ck_assert_msg(r.ndiags == n, "want %zu diagnostics, got %zu:\n%s", n,
                  r.ndiags, codes(&r));
    for (size_t i = 0; i < n; i++) {
        ck_assert_msg(strcmp(sv_diag_name(r.diags[i].code), drift[i][0]) ==
                              0 &&
                          strcmp(r.diags[i].pointer, drift[i][1]) == 0,
                      "diagnostic %zu: want %s %s, got %s %s", i,
                      drift[i][0], drift[i][1],
                      sv_diag_name(r.diags[i].code), r.diags[i].pointer);
        /* every name and value v8.1 has says so */
        if (strstr(drift[i][1], "/type") || strstr(drift[i][1], "/status") ||
            strstr(drift[i][1], "JobInfo") ||
            strstr(drift[i][1], "policyType"))
            ck_assert_msg(strstr(r.diags[i].message,
                                 "(API v8.1 has it: --api=v8)") != NULL ||
                              r.diags[i].code != SV_DIAG_BAD_ENUM,
                          "%s", r.diags[i].message);
    }
    ck_assert_str_eq(r.diags[13].message,
                     "expected an integer, found string "
                     "\"5e2c8b1f-4a7d-4c3e-9f60-1b8d3a7e2c95\"");
    ck_assert_str_eq(r.diags[2].message,
                     "missing required member \"usn\" in session");
    ck_assert_str_eq(r.diags[39].message,
                     "unknown status \"Unknown\" (API v8.1 has it: "
                     "--api=v8)");
    svt_free(&r);
    free(buf);
}
END_TEST

/* The v1 seed under v8.1: usn is gone, LingeringSnapshotRetention was
 * renamed, repositoryId became a string. */
START_TEST(test_v1_seed_under_v8)
{
    size_t len;
    char *buf = corpus_file("valid/seed-page.json", &len);
    sv_options o;
    sv_options_init(&o);
    o.api = SV_API_V8;
    svt_result r;
    svt_run(buf, len, &o, 0, &r);
    ck_assert_uint_eq(r.ndiags, 17);
    size_t usn = 0, lingering = 0, repo = 0;
    for (size_t i = 0; i < r.ndiags; i++) {
        const struct svt_diag *d = &r.diags[i];
        if (d->code == SV_DIAG_UNKNOWN_MEMBER && strstr(d->pointer, "/usn"))
            usn += strstr(d->message, "(API v1 has it, v8.1 does not)") != 0;
        if (d->code == SV_DIAG_BAD_ENUM)
            lingering += strstr(d->message, "\"LingeringSnapshotRetention\""
                                            " (API v1 has it, v8.1 does "
                                            "not)") != 0;
        if (d->code == SV_DIAG_TYPE_MISMATCH)
            repo += strcmp(d->pointer,
                           "/results/11/repositoryJobInfo/repositoryId") ==
                    0;
    }
    ck_assert_uint_eq(usn, 14);
    ck_assert_uint_eq(lingering, 2);
    ck_assert_uint_eq(repo, 1);
    svt_free(&r);
    free(buf);
}
END_TEST

/* ---------------------------------------------------------- one by one */

#define LINK(id) "{\"href\":\"https://h/api/v8.1/jobSessions/" id "\"}"

/* A minimal v8.1 session (status is its one required member); `more`
 * goes inside the object. */
static char *v8_session(const char *more)
{
    static char buf[4096];
    snprintf(buf, sizeof buf, "{\"status\":\"Success\"%s%s}",
             more && *more ? "," : "", more ? more : "");
    return buf;
}

START_TEST(test_links_map)
{
    /* any link name is a LinkHAL in v8.1 */
    expect_clean(v8_session("\"id\":\"7\",\"_links\":{\"self\":" LINK("7")
                            ",\"log\":"
                            LINK("7/log") ",\"next\":" LINK("8") ",\"x-y "
                            "\\u00e9\":{\"href\":null},\"empty\":{}}"),
                 SV_API_V8, SV_KIND_SESSION);
    expect_clean(v8_session("\"_links\":{}"), SV_API_V8, SV_KIND_SESSION);
    expect_clean(v8_session("\"_links\":null"), SV_API_V8, SV_KIND_SESSION);
    /* each value is checked as a LinkHAL */
    expect_one(v8_session("\"_links\":{\"next\":{\"href\":\"/rel\"}}"),
               SV_API_V8, SV_KIND_SESSION, "bad-url", "/_links/next/href",
               "no scheme");
    expect_one(v8_session("\"_links\":{\"next\":null}"), SV_API_V8,
               SV_KIND_SESSION, "type-mismatch", "/_links/next",
               "expected an object, found null");
    expect_one(v8_session("\"_links\":{\"next\":\"https://h/x\"}"),
               SV_API_V8, SV_KIND_SESSION, "type-mismatch", "/_links/next",
               "found string");
    expect_one(v8_session("\"_links\":{\"next\":{\"href\":\"https://h/\","
                          "\"rel\":\"next\"}}"),
               SV_API_V8, SV_KIND_SESSION, "unknown-member",
               "/_links/next/rel", NULL);
    expect_one(v8_session("\"_links\":{\"a\":{},\"a\":{}}"), SV_API_V8,
               SV_KIND_SESSION, "duplicate-member", "/_links/a", NULL);
    /* self and log keep their link checks */
    expect_one(v8_session("\"id\":\"7\",\"_links\":{\"self\":" LINK("8") "}"),
               SV_API_V8, SV_KIND_SESSION, "link-mismatch",
               "/_links/self/href", "/jobSessions/7");
    /* page links */
    expect_clean("{\"offset\":0,\"limit\":5,\"_links\":{\"self\":{\"href\":"
                 "\"https://h/api/v8.1/jobSessions?offset=0&limit=5\"},"
                 "\"first\":{\"href\":\"https://h/api/v8.1/jobSessions\"}}}",
                 SV_API_V8, SV_KIND_AUTO);
    /* v1 has no map: the same names are unknown members */
    expect_one("{\"offset\":0,\"limit\":30,\"totalCount\":0,\"results\":[],"
               "\"_links\":{\"self\":{\"href\":\"https://h/api/v1/"
               "jobSessions\"},\"first\":{\"href\":\"https://h/\"}}}",
               SV_API_V1, SV_KIND_AUTO, "unknown-member", "/_links/first",
               "unknown member \"first\" in _links");
}
END_TEST

START_TEST(test_nullable_scalars)
{
    static const char *const members[] = {
        "id", "localizedType", "executionStartTime", "executionStopTime",
        "executionDuration",
    };
    for (size_t i = 0; i < sizeof members / sizeof members[0]; i++) {
        char more[128], ptr[64];
        snprintf(more, sizeof more, "\"%s\":null", members[i]);
        expect_clean(v8_session(more), SV_API_V8, SV_KIND_SESSION);
        snprintf(ptr, sizeof ptr, "/%s", members[i]);
        /* v1: null is a type mismatch (stop and duration: for a finished
         * session) */
        char v1[1024];
        snprintf(v1, sizeof v1,
                 "{\"id\":\"7\",\"type\":\"ManualSnapshot\",\"localizedType\""
                 ":\"M\",\"executionStartTime\":\"2020-02-07T12:21:04Z\","
                 "\"executionStopTime\":\"2020-02-07T12:21:05Z\","
                 "\"executionDuration\":\"00:00:01\",\"status\":\"Success\","
                 "\"usn\":1,\"_links\":{\"self\":{\"href\":\"https://h/api/"
                 "v1/jobSessions/7\"},\"log\":{\"href\":\"https://h/api/v1/"
                 "jobSessions/7/log\"}}}");
        expect_clean(v1, SV_API_V1, SV_KIND_SESSION);
        char *at = strstr(v1, ptr + 1);
        ck_assert(at != NULL);
        char *val = strchr(at, ':') + 1;
        char *end = strchr(val, ',');
        char changed[1024];
        snprintf(changed, sizeof changed, "%.*snull%s", (int)(val - v1), v1,
                 end);
        expect_one(changed, SV_API_V1, SV_KIND_SESSION, "type-mismatch", ptr,
                   "null");
    }
    /* the job infos and their strings */
    expect_clean(v8_session("\"fileLevelRestoreJobInfo\":{\"reason\":null,"
                            "\"flrLink\":{\"url\":null,\"thumbprint\":null},"
                            "\"vmId\":null,\"initiator\":null,\"vmName\":"
                            "null,\"backupPolicyDisplayName\":null,"
                            "\"restorePointCreatedDateUtc\":null},"
                            "\"repositoryJobInfo\":null,"
                            "\"restorePointDataRetrievalJobInfo\":null"),
                 SV_API_V8, SV_KIND_SESSION);
    /* not everything: status, type, restoreJobInfo, booleans, counts */
    expect_one(v8_session("\"restoreJobInfo\":null"), SV_API_V8,
               SV_KIND_SESSION, "type-mismatch", "/restoreJobInfo",
               "expected an object, found null");
    expect_one(v8_session("\"healthCheckJobInfo\":{\"policyName\":null}"),
               SV_API_V8, SV_KIND_SESSION, "type-mismatch",
               "/healthCheckJobInfo/policyName", NULL);
    expect_one("{\"status\":null}", SV_API_V8, SV_KIND_SESSION,
               "type-mismatch", "/status", NULL);
    expect_one("{\"status\":\"Success\",\"type\":null}", SV_API_V8,
               SV_KIND_SESSION, "type-mismatch", "/type", NULL);
    /* logTime is the one log member that is not nullable */
    expect_clean("{\"jobSessionId\":null,\"log\":[{\"logTime\":\"2025-01-01T"
                 "00:00:00Z\",\"status\":\"Unknown\",\"message\":null,"
                 "\"resourceHashId\":null,\"executionStartTime\":null,"
                 "\"executionDuration\":null}]}",
                 SV_API_V8, SV_KIND_AUTO);
    expect_one("{\"log\":[{\"logTime\":null}]}", SV_API_V8, SV_KIND_LOG,
               "type-mismatch", "/log/0/logTime", NULL);
    expect_clean("{\"log\":null}", SV_API_V8, SV_KIND_LOG);
}
END_TEST

START_TEST(test_repository_id)
{
#define AS_STRING                                                             \
    "{\"repositoryId\":\"5e2c8b1f\",\"repositoryName\":\"R\","              \
    "\"repositoryRemoved\":false}"
#define AS_INT                                                                \
    "{\"repositoryId\":5,\"repositoryName\":\"R\",\"repositoryRemoved\":"   \
    "false}"
    const char *as_string = AS_STRING, *as_int = AS_INT;
    char more[256];
    svt_result r;
    snprintf(more, sizeof more, "\"repositoryJobInfo\":%s", as_string);
    run(v8_session(more), SV_API_V8, SV_KIND_SESSION, &r);
    ck_assert_msg(r.ndiags == 0, "%s", codes(&r));
    ck_assert(strstr(r.log, "repositoryId=absent:0 "));
    ck_assert(strstr(r.log, "repositoryIdText=valid:\"5e2c8b1f\""));
    svt_free(&r);
    snprintf(more, sizeof more, "\"repositoryJobInfo\":%s", as_int);
    run(v8_session(more), SV_API_V8, SV_KIND_SESSION, &r);
    ck_assert_str_eq(sv_diag_name(r.diags[0].code), "type-mismatch");
    ck_assert_str_eq(r.diags[0].pointer, "/repositoryJobInfo/repositoryId");
    ck_assert_str_eq(r.diags[0].message,
                     "expected a string or null, found number 5");
    svt_free(&r);
    /* v1: the other way round */
#define V1_REPOSITORY(info)                                                   \
    "{\"id\":\"3\",\"type\":\"RepositoryCreation\",\"localizedType\":"      \
    "\"C\",\"executionStartTime\":\"2020-02-07T08:04:29Z\","                \
    "\"executionStopTime\":\"2020-02-07T08:05:05Z\",\"executionDuration\""  \
    ":\"00:00:36\",\"status\":\"Success\",\"usn\":19,"                     \
    "\"repositoryJobInfo\":" info ",\"_links\":{\"self\":{\"href\":"        \
    "\"https://h/api/v1/jobSessions/3\"},\"log\":{\"href\":"               \
    "\"https://h/api/v1/jobSessions/3/log\"}}}"
    run(V1_REPOSITORY(AS_INT), SV_API_V1, SV_KIND_AUTO, &r);
    ck_assert_msg(r.ndiags == 0, "%s", codes(&r));
    ck_assert(strstr(r.log, "repositoryId=valid:5 "));
    ck_assert(strstr(r.log, "repositoryIdText=absent"));
    svt_free(&r);
    expect_one(V1_REPOSITORY(AS_STRING), SV_API_V1, SV_KIND_AUTO, "type-mismatch",
               "/repositoryJobInfo/repositoryId",
               "expected an integer, found string \"5e2c8b1f\"");
}
END_TEST

START_TEST(test_enum_values)
{
    char more[256], doc[512];
    size_t v8_types = 0, v1_types = 0, v8_only = 0;
    for (size_t i = 0; i < sv_schema_type_count; i++) {
        const sv_enum_value *t = &sv_schema_types[i];
        v8_types += (t->profiles & SV_P_V8) != 0;
        v1_types += (t->profiles & SV_P_V1) != 0;
        snprintf(doc, sizeof doc,
                 "{\"status\":\"Success\",\"type\":\"%s\"}", t->text);
        if (t->profiles & SV_P_V8) {
            if (t->value != SV_TYPE_POLICY_BACKUP &&
                t->value != SV_TYPE_POLICY_SNAPSHOT &&
                t->value != SV_TYPE_REPOSITORY_CREATION)
                expect_clean(doc, SV_API_V8, SV_KIND_SESSION);
        } else {
            expect_one(doc, SV_API_V8, SV_KIND_SESSION, "bad-enum", "/type",
                       "(API v1 has it, v8.1 does not)");
        }
        if (!(t->profiles & SV_P_V1)) {
            v8_only++;
            snprintf(more, sizeof more, "unknown session type \"%s\" (API "
                                        "v8.1 has it: --api=v8)",
                     t->text);
            /* a session under v1: all its other members are missing, so
             * look for the one diagnostic about the type */
            snprintf(doc, sizeof doc, "{\"type\":\"%s\"}", t->text);
            svt_result r;
            run(doc, SV_API_V1, SV_KIND_SESSION, &r);
            int found = 0;
            for (size_t k = 0; k < r.ndiags && k < 64; k++)
                found |= r.diags[k].code == SV_DIAG_BAD_ENUM &&
                         strcmp(r.diags[k].message, more) == 0;
            ck_assert_msg(found, "%s: %s", t->text, codes(&r));
            svt_free(&r);
        }
        ck_assert_str_eq(sv_session_type_text((sv_session_type)t->value),
                         t->text);
    }
    ck_assert_uint_eq(v8_types, 63);
    ck_assert_uint_eq(v1_types, 18);
    ck_assert_uint_eq(v8_only, 47);

    /* Unknown: a status of v8.1, a distinct constant */
    ck_assert_int_ne(SV_STATUS_UNKNOWN, SV_STATUS_OTHER);
    ck_assert_int_ne(SV_TYPE_UNKNOWN, SV_TYPE_OTHER);
    ck_assert_str_eq(sv_session_status_text(SV_STATUS_UNKNOWN), "Unknown");
    ck_assert_str_eq(sv_session_type_text(SV_TYPE_UNKNOWN), "Unknown");
    svt_result r;
    run("{\"status\":\"Unknown\"}", SV_API_V8, SV_KIND_SESSION, &r);
    ck_assert_uint_eq(r.ndiags, 0);
    snprintf(doc, sizeof doc, "status=valid:\"Unknown\"#%d",
             (int)SV_STATUS_UNKNOWN);
    ck_assert(strstr(r.log, doc));
    svt_free(&r);
    run("{\"status\":\"Unknown\"}", SV_API_V1, SV_KIND_SESSION, &r);
    ck_assert(strstr(r.log, "status=invalid:\"Unknown\"#0"));
    svt_free(&r);
    /* a case slip is still a case slip, not drift */
    expect_one("{\"status\":\"unknown\"}", SV_API_V8, SV_KIND_SESSION,
               "bad-enum", "/status",
               "(did you mean \"Unknown\"? values are case-sensitive)");
    expect_one("{\"status\":\"Failed\"}", SV_API_V8, SV_KIND_SESSION,
               "bad-enum", "/status", "did you mean \"Error\"?");

    /* PolicyType and DataRetrievalPriority */
    expect_clean(v8_session("\"backupJobInfo\":{\"policyType\":\"CosmosDb\"}"),
                 SV_API_V8, SV_KIND_SESSION);
    expect_one(v8_session("\"backupJobInfo\":{\"policyType\":\"Sql\"}"),
               SV_API_V8, SV_KIND_SESSION, "bad-enum",
               "/backupJobInfo/policyType",
               "unknown policy type \"Sql\" (not in the documented list)");
    expect_one(v8_session("\"restorePointDataRetrievalJobInfo\":{"
                          "\"dataRetrievalPriority\":\"high\"}"),
               SV_API_V8, SV_KIND_SESSION, "bad-enum",
               "/restorePointDataRetrievalJobInfo/dataRetrievalPriority",
               "unknown data retrieval priority \"high\" (did you mean "
               "\"High\"?");
}
END_TEST

/* Rules that are v1's: stop time and duration of a finished session;
 * required members; ranges. */
START_TEST(test_profile_rules)
{
    /* v8.1: stop time and duration null or absent whatever the status */
    expect_clean(v8_session("\"executionStartTime\":\"2025-01-01T00:00:00Z\","
                            "\"executionStopTime\":null"),
                 SV_API_V8, SV_KIND_SESSION);
    expect_clean("{\"status\":\"Error\"}", SV_API_V8, SV_KIND_SESSION);
    /* only status is required */
    expect_one("{\"id\":\"1\"}", SV_API_V8, SV_KIND_SESSION,
               "missing-member", "", "missing required member \"status\"");
    /* usn is not a v8.1 member */
    expect_one(v8_session("\"usn\":5"), SV_API_V8, SV_KIND_SESSION,
               "unknown-member", "/usn",
               "unknown member \"usn\" in session (API v1 has it, v8.1 does "
               "not)");
    /* page: offset and limit required, int32; limit may be -1 */
    expect_clean("{\"offset\":0,\"limit\":-1}", SV_API_V8, SV_KIND_PAGE);
    expect_clean("{\"offset\":2147483647,\"limit\":2147483647,\"totalCount\""
                 ":null,\"results\":[]}",
                 SV_API_V8, SV_KIND_PAGE);
    expect_one("{\"offset\":0,\"limit\":-2}", SV_API_V8, SV_KIND_PAGE,
               "out-of-range", "/limit", "from -1 to 2147483647");
    expect_one("{\"offset\":2147483648,\"limit\":1}", SV_API_V8, SV_KIND_PAGE,
               "out-of-range", "/offset", "from 0 to 2147483647");
    expect_one("{\"offset\":0}", SV_API_V8, SV_KIND_PAGE, "missing-member",
               "", "\"limit\"");
    expect_one("{\"offset\":0,\"limit\":-1,\"totalCount\":0,\"results\":[],"
               "\"_links\":{\"self\":{\"href\":\"https://h/\"}}}",
               SV_API_V1, SV_KIND_PAGE, "out-of-range", "/limit",
               "from 0 to 9223372036854775807");
    /* page arithmetic still holds */
    expect_one("{\"offset\":0,\"limit\":1,\"results\":[{\"status\":"
               "\"Success\"},{\"status\":\"Success\"}]}",
               SV_API_V8, SV_KIND_PAGE, "page-overflow", "/results", NULL);
    /* counts are int32 in v8.1, int64 in v1 */
    expect_one(v8_session("\"backupJobInfo\":{\"protectedInstancesCount\":"
                          "2147483648}"),
               SV_API_V8, SV_KIND_SESSION, "out-of-range",
               "/backupJobInfo/protectedInstancesCount", NULL);
    /* the v8.1 log: nothing required, resourceHashId known */
    expect_clean("{}", SV_API_V8, SV_KIND_LOG);
    expect_one("{\"jobSessionId\":\"38\",\"log\":[{\"logTime\":\"2020-02-05T"
               "10:43:57.039827Z\",\"status\":\"Success\",\"message\":\"m\","
               "\"resourceHashId\":\"x\",\"executionStartTime\":\"2020-02-05T"
               "10:43:57.039845Z\",\"executionDuration\":\"00:02:33.8496840\""
               "}]}",
               SV_API_V1, SV_KIND_AUTO, "unknown-member",
               "/log/0/resourceHashId", "(API v8.1 has it: --api=v8)");
    /* an error body is still recognised, 403's member included */
    expect_one("{\"type\":null,\"title\":\"Forbidden\",\"status\":403,"
               "\"licenseAgreementAcceptanceRequired\":true}",
               SV_API_V8, SV_KIND_AUTO, "error-response", "",
               "a 403 error response");
    expect_one("{\"licenseAgreementAcceptanceRequired\":true,\"status\":403}",
               SV_API_V8, SV_KIND_AUTO, "error-response", "", "403");
}
END_TEST

/* ------------------------------------------------------------- tables */

static void check_object(const sv_object *o, int depth)
{
    ck_assert(depth < 8);
    for (unsigned api = 0; api < SV_NPROFILES; api++)
        for (size_t i = 0; i < o->count; i++) {
            const sv_member *a = &o->members[i];
            ck_assert_msg((a->profiles & ~SV_P_ALL) == 0, "%s", a->name);
            /* flags only where the member exists */
            if (!(a->profiles & (1u << api)))
                ck_assert_msg(a->flags[api] == 0, "%s.%s: flags outside "
                                                  "its profiles",
                              o->name, a->name);
            if (!(a->profiles & (1u << api)))
                continue;
            for (size_t k = i + 1; k < o->count; k++) {
                const sv_member *b = &o->members[k];
                ck_assert_msg(!((b->profiles & (1u << api)) &&
                                strcmp(a->name, b->name) == 0),
                              "%s.%s twice in profile %u", o->name, a->name,
                              api);
            }
        }
    for (size_t i = 0; i < o->count; i++)
        if (o->members[i].child)
            check_object(o->members[i].child, depth + 1);
    if (o->any && o->any->child)
        check_object(o->any->child, depth + 1);
}

/* Within one profile, a name is one member and a text one value. */
START_TEST(test_tables)
{
    for (int k = SV_KIND_PAGE; k <= SV_KIND_PROBLEM; k++)
        check_object(sv_schema_roots[k], 0);
    static const sv_format enums[] = {SV_F_TYPE, SV_F_STATUS,
                                      SV_F_POLICY_TYPE, SV_F_PRIORITY};
    for (size_t e = 0; e < sizeof enums / sizeof enums[0]; e++) {
        const sv_enum *t = sv_schema_enum(enums[e]);
        ck_assert(t != NULL);
        for (size_t i = 0; i < t->count; i++) {
            ck_assert(t->values[i].value != 0);
            ck_assert(t->values[i].profiles != 0);
            for (size_t j = i + 1; j < t->count; j++)
                ck_assert(!((t->values[i].profiles &
                             t->values[j].profiles) &&
                            strcmp(t->values[i].text, t->values[j].text) ==
                                0));
        }
    }
    ck_assert(sv_schema_enum(SV_F_UUID) == NULL);
    ck_assert_uint_eq(sv_schema_status_count, 11);
}
END_TEST

Suite *sv_suite_profiles(void)
{
    Suite *s = suite_create("profiles");
    TCase *tc = tcase_create("v8");
    tcase_add_test(tc, test_v8_sample_clean);
    tcase_add_test(tc, test_v8_sample_under_v1);
    tcase_add_test(tc, test_v1_seed_under_v8);
    tcase_add_test(tc, test_links_map);
    tcase_add_test(tc, test_nullable_scalars);
    tcase_add_test(tc, test_repository_id);
    tcase_add_test(tc, test_enum_values);
    tcase_add_test(tc, test_profile_rules);
    tcase_add_test(tc, test_tables);
    suite_add_tcase(s, tc);
    return s;
}
