import Foundation
import Testing

@testable import Goalspec

// MARK: - Fixtures shared by the data tests

/// Temporary data files and a sink that keeps every row as strings.
enum DataFixture {
    /// Writes `bytes` to a fresh temporary file with extension `ext` and returns its path.
    static func write(_ bytes: [UInt8], ext: String = "csv") throws -> String {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("goalspec-data-\(UUID().uuidString).\(ext)")
        try Data(bytes).write(to: url)
        return url.path
    }

    static func write(_ text: String, ext: String = "csv") throws -> String {
        try write(Array(text.utf8), ext: ext)
    }

    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// A tuning with tiny chunks, so that rows cross buffer boundaries.
    static func tiny(_ chunk: Int, maxRow: Int = 1 << 20) -> DataReadTuning {
        DataReadTuning(chunkSize: chunk, maxRowBytes: maxRow, sampleBytes: 64 << 10)
    }

    /// Infers the schema of `path` and scans all its columns.
    static func readAll(_ path: String, tuning: DataReadTuning = .default) throws(DataError)
        -> (schema: TableSchema, sink: DataCollectingSink)
    {
        let schema = try TableReader.inferSchema(path: path, format: nil, tuning: tuning)
        var sink = DataCollectingSink()
        try TableReader.scan(schema, columns: Array(schema.columns.indices), part: nil, into: &sink, tuning: tuning)
        return (schema, sink)
    }

    /// The `DataError` that `body` throws, or nil when it throws nothing (or another error).
    static func error(_ body: () throws -> Void) -> DataError? {
        do {
            try body()
            return nil
        } catch {
            return error as? DataError
        }
    }
}

/// Keeps every row's fields as strings, with the row's line and offset.
struct DataCollectingSink: RowSink {
    var rows: [[String]] = []
    var lines: [Int] = []
    var offsets: [Int] = []

    mutating func consume(_ row: borrowing RawRow) throws(DataError) {
        var values: [String] = []
        for i in 0..<row.count { values.append(String(decoding: row.field(i), as: UTF8.self)) }
        rows.append(values)
        lines.append(row.line)
        offsets.append(row.offset)
    }
}

/// A small deterministic random generator (SplitMix64), so failures reproduce.
struct DataSeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

// MARK: - CSV reading

@Suite("CSV reading")
struct DataCSVTests {
    @Test func readsQuotedFieldsWithDelimitersNewlinesAndDoubledQuotes() throws {
        let csv = "name,comment,n\n"
            + "\"Aarhus, C\",\"said \"\"hej\"\"\",1\n"
            + "Odense,\"two\nlines; here\",2\n"
            + "\"\",\"\"\"\",3\n"
        let path = try DataFixture.write(csv)
        defer { DataFixture.remove(path) }
        let (schema, sink) = try DataFixture.readAll(path)
        #expect(schema.columns.map(\.name) == ["name", "comment", "n"])
        #expect(sink.rows == [
            ["Aarhus, C", "said \"hej\"", "1"],
            ["Odense", "two\nlines; here", "2"],
            ["", "\"", "3"],
        ])
        // The quoted newline makes the third data row start on line 5.
        #expect(sink.lines == [2, 3, 5])
    }

    @Test func readsCRLFAndBOMWithoutTrailingNewline() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("by;andel\r\nAarhus;86,2 %\r\n\"K\u{f8}benhavn\";85,5 %".utf8)
        let path = try DataFixture.write(bytes)
        defer { DataFixture.remove(path) }
        let (schema, sink) = try DataFixture.readAll(path)
        #expect(schema.columns.map(\.name) == ["by", "andel"])
        #expect(schema.dialect?.hasBOM == true)
        #expect(schema.dialect?.lineEnding == .crlf)
        #expect(sink.rows == [["Aarhus", "86,2 %"], ["København", "85,5 %"]])
        #expect(schema.sampleCoversWholeFile)
    }

    @Test func ignoresBlankLinesAtTheEndAndBetweenRows() throws {
        let path = try DataFixture.write("a,b\n1,2\n\n3,4\r\n\r\n\n")
        defer { DataFixture.remove(path) }
        let (schema, sink) = try DataFixture.readAll(path)
        #expect(sink.rows == [["1", "2"], ["3", "4"]])
        #expect(sink.lines == [2, 4])
        #expect(schema.sampledRows == 2)
    }

    @Test func keepsEmptyFieldsAndTrailingEmptyField() throws {
        let path = try DataFixture.write("a,b,c\n,,\n1,,\n,\"\",x")
        defer { DataFixture.remove(path) }
        let (_, sink) = try DataFixture.readAll(path)
        #expect(sink.rows == [["", "", ""], ["1", "", ""], ["", "", "x"]])
    }

    @Test func detectsTheDanishExcelDialectWithoutOptions() throws {
        let csv = "kommune;andel;vægt;kvartal\r\nAarhus;86,2 %;1,5;2024K3\r\nOdense;84,9 %;1;2024K2\r\n"
        let path = try DataFixture.write([0xEF, 0xBB, 0xBF] + Array(csv.utf8))
        defer { DataFixture.remove(path) }
        let schema = try TableReader.inferSchema(path: path)
        #expect(schema.dialect == CSVDialect(delimiter: UInt8(ascii: ";"), decimalSeparator: UInt8(ascii: ","),
                                             hasBOM: true, lineEnding: .crlf))
        #expect(schema.columns.map(\.type) == [.text, .percent, .decimal, .period])
        #expect(schema.column(named: "VÆGT")?.index == 2)
    }

    @Test func standardDialectKeepsTheDecimalPoint() throws {
        let path = try DataFixture.write("city,share,weight\nAarhus,86.2%,1.5\nOdense,84.9%,2\n")
        defer { DataFixture.remove(path) }
        let schema = try TableReader.inferSchema(path: path)
        #expect(schema.dialect?.delimiter == UInt8(ascii: ","))
        #expect(schema.decimalSeparator == UInt8(ascii: "."))
        #expect(schema.columns.map(\.type) == [.text, .percent, .decimal])
    }

    @Test func tsvFilesAreTabSeparated() throws {
        // Commas are consistent here, but the extension forces tab.
        let path = try DataFixture.write("a,x\tb\n1,y\t2\n3,z\t4\n", ext: "tsv")
        defer { DataFixture.remove(path) }
        let (schema, sink) = try DataFixture.readAll(path)
        #expect(schema.format == .tsv)
        #expect(schema.dialect?.delimiter == 9)
        #expect(sink.rows == [["1,y", "2"], ["3,z", "4"]])
    }

    @Test func raggedRowReportsLineColumnAndHint() throws {
        let path = try DataFixture.write("a,b,c\n1,2,3\n\"x\ny\",2,3\n4,5,6,\n")
        defer { DataFixture.remove(path) }
        let error = try #require(DataFixture.error { _ = try DataFixture.readAll(path) })
        #expect(error.kind == .raggedRow(expected: 3, found: 4))
        #expect(error.message == "row has 4 fields, header has 3")
        #expect(error.line == 5)
        #expect(error.column == 7)  // the empty fourth field after "4,5,6,"
        #expect(error.lineText == "4,5,6,")
        #expect(error.hint == "the row ends with an extra comma")
    }

    @Test func shortRowIsRagged() throws {
        let path = try DataFixture.write("a;b;c\n1;2;3\n1;2\n")
        defer { DataFixture.remove(path) }
        let error = try #require(DataFixture.error { _ = try DataFixture.readAll(path) })
        #expect(error.kind == .raggedRow(expected: 3, found: 2))
        #expect(error.line == 3)
        #expect(error.column == 4)
    }

    @Test(arguments: [1 << 20, 64, 97])
    func unterminatedQuoteReportsTheLineWhereItOpened(chunk: Int) throws {
        let path = try DataFixture.write("a,b\n1,2\n3,\"never closed\n4,5\n6,7\n")
        defer { DataFixture.remove(path) }
        let error = try #require(DataFixture.error { _ = try DataFixture.readAll(path, tuning: DataFixture.tiny(chunk)) })
        #expect(error.kind == .unterminatedQuote)
        #expect(error.message == "unterminated quoted field")
        #expect(error.line == 3)
        #expect(error.column == 3)
        #expect(error.lineText == "3,\"never closed")
    }

    @Test func unterminatedQuoteInALargeFileStopsAtTheRowLimit() throws {
        var text = "a,b\n1,\"open\n"
        for i in 0..<2000 { text += "\(i),row\n" }
        let path = try DataFixture.write(text)
        defer { DataFixture.remove(path) }
        let tuning = DataReadTuning(chunkSize: 64, maxRowBytes: 1024, sampleBytes: 64)
        let error = try #require(DataFixture.error { _ = try DataFixture.readAll(path, tuning: tuning) })
        #expect(error.kind == .rowTooLong(limit: 1024))
        #expect(error.line == 2)
    }

    @Test func textAfterClosingQuoteIsAnError() throws {
        let path = try DataFixture.write("a,b\n\"x\"y,2\n")
        defer { DataFixture.remove(path) }
        let error = try #require(DataFixture.error { _ = try DataFixture.readAll(path) })
        #expect(error.kind == .textAfterQuote("y,2"))
        #expect(error.line == 2)
        #expect(error.column == 4)
    }

    @Test func textAfterClosingQuoteIsQuotedFromTheFileNotTheBuffer() throws {
        // The quote closes at byte 60 of a 64-byte buffer: the 12 bytes after it cross the
        // buffer's end, and the error quotes them all.
        let text = "a,b\n\"" + String(repeating: "x", count: 55) + "\"yyyyyyyyyyyy,2\n"
        let path = try DataFixture.write(text)
        defer { DataFixture.remove(path) }
        let tuning = DataReadTuning(chunkSize: 64, maxRowBytes: 1024, sampleBytes: 64)
        let narrow = try #require(DataFixture.error { _ = try DataFixture.readAll(path, tuning: tuning) })
        let wide = try #require(DataFixture.error { _ = try DataFixture.readAll(path) })
        #expect(narrow.kind == .textAfterQuote("yyyyyyyyyyyy"))
        #expect(narrow == wide)
    }

    @Test(arguments: ["a,b\r1,2\r3,4\r", "a;b\r1;2\r", "name,\rvalue\n1,2\n"])
    func headerWithALoneCarriageReturnIsAnError(text: String) throws {
        let path = try DataFixture.write(text)
        defer { DataFixture.remove(path) }
        let error = try #require(DataFixture.error { _ = try DataFixture.readAll(path) })
        #expect(error.kind == .loneCarriageReturn)
        #expect(error.line == 1)
        #expect(error.column == text.utf8.firstIndex(of: 0x0D).map { text.utf8.distance(from: text.utf8.startIndex, to: $0) + 1 })
        #expect(error.hint?.contains("CR alone") == true)
    }

    /// Excel's "Unicode Text" export is UTF-16LE with a byte order mark; read as UTF-8 or
    /// Windows-1252 it would be a NUL between every letter.
    @Test(arguments: [
        ([0xFF, 0xFE], "UTF-16LE", "csv"), ([0xFE, 0xFF], "UTF-16BE", "tsv"),
        ([0xFF, 0xFE, 0x00, 0x00], "UTF-32LE", "csv"), ([0x00, 0x00, 0xFE, 0xFF], "UTF-32BE", "json"),
    ] as [([UInt8], String, String)])
    func utf16AndUTF32FilesAreAnErrorNamingTheirEncoding(mark: [UInt8], name: String, ext: String) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("goalspec-bom-\(UUID().uuidString).\(ext)").path
        var bytes = mark
        for b in Array("a,b\n1,2\n".utf8) { bytes += name.hasSuffix("LE") ? [b, 0] : [0, b] }
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        defer { DataFixture.remove(path) }
        let error = try #require(DataFixture.error { _ = try DataFixture.readAll(path) })
        #expect(error.kind == .unsupportedEncoding(name))
        #expect(error.message.contains(name))
        #expect(error.hint?.contains("UTF-8") == true)
    }

    @Test func carriageReturnsInsideAQuotedHeaderNameAreKept() throws {
        let path = try DataFixture.write("\"a\rb\",c\r\n1,2\r\n")
        defer { DataFixture.remove(path) }
        let (schema, _) = try DataFixture.readAll(path)
        #expect(schema.columns.map(\.name) == ["a\rb", "c"])
    }

    @Test func quoteInsideAnUnquotedFieldIsKept() throws {
        let path = try DataFixture.write("a,b\n5\" pipe,2\n")
        defer { DataFixture.remove(path) }
        let (_, sink) = try DataFixture.readAll(path)
        #expect(sink.rows == [["5\" pipe", "2"]])
    }

    @Test func nonUTF8HeaderIsAnError() throws {
        // "by;vægt" in Windows-1252 (æ is the single byte E6), above a row with Å in UTF-8: a
        // file mixing the two is read as UTF-8, so the header's E6 is an error.
        let path = try DataFixture.write(Array("by;v".utf8) + [0xE6] + Array("gt\nÅrhus;1\n".utf8))
        defer { DataFixture.remove(path) }
        let error = try #require(DataFixture.error { _ = try TableReader.inferSchema(path: path) })
        #expect(error.kind == .invalidUTF8)
        #expect(error.line == 1)
        #expect(error.column == 5)
        #expect(error.hint?.contains("UTF-8") == true)
    }

    @Test func nonUTF8ValueInTheSampleIsAnError() throws {
        // København in Windows-1252 below Århus in UTF-8: mixed, so read as UTF-8.
        let path = try DataFixture.write(Array("by;n\nÅrhus;1\nK".utf8) + [0xF8] + Array("benhavn;2\n".utf8))
        defer { DataFixture.remove(path) }
        let error = try #require(DataFixture.error { _ = try TableReader.inferSchema(path: path) })
        #expect(error.kind == .invalidUTF8)
        #expect(error.line == 3)
        #expect(error.column == 1)
    }

    @Test func emptyFileIsAnError() throws {
        for content in ["", "\n\n", "\u{FEFF}"] {
            let path = try DataFixture.write(content)
            defer { DataFixture.remove(path) }
            let error = try #require(DataFixture.error { _ = try TableReader.inferSchema(path: path) })
            #expect(error.kind == .emptyFile, "content \(content.debugDescription)")
        }
    }

    @Test func headerOnlyFileHasColumnsAndNoRows() throws {
        let path = try DataFixture.write("city,share\n")
        defer { DataFixture.remove(path) }
        let (schema, sink) = try DataFixture.readAll(path)
        #expect(schema.columns.map(\.name) == ["city", "share"])
        #expect(schema.columns.map(\.type) == [.text, .text])
        #expect(schema.sampledRows == 0)
        #expect(schema.sampleCoversWholeFile)
        #expect(sink.rows.isEmpty)
    }

    @Test func missingFileAndUnknownExtension() throws {
        let missing = try #require(DataFixture.error { _ = try TableReader.inferSchema(path: "/nonexistent/x.csv") })
        #expect(missing.kind == .fileNotFound)
        let path = try DataFixture.write("a\n1\n", ext: "xls")
        defer { DataFixture.remove(path) }
        let unknown = try #require(DataFixture.error { _ = try TableReader.inferSchema(path: path) })
        #expect(unknown.kind == .unsupportedFormat("xls"))
        #expect(try TableReader.inferSchema(path: path, format: .csv).columns.count == 1)
    }

    @Test func duplicateAndEmptyColumnNames() throws {
        let dup = try DataFixture.write("age_group,city,Age Group\n1,2,3\n")
        defer { DataFixture.remove(dup) }
        let e1 = try #require(DataFixture.error { _ = try TableReader.inferSchema(path: dup) })
        #expect(e1.kind == .duplicateColumn("Age Group"))
        #expect(e1.column == 16)
        let empty = try DataFixture.write("a,,c\n1,2,3\n")
        defer { DataFixture.remove(empty) }
        let e2 = try #require(DataFixture.error { _ = try TableReader.inferSchema(path: empty) })
        #expect(e2.kind == .emptyColumnName)
        #expect(e2.message == "column 2 has an empty name")
        #expect(e2.column == 3)
    }

    @Test func errorColumnsInTheFirstLineDoNotCountTheBOM() throws {
        let path = try DataFixture.write([0xEF, 0xBB, 0xBF] + Array("by;By\r\nAarhus;1\r\n".utf8))
        defer { DataFixture.remove(path) }
        let error = try #require(DataFixture.error { _ = try TableReader.inferSchema(path: path) })
        #expect(error.kind == .duplicateColumn("By"))
        #expect(error.line == 1)
        #expect(error.column == 4)
        #expect(error.lineText == "by;By")
    }

    @Test func headerNamesAreTrimmedAndUnquoted() throws {
        let path = try DataFixture.write(" city ,\"job \"\"now\"\"\",\"a,b\"\n1,2,3\n")
        defer { DataFixture.remove(path) }
        let schema = try TableReader.inferSchema(path: path)
        #expect(schema.columns.map(\.name) == ["city", "job \"now\"", "a,b"])
    }

    @Test func scanHandsOverOnlyRequestedColumnsInRequestedOrder() throws {
        let path = try DataFixture.write("a,b,c,d\n1,\"x,y\",3,4\n5,6,\"7\"\"\",8\n")
        defer { DataFixture.remove(path) }
        let schema = try TableReader.inferSchema(path: path)
        var sink = DataCollectingSink()
        let summary = try TableReader.scan(schema, columns: [2, 0, 2], into: &sink)
        #expect(sink.rows == [["3", "1", "3"], ["7\"", "5", "7\""]])
        #expect(summary.rows == 2)
        #expect(summary.reachedEnd)
        var none = DataCollectingSink()
        try TableReader.scan(schema, columns: [], into: &none)
        #expect(none.rows == [[], []])
        let bad = try #require(DataFixture.error { var s = DataCollectingSink(); try TableReader.scan(schema, columns: [4], into: &s) })
        #expect(bad.kind == .columnOutOfRange(4))
    }

    @Test func rawRowErrorPointsAtTheFieldInCharacters() throws {
        let path = try DataFixture.write("by;andel\nÅrhus Ø;\"x7\"\n")
        defer { DataFixture.remove(path) }
        let schema = try TableReader.inferSchema(path: path)
        struct FailingSink: RowSink {
            mutating func consume(_ row: borrowing RawRow) throws(DataError) {
                throw row.error(field: 0, .notANumber(column: "andel", text: "x7"),
                                message: "expected a number, found \"x7\"", hint: nil)
            }
        }
        var sink = FailingSink()
        let error = try #require(DataFixture.error { try TableReader.scan(schema, columns: [1], into: &sink) })
        #expect(error.line == 2)
        #expect(error.column == 9)  // "Århus Ø;" is 8 characters (10 bytes); the quote is the 9th
        #expect(error.lineText == "Århus Ø;\"x7\"")
        #expect(error.description == "\(path):2:9: expected a number, found \"x7\"")
    }

    @Test func schemaLookupFoldsCaseSpacesAndUnderscores() throws {
        let path = try DataFixture.write("Age_Group,city,year\n16-29,Aarhus,2024\n")
        defer { DataFixture.remove(path) }
        let schema = try TableReader.inferSchema(path: path)
        #expect(schema.column(named: "age group")?.index == 0)
        #expect(schema.column(named: "AGE_GROUP")?.name == "Age_Group")
        #expect(schema.column(named: "agegroup") == nil)
        #expect(schema.columns[2].type == .integer)
        let retyped = schema.withType(.period, forColumn: "Year")
        #expect(retyped.columns[2].type == .period)
        #expect(retyped.withType(.text, forColumn: 9) == retyped)
    }

    @Test func sampleCollectsDistinctValuesInOrder() throws {
        var text = "city,n\n"
        for i in 0..<300 { text += "c\(i % 250),\(i)\n" }
        text += "Aarhus,1\nAarhus,2\n"
        let path = try DataFixture.write(text)
        defer { DataFixture.remove(path) }
        let schema = try TableReader.inferSchema(path: path)
        let city = try #require(schema.column(named: "city"))
        #expect(city.sampleDistinctValues.count == ColumnSchema.distinctValueLimit)
        #expect(city.sampleDistinctValues.prefix(3) == ["c0", "c1", "c2"])
        #expect(city.sampleDistinctValuesTruncated)
        #expect(schema.sampledRows == 302)
    }

    @Test func sampleStopsAtRowBoundaryForLargeFiles() throws {
        var text = "id,v\n"
        for i in 0..<20_000 { text += "\(i),\(i % 7)\n" }
        let path = try DataFixture.write(text)
        defer { DataFixture.remove(path) }
        let schema = try TableReader.inferSchema(path: path)
        #expect(!schema.sampleCoversWholeFile)
        #expect(schema.sampledRows > 1000 && schema.sampledRows < 20_000)
        var sink = DataCollectingSink()
        try TableReader.scan(schema, columns: [0], into: &sink)
        #expect(sink.rows.count == 20_000)
        #expect(sink.rows.last == ["19999"])
        #expect(sink.lines.last == 20_001)
    }

    // MARK: Chunk boundaries

    @Test(arguments: [64, 65, 71, 100, 128, 333])
    func rowsCrossingChunkBoundariesReadTheSame(chunk: Int) throws {
        var rng = DataSeededGenerator(state: UInt64(chunk))
        var text = "id;text;note\r\n"
        var expected: [[String]] = []
        for i in 0..<400 {
            let length = Int.random(in: 0...90, using: &rng)
            let body = String((0..<length).map { _ in "abcæøå ;\"\n".randomElement(using: &rng) ?? "a" })
            let note = i % 3 == 0 ? "" : "n\(i)"
            let quoted = "\"" + body.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            text += "\(i);\(quoted);\(note)\r\n"
            expected.append(["\(i)", body, note])
        }
        let path = try DataFixture.write(text)
        defer { DataFixture.remove(path) }
        let (schema, sink) = try DataFixture.readAll(path, tuning: DataFixture.tiny(chunk))
        #expect(schema.dialect?.delimiter == UInt8(ascii: ";"))
        #expect(sink.rows == expected)
        // Only the last column requested: everything before it is skipped by the fast tail path.
        var tail = DataCollectingSink()
        try TableReader.scan(schema, columns: [0], part: nil, into: &tail, tuning: DataFixture.tiny(chunk))
        #expect(tail.rows == expected.map { [$0[0]] })
        #expect(tail.lines == sink.lines)
    }

    // MARK: Parallel parts

    @Test func splitPartsCoverEveryRowOnceWithTheirLines() throws {
        var text = "id,city\n"
        for i in 0..<50_000 { text += "\(i),city\(i % 13)\n" }
        let path = try DataFixture.write(text)
        defer { DataFixture.remove(path) }
        let schema = try TableReader.inferSchema(path: path)
        var whole = DataCollectingSink()
        try TableReader.scan(schema, columns: [0, 1], into: &whole)
        let parts = try TableReader.splitPoints(schema, parts: 3)
        #expect(parts.count == 3)
        var rows: [[String]] = []
        var lines: [Int] = []
        for (k, part) in parts.enumerated() {
            var sink = DataCollectingSink()
            let summary = try TableReader.scan(schema, columns: [0, 1], part: part, into: &sink)
            if k + 1 < parts.count { #expect(summary.endOffset == parts[k + 1].byteRange.lowerBound) }
            rows += sink.rows
            lines += sink.lines
        }
        #expect(rows == whole.rows)
        #expect(lines == whole.lines)
    }

    @Test func quotedNewlinesInTheSampleKeepOnePart() throws {
        var text = "id,note\n1,\"a\nb\"\n"
        for i in 0..<50_000 { text += "\(i),x\n" }
        let path = try DataFixture.write(text)
        defer { DataFixture.remove(path) }
        let schema = try TableReader.inferSchema(path: path)
        #expect(try TableReader.splitPoints(schema, parts: 2).count == 1)
    }

    // MARK: Round trip

    /// Writes a random table as CSV (quoting what needs quoting) and reads it back.
    @Test(arguments: 0..<40)
    func csvWriteReadRoundTrips(seed: Int) throws {
        var rng = DataSeededGenerator(state: UInt64(seed) &* 7919 &+ 1)
        let delimiters: [Character] = [",", ";", "\t"]
        let delimiter = delimiters[seed % 3]
        let alphabet: [String] = ["a", "B", "z", "0", "7", " ", "æ", "ø", "å", "Å", "é", "\"", ",", ";", "\t",
                                  "\n", "\r\n", ".", "%", "-", "😀"]
        let columnCount = Int.random(in: 1...6, using: &rng)
        let names = (0..<columnCount).map { "kolonne_\($0)_æ" }
        var table: [[String]] = []
        for _ in 0..<Int.random(in: 0...60, using: &rng) {
            table.append((0..<columnCount).map { _ in
                String((0..<Int.random(in: 0...12, using: &rng)).map { _ in alphabet.randomElement(using: &rng) ?? "a" }
                    .joined())
            })
        }
        let lineEnd = seed % 2 == 0 ? "\n" : "\r\n"
        func quote(_ value: String, always: Bool) -> String {
            let special = value.contains { $0 == delimiter || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            guard special || always else { return value }
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        var text = names.joined(separator: String(delimiter)) + lineEnd
        for row in table {
            // A one-column row holding "" would be a blank line, which readers skip: quote it.
            text += row.map { quote($0, always: columnCount == 1 && $0.isEmpty) }.joined(separator: String(delimiter))
            text += lineEnd
        }
        if seed % 5 == 0, text.hasSuffix(lineEnd), !table.isEmpty { text.removeLast() }  // no final newline
        let path = try DataFixture.write(text)
        defer { DataFixture.remove(path) }
        let schema = TableSchema(
            path: path, format: .csv,
            dialect: CSVDialect(delimiter: UInt8(ascii: delimiter.unicodeScalars.first ?? ","), decimalSeparator: UInt8(ascii: ".")),
            columns: names.enumerated().map { ColumnSchema(name: $0.element, index: $0.offset, type: .text) },
            sampledRows: 0, sampleCoversWholeFile: false)
        let chunk = [64, 80, 1 << 20][seed % 3]
        var sink = DataCollectingSink()
        try TableReader.scan(schema, columns: Array(0..<columnCount), part: nil, into: &sink,
                             tuning: DataFixture.tiny(chunk))
        #expect(sink.rows == table, "seed \(seed)")
        // Lines: each row starts one line after the previous row's last line.
        var line = 2
        var expectedLines: [Int] = []
        for row in table {
            expectedLines.append(line)
            line += 1 + row.reduce(0) { $0 + $1.filter { $0 == "\n" || $0 == "\r\n" }.count }
        }
        #expect(sink.lines == expectedLines, "seed \(seed)")
    }

    /// With every special character quoted, detection must find the delimiter that was used.
    @Test(arguments: 0..<15)
    func detectionFindsTheDelimiterOfRandomTables(seed: Int) throws {
        var rng = DataSeededGenerator(state: UInt64(seed) &+ 99)
        let delimiter: Character = [",", ";", "\t"][seed % 3]
        let alphabet: [Character] = ["a", "ø", "1", ",", ";", "\t", "\"", " ", "\n"]
        let columnCount = Int.random(in: 2...5, using: &rng)
        func cell() -> String {
            let value = String((0..<Int.random(in: 0...8, using: &rng)).map { _ in alphabet.randomElement(using: &rng) ?? "a" })
            let special = value.contains { ",;\t\"\n".contains($0) }
            return special ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
        }
        var text = (0..<columnCount).map { "c\($0)" }.joined(separator: String(delimiter)) + "\n"
        for _ in 0..<30 { text += (0..<columnCount).map { _ in cell() }.joined(separator: String(delimiter)) + "\n" }
        let path = try DataFixture.write(text)
        defer { DataFixture.remove(path) }
        let schema = try TableReader.inferSchema(path: path)
        #expect(schema.dialect?.delimiter == UInt8(ascii: delimiter.unicodeScalars.first ?? ","))
        #expect(schema.columns.count == columnCount)
    }
}
