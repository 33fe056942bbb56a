#!/usr/bin/env python3
"""corpus/make_captures.py - write corpus/captures/: the vendor's example
(corpus/valid/seed-page.json) as people really save responses - curl -i
captures, a browser's HAR, PowerShell's UTF-16, a UTF-8 byte-order mark,
a listing saved page by page - each with what is wrong with it.

The files are committed; this script says how they were made and makes
them again byte for byte (run from the repository root, then
`make golden` to rewrite their expected diagnostics, and review both
diffs).
"""
import base64
import copy
import gzip
import json
import os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "captures")
SEED_BYTES = open(os.path.join(ROOT, "valid", "seed-page.json"), "rb").read()
SEED = json.loads(SEED_BYTES)
HOST = "https://abc.ukwest.cloudapp.azure.com"


def write(name, data):
    path = os.path.join(OUT, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def response(body, status="200 OK", ctype="application/json; charset=utf-8",
             length=None, version="HTTP/1.1", extra=()):
    """A response as curl -i writes it: CRLF header lines, the body as
    received (no line end added after it)."""
    lines = ["%s %s" % (version, status),
             "Date: Fri, 07 Feb 2020 12:30:00 GMT"]
    if ctype is not None:
        lines.append("Content-Type: " + ctype)
    if length != "none":
        lines.append("Content-Length: %d" % (len(body) if length is None
                                              else length))
    lines += ["Connection: keep-alive", "Server: nginx"]
    lines += list(extra)
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def compact(obj):
    return json.dumps(obj, separators=(",", ":")).encode()


def page_of(results, offset, limit, total):
    p = {"offset": offset, "limit": limit, "totalCount": total,
         "results": results,
         "_links": {"self": {"href": "%s:443/api/v1/jobSessions?offset=%d"
                             "&limit=%d&display=Full" % (HOST, offset,
                                                         limit)}}}
    return json.dumps(p, indent=2).encode() + b"\n"


PROBLEM_500 = json.dumps({
    "type": "https://tools.ietf.org/html/rfc7231#section-6.6.1",
    "title": "An error occurred while processing your request.",
    "status": 500,
    "traceId": "00-9e6b1a7f3c2d4e5f8a9b0c1d2e3f4a5b-1a2b3c4d5e6f7a8b-00"},
    indent=2).encode()

PROBLEM_401 = compact({
    "type": "https://tools.ietf.org/html/rfc7235#section-3.1",
    "title": "Unauthorized", "status": 401,
    "detail": "The access token expired.",
    "traceId": "00-0f1e2d3c4b5a69788796a5b4c3d2e1f0-0a1b2c3d4e5f6a7b-00"})


def http_files():
    # the seed as curl -i saves it: valid
    write("seed-curl-i.http", response(SEED_BYTES))
    # Content-Length says more than the body holds
    write("wrong-content-length.http", response(SEED_BYTES, length=8192))
    # a server error with an RFC 7807 body
    write("status-500-problem.http",
          response(PROBLEM_500, status="500 Internal Server Error",
                   ctype="application/problem+json; charset=utf-8"))
    # curl -L -i: the redirect first, then the page: valid
    write("redirect-then-200.http",
          response(b"", status="301 Moved Permanently", ctype=None,
                   length=0,
                   extra=["Location: %s/api/v1/jobSessions" % HOST]) +
          response(SEED_BYTES))
    # curl -L -i that stopped at a redirect
    write("ends-with-redirect.http",
          response(b"", status="302 Found", ctype=None, length=0,
                   extra=["Location: %s/login?returnUrl=%%2Fapi" % HOST]))
    # curl -i URL1 URL2: the second response follows the first body on
    # the same line; the session in it has a wrong usn
    session = copy.deepcopy(SEED["results"][2])
    session["usn"] = "92"
    write("two-urls.http",
          response(SEED_BYTES) + response(compact(session)))
    # HTTP/2 as curl shows it: lower-case headers, chunked (de-chunked by
    # curl, no Content-Length): valid
    write("http2-chunked.http",
          ("HTTP/2 200 \r\ncontent-type: application/json; "
           "charset=utf-8\r\ntransfer-encoding: chunked\r\n"
           "date: Fri, 07 Feb 2020 12:30:00 GMT\r\n\r\n").encode() +
          SEED_BYTES)
    # curl -i --compressed: the headers of the gzip response (its
    # compressed length), the body decoded: valid
    write("curl-compressed.http",
          response(SEED_BYTES,
                   length=len(gzip.compress(SEED_BYTES, 9, mtime=0)),
                   extra=["Content-Encoding: gzip", "Vary: Accept-Encoding"]))
    # a login page instead of the API: wrong type, and not JSON at all
    html = (b"<!DOCTYPE html>\n<html><head><title>Sign in</title></head>"
            b"<body>Veeam Backup for Microsoft Azure</body></html>\n")
    write("content-type-html.http",
          response(html, ctype="text/html; charset=iso-8859-1"))
    # a hand-edited header block
    body = compact(SEED["results"][0])
    write("http-syntax.http",
          ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
           "Content-Length: 12x\r\nthis line is not a header\r\n\r\n"
           ).encode() + body)


def har_entry(url, status, text, ctype="application/json; charset=utf-8",
              encoding=None, method="GET", with_text=True):
    content = {"size": len(text), "mimeType": ctype.split(";")[0]}
    if with_text:
        content["text"] = text
    if encoding:
        content["encoding"] = encoding
    return {
        "startedDateTime": "2020-02-07T12:30:00.000Z",
        "time": 41.5,
        "request": {
            "method": method, "url": url, "httpVersion": "HTTP/1.1",
            "cookies": [],
            "headers": [{"name": "Authorization",
                         "value": "Bearer eyJhbGciOiJSUzI1NiIsInR5cCI6Ik"
                                  "pXVCJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0"}],
            "queryString": [], "headersSize": -1, "bodySize": 0},
        "response": {
            "status": status, "statusText": "", "httpVersion": "HTTP/1.1",
            "cookies": [],
            "headers": [{"name": "Content-Type", "value": ctype},
                        {"name": "Set-Cookie",
                         "value": "VbazSession=7f3a9c1e5b; Secure"}],
            "content": content, "redirectURL": "",
            "headersSize": -1, "bodySize": len(text)},
        "cache": {},
        "timings": {"blocked": 1, "dns": -1, "connect": -1, "send": 0.2,
                    "wait": 38.1, "receive": 2.2, "ssl": -1}}


def har(entries):
    return json.dumps({"log": {
        "version": "1.2",
        "creator": {"name": "WebInspector", "version": "537.36"},
        "pages": [], "entries": entries}}, indent=2).encode() + b"\n"


def har_files():
    page = json.dumps(SEED, indent=2)
    session = copy.deepcopy(SEED["results"][2])
    session["usn"] = "92"
    page2 = copy.deepcopy(SEED)
    page2["results"][1]["status"] = "Failed"
    write("devtools.har", har([
        # a page: valid
        har_entry(HOST + "/api/v1/jobSessions?offset=0&limit=30"
                  "&display=Full", 200, page),
        # not the API under test: counted, skipped
        har_entry(HOST + "/api/v1/policies?offset=0", 200,
                  '{"offset":0,"limit":30,"totalCount":0,"results":[]}'),
        har_entry(HOST + "/assets/logo.png", 200,
                  base64.b64encode(b"\x89PNG\r\n\x1a\n" + bytes(48)).decode(),
                  ctype="image/png", encoding="base64"),
        # a session with a wrong usn; a key in the query, never printed
        har_entry(HOST + "/api/v1/jobSessions/12?api_key=9f8e7d6c5b4a",
                  200, json.dumps(session, indent=1)),
        # a page saved base64-encoded, with a status from another product
        har_entry(HOST + "/api/v1/jobSessions?offset=0&limit=30", 200,
                  base64.b64encode(compact(page2)).decode(),
                  encoding="base64"),
        # an expired token
        har_entry(HOST + "/api/v1/jobSessions?access_token=eyJhbGciOiJIUzI1"
                  "NiJ9.eyJleHAiOjF9.abc&offset=30", 401,
                  PROBLEM_401.decode(),
                  ctype="application/problem+json; charset=utf-8"),
    ]))
    write("har-broken-content.har", har([
        # not base64 at all
        har_entry(HOST + "/api/v1/jobSessions", 200, "eyJvZmZz!ZXQiOjB9",
                  encoding="base64"),
        # saved without content
        har_entry(HOST + "/api/v1/jobSessions/14", 200, "",
                  with_text=False),
        # a page that is fine, in an unknown encoding
        har_entry(HOST + "/api/v1/jobSessions/14/log", 200, "x",
                  encoding="gzip"),
    ]))


def encoding_files():
    write("seed-utf8-bom.json", b"\xef\xbb\xbf" + SEED_BYTES)
    write("seed-utf16le-bom.json",
          b"\xff\xfe" + SEED_BYTES.decode("utf-8").encode("utf-16-le"))
    # no mark at all (Out-File -Encoding BigEndianUnicode does write one;
    # tools converting by hand often do not): found from the NUL bytes
    write("seed-utf16be-nobom.json",
          SEED_BYTES.decode("utf-8").encode("utf-16-be"))
    # Windows PowerShell's > of a page whose policy name held an emoji,
    # cut in the middle of its surrogate pair
    p = copy.deepcopy(SEED)
    p["results"][0]["backupJobInfo"]["policyName"] = "Policy \U0001F4BE"
    text = json.dumps(p, indent=2, ensure_ascii=False)
    raw = b"\xff\xfe" + text.encode("utf-16-le")
    cut = raw.index("\U0001F4BE".encode("utf-16-le")) + 2
    write("utf16le-lone-surrogate.json", raw[:cut] + raw[cut + 2:])


def pages_files():
    r = SEED["results"]   # ids 14 13 12 11 10 9 8 7 6 4 5 3 2 1
    # limit 5: page 2 repeats id 10 (the listing moved), page 3 starts at
    # 12 instead of 10, and two sessions are never seen
    write("pages-gap-dup/page-1.json", page_of(r[0:5], 0, 5, 14))
    write("pages-gap-dup/page-2.json",
          page_of(r[5:9] + [r[4]], 5, 5, 14))
    write("pages-gap-dup/page-3.json", page_of(r[12:14], 12, 5, 14))
    # the listing changed between the requests: totalCount grows, page 2 is
    # short yet page 3 follows, page 3 asked for another limit
    write("pages-drift/page-1.json", page_of(r[0:5], 0, 5, 14))
    write("pages-drift/page-2.json", page_of(r[5:8], 5, 5, 15))
    write("pages-drift/page-3.json", page_of(r[8:14], 8, 6, 15))


if __name__ == "__main__":
    http_files()
    har_files()
    encoding_files()
    pages_files()
