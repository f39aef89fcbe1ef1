// libFuzzer target `fuzz-lsp`: the language server (`goalspec lsp`) on arbitrary specs and
// arbitrary JSON-RPC messages.
//
// Built by Fuzz/build.sh like the other targets. The first input byte chooses what the rest is
// (see `fuzzLanguageServer`): a spec opened and asked for hover, completion, definition,
// symbols, formatting and code lenses; or raw message bodies. Malformed messages are expected
// to be answered with JSON-RPC errors; the target fails on crashes, timeouts, out-of-memory and
// the broken promises `fuzzLanguageServer` checks.

import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLSPTestOneInput(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    guard let start, count > 0 else { return 0 }
    let input = [UInt8](UnsafeRawBufferPointer(start: start, count: count))
    let failures = fuzzLanguageServer(input)
    if !failures.isEmpty {
        fatalError("fuzz-lsp: " + failures.joined(separator: "\nfuzz-lsp: "))
    }
    return 0
}
