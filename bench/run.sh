#!/usr/bin/env bash
# bench/run.sh - sessval beside yajl and the peers, one run, one table.
#
#   bench/run.sh [--quick] [--runs N] [--keep] [--schema FILE] [--schema04 FILE]
#
# Generates the inputs with build/bench/gen into a fresh `mktemp -d`
# directory (removed at the end unless --keep):
#
#   full:  200 MiB compact page, the same pretty-printed, 10 MiB page,
#          50 MiB NDJSON                                  (5 runs per tool)
#   quick: 20 MiB, 20 MiB, 10 MiB, 10 MiB                 (3 runs per tool)
#
# then runs every tool on every input, round-robin, measuring wall time
# (bash's EPOCHREALTIME around the process) and peak RSS (GNU time's %M),
# and prints a Markdown table: median, min and max MB/s (MB = 10^6 bytes),
# the ratio of the median to yajl tokenizing with no callbacks in the same
# run (the floor), and the peak RSS.  The sessval library row
# (build/bench/svbench) reports the time it measures itself around the
# feeding (the file read included, process start-up not).
#
# sessval's CLI and build/bench/svbench are brought up to date with make
# first.  A tool that is missing (not built or its build fails, package not
# installed, no schema yet) is skipped with a line saying why; a tool that exits non-zero on these
# valid inputs is reported as FAIL with its first line of output.  Python
# jsonschema runs only on the 10 MiB page.  The JSON Schema peers read
# schema/jobsessions.v1.schema.json (2020-12: ajv, Python) and
# schema/jobsessions.v1.draft04.schema.json (RapidJSON), or the files given
# with --schema / --schema04; for NDJSON they validate each line against the
# schema's session definition ($defs/definitions key "session" or
# "jobSession", any case).
set -u
export LC_ALL=C

cd "$(dirname "$0")/.." || exit 2
QUICK=0
RUNS=
KEEP=0
SCHEMA=schema/jobsessions.v1.schema.json
SCHEMA04=schema/jobsessions.v1.draft04.schema.json

usage() {
    sed -n '2,30s/^# \{0,1\}//p' "$0"
    exit "${1:-2}"
}

while [ $# -gt 0 ]; do
    case $1 in
    --quick) QUICK=1 ;;
    --runs) RUNS=${2:?}; shift ;;
    --keep) KEEP=1 ;;
    --schema) SCHEMA=${2:?}; shift ;;
    --schema04) SCHEMA04=${2:?}; shift ;;
    -h | --help) usage 0 ;;
    *) usage ;;
    esac
    shift
done
[ -n "$RUNS" ] || RUNS=$([ $QUICK = 1 ] && echo 3 || echo 5)

if [ -z "${BASH_VERSINFO:-}" ] || [ "${BASH_VERSINFO[0]}" -lt 5 ]; then
    echo "run.sh: needs bash >= 5 (EPOCHREALTIME)" >&2
    exit 2
fi
if [ ! -x /usr/bin/time ]; then
    if [ "$(id -u)" = 0 ]; then
        ./.ci/deps time || exit 2
    else
        echo "run.sh: /usr/bin/time missing: apt-get install time" >&2
        exit 2
    fi
fi

echo "building the benchmark tools..." >&2
make -s bench-tools >&2 || { echo "run.sh: make bench-tools failed" >&2; exit 2; }
GEN=build/bench/gen
# sessval itself, brought up to date so a stale binary is never measured; a
# failed build skips it (the library may be mid-change).
CLI_OK=0
LIB_OK=0
if make -s build/release/sessval >&2 2>/dev/null; then CLI_OK=1; fi
if make -s build/bench/svbench >&2 2>/dev/null; then LIB_OK=1; fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/sessval-bench.XXXXXX") || exit 2
cleanup() {
    if [ "$KEEP" = 1 ]; then echo "inputs kept in $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------------ inputs
# name | gen arguments | multi (1: NDJSON)
if [ $QUICK = 1 ]; then
    INPUTS=("page-compact|--size 20M|0" "page-pretty|--size 20M --format pretty|0"
            "page-10M|--size 10M|0" "ndjson|--size 10M --shape ndjson|1")
else
    INPUTS=("page-compact|--size 200M|0" "page-pretty|--size 200M --format pretty|0"
            "page-10M|--size 10M|0" "ndjson|--size 50M --shape ndjson|1")
fi
for spec in "${INPUTS[@]}"; do
    IFS='|' read -r name args multi <<<"$spec"
    echo "generating $name ($args)..." >&2
    # shellcheck disable=SC2086
    "$GEN" -q $args -o "$WORK/$name.json" || { echo "run.sh: gen failed" >&2; exit 2; }
done

# ------------------------------------------------------------------- tools
PY=
for p in python3 /usr/bin/python3; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import jsonschema' 2>/dev/null; then PY=$p; break; fi
done

# The session subschema of a schema file, as a JSON Pointer, or nothing.
session_pointer() {
    command -v python3 >/dev/null 2>&1 || return 0
    python3 - "$1" <<'EOF' 2>/dev/null
import json, re, sys
s = json.load(open(sys.argv[1]))
for d in ("$defs", "definitions"):
    for k in s.get(d, {}):
        if re.fullmatch(r"(job)?sessions?", k, re.I):
            print(f"/{d}/{k}")
            sys.exit(0)
EOF
}
PTR20=; PTR04=
[ -f "$SCHEMA" ] && PTR20=$(session_pointer "$SCHEMA")
[ -f "$SCHEMA04" ] && PTR04=$(session_pointer "$SCHEMA04")

SKIPPED=()
skip() { # tool input reason: once per tool and reason
    local line="- $1: skipped: $3"
    local s
    for s in "${SKIPPED[@]+"${SKIPPED[@]}"}"; do [ "$s" = "$line" ] && return; done
    SKIPPED+=("$line")
}

# Fill CMD (an array) for tool $1 on input file $2 (multi $3, name $4), or
# return 1 after recording why it is skipped.
STDIN=
command_for() {
    local tool=$1 file=$2 multi=$3 name=$4 m=()
    [ "$multi" = 1 ] && m=(--multi)
    STDIN=
    case $tool in
    floor | noop)
        CMD=(build/bench/yajl_floor "${m[@]+"${m[@]}"}")
        [ "$tool" = noop ] && CMD+=(--noop)
        CMD+=("$file") ;;
    cli)
        [ -x build/release/sessval ] || { skip "sessval CLI" "$name" "not built (build/release/sessval)"; return 1; }
        [ $CLI_OK = 1 ] || { skip "sessval CLI" "$name" "not built (make build/release/sessval failed)"; return 1; }
        CMD=(build/release/sessval --quiet "${m[@]+"${m[@]}"}" "$file") ;;
    lib)
        [ -x build/bench/svbench ] || { skip "sessval library (svbench)" "$name" "not built (make build/bench/svbench)"; return 1; }
        [ $LIB_OK = 1 ] || { skip "sessval library (svbench)" "$name" "not built (make build/bench/svbench failed)"; return 1; }
        CMD=(build/bench/svbench "${m[@]+"${m[@]}"}" "$file") ;;
    json_verify)
        command -v json_verify >/dev/null || { skip json_verify "$name" "not installed (Debian yajl-tools)"; return 1; }
        CMD=(json_verify -q)
        [ "$multi" = 1 ] && CMD+=(-s)
        STDIN=$file ;;
    jq)
        command -v jq >/dev/null || { skip "jq empty" "$name" "not installed (Debian jq)"; return 1; }
        CMD=(jq empty "$file") ;;
    tree)
        CMD=(build/bench/yajl_tree_walk "${m[@]+"${m[@]}"}" "$file") ;;
    rapidjson)
        [ -x build/bench/rapidjson_schema ] || { skip "RapidJSON SchemaValidator" "$name" "not built (rapidjson-dev missing: make bench-deps)"; return 1; }
        [ -f "$SCHEMA04" ] || { skip "RapidJSON SchemaValidator" "$name" "$SCHEMA04 does not exist yet"; return 1; }
        CMD=(build/bench/rapidjson_schema)
        if [ "$multi" = 1 ]; then
            [ -n "$PTR04" ] || { skip "RapidJSON SchemaValidator" "$name" "no session definition in $SCHEMA04 for NDJSON"; return 1; }
            CMD+=(--multi --pointer "$PTR04")
        fi
        CMD+=("$SCHEMA04" "$file") ;;
    ajv)
        command -v node >/dev/null || { skip ajv "$name" "node not installed"; return 1; }
        [ -d bench/node_modules/ajv ] || { skip ajv "$name" "bench/node_modules missing (make bench-deps)"; return 1; }
        [ -f "$SCHEMA" ] || { skip ajv "$name" "$SCHEMA does not exist yet"; return 1; }
        CMD=(node bench/ajv_validate.js)
        if [ "$multi" = 1 ]; then
            [ -n "$PTR20" ] || { skip ajv "$name" "no session definition in $SCHEMA for NDJSON"; return 1; }
            CMD+=(--multi --pointer "$PTR20")
        fi
        CMD+=("$SCHEMA" "$file") ;;
    python)
        [ "$name" = page-10M ] || return 1 # about 1-3 MB/s: the small page only
        [ -n "$PY" ] || { skip "Python jsonschema" "$name" "module missing (Debian python3-jsonschema)"; return 1; }
        [ -f "$SCHEMA" ] || { skip "Python jsonschema" "$name" "$SCHEMA does not exist yet"; return 1; }
        CMD=("$PY" bench/py_jsonschema.py "$SCHEMA" "$file") ;;
    esac
    return 0
}

TOOLS=(floor noop cli lib tree rapidjson ajv python json_verify jq)
label() {
    case $1 in
    floor) echo "yajl, no callbacks (floor)" ;;
    noop) echo "yajl, no-op callbacks" ;;
    cli) echo "sessval CLI (--quiet)" ;;
    lib) echo "sessval library (svbench, in-process)" ;;
    tree) echo "yajl_tree_parse + walk" ;;
    rapidjson) echo "RapidJSON SchemaValidator (SAX)" ;;
    ajv) echo "ajv (JSON.parse + validate)" ;;
    python) echo "Python jsonschema" ;;
    json_verify) echo "json_verify (yajl)" ;;
    jq) echo "jq empty" ;;
    esac
}

# One timed run: prints "seconds peak_kib cpu_seconds" or "FAIL ...".
TF=$WORK/time.out
OUT=$WORK/tool.out
once() {
    local tool=$1 t0 t1 rc
    t0=$EPOCHREALTIME
    if [ -n "$STDIN" ]; then
        /usr/bin/time -f '%e %M %U %S' -o "$TF" "${CMD[@]}" <"$STDIN" >"$OUT" 2>&1
    else
        /usr/bin/time -f '%e %M %U %S' -o "$TF" "${CMD[@]}" </dev/null >"$OUT" 2>&1
    fi
    rc=$?
    t1=$EPOCHREALTIME
    if [ $rc -gt 128 ]; then
        echo "FAIL: killed by signal $((rc - 128))"
        return
    elif [ $rc -ne 0 ]; then
        echo "FAIL: exit $rc: $(head -c 200 "$OUT" | head -n 1)"
        return
    fi
    local secs kib cpu
    kib=$(awk 'END { print $2 }' "$TF")
    cpu=$(awk 'END { print $3 + $4 }' "$TF")
    if [ "$tool" = lib ]; then
        secs=$(awk 'NR == 1 { print $3 }' "$OUT")
    else
        secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", b - a }')
    fi
    echo "$secs $kib $cpu"
}

# ----------------------------------------------------------------- measure
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)
RESULTS=$WORK/results.txt # input|tool|bytes|secs kib cpu  (or FAIL ...)
: >"$RESULTS"
for spec in "${INPUTS[@]}"; do
    IFS='|' read -r name args multi <<<"$spec"
    file=$WORK/$name.json
    bytes=$(stat -c %s "$file")
    active=()
    for t in "${TOOLS[@]}"; do
        command_for "$t" "$file" "$multi" "$name" && active+=("$t")
    done
    declare -A failed=()
    for ((r = 1; r <= RUNS; r++)); do
        echo "$name: run $r/$RUNS" >&2
        for t in "${active[@]}"; do
            [ -n "${failed[$t]:-}" ] && continue
            command_for "$t" "$file" "$multi" "$name"
            res=$(once "$t")
            case $res in FAIL*) failed[$t]=1 ;; esac
            echo "$name|$t|$bytes|$res" >>"$RESULTS"
        done
    done
    unset failed
done

LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)

# ------------------------------------------------------------------- table
cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1)
ncpu=$(nproc 2>/dev/null)
rev=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$(git status --porcelain --untracked-files=no 2>/dev/null | head -n 1)
yajl=$(dpkg-query -W -f='${Version}' libyajl2 2>/dev/null)

echo
echo "### sessval benchmarks ($([ $QUICK = 1 ] && echo quick || echo full), $RUNS runs per tool)"
echo
echo "- commit: $rev${dirty:+ (with uncommitted changes)}"
echo "- CPU: ${cpu:-unknown} ($ncpu cores); yajl ${yajl:-?}"
echo "- load average before / after: ${LOAD_BEFORE:-?} / ${LOAD_AFTER:-?} (other work on"
echo "  the machine lowers wall-time MB/s; the CPU column is less sensitive to it)"
echo "- MB/s = 10^6 bytes per second of wall time for the whole process, except the"
echo "  svbench row (its own clock around reading + feeding); ratio = median / the"
echo "  floor's median on the same input; CPU MB/s = bytes / median user+sys time"
echo "  (10 ms resolution: coarse below ~100 MB); RSS = the largest of the runs"
echo
echo "| input | tool | median MB/s | min | max | x floor | CPU MB/s | peak RSS MiB |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
for spec in "${INPUTS[@]}"; do
    IFS='|' read -r name args multi <<<"$spec"
    bytes=$(stat -c %s "$WORK/$name.json")
    floor=
    for t in "${TOOLS[@]}"; do
        rows=$(awk -F'|' -v n="$name" -v t="$t" '$1 == n && $2 == t { print $4 }' "$RESULTS")
        [ -n "$rows" ] || continue
        lab=$(label "$t")
        size="$name ($(awk -v b="$bytes" 'BEGIN { printf "%.0f MB", b / 1e6 }'))"
        fail=$(grep -m1 '^FAIL' <<<"$rows")
        if [ -n "$fail" ]; then
            echo "| $size | $lab | ${fail//|//} | | | | | |"
            continue
        fi
        stats=$(awk -v b="$bytes" '{ print b / $1 / 1e6, $2 }' <<<"$rows" | sort -g | awk '
            { v[NR] = $1; if ($2 > rss) rss = $2 }
            END {
                med = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
                printf "%.1f %.1f %.1f %.1f\n", med, v[1], v[NR], rss / 1024
            }')
        read -r med min max rss <<<"$stats"
        cpu=$(awk '{ print $3 }' <<<"$rows" | sort -g | awk -v b="$bytes" '
            { v[NR] = $1 }
            END {
                med = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
                if (med > 0) printf "%.0f\n", b / med / 1e6; else print "-"
            }')
        [ "$t" = floor ] && floor=$med
        ratio=$(awk -v m="$med" -v f="${floor:-0}" 'BEGIN { if (f > 0) printf "%.2fx", m / f; else print "-" }')
        echo "| $size | $lab | $med | $min | $max | $ratio | $cpu | $rss |"
    done
done
if [ ${#SKIPPED[@]} -gt 0 ]; then
    echo
    printf '%s\n' "${SKIPPED[@]}"
fi

# ------------------------------------------------------------ memory, allocs
# sessval's peak RSS must not grow with the input: 1 MB, 100 MB and 1 GB
# pages (quick: 1 MB, 20 MB, 100 MB), with and without the id set.
if [ $CLI_OK = 1 ]; then
    if [ $QUICK = 1 ]; then SIZES="1M 20M 100M"; else SIZES="1M 100M 1G"; fi
    echo
    echo "#### sessval peak memory by input size (CLI, whole process)"
    echo
    echo "| page size | sessions | peak RSS KiB | peak RSS KiB, --no-duplicate-ids |"
    echo "|---:|---:|---:|---:|"
    for s in $SIZES; do
        f=$WORK/mem-$s.json
        "$GEN" -q --size "$s" -o "$f" || continue
        n=$(build/release/sessval "$f" 2>&1 >/dev/null | sed -n 's/.* page[s]*, \([0-9]*\) session.*/\1/p' | head -n 1)
        /usr/bin/time -f '%M' -o "$TF" build/release/sessval --quiet "$f"
        a=$(tail -n 1 "$TF")
        /usr/bin/time -f '%M' -o "$TF" build/release/sessval --quiet --no-duplicate-ids "$f"
        b=$(tail -n 1 "$TF")
        echo "| $s | ${n:-?} | $a | $b |"
        rm -f "$f"
    done
fi
# HAR archives: one entry of a 1 MB page, and 1000 of them (about 1.2 GB;
# quick: 100), through the CLI: the archive is streamed, one entry's
# payload in flight.
if [ $CLI_OK = 1 ] && command -v python3 >/dev/null 2>&1; then
    if [ $QUICK = 1 ]; then N_BIG=100; else N_BIG=1000; fi
    echo
    echo "#### sessval peak memory on HAR archives (CLI, whole process)"
    echo
    echo "| archive | bytes | sessions | peak RSS KiB | peak RSS KiB, --no-duplicate-ids |"
    echo "|---|---:|---:|---:|---:|"
    "$GEN" -q --size 1M -o "$WORK/har-page.json"
    for n in 1 $N_BIG; do
        f=$WORK/mem-$n.har
        python3 bench/har_wrap.py "$WORK/har-page.json" "$n" "$f" || continue
        s=$(build/release/sessval "$f" 2>&1 >/dev/null | sed -n 's/.* page[s]*, \([0-9]*\) session.*/\1/p' | head -n 1)
        /usr/bin/time -f '%M' -o "$TF" build/release/sessval --quiet "$f"
        a=$(tail -n 1 "$TF")
        /usr/bin/time -f '%M' -o "$TF" build/release/sessval --quiet --no-duplicate-ids "$f"
        b=$(tail -n 1 "$TF")
        e=entries; [ "$n" = 1 ] && e=entry
        echo "| $n $e of a 1 MB page | $(stat -c %s "$f") | ${s:-?} | $a | $b |"
        rm -f "$f"
    done
    rm -f "$WORK/har-page.json"
fi
if [ $LIB_OK = 1 ]; then
    echo
    echo "#### allocations (svbench --count-allocs, page-10M)"
    echo
    echo '```'
    build/bench/svbench --count-allocs --no-dup-ids "$WORK/page-10M.json" | sed 's/^/no-dup-ids: /'
    build/bench/svbench --count-allocs "$WORK/page-10M.json" | sed 's/^/with ids:   /'
    echo '```'
fi
# Instructions are the noise-free ratio: callgrind on the 10 MB page.
if command -v valgrind >/dev/null 2>&1 && [ $LIB_OK = 1 ]; then
    echo
    echo "#### instructions per byte (valgrind --tool=callgrind, page-10M)"
    echo
    echo "| tool | instructions | per byte | x floor |"
    echo "|---|---:|---:|---:|"
    bytes=$(stat -c %s "$WORK/page-10M.json")
    fl=
    for t in floor noop lib; do
        case $t in
        floor) c=(build/bench/yajl_floor "$WORK/page-10M.json"); l="yajl, no callbacks (floor)" ;;
        noop) c=(build/bench/yajl_floor --noop "$WORK/page-10M.json"); l="yajl, no-op callbacks" ;;
        lib) c=(build/bench/svbench --in-memory "$WORK/page-10M.json"); l="sessval library (svbench --in-memory)" ;;
        esac
        ir=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "${c[@]}" 2>&1 >/dev/null | sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
        [ -n "$ir" ] || continue
        [ $t = floor ] && fl=$ir
        echo "| $l | $ir | $(awk -v i="$ir" -v b="$bytes" 'BEGIN { printf "%.1f", i / b }') | $(awk -v i="$ir" -v f="${fl:-0}" 'BEGIN { if (f > 0) printf "%.2fx", i / f; else print "-" }') |"
    done
fi
exit 0
