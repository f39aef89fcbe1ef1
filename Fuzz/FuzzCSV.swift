// libFuzzer target `fuzz-csv`: the data readers (CSV, TSV, JSON, NDJSON) on arbitrary bytes.
//
// Built by Fuzz/build.sh with every file of Sources/Goalspec and
// Tests/GoalspecTests/Fuzz/FuzzHarness.swift as one module. The first input byte chooses how
// the rest is read (`FuzzCSVMode`):
//
//   bits 0-1  the file extension: .csv, .tsv, .json, .ndjson
//   bit  2    sample size for schema inference: the default 64 KiB, or 96 bytes (so that rows
//             past the sample need not fit the inferred types, as in a large file)
//   bits 3-7  the chunk size of the small-buffer read: 64 + 7 * k bytes
//
// The rest is written to one temporary file (the same path for every input) and read
// (`fuzzCSVReaders`):
//
//  1. `inferSchema` and a `scan` of every column with a 1 MiB buffer, into a sink that decodes
//     every field as bool, integer, decimal, percent, period and text and throws
//     `RawRow.error` for a field that does not fit its column's type, as the engine does;
//  2. the same with the small buffer (rows cross buffer boundaries): the schema, the rows with
//     their lines and offsets, or the error must be the same;
//  3. with a 64-byte buffer and a 256-byte row limit: an error, or the same rows;
//  4. for CSV/TSV read without error, a two-part scan cut at the middle row's offset
//     (`scan(_:columns:part:into:)`): the parts' rows, concatenated, must be the same rows.
//
// Errors are expected. The target fails on crashes (Swift traps, ASan reports), timeouts,
// out-of-memory and any difference between the reads. GOALSPEC_FUZZ_STRICT=1 also compares
// what is known to differ (`FuzzReadResult.comparable`).

import Foundation

private let pathBase = NSTemporaryDirectory() + "goalspec-fuzz-csv-\(getpid())"
private let strict = ProcessInfo.processInfo.environment["GOALSPEC_FUZZ_STRICT"] == "1"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSVTestOneInput(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    guard let start, count > 0 else { return 0 }
    let input = [UInt8](UnsafeRawBufferPointer(start: start, count: count))
    let outcome = fuzzCSVReaders(input, pathBase: pathBase, strict: strict)
    if !outcome.failures.isEmpty {
        fatalError("fuzz-csv: " + outcome.failures.joined(separator: "\nfuzz-csv: "))
    }
    return 0
}
