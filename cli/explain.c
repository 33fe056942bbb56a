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
    case SV_DIAG_BOM:
        t.meaning = "The input starts with a UTF-8 byte-order mark (EF BB "
                    "BF).  RFC 8259 (8.1) says JSON text must not begin "
                    "with one; Windows tools (Notepad, PowerShell 6+'s "
                    "Out-File -Encoding utf8BOM, .NET writers) add it.  The "
                    "mark is skipped and the rest validated; positions "
                    "count the mark (the first line's columns start at 4).";
        t.example = "EF BB BF { \"offset\": 0, ...";
        t.fix = "Save without the mark (Out-File -Encoding utf8NoBOM, or "
                "curl -o instead of redirecting PowerShell output).";
        break;
    case SV_DIAG_UTF16:
        t.meaning = "The input is UTF-16 (byte-order mark FF FE or FE FF), "
                    "what Windows PowerShell 5's '>' and Out-File write; "
                    "without a mark, a first character whose high or low "
                    "byte is NUL (00 7B, 7B 00) tells UTF-16BE or LE apart "
                    "(RFC 4627, 3).  It "
                    "is transcoded to UTF-8 while it streams and validated; "
                    "positions (offsets, lines, columns) refer to that "
                    "UTF-8 text without the mark, not to the file's bytes, "
                    "and the text format shows no source excerpt.  A lone "
                    "surrogate is a syntax error.";
        t.example = "FF FE 7B 00 22 00 ...   ({\" in UTF-16LE)";
        t.fix = "Capture as UTF-8: curl -o FILE, Invoke-RestMethod ... | "
                "ConvertTo-Json | Out-File -Encoding utf8, or Set-Content "
                "-Encoding utf8.";
        break;
    case SV_DIAG_HTTP_STATUS:
        t.meaning = "The captured response's status is not 200 OK, the "
                    "only status the API documents for a successful "
                    "jobSessions request.  A capture that ends with a "
                    "redirect (1xx, 3xx) is reported too; redirects "
                    "followed to a 200 (curl -L) are not.  In a HAR, status "
                    "0 means the browser got no response at all.";
        t.example = "HTTP/1.1 401 Unauthorized";
        t.fix = "Fix the request (token, permissions, URL) and capture "
                "again; with curl, -L follows redirects.  The body of an "
                "error response is still validated: an RFC 7807 body is "
                "reported as error-response.";
        break;
    case SV_DIAG_CONTENT_TYPE:
        t.meaning = "The response's Content-Type is not the documented "
                    "application/json; charset=utf-8.  The media type is "
                    "compared case-insensitively; a missing charset is "
                    "accepted (RFC 8259 defines none), another charset is "
                    "not; application/problem+json is accepted on an error "
                    "status.  In a HAR, the Content-Type header is checked, "
                    "else content.mimeType.";
        t.example = "Content-Type: text/html; charset=iso-8859-1";
        t.fix = "A text/html body is usually a login page or a proxy's "
                "error page: the request never reached the API.  Check the "
                "URL and the authentication.";
        break;
    case SV_DIAG_CONTENT_LENGTH:
        t.meaning = "Content-Length differs from the number of bytes of "
                    "the body as captured (up to the next response or the "
                    "end of the file; one line end after the body is "
                    "tolerated, since editors and some tools add one).  No "
                    "check when Transfer-Encoding is given (curl -i shows "
                    "a chunked body de-chunked), when Content-Encoding is "
                    "(curl --compressed keeps the compressed length and "
                    "saves the body decoded) or the capture is UTF-16.";
        t.example = "Content-Length: 7939 with 7000 bytes of body";
        t.fix = "The capture was cut short or edited after it was taken: "
                "capture the response again (curl -i, curl -D -).";
        break;
    case SV_DIAG_HTTP_SYNTAX:
        t.meaning = "A response capture has a malformed status line "
                    "(HTTP/VERSION CODE REASON), a header line that is not "
                    "NAME: VALUE, a Content-Length that is not a number, or "
                    "ends before the empty line that closes its headers.";
        t.example = "HTTP/1.1 OK    (no status code)";
        t.fix = "Capture with curl -i (or -D -) rather than by copying "
                "from a browser window; do not edit the header block.";
        break;
    case SV_DIAG_HAR:
        t.meaning = "The HAR does not have the HAR 1.2 structure where it "
                    "is needed (a top-level object with a log object, "
                    "log.entries an array of objects, a numeric "
                    "response.status, a request.url), or a jobSessions "
                    "entry's content cannot be decoded: no content.text "
                    "(saved without content), invalid base64, an encoding "
                    "other than base64.";
        t.example = "{\"log\": {\"entries\": {}}}";
        t.fix = "Export the HAR again with content (in the browser's "
                "network panel: Save all as HAR with content; mitmproxy: "
                "the har_dump add-on or File > Export; Fiddler: HTTPArchive "
                "v1.2).";
        break;
    case SV_DIAG_PAGES_OFFSET:
        t.meaning = "With --pages: a page's offset is not the previous "
                    "page's offset plus its number of results.  A larger "
                    "offset means sessions were skipped between the pages, "
                    "a smaller one that the pages overlap.";
        t.example = "page-1.json offset 0 with 30 results, then page-2.json "
                    "with offset 60";
        t.fix = "Request every page: offset = previous offset + limit, "
                "until a short page.";
        break;
    case SV_DIAG_PAGES_TOTAL_COUNT:
        t.meaning = "With --pages: totalCount differs between two pages of "
                    "one listing: sessions were created or removed while "
                    "the listing was paged, so pages may have shifted.";
        t.example = "totalCount 44 on page 1, 45 on page 2";
        t.fix = "Page again, quickly or with a filter (FromUtc/ToUtc) that "
                "freezes the set.";
        break;
    case SV_DIAG_PAGES_LIMIT:
        t.meaning = "With --pages: limit differs between two pages of one "
                    "listing; offsets computed from one limit then miss or "
                    "repeat sessions.";
        t.example = "limit 30 on page 1, limit 50 on page 2";
        t.fix = "Use one limit for every page of a listing.";
        break;
    case SV_DIAG_PAGES_DUPLICATE_ID:
        t.meaning = "With --pages: a session id appears on two pages of "
                    "one listing: the listing moved while it was paged "
                    "(new sessions push older ones onto the next page), or "
                    "one page was saved twice.";
        t.example = "id \"14\" in results of page-1.json and page-2.json";
        t.fix = "Page again, newest first with a FromUtc/ToUtc window, or "
                "de-duplicate by id.";
        break;
    case SV_DIAG_PAGES_SHORT_PAGE:
        t.meaning = "With --pages: a page holds fewer sessions than limit, "
                    "yet another page follows it.  Only the last page of a "
                    "listing may be short; a short page in the middle "
                    "means the listing changed, or the pages are not in "
                    "order.";
        t.example = "page-2.json: limit 30, 12 results; page-3.json after it";
        t.fix = "Give the pages in order (sessval --pages page-1.json "
                "page-2.json ...) and page again if the listing moved.";
        break;
    case SV_DIAG_PAGES_COUNT:
        t.meaning = "With --pages: the pages together do not hold "
                    "totalCount sessions: pages are missing (at the start, "
                    "the end or in between) or the listing changed.";
        t.example = "three pages holding 80 sessions, totalCount 87";
        t.fix = "Fetch the missing pages (the message says where the "
                "listing goes on).";
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
