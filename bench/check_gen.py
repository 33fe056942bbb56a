#!/usr/bin/env python3
"""Check bench/gen: its output parses, follows the seed's shape and the
rules of DESIGN.md exactly when --errors is 0, and carries exactly one
detectable defect per injected session otherwise; same arguments give the
same bytes; memory stays flat in --size.

    bench/check_gen.py [--gen build/bench/gen] [--big]

Runs in a few seconds (small sizes).  --big adds a 1 GiB run to /dev/null
and reports its peak RSS.  Prints 'N passed, N failed' at the end and exits
non-zero on any failure.
"""
import argparse
import datetime
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile

HOST = "https://abc.ukwest.cloudapp.azure.com"

TYPES = {
    "PolicyBackup": ("Policy Backup", "backupJobInfo"),
    "PolicySnapshot": ("Policy Snapshot", "backupJobInfo"),
    "ManualSnapshot": ("Manual Snapshot", None),
    "BackupRetention": ("Backup Retention", None),
    "LingeringSnapshotRetention": ("Obsolete Snapshot Retention", None),
    "RepositoryCreation": ("Create Repository", "repositoryJobInfo"),
    "RestoreVms": ("Restore VMs", "restoreJobInfo"),
    "FileLevelRestore": ("File-Level Restore", "fileLevelRestoreJobInfo"),
    "AutoBackup": ("Auto Backup", None),
    "RestoreDisks": ("Restore Disks", None),
    "ObsoleteSnapshotRetention": ("Obsolete Snapshot Retention", None),
    "BackupDeletion": ("Backup Deletion", None),
    "SnapshotDeletion": ("Snapshot Deletion", None),
    "RepositoryDeletion": ("Delete Repository", None),
    "RepositoryEdit": ("Edit Repository", None),
    "ManualSnapshotDeletion": ("Manual Snapshot Deletion", None),
    "InvalidSnapshotRetention": ("Invalid Snapshot Deletion", None),
    "OrphanedSnapshotRetention": ("Orphaned Snapshot Retention", None),
}
FINISHED = {"Success", "Warning", "Error", "Canceled"}
UNFINISHED = {"Running", "RunningWithWarning", "RunningWithError", "Pending",
              "Canceling"}
JOB_INFOS = ("backupJobInfo", "restoreJobInfo", "fileLevelRestoreJobInfo",
             "repositoryJobInfo")
SESSION_ORDER = ["id", "type", "localizedType", "executionStartTime",
                 "executionStopTime", "executionDuration", "status", "usn",
                 *JOB_INFOS, "_links"]

TS_RE = re.compile(r"^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?Z$")
DUR_RE = re.compile(r"^(-)?(?:(\d+)\.)?(\d\d):(\d\d):(\d\d)\.(\d{7})$")
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
EPOCH = datetime.datetime(1970, 1, 1)


class Obj(dict):
    """A JSON object that remembers its member order and duplicate keys."""

    def __init__(self, pairs):
        super().__init__(pairs)
        self.keys_in_order = [k for k, _ in pairs]
        self.dups = len(self.keys_in_order) != len(set(self.keys_in_order))


def loads(text):
    return json.loads(text, object_pairs_hook=Obj)


def values(data):
    """The top-level values of a stream of concatenated JSON values."""
    dec = json.JSONDecoder(object_pairs_hook=Obj)
    text, pos, out = data.decode(), 0, []
    end = len(text.rstrip())
    while pos < end:
        v, pos = dec.raw_decode(text, pos)
        out.append(v)
        while pos < len(text) and text[pos] in " \t\r\n":
            pos += 1
    return out


def ts_us(s):
    """Microseconds since the epoch, or None when not the generator's form."""
    m = TS_RE.match(s) if isinstance(s, str) else None
    if not m:
        return None
    frac = m.group(7)
    if frac is not None and frac.endswith("0"):
        return None  # trailing zeros must be trimmed
    try:
        dt = datetime.datetime(*(int(m.group(i)) for i in range(1, 7)))
    except ValueError:
        return None
    us = int((frac or "").ljust(6, "0") or 0)
    return (dt - EPOCH) // datetime.timedelta(microseconds=1) + us


def dur_us(s):
    m = DUR_RE.match(s) if isinstance(s, str) else None
    if not m:
        return None
    neg, d, h, mi, se, f = m.groups()
    if int(h) > 23 or int(mi) > 59 or int(se) > 59 or f[6] != "0":
        return None
    if d is not None and (d.startswith("0") or int(d) == 0):
        return None
    us = (((int(d or 0) * 24 + int(h)) * 60 + int(mi)) * 60 + int(se)) * 10**6 + int(f) // 10
    return -us if neg else us


def is_url(s):
    return isinstance(s, str) and re.match(r"^https?://[^/\s]+(/\S*)?$", s) is not None


def session_problems(s, expected_id=None):
    """The defect kinds (generator names) found in one session."""
    p = []
    if s.dups:
        p.append("duplicate-member")
    extra = [k for k in s.keys_in_order if k not in SESSION_ORDER]
    if extra:
        p.append("unknown-member")
    keys = [k for k in s.keys_in_order if k in SESSION_ORDER]
    if keys != sorted(set(keys), key=SESSION_ORDER.index) and not s.dups:
        p.append("member-order")
    if "usn" not in s or "status" not in s:
        p.append("missing-member")
    for k in ("id", "type", "localizedType", "executionStartTime", "_links"):
        if k not in s:
            p.append("missing:" + k)
    status = s.get("status")
    if "status" in s and status not in FINISHED | UNFINISHED:
        p.append("bad-enum")
    if "usn" in s:
        usn = s["usn"]
        if isinstance(usn, str):
            p.append("usn-string")
        elif type(usn) is not int:
            p.append("usn-type")
        elif usn < 0:
            p.append("out-of-range")
    sid = s.get("id")
    if not isinstance(sid, str) or not sid.isdigit():
        p.append("bad-id")
    elif expected_id is not None and int(sid) != expected_id:
        p.append("duplicate-id")
    t = s.get("type")
    if t not in TYPES:
        p.append("bad-type")
    elif s.get("localizedType") != TYPES[t][0]:
        p.append("bad-localized-type")

    start = ts_us(s.get("executionStartTime"))
    if start is None:
        p.append("bad-timestamp")
    has_stop = "executionStopTime" in s
    has_dur = "executionDuration" in s
    if status in UNFINISHED:
        if has_stop != has_dur:
            p.append("running-shape")
        elif has_stop and (s["executionStopTime"] is not None or s["executionDuration"] is not None):
            p.append("running-shape")
    elif not (has_stop and has_dur):
        p.append("missing:stop/duration")
    else:
        stop = ts_us(s["executionStopTime"])
        d = dur_us(s["executionDuration"])
        if stop is None:
            p.append("bad-timestamp-stop")
        if d is None:
            p.append("bad-duration")
        if start is not None and stop is not None:
            if stop < start:
                p.append("stop-before-start")
            if d is not None and stop - start != d:
                p.append("duration-mismatch")

    want = TYPES.get(t, (None, None))[1]
    present = [k for k in JOB_INFOS if k in s]
    if present != ([want] if want else []):
        p.append("job-info-mismatch")
    bj = s.get("backupJobInfo")
    if isinstance(bj, dict):
        if list(bj) != ["policyId", "policyName", "protectedInstancesCount", "policyRemoved"]:
            p.append("backup-shape")
        elif not UUID_RE.match(bj["policyId"]):
            p.append("bad-uuid")
        elif not (isinstance(bj["policyName"], str) and type(bj["protectedInstancesCount"]) is int
                  and bj["protectedInstancesCount"] >= 0 and type(bj["policyRemoved"]) is bool):
            p.append("backup-types")
    rj = s.get("repositoryJobInfo")
    if isinstance(rj, dict):
        if list(rj) != ["repositoryId", "repositoryName", "repositoryRemoved"] or \
                type(rj["repositoryId"]) is not int or not isinstance(rj["repositoryName"], str) or \
                type(rj["repositoryRemoved"]) is not bool:
            p.append("repository-shape")
    xj = s.get("restoreJobInfo")
    if isinstance(xj, dict):
        ok = list(xj) == ["reason", "items"] and (xj["reason"] is None or isinstance(xj["reason"], str)) \
            and isinstance(xj["items"], list) and len(xj["items"]) >= 1 and all(
                list(i) == ["name", "resourceGroupName", "regionName"] and all(isinstance(v, str) for v in i.values())
                for i in xj["items"])
        if not ok:
            p.append("restore-shape")
    fj = s.get("fileLevelRestoreJobInfo")
    if isinstance(fj, dict):
        ok = list(fj) == ["reason", "flrLink", "vmId"] and (fj["reason"] is None or isinstance(fj["reason"], str)) \
            and list(fj["flrLink"]) == ["url", "thumbprint"] and fj["flrLink"]["url"].startswith("https://") \
            and re.match(r"^[0-9A-F]{40}$", fj["flrLink"]["thumbprint"]) and UUID_RE.match(fj["vmId"])
        if not ok:
            p.append("flr-shape")

    links = s.get("_links")
    if isinstance(links, dict):
        try:
            self_href = links["self"]["href"]
            log_href = links["log"]["href"]
        except (KeyError, TypeError):
            p.append("links-shape")
        else:
            if list(links) != ["self", "log"]:
                p.append("links-shape")
            if not is_url(self_href) or not is_url(log_href):
                p.append("bad-url")
            else:
                if self_href != f"{HOST}/api/v1/jobSessions/{sid}":
                    p.append("link-mismatch")
                if log_href != f"{HOST}/api/v1/jobSessions/{sid}/log":
                    p.append("link-mismatch-log")
    return p


def log_entry_problems(e):
    p = []
    if e.dups:
        p.append("duplicate-member")
    order = ["logTime", "status", "message", "executionStartTime", "executionDuration"]
    if any(k not in order for k in e.keys_in_order):
        p.append("unknown-member")
    if "logTime" not in e or "status" not in e:
        p.append("missing-member")
    if "status" in e and e["status"] not in FINISHED:
        p.append("bad-enum")
    if "logTime" in e and ts_us(e["logTime"]) is None:
        p.append("bad-timestamp")
    if ts_us(e.get("executionStartTime")) is None:
        p.append("bad-start")
    if dur_us(e.get("executionDuration")) is None:
        p.append("bad-duration")
    if not isinstance(e.get("message"), str):
        p.append("message")
    return p


# ------------------------------------------------------------------ runner

class Checker:
    def __init__(self, gen):
        self.gen = gen
        self.passed = 0
        self.failed = 0

    def ok(self, cond, what):
        if cond:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL: {what}", file=sys.stderr)
        return cond

    def run(self, *args):
        r = subprocess.run([self.gen, *args], capture_output=True, check=False)
        if r.returncode != 0:
            raise SystemExit(f"gen {' '.join(args)} failed: {r.stderr.decode()}")
        return r.stdout, r.stderr.decode()

    def summary(self, stderr):
        """Parse 'gen: sessions N, bytes B, defects D: kind=n, ...'."""
        m = re.match(r"gen: (?:sessions|log entries) (\d+), bytes (\d+), defects (\d+)(?:: (.*))?$", stderr.strip())
        assert m, stderr
        kinds = {}
        if m.group(4):
            for part in m.group(4).split(", "):
                k, v = part.split("=")
                kinds[k] = int(v)
        return int(m.group(1)), int(m.group(2)), int(m.group(3)), kinds

    # -- a clean page: every rule, globally too
    def check_clean_page(self, data, label, expect_n=None):
        try:
            page = loads(data)
        except ValueError as e:
            return self.ok(False, f"{label}: json: {e}")
        n = len(page["results"])
        self.ok(page.keys_in_order == ["offset", "limit", "totalCount", "results", "_links"],
                f"{label}: envelope order {page.keys_in_order}")
        self.ok(page["offset"] == 0 and page["limit"] == n and page["totalCount"] == n,
                f"{label}: offset/limit/totalCount")
        if expect_n is not None:
            self.ok(n == expect_n, f"{label}: {n} sessions, expected {expect_n}")
        self.ok(page["_links"] == {"self": {"href": f"{HOST}:443/api/v1/jobSessions?offset=0&limit={n}&display=Full"}},
                f"{label}: page self link")
        self.check_sessions(page["results"], label)
        return page

    def check_sessions(self, sessions, label):
        n = len(sessions)
        bad = 0
        ids = set()
        prev_start = prev_usn = None
        for i, s in enumerate(sessions):
            probs = session_problems(s, expected_id=n - i)
            if probs:
                bad += 1
                if bad <= 3:
                    self.ok(False, f"{label}: session {i} (id {s.get('id')}): {probs}")
            ids.add(s.get("id"))
            start = ts_us(s.get("executionStartTime"))
            if prev_start is not None and start is not None and not start < prev_start:
                bad += 1
                self.ok(False, f"{label}: start times not descending at {i}")
            prev_start = start
            if prev_usn is not None and not s["usn"] < prev_usn:
                bad += 1
                self.ok(False, f"{label}: usn not growing with the id at {i}")
            prev_usn = s["usn"]
        self.ok(bad == 0, f"{label}: {bad} sessions broke a rule")
        self.ok(len(ids) == n, f"{label}: ids not unique")

    def check_ndjson(self, data, label):
        lines = data.split(b"\n")
        self.ok(lines[-1] == b"", f"{label}: last line not terminated")
        sessions = []
        for ln in lines[:-1]:
            self.ok(ln and b"\n" not in ln and not ln.startswith(b" "), f"{label}: empty/indented line")
            sessions.append(loads(ln))
        self.check_sessions(sessions, label)
        return sessions

    def check_log(self, data, label):
        doc = loads(data)
        self.ok(doc.keys_in_order == ["jobSessionId", "log"] and doc["jobSessionId"] == "38",
                f"{label}: log envelope")
        prev = None
        bad = 0
        for e in doc["log"]:
            probs = log_entry_problems(e)
            if probs or e.keys_in_order != ["logTime", "status", "message", "executionStartTime", "executionDuration"]:
                bad += 1
            t = ts_us(e["logTime"])
            if prev is not None and t <= prev:
                bad += 1
            prev = t
        self.ok(bad == 0, f"{label}: {bad} log entries broke a rule")
        return doc


def pretty_reference(obj):
    """What JSON.stringify(obj, null, 2) writes, with the generator's \\u
    escapes decoded (JSON.stringify writes those characters raw)."""
    return json.dumps(obj, indent=2, ensure_ascii=False)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gen", default=os.path.join(os.path.dirname(__file__), "..", "build", "bench", "gen"))
    ap.add_argument("--big", action="store_true", help="also run 1 GiB to /dev/null and report peak RSS")
    a = ap.parse_args()
    if not os.access(a.gen, os.X_OK):
        print(f"check_gen: {a.gen} is not built (make gen)", file=sys.stderr)
        return 2
    c = Checker(a.gen)

    # 1. clean pages, several seeds, both formats; the same content either way
    for seed in ("1", "2", "7", "12345"):
        comp, _ = c.run("--seed", seed, "--count", "1500", "--running", "0.05")
        pret, _ = c.run("--seed", seed, "--count", "1500", "--running", "0.05", "--format", "pretty")
        p1 = c.check_clean_page(comp, f"seed {seed} compact", 1500)
        p2 = c.check_clean_page(pret, f"seed {seed} pretty", 1500)
        c.ok(p1 == p2, f"seed {seed}: compact and pretty differ in content")
        c.ok(b" " not in re.sub(rb'"(?:[^"\\]|\\.)*"', b"", comp) and b"\n" not in comp,
             f"seed {seed}: whitespace in compact output")
        decoded = re.sub(r"(?<!\\)\\u([0-9a-f]{4})", lambda m: chr(int(m.group(1), 16)), pret.decode())
        c.ok(decoded == pretty_reference(json.loads(pret)), f"seed {seed}: pretty is not JSON.stringify(x, null, 2)")
        if seed == "1":
            rs = p1["results"]
            types = {}
            for s in rs:
                types[s["type"]] = types.get(s["type"], 0) + 1
            c.ok(0.30 < types["PolicyBackup"] / len(rs) < 0.40 and 0.30 < types["PolicySnapshot"] / len(rs) < 0.40,
                 f"type mix: {types}")
            c.ok(all(t in types for t in ("RepositoryCreation", "RestoreVms", "FileLevelRestore", "BackupRetention")),
                 f"type mix lacks a job-info type: {types}")
            unfinished = [s for s in rs if s["status"] in UNFINISHED]
            c.ok(20 < len(unfinished) < 140, f"{len(unfinished)} unfinished at --running 0.05")
            c.ok(any("executionStopTime" not in s for s in unfinished) and
                 any(s.get("executionStopTime", 1) is None for s in unfinished), "unfinished: absent and null")
            c.ok({"Warning", "Error", "Canceled"} <= {s["status"] for s in rs}, "statuses")
            c.ok(any(re.match(r"^\d+\.", s.get("executionDuration") or "") for s in rs), "no duration >= 1 day")
            c.ok(b'\\"' in comp and b"\\u00e9" in comp and "日本".encode() in comp and "ü".encode() in comp,
                 "escapes and raw UTF-8")
            frac_lens = {len(m) for m in re.findall(rb'T\d\d:\d\d:\d\d\.(\d+)Z', comp)}
            c.ok({4, 5, 6} <= frac_lens, f"timestamp fraction lengths {frac_lens}")

    # 2. determinism: same arguments, same bytes; -o FILE == stdout
    a1, _ = c.run("--seed", "9", "--size", "300K", "--errors", "0.1")
    a2, _ = c.run("--seed", "9", "--size", "300K", "--errors", "0.1")
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "x.json")
        c.run("--seed", "9", "--size", "300K", "--errors", "0.1", "-o", path)
        with open(path, "rb") as f:
            a3 = f.read()
    h = [hashlib.sha256(x).hexdigest() for x in (a1, a2, a3)]
    c.ok(h[0] == h[1] == h[2], f"not deterministic: {h}")
    b1, _ = c.run("--seed", "10", "--size", "300K", "--errors", "0.1")
    c.ok(a1 != b1, "another seed gives the same bytes")

    # 3. --size lands close, for each shape and format
    for shape in ("page", "ndjson", "log"):
        for fmt in ("compact", "pretty"):
            for size in (200 * 1024, 3 * 1024 * 1024):
                data, err = c.run("--shape", shape, "--format", fmt, "--size", str(size))
                n, nbytes, _, _ = c.summary(err)
                c.ok(nbytes == len(data), "summary bytes")
                c.ok(abs(len(data) - size) / size < 0.03,
                     f"{shape}/{fmt} --size {size}: got {len(data)} bytes")
    data, _ = c.run("--size", "3M")
    c.check_clean_page(data, "--size 3M page")
    data, _ = c.run("--shape", "ndjson", "--size", "1M", "--seed", "3")
    c.check_ndjson(data, "ndjson")
    data, _ = c.run("--shape", "log", "--size", "1M", "--seed", "3")
    c.check_log(data, "log")
    data, _ = c.run("--shape", "log", "--size", "100K", "--format", "pretty")
    c.check_log(data, "log pretty")
    data, _ = c.run("--shape", "session", "--seed", "5")
    s = loads(data)
    c.ok(session_problems(s, expected_id=1) == [], "single session")
    data, _ = c.run("--shape", "ndjson", "--format", "pretty", "--count", "20")
    sessions = values(data)
    c.ok(len(sessions) == 20, "pretty ndjson: concatenated values")
    c.check_sessions(sessions, "pretty ndjson")

    # 4. defects: exactly one per injected session, the kind announced
    for shape in ("page", "ndjson"):
        for fmt in ("compact", "pretty"):
            data, err = c.run("--shape", shape, "--format", fmt, "--count", "600", "--errors", "1", "--seed", "4")
            n, _, defects, kinds = c.summary(err)
            c.ok(defects == n, f"{shape}: {defects} defects for {n} sessions at --errors 1")
            if shape == "page":
                sessions = loads(data)["results"]
            else:
                sessions = values(data)
            found = {}
            wrong = []
            for i, s in enumerate(sessions):
                probs = session_problems(s, expected_id=n - i)
                # A duplicate id repeats an existing one: the owner is the
                # session whose expected id it is.
                if len(probs) != 1:
                    wrong.append((i, probs))
                for k in probs:
                    found[k] = found.get(k, 0) + 1
            c.ok(not wrong, f"{shape}/{fmt}: sessions without exactly one defect: {wrong[:5]}")
            c.ok(found == kinds, f"{shape}/{fmt}: found {found}, announced {kinds}")
            want = 15 if shape == "page" else 14
            c.ok(len(kinds) == want, f"{shape}: {len(kinds)} kinds cycled, want {want}")
    data, err = c.run("--count", "2000", "--errors", "0.05", "--seed", "8")
    n, _, defects, kinds = c.summary(err)
    c.ok(40 < defects < 160, f"--errors 0.05: {defects} of {n}")
    page = loads(data)
    found = sum(1 for i, s in enumerate(page["results"]) if session_problems(s, expected_id=n - i))
    c.ok(found == defects, f"--errors 0.05: {found} sessions flagged, {defects} announced")
    clean, _ = c.run("--count", "2000", "--seed", "8")
    cp = loads(clean)["results"]
    same = sum(1 for x, y in zip(cp, page["results"]) if x == y and x.keys_in_order == y.keys_in_order)
    c.ok(same == n - defects, f"--errors changed {n - same} sessions for {defects} defects")
    data, err = c.run("--shape", "log", "--count", "300", "--errors", "1")
    n, _, defects, kinds = c.summary(err)
    doc = loads(data)
    wrong = [(i, p) for i, e in enumerate(doc["log"]) if len(p := log_entry_problems(e)) != 1]
    c.ok(defects == n and not wrong, f"log defects: {wrong[:5]}")

    # 5. flat memory: peak RSS of a small and a large run
    # Through GNU time: a child forked from this (large) Python process
    # would count the parent's pages, which Linux keeps in ru_maxrss across
    # exec.
    def rss(size):
        r = subprocess.run(["/usr/bin/time", "-f", "%M", a.gen, "-q", "--size", size, "-o", os.devnull],
                           capture_output=True, check=False)
        c.ok(r.returncode == 0, f"gen --size {size}")
        return int(r.stderr.decode().strip().splitlines()[-1])  # KiB
    if os.access("/usr/bin/time", os.X_OK):
        small, large = rss("1M"), rss("256M")
        c.ok(abs(large - small) < 1024, f"peak RSS 1M: {small} KiB, 256M: {large} KiB")
        if a.big:
            big = rss("1G")
            c.ok(abs(big - small) < 1024, f"peak RSS 1M: {small} KiB, 1G: {big} KiB")
            print(f"peak RSS: --size 1M {small} KiB, --size 256M {large} KiB, --size 1G {big} KiB")
    else:
        print("skipped the memory check: /usr/bin/time missing (Debian package time)")

    print(f"{c.passed} passed, {c.failed} failed")
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main())
