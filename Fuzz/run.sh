#!/usr/bin/env bash
# Runs one libFuzzer target built by Fuzz/build.sh for SECONDS seconds, single job.
#
# Usage: Fuzz/run.sh fuzz-spec|fuzz-csv|fuzz-xlsx|fuzz-lsp SECONDS [libFuzzer flags...]
#   nice -n 10 Fuzz/run.sh fuzz-spec 600
#   Fuzz/run.sh fuzz-csv 0 Fuzz/artifacts/fuzz-csv-crash-<sha1>   # replay one input (SECONDS ignored)
#
# Corpus: new inputs go to Fuzz/.build/corpus/<spec|csv>/ (kept between runs, git-ignored); the
# seeds are read from Fuzz/corpus/<spec|csv>/, from the regression inputs in
# Tests/GoalspecTests/Fuzz/<spec|csv>/ and, for fuzz-spec, from the golden broken specs
# and format inputs in Tests/GoalspecTests/Golden/. Crashes, timeouts and out-of-memory
# inputs are written to Fuzz/artifacts/<target>-*. The log is Fuzz/.build/logs/<target>-<time>.log.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 2 ]; then
  echo "usage: $0 fuzz-spec|fuzz-csv|fuzz-xlsx|fuzz-lsp SECONDS [libFuzzer flags...]" >&2
  exit 2
fi
target=$1
seconds=$2
shift 2
binary=Fuzz/.build/$target
case "$target" in
  fuzz-spec)
    kind=spec
    max_len=20000
    seeds=(Fuzz/corpus/spec Tests/GoalspecTests/Fuzz/spec Tests/GoalspecTests/Golden/diagnostics Tests/GoalspecTests/Golden/format)
    ;;
  fuzz-csv)
    kind=csv
    max_len=8192
    seeds=(Fuzz/corpus/csv Tests/GoalspecTests/Fuzz/csv)
    ;;
  fuzz-xlsx)
    kind=xlsx
    max_len=65536
    seeds=(Fuzz/corpus/xlsx Tests/GoalspecTests/Fuzz/xlsx)
    ;;
  fuzz-lsp)
    kind=lsp
    max_len=8192
    seeds=(Fuzz/corpus/lsp)
    ;;
  *) echo "unknown target: $target (fuzz-spec, fuzz-csv, fuzz-xlsx or fuzz-lsp)" >&2; exit 2 ;;
esac
if [ ! -x "$binary" ]; then
  echo "$binary is missing: run Fuzz/build.sh $target first" >&2
  exit 2
fi
# Leak detection is off (-detect_leaks=0, and ASan's at-exit check): LeakSanitizer cannot
# follow Swift enum payloads whose pointers carry tag bits, so trees kept in globals are
# reported as leaked.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
# Swift's crash backtracer reads memory ASan flags as a stack underflow; libFuzzer and ASan
# print the stack themselves.
export SWIFT_BACKTRACE=${SWIFT_BACKTRACE:-enable=no}
mkdir -p "Fuzz/.build/corpus/$kind" Fuzz/artifacts Fuzz/.build/logs
existing=()
for d in "${seeds[@]}"; do [ -d "$d" ] && existing+=("$d"); done

# Replay mode: any argument that is a file (not a flag) runs just those inputs.
for a in "$@"; do
  if [ -f "$a" ]; then
    exec "$binary" -rss_limit_mb=2048 -timeout=10 -detect_leaks=0 "$@"
  fi
done

log=Fuzz/.build/logs/$target-$(date -u +%Y%m%dT%H%M%SZ).log
echo "fuzzing $target for $seconds s; log: $log" >&2
set +e
"$binary" \
  -max_total_time="$seconds" \
  -rss_limit_mb=2048 \
  -timeout=10 \
  -detect_leaks=0 \
  -max_len="$max_len" \
  -dict="Fuzz/$kind.dict" \
  -print_final_stats=1 \
  -artifact_prefix="Fuzz/artifacts/$target-" \
  "$@" \
  "Fuzz/.build/corpus/$kind" "${existing[@]}" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
echo "exit status $status; corpus: $(find "Fuzz/.build/corpus/$kind" -type f | wc -l) files in Fuzz/.build/corpus/$kind" | tee -a "$log" >&2
exit "$status"
