#!/usr/bin/env python3
"""mkseeds.py - raw seed inputs for the harnesses, before minimisation.

    python3 fuzz/mkseeds.py OUTDIR

writes OUTDIR/fuzz_document/, OUTDIR/fuzz_chunks/ and OUTDIR/fuzz_time/:
every file of corpus/ plus small generated payloads (one per rule, syntax
error, limit and option path), each with the leading bytes its harness
reads (see the comments at the top of fuzz_document.c, fuzz_chunks.c and
fuzz_time.c).  `make fuzz-corpus` runs this, then libFuzzer's -merge=1
keeps the inputs that add coverage to fuzz/corpus/<harness>/.
"""
import glob
import hashlib
import os
import sys

HOST = "https://abc.ukwest.cloudapp.azure.com"


def session(sid="14", typ="PolicyBackup", start="2020-02-07T12:21:04.223155Z",
            stop="2020-02-07T12:22:22.046855Z", dur="00:01:17.8237000",
            status="Success", usn="102", info=None, links=None, extra="",
            drop=()):
    if info is None:
        info = ('"backupJobInfo":{"policyId":'
                '"a91630ab-1603-47ea-a76c-0525e77a1188","policyName":'
                '"Policy 1","protectedInstancesCount":0,"policyRemoved":false}')
    if links is None:
        links = ('"_links":{"self":{"href":"%s/api/v1/jobSessions/%s"},'
                 '"log":{"href":"%s/api/v1/jobSessions/%s/log"}}'
                 % (HOST, sid, HOST, sid))
    members = [
        ("id", '"id":"%s"' % sid),
        ("type", '"type":"%s"' % typ),
        ("localizedType", '"localizedType":"Policy Backup"'),
        ("executionStartTime", '"executionStartTime":%s' % q(start)),
        ("executionStopTime", '"executionStopTime":%s' % q(stop)),
        ("executionDuration", '"executionDuration":%s' % q(dur)),
        ("status", '"status":"%s"' % status),
        ("usn", '"usn":%s' % usn if usn is not None else ""),
        ("info", info),
        ("_links", links),
    ]
    body = ",".join(m for k, m in members if k not in drop and m)
    return "{" + body + extra + "}"


def q(v):
    """None: null; "=raw": raw JSON; else a JSON string."""
    if v is None:
        return "null"
    return v[1:] if v.startswith("=") else '"%s"' % v


def page(sessions, offset=0, limit=30, total=None, self_q=None, extra=""):
    total = len(sessions) if total is None else total
    self_q = self_q or "offset=%s&limit=%s" % (offset, limit)
    return ('{"offset":%s,"limit":%s,"totalCount":%s,"results":[%s],'
            '"_links":{"self":{"href":"%s:443/api/v1/jobSessions?%s"}}%s}'
            % (offset, limit, total, ",".join(sessions), HOST, self_q, extra))


def log_doc(entries, sid="14"):
    return '{"jobSessionId":"%s","log":[%s]}' % (sid, ",".join(entries))


def log_entry(t="2020-02-07T12:21:05Z", status="Success", msg="Started",
              dur="00:00:01", extra=""):
    return ('{"logTime":"%s","status":"%s","message":"%s",'
            '"executionStartTime":"2020-02-07T12:21:04Z",'
            '"executionDuration":"%s"%s}' % (t, status, msg, dur, extra))


def documents():
    """(name, bytes, options byte) for the parser harnesses."""
    out = []

    def add(name, text, opt=0):
        if isinstance(text, str):
            text = text.encode("utf-8")
        out.append((name, text, opt))

    # the sample corpus under a few option sets
    for path in sorted(glob.glob("corpus/*/*.json")):
        data = open(path, "rb").read()
        base = os.path.basename(path)
        # the options the file's name asks for (as tests/ reads them)
        named = 0
        for tag, bits in ((".multi.", 0x10), (".ndjson.", 0x20),
                          (".strict.", 0x08), (".api-v8.", 0x40)):
            if tag in base:
                named |= bits
        add(base, data, named)
        add(base + ".page", data, named | 0x01)
        add(base + ".strict", data, named | 0x08)
        add(base + ".small", data, named | 0x80)
        add(base + ".maxdiag", data, named | 0x06)
        add(base + ".nodup", data, named | 0x07)
        add(base + ".v8", data, named ^ 0x40)

    s = session()
    add("session", s, 0x00)
    add("session.kind", s, 0x02)
    add("session.as-page", s, 0x01)
    add("session.as-log", s, 0x03)
    add("session.as-problem", s, 0x04)
    add("page-1", page([s]))
    add("page-0", page([]))
    # every job info
    add("restore-items-array", session(typ="RestoreVms", info=(
        '"restoreJobInfo":{"reason":null,"items":[{"a":1},{"b":[2]}]}')))
    add("restore-items-object", session(typ="RestoreDisks", info=(
        '"restoreJobInfo":{"reason":"x","items":{"name":"vm"}}')))
    add("restore-items-null", session(typ="RestoreDisks", info=(
        '"restoreJobInfo":{"reason":"x","items":null}')))
    add("flr", session(typ="FileLevelRestore", info=(
        '"fileLevelRestoreJobInfo":{"reason":null,"flrLink":{"url":'
        '"https://flr.example/x","thumbprint":"AB:CD"},"vmId":"vm-1"}')))
    add("flr-bad", session(typ="FileLevelRestore", info=(
        '"fileLevelRestoreJobInfo":{"reason":1,"flrLink":{"url":'
        '"ftp://flr.example/x"},"vmId":null}')))
    add("repository", session(typ="RepositoryCreation", info=(
        '"repositoryJobInfo":{"repositoryId":1,"repositoryName":"R",'
        '"repositoryRemoved":true}')))
    add("two-infos", session(info=(
        '"backupJobInfo":{"policyId":"a91630ab-1603-47ea-a76c-0525e77a1188",'
        '"policyName":"P","protectedInstancesCount":1,"policyRemoved":false},'
        '"repositoryJobInfo":{"repositoryId":1,"repositoryName":"R",'
        '"repositoryRemoved":false}')))
    add("no-info", session(info=""))
    add("bad-uuid", session(info=(
        '"backupJobInfo":{"policyId":"a91630ab-1603-47ea-a76c-0525e77a118",'
        '"policyName":"P","protectedInstancesCount":-1,"policyRemoved":0}')))
    add("bad-uuid-char", session(info=(
        '"backupJobInfo":{"policyId":"a91630ab+1603-47ea-a76c-0525e77a118g",'
        '"policyName":"P","protectedInstancesCount":1.5,"policyRemoved":true}')))
    # unfinished sessions
    for st in ("Running", "Pending", "NeverExecuted", "Canceling",
               "RunningWithError", "RunningWithWarning"):
        add("unfinished-" + st, session(status=st, stop=None, dur=None))
    add("unfinished-absent", session(status="Running",
                                     drop=("executionStopTime",
                                           "executionDuration")))
    add("finished-absent", session(status="Success",
                                   drop=("executionStopTime",
                                         "executionDuration")))
    add("finished-null", session(status="Warning", stop=None, dur=None))
    # rules
    add("stop-before-start", session(stop="2020-02-07T12:21:03Z"))
    add("duration-mismatch", session(dur="00:01:17.8238000"))
    add("duration-ms", session(dur="77823"))
    add("duration-number", session(dur="=77823"))
    add("duration-fraction", session(dur="=77823.5"))
    add("start-number", session(start="=1581078064"))
    add("duration-bad", session(dur="1.24:00:00"))
    add("timestamp-no-offset", session(start="2020-02-07T12:21:04"))
    add("timestamp-bad", session(start="2020-02-30T12:21:04Z"))
    add("timestamp-offset", session(start="2020-02-07T13:21:04.223155+01:00"))
    add("status-failed", session(status="Failed"))
    add("status-succeeded", session(status="Succeeded"))
    add("status-cancelled", session(status="Cancelled"))
    add("status-unknown", session(status="Exploded"))
    add("type-unknown", session(typ="Teleport"))
    add("type-manual", session(typ="ManualSnapshot", info=""))
    add("type-repository-missing", session(typ="RepositoryCreation"))
    add("link-mismatch", session(links=(
        '"_links":{"self":{"href":"%s/api/v1/jobSessions/15"},'
        '"log":{"href":"%s/api/v1/jobSessions/14/logs"}}' % (HOST, HOST))))
    add("link-bad", session(links=(
        '"_links":{"self":{"href":"/api/v1/jobSessions/14"},'
        '"log":{"href":"https:// x/y"}}')))
    add("link-missing", session(links='"_links":{"self":{}}'))
    add("usn-string", session(usn='"102"'))
    add("usn-fraction", session(usn="1.0"))
    add("usn-exp", session(usn="1e3"))
    add("usn-negative", session(usn="-1"))
    add("usn-max", session(usn="9223372036854775807"))
    add("usn-overflow", session(usn="9223372036854775808"))
    add("usn-min", session(usn="-9223372036854775808"))
    add("usn-bool", session(usn="true"))
    add("usn-null", session(usn="null"))
    add("usn-object", session(usn='{"a":[1,{"b":null}]}'))
    add("usn-array", session(usn="[1,2]"))
    add("id-empty", session(sid=""))
    add("id-long", session(sid="x" * 300))
    add("id-escapes", session(sid="a\\u00e9\\n\\ud83d\\ude00\\/~"))
    add("unknown-member", session(extra=',"usnn":1,"Status":"x","zzz":{}'))
    add("duplicate-member", session(extra=',"usn":5,"x":1,"x":2'))
    add("duplicate-unknown-nested",
        session(extra=',"a":{"x":1,"x":2,"y":{"x":3}},"a":0'))
    add("missing-all", "{}")
    add("undecidable", '{"foo":1,"bar":[1,2],"baz":{"a":"b"}}')
    add("undecidable-many", "{" + ",".join('"k%d":%d' % (i, i)
                                           for i in range(80)) + "}")
    add("ambiguous-status-first", '{"status":401,"title":"Unauthorized"}')
    add("ambiguous-links-first", '{"_links":{"self":{"href":"%s/x"}},'
        '"id":"1"}' % HOST)
    # pages
    add("page-overflow", page([s, session(sid="13")], limit=1))
    add("page-total", page([s], offset=5, total=3))
    add("page-dup-id", page([s, s]))
    add("page-dup-id-nodup", page([s, s]), 0x05)
    add("page-v8", page([s, session(sid="13", usn="null")]), 0x40)
    add("session-v8", session(typ="SqlPolicyBackup", status="Unknown",
                              usn=None, info=(
        '"repositoryJobInfo":{"repositoryId":"r-1","repositoryName":null,'
        '"repositoryRemoved":null}')), 0x42)
    add("page-self-mismatch", page([s], self_q="offset=1&Limit=2&x=3#f"))
    add("page-self-garbage", page([s], self_q="offset=&limit=x&offset"))
    add("page-results-object", '{"offset":0,"limit":1,"totalCount":1,'
        '"results":{},"_links":{"self":{"href":"%s/x"}}}' % HOST)
    add("page-results-elements", page(["1", "null", "[]", '"s"', "{}"]))
    add("page-negative", page([], offset=-1, limit=-2, total=-3))
    # log documents
    add("log", log_doc([log_entry(), log_entry(status="Warning",
                                               msg="Done \\u0041")]))
    add("log-kind", log_doc([log_entry()]), 0x03)
    add("log-bad", log_doc([log_entry(t="yesterday", status="Failed",
                                      dur="1:00", extra=',"x":1'), "5"],
                           sid=""))
    add("log-first", '{"log":[],"jobSessionId":"1"}')
    # problem
    add("problem", '{"type":"https://tools.ietf.org/html/rfc7231#section-6.5.1",'
        '"title":"Unauthorized","status":401,"detail":"token expired",'
        '"traceId":"00-abc-01","instance":null,"errors":{"a":["b"]},'
        '"extensions":null,"more":1}')
    add("problem-min", '{"title":"Bad","traceId":null}')
    add("problem-kind", '{"status":"x","detail":5}', 0x04)
    # several documents
    add("multi", s + " " + s + "\n" + log_doc([]) + "{}[]1 \"x\" true",
        0x10)
    add("multi-glued", s + s + "1 2", 0x10)
    add("ndjson", s + "\n" + page([s]) + "\r\n" + log_doc([]) + "\n", 0x20)
    add("ndjson-same-line", s + " " + s, 0x20)
    add("not-multi", s + " " + s, 0x00)
    add("not-multi-junk", s + " x", 0x00)
    # top-level values other than an object
    for name, t in [("array", "[1,2]"), ("string", '"s"'), ("number", "12"),
                    ("true", "true"), ("null", "null"), ("neg", "-0.5e-3")]:
        add("top-" + name, t)
        add("top-" + name + ".page", t, 0x01)
    add("empty", "")
    add("blank", " \r\n\t ")
    add("blank-multi", "\n\n", 0x10)
    # syntax errors: one per message of the locator
    for name, t in [
            ("trailing-comma-array", "[1,]"),
            ("trailing-comma-object", '{"a":1,}'),
            ("comma-value", "[1,,2]"),
            ("single-quote", "{'a':1}"),
            ("single-quote-value", '{"a":\'x\'}'),
            ("key-not-string", "{a:1}"),
            ("key-after-comma", '{"a":1,2}'),
            ("missing-colon", '{"a" 1}'),
            ("missing-comma-object", '{"a":1 "b":2}'),
            ("missing-comma-array", "[1 2]"),
            ("bad-close", '{"a":1]'),
            ("bad-close-array", "[1}"),
            ("bad-escape", '["\\x"]'),
            ("bad-hex", '["\\u12G4"]'),
            ("control-char", '["a\x01b"]'),
            ("tab-in-string", '["a\tb"]'),
            ("newline-in-string", '{"a":\n"b\nc"}'),
            ("leading-zero", "[01]"),
            ("minus-alone", "[-]"),
            ("minus-letter", "[-a]"),
            ("dot-no-digit", "[1.]"),
            ("exp-no-digit", "[1e]"),
            ("exp-sign-no-digit", "[1e+]"),
            ("literal-typo", "[tru]"),
            ("literal-typo-null", "[nul1]"),
            ("literal-false", "[fals]"),
            ("value-unexpected", "[#]"),
            ("value-close", '{"a":}'),
            ("form-feed", '{\x0c"a":1}'),
            ("vertical-tab", '[1,\x0b2]'),
            ("form-feed-in-string", '["\x0c"]'),
            ("after-end", '{} {'),
            ("after-end-letter", '{} x'),
            ("comment", '{/*x*/}'),
            ("truncated-object", '{"a":1'),
            ("truncated-array", '[1,[2'),
            ("truncated-key", '{"ab'),
            ("truncated-escape", '["a\\'),
            ("truncated-hex", '["\\u00'),
            ("truncated-number", '[1'),
            ("truncated-literal", '[tr'),
            ("truncated-after-colon", '{"a":'),
            ("truncated-top-number", '-'),
            ("deep", "[" * 600 + "]" * 600),
            ("deep-objects", '{"a":' * 40 + "1" + "}" * 40),
            ("deep-unknown", '{"x":' + "[" * 30 + "]" * 30 + "}"),
            ("deep-truncated", "[" * 20),
    ]:
        add("syntax-" + name, t)
    # UTF-8 the pre-scan rejects, and some it accepts
    for name, b in [
            ("utf8-ok", b'["\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"]'),
            ("utf8-overlong2", b'["\xc0\x80"]'),
            ("utf8-overlong3", b'["\xe0\x80\x80"]'),
            ("utf8-overlong4", b'["\xf0\x80\x80\x80"]'),
            ("utf8-surrogate", b'["\xed\xa0\x80"]'),
            ("utf8-above", b'["\xf4\x90\x80\x80"]'),
            ("utf8-f5", b'["\xf5\x80\x80\x80"]'),
            ("utf8-stray", b'["\x80"]'),
            ("utf8-cut", b'["\xe2\x82"]'),
            ("utf8-cut-end", b'["\xe2\x82'),
            ("utf8-outside", b'[\xc3\xa9]'),
            ("utf8-key", b'{"\xc3\xa9":1,"\xff":2}'),
            ("utf8-bom", b'\xef\xbb\xbf{}'),
    ]:
        add(name, b)
    # the small limits (options bit 7): depth 8, strings 64, tokens 256
    add("small-depth", "[" * 9 + "]" * 9, 0x80)
    add("small-string", session(sid="y" * 65), 0x80)
    add("small-token", '["' + "z" * 300 + '"]', 0x80)
    add("small-token-number", "[" + "1" * 300 + "]", 0x80)
    add("small-token-ws", "[" + " " * 300 + "1]", 0x80)
    add("small-escaped", '["' + "\\n" * 40 + '"]', 0x80)
    # max_diagnostics 1..3 with many findings
    add("maxdiag-1", page([session(usn='"x"', status="Failed")] * 3), 0x05)
    add("maxdiag-3", page([session(usn='"x"', status="Failed")] * 3), 0x07)
    return out


def hostile():
    """fuzz_document only: allocation failures and callback stops."""
    out = []
    s = session()
    multi = (page([s, session(sid="13")]) + log_doc([log_entry()]) +
             '{"foo":1}' + '{"status":401}').encode()
    for n in (0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 32, 40, 63):
        out.append(("oom-%d" % n, bytes([0x30, n]) + multi))
        out.append(("oom-once-%d" % n, bytes([0x30, 0x40 | n]) + multi))
    deep = ('{"x":' + "[" * 200 + '"' + "a" * 5000 + '"' + "]" * 200 +
            "}").encode()
    for n in (3, 6, 9, 12, 15, 30):
        out.append(("oom-deep-%d" % n, bytes([0x30, n]) + deep))
    bad = (page([session(usn='"x"', status="Failed", sid="1"),
                 session(usn='"x"', status="Failed", sid="1")]) +
           '{"a":1,"a":2}').encode()
    for n in (0, 1, 2, 3, 5, 8, 13, 21, 40, 127):
        out.append(("abort-%d" % n, bytes([0x30, 0x80 | n]) + bad))
        out.append(("abort-multi-%d" % n, bytes([0x30, 0x80 | n]) + multi))
    return out


def times():
    """(name, bytes) for fuzz_time: byte 0 even = timestamp, odd =
    duration."""
    ts = [
        "2020-02-07T12:21:04.223155Z", "2020-02-07t12:21:04z",
        "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
        "0001-01-01T00:00:00+23:59", "9999-12-31T23:59:59-23:59",
        "2000-02-29T00:00:00Z", "1900-02-29T00:00:00Z",
        "2021-02-29T00:00:00Z", "2020-04-31T00:00:00Z",
        "0000-01-01T00:00:00Z", "2020-00-01T00:00:00Z",
        "2020-13-01T00:00:00Z", "2020-01-00T00:00:00Z",
        "2020-01-01T24:00:00Z", "2020-01-01T23:60:00Z",
        "2020-01-01T23:59:60Z", "2020-01-01T23:59:61Z",
        "2020-01-01T00:00:00.Z", "2020-01-01T00:00:00.1234567890Z",
        "2020-01-01T00:00:00", "2020-01-01T00:00:00+01:0",
        "2020-01-01T00:00:00+24:00", "2020-01-01T00:00:00+01:60",
        "2020-01-01T00:00:00+0100", "2020-01-01T00:00:00ZZ",
        "2020-01-01 00:00:00Z", "2020-1-01T00:00:00Z", "",
        "2020-01-01T00:00:00.5-00:00", "2020-01-01T00:00:00X",
    ]
    du = [
        "00:01:17.8237000", "00:00:00", "1.00:00:00", "-1.02:03:04.5",
        "10675199.02:48:05.4775807", "-10675199.02:48:05.4775808",
        "10675199.02:48:05.4775808", "10675200.00:00:00",
        "123456789.00:00:00", "24:00:00", "00:60:00", "00:00:60",
        "00:00:00.", "00:00:00.12345678", "0:00:00", "77823", "-",
        "1.2:00:00", "00:00", "00:00:00x", "-0.00:00:00.0000001", "",
        "99999999.00:00:00",
    ]
    out = []
    for i, t in enumerate(ts):
        out.append(("ts-%02d" % i, b"\x00" + t.encode()))
    for i, d in enumerate(du):
        out.append(("du-%02d" % i, b"\x01" + d.encode()))
    return out


def write(d, name, data):
    os.makedirs(d, exist_ok=True)
    safe = "".join(c if c.isalnum() or c in "-._" else "_" for c in name)
    h = hashlib.sha1(data).hexdigest()[:8]
    with open(os.path.join(d, "%s-%s" % (safe[:60], h)), "wb") as f:
        f.write(data)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: mkseeds.py OUTDIR")
    outdir = sys.argv[1]
    docs = documents()
    for name, text, opt in docs:
        write(os.path.join(outdir, "fuzz_document"), name,
              bytes([opt]) + text)
        # chunks: whole-run options, then plans: a split in the middle,
        # 1-byte chunks, random 1..8, random up to 4 KiB
        mid = len(text) // 2
        for tag, plan, seed in (("split", 0x00, mid), ("one", 0x80, 1),
                                ("rand", 0x47, 7), ("big", 0xff, 99)):
            write(os.path.join(outdir, "fuzz_chunks"), name + "." + tag,
                  bytes([opt & 0xcf if opt & 0x30 == 0x30 else opt, plan,
                         seed & 255, (seed >> 8) & 255]) + text)
    for name, data in hostile():
        write(os.path.join(outdir, "fuzz_document"), name, data)
    for name, data in times():
        write(os.path.join(outdir, "fuzz_time"), name, data)


if __name__ == "__main__":
    main()
