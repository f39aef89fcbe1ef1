// libFuzzer target `fuzz-spec`: the spec front end on arbitrary bytes.
//
// Built by Fuzz/build.sh with every file of Sources/Goalspec and
// Tests/GoalspecTests/Fuzz/FuzzHarness.swift as one module. Each input is one spec file, run
// through what `goalspec check` and `goalspec fmt` do before reading any row
// (`fuzzSpecFrontEnd`):
//
//   SpecParser.parse → SpecChecker.check (against the schemas of Specs/data by file name, or a
//   small table with a column of each type; Specs/common/aarhus.goal stands in for any import)
//   → DiagnosticList.finish → DiagnosticRenderer.render, and, when the parse has no error,
//   SpecFormatter.format and SpecFormatter.preservesMeaning.
//
// Diagnostics are expected. The target fails on crashes (Swift traps, ASan reports), timeouts,
// out-of-memory, a diagnostic located outside the input, and parse errors that render as
// nothing. With GOALSPEC_FUZZ_STRICT=1 it also fails when formatting is not idempotent or does
// not keep the spec's meaning (issue 4 item 7's property; off by default).
//
// Env: GOALSPEC_FUZZ_SPECS, the Specs folder (default: the repository's, found from this file).

import Foundation

nonisolated(unsafe) private var environment: FuzzSpecEnvironment?
nonisolated(unsafe) private var strict = false

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSpecTestOneInput(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    if environment == nil {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        let specs = ProcessInfo.processInfo.environment["GOALSPEC_FUZZ_SPECS"] ?? repo.appendingPathComponent("Specs").path
        let fallback = NSTemporaryDirectory() + "goalspec-fuzz-spec-\(getpid()).csv"
        guard let env = FuzzSpecEnvironment(specsDirectory: specs, fallbackPath: fallback) else {
            fatalError("fuzz-spec: cannot write and read the fallback table \(fallback)")
        }
        if env.schemas.isEmpty {
            FileHandle.standardError.write(Data("fuzz-spec: no data under \(specs)/data; only the fallback table is used\n".utf8))
        }
        environment = env
        strict = ProcessInfo.processInfo.environment["GOALSPEC_FUZZ_STRICT"] == "1"
    }
    let bytes = count > 0 && start != nil ? [UInt8](UnsafeRawBufferPointer(start: start, count: count)) : []
    let outcome = fuzzSpecFrontEnd(bytes, environment: environment!, strict: strict)
    if !outcome.failures.isEmpty {
        fatalError("fuzz-spec: " + outcome.failures.joined(separator: "\nfuzz-spec: "))
    }
    return 0
}
