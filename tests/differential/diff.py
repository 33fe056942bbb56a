#!/usr/bin/python3
"""Differential test: sessval against JSON Schema (Python's jsonschema) on
the exported schemas, over thousands of documents made by structured
mutation of valid ones.

    tests/differential/diff.py [--docs N] [--seed S] [--verbose] [--keep DIR]

Seeds: the valid corpus (corpus/valid/*.json; *.api-v8.* files are v8.1)
and documents of a small generator (pages, single sessions and logs, for
both profiles, valid by construction).  Each mutated document gets one to
three structured mutations: drop, duplicate, retype, rename or null a
member; a bad enum value (the other profile's values among them), date,
duration, UUID, URL, integer or empty string; near-miss values that are
valid (a leap day, a 23:59:59, port 65535); an extra member; wrong
nesting; and the edits that only break sessval's own rules (ids, links,
times, page arithmetic, job infos).

Every document is validated by
  sessval --strict --format=json --max-errors=0 --multi=ndjson --kind=K
          --api=A            (one process per kind and profile), and by
  jsonschema against $defs/K of the exported draft 2020-12 schema and of
  the draft-04 one, and against the whole 2020-12 schema (anyOf of the
  kinds) beside sessval --kind=auto.
Verdicts must agree on every rule JSON Schema can express.  A sessval
diagnostic that comes from one of its own rules (the list below, as in
the README) is set aside first; what is left must be an error exactly
when jsonschema finds the document invalid.  A disagreement fails the
test unless one of the document's mutation tags is listed, with its
reason, in tests/differential/accepted.txt.

Then every corpus file (valid and invalid) is validated whole by sessval
--strict and by the whole schema, with the same rule.

Prints the number of documents, of disagreements and the runtime.
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time

try:
    from jsonschema import validators
except ImportError:
    sys.stderr.write("diff.py: the jsonschema module is missing (Debian: "
                     "python3-jsonschema)\n")
    sys.exit(2)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
HERE = os.path.join(ROOT, "tests", "differential")
KINDS = ("page", "session", "log")
APIS = ("v1", "v8")

# sessval's own rules (README "The schema"): diagnostics with these codes
# are compared only as "sessval says more", never against jsonschema.
SESSVAL_ONLY = {
    "duplicate-member": "duplicate member names (a JSON Schema validator "
                        "sees the parsed object, one value per name)",
    "stop-before-start": "cross-member: stop time before start time",
    "duration-mismatch": "cross-member: duration is not stop - start",
    "link-mismatch": "cross-member: links point at the session's id, the "
                     "page's offset and limit",
    "job-info-mismatch": "cross-member: job info agrees with the type",
    "page-overflow": "page arithmetic: len(results) <= limit",
    "total-count": "page arithmetic: offset + len(results) <= totalCount",
    "duplicate-id": "no two sessions of a page share an id",
}

# --------------------------------------------------------------- values

V1_TYPES = ["PolicyBackup", "PolicySnapshot", "ManualSnapshot",
            "RepositoryCreation", "LingeringSnapshotRetention",
            "BackupRetention", "AutoBackup", "RestoreDisks",
            "FileLevelRestore", "ObsoleteSnapshotRetention", "RestoreVms",
            "BackupDeletion", "SnapshotDeletion", "RepositoryDeletion",
            "RepositoryEdit", "ManualSnapshotDeletion",
            "InvalidSnapshotRetention", "OrphanedSnapshotRetention"]
STATUSES = ["Canceled", "Canceling", "Error", "NeverExecuted", "Pending",
            "Running", "RunningWithError", "RunningWithWarning", "Success",
            "Warning"]
UNFINISHED = {"Running", "RunningWithError", "RunningWithWarning",
              "Canceling", "Pending", "NeverExecuted"}


def enums_of(schema):
    """The enum lists of the exported schema, by member name."""
    out = {}

    def walk(node):
        if isinstance(node, dict):
            for name, sub in node.get("properties", {}).items():
                if isinstance(sub, dict) and "enum" in sub:
                    out[name] = [v for v in sub["enum"] if v is not None]
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
    walk(schema)
    return out


def rnd_uuid(r):
    h = "%032x" % r.getrandbits(128)
    if r.random() < 0.2:
        h = h.upper()
    return "-".join((h[:8], h[8:12], h[12:16], h[16:20], h[20:]))


def ts_text(sec, frac_digits, r):
    """RFC 3339 text of a Unix time (UTC, as the server writes it)."""
    t = time.gmtime(sec)
    s = time.strftime("%Y-%m-%dT%H:%M:%S", t)
    if frac_digits:
        s += "." + "".join(r.choice("0123456789")
                           for _ in range(frac_digits))
    return s + "Z"


def frac_value(text):
    m = re.search(r"\.(\d+)Z$", text)
    return int(m.group(1).ljust(9, "0")) if m else 0


def span_text(ns):
    """TimeSpan "c" text of a non-negative duration in nanoseconds
    (rounded down to ticks)."""
    ticks = ns // 100
    days, rem = divmod(ticks, 864000000000)
    h, rem = divmod(rem, 36000000000)
    m, rem = divmod(rem, 600000000)
    s, f = divmod(rem, 10**7)
    out = (f"{days}." if days else "") + f"{h:02}:{m:02}:{s:02}"
    return out + (f".{f:07}" if f else "")


# -------------------------------------------------------------- generator

class Gen:
    def __init__(self, r, enums):
        self.r = r
        self.enums = enums  # api -> member name -> values

    def times(self):
        r = self.r
        start = r.randrange(1500000000, 1800000000)
        a = ts_text(start, r.choice([0, 3, 4, 5, 6, 7]), r)
        dur_ns = r.choice([0, r.randrange(1, 10**10), r.randrange(1, 10**14)])
        start_ns = start * 10**9 + frac_value(a)
        dur_ns -= dur_ns % 100
        stop_ns = start_ns + dur_ns
        stop = ts_text(stop_ns // 10**9, 9, r)
        stop = stop[:20] + "%09d" % (stop_ns % 10**9) + "Z"
        stop = re.sub(r"\.?0+Z$", "Z", stop) if stop_ns % 10**9 else \
            stop[:19] + "Z"
        return a, stop, span_text(dur_ns)

    def link(self, api, sid, tail=""):
        return {"href": f"https://vbazure.example.com/api/"
                        f"{'v1' if api == 'v1' else 'v8.1'}/jobSessions/"
                        f"{sid}{tail}"}

    def session(self, api, sid):
        r = self.r
        types = self.enums[api]["type"]
        typ = r.choice(types)
        status = r.choice(self.enums[api]["status"])
        start, stop, dur = self.times()
        s = {"id": sid, "type": typ, "localizedType": typ + " (localized)",
             "executionStartTime": start}
        unfinished = status in UNFINISHED and r.random() < 0.6
        if unfinished:
            if r.random() < 0.5:
                s["executionStopTime"] = None
                s["executionDuration"] = None
        else:
            s["executionStopTime"] = stop
            s["executionDuration"] = dur
        s["status"] = status
        if api == "v1":
            s["usn"] = r.randrange(0, 10**6)
        self.job_info(api, s, typ)
        links = {"self": self.link(api, sid), "log": self.link(api, sid,
                                                               "/log")}
        if api == "v8":
            if r.random() < 0.3:
                links["stop"] = self.link(api, sid, "/stop")
            for k in ("localizedType", "executionStartTime"):
                if r.random() < 0.1:
                    s[k] = None
            if r.random() < 0.1:
                del s["type"]
        s["_links"] = links
        return s

    def job_info(self, api, s, typ):
        r = self.r
        if typ in ("PolicyBackup", "PolicySnapshot"):
            b = {"policyId": rnd_uuid(r), "policyName": "Policy %d" %
                 r.randrange(100), "protectedInstancesCount":
                 r.randrange(0, 500), "policyRemoved": r.random() < 0.1}
            if api == "v8":
                b["policyType"] = r.choice(self.enums[api]["policyType"])
            s["backupJobInfo"] = b
        elif typ == "RepositoryCreation":
            s["repositoryJobInfo"] = {
                "repositoryId": r.randrange(1, 999) if api == "v1"
                else rnd_uuid(r),
                "repositoryName": "Repo", "repositoryRemoved": False}
        elif typ == "FileLevelRestore":
            f = {"reason": r.choice([None, "audit"]),
                 "flrLink": {"url": "https://10.0.0.%d:443/flr/x" %
                             r.randrange(1, 255), "thumbprint": "AB12"},
                 "vmId": rnd_uuid(r)}
            if api == "v8":
                f.update({"initiator": "ops", "vmName": "vm1",
                          "backupPolicyDisplayName": None,
                          "restorePointCreatedDateUtc":
                              ts_text(r.randrange(1500000000, 1700000000),
                                      1, r),
                          "isFlrSessionReady": r.random() < 0.5})
            s["fileLevelRestoreJobInfo"] = f
        elif typ == "RestoreVms":
            if api == "v1":
                s["restoreJobInfo"] = {"reason": None, "items": r.choice(
                    [[], [{"name": "vm"}], {"name": "vm", "x": [1]}])}
            else:
                s["restoreJobInfo"] = {"reason": "DR",
                                       "backupPolicyDisplayName": "P"}
        elif api == "v8" and typ == "HealthCheck":
            s["healthCheckJobInfo"] = {
                "policyId": rnd_uuid(r), "policyName": "P",
                "checkedInstancesCount": r.randrange(0, 50),
                "policyRemoved": False}
        elif api == "v8" and typ == "RestorePointDataRetrieval":
            s["restorePointDataRetrievalJobInfo"] = {
                "restorePointId": rnd_uuid(r), "sqlRestorePointId": None,
                "cosmosDbRestorePointId": rnd_uuid(r), "initiator": None,
                "instanceName": "i", "daysToKeep": 3,
                "dataRetrievalPriority": r.choice(
                    self.enums[api]["dataRetrievalPriority"])}
        elif api == "v8" and typ == "FileShareFileRestore":
            s["fileShareFileLevelRestoreJobInfo"] = {
                "initiator": "ops", "reason": None, "flrLink": {
                    "url": "http://h/x", "thumbprint": None},
                "fileShareId": "fs", "fileShareName": "share",
                "backupPolicyDisplayName": "P",
                "restorePointCreatedDateUtc": None}
        elif api == "v8" and typ.endswith("Retention") and \
                self.r.random() < 0.7:
            s["retentionJobInfo"] = {"deletedRestorePointsCount":
                                     r.randrange(0, 9)}

    def sid(self, api):
        r = self.r
        return str(r.randrange(1, 10**5)) if api == "v1" and \
            r.random() < 0.5 else rnd_uuid(r)

    def page(self, api):
        r = self.r
        n = r.choice([0, 1, 2, 3, 4])
        ids = set()
        while len(ids) < n:
            ids.add(self.sid(api))
        results = [self.session(api, i) for i in sorted(ids)]
        limit = n + r.choice([0, 0, 1, 30])
        offset = r.choice([0, 0, 30, 100])
        total = offset + n + r.choice([0, 0, 5])
        p = {"offset": offset, "limit": limit, "totalCount": total,
             "results": results, "_links": {"self": {
                 "href": "https://vbazure.example.com:443/api/%s/jobSessions"
                         "?offset=%d&limit=%d" % ("v1" if api == "v1" else
                                                  "v8.1", offset, limit)}}}
        if api == "v8" and r.random() < 0.3:
            p["_links"]["next"] = {"href": "https://vbazure.example.com/n"}
        return p

    def log(self, api):
        r = self.r
        entries = []
        for _ in range(r.choice([0, 1, 2, 3])):
            start, stop, dur = self.times()
            e = {"logTime": stop, "status": r.choice(
                self.enums[api]["status"]), "message": "step done",
                 "executionStartTime": start, "executionDuration": dur}
            if api == "v8":
                e["resourceHashId"] = r.choice([None, "a1b2"])
            entries.append(e)
        return {"jobSessionId": self.sid(api), "log": entries}

    def document(self, kind, api):
        if kind == "page":
            return self.page(api)
        if kind == "session":
            return self.session(api, self.sid(api))
        return self.log(api)


# -------------------------------------------------------------- mutation

class Dup:
    """An object whose member `name` is written twice (same value)."""

    def __init__(self, obj, name):
        self.obj, self.name = obj, name


def dumps(v):
    """Compact JSON text on one line, Dup objects with their duplicate."""
    if isinstance(v, Dup):
        parts = []
        for k, x in v.obj.items():
            parts.append(json.dumps(k) + ":" + dumps(x))
            if k == v.name:
                parts.append(json.dumps(k) + ":" + dumps(x))
        return "{" + ",".join(parts) + "}"
    if isinstance(v, dict):
        return "{" + ",".join(json.dumps(k) + ":" + dumps(x)
                              for k, x in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ",".join(dumps(x) for x in v) + "]"
    if isinstance(v, Raw):
        return v.text
    return json.dumps(v, ensure_ascii=False)


class Raw:
    """A number written as given (1.0, 1e3, -0)."""

    def __init__(self, text):
        self.text = text


def slots(doc):
    """Every (container, key, path) of the document, containers first."""
    out = []

    def walk(v, path):
        if isinstance(v, dict):
            for k in list(v):
                out.append((v, k, path + (k,)))
                walk(v[k], path + (k,))
        elif isinstance(v, list):
            for i in range(len(v)):
                out.append((v, i, path + (i,)))
                walk(v[i], path + (i,))
    walk(doc, ())
    return out


TS_MEMBERS = {"executionStartTime", "executionStopTime", "logTime",
              "restorePointCreatedDateUtc"}
DUR_MEMBERS = {"executionDuration"}
UUID_MEMBERS = {"policyId", "restorePointId", "sqlRestorePointId",
                "cosmosDbRestorePointId"}
URL_MEMBERS = {"href", "url"}
ENUM_MEMBERS = {"type", "status", "policyType", "dataRetrievalPriority"}
INT_MEMBERS = {"offset", "limit", "totalCount", "usn",
               "protectedInstancesCount", "checkedInstancesCount",
               "deletedRestorePointsCount", "daysToKeep", "repositoryId"}

# (text, tag): tags name what a value exercises
BAD_TIMESTAMPS = [
    ("2020-02-07T12:21:04.223155", "ts-no-offset"),
    ("2020-02-07 12:21:04Z", "ts-space"),
    ("2020-13-07T12:21:04Z", "ts-month"),
    ("2020-00-07T12:21:04Z", "ts-month"),
    ("2020-02-30T12:21:04Z", "ts-calendar"),
    ("2021-02-29T12:21:04Z", "ts-calendar"),
    ("1900-02-29T00:00:00Z", "ts-calendar"),
    ("2020-04-31T00:00:00Z", "ts-calendar"),
    ("2020-02-07T24:00:00Z", "ts-hour"),
    ("2020-02-07T12:60:00Z", "ts-minute"),
    ("2016-12-31T23:59:60Z", "ts-leap-second"),
    ("2020-02-07T12:21:04.Z", "ts-fraction"),
    ("2020-02-07T12:21:04.1234567890Z", "ts-fraction"),
    ("2020-02-07T12:21:04+24:00", "ts-offset"),
    ("2020-02-07T12:21:04+05:60", "ts-offset"),
    ("2020-02-07T12:21:04+0530", "ts-offset"),
    ("0000-01-01T00:00:00Z", "ts-year"),
    ("20200-01-01T00:00:00Z", "ts-year"),
    ("2020-2-07T12:21:04Z", "ts-syntax"),
    ("2020-02-07T12:21:04ZZ", "ts-trailing"),
    ("2020-02-07", "ts-date-only"),
    ("", "ts-empty"),
    ("2020-02-07T12:21:04Z\n", "trailing-newline"),
]
GOOD_TIMESTAMPS = [
    ("2020-02-29T23:59:59.999999999Z", "ts-ok-leap-day"),
    ("2000-02-29T00:00:00z", "ts-ok-lower"),
    ("2020-02-07t12:21:04+14:00", "ts-ok-offset"),
    ("0001-01-01T00:00:00-00:00", "ts-ok-year-1"),
    ("9999-12-31T23:59:59.5+23:59", "ts-ok-year-9999"),
    ("2024-02-29T12:00:00.1Z", "ts-ok-leap-day"),
    ("2400-02-29T12:00:00Z", "ts-ok-leap-day"),
]
BAD_DURATIONS = [
    ("24:00:00", "dur-hour"), ("00:60:00", "dur-minute"),
    ("00:00:60", "dur-second"), ("77823", "dur-ms"),
    ("1:02:03", "dur-syntax"), ("00:00:01.12345678", "dur-fraction"),
    ("00:00:01.", "dur-fraction"), ("123456789.00:00:00", "dur-days"),
    ("10675200.00:00:00", "dur-days"), ("1.24:00:00", "dur-hour"),
    ("-", "dur-syntax"), ("P1D", "dur-iso"), (" 00:00:01", "dur-syntax"),
    ("10675199.02:48:05.4775808", "timespan-max"),
    ("10675199.23:59:59", "timespan-max"),
    ("00:00:01\n", "trailing-newline"),
]
GOOD_DURATIONS = [
    ("1.02:03:04", "dur-ok"), ("-00:00:00.0000001", "dur-ok"),
    ("10675199.02:48:05.4775807", "dur-ok-max"),
    ("-10675199.02:48:05.4775808", "dur-ok-min"),
    ("00000001.23:59:59.9999999", "dur-ok"), ("0.00:00:00", "dur-ok"),
]
BAD_UUIDS = [
    ("a91630ab-1603-47ea-a76c", "uuid-short"),
    ("{a91630ab-1603-47ea-a76c-0525e77a1188}", "uuid-braces"),
    ("a91630ab16034 7ea-a76c-0525e77a1188", "uuid-syntax"),
    ("a91630ab-1603-47ea-a76c-0525e77a118g", "uuid-hex"),
    ("a91630ab1603-47ea-a76c-0525e77a11888", "uuid-dashes"),
    ("a91630ab-1603-47ea-a76c-0525e77a1188\n", "trailing-newline"),
]
GOOD_UUIDS = [("A91630AB-1603-47EA-A76C-0525E77A1188", "uuid-ok-upper"),
              ("00000000-0000-0000-0000-000000000000", "uuid-ok-nil")]
BAD_URLS = [
    ("/api/v1/jobSessions/14", "url-relative"),
    ("ftp://h/x", "url-scheme"), ("https:/h/x", "url-slashes"),
    ("https://", "url-no-host"), ("https://h:99999/x", "url-port"),
    ("https://h:/x", "url-port"), ("https://h:8a/x", "url-port"),
    ("https://h/a b", "url-space"), ("https://h/\u00e9", "url-non-ascii"),
    ("https://h/%4", "url-escape"), ("https://h/%zz", "url-escape"),
    ("https://h/x#a#b", "url-fragment"), ("https://[::1/x", "url-ipv6"),
    ("https://[::1]x/", "url-ipv6"), ("https://u@/x", "url-no-host"),
    ("https://h/x\"y", "url-char"), ("https://h/x<y>", "url-char"),
    ("https://h/x\n", "trailing-newline"), ("mailto:a@b", "url-scheme"),
    ("https://[a@b]/x", "url-ipv6"), ("https://h:1:2/x", "url-port"),
]
GOOD_URLS = [
    ("HTTPS://H:65535/x?a=1&b=2#frag", "url-ok"),
    ("http://user:pw@h:00080/x", "url-ok-userinfo"),
    ("https://[::1]:8080/x", "url-ok-ipv6"), ("https://h", "url-ok"),
    ("https://h/%41%7e", "url-ok-escape"), ("https://h?q", "url-ok"),
    ("https://h#f", "url-ok"), ("https://a[b]/x", "url-ok-brackets"),
    ("https://[v1.x]:0/", "url-ok-ipv6"),
    ("https://h/a/b;c=d/@e:f!$&'()*+,=~-_.", "url-ok-chars"),
]
BAD_INTS = [(Raw("1.0"), "int-fraction"), (Raw("1e3"), "int-exponent"),
            (Raw("-1"), "int-negative"), (Raw("-2"), "int-negative"),
            (Raw("9223372036854775808"), "int-huge"),
            (Raw("2147483648"), "int-int32"),
            (Raw("-9223372036854775809"), "int-huge"),
            (Raw("1.5"), "int-fraction"), (Raw("-0"), "int-ok-zero"),
            (Raw("9223372036854775807"), "int-max"),
            (Raw("2147483647"), "int-ok-int32"), (Raw("0"), "int-ok-zero")]


FUZZ = {  # member kind: (alphabet, valid examples to start from)
    "ts": ("0123456789-:TtZz+.9 ", [v for v, _ in GOOD_TIMESTAMPS] +
           ["2020-02-07T12:21:04.223155Z"]),
    "dur": ("0123456789:.-", [v for v, _ in GOOD_DURATIONS] +
            ["00:01:17.8237000"]),
    "uuid": ("0123456789abcdefABCDEFgG-{}", [v for v, _ in GOOD_UUIDS]),
    "url": ("hHtTpPsSxX:/?#[]@!$&'()*+,;=%0123456789aAfF-._~ \"<>^`{|}\\"
            "\u00e9", [v for v, _ in GOOD_URLS]),
}


class Mutator:
    def __init__(self, r, enums):
        self.r = r
        self.enums = enums

    def fuzz(self, what):
        """A valid value of a format with one to three characters
        replaced, inserted or deleted."""
        r = self.r
        alphabet, starts = FUZZ[what]
        s = list(r.choice(starts))
        for _ in range(r.choice([1, 1, 2, 3])):
            op = r.random()
            i = r.randrange(len(s) + 1)
            if op < 0.4 and i < len(s):
                s[i] = r.choice(alphabet)
            elif op < 0.7:
                s.insert(i, r.choice(alphabet))
            elif s and i < len(s):
                del s[i]
        return "".join(s), "fuzz-" + what

    def value_for(self, name, api):
        """(value, tag) of a targeted mutation for member `name`, or
        None."""
        r = self.r
        fuzz = r.random() < 0.4
        if name in TS_MEMBERS:
            return self.fuzz("ts") if fuzz else \
                r.choice(BAD_TIMESTAMPS + GOOD_TIMESTAMPS)
        if name in DUR_MEMBERS:
            return self.fuzz("dur") if fuzz else \
                r.choice(BAD_DURATIONS + GOOD_DURATIONS)
        if name in UUID_MEMBERS:
            return self.fuzz("uuid") if fuzz else \
                r.choice(BAD_UUIDS + GOOD_UUIDS)
        if name in URL_MEMBERS:
            return self.fuzz("url") if fuzz else \
                r.choice(BAD_URLS + GOOD_URLS)
        if name in INT_MEMBERS:
            return r.choice(BAD_INTS)
        if name in ENUM_MEMBERS:
            other = "v8" if api == "v1" else "v1"
            pool = [(v, "enum-drift") for v in
                    self.enums[other].get(name, [])
                    if v not in self.enums[api].get(name, [])]
            pool += [("Failed", "enum-bad"), ("success", "enum-case"),
                     ("", "enum-empty"), ("Succeeded", "enum-bad"),
                     ("Unknown", "enum-unknown"),
                     ("CosmosDbPolicyBackup", "enum-bad")]
            pool += [(v, "enum-ok") for v in self.enums[api].get(name, [])]
            return r.choice(pool)
        return None

    def retype(self, old):
        r = self.r
        pool = [("x", "retype-string"), (Raw("7"), "retype-int"),
                (Raw("1.5"), "retype-number"), (True, "retype-bool"),
                ({}, "retype-object"), ([], "retype-array"),
                (None, "retype-null"), ("", "retype-empty-string"),
                ([{}], "retype-array")]
        return r.choice([p for p in pool if type(p[0]) is not type(old)]
                        or pool)

    def mutate(self, doc, api):
        """Apply one mutation in place (the root may be replaced: the new
        root is returned) and return (root, tag)."""
        r = self.r
        sl = slots(doc)
        if not sl:
            return {"x": doc}, "wrong-nesting-root"
        op = r.choice(["targeted"] * 6 + ["drop"] * 3 + ["dup", "retype",
                      "retype", "rename", "null", "null", "extra", "extra",
                      "nesting", "semantic", "semantic"])
        members = [s for s in sl if isinstance(s[0], dict)]
        if op == "targeted":
            cand = [s for s in members if isinstance(s[1], str) and
                    self.value_for(s[1], api) is not None]
            if cand:
                c, k, _ = r.choice(cand)
                v, tag = self.value_for(k, api)
                c[k] = v
                return doc, tag
            op = "retype"
        if op == "drop" and members:
            c, k, _ = r.choice(members)
            del c[k]
            return doc, "drop"
        if op == "dup" and members:
            c, k, path = r.choice(members)
            # rebuild the parent as a Dup in its own parent
            parent_path = path[:-1]
            dup = Dup(c, k)
            if not parent_path:
                return dup, "duplicate-member"
            holder = doc
            for p in parent_path[:-1]:
                holder = holder[p] if not isinstance(holder, Dup) else \
                    holder.obj[p]
            if isinstance(holder, Dup):
                holder = holder.obj
            holder[parent_path[-1]] = dup
            return doc, "duplicate-member"
        if op == "retype" and sl:
            c, k, _ = r.choice(sl)
            if isinstance(c, Dup):
                c = c.obj
            v, tag = self.retype(c[k])
            c[k] = v
            return doc, tag
        if op == "rename" and members:
            c, k, _ = r.choice(members)
            new = r.choice([k.lower(), k.upper(), k + "s", k[:-1] or "x",
                            "_" + k, k.replace("Id", "ID")])
            if new == k or new in c:
                return doc, "rename-noop"
            items = list(c.items())
            c.clear()
            for kk, vv in items:
                c[new if kk == k else kk] = vv
            return doc, "rename"
        if op == "null" and sl:
            c, k, _ = r.choice(sl)
            c[k] = None
            return doc, "null"
        if op == "extra":
            objs = ([doc] if isinstance(doc, dict) else []) + \
                [s[0][s[1]] for s in sl if isinstance(s[0][s[1]], dict)]
            if not objs:
                return doc, "extra-noop"
            o = r.choice(objs)
            name = r.choice(["extra", "_embeddedResources", "usn", "next",
                             "policyType", "healthCheckJobInfo", "items",
                             "resourceHashId", "href", "self"])
            if name in o:
                return doc, "extra-noop"
            o[name] = r.choice([{}, 1, "x", None, {"href": "https://h/"}])
            return doc, "extra-member"
        if op == "nesting":
            objs = [s for s in members if isinstance(s[0][s[1]], dict)]
            choice = r.random()
            if choice < 0.3 and objs:
                # a member moved one level down
                c, k, _ = r.choice(objs)
                others = [kk for kk in c if kk != k]
                if others:
                    mv = r.choice(others)
                    c[k][mv] = c.pop(mv)
                    return doc, "wrong-nesting-down"
            if choice < 0.6:
                c, k, _ = r.choice(sl)
                c[k] = [c[k]]
                return doc, "wrong-nesting-array"
            if choice < 0.8 and isinstance(doc, dict) and \
                    isinstance(doc.get("results"), list) and doc["results"]:
                return doc["results"][0], "wrong-nesting-session-alone"
            return [doc], "wrong-nesting-root"
        # semantic: edits that break only sessval's own rules
        return self.semantic(doc, api)

    def semantic(self, doc, api):
        r = self.r
        sessions = []
        if isinstance(doc, dict) and isinstance(doc.get("results"), list):
            sessions = [s for s in doc["results"] if isinstance(s, dict)]
            what = r.choice(["limit", "total", "dupid", "selfq", "s", "s"])
            if what == "limit" and sessions:
                doc["limit"] = max(0, len(doc["results"]) - 1)
                return doc, "sem-page-overflow"
            if what == "total":
                doc["totalCount"] = 0
                return doc, "sem-total-count"
            if what == "dupid" and len(sessions) > 1:
                sessions[1]["id"] = sessions[0].get("id")
                return doc, "sem-duplicate-id"
            if what == "selfq" and isinstance(doc.get("_links"), dict):
                doc["_links"]["self"] = {"href": "https://h/api/jobSessions"
                                                 "?offset=999&limit=1"}
                return doc, "sem-page-link"
        elif isinstance(doc, dict):
            sessions = [doc]
        if not sessions:
            return doc, "sem-none"
        s = r.choice(sessions)
        what = r.choice(["id", "stop", "dur", "type", "two-infos"])
        if what == "id":
            s["id"] = "renumbered-%d" % r.randrange(1000)
            return doc, "sem-link-mismatch"
        if what == "stop" and s.get("executionStopTime"):
            s["executionStopTime"] = "1999-01-01T00:00:00Z"
            return doc, "sem-stop-before-start"
        if what == "dur" and s.get("executionDuration"):
            s["executionDuration"] = "00:00:00.1234567"
            return doc, "sem-duration-mismatch"
        if what == "type":
            s["type"] = "PolicyBackup"
            s.pop("backupJobInfo", None)
            return doc, "sem-job-info"
        s["repositoryJobInfo"] = {"repositoryId": 1 if api == "v1" else "1",
                                  "repositoryName": "r",
                                  "repositoryRemoved": False}
        s["backupJobInfo"] = {"policyId": rnd_uuid(r), "policyName": "p",
                              "protectedInstancesCount": 1,
                              "policyRemoved": False}
        return doc, "sem-job-info"


# ------------------------------------------------------------ validation

def run_sessval(sv, texts, kind, api, tmp):
    """Diagnostics of each document (list of lists), sessval --strict
    over one NDJSON file."""
    path = os.path.join(tmp, f"{kind}-{api}.ndjson")
    with open(path, "w", encoding="utf-8") as f:
        for t in texts:
            f.write(t + "\n")
    cmd = [sv, "--strict", "--format=json", "--max-errors=0",
           "--multi=ndjson", "--kind=" + kind, "--api=" + api, path]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode not in (0, 1):
        sys.stderr.write(f"diff.py: {' '.join(cmd)}: exit {p.returncode}\n"
                         f"{p.stderr.decode(errors='replace')}\n")
        sys.exit(2)
    out = [[] for _ in texts]
    for line in p.stdout.decode("utf-8").splitlines():
        if not line.startswith("{"):
            continue
        d = json.loads(line)
        doc = d["line"] - 1
        if 0 <= doc < len(texts):
            out[doc].append(d)
    return out


def value_at(doc, pointer):
    if pointer == "":
        return doc
    v = doc
    for part in pointer[1:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(v, list):
            v = v[int(part)]
        elif isinstance(v, dict):
            v = v.get(part)
        else:
            return None
    return v


TIMESPAN_MAX = 10675199 * 864000000000 + 2 * 36000000000 + \
    48 * 600000000 + 5 * 10**7 + 4775807


def own_reason(d, parsed, draft, empty_ok):
    """Why a sessval diagnostic is sessval's alone (not JSON Schema's),
    or None when JSON Schema should see it too."""
    code = d["code"]
    if code in SESSVAL_ONLY:
        return code
    if code == "type-mismatch" and draft == "2020-12":
        # JSON Schema 2020-12 judges numbers by value: 1.0 and 1e3 are
        # integers there; sessval, like draft-04 and the .NET serializer,
        # reads the text
        v = value_at(parsed, d["pointer"])
        if isinstance(v, float) and v.is_integer() and \
                "integer" in d["message"]:
            return "integer-text"
    if code == "bad-duration":
        # the TimeSpan.MaxValue limit on the last day is not in the
        # pattern
        v = value_at(parsed, d["pointer"])
        m = re.fullmatch(r"-?(\d+)\.(\d\d):(\d\d):(\d\d)(?:\.(\d{1,7}))?",
                         v or "")
        if m and int(m.group(1)) == 10675199 and int(m.group(2)) < 24 \
                and int(m.group(3)) < 60 and int(m.group(4)) < 60:
            ticks = (int(m.group(1)) * 864000000000 + int(m.group(2)) *
                     36000000000 + int(m.group(3)) * 600000000 +
                     int(m.group(4)) * 10**7 +
                     int((m.group(5) or "0").ljust(7, "0")))
            if ticks > TIMESPAN_MAX + (v.startswith("-")):
                return "timespan-max"
    if code == "missing-member" and parsed == {} and empty_ok and \
            "cannot tell what this document is" in d["message"]:
        # --kind=auto needs one member to tell the kind by; the anyOf of
        # the schema takes {} when a kind has no required member (the
        # v8.1 log)
        return "kind-undecidable"
    return None


def corpus_phase(sv, validators_, empty_ok):
    """Every corpus file, valid and invalid, whole: the verdict of the
    whole exported schema against sessval --strict --kind=auto.  Files
    that are not one JSON value for a JSON parser (syntax errors, bad
    UTF-8, several values) are JSON's business, not the schema's."""
    n = skipped = 0
    bad = []
    for sub in ("valid", "invalid"):
        d = os.path.join(ROOT, "corpus", sub)
        for name in sorted(os.listdir(d)):
            if not name.endswith(".json") or ".multi." in name or \
                    ".ndjson." in name:
                continue
            path = os.path.join(d, name)
            try:
                parsed = json.loads(open(path, "rb").read().decode("utf-8"))
            except ValueError:
                skipped += 1
                continue
            api = "v8" if ".api-v8." in name else "v1"
            p = subprocess.run([sv, "--strict", "--format=json",
                                "--max-errors=0", "--api=" + api, path],
                               stdout=subprocess.PIPE)
            ds = [json.loads(x) for x in p.stdout.decode().splitlines()
                  if x.startswith("{")]
            if any(x["code"] in ("syntax", "truncated", "limit-exceeded")
                   for x in ds):
                skipped += 1
                continue
            shared = [x for x in ds
                      if not own_reason(x, parsed, "2020-12", empty_ok[api])]
            sv_invalid = any(x["severity"] == "error" for x in shared)
            n += 1
            if sv_invalid == validators_[api, "2020-12", "auto"].is_valid(
                    parsed):
                bad.append(f"corpus/{sub}/{name}")
    return n, skipped, bad


def load_accepted():
    out = {}
    path = os.path.join(HERE, "accepted.txt")
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        tag, _, reason = line.partition(":")
        if not reason.strip():
            sys.stderr.write(f"diff.py: accepted.txt: {tag}: no reason\n")
            sys.exit(2)
        out[tag.strip()] = reason.strip()
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=4000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--keep")
    a = ap.parse_args()
    t0 = time.monotonic()
    sv = os.path.join(ROOT, os.environ.get("SV_BUILD", "build/release"),
                      "sessval")
    schemas, validators_ = {}, {}
    for api in APIS:
        for draft, name in (("2020-12", f"jobsessions.{api}.schema.json"),
                            ("04", f"jobsessions.{api}.draft04.schema.json")):
            s = json.load(open(os.path.join(ROOT, "schema", name)))
            cls = validators.validator_for(s)
            cls.check_schema(s)
            schemas[api, draft] = s
            defs = "$defs" if draft == "2020-12" else "definitions"
            for kind in KINDS:
                sub = {"$schema": s["$schema"], defs: s[defs],
                       "$ref": f"#/{defs}/{kind}"}
                validators_[api, draft, kind] = cls(sub)
            validators_[api, draft, "auto"] = cls(s)
    enums = {api: enums_of(schemas[api, "2020-12"]) for api in APIS}
    # profiles where {} is some kind's valid document
    empty_ok = {api: any(not schemas[api, "2020-12"]["$defs"][k].get(
        "required") for k in KINDS) for api in APIS}
    r = random.Random(a.seed)
    gen, mut = Gen(r, enums), Mutator(r, enums)

    # seeds: the valid corpus and generated documents
    seeds = []
    corpus = os.path.join(ROOT, "corpus", "valid")
    for name in sorted(os.listdir(corpus)):
        if name.endswith(".json"):
            api = "v8" if ".api-v8." in name else "v1"
            seeds.append(("page", api, json.load(open(os.path.join(
                corpus, name))), "corpus"))
    for i in range(120):
        kind, api = KINDS[i % 3], APIS[(i // 3) % 2]
        seeds.append((kind, api, gen.document(kind, api), "generated"))

    docs = []  # (kind, api, text, tags)
    for kind, api, d, origin in seeds:
        docs.append((kind, api, dumps(d), ["seed-" + origin]))
    while len(docs) < a.docs + len(seeds):
        kind, api, base, origin = r.choice(seeds)
        d = json.loads(json.dumps(base))
        if origin == "corpus" and isinstance(d.get("results"), list) and \
                len(d["results"]) > 3 and r.random() < 0.8:
            # keep mutated pages small: a few of the corpus sessions
            keep = sorted(r.sample(range(len(d["results"])), 3))
            d["results"] = [d["results"][i] for i in keep]
        tags = []
        for _ in range(r.choice([1, 1, 1, 2, 3])):
            d, tag = mut.mutate(d, api)
            tags.append(tag)
            if isinstance(d, Dup):
                break
        docs.append((kind, api, dumps(d), tags))

    tmp = a.keep or tempfile.mkdtemp(prefix="sessval-diff.")
    os.makedirs(tmp, exist_ok=True)
    diags = {}
    for mode in KINDS + ("auto",):
        for api in APIS:
            idx = [i for i, d in enumerate(docs)
                   if d[1] == api and mode in (d[0], "auto")]
            texts = [docs[i][2] for i in idx]
            res = run_sessval(sv, texts, mode, api, tmp)
            for i, ds in zip(idx, res):
                diags[i, mode] = ds
    t_sv = time.monotonic() - t0

    accepted = load_accepted()
    checks = disagree = acc = 0
    own_counts, acc_counts, tag_counts = {}, {}, {}
    verdicts = {"both-valid": 0, "both-invalid": 0}
    failures = []
    for i, (kind, api, text, tags) in enumerate(docs):
        parsed = json.loads(text)
        for t in tags:
            tag_counts[t] = tag_counts.get(t, 0) + 1
        for mode, draft in ((kind, "2020-12"), (kind, "04"),
                            ("auto", "2020-12")):
            ds = diags[i, mode]
            shared = []
            for d in ds:
                why = own_reason(d, parsed, draft, empty_ok[api])
                if why:
                    own_counts[why] = own_counts.get(why, 0) + 1
                else:
                    shared.append(d)
            sv_invalid = any(d["severity"] == "error" for d in shared)
            js_valid = validators_[api, draft, mode].is_valid(parsed)
            checks += 1
            if sv_invalid != js_valid:
                verdicts["both-invalid" if sv_invalid else "both-valid"] += 1
                continue
            ok = [t for t in tags if t in accepted]
            if ok:
                acc += 1
                acc_counts[ok[0]] = acc_counts.get(ok[0], 0) + 1
                continue
            disagree += 1
            if len(failures) < 20:
                err = None
                if not js_valid:
                    e = next(validators_[api, draft, mode].iter_errors(
                        parsed))
                    err = "/" + "/".join(str(p) for p in e.absolute_path) + \
                        ": " + e.message[:160]
                failures.append((i, kind, api, mode, draft, tags, text,
                                 shared, err))
    ncorpus, nskipped, corpus_bad = corpus_phase(sv, validators_, empty_ok)
    disagree += len(corpus_bad)
    elapsed = time.monotonic() - t0
    if not a.keep:
        for f in os.listdir(tmp):
            os.unlink(os.path.join(tmp, f))
        os.rmdir(tmp)

    mutated = len(docs) - len(seeds)
    print(f"differential: {len(docs)} documents ({len(seeds)} seeds: "
          f"{sum(1 for s in seeds if s[3] == 'corpus')} corpus, "
          f"{sum(1 for s in seeds if s[3] == 'generated')} generated; "
          f"{mutated} by structured mutation), {checks} comparisons "
          f"(--kind=K vs $defs/K in draft 2020-12 and draft-04, --kind=auto"
          f" vs the whole 2020-12 schema)")
    print(f"differential: verdicts: {verdicts['both-valid']} valid, "
          f"{verdicts['both-invalid']} invalid in both")
    print("differential: sessval's own rules set aside: " + ", ".join(
        f"{k} {v}" for k, v in sorted(own_counts.items())))
    if a.verbose:
        print("differential: mutation tags: " + ", ".join(
            f"{k} {v}" for k, v in sorted(tag_counts.items())))
    if acc:
        print(f"differential: {acc} accepted disagreements "
              "(tests/differential/accepted.txt):")
        for k, v in sorted(acc_counts.items()):
            print(f"  {k}: {v} ({accepted[k]})")
    print(f"differential: corpus: {ncorpus} files (valid and invalid) "
          f"validated whole by sessval --strict and by the schema, "
          f"{len(corpus_bad)} disagreements ({nskipped} left out: syntax, "
          f"truncation, limits, several values){': ' if corpus_bad else ''}"
          f"{', '.join(corpus_bad)}")
    print(f"differential: {disagree} disagreements, {elapsed:.1f} s "
          f"(of which generating and sessval's batch runs {t_sv:.1f} s)")
    for i, kind, api, mode, draft, tags, text, shared, err in failures:
        print(f"\n--- document {i} ({kind}, --api={api}, --kind={mode}, "
              f"draft {draft}), mutations {tags}")
        print(text[:600])
        print("sessval:", [(d["code"], d["pointer"], d["message"][:100])
                           for d in shared][:5] or "valid")
        print("jsonschema:", err or "valid")
    return 1 if disagree else 0


if __name__ == "__main__":
    sys.exit(main())
