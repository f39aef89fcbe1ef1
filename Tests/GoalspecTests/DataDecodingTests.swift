import Foundation
import Testing

@testable import Goalspec

/// Runs `body` on the UTF-8 bytes of `text`.
private func withBytes<T>(_ text: String, _ body: (UnsafeRawBufferPointer) -> T) -> T {
    Array(text.utf8).withUnsafeBytes(body)
}

private let dot = UInt8(ascii: ".")
private let comma = UInt8(ascii: ",")

@Suite("Field decoding")
struct DataDecodingTests {
    @Test(arguments: [
        ("0", false), ("1", true), ("true", true), ("false", false), ("TRUE", true), ("FALSE", false),
        ("True", true), ("False", false), (" 1 ", true),
    ])
    func boolAccepts(text: String, value: Bool) {
        #expect(withBytes(text) { FieldDecoding.bool($0) } == value)
    }

    @Test(arguments: ["", "2", "yes", "jA", "nEJ", "tRUE", "t", "01", "true1", "-1"])
    func boolRejects(text: String) {
        #expect(withBytes(text) { FieldDecoding.bool($0) } == nil)
    }

    @Test(arguments: [
        ("0", Int64(0)), ("42", 42), ("-7", -7), ("+3", 3), ("  12 ", 12), ("007", 7),
        ("9223372036854775807", Int64.max), ("-9223372036854775808", Int64.min),
    ])
    func integerAccepts(text: String, value: Int64) {
        #expect(withBytes(text) { FieldDecoding.integer($0) } == value)
    }

    @Test(arguments: ["", " ", "-", "+", "1.0", "1e3", "12a", "9223372036854775808", "-9223372036854775809",
                      "99999999999999999999999", "1 2", "--1"])
    func integerRejects(text: String) {
        #expect(withBytes(text) { FieldDecoding.integer($0) } == nil)
    }

    @Test(arguments: [
        ("86.2", dot, DecimalValue(mantissa: 862, scale: 1)),
        ("-0,5", comma, DecimalValue(mantissa: -5, scale: 1)),
        ("42", dot, DecimalValue(mantissa: 42, scale: 0)),
        ("1e-3", dot, DecimalValue(mantissa: 1, scale: 3)),
        ("2.5E+2", dot, DecimalValue(mantissa: 250, scale: 0)),
        (" 1,25 ", comma, DecimalValue(mantissa: 125, scale: 2)),
        ("+0.000", dot, DecimalValue(mantissa: 0, scale: 0)),
        ("-9223372036854775808", dot, DecimalValue(mantissa: Int128(Int64.min), scale: 0)),
        ("0.1234567890123456789", dot, DecimalValue(mantissa: 1_234_567_890_123_456_789, scale: 19)),
        // Beyond 64 bits, exactly (issue 8, case 14).
        ("12345678901234567890", dot, DecimalValue(mantissa: 12_345_678_901_234_567_890, scale: 0)),
        ("1.0000000000000000001", dot, DecimalValue(mantissa: 10_000_000_000_000_000_001, scale: 19)),
        ("-170141183460469231731687303715884105728", dot, DecimalValue(mantissa: .min, scale: 0)),
        ("0.12345678901234567890123", dot, DecimalValue(mantissa: 12_345_678_901_234_567_890_123, scale: 23)),
    ])
    func decimalAccepts(text: String, separator: UInt8, value: DecimalValue) {
        #expect(withBytes(text) { FieldDecoding.decimal($0, decimalSeparator: separator) } == value)
    }

    @Test(arguments: [
        ("1.", dot), (".5", dot), ("1,5", dot), ("1.5", comma), ("1.234,5", comma), ("1,234.5", dot),
        ("", dot), ("-", dot), ("1e", dot), ("1e+", dot), ("e3", dot), ("12.3.4", dot), ("1 000", dot),
        ("170141183460469231731687303715884105728", dot), ("0.999999999999999999999999999999999999999", dot),
        ("1e999999", dot), ("86.2%", dot),
    ])
    func decimalRejects(text: String, separator: UInt8) {
        #expect(withBytes(text) { FieldDecoding.decimal($0, decimalSeparator: separator) } == nil)
    }

    @Test(arguments: [
        ("86,2 %", comma), ("86,2%", comma), ("86,2\u{00A0}%", comma), ("86,2\u{202F}%", comma),
        ("86.2%", dot), (" 86.2 % ", dot),
    ])
    func percentGivesTheExactFraction(text: String, separator: UInt8) throws {
        let value = try #require(withBytes(text) { FieldDecoding.percent($0, decimalSeparator: separator) })
        #expect(value == DecimalValue(mantissa: 862, scale: 3))
        #expect(value.description == "0.862")
    }

    @Test(arguments: [("86,2", comma), ("%", dot), ("86.2 %%", dot), ("86,2 %", dot), ("abc%", dot), ("86.2  %", dot)])
    func percentRejects(text: String, separator: UInt8) {
        #expect(withBytes(text) { FieldDecoding.percent($0, decimalSeparator: separator) } == nil)
    }

    @Test func percentKeepsSignAndWholeNumbers() {
        #expect(withBytes("-5 %") { FieldDecoding.percent($0, decimalSeparator: dot) } == DecimalValue(mantissa: -5, scale: 2))
        #expect(withBytes("100%") { FieldDecoding.percent($0, decimalSeparator: dot) } == DecimalValue(1))
    }

    @Test func periodFieldsTolerateSpaces() {
        #expect(withBytes(" 2024K3 ") { FieldDecoding.period($0) } == Period(year: 2024, quarter: 3))
        #expect(withBytes("2024 K3") { FieldDecoding.period($0) } == nil)
    }

    @Test func textRequiresUTF8() {
        #expect(withBytes("Århus") { FieldDecoding.text($0) } == "Århus")
        #expect([UInt8]([0x41, 0xE6]).withUnsafeBytes { FieldDecoding.text($0) } == nil)
    }

    @Test func decodersNeverReadAnEmptyBufferWithoutBase() {
        let empty = UnsafeRawBufferPointer(start: nil, count: 0)
        #expect(FieldDecoding.bool(empty) == nil)
        #expect(FieldDecoding.integer(empty) == nil)
        #expect(FieldDecoding.decimal(empty, decimalSeparator: dot) == nil)
        #expect(FieldDecoding.percent(empty, decimalSeparator: dot) == nil)
        #expect(FieldDecoding.period(empty) == nil)
        #expect(FieldDecoding.text(empty) == "")
    }

    // MARK: DecimalValue

    @Test func decimalEqualityAndHashingAreNumeric() {
        let a = DecimalValue(mantissa: 150, scale: 2), b = DecimalValue(mantissa: 15, scale: 1)
        #expect(a == b)
        #expect(Set([a, b]).count == 1)
        #expect(DecimalValue(mantissa: 0, scale: 5) == DecimalValue(0))
        #expect(DecimalValue(mantissa: 1, scale: -3) == DecimalValue(1000))
    }

    @Test(arguments: [
        (DecimalValue(mantissa: 86, scale: 2), DecimalValue(mantissa: 862, scale: 3)),
        (DecimalValue(mantissa: -5, scale: 1), DecimalValue(0)),
        (DecimalValue(mantissa: -1, scale: 0), DecimalValue(mantissa: -5, scale: 1)),
        (DecimalValue(mantissa: 1, scale: 30), DecimalValue(mantissa: 1, scale: 0)),
        (DecimalValue(mantissa: .max, scale: 0), DecimalValue(mantissa: 1, scale: -39)),
        (DecimalValue(mantissa: -1, scale: -39), DecimalValue(mantissa: .min, scale: 0)),
    ])
    func decimalOrdering(smaller: DecimalValue, larger: DecimalValue) {
        #expect(smaller < larger)
        #expect(!(larger < smaller))
    }

    @Test(arguments: [
        (DecimalValue(mantissa: 862, scale: 1), "86.2"), (DecimalValue(mantissa: -5, scale: 1), "-0.5"),
        (DecimalValue(mantissa: 862, scale: 3), "0.862"), (DecimalValue(mantissa: 1, scale: -3), "1000"),
        (DecimalValue(mantissa: 1500, scale: 3), "1.5"), (DecimalValue(mantissa: .min, scale: 0), "-170141183460469231731687303715884105728"),
    ])
    func decimalDescription(value: DecimalValue, text: String) {
        #expect(value.description == text)
    }

    @Test func decimalDoubleValue() {
        #expect(DecimalValue(mantissa: 862, scale: 3).doubleValue == 0.862)
        #expect(DecimalValue(mantissa: 15, scale: -2).doubleValue == 1500)
    }

    // MARK: Type inference

    @Test(arguments: [
        (["0", "1", "", "1"], ColumnType.bool),
        (["true", "False", "1"], .bool),
        (["0", "1", "2"], .integer),
        (["2024", "2023"], .integer),
        (["-3", "+4", "12"], .integer),
        (["1", "1.5", "-0.25"], .decimal),
        (["1e3", "2"], .decimal),
        (["86.2%", "85 %", "100%"], .percent),
        (["86.2%", "0.5"], .text),
        (["2024K3", "2024K2", ""], .period),
        (["2024M07", "2024-07-01", "2024"], .period),
        (["2024K5"], .text),
        (["Aarhus", "1"], .text),
        (["", ""], .text),
        ([], .text),
    ])
    func inference(values: [String], type: ColumnType) {
        var evidence = ColumnTypeEvidence()
        for value in values {
            Array(value.utf8).withUnsafeBytes { evidence.observe($0) }
        }
        #expect(evidence.inferred(evidence.numbers.decide(fileDecimalMark: dot, declaredGrouping: nil)) == type)
    }

    @Test func aColumnsOwnMarksDecideItsFormat() {
        var evidence = ColumnTypeEvidence()
        for value in ["1,5", "2"] {
            Array(value.utf8).withUnsafeBytes { evidence.observe($0) }
        }
        let reading = evidence.numbers.decide(fileDecimalMark: dot, declaredGrouping: nil)
        #expect(evidence.inferred(reading) == .decimal)
        guard case .format(let format) = reading else {
            Issue.record("expected a format, got \(reading)")
            return
        }
        #expect(format.decimalMark == UInt8(ascii: ","))
    }

    // MARK: Dialect detection

    @Test(arguments: [
        ("a,b,c\n1,2,3\n", UInt8(ascii: ","), UInt8(ascii: ".")),
        ("a;b;c\n1;2,5;3\n4;5,25;6\n", UInt8(ascii: ";"), UInt8(ascii: ",")),
        ("a;b\n1;2.5\n", UInt8(ascii: ";"), UInt8(ascii: ".")),
        ("a\tb\n1\t86,2 %\n", 9, UInt8(ascii: ",")),
        ("a;\"b,c\"\n\"1,2,3\";4\n", UInt8(ascii: ";"), UInt8(ascii: ".")),
        ("single\nvalue\n", UInt8(ascii: ","), UInt8(ascii: ".")),
        ("a,b;c\n1,2;3\n4,5;6\n", UInt8(ascii: ","), UInt8(ascii: ".")),
    ])
    func dialectDetection(sample: String, delimiter: UInt8, decimal: UInt8) {
        let dialect = withBytes(sample) { CSVDialect.detect(sample: $0) }
        #expect(dialect.delimiter == delimiter)
        #expect(dialect.decimalSeparator == decimal)
        #expect(dialect.hasBOM == false)
        #expect(dialect.lineEnding == .lf)
    }

    @Test func dialectDetectionPrefersConsistentCounts() {
        // Commas appear in the header and some rows; semicolons in every row the same number of times.
        let dialect = withBytes("navn;beløb\nA;1,5\nB;2\nC;3,25\n") { CSVDialect.detect(sample: $0) }
        #expect(dialect.delimiter == UInt8(ascii: ";"))
        #expect(dialect.decimalSeparator == UInt8(ascii: ","))
    }

    @Test(arguments: [
        ("data/x.csv", DataFormat.csv), ("X.TSV", .tsv), ("a.json", .json), ("a.ndjson", .ndjson), ("a.jsonl", .ndjson),
    ])
    func formatFromPath(path: String, format: DataFormat) {
        #expect(DataFormat(path: path) == format)
    }

    @Test func formatFromExtension() {
        #expect(DataFormat(pathExtension: ".CSV") == .csv)
        #expect(DataFormat(pathExtension: "xlsx") == .xlsx)
        #expect(DataFormat(pathExtension: "xls") == nil)
        #expect(DataFormat(path: "noext") == nil)
        #expect(DataFormat(path: "dir.d/file") == nil)
    }
}
