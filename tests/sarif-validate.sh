#!/bin/sh
# make check-sarif: sessval's SARIF output checked by Microsoft's SARIF
# Multitool (`validate`: the SARIF 2.1.0 schema plus the SARIF rules), the
# reference validator, on the corpus: every broken payload, the captures
# (HTTP, HAR, UTF-16), a page listing, standard input and a missing file
# (a notification).  Any result of level error or warning fails; notes
# (style advice such as "use message ids") are counted and printed.
#
# The tool is a self-contained .NET binary published on npm
# (@microsoft/sarif-multitool-linux, x86-64); it is fetched once into
# build/sarif/ from the registry with python3 (no node needed), its
# sha512 checked against the pinned one.  Without a network, or on another
# machine type, the check says so and is skipped (exit 0); `make check`
# keeps its own offline SARIF checks (tests/cli/check.py).
#
#   tests/sarif-validate.sh SESSVAL
set -eu
sv=$1
ver=5.7.0
dir=build/sarif
tool=$dir/package/Sarif.Multitool
url=https://registry.npmjs.org/@microsoft/sarif-multitool-linux/-/sarif-multitool-linux-$ver.tgz
sha512=NxUbpq6ISCWoTQ/NfOYEwEDKq1Heka/rMoJ5R5LMydcAZQX/X7g5mWHcgxDub+0M07LC96tZ5LZHvF1Qy3gjTA==

if [ "$(uname -sm)" != "Linux x86_64" ]; then
    echo "check-sarif: skipped: the Multitool package is for Linux x86-64"
    exit 0
fi
if [ ! -x "$tool" ]; then
    mkdir -p "$dir"
    if ! python3 - "$url" "$sha512" "$dir/multitool.tgz" <<'PY'
import base64, hashlib, sys, urllib.request
url, want, out = sys.argv[1:]
try:
    data = urllib.request.urlopen(url, timeout=120).read()
except Exception as e:
    sys.exit(f"check-sarif: cannot fetch {url}: {e}")
got = base64.b64encode(hashlib.sha512(data).digest()).decode()
if got != want:
    sys.exit(f"check-sarif: {url}: sha512 {got}, want {want}")
open(out, "wb").write(data)
PY
    then
        echo "check-sarif: skipped: the SARIF Multitool could not be fetched"
        exit 0
    fi
    tar -xzf "$dir/multitool.tgz" -C "$dir" package/Sarif.Multitool
    rm -f "$dir/multitool.tgz"
    chmod +x "$tool"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# the logs to check: one per shape of run
"$sv" --format=sarif --max-errors=0 corpus/invalid/ >"$tmp/invalid.sarif" 2>/dev/null || true
"$sv" --format=sarif --max-errors=0 corpus/captures/*.http corpus/captures/*.har \
    corpus/captures/*.json >"$tmp/captures.sarif" 2>/dev/null || true
"$sv" --format=sarif --pages corpus/captures/pages-gap-dup/*.json >"$tmp/pages.sarif" 2>/dev/null || true
"$sv" --format=sarif - no-such-file.json <corpus/invalid/type-usn-string.json \
    >"$tmp/stdin-missing.sarif" 2>/dev/null || true
"$sv" --format=sarif corpus/valid/seed-page.json >"$tmp/valid.sarif" 2>/dev/null
"$sv" --format=sarif --api=v8 corpus/valid/v8-page.api-v8.json >"$tmp/v8.sarif" 2>/dev/null

# no ICU needed: the tool's messages are in English either way
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
fail=0
for f in "$tmp"/*.sarif; do
    out=$tmp/$(basename "$f" .sarif).validation
    if ! "$tool" validate --level "Error;Warning;Note" --output "$out" "$f" >"$tmp/log" 2>&1; then
        cat "$tmp/log"
        echo "check-sarif: the Multitool failed on $(basename "$f")"
        fail=1
        continue
    fi
    python3 - "$out" "$(basename "$f")" <<'PY' || fail=1
import collections, json, sys
log = json.load(open(sys.argv[1]))
res = [r for run in log["runs"] for r in run.get("results", [])]
# a result without a level is a warning (SARIF 3.27.10)
bad = [r for r in res if r.get("level", "warning") in ("error", "warning")]
notes = collections.Counter(r["ruleId"] for r in res
                            if r.get("level", "warning") == "note")
for r in bad:
    m = r["message"]
    print(f"check-sarif: {sys.argv[2]}: {r.get('level', 'warning')} {r['ruleId']}: "
          f"{m.get('text') or m.get('id')} {m.get('arguments', '')}")
print(f"check-sarif: {sys.argv[2]}: {len(bad)} errors or warnings; notes: "
      + (", ".join(f"{k} x{v}" for k, v in sorted(notes.items())) or "none"))
sys.exit(1 if bad else 0)
PY
done
[ $fail = 0 ] && echo "check-sarif: every log passes the SARIF Multitool $ver (schema and rules)"
exit $fail
