#!/usr/bin/env python3
"""check.py - checks of sessval's machine formats for tests/cli/run.sh.

    check.py json    DIAGS.jsonl
    check.py sarif   LOG.sarif DIAGS.jsonl CODES VERSION [--stdin NAME]
    check.py csv     FILE.csv NROWS
    check.py ndjson  FILE.ndjson FILE.csv
    check.py summary STEP_SUMMARY.md DIAGS.jsonl

Each prints what is wrong and exits 1, or exits 0 silently.  Only the
standard library: the official SARIF schema is not packaged for Debian, so
the parts of it that sessval's log uses are restated below (types,
required members, no other members) and checked as the schema would.
"""
import csv
import io
import json
import os
import re
import sys
import urllib.parse

MEMBERS = ["file", "severity", "code", "pointer", "offset", "line",
           "column", "message"]
SCHEMA_URI = ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/"
              "schemas/sarif-schema-2.1.0.json")

errors = []


def fail(msg):
    errors.append(msg)


def done():
    for e in errors[:20]:
        print("check.py:", e)
    sys.exit(1 if errors else 0)


def load_jsonl(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            try:
                obj = json.loads(line)
            except ValueError as e:
                fail(f"{path}:{n}: not JSON: {e}")
                continue
            out.append(obj)
    return out


def check_json(path):
    for n, d in enumerate(load_jsonl(path), 1):
        if list(d.keys()) != MEMBERS:
            fail(f"{path}:{n}: members {list(d.keys())}, want {MEMBERS}")
        for k in ("offset", "line", "column"):
            if not isinstance(d.get(k), int) or d[k] < 0:
                fail(f"{path}:{n}: {k} is not a count")
        if d.get("severity") not in ("error", "warning"):
            fail(f"{path}:{n}: severity {d.get('severity')!r}")


# ---------------------------------------------------------------- SARIF
# (type, required, allowed members) of the SARIF 2.1.0 objects used, as in
# the schema's definitions; every one has additionalProperties: false.
S = {
    "log": ({"version", "runs"},
            {"$schema", "version", "runs", "properties"}),
    "run": ({"tool"},
            {"tool", "results", "invocations", "originalUriBaseIds",
             "columnKind", "properties"}),
    "tool": ({"driver"}, {"driver", "extensions", "properties"}),
    "toolComponent": ({"name"},
                      {"name", "version", "semanticVersion",
                       "informationUri", "rules", "properties"}),
    "reportingDescriptor": ({"id"},
                            {"id", "name", "shortDescription",
                             "fullDescription", "help",
                             "defaultConfiguration", "helpUri",
                             "properties"}),
    "multiformatMessageString": ({"text"}, {"text", "markdown"}),
    "reportingConfiguration": (set(), {"enabled", "level", "rank"}),
    "result": ({"message"},
               {"ruleId", "ruleIndex", "level", "message", "locations",
                "properties"}),
    "message": (set(), {"text", "markdown", "id", "arguments"}),
    "location": (set(),
                 {"physicalLocation", "logicalLocations", "message"}),
    "physicalLocation": (set(),
                         {"artifactLocation", "region", "contextRegion"}),
    "artifactLocation": (set(), {"uri", "uriBaseId", "index"}),
    "region": (set(),
               {"startLine", "startColumn", "endLine", "endColumn",
                "charOffset", "charLength", "byteOffset", "byteLength"}),
    "logicalLocation": (set(), {"name", "fullyQualifiedName", "kind",
                                "index", "parentIndex"}),
    "invocation": ({"executionSuccessful"},
                   {"executionSuccessful", "exitCode",
                    "toolExecutionNotifications", "commandLine"}),
    "notification": ({"message"}, {"message", "level", "locations"}),
}
LEVELS = ("none", "note", "warning", "error")


def obj(where, kind, o):
    if not isinstance(o, dict):
        fail(f"{where}: {kind} is not an object")
        return {}
    required, allowed = S[kind]
    for k in required - o.keys():
        fail(f"{where}: {kind} lacks {k}")
    for k in o.keys() - allowed:
        fail(f"{where}: {kind} has {k}, which the schema does not allow")
    return o


def string(where, v):
    if not isinstance(v, str):
        fail(f"{where}: not a string: {v!r}")


def integer(where, v, minimum):
    if not isinstance(v, int) or isinstance(v, bool) or v < minimum:
        fail(f"{where}: not an integer >= {minimum}: {v!r}")


def mms(where, o):
    string(where + ".text", obj(where, "multiformatMessageString", o)
           .get("text"))


def artifact(where, o):
    obj(where, "artifactLocation", o)
    string(where + ".uri", o.get("uri"))
    # format uri-reference: no spaces or other bytes a URI cannot hold
    u = o.get("uri", "")
    if any(c in u for c in ' "<>\\^`{|}') or any(ord(c) < 33 for c in u):
        fail(f"{where}.uri: not a URI reference: {u!r}")


def schema_check(log):
    obj("log", "log", log)
    if log.get("$schema") != SCHEMA_URI:
        fail(f"$schema is {log.get('$schema')!r}")
    if log.get("version") != "2.1.0":
        fail("version is not 2.1.0")
    runs = log.get("runs")
    if not isinstance(runs, list) or len(runs) != 1:
        fail("want exactly one run")
        return None
    run = obj("run", "run", runs[0])
    drv = obj("driver", "toolComponent",
              obj("tool", "tool", run.get("tool", {})).get("driver", {}))
    for i, r in enumerate(drv.get("rules", [])):
        w = f"rules[{i}]"
        obj(w, "reportingDescriptor", r)
        for k in ("shortDescription", "fullDescription", "help"):
            if k in r:
                mms(f"{w}.{k}", r[k])
        dc = obj(w + ".defaultConfiguration", "reportingConfiguration",
                 r.get("defaultConfiguration", {}))
        if dc.get("level") not in LEVELS:
            fail(f"{w}: level {dc.get('level')!r}")
    if run.get("columnKind") not in ("utf16CodeUnits", "unicodeCodePoints"):
        fail(f"columnKind {run.get('columnKind')!r}")
    for k, v in run.get("originalUriBaseIds", {}).items():
        artifact(f"originalUriBaseIds[{k}]", v)
        if not v.get("uri", "").endswith("/"):
            fail(f"originalUriBaseIds[{k}]: uri does not end in /")
    for i, res in enumerate(run.get("results", [])):
        w = f"results[{i}]"
        obj(w, "result", res)
        string(w + ".message.text",
               obj(w + ".message", "message", res.get("message", {}))
               .get("text"))
        if res.get("level") not in LEVELS:
            fail(f"{w}: level {res.get('level')!r}")
        integer(w + ".ruleIndex", res.get("ruleIndex"), 0)
        for j, loc in enumerate(res.get("locations", [])):
            lw = f"{w}.locations[{j}]"
            obj(lw, "location", loc)
            pl = obj(lw + ".physicalLocation", "physicalLocation",
                     loc.get("physicalLocation", {}))
            artifact(lw + ".artifactLocation", pl.get("artifactLocation"))
            rg = obj(lw + ".region", "region", pl.get("region", {}))
            integer(lw + ".startLine", rg.get("startLine"), 1)
            integer(lw + ".startColumn", rg.get("startColumn"), 1)
            integer(lw + ".byteOffset", rg.get("byteOffset"), 0)
            for k, ll in enumerate(loc.get("logicalLocations", [])):
                obj(f"{lw}.logicalLocations[{k}]", "logicalLocation", ll)
    for i, inv in enumerate(run.get("invocations", [])):
        w = f"invocations[{i}]"
        obj(w, "invocation", inv)
        if not isinstance(inv.get("executionSuccessful"), bool):
            fail(f"{w}: executionSuccessful is not a boolean")
        for j, n in enumerate(inv.get("toolExecutionNotifications", [])):
            obj(f"{w}.notifications[{j}]", "notification", n)
            if n.get("level") not in LEVELS:
                fail(f"{w}.notifications[{j}]: level")
    return run


def code_point_column(path, offset, column):
    with open(path, "rb") as f:
        f.seek(offset - (column - 1))
        head = f.read(column - 1)
    return len(head.decode("utf-8", errors="replace")) + 1


def expected_uri(name):
    rel = os.path.relpath(os.path.abspath(name))
    if rel.startswith(".."):
        return "file://" + urllib.parse.quote(os.path.abspath(name),
                                              safe="/-._~"), None
    return urllib.parse.quote(rel, safe="/-._~"), "%SRCROOT%"


def check_sarif(path, diags_path, codes_path, version, stdin_name=None):
    with open(path, encoding="utf-8") as f:
        try:
            log = json.load(f)
        except ValueError as e:
            fail(f"{path}: not JSON: {e}")
            return
    run = schema_check(log)
    if run is None:
        return
    drv = run["tool"]["driver"]
    if drv.get("name") != "sessval" or drv.get("version") != version:
        fail(f"driver name/version {drv.get('name')} {drv.get('version')}")
    if drv.get("informationUri") != "https://github.com/sessval/sessval":
        fail("informationUri")
    with open(codes_path) as f:
        codes = [line.split() for line in f if line.strip()]
    rules = drv.get("rules", [])
    if [r.get("id") for r in rules] != [c[0] for c in codes]:
        fail("rules are not every code in order")
    names = set()
    for r, c in zip(rules, codes):
        # a Pascal-case name that is not the id (SARIF 3.49.7, SARIF1001):
        # the id's words capitalised, or more words for a one-word id
        name = r.get("name", "")
        pascal = "".join(w.capitalize() for w in c[0].split("-"))
        if not re.fullmatch(r"(?:[A-Z][a-z0-9]*)+", name) or \
                name.lower() == c[0].lower() or \
                ("-" in c[0] and name != pascal):
            fail(f"rule {c[0]}: name {name!r}")
        if r.get("helpUri") != "https://github.com/sessval/sessval#" + c[0]:
            fail(f"rule {c[0]}: helpUri {r.get('helpUri')!r}")
        names.add(r.get("name"))
        if r["defaultConfiguration"]["level"] != c[1]:
            fail(f"rule {c[0]}: level {r['defaultConfiguration']['level']}")
    if len(names) != len(rules):
        fail("two rules share a name")
    if run.get("columnKind") != "unicodeCodePoints":
        fail("columnKind is not unicodeCodePoints")
    diags = load_jsonl(diags_path)
    results = run.get("results", [])
    if len(results) != len(diags):
        fail(f"{len(results)} results for {len(diags)} diagnostics")
    for i, (res, d) in enumerate(zip(results, diags)):
        w = f"results[{i}] ({d['file']}:{d['line']}:{d['column']})"
        if res.get("ruleId") != d["code"]:
            fail(f"{w}: ruleId {res.get('ruleId')} != {d['code']}")
        if rules and rules[res.get("ruleIndex", 0)].get("id") != d["code"]:
            fail(f"{w}: ruleIndex does not name the rule")
        if res.get("level") != d["severity"]:
            fail(f"{w}: level {res.get('level')}")
        want = (d["pointer"] or "(root)") + ": " + d["message"]
        if res["message"]["text"] != want:
            fail(f"{w}: message {res['message']['text']!r}")
        loc = res["locations"][0]
        rg = loc["physicalLocation"]["region"]
        if rg.get("startLine") != d["line"]:
            fail(f"{w}: startLine {rg.get('startLine')}")
        if rg.get("byteOffset") != d["offset"]:
            fail(f"{w}: byteOffset {rg.get('byteOffset')}")
        src = stdin_name if d["file"] == "-" else d["file"]
        if src:
            col = code_point_column(src, d["offset"], d["column"])
            if rg.get("startColumn") != col:
                fail(f"{w}: startColumn {rg.get('startColumn')}, "
                     f"want {col} code points")
        al = loc["physicalLocation"]["artifactLocation"]
        if d["file"] == "-":
            if al.get("uri") != "stdin":
                fail(f"{w}: uri {al.get('uri')} for standard input")
        else:
            uri, base = expected_uri(d["file"])
            if al.get("uri") != uri or al.get("uriBaseId") != base:
                fail(f"{w}: artifact {al}, want {uri} {base}")
        ll = loc.get("logicalLocations", [{}])[0]
        if ll.get("fullyQualifiedName") != d["pointer"] or \
                ll.get("kind") != "element":
            fail(f"{w}: logical location {ll}")


# ---------------------------------------------------------------- CSV
def check_csv(path, nrows):
    with open(path, "rb") as f:
        raw = f.read()
    text = raw.decode("utf-8")
    if text and not text.endswith("\r\n"):
        fail("CSV does not end in CRLF")
    if "\n" in text.replace("\r\n", ""):
        fail("a bare LF outside quotes in CSV")  # (none in our data)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        fail("no header row")
        return
    width = len(rows[0])
    for i, r in enumerate(rows):
        if len(r) != width:
            fail(f"row {i}: {len(r)} fields, header has {width}")
    if len(rows) - 1 != int(nrows):
        fail(f"{len(rows) - 1} records, want {nrows}")


def check_ndjson(path, csv_path):
    recs = load_jsonl(path)
    with open(csv_path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], rows[1:]
    if len(recs) != len(rows):
        fail(f"{len(recs)} NDJSON records, {len(rows)} CSV rows")
    for i, (rec, row) in enumerate(zip(recs, rows)):
        if list(rec.keys()) != header:
            fail(f"record {i}: members differ from the CSV header")
            continue
        for k, cell in zip(header, row):
            v = rec[k]
            s = "" if v is None else ("true" if v is True else "false"
                                      if v is False else str(v))
            if isinstance(v, float):
                s = cell if abs(float(cell) - v) < 1e-9 else str(v)
            if s != cell:
                fail(f"record {i}: {k}: NDJSON {v!r}, CSV {cell!r}")


def check_summary(path, diags_path):
    with open(path, encoding="utf-8") as f:
        md = f.read()
    diags = load_jsonl(diags_path)
    rows = [line for line in md.splitlines()
            if line.startswith("| error |") or line.startswith("| warning |")]
    if len(rows) != len(diags):
        fail(f"{len(rows)} finding rows for {len(diags)} diagnostics")
    for row, d in zip(rows, diags):
        cells = [c.strip() for c in row.strip("|").split(" | ")]
        if cells[0] != d["severity"] or cells[1] != str(d["line"]) or \
                cells[3] != d["code"]:
            fail(f"row {row!r} does not match {d}")


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "json":
        check_json(*args)
    elif cmd == "sarif":
        stdin_name = None
        if "--stdin" in args:
            k = args.index("--stdin")
            stdin_name = args[k + 1]
            args = args[:k] + args[k + 2:]
        check_sarif(*args, stdin_name=stdin_name)
    elif cmd == "csv":
        check_csv(*args)
    elif cmd == "ndjson":
        check_ndjson(*args)
    elif cmd == "summary":
        check_summary(*args)
    else:
        fail(f"unknown check {cmd}")
    done()


if __name__ == "__main__":
    main()
