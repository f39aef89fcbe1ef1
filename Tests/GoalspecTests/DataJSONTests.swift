import Foundation
import Testing

@testable import Goalspec

@Suite("JSON reading")
struct DataJSONTests {
    @Test func readsAnArrayOfObjects() throws {
        let json = """
            [
              {"city": "Aarhus", "share": 0.862, "met": true, "quarter": "2024K3"},
              {"city": "K\\u00f8benhavn", "quarter": "2024K3", "met": false, "share": null},
              {"share": -1.5e2, "city": "Odense", "extra": "x"}
            ]
            """
        let path = try DataFixture.write(json, ext: "json")
        defer { DataFixture.remove(path) }
        let (schema, sink) = try DataFixture.readAll(path)
        #expect(schema.format == .json)
        #expect(schema.dialect == nil)
        #expect(schema.columns.map(\.name) == ["city", "share", "met", "quarter", "extra"])
        #expect(schema.columns.map(\.type) == [.text, .decimal, .bool, .period, .text])
        #expect(sink.rows == [
            ["Aarhus", "0.862", "true", "2024K3", ""],
            ["København", "", "false", "2024K3", ""],
            ["Odense", "-1.5e2", "", "", "x"],
        ])
        #expect(sink.lines == [2, 3, 4])
        #expect(schema.sampledRows == 3)
        #expect(schema.sampleCoversWholeFile)
    }

    @Test func readsNDJSONWithBlankLinesAndCRLF() throws {
        let text = "{\"a\": 1, \"b\": \"x\"}\r\n\r\n{\"b\": \"y\", \"a\": 2}\n{\"a\": 3}"
        let path = try DataFixture.write(text, ext: "ndjson")
        defer { DataFixture.remove(path) }
        let (schema, sink) = try DataFixture.readAll(path)
        #expect(schema.format == .ndjson)
        #expect(schema.columns.map(\.name) == ["a", "b"])
        #expect(schema.columns.map(\.type) == [.integer, .text])
        #expect(sink.rows == [["1", "x"], ["2", "y"], ["3", ""]])
        #expect(sink.lines == [1, 3, 4])
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let path = try DataFixture.write([0xEF, 0xBB, 0xBF] + Array("{\"by\": \"Århus\"}\n".utf8), ext: "ndjson")
        defer { DataFixture.remove(path) }
        let (schema, sink) = try DataFixture.readAll(path)
        #expect(schema.columns.map(\.name) == ["by"])
        #expect(sink.rows == [["Århus"]])
    }

    @Test func jsonlExtensionAndOneLineArray() throws {
        let path = try DataFixture.write("{\"k\":\"v1\"}\n{\"k\":\"v2\"}\n", ext: "jsonl")
        defer { DataFixture.remove(path) }
        #expect(try DataFixture.readAll(path).sink.rows == [["v1"], ["v2"]])
        let one = try DataFixture.write("[{\"k\":1},{\"k\":2},{\"k\":3}]", ext: "json")
        defer { DataFixture.remove(one) }
        let (_, sink) = try DataFixture.readAll(one)
        #expect(sink.rows == [["1"], ["2"], ["3"]])
        #expect(sink.lines == [1, 1, 1])
    }

    @Test func unescapesStringsIncludingSurrogatePairs() throws {
        let json = #"[{"s": "q\"b\\s\/n\nt\tu\u00e6\u00C5 \ud83d\ude00 lone \ud800!", "\u006b": "key"}]"#
        let path = try DataFixture.write(json, ext: "json")
        defer { DataFixture.remove(path) }
        let (schema, sink) = try DataFixture.readAll(path)
        #expect(schema.columns.map(\.name) == ["s", "k"])
        #expect(sink.rows == [["q\"b\\s/n\nt\tuæÅ 😀 lone \u{FFFD}!", "key"]])
    }

    @Test func nestedValueIsALocatedError() throws {
        let json = "[\n  {\"a\": 1},\n  {\"a\": 2, \"b\": {\"c\": 3}}\n]"
        let path = try DataFixture.write(json, ext: "json")
        defer { DataFixture.remove(path) }
        let error = try #require(DataFixture.error { _ = try DataFixture.readAll(path) })
        #expect(error.kind == .nestedJSONValue("b"))
        #expect(error.line == 3)
        #expect(error.column == 17)
        #expect(error.lineText == "  {\"a\": 2, \"b\": {\"c\": 3}}")
        #expect(error.message.hasPrefix("value of \"b\" is an object"))
    }

    @Test func nestedArrayInNDJSONIsAnError() throws {
        let path = try DataFixture.write("{\"a\": 1}\n{\"a\": [1, 2]}\n", ext: "ndjson")
        defer { DataFixture.remove(path) }
        let error = try #require(DataFixture.error { _ = try DataFixture.readAll(path) })
        #expect(error.kind == .nestedJSONValue("a"))
        #expect(error.line == 2)
        #expect(error.column == 7)
    }

    @Test(arguments: [
        ("[{\"a\": 1} {\"a\": 2}]", 1, "expected ',' or ']' after an object"),
        ("[{\"a\": 1,}]", 1, "expected a string key"),
        ("[{\"a\" 1}]", 1, "expected ':' after a key"),
        ("[{\"a\": 01}]", 1, "malformed number"),
        ("[{\"a\": tru}]", 1, "invalid literal"),
        ("[{\"a\": 1}", 1, "unexpected end of file, expected ']'"),
        ("[{\"a\": 1}]\n[", 2, "unexpected text after the closing ']'"),
        ("{\"a\": \"x\n\"}", 1, "control character in string; write it as an escape such as \\n"),
        ("[{\"a\": \"open}]", 1, "unterminated string"),
        ("\n\n  42", 3, "expected '[' or '{' at the start of the file"),
        ("[1, 2]", 1, "expected an object"),
    ])
    func malformedJSONIsALocatedError(text: String, line: Int, message: String) throws {
        let path = try DataFixture.write(text, ext: "json")
        defer { DataFixture.remove(path) }
        let error = try #require(DataFixture.error { _ = try DataFixture.readAll(path) })
        #expect(error.message == message)
        #expect(error.line == line)
        #expect(error.column > 0)
        if case .invalidJSON = error.kind {} else { Issue.record("kind \(error.kind)") }
    }

    @Test func emptyArrayHasNoColumns() throws {
        let path = try DataFixture.write("[ ]\n", ext: "json")
        defer { DataFixture.remove(path) }
        let (schema, sink) = try DataFixture.readAll(path)
        #expect(schema.columns.isEmpty)
        #expect(schema.sampledRows == 0)
        #expect(sink.rows.isEmpty)
        let blank = try DataFixture.write("  \n", ext: "json")
        defer { DataFixture.remove(blank) }
        #expect(DataFixture.error { _ = try DataFixture.readAll(blank) }?.kind == .emptyFile)
    }

    @Test func keysClashingAfterFoldingAreDuplicates() throws {
        let path = try DataFixture.write("[{\"age_group\": 1, \"Age Group\": 2}]", ext: "json")
        defer { DataFixture.remove(path) }
        let error = try #require(DataFixture.error { _ = try TableReader.inferSchema(path: path) })
        #expect(error.kind == .duplicateColumn("Age Group"))
        #expect(error.column == 19)
    }

    @Test func scanRequestsASubsetAndIgnoresUnknownKeys() throws {
        let path = try DataFixture.write("{\"a\":1,\"b\":2,\"c\":3}\n{\"c\":6,\"a\":4}\n{\"z\":0,\"b\":8}\n", ext: "ndjson")
        defer { DataFixture.remove(path) }
        let schema = try TableReader.inferSchema(path: path)
        var sink = DataCollectingSink()
        let summary = try TableReader.scan(schema, columns: [2, 0], into: &sink)
        #expect(sink.rows == [["3", "1"], ["6", "4"], ["", ""]])
        #expect(summary.rows == 3)
        #expect(try TableReader.splitPoints(schema, parts: 2).count == 1)
    }

    @Test func rawRowErrorPointsAtTheValue() throws {
        let path = try DataFixture.write("[{\"by\": \"Århus\", \"n\": \"x7\"}]", ext: "json")
        defer { DataFixture.remove(path) }
        let schema = try TableReader.inferSchema(path: path)
        struct FailingSink: RowSink {
            mutating func consume(_ row: borrowing RawRow) throws(DataError) {
                throw row.error(field: 0, .notANumber(column: "n", text: "x7"), message: "expected a number", hint: nil)
            }
        }
        var sink = FailingSink()
        let error = try #require(DataFixture.error { try TableReader.scan(schema, columns: [1], into: &sink) })
        #expect(error.line == 1)
        #expect(error.column == 23)
    }

    @Test(arguments: [64, 70, 101, 257])
    func objectsCrossingChunkBoundariesReadTheSame(chunk: Int) throws {
        var rng = DataSeededGenerator(state: UInt64(chunk) &* 31)
        var objects: [[String: Any]] = []
        var expected: [[String]] = []
        for i in 0..<200 {
            let text = String((0..<Int.random(in: 0...40, using: &rng)).map { _ in
                "abæøå \"\\\n\t/😀".randomElement(using: &rng) ?? "a"
            })
            var object: [String: Any] = ["id": i, "text": text]
            if i % 4 == 0 { object["flag"] = i % 8 == 0 }
            objects.append(object)
            expected.append(["\(i)", text, i % 4 == 0 ? (i % 8 == 0 ? "true" : "false") : ""])
        }
        let data = try JSONSerialization.data(withJSONObject: objects, options: [.sortedKeys, .prettyPrinted])
        let path = try DataFixture.write([UInt8](data), ext: "json")
        defer { DataFixture.remove(path) }
        let tuning = DataFixture.tiny(chunk)
        let schema = try TableReader.inferSchema(path: path, format: nil, tuning: tuning)
        #expect(Set(schema.columns.map(\.name)) == ["id", "text", "flag"])
        let columns = ["id", "text", "flag"].compactMap { schema.column(named: $0)?.index }
        var sink = DataCollectingSink()
        try TableReader.scan(schema, columns: columns, part: nil, into: &sink, tuning: tuning)
        #expect(sink.rows == expected)
    }
}
