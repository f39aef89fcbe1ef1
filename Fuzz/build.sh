#!/usr/bin/env bash
# Builds the libFuzzer targets into Fuzz/.build/:
#   fuzz-spec  the spec front end (parse, check, render diagnostics, format)
#   fuzz-csv   the data readers (CSV, TSV, JSON, NDJSON)
#   fuzz-xlsx  the workbook reader (ZIP, DEFLATE, SpreadsheetML)
#   fuzz-lsp   the language server (specs opened and queried, raw JSON-RPC messages)
# Each is one module: Fuzz/<Target>.swift compiled with every file of Sources/Goalspec and the
# harness shared with the regression tests (Tests/GoalspecTests/Fuzz/FuzzHarness.swift), with
# libFuzzer and AddressSanitizer, optimised with debug info (Swift's own traps stay on: bounds,
# overflow, force-unwraps). No package build is involved. The sources are copied to
# Fuzz/.build/src first, so edits made during the (slow) build do not break it, and
# Fuzz/.build/src/REVISION records which commit (and whether the tree was dirty) was fuzzed.
#
# Usage: Fuzz/build.sh [fuzz-spec|fuzz-csv|fuzz-xlsx|fuzz-lsp]...   (default: all four)
# Env:   SWIFTC (default swiftc), FUZZ_OPT (default -O; use "-Onone" for readable traces)
set -euo pipefail
cd "$(dirname "$0")/.."
out=Fuzz/.build
mkdir -p "$out"
swiftc=${SWIFTC:-swiftc}
opt=${FUZZ_OPT:--O}
rm -rf "$out/src"
mkdir -p "$out/src"
cp -R Sources/Goalspec "$out/src/Goalspec"
{ git rev-parse HEAD 2>/dev/null || echo unknown; git status --porcelain -- Sources/Goalspec 2>/dev/null | sed 's/^/dirty: /'; } > "$out/src/REVISION"
cp Tests/GoalspecTests/Fuzz/FuzzHarness.swift "$out/src/FuzzHarness.swift"
mapfile -t sources < <(find "$out/src/Goalspec" -name '*.swift' | LC_ALL=C sort)
sources+=("$out/src/FuzzHarness.swift")
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(fuzz-spec fuzz-csv fuzz-xlsx fuzz-lsp)
for target in "${targets[@]}"; do
  case "$target" in
    fuzz-spec) entry=Fuzz/FuzzSpec.swift ;;
    fuzz-csv) entry=Fuzz/FuzzCSV.swift ;;
    fuzz-xlsx) entry=Fuzz/FuzzXlsx.swift ;;
    fuzz-lsp) entry=Fuzz/FuzzLSP.swift ;;
    *) echo "unknown target: $target (fuzz-spec, fuzz-csv, fuzz-xlsx or fuzz-lsp)" >&2; exit 2 ;;
  esac
  echo "building $out/$target" >&2
  "$swiftc" -sanitize=fuzzer,address -parse-as-library -module-name Goalspec \
    -swift-version 6 $opt -g -enable-testing -use-ld=lld -D GOALSPEC_FUZZ \
    -module-cache-path "$out/module-cache" \
    "$entry" "${sources[@]}" -o "$out/$target"
done
