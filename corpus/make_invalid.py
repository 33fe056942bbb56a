#!/usr/bin/env python3
"""Write corpus/invalid/*.json: one broken payload per case, each derived
from the vendor's example (corpus/valid/seed-page.json) by one mutation, so
that every diagnostic code is shown on a realistic capture.

The files are committed; this script documents how each was made and
re-creates them byte for byte.  Expected outputs beside them
(NAME.diag.jsonl, NAME.diag.txt) are written by `make golden` from the
sessval binary and reviewed by hand before they are committed.

File-name conventions read by the golden runner and the chunking suite:
  *.multi.json   validated with --multi
  *.ndjson.json  validated with --multi=ndjson
  *.strict.json  validated with --strict
"""
import copy
import gzip
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "invalid")
SEED = json.load(open(os.path.join(HERE, "valid", "seed-page.json")))


def pretty(doc):
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def minified(doc):
    return json.dumps(doc, separators=(",", ":"), ensure_ascii=False)


def seed():
    return copy.deepcopy(SEED)


def session(i=0):
    return copy.deepcopy(SEED["results"][i])


cases = {}


def case(name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    cases[name] = data


def mutate(name, fn, fmt=pretty):
    d = seed()
    fn(d)
    case(name, fmt(d))


def mutate_session(name, fn, i=0):
    s = session(i)
    fn(s)
    case(name, pretty(s))


# ---------------------------------------------------------------- syntax
case("syntax-trailing-comma", '{"offset":0,"limit":30,}')
case("syntax-missing-colon",
     pretty(session()).replace('"usn": 102', '"usn" 102'))
case("syntax-single-quotes",
     pretty(session()).replace('"Canceled"', "'Canceled'"))
case("syntax-leading-zero", pretty(session()).replace('"usn": 102',
                                                      '"usn": 0102'))
case("syntax-bad-escape",
     pretty(session()).replace('"Policy 1"', '"Policy\\x1"'))
case("syntax-control-char-in-string",
     pretty(session()).replace('"Policy 1"', '"Policy\n1"'))
case("syntax-form-feed", pretty(session()).replace('"usn": 102',
                                                   '"usn":\f102'))
case("syntax-vertical-tab", pretty(session()).replace('"usn": 102',
                                                      '"usn":\v102'))
case("syntax-utf8-overlong",
     pretty(session()).encode().replace(b'"Policy 1"', b'"Policy \xc0\xaf"'))
case("syntax-utf8-surrogate",
     pretty(session()).encode().replace(b'"Policy 1"',
                                        b'"Policy \xed\xa0\x80"'))
case("syntax-utf8-above-max",
     pretty(session()).encode().replace(b'"Policy 1"',
                                        b'"Policy \xf4\x90\x80\x80"'))
case("syntax-utf8-truncated-sequence",
     pretty(session()).encode().replace(b'"Policy 1"', b'"Policy \xc3"'))
case("syntax-trailing-content", pretty(session()) + "HTTP/1.1 200 OK\n")
case("syntax-two-values", pretty(session()) + pretty(session(1)))
case("syntax-nul-byte", pretty(session()).encode() + b"\x00")
# a body saved compressed (Content-Encoding: gzip): gzip's 10-byte header
# (no name, no time) and the deflated seed page
case("syntax-gzip", gzip.compress(minified(seed()).encode(), 9, mtime=0))
d = seed()
text = minified(d)
at = text.rindex('"usn":6')
case("syntax-minified-deep", text[:at] + '"usn":6,,' + text[at + 7:])

# -------------------------------------------------------------- truncated
text = pretty(seed())
case("truncated-in-object", text[: text.index('"id": "9"') + 9])
case("truncated-in-string", '{"offset":0,"limit":30,"totalCount":1,'
     '"results":[{"id":"1","type":"Policy')
case("truncated-empty", "")

# ----------------------------------------------------------------- limits
mutate_session("limit-depth",
               lambda s: s.update({"_deep": 0}))
cases["limit-depth"] = cases["limit-depth"].replace(
    b'"_deep": 0', b'"_deep": ' + b"[" * 600 + b"]" * 600)

# ---------------------------------------------------------- type-mismatch
mutate("type-usn-string",
       lambda d: d["results"][0].update({"usn": "102"}))
mutate("type-usn-fraction",
       lambda d: d["results"][1].update({"usn": 100.0}))
mutate("type-duration-milliseconds",
       lambda d: d["results"][2].update({"executionDuration": 1493563}))
mutate("type-results-object",
       lambda d: d.update({"results": d["results"][0]}))
mutate("type-stop-null-finished",
       lambda d: d["results"][3].update({"executionStopTime": None}))
case("type-top-level-array", pretty([session(0), session(1)]))
mutate("type-policy-removed-string",
       lambda d: d["results"][0]["backupJobInfo"].update(
           {"policyRemoved": "false"}))

# --------------------------------------------------------- missing-member
mutate("missing-usn", lambda d: d["results"][4].pop("usn"))
mutate("missing-stop-finished",
       lambda d: d["results"][5].pop("executionStopTime"))
mutate("missing-links-log",
       lambda d: d["results"][6]["_links"].pop("log"))
mutate("missing-total-count", lambda d: d.pop("totalCount"))
case("missing-undecidable", pretty({"data": [session(0)], "count": 1}))

# --------------------------------------------------------- unknown-member
mutate("unknown-member-typo",
       lambda d: d["results"][0].update({"usnn": d["results"][0].pop("usn")}))
mutate("unknown-member-v3-embedded",
       lambda d: d["results"][0].update({"_embeddedResources": {}}))

mutate("unknown-member-nul-in-name",
       lambda d: d["results"][0].update({"a\u0000b/~": 1}))

# ------------------------------------------------------- duplicate-member
case("duplicate-member-status",
     pretty(session()).replace('"status": "Canceled",',
                               '"status": "Canceled",\n  "status": "Error",'))

# --------------------------------------------------------------- bad-enum
mutate("bad-enum-failed",
       lambda d: d["results"][1].update({"status": "Failed"}))
mutate("bad-enum-type",
       lambda d: d["results"][2].update({"type": "PolicyBackupV2"}))

# ---------------------------------------------------------- bad-timestamp
mutate("bad-timestamp-month", lambda d: d["results"][0].update(
    {"executionStartTime": "2020-13-07T12:21:04.223155Z"}))
mutate("bad-timestamp-no-offset", lambda d: d["results"][0].update(
    {"executionStartTime": "2020-02-07T12:21:04.223155"}))
mutate("bad-timestamp-feb29", lambda d: d["results"][0].update(
    {"executionStopTime": "2023-02-29T12:22:22.046855Z"}))
mutate("bad-timestamp-leap-second", lambda d: d["results"][0].update(
    {"executionStopTime": "2020-02-07T12:22:60Z"}))

# ----------------------------------------------------------- bad-duration
mutate("bad-duration-24h", lambda d: d["results"][1].update(
    {"executionDuration": "24:00:00"}))
mutate("bad-duration-ms-string", lambda d: d["results"][1].update(
    {"executionDuration": "56864"}))

# --------------------------------------------------------- bad-uuid / url
mutate("bad-uuid-policy", lambda d: d["results"][0]["backupJobInfo"].update(
    {"policyId": "{a91630ab-1603-47ea-a76c-0525e77a1188}"}))
mutate("bad-url-relative", lambda d: d["results"][0]["_links"]["self"].update(
    {"href": "/api/v1/jobSessions/14"}))

# ----------------------------------------------------------- out-of-range
mutate("out-of-range-usn-negative",
       lambda d: d["results"][0].update({"usn": -102}))
mutate("out-of-range-empty-id", lambda d: d["results"][0].update({"id": ""}))
case("out-of-range-usn-huge",
     pretty(session()).replace('"usn": 102', '"usn": 18446744073709551616'))

# ------------------------------------------------------------- semantics
mutate("stop-before-start", lambda d: d["results"][0].update(
    {"executionStopTime": "2020-02-07T12:20:04.223155Z"}))
mutate("duration-mismatch", lambda d: d["results"][0].update(
    {"executionDuration": "00:01:17.8236000"}))
mutate("link-mismatch-self", lambda d: d["results"][0]["_links"][
    "self"].update({"href": "https://abc.ukwest.cloudapp.azure.com/api/v1/"
                            "jobSessions/41"}))
mutate("link-mismatch-page-query", lambda d: d["_links"]["self"].update(
    {"href": "https://abc.ukwest.cloudapp.azure.com:443/api/v1/jobSessions"
             "?offset=30&limit=30&display=Full"}))
mutate("job-info-missing-backup",
       lambda d: d["results"][0].pop("backupJobInfo"))
mutate("job-info-two", lambda d: d["results"][11].update(
    {"backupJobInfo": session(0)["backupJobInfo"]}))
mutate("page-overflow", lambda d: d.update({"limit": 10}))
mutate("total-count", lambda d: d.update({"totalCount": 13}))
mutate("duplicate-id", lambda d: d["results"][5].update({"id": "12"}) or
       d["results"][5]["_links"].update({
           "self": {"href": "https://abc.ukwest.cloudapp.azure.com/api/v1/"
                            "jobSessions/12"},
           "log": {"href": "https://abc.ukwest.cloudapp.azure.com/api/v1/"
                           "jobSessions/12/log"}}))

# --------------------------------------------------------- error-response
case("error-response-401", pretty({
    "type": "https://tools.ietf.org/html/rfc7235#section-3.1",
    "title": "Unauthorized", "status": 401,
    "detail": "The access token is missing or has expired.",
    "traceId": "00-4f1c5e0b3a9d2f4c8e7b6a5d4c3b2a19-7d6c5b4a39281706-00"}))
case("error-response-404", pretty({
    "type": "https://tools.ietf.org/html/rfc7231#section-6.5.4",
    "title": "Not Found", "status": 404,
    "detail": "Job session 99 was not found.",
    "instance": "/api/v1/jobSessions/99", "traceId": "00-abc-def-00"}))

# ------------------------------------------------------------ other forms
mutate("strict-unknown.strict", lambda d: d["results"][0].update(
    {"_embeddedResources": {}}))
case("ndjson-two-on-one-line.ndjson",
     minified(session(0)) + "\n" + minified(session(1)) +
     minified(session(2)) + "\n")
case("multi-mixed.multi", minified(session(0)) + "\n" + minified(
    {"type": "https://tools.ietf.org/html/rfc7235#section-3.1",
     "title": "Unauthorized", "status": 401}) + "\n" + minified(
    dict(session(1), usn="100")) + "\n")
d = seed()
d["results"][8]["executionDuration"] = "00:01:10.1877341"
d["results"][9]["status"] = "Succeeded"
d["results"][7]["executionDuration"] = "00:01:25.8306002"
case("crlf-pretty", pretty(d).replace("\n", "\r\n"))
case("log-bad-entries", pretty({
    "jobSessionId": "38",
    "log": [
        {"logTime": "2020-02-05T10:43:57.039827Z", "status": "Success",
         "message": "Backup plan creation has finished",
         "executionStartTime": "2020-02-05T10:43:57.039845Z",
         "executionDuration": "00:02:33.8496840"},
        {"logTime": "2020-02-05 10:43:57", "status": "Succeeded",
         "message": None, "executionStartTime": "2020-02-05T10:43:57Z"}]}))

if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    for name, data in sorted(cases.items()):
        with open(os.path.join(OUT, name + ".json"), "wb") as f:
            f.write(data)
    print(len(cases), "files in", OUT)
