// libFuzzer target `fuzz-xlsx`: the workbook reader (ZIP archive, DEFLATE decoder, SpreadsheetML
// sheets and shared strings) on arbitrary bytes.
//
// Built by Fuzz/build.sh like the other targets. The first input byte chooses what the rest is
// (`FuzzXlsxMode`): a whole .xlsx file; a raw DEFLATE stream; or a sheet's XML and the shared
// strings' XML (split at the first 0 byte), wrapped into a valid workbook so that mutations reach
// the XML readers instead of failing the CRC check. Errors are expected; the target fails on
// crashes, timeouts, out-of-memory and the broken promises `fuzzXlsxReader` checks.

import Foundation

private let pathBase = NSTemporaryDirectory() + "goalspec-fuzz-xlsx-\(getpid())"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXlsxTestOneInput(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    guard let start, count > 0 else { return 0 }
    let input = [UInt8](UnsafeRawBufferPointer(start: start, count: count))
    let failures = fuzzXlsxReader(input, pathBase: pathBase)
    if !failures.isEmpty {
        fatalError("fuzz-xlsx: " + failures.joined(separator: "\nfuzz-xlsx: "))
    }
    return 0
}
