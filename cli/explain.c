/*
 * explain.c - `sessval --explain [CODE]`: what each diagnostic means, an
 * input that triggers it, and how to fix the payload.
 *
 * A switch with no default over sv_diag_code: with -Wall -Werror the
 * compiler refuses a code that has no explanation.
 */
#include <string.h>

#include "cli.h"

struct text {
    const char *meaning, *example, *fix;
};

static struct text explain(sv_diag_code c)
{
    struct text t = {NULL, NULL, NULL};
    switch (c) {
    case SV_DIAG_SYNTAX:
        t.meaning = "The bytes are not well-formed JSON (RFC 8259): a stray "
                    "or missing character, a trailing comma, an invalid "
                    "escape, a control character in a string, a form feed "
                    "or vertical tab used as whitespace, or ill-formed "
                    "UTF-8 (overlong forms, surrogates, code points above "
                    "U+10FFFF).  The position is the first byte that cannot "
                    "start or continue valid JSON; validation of the "
                    "document stops there.";
        t.example = "{\"offset\": 0, \"limit\": 30,}";
        t.fix = "Repair the capture at the position shown.  A capture that "
                "was cut or edited by hand is the usual cause; re-capture "
                "the response if you can.";
        break;
    case SV_DIAG_TRUNCATED:
        t.meaning = "The input ended before the JSON value was complete (or "
                    "held no value at all).";
        t.example = "{\"offset\": 0, \"results\": [";
        t.fix = "The capture was cut short: a download interrupted, a size "
                "limit in the capturing tool, or a file copied while "
                "written.  Capture the response again.";
        break;
    case SV_DIAG_LIMIT_EXCEEDED:
        t.meaning = "A safety limit was exceeded: nesting depth "
                    "(max_depth, default 512), the length of one string "
                    "(max_string, 1 MiB) or the bytes of one unfinished "
                    "token (max_token, 8 MiB).  The limits keep memory "
                    "bounded on hostile input.";
        t.example = "[[[[[[ ... 600 levels ... ]]]]]]";
        t.fix = "No real jobSessions payload comes near these limits: the "
                "input is probably not a capture of this API.";
        break;
    case SV_DIAG_TYPE_MISMATCH:
        t.meaning = "A member's value has a JSON type the documented schema "
                    "does not allow there, or is null where null is not "
                    "allowed (executionStopTime and executionDuration may "
                    "be null only while a session runs).";
        t.example = "\"usn\": \"102\"   (a string where an integer belongs)";
        t.fix = "Emit the documented type: numbers unquoted, strings "
                "quoted.  Integers must not have a fraction or exponent "
                "(1.0, 1e3), as the vendor's .NET serializer never writes "
                "them.";
        break;
    case SV_DIAG_MISSING_MEMBER:
        t.meaning = "A member the schema requires is absent.  The position "
                    "is the '{' of the object that lacks it.";
        t.example = "a session without \"usn\"";
        t.fix = "Add the member.  A finished session must carry "
                "executionStopTime and executionDuration.";
        break;
    case SV_DIAG_UNKNOWN_MEMBER:
        t.meaning = "A member the documented schema does not have.  A "
                    "warning, because later API versions add members; "
                    "--strict makes it an error.  A close documented name "
                    "is suggested when there is one.";
        t.example = "\"usnn\": 102";
        t.fix = "Fix the name if it is a typo.  If the server really sends "
                "it, the capture comes from a newer API version.";
        break;
    case SV_DIAG_DUPLICATE_MEMBER:
        t.meaning = "The same member name twice in one object.  RFC 8259 "
                    "leaves the meaning undefined and parsers disagree on "
                    "which value wins; sessval keeps the first.";
        t.example = "{\"status\": \"Success\", \"status\": \"Error\"}";
        t.fix = "Remove one of them.";
        break;
    case SV_DIAG_BAD_ENUM:
        t.meaning = "A type or status outside the documented list.  A "
                    "warning, because new values appear with new API "
                    "versions.  Values from Veeam Backup for AWS (Failed, "
                    "Succeeded) get a hint.";
        t.example = "\"status\": \"Failed\"   (Azure says \"Error\")";
        t.fix = "Use a documented value; values are case-sensitive.";
        break;
    case SV_DIAG_BAD_TIMESTAMP:
        t.meaning = "A timestamp that is not an RFC 3339 date-time: "
                    "YYYY-MM-DDThh:mm:ss, an optional fraction of 1 to 9 "
                    "digits, and Z or +hh:mm.  The calendar is checked "
                    "(leap years, days per month); leap seconds (:60) are "
                    "rejected.";
        t.example = "\"executionStartTime\": \"2020-13-07T12:21:04Z\"";
        t.fix = "Write UTC with Z, as the API does "
                "(\"2020-02-07T12:21:04.223155Z\").  Local times without "
                "an offset are what Veeam Backup for AWS writes.";
        break;
    case SV_DIAG_BAD_DURATION:
        t.meaning = "A duration that is not a .NET TimeSpan in the \"c\" "
                    "format [-][d.]hh:mm:ss[.fffffff]: hours 00-23, minutes "
                    "and seconds 00-59, up to 7 fraction digits.";
        t.example = "\"executionDuration\": \"24:00:00\"   (that is "
                    "1.00:00:00)";
        t.fix = "Write TimeSpan.ToString(\"c\"): \"00:01:17.8237000\".  A "
                "number of milliseconds is Veeam Backup for AWS's "
                "convention, not this API's.";
        break;
    case SV_DIAG_BAD_UUID:
        t.meaning = "A value documented as a UUID (backupJobInfo.policyId) "
                    "is not 8-4-4-4-12 hex digits.";
        t.example = "\"policyId\": \"a91630ab-1603-47ea-a76c\"";
        t.fix = "Write the full GUID without braces.";
        break;
    case SV_DIAG_BAD_URL:
        t.meaning = "A link (_links.*.href, flrLink.url) that is not an "
                    "absolute http or https URL.";
        t.example = "\"href\": \"/api/v1/jobSessions/14\"";
        t.fix = "Links are absolute: "
                "\"https://host/api/v1/jobSessions/14\".";
        break;
    case SV_DIAG_OUT_OF_RANGE:
        t.meaning = "A number outside its documented range (usn, counts and "
                    "paging values are 0 or more and fit in 64 bits), or an "
                    "empty string where one is required (id).";
        t.example = "\"usn\": -1";
        t.fix = "Emit a value in range.";
        break;
    case SV_DIAG_STOP_BEFORE_START:
        t.meaning = "executionStopTime is earlier than executionStartTime.";
        t.example = "start 2020-02-07T12:21:04Z, stop 2020-02-07T12:20:00Z";
        t.fix = "Check the server's clock and the time zone handling of "
                "whatever produced the capture.";
        break;
    case SV_DIAG_DURATION_MISMATCH:
        t.meaning = "executionDuration differs from executionStopTime - "
                    "executionStartTime by more than one tick (100 ns).  In "
                    "the vendor's example every session agrees exactly.";
        t.example = "start 12:21:04Z, stop 12:22:22Z, duration "
                    "\"00:00:10\"";
        t.fix = "A warning: the capture may have been edited, or the "
                "server computed the duration from other clocks.";
        break;
    case SV_DIAG_LINK_MISMATCH:
        t.meaning = "A link does not point where the document says: a "
                    "session's self link must end in /jobSessions/{id} and "
                    "its log link in /jobSessions/{id}/log; a page's self "
                    "link's offset and limit must match the page's.";
        t.example = "session id \"14\" with self link "
                    "\".../jobSessions/15\"";
        t.fix = "A warning: usually a capture assembled by hand.";
        break;
    case SV_DIAG_JOB_INFO_MISMATCH:
        t.meaning = "The job-info objects do not fit the session type: "
                    "PolicyBackup and PolicySnapshot carry backupJobInfo, "
                    "RepositoryCreation carries repositoryJobInfo, and a "
                    "session carries at most one job info.";
        t.example = "\"type\": \"PolicyBackup\" with repositoryJobInfo";
        t.fix = "A warning: check the producer of the payload.";
        break;
    case SV_DIAG_PAGE_OVERFLOW:
        t.meaning = "results holds more sessions than the page's limit.";
        t.example = "\"limit\": 30 with 31 results";
        t.fix = "A server never does this; the page was edited or merged.";
        break;
    case SV_DIAG_TOTAL_COUNT:
        t.meaning = "offset + the number of results exceeds totalCount.";
        t.example = "\"offset\": 0, \"totalCount\": 14 with 15 results";
        t.fix = "The envelope and the results disagree; re-capture.";
        break;
    case SV_DIAG_DUPLICATE_ID:
        t.meaning = "Two sessions of one page share an id.";
        t.example = "two results with \"id\": \"14\"";
        t.fix = "Ids are unique; a merged or edited capture is the usual "
                "cause.";
        break;
    case SV_DIAG_ERROR_RESPONSE:
        t.meaning = "The document is an RFC 7807 error body (type, title, "
                    "status, detail, traceId), not a jobSessions payload: "
                    "the request that produced the capture failed.";
        t.example = "{\"type\": \"...\", \"title\": \"Unauthorized\", "
                    "\"status\": 401}";
        t.fix = "Fix the request (token, permissions, URL) and capture "
                "again.";
        break;
    case SV_DIAG__COUNT:
        break;
    }
    return t;
}

void cli_explain_text(sv_diag_code c, const char **meaning,
                      const char **example, const char **fix)
{
    struct text t = explain(c);
    *meaning = t.meaning ? t.meaning : "";
    *example = t.example ? t.example : "";
    *fix = t.fix ? t.fix : "";
}

int cli_explain(FILE *out, const char *code)
{
    if (!code) {
        fprintf(out, "sessval diagnostic codes (sessval --explain CODE for "
                     "details):\n\n");
        for (int c = 0; c < SV_DIAG__COUNT; c++)
            fprintf(out, "  %-20s %-8s %s\n", sv_diag_name((sv_diag_code)c),
                    sv_diag_default_severity((sv_diag_code)c) ==
                            SV_SEVERITY_ERROR
                        ? "error"
                        : "warning",
                    sv_diag_summary((sv_diag_code)c));
        return 0;
    }
    sv_diag_code c;
    if (sv_diag_lookup(code, strlen(code), &c) < 0) {
        fprintf(stderr, "sessval: unknown diagnostic code '%s' (sessval "
                        "--explain lists them)\n",
                code);
        return 2;
    }
    struct text t = explain(c);
    fprintf(out, "%s (%s by default)\n\n  %s\n\nMeaning\n", sv_diag_name(c),
            sv_diag_default_severity(c) == SV_SEVERITY_ERROR ? "error"
                                                             : "warning",
            sv_diag_summary(c));
    fprintf(out, "  %s\n\nExample\n  %s\n\nFix\n  %s\n", t.meaning,
            t.example, t.fix);
    return 0;
}
