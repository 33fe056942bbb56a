#!/bin/bash
# run.sh - run libFuzzer harnesses for a bounded time and give a verdict.
#
#   fuzz/run.sh BUILD_DIR SECONDS JOBS HARNESS:DICT:MAX_LEN...
#
# Each harness runs for SECONDS on a copy of fuzz/corpus/HARNESS in a
# temporary directory (the tree stays clean), JOBS harnesses at a time.
# Exit status 0 only if every run ended without a finding: a crash, an
# abort from an invariant, a sanitizer report, a leak, a timeout (10 s per
# input) or an OOM (2 GiB) makes it fail, with the reproducer left in
# fuzz/crashes/HARNESS-{crash,leak,timeout,oom}-<sha1>.
# Logs: BUILD_DIR/logs/HARNESS.log.  FUZZ_KEEP=1 keeps each run's final
# corpus in BUILD_DIR/kept/HARNESS (for `make fuzz-corpus`).
set -u
out=$1 seconds=$2 jobs=$3
shift 3
mkdir -p fuzz/crashes "$out/logs"

run_one() {
    local h=$1 dict=$2 max=$3
    local log=$out/logs/$h.log tmp rc
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/sessval-fuzz-$h.XXXXXX") || return 1
    [ -d "fuzz/corpus/$h" ] && cp -R "fuzz/corpus/$h/." "$tmp/"
    # a hard stop well past max_total_time, in case libFuzzer itself hangs
    UBSAN_OPTIONS=print_stacktrace=1 \
    timeout -k 30 $((seconds * 2 + 300)) \
        "$out/$h" -max_total_time="$seconds" -dict="$dict" \
        -max_len="$max" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="fuzz/crashes/$h-" -print_final_stats=1 \
        "$tmp" >"$log" 2>&1
    rc=$?
    echo "$rc $(find "$tmp" -type f | wc -l) $(find "$tmp" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}')" \
        >"$out/logs/$h.result"
    if [ -n "${FUZZ_KEEP:-}" ]; then
        mkdir -p "$out/kept/$h" && cp -R "$tmp/." "$out/kept/$h/"
    fi
    rm -rf "$tmp"
    return $rc
}

names=()
for spec in "$@"; do
    IFS=: read -r h dict max <<<"$spec"
    names+=("$h")
    rm -f "$out/logs/$h.result"
    while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
        wait -n
    done
    echo "fuzz: $h for ${seconds}s (dict $dict, max_len $max)"
    run_one "$h" "$dict" "$max" &
done
wait

fail=0
printf '\n%-14s %-8s %12s %8s %7s %7s %16s %8s\n' harness result runs \
    exec/s cov ft corpus rss
for h in "${names[@]}"; do
    log=$out/logs/$h.log
    read -r rc files bytes <"$out/logs/$h.result" 2>/dev/null ||
        { rc=1 files=0 bytes=0; }
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    eps=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -1)
    last=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -1)
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
    verdict=ok
    if [ "$rc" != 0 ]; then
        verdict=FAILED
        fail=1
    fi
    printf '%-14s %-8s %12s %8s %7s %7s %16s %8s\n' "$h" "$verdict" \
        "${runs:-?}" "${eps:-?}" "${cov:-?}" "${ft:-?}" \
        "$files files/$((bytes / 1024))K" "${rss:-?}MB"
done
for h in "${names[@]}"; do
    read -r rc _ <"$out/logs/$h.result" 2>/dev/null || rc=1
    [ "$rc" = 0 ] && continue
    echo
    echo "==== $h failed (exit $rc); the end of $out/logs/$h.log:"
    tail -n 60 "$out/logs/$h.log"
    grep -h 'Test unit written to' "$out/logs/$h.log" | sed 's/^/==== /'
done
if [ $fail = 0 ]; then
    echo "fuzz: no finding in ${seconds}s per harness"
else
    echo "fuzz: FINDINGS (reproducers in fuzz/crashes/; replay one with" \
        "$out/HARNESS FILE)"
fi
exit $fail
