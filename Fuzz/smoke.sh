#!/usr/bin/env bash
# The fuzz smoke run of .ci/run: builds the libFuzzer targets and runs each for a short time
# (FUZZ_SMOKE_SECONDS, default 45) from the checked-in corpus, failing on any crash, timeout
# or out-of-memory input it finds (saved under Fuzz/artifacts/).
#
# Whose fault a failure is decides whether CI fails:
#   - the toolchain cannot build a fuzzer at all (a one-line probe with -sanitize=fuzzer,address
#     fails: a toolchain without libFuzzer, e.g. on macOS): the smoke is SKIPPED, loudly, exit 0;
#   - the probe builds but our targets do not, or a target finds a crash: our code's fault, exit 1.
# Long runs: Fuzz/run.sh TARGET SECONDS (docs/fuzzing.md).
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SMOKE_SECONDS:-45}
swiftc=${SWIFTC:-swiftc}
probe_dir=$(mktemp -d "${TMPDIR:-/tmp}/goalspec-fuzz-probe.XXXXXX")
trap 'rm -rf "$probe_dir"' EXIT
printf '@_cdecl("LLVMFuzzerTestOneInput") public func f(_ d: UnsafePointer<UInt8>, _ n: Int) -> CInt { 0 }\n' > "$probe_dir/probe.swift"
if ! "$swiftc" -sanitize=fuzzer,address -parse-as-library -use-ld=lld "$probe_dir/probe.swift" -o "$probe_dir/probe" >"$probe_dir/log" 2>&1; then
  echo "fuzz smoke SKIPPED: this toolchain cannot build a libFuzzer binary (not Goalspec's fault):"
  sed 's/^/  /' "$probe_dir/log" | head -5
  exit 0
fi
targets=(fuzz-spec fuzz-csv fuzz-xlsx fuzz-lsp)
if ! Fuzz/build.sh "${targets[@]}"; then
  echo "fuzz smoke FAILED: the toolchain builds fuzzers, but not Goalspec's targets"
  exit 1
fi
failures=0
for target in "${targets[@]}"; do
  if Fuzz/run.sh "$target" "$seconds" >"Fuzz/.build/smoke-$target.log" 2>&1; then
    echo "fuzz smoke $target: ok ($(grep -m1 -oE 'stat::number_of_executed_units: *[0-9]+' "Fuzz/.build/smoke-$target.log" | grep -oE '[0-9]+$') inputs in $seconds s)"
  else
    failures=$((failures + 1))
    echo "fuzz smoke $target: FAILED; the input is in Fuzz/artifacts/, the end of the log:"
    tail -40 "Fuzz/.build/smoke-$target.log"
  fi
done
[ "$failures" -eq 0 ]
