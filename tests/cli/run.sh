#!/usr/bin/env bash
# tests/cli/run.sh - shell tests of the sessval command line.
#
#   tests/cli/run.sh [--fast] SESSVAL
#
# Run from the repository root (make test-cli does).  --fast skips the slow
# tests (256 MB memory test, progress line, big inputs): the ASan build runs
# with it.  UPDATE=1 rewrites the expected files in tests/cli/expected/
# instead of comparing (review the diff).  VERBOSE=1 prints every test.
#
# Needs python3 (tests/cli/check.py), and for the slow tests build/bench/gen
# (make gen), build/tests/cli/peakrss (tests/cli.mk) and script(1).
set -u
export LC_ALL=C.UTF-8
unset NO_COLOR CI GITHUB_ACTIONS GITHUB_STEP_SUMMARY

FAST=0
if [ "${1:-}" = "--fast" ]; then FAST=1; shift; fi
SV=${1:-build/release/sessval}
ROOT=$PWD
GEN=${GEN:-$ROOT/build/bench/gen}
PEAKRSS=${PEAKRSS:-$ROOT/build/tests/cli/peakrss}
CHECK="python3 $ROOT/tests/cli/check.py"
EXP=$ROOT/tests/cli/expected
DATA=$ROOT/tests/cli/data
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# a copy: a rebuild in the work tree while the tests run must not mix builds
cp "$SV" "$T/sessval" || exit 1
SV=$T/sessval

pass=0
fail=0
ok() {
    pass=$((pass + 1))
    if [ -n "${VERBOSE:-}" ]; then echo "ok   $1"; fi
}
bad() {
    fail=$((fail + 1))
    echo "FAIL $1${2:+: $2}"
}
# run CMD...: stdout in $T/out, stderr in $T/err, status in $rc
run() {
    "$@" >"$T/out" 2>"$T/err"
    rc=$?
}
expect_rc() { # NAME WANT
    if [ "$rc" -eq "$2" ]; then ok "$1"; else bad "$1" "exit $rc, want $2"; fi
}
# times vary: "(N bytes, 1.2 ms)" -> "(N bytes, T ms)"
untime() { sed -E 's/, [0-9]+\.[0-9] ms\)$/, T ms)/' "$@"; }
same() { # NAME GOT WANT
    if cmp -s "$2" "$3"; then
        ok "$1"
    else
        bad "$1" "$2 differs from $3"
        diff "$3" "$2" | head -10
    fi
}
golden() { # NAME GOT EXPECTED-NAME
    if [ -n "${UPDATE:-}" ]; then
        cp "$2" "$EXP/$3"
        ok "$1 (updated)"
    else
        same "$1" "$2" "$EXP/$3"
    fi
}
has() { # NAME FILE REGEX
    if grep -Eq -- "$3" "$2"; then ok "$1"; else bad "$1" "no /$3/ in $2"; fi
}
hasnt() { # NAME FILE REGEX
    if grep -Eq -- "$3" "$2"; then bad "$1" "/$3/ in $2"; else ok "$1"; fi
}
empty() { # NAME FILE
    if [ -s "$2" ]; then bad "$1" "$2 is not empty"; head -3 "$2"; else ok "$1"; fi
}
pycheck() { # NAME ARGS...
    local name=$1
    shift
    if $CHECK "$@" >"$T/check.log" 2>&1; then
        ok "$name"
    else
        bad "$name"
        cat "$T/check.log"
    fi
}

# The seed example, and fixtures of our own (the corpus grows under other
# hands; the expected files must not move with it).
VALID=corpus/valid/seed-page.json
MANY=tests/cli/data/many-rules.json
INVALID=(tests/cli/data/many-rules.json tests/cli/data/syntax-trailing-comma.json
    tests/cli/data/truncated-in-string.json)
VERSION=$(sed -n 's/^#define SV_VERSION_\(MAJOR\|MINOR\|PATCH\) \([0-9]*\)/\2/p' \
    parser/sessval.h | paste -sd.)
"$SV" --explain | awk 'NR > 2 && NF {print $1, $2}' >"$T/codes"

# ------------------------------------------------------------ exit status
run "$SV" $VALID
expect_rc "valid file: exit 0" 0
empty "valid file: nothing on stdout" "$T/out"
has "valid file: summary line" "$T/err" \
    "^corpus/valid/seed-page.json: valid: 1 page, 14 sessions, 0 errors, 0 warnings \\(7939 bytes, [0-9]+\\.[0-9] ms\\)$"

run "$SV" $MANY
expect_rc "invalid file: exit 1" 1
has "invalid file: summary line" "$T/err" \
    "^tests/cli/data/many-rules.json: invalid: 1 page, 14 sessions, 9 errors, 8 warnings"

run "$SV" no-such-file.json $VALID
expect_rc "missing file: exit 2" 2
has "missing file: named on stderr" "$T/err" \
    "^no-such-file.json: cannot open: No such file or directory$"
has "missing file: the other file still validated" "$T/err" \
    "^corpus/valid/seed-page.json: valid"

run "$SV" $MANY no-such-file.json
expect_rc "invalid + missing: 2 wins over 1" 2
has "invalid + missing: diagnostics still printed" "$T/out" "\\[type-mismatch\\]"

run "$SV" --bogus $VALID
expect_rc "unknown option: exit 2" 2
has "unknown option: named" "$T/err" "^sessval: unknown option '--bogus'$"
has "unknown option: hint" "$T/err" "Try 'sessval --help'"
empty "unknown option: nothing on stdout" "$T/out"

for args in --kind=foo --format=xml --format --color=sometimes \
    --max-errors=-1 --max-errors=x --jobs=x --jobs=1000 --extract=xml \
    --multi=json --read-size=0 --read-size=random:x -jx; do
    run "$SV" $args $VALID
    expect_rc "bad value $args: exit 2" 2
    has "bad value $args: usage error" "$T/err" "^sessval: (invalid|option)"
done

# ----------------------------------------------------- help, version, man
run "$SV" --help
expect_rc "--help: exit 0" 0
has "--help: usage line" "$T/out" "^usage: sessval \\[OPTIONS\\] \\[FILE\\|DIR\\|-\\]\\.\\.\\.$"
cp "$T/out" "$T/help"
run "$SV" --version
expect_rc "--version: exit 0" 0
has "--version: the library's version" "$T/out" "^sessval $VERSION$"

man_ok=1
for opt in $(grep -oE -- '--[a-z][a-z-]+' "$T/help" | sort -u) -h -j -q; do
    pat=$(printf '%s' "$opt" | sed 's/-/\\\\-/g')
    if ! grep -q -- "$pat" cli/sessval.1; then
        man_ok=0
        bad "man page documents $opt"
    fi
done
[ $man_ok -eq 1 ] && ok "man page documents every option of --help"
has "man page documents --read-size under TESTING" cli/sessval.1 '^\.BR \\-\\-read\\-size'
if command -v groff >/dev/null; then
    if groff -man -ww -z cli/sessval.1 >"$T/groff" 2>&1 && ! [ -s "$T/groff" ]; then
        ok "man page: groff -ww has no warnings"
    else
        bad "man page: groff warnings" "$(head -3 "$T/groff")"
    fi
fi
has "man page: version matches" cli/sessval.1 "\"sessval $VERSION\""

run "$SV" --explain
expect_rc "--explain: exit 0" 0
if [ "$(wc -l <"$T/codes")" -ge 21 ]; then ok "--explain lists the codes"; else bad "--explain lists the codes"; fi
run "$SV" --explain type-mismatch
expect_rc "--explain CODE: exit 0" 0
has "--explain CODE: meaning" "$T/out" "^Meaning$"
run "$SV" --explain=no-such-code
expect_rc "--explain unknown code: exit 2" 2

# ------------------------------------------------------------------- text
run "$SV" "${INVALID[@]}"
expect_rc "text: invalid fixtures exit 1" 1
golden "text: three invalid fixtures" "$T/out" invalid.txt
untime "$T/err" >"$T/err.n"
golden "text: summaries and total on stderr" "$T/err.n" invalid.txt.stderr
has "text: root pointer is (root)" "$T/out" \
    "^tests/cli/data/syntax-trailing-comma.json:1:24: error: \\(root\\): "

run "$SV" --color=always $MANY
has "--color=always: ANSI colours" "$T/out" $'\033\\[1;31merror'
run "$SV" --color=never $MANY
hasnt "--color=never: no colours" "$T/out" $'\033'
run "$SV" $MANY
hasnt "--color=auto: no colours into a pipe" "$T/out" $'\033'

run "$SV" --max-errors=2 $MANY
expect_rc "--max-errors=2: still invalid" 1
if [ "$(grep -c '^tests/cli/data/many-rules.json:[0-9]*:[0-9]*: ' "$T/out")" -eq 2 ]; then
    ok "--max-errors=2: two diagnostics"
else
    bad "--max-errors=2: two diagnostics"
fi
has "--max-errors: note on stdout (text)" "$T/out" \
    "^tests/cli/data/many-rules.json: note: 15 more diagnostics not shown \\(--max-errors\\)$"
run "$SV" --max-errors=0 --format=json $MANY
if [ "$(wc -l <"$T/out")" -eq 17 ]; then ok "--max-errors=0: all 17"; else bad "--max-errors=0: all 17"; fi
run "$SV" --max-errors=1 --format=json $MANY
if [ "$(wc -l <"$T/out")" -eq 1 ]; then ok "--max-errors=1 json: one line"; else bad "--max-errors=1 json: one line"; fi
has "--max-errors: note on stderr (json)" "$T/err" "note: 16 more diagnostics not shown"

run "$SV" --quiet $MANY
expect_rc "--quiet invalid: exit 1" 1
empty "--quiet: no stdout" "$T/out"
empty "--quiet: no stderr" "$T/err"
run "$SV" -q no-such-file.json
expect_rc "--quiet missing: exit 2" 2
empty "--quiet missing: no stderr" "$T/err"

# --strict: a file whose only finding is a warning
python3 - "$VALID" "$T/warn.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
d["results"][0]["usnn"] = 1
json.dump(d, open(sys.argv[2], "w"), indent=2)
EOF
run "$SV" "$T/warn.json"
expect_rc "warning only: exit 0" 0
has "warning only: valid with 1 warning" "$T/err" ": valid: 1 page, 14 sessions, 0 errors, 1 warning "
run "$SV" --strict --format=json "$T/warn.json"
expect_rc "--strict: warning makes it invalid" 1
has "--strict: promoted to error" "$T/out" '"severity":"error","code":"unknown-member"'

# --kind
python3 - "$VALID" "$T/session.json" <<'EOF'
import json, sys
json.dump(json.load(open(sys.argv[1]))["results"][0], open(sys.argv[2], "w"))
EOF
run "$SV" --kind=page $VALID
expect_rc "--kind=page on a page: 0" 0
run "$SV" --kind=session $VALID
expect_rc "--kind=session on a page: 1" 1
run "$SV" --kind=session "$T/session.json"
expect_rc "--kind=session on a session: 0" 0
run "$SV" "$T/session.json"
expect_rc "--kind=auto on a session: 0" 0
has "--kind=auto on a session: 1 session" "$T/err" ": valid: 0 pages, 1 session,"

# --multi and NDJSON
tr -d '\n' <corpus/valid/seed-page-minified.json >"$T/one.json"
cat "$T/one.json" "$T/one.json" >"$T/two-glued.json"
{ cat "$T/one.json"; echo; cat "$T/one.json"; echo; } >"$T/two-lines.json"
cp "$T/two-lines.json" "$T/two-lines.ndjson"
run "$SV" "$T/two-lines.json"
expect_rc "two values without --multi: 1" 1
run "$SV" --multi "$T/two-glued.json"
expect_rc "--multi: glued values: 0" 0
has "--multi: 2 pages" "$T/err" ": valid: 2 pages, 28 sessions"
run "$SV" --multi=ndjson "$T/two-glued.json"
expect_rc "--multi=ndjson: glued values: 1" 1
run "$SV" --multi=ndjson "$T/two-lines.json"
expect_rc "--multi=ndjson: one per line: 0" 0
run "$SV" "$T/two-lines.ndjson"
expect_rc "*.ndjson implies --multi=ndjson" 0

# standard input
run "$SV" <$VALID
expect_rc "no argument reads stdin" 0
has "stdin is named -" "$T/err" "^-: valid: 1 page, 14 sessions"
run "$SV" - <$MANY
expect_rc "- reads stdin" 1
"$SV" $MANY 2>/dev/null | sed 's#^tests/cli/data/many-rules.json#-#' >"$T/want"
same "stdin: same diagnostics and excerpts as the file" "$T/out" "$T/want"

# ------------------------------------------------------------------- json
run "$SV" --format=json "${INVALID[@]}" $DATA/utf8-minified.json
expect_rc "json: exit 1" 1
pycheck "json: one object per line, exactly the 8 members" json "$T/out"
n=$(wc -l <"$T/out")
[ "$n" -eq 22 ] && ok "json: one line per diagnostic" || bad "json: one line per diagnostic" "$n lines"
hasnt "json: no summary on stderr" "$T/err" ": invalid: "

# ------------------------------------------------------------------ sarif
SARIF_INPUTS=("${INVALID[@]}" $DATA/utf8-minified.json $DATA/utf8-pretty.json $VALID)
run "$SV" --format=sarif "${SARIF_INPUTS[@]}"
expect_rc "sarif: exit 1" 1
cp "$T/out" "$T/log.sarif"
"$SV" --format=json "${SARIF_INPUTS[@]}" >"$T/diags.jsonl" 2>/dev/null
pycheck "sarif: schema, one result per diagnostic, regions, rules" \
    sarif "$T/log.sarif" "$T/diags.jsonl" "$T/codes" "$VERSION"
has "sarif: code-point column on a multi-byte line" "$T/log.sarif" \
    '"region":\{"startLine":1,"startColumn":841,"byteOffset":869\}'

run "$SV" --format=sarif $MANY no-such-file.json
expect_rc "sarif with a missing file: exit 2" 2
has "sarif: missing file is a notification" "$T/out" \
    '"level":"error","message":\{"text":"no-such-file.json: cannot open: No such file or directory"\}'
has "sarif: executionSuccessful false" "$T/out" '"executionSuccessful": false'
has "sarif: missing file named on stderr" "$T/err" "^no-such-file.json: cannot open"
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$T/out" &&
    ok "sarif with a missing file: still JSON" || bad "sarif with a missing file: still JSON"

run "$SV" --format=sarif --max-errors=3 $MANY
has "sarif: --max-errors note" "$T/out" '"level":"note","message":\{"text":"tests/cli/data/many-rules.json: 14 more diagnostics'
has "sarif: --max-errors note on stderr" "$T/err" "note: 14 more diagnostics not shown"

run "$SV" --format=sarif - <$DATA/utf8-minified.json
"$SV" --format=json - <$DATA/utf8-minified.json >"$T/stdin.jsonl" 2>/dev/null
cp "$T/out" "$T/stdin.sarif"
pycheck "sarif: standard input (columns from the kept bytes)" \
    sarif "$T/stdin.sarif" "$T/stdin.jsonl" "$T/codes" "$VERSION" --stdin $DATA/utf8-minified.json

mkdir -p "$T/sub dir"
cp $MANY "$T/sub dir/a file ü.json"
(cd "$T" && "$SV" --format=sarif "sub dir/a file ü.json" >"$T/rel.sarif" 2>/dev/null)
has "sarif: relative URI percent-encoded" "$T/rel.sarif" \
    '"uri":"sub%20dir/a%20file%20%C3%BC.json","uriBaseId":"%SRCROOT%"'
(cd "$T/sub dir" && "$SV" --format=sarif "../sub dir/./a file ü.json" >"$T/rel2.sarif" 2>/dev/null)
has "sarif: ./ and ../ resolved" "$T/rel2.sarif" '"uri":"a%20file%20%C3%BC.json","uriBaseId":"%SRCROOT%"'
"$SV" --format=sarif "$T/sub dir/a file ü.json" >"$T/abs.sarif" 2>/dev/null
has "sarif: file outside the working directory: file URI" "$T/abs.sarif" \
    "\"uri\":\"file://$T/sub%20dir/a%20file%20%C3%BC.json\"\\}"

# ----------------------------------------------------------------- github
run "$SV" --format=github $MANY
expect_rc "github: exit 1" 1
golden "github: lines for many-rules.json" "$T/out" many-rules.github
run "$SV" --format=github "${INVALID[@]}" $DATA/utf8-minified.json
first_warning=$(grep -n '^::warning' "$T/out" | head -1 | cut -d: -f1)
last_error=$(grep -n '^::error' "$T/out" | tail -1 | cut -d: -f1)
if [ -n "$first_warning" ] && [ "$last_error" -lt "$first_warning" ]; then
    ok "github: every error before the first warning"
else
    bad "github: every error before the first warning"
fi
has "github: columns in characters" "$T/out" \
    "^::error file=tests/cli/data/utf8-minified.json,line=1,col=841,title=type-mismatch::/results/1/usn: "
python3 - "$VALID" "$T/a,b:c%.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
d["results"][0]["x%y,z:w\nv"] = 1
json.dump(d, open(sys.argv[2], "w"), indent=2)
EOF
(cd "$T" && "$SV" --format=github "a,b:c%.json" >"$T/esc.github" 2>/dev/null)
has "github: properties escaped (% , :)" "$T/esc.github" '^::warning file=a%2Cb%3Ac%25\.json,line='
has "github: message escaped (% LF, not , :)" "$T/esc.github" \
    '::/results/0/x%25y,z:w%0Av: unknown member "x%25y,z:w\\nv" in session$'
run "$SV" --format=github no-such-file.json
expect_rc "github: missing file: exit 2" 2
has "github: missing file annotated" "$T/out" '^::error file=no-such-file\.json,title=io-error::'
echo "# before" >"$T/summary.md"
GITHUB_STEP_SUMMARY=$T/summary.md "$SV" --format=github "${INVALID[@]}" $VALID >/dev/null 2>&1
"$SV" --format=json "${INVALID[@]}" $VALID >"$T/gh.jsonl" 2>/dev/null
has "step summary: appended, not replaced" "$T/summary.md" "^# before$"
has "step summary: overview row" "$T/summary.md" '^\| corpus/valid/seed-page\.json \| valid \| 1 \| 14 \| 0 \| 0 \|$'
pycheck "step summary: a row per finding" summary "$T/summary.md" "$T/gh.jsonl"
unset GITHUB_STEP_SUMMARY

# ---------------------------------------------------------------- extract
run "$SV" --extract=csv $VALID
expect_rc "extract csv: exit 0" 0
golden "extract csv: seed example" "$T/out" seed-page.csv
cp "$T/out" "$T/seed.csv"
pycheck "extract csv: RFC 4180, header + 14 rows" csv "$T/seed.csv" 14
run "$SV" --extract=ndjson $VALID
cp "$T/out" "$T/seed.ndjson"
pycheck "extract ndjson: same records as the CSV" ndjson "$T/seed.ndjson" "$T/seed.csv"
has "extract: duration in seconds" "$T/seed.ndjson" '"executionDuration":"00:01:17.8237000","executionDurationSeconds":77.8237,'
run "$SV" --api=v8 --extract=csv corpus/valid/v8-page.api-v8.json
expect_rc "extract csv --api=v8: exit 0" 0
golden "extract csv --api=v8: the v8.1 members too" "$T/out" v8-page.csv
has "extract csv --api=v8: v8.1 columns" "$T/out" '^file,.*,healthCheckJobInfo_policyId,.*fileShareFileLevelRestoreJobInfo_restorePointCreatedDateUtc'
hasnt "extract csv (v1): no v8.1 columns" "$T/seed.csv" 'healthCheckJobInfo'
run "$SV" --extract=csv $MANY
expect_rc "extract csv invalid: exit 1" 1
pycheck "extract csv: only records on stdout" csv "$T/out" 14
has "extract: diagnostics on stderr" "$T/err" "^tests/cli/data/many-rules.json:14:14: error: "
has "extract: summary on stderr" "$T/err" "^tests/cli/data/many-rules.json: invalid: "
run "$SV" --extract=csv --quiet $MANY
pycheck "extract with --quiet: records still written" csv "$T/out" 14
empty "extract with --quiet: no stderr" "$T/err"
run "$SV" --extract=ndjson --format=json $MANY $VALID
if python3 -c '
import json,sys
n=0
for l in open(sys.argv[1]): json.loads(l); n+=1
sys.exit(0 if n == 28 else 1)' "$T/out"; then ok "extract ndjson: 28 records from two files"; else bad "extract ndjson: 28 records from two files"; fi
has "extract + json: diagnostics on stderr" "$T/err" '^\{"file":"tests/cli/data/many-rules.json"'

# ------------------------------------------------------------ directories
mkdir -p "$T/tree/a/b" "$T/tree/empty" "$T/elsewhere"
cp $VALID "$T/tree/a/x.json"
cp $VALID "$T/tree/a/b/y.JSON"
cp $VALID "$T/tree/a/d.har"
cp $VALID "$T/tree/a/e.http"
cp "$T/two-lines.json" "$T/tree/a/f.ndjson"
cp $MANY "$T/tree/a/z.json"
echo "not json" >"$T/tree/a/c.txt"
cp $MANY "$T/elsewhere/w.json"
ln -s "$T/elsewhere" "$T/tree/a/link"
ln -s "$T/tree/a/x.json" "$T/tree/a/l.json"
run "$SV" "$T/tree"
expect_rc "directory: exit 1 (z.json)" 1
sed -E "s#^$T/##; s/ \\(.*//" "$T/err" >"$T/dir.got"
cat >"$T/dir.want" <<'EOF'
tree/a/b/y.JSON: valid: 1 page, 14 sessions, 0 errors, 0 warnings
tree/a/d.har: valid: 1 page, 14 sessions, 0 errors, 0 warnings
tree/a/e.http: valid: 1 page, 14 sessions, 0 errors, 0 warnings
tree/a/f.ndjson: valid: 2 pages, 28 sessions, 0 errors, 0 warnings
tree/a/l.json: valid: 1 page, 14 sessions, 0 errors, 0 warnings
tree/a/x.json: valid: 1 page, 14 sessions, 0 errors, 0 warnings
tree/a/z.json: invalid: 1 page, 14 sessions, 9 errors, 8 warnings
total: 7 inputs, 6 valid, 1 invalid, 0 unreadable: 8 pages, 112 sessions, 9 errors, 8 warnings
EOF
same "directory: recursive, sorted, *.json/.ndjson/.har/.http, no dir links" "$T/dir.got" "$T/dir.want"
run "$SV" "$T/tree/empty"
expect_rc "empty directory: exit 0" 0
has "empty directory: noted" "$T/err" "tree/empty: no \\*\\.json, \\*\\.ndjson, \\*\\.har or \\*\\.http files$"

# ----------------------------------------------------------------- --jobs
JOB_INPUTS=(corpus/valid/*.json "${INVALID[@]}" no-such-file.json $DATA/utf8-minified.json "$T/tree" "$T/two-lines.ndjson")
if [ $FAST -eq 0 ] && [ -x "$GEN" ]; then
    "$GEN" -q --size 2M --errors 0.002 --seed 3 -o "$T/gen-a.json"
    "$GEN" -q --size 1M --errors 0.01 --seed 4 --format pretty -o "$T/gen-b.json"
    "$GEN" -q --size 1M --errors 0.01 --seed 5 --shape ndjson -o "$T/gen-c.ndjson"
    JOB_INPUTS+=("$T/gen-a.json" "$T/gen-b.json" "$T/gen-c.ndjson")
fi
for fmt in text json sarif github; do
    for extract in "" --extract=csv --extract=ndjson; do
        [ -n "$extract" ] && [ $fmt != text ] && [ $fmt != json ] && continue
        "$SV" --format=$fmt $extract --jobs=1 "${JOB_INPUTS[@]}" >"$T/j1.out" 2>"$T/j1.err"
        rc1=$?
        for j in 2 3; do
            "$SV" --format=$fmt $extract --jobs=$j "${JOB_INPUTS[@]}" >"$T/j2.out" 2>"$T/j2.err"
            rc2=$?
            if [ $rc1 -eq $rc2 ] && cmp -s "$T/j1.out" "$T/j2.out" &&
                cmp -s <(untime "$T/j1.err") <(untime "$T/j2.err"); then
                ok "--jobs=$j identical to --jobs=1 ($fmt $extract)"
            else
                bad "--jobs=$j identical to --jobs=1 ($fmt $extract)"
                diff <(untime "$T/j1.err") <(untime "$T/j2.err") | head -5
                diff "$T/j1.out" "$T/j2.out" | head -5
            fi
        done
    done
done
[ "$rc1" -eq 2 ] && ok "--jobs: exit 2 with a missing input" || bad "--jobs: exit 2 with a missing input"

# ------------------------------------------------ chunking does not matter
# The library's own diagnostics are its chunk suite's business (and the
# golden runner's); here, what the command adds: excerpts, code-point
# columns, pipes, the summaries.  A change of diagnostics with the chunking
# fails here too.
CHUNK_FILES=("${INVALID[@]}" $DATA/utf8-minified.json $DATA/utf8-pretty.json
    corpus/valid/seed-page-crlf.json)
[ $FAST -eq 0 ] && CHUNK_FILES+=(corpus/invalid/*.json)
[ $FAST -eq 0 ] && [ -f "$T/gen-b.json" ] && CHUNK_FILES+=("$T/gen-b.json")
chunk_ok=1
for f in "${CHUNK_FILES[@]}"; do
    sizes="7 random:1 random:42"
    [ "$(wc -c <"$f")" -lt 20000 ] && sizes="1 $sizes"
    skip=
    "$SV" --format=json --max-errors=0 "$f" >"$T/c0" 2>/dev/null
    for rs in $sizes; do
        "$SV" --format=json --max-errors=0 --read-size=$rs "$f" >"$T/c1" 2>/dev/null
        if ! cmp -s "$T/c0" "$T/c1"; then
            chunk_ok=0
            skip=$rs
            bad "--read-size=$rs changes the diagnostics of $f"
        fi
    done
    [ -n "$skip" ] && continue
    formats="text json sarif github"
    case $f in corpus/*) formats="text sarif" sizes=${sizes% random:42} ;; esac
    for fmt in $formats; do
        "$SV" --format=$fmt --max-errors=0 "$f" >"$T/c0" 2>"$T/c0.err"
        "$SV" --format=$fmt --max-errors=0 - <"$f" >"$T/s0" 2>"$T/s0.err"
        for rs in $sizes; do
            "$SV" --format=$fmt --max-errors=0 --read-size=$rs "$f" >"$T/c1" 2>"$T/c1.err"
            # a pipe: the kept-bytes path for excerpts and columns
            cat "$f" | "$SV" --format=$fmt --max-errors=0 --read-size=$rs - >"$T/s1" 2>"$T/s1.err"
            if ! cmp -s "$T/c0" "$T/c1" || ! cmp -s "$T/s0" "$T/s1" ||
                ! cmp -s <(untime "$T/c0.err") <(untime "$T/c1.err") ||
                ! cmp -s <(untime "$T/s0.err") <(untime "$T/s1.err"); then
                chunk_ok=0
                bad "--read-size=$rs changes $fmt output of $f"
            fi
        done
    done
done
[ $chunk_ok -eq 1 ] && ok "output identical for any --read-size (files and pipes, 4 formats)"

# --------------------------------------------------------- make install
if [ $FAST -eq 0 ]; then
    if ${MAKE:-make} -s install DESTDIR="$T/inst" PREFIX=/usr >"$T/install.log" 2>&1 &&
        cmp -s cli/sessval.1 "$T/inst/usr/share/man/man1/sessval.1"; then
        ok "make install installs cli/sessval.1"
    else
        bad "make install installs cli/sessval.1"
        tail -5 "$T/install.log"
    fi
fi

# ------------------------------------------------- progress (a terminal)
# script(1) gives the command a pseudo-terminal; it needs a standard input
# to read from, so /dev/null (CI may have none at all).
have_pty=0
if command -v script >/dev/null &&
    script -qec 'test -t 2 && echo on-a-tty' /dev/null </dev/null 2>/dev/null |
    grep -q on-a-tty; then
    have_pty=1
fi
if [ $FAST -eq 0 ] && [ $have_pty -eq 0 ]; then
    echo "note: no pseudo-terminal (script(1)): progress tests skipped"
fi
if [ $FAST -eq 0 ] && [ -x "$GEN" ] && [ $have_pty -eq 1 ]; then
    "$GEN" -q --size 80M --seed 9 -o "$T/big.json"
    script -qec "$SV --read-size=65536 $T/big.json" /dev/null </dev/null >"$T/tty.log" 2>&1
    has "progress: drawn on a terminal for 80 MB" "$T/tty.log" "big\\.json  [0-9.]+ / 8[0-9]\\.[0-9] MB +[0-9]+%  [0-9.]+ MB/s  ETA ([0-9]+:[0-9]{2}|--:--)"
    has "progress: erased when done" "$T/tty.log" $'\r\033\\[K'
    CI=true script -qec "$SV $T/big.json" /dev/null </dev/null >"$T/tty-ci.log" 2>&1
    hasnt "progress: never in CI" "$T/tty-ci.log" "MB/s"
    "$SV" "$T/big.json" 2>"$T/pipe.log" | cat
    hasnt "progress: never when piped" "$T/pipe.log" "MB/s"
    script -qec "$SV $VALID" /dev/null </dev/null >"$T/tty-small.log" 2>&1
    hasnt "progress: not for small inputs" "$T/tty-small.log" "MB/s"
    rm -f "$T/big.json"
fi

# ------------------------------------------------------ memory is flat
if [ $FAST -eq 0 ] && [ -x "$GEN" ] && [ -x "$PEAKRSS" ]; then
    "$GEN" -q --size 1M --seed 11 -o "$T/p1.json"
    "$GEN" -q --size 256M --seed 11 -o "$T/p256.json"
    small=$("$PEAKRSS" "$SV" --quiet --no-duplicate-ids "$T/p1.json")
    big=$("$PEAKRSS" "$SV" --quiet --no-duplicate-ids "$T/p256.json")
    big_rc=$?
    echo "memory: peak RSS $small KiB on a 1 MB page, $big KiB on a 256 MB page (--no-duplicate-ids)"
    if [ $big_rc -eq 0 ] && [ $((big - small)) -le 2048 ]; then
        ok "memory: 256 MB page within 2 MiB of a 1 MB page"
    else
        bad "memory: 256 MB page within 2 MiB of a 1 MB page" "$small vs $big KiB (exit $big_rc)"
    fi
    rm -f "$T/p256.json"
fi

# ----------------------------------------------------------------- README
"$ROOT/tests/cli/readme.sh" "$SV" >"$T/readme.want"
sed -n '/^<!-- cli:begin -->$/,/^<!-- cli:end -->$/p' README.md >"$T/readme.got"
if [ -n "${UPDATE:-}" ]; then
    python3 - "$T/readme.want" <<'EOF'
import sys
new = open(sys.argv[1], encoding="utf-8").read()
readme = open("README.md", encoding="utf-8").read()
a = readme.index("<!-- cli:begin -->")
b = readme.index("<!-- cli:end -->\n") + len("<!-- cli:end -->\n")
open("README.md", "w", encoding="utf-8").write(readme[:a] + new + readme[b:])
EOF
    ok "README: command-line section (updated)"
elif cmp -s <(untime "$T/readme.got") <(untime "$T/readme.want"); then
    ok "README: command-line section shows the real output"
else
    bad "README: command-line section is stale (UPDATE=1 $0 rewrites it)"
    diff <(untime "$T/readme.got") <(untime "$T/readme.want") | head -10
fi

echo "cli: $pass passed, $fail failed"
[ $fail -eq 0 ]
