#!/bin/sh
# Golden corpus runner: every payload in corpus/invalid/ sits beside its
# expected diagnostics in the json format (NAME.diag.jsonl) and the text
# format (NAME.diag.txt, standard output only).  The CLI's output must match
# byte for byte whole (one read), in 1-byte reads and in random read sizes.
# Every corpus/valid/ file must give no output and exit 0.
#
#   tests/golden.sh SESSVAL           check
#   GOLDEN_UPDATE=1 tests/golden.sh SESSVAL   rewrite the expected files
set -u
sv=${1:-build/release/sessval}
corpus=${SV_CORPUS:-corpus}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0 n=0

opts_for() {
    api=  # *.api-v8.* anywhere in the name: the v8.1 profile
    case "$1" in *.api-v8.*) api=--api=v8 ;; esac
    case "$1" in
    *.multi.json) echo $api --multi ;;
    *.ndjson.json) echo $api --multi=ndjson ;;
    *.strict.json) echo $api --strict ;;
    *) echo $api ;;
    esac
}

for f in "$corpus"/invalid/*.json; do
    base=${f%.json}
    o=$(opts_for "$f")
    n=$((n + 1))
    "$sv" $o --max-errors=0 --format=json "$f" >"$tmp/json" 2>/dev/null
    rc=$?
    "$sv" $o --max-errors=0 --format=text --color=never "$f" >"$tmp/text" 2>/dev/null
    want_rc=0
    grep -q '"severity":"error"' "$tmp/json" && want_rc=1
    if [ "$rc" -ne "$want_rc" ]; then
        echo "golden: $f: exit status $rc, want $want_rc"
        fail=1
    fi
    if [ ! -s "$tmp/json" ]; then
        echo "golden: $f: an invalid payload without diagnostics"
        fail=1
    fi
    if [ "${GOLDEN_UPDATE:-0}" = 1 ]; then
        cp "$tmp/json" "$base.diag.jsonl"
        cp "$tmp/text" "$base.diag.txt"
        continue
    fi
    for kind in json text; do
        want=$base.diag.jsonl
        [ $kind = text ] && want=$base.diag.txt
        if ! cmp -s "$tmp/$kind" "$want"; then
            echo "golden: $f: $kind output differs from $want:"
            diff "$want" "$tmp/$kind" | head -20
            fail=1
        fi
    done
    for rs in 1 random:1 random:7 3 64; do
        "$sv" $o --max-errors=0 --format=json --read-size=$rs "$f" >"$tmp/chunked" 2>/dev/null
        if ! cmp -s "$tmp/chunked" "$base.diag.jsonl"; then
            echo "golden: $f: --read-size=$rs changes the diagnostics:"
            diff "$base.diag.jsonl" "$tmp/chunked" | head -10
            fail=1
        fi
    done
done
for f in "$corpus"/valid/*.json; do
    n=$((n + 1))
    out=$("$sv" $(opts_for "$f") --format=json "$f" 2>&1)
    rc=$?
    if [ "$rc" -ne 0 ] || [ -n "$out" ]; then
        echo "golden: $f: want valid and silent, got exit $rc: $out"
        fail=1
    fi
done
# Captures (corpus/captures/, sessval decides their form from the bytes):
# every file beside its NAME.diag.jsonl and NAME.diag.txt, empty for a
# valid one; every pages-*/ directory is one listing (--pages, its files in
# name order) beside pages-*.diag.jsonl and .diag.txt.
capture() { # BASE ARGS...
    base=$1
    shift
    n=$((n + 1))
    "$sv" --max-errors=0 --format=json "$@" >"$tmp/json" 2>/dev/null
    rc=$?
    "$sv" --max-errors=0 --format=text --color=never "$@" >"$tmp/text" 2>/dev/null
    want_rc=0
    grep -q '"severity":"error"' "$tmp/json" && want_rc=1
    [ "$rc" -ne "$want_rc" ] && { echo "golden: $base: exit status $rc, want $want_rc"; fail=1; }
    if [ "${GOLDEN_UPDATE:-0}" = 1 ]; then
        cp "$tmp/json" "$base.diag.jsonl"
        cp "$tmp/text" "$base.diag.txt"
        return
    fi
    for kind in json text; do
        want=$base.diag.jsonl
        [ $kind = text ] && want=$base.diag.txt
        if ! cmp -s "$tmp/$kind" "$want"; then
            echo "golden: $base: $kind output differs from $want:"
            diff "$want" "$tmp/$kind" | head -20
            fail=1
        fi
    done
    for rs in 1 random:1 random:7 3 64; do
        "$sv" --max-errors=0 --format=json --read-size=$rs "$@" >"$tmp/chunked" 2>/dev/null
        if ! cmp -s "$tmp/chunked" "$base.diag.jsonl"; then
            echo "golden: $base: --read-size=$rs changes the diagnostics:"
            diff "$base.diag.jsonl" "$tmp/chunked" | head -10
            fail=1
        fi
    done
}
for f in "$corpus"/captures/*; do
    case $f in *.diag.jsonl | *.diag.txt) continue ;; esac
    if [ -d "$f" ]; then
        case $f in */pages-*) capture "$f" --pages "$f"/* ;; esac
    elif [ -f "$f" ]; then
        capture "${f%.*}" "$f"
    fi
done
[ $fail -eq 0 ] && echo "golden: $n corpus files match (whole, 1-byte and random reads)"
exit $fail
