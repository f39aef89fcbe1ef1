import Foundation
import Testing
@testable import Goalspec

/// Files as Danish municipalities get them: Excel's "CSV (semikolonsepareret)" in Windows-1252,
/// rows ending in a delimiter, `Ja`/`Nej` booleans and Statistics Denmark's `..` for a value
/// that is suppressed.
@Suite("Danish data files")
struct DanishDataTests {
    // MARK: Fixtures

    /// `text` in Windows-1252 (every character must have a Windows-1252 byte).
    static func cp1252(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        for scalar in text.unicodeScalars {
            if scalar.value < 0x80 || (0xA0...0xFF).contains(scalar.value) {
                out.append(UInt8(scalar.value))
            } else if let b = (0x80...0x9F).first(where: { TextEncoding.windows1252Scalar(UInt8($0)) == scalar.value }) {
                out.append(UInt8(b))
            } else {
                Issue.record("\(scalar) has no Windows-1252 byte")
            }
        }
        return out
    }

    /// Runs `spec` (as spec.goal) next to data files given as bytes.
    static func run(_ spec: String, files: [String: [UInt8]],
                    options: Runner.Options = Runner.Options()) throws -> Runner.Run {
        let dir = try TempDir(["spec.goal": spec])
        for (name, bytes) in files { try Data(bytes).write(to: dir.url.appendingPathComponent(name)) }
        return Runner.run(files: [dir.path("spec.goal")], options: options)
    }

    /// Every row of a file as strings, read with `tuning`.
    static func rows(_ bytes: [UInt8], ext: String = "csv", encoding: TextEncoding? = nil,
                     tuning: DataReadTuning = .default) throws -> (TableSchema, [[String]]) {
        let path = try DataFixture.write(bytes, ext: ext)
        defer { DataFixture.remove(path) }
        let schema = try TableReader.inferSchema(path: path, format: nil, encoding: encoding, tuning: tuning)
        var sink = DataCollectingSink()
        try TableReader.scan(schema, columns: Array(schema.columns.indices), part: nil, into: &sink, tuning: tuning)
        return (schema, sink.rows)
    }

    // MARK: 1. Windows-1252

    @Test("the encoding is decided from the whole sample", arguments: [
        // (bytes, whole file, expected)
        (Array("by;n\nAarhus;1\n".utf8), true, TextEncoding.utf8),
        (Array("by;n\nÅrhus;1\n".utf8), true, .utf8),
        ([0xEF, 0xBB, 0xBF] + Array("by;n\nAarhus;1\n".utf8), true, .utf8),
        // A BOM says UTF-8 even when the bytes after it are not.
        ([0xEF, 0xBB, 0xBF] + cp1252("by;n\nÅrhus;1\n"), true, .utf8),
        (cp1252("by;n\nÅrhus;1\nKøbenhavn;2\n"), true, .windows1252),
        (cp1252("æøåÆØÅ € ‚ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ"), true, .windows1252),
        // 81, 8D, 8F, 90 and 9D are not Windows-1252.
        (cp1252("Århus") + [0x81], true, .utf8),
        (cp1252("Århus") + [0x8D], true, .utf8),
        (cp1252("Århus") + [0x8F], true, .utf8),
        (cp1252("Århus") + [0x90], true, .utf8),
        (cp1252("Århus") + [0x9D], true, .utf8),
        // UTF-8 and Windows-1252 mixed: read as UTF-8, so the reader reports the bad byte.
        (Array("Århus\n".utf8) + cp1252("København\n"), true, .utf8),
        // A UTF-8 character cut by the end of the sample is not evidence of Windows-1252.
        (Array("by\nÅ".utf8).dropLast(), false, .utf8),
        (Array("by\nÅ".utf8).dropLast(), true, .windows1252),
    ])
    func detection(bytes: [UInt8], wholeFile: Bool, expected: TextEncoding) {
        let got = bytes.withUnsafeBytes { TextEncoding.detect(sample: $0, wholeFile: wholeFile) }
        #expect(got == expected)
    }

    @Test("encoding names", arguments: [
        ("utf-8", TextEncoding.utf8), ("UTF8", .utf8), ("windows-1252", .windows1252), ("Windows_1252", .windows1252),
        ("cp1252", .windows1252), ("latin-1", .windows1252), ("latin1", .windows1252), ("ISO-8859-1", .windows1252),
    ])
    func names(name: String, expected: TextEncoding) {
        #expect(TextEncoding(name: name) == expected)
    }

    @Test("unknown encoding names", arguments: ["utf-16", "ascii", "ebcdic", "", "windows-1250"])
    func unknownNames(name: String) {
        #expect(TextEncoding(name: name) == nil)
    }

    @Test("every Windows-1252 byte transcodes to the character Foundation gives it")
    func transcodingTable() throws {
        for b in 0...255 where TextEncoding.definedInWindows1252(UInt8(b)) {
            let expected = try #require(String(data: Data([UInt8(b)]), encoding: .windowsCP1252), "byte \(b)")
            var out = [UInt8](repeating: 0, count: 3)
            let input = [UInt8(b)]
            let n = out.withUnsafeMutableBufferPointer { o in
                input.withUnsafeBufferPointer { i in
                    guard let from = i.baseAddress, let to = o.baseAddress else { return 0 }
                    return TextEncoding.transcodeWindows1252(from, 0, 1, to: to)
                }
            }
            #expect(String(decoding: out[0..<n], as: UTF8.self) == expected, "byte \(b)")
            #expect(TextEncoding.windows1252.decode([UInt8(b)]) == expected, "byte \(b)")
        }
        #expect((0...255).filter { !TextEncoding.definedInWindows1252(UInt8($0)) } == [0x81, 0x8D, 0x8F, 0x90, 0x9D])
    }

    @Test("a Windows-1252 file reads as UTF-8 text, across every buffer size", arguments: [1 << 20, 64, 71, 97])
    func windows1252File(chunk: Int) throws {
        let text = "kommune;område;beløb;note\r\nÅrhus;Ældre;12,5;\"Æbler \"\"og\"\" øl\"\r\nKøbenhavn;Børn;7;€ 5 – ok\r\n"
            + "Aarhus;Skole;1;x\r\n"
        let (schema, rows) = try Self.rows(Self.cp1252(text), tuning: DataFixture.tiny(chunk))
        #expect(schema.dialect?.encoding == .windows1252)
        #expect(schema.columns.map(\.name) == ["kommune", "område", "beløb", "note"])
        #expect(schema.columns[0].sampleDistinctValues == ["Århus", "København", "Aarhus"])
        #expect(schema.columns[2].type == .decimal)
        #expect(rows == [["Århus", "Ældre", "12,5", "Æbler \"og\" øl"], ["København", "Børn", "7", "€ 5 – ok"],
                         ["Aarhus", "Skole", "1", "x"]])
    }

    @Test("errors in a Windows-1252 file quote the line and count columns in characters")
    func windows1252Errors() throws {
        let bytes = Self.cp1252("by;n\nÅrhus;1\nKøbenhavn;2;3\n")
        let error = try #require(DataFixture.error { _ = try DanishDataTests.rows(bytes) })
        #expect(error.kind == .raggedRow(expected: 2, found: 3))
        #expect(error.line == 3)
        #expect(error.column == 13)
        #expect(error.lineText == "København;2;3")
    }

    @Test("an encoding line forces the encoding", arguments: [
        (TextEncoding.windows1252, ["Ã…rhus"]),  // the UTF-8 bytes of Å read as Windows-1252
        (TextEncoding.utf8, ["Århus"]),
    ])
    func forced(encoding: TextEncoding, values: [String]) throws {
        let (schema, rows) = try Self.rows(Array("by\nÅrhus\n".utf8), encoding: encoding)
        #expect(schema.dialect?.encoding == encoding)
        #expect(rows.map { $0[0] } == values)
    }

    @Test("an encoding line applies to CSV and TSV only")
    func forcedOnJSON() throws {
        let path = try DataFixture.write("[{\"a\": 1}]", ext: "json")
        defer { DataFixture.remove(path) }
        let error = try #require(DataFixture.error { _ = try TableReader.inferSchema(path: path, encoding: .utf8) })
        #expect(error.kind == .unsupportedFormat("json"))
        #expect(try TableReader.inferSchema(path: path).columns.count == 1)
    }

    /// Excel's "CSV (semikolonsepareret)" of a Danish sheet: Windows-1252, `;`, decimal comma, CRLF.
    static let excelSheet = cp1252("""
        kommune;kvartal;borgere;i job;note\r
        Århus;2024K3;1000;862;Øst\r
        København;2024K3;2000;1698;Nørrebro\r
        Ærø;2024K3;10;8;Ø\r
        Aalborg;2024K3;500;400;Vest\r

        """)

    static let excelSpec = """
        data beskæftigelse from "job.csv"
          entity kommune
          time kvartal
        group øer = kommune in ["Ærø", "Fanø"]
        target århus "Århus"
          for kommune = "Århus"
          sum(i job) / sum(borgere) >= 0.86
        target køb "København"
          count(kommune == "København" and note == "Nørrebro") == 1
        target delt "per kommune"
          by kommune
          count() == 1
        target ø "øerne"
          for kommune = "Ærø"
          sum(i job) == 8

        """

    @Test("end to end: a Windows-1252 spreadsheet export needs no options")
    func endToEndWindows1252() throws {
        let run = try Self.run(Self.excelSpec, files: ["job.csv": Self.excelSheet])
        #expect(!run.hasErrors, "\(renderedDiagnostics(run))")
        let results = targets(run)
        #expect(results["århus"]?.verdict == .met)
        #expect(results["køb"]?.verdict == .met)
        #expect(results["ø"]?.verdict == .met)
        let parts = results["delt"]?.parts.map { $0.key.map(\.value).joined() }.sorted()
        #expect(parts == ["Aalborg", "København", "Århus", "Ærø"].sorted())
        // A typo in a group value is found against the transcoded values.
        let typo = try Self.run(Self.excelSpec.replacingOccurrences(of: "for kommune = \"Ærø\"", with: "for kommune = \"Æro\""),
                                files: ["job.csv": Self.excelSheet])
        #expect(renderedDiagnostics(typo).contains("hint: did you mean 'Ærø'?"), "\(renderedDiagnostics(typo))")
    }

    @Test("end to end: a data error in a Windows-1252 file quotes its text as UTF-8")
    func endToEndWindows1252Error() throws {
        // Past the 64 KiB sample, so the column is numeric and the value an error at its field.
        var bytes = Self.excelSheet
        for _ in 0..<5_000 { bytes += Self.cp1252("Ærø;2024K3;10;8;Ø\r\n") }
        bytes += Self.cp1252("Ålborg;2024K3;én;1;Nord\r\n")
        let run = try Self.run(Self.excelSpec, files: ["job.csv": bytes])
        let text = renderedDiagnostics(run)
        #expect(text.contains("job.csv:5006:15: error[GS0503]: 'én' in column 'borgere' is not a number"), "\(text)")
        #expect(text.contains(" | Ålborg;2024K3;én;1;Nord\n"), "\(text)")
    }

    @Test("end to end: a Windows-1252 file scanned in parallel parts gives the sequential result")
    func parallelWindows1252() throws {
        var bytes = Self.cp1252("kommune;n\r\n")
        for i in 0..<20_000 { bytes += Self.cp1252(["Århus", "Ærø", "Aarhus", "Køge"][i % 4] + ";\(i % 7)\r\n") }
        let spec = "data d from \"d.csv\"\ntarget t \"t\"\n  by kommune\n  sum(n) >= 0\ntarget å \"å\"\n  for kommune = \"Århus\"\n  count() == 5000\n"
        var options = Runner.Options()
        options.cores = 4
        options.parallelThreshold = 1
        let parallel = try Self.run(spec, files: ["d.csv": bytes], options: options)
        options.cores = 1
        let sequential = try Self.run(spec, files: ["d.csv": bytes], options: options)
        #expect(!parallel.hasErrors, "\(renderedDiagnostics(parallel))")
        #expect(targets(parallel)["å"]?.verdict == .met)
        func figures(_ run: Runner.Run) -> [String] {
            (targets(run)["t"]?.parts ?? []).map { p in p.key.map(\.value).joined() + "=" + (p.explanation.measures.first?.value?.description ?? "-") }.sorted()
        }
        #expect(figures(parallel) == figures(sequential))
        #expect(figures(parallel).count == 4)
    }

    /// 70 000 ASCII rows, then one in Windows-1252: past the 64 KiB the encoding is decided from.
    static let lateWindows1252: [UInt8] = {
        var bytes = Array("kommune;n\n".utf8)
        for i in 0..<70_000 { bytes += Array("Aarhus;\(i % 10)\n".utf8) }
        return bytes + cp1252("Århus;5\n")
    }()

    @Test("end to end: a file read as UTF-8 with other bytes past the sample is an error at the field, unless forced")
    func endToEndLateBytes() throws {
        let spec = """
            data d from "d.csv"
            ENCODING
            target t "per kommune"
              by kommune
              count() >= 1

            """
        let detected = try Self.run(spec.replacingOccurrences(of: "ENCODING\n", with: ""), files: ["d.csv": Self.lateWindows1252])
        let text = renderedDiagnostics(detected)
        #expect(detected.diagnostics.map(\.code) == [.malformedData], "\(text)")
        #expect(text.contains("d.csv:70002:1: error[GS0502]: value is not valid UTF-8"), "\(text)")
        #expect(text.contains("encoding \"windows-1252\""), "\(text)")

        let forced = try Self.run(spec.replacingOccurrences(of: "ENCODING", with: "  encoding \"windows-1252\""),
                                  files: ["d.csv": Self.lateWindows1252])
        #expect(!forced.hasErrors, "\(renderedDiagnostics(forced))")
        let parts = targets(forced)["t"]?.parts.map { $0.key.map(\.value).joined() }.sorted()
        #expect(parts == ["Aarhus", "Århus"])
    }

    @Test("the encoding line: unknown names, duplicates and non-CSV data are errors", arguments: [
        ("  encoding \"utf-16\"\n", "d.csv", DiagnosticCode.unsupportedFormat, "unknown encoding \"utf-16\"",
         "the encodings are \"utf-8\", \"windows-1252\", \"cp1252\", \"latin-1\" and \"iso-8859-1\""),
        ("  encoding \"utf-8\"\n  encoding \"cp1252\"\n", "d.csv", DiagnosticCode.duplicateClause,
         "'encoding' is given twice for data d", ""),
        ("  encoding \"windows-1252\"\n", "d.json", DiagnosticCode.unsupportedFormat,
         "'encoding \"windows-1252\"' applies to .csv and .tsv files, and this is a .json file",
         "remove the encoding line: JSON files are always UTF-8"),
    ])
    func encodingLineErrors(lines: String, file: String, code: DiagnosticCode, message: String, hint: String) throws {
        let spec = "data d from \"\(file)\"\n\(lines)target t \"t\"\n  count() >= 1\n"
        let run = try Self.run(spec, files: ["d.csv": Array("a\n1\n".utf8), "d.json": Array("[{\"a\": 1}]".utf8)])
        let diagnostic = try #require(run.diagnostics.first, "\(renderedDiagnostics(run))")
        #expect(run.diagnostics.count == 1, "\(renderedDiagnostics(run))")
        #expect(diagnostic.code == code)
        #expect(diagnostic.message == message)
        if !hint.isEmpty { #expect(diagnostic.hint == hint) }
    }

    @Test("an encoding line formats and parses back", arguments: ["windows-1252", "utf-8", "latin-1"])
    func encodingFormats(name: String) throws {
        let source = "data t from \"budget.csv\"\n  encoding \"\(name)\"\n  time år\n"
        #expect(formatted(source) == source)
    }

    // MARK: 2. Trailing delimiters

    @Test("a delimiter at the end of the header, of every data row, or both, is accepted", arguments: [
        // Header and rows end with it: the header's last field is an unnamed column, not read.
        ("a;b;\n1;2;\n3;4;\n", [["1", "2"], ["3", "4"]], false),
        ("a;b;\r\n1;2;\r\n3;4;\r\n", [["1", "2"], ["3", "4"]], false),
        // Rows of the unnamed column may be short, and what it holds is not read.
        ("a;b;\n1;2\n3;4;9\n", [["1", "2"], ["3", "4"]], false),
        ("a;b;;\n1;2;;\n3;4\n", [["1", "2"], ["3", "4"]], false),
        // Only the data rows end with it: one empty field more than the header, on every row.
        ("a;b\n1;2;\n3;4;\n", [["1", "2"], ["3", "4"]], true),
        ("a;b\r\n1;2;\r\n3;\"4\";\r\n", [["1", "2"], ["3", "4"]], true),
        ("a;b\n1;;\n;4;\n", [["1", ""], ["", "4"]], true),
        ("a\tb\n1\t2\t\n3\t4\t", [["1", "2"], ["3", "4"]], true),
        ("a,b\n1,2,\n3,4,\n", [["1", "2"], ["3", "4"]], true),
        // Without a newline at the end.
        ("a;b\n1;2;\n3;4;", [["1", "2"], ["3", "4"]], true),
    ])
    func trailingDelimiterAccepted(text: String, rows: [[String]], trailing: Bool) throws {
        for chunk in [1 << 20, 64, 67] {
            let (schema, read) = try Self.rows(Array(text.utf8), ext: text.contains("\t") ? "tsv" : "csv",
                                               tuning: DataFixture.tiny(chunk))
            #expect(schema.columns.map(\.name) == ["a", "b"])
            #expect(schema.dialect?.trailingDelimiter == trailing)
            #expect(read == rows, "chunk \(chunk)")
        }
    }

    @Test("other ragged rows stay errors", arguments: [
        // The first row decides that rows end with an extra delimiter; a later one without it.
        ("a;b\n1;2;\n3;4\n", 3, 4, "row has 2 fields, header has 2 (and the other rows end with an extra semicolon)",
         "the other rows end with an extra semicolon, and this row does not"),
        // ... or with a value in the extra field.
        ("a;b\n1;2;\n3;4;5\n", 3, 5, "row has 3 fields, header has 2 (and the other rows end with an extra semicolon)",
         "the other rows end with an extra semicolon, and this row's last field is not empty; a value containing semicolon must be enclosed in double quotes"),
        ("a;b\n1;2;\n3;4;;\n", 3, 6, "row has 4 fields, header has 2 (and the other rows end with an extra semicolon)",
         "the row ends with an extra semicolon"),
        // The first row does not end with it: a later one that does is ragged, as before.
        ("a;b\n1;2\n3;4;\n", 3, 5, "row has 3 fields, header has 2", "the row ends with an extra semicolon"),
        // A value where the extra field would be is not a trailing delimiter.
        ("a;b\n1;2;x\n", 2, 5, "row has 3 fields, header has 2", "a value containing semicolon must be enclosed in double quotes"),
        // A header ending with the delimiter allows that many fields, no more.
        ("a;b;\n1;2;;\n", 2, 6, "row has 4 fields, header has 3", "the row ends with an extra semicolon"),
        ("a;b;\n1\n", 2, 2, "row has 1 field, header has 3", "every row needs one value per header column; leave a missing value empty"),
    ])
    func trailingDelimiterRagged(text: String, line: Int, column: Int, message: String, hint: String) throws {
        for chunk in [1 << 20, 64] {
            let error = try #require(DataFixture.error { _ = try DanishDataTests.rows(Array(text.utf8), tuning: DataFixture.tiny(chunk)) })
            #expect(error.line == line)
            #expect(error.column == column)
            #expect(error.message == message)
            #expect(error.hint == hint)
        }
    }

    @Test("an empty name before the end of the header is still an error", arguments: ["a;;b\n1;2;3\n", ";\n1;\n", "\n;a\n1;2\n"])
    func emptyNamesInside(text: String) throws {
        let error = try #require(DataFixture.error { _ = try DanishDataTests.rows(Array(text.utf8)) })
        #expect(error.kind == .emptyColumnName)
    }

    @Test("end to end: an Excel export with trailing semicolons, in one pass and in parallel parts", arguments: [true, false])
    func endToEndTrailingDelimiter(headerToo: Bool) throws {
        var bytes = Self.cp1252("kommune;kvartal;borgere;i job" + (headerToo ? ";" : "") + "\r\n")
        for i in 0..<12_000 {
            bytes += Self.cp1252(["Århus", "Ærø", "Køge"][i % 3] + ";2024K3;\(10 + i % 5);\(i % 5);\r\n")
        }
        let spec = """
            data d from "d.csv"
              entity kommune
              time kvartal
            target århus "Århus"
              for kommune = "Århus"
              sum(i job) == 8000
            target alle "alle"
              sum(borgere) == 144000

            """
        for cores in [1, 4] {
            var options = Runner.Options()
            options.cores = cores
            options.parallelThreshold = 1
            let run = try Self.run(spec, files: ["d.csv": bytes], options: options)
            #expect(!run.hasErrors, "\(renderedDiagnostics(run))")
            #expect(targets(run)["århus"]?.verdict == .met, "cores \(cores)")
            #expect(targets(run)["alle"]?.verdict == .met, "cores \(cores)")
        }
    }

    // MARK: 3. Booleans

    @Test("Danish booleans", arguments: [
        ("Ja", true), ("ja", true), ("JA", true), ("Nej", false), ("nej", false), ("NEJ", false),
        ("Sand", true), ("sand", true), ("SAND", true), ("Falsk", false), ("falsk", false), ("FALSK", false),
        (" Ja ", true), ("nej ", false), ("true", true), ("False", false), ("1", true), ("0", false),
    ])
    func danishBooleans(text: String, value: Bool) {
        let got = Array(text.utf8).withUnsafeBytes { FieldDecoding.bool($0) }
        #expect(got == value)
    }

    @Test("not booleans", arguments: ["jA", "nEj", "sAnd", "FAlsk", "j", "n", "jaa", "nej!", "yes", "no", "måske", "Nej tak"])
    func notBooleans(text: String) {
        #expect(Array(text.utf8).withUnsafeBytes { FieldDecoding.bool($0) } == nil)
    }

    @Test("a column of Danish booleans is inferred as bool", arguments: [
        ("Ja\nNej\n\nja\n", ColumnType.bool), ("Sand\nFalsk\n", .bool), ("JA\n0\n1\ntrue\n", .bool),
        ("Ja\nMåske\n", .text), ("ja\n2\n", .text),
    ])
    func inference(values: String, type: ColumnType) throws {
        let (schema, _) = try Self.rows(Array(("svar\n" + values).utf8))
        #expect(schema.columns[0].type == type)
    }

    static let answers = """
        kommune;i job;svar
        Århus;Ja;ja
        Århus;Nej;Nej
        Århus;JA;
        Odense;nej;Sand
        Odense;Ja;falsk

        """

    @Test("end to end: Ja/Nej columns are conditions, and compare with true, 1 or their own words")
    func endToEndBooleans() throws {
        let spec = """
            data d from "d.csv"
            target andel "andel i job"
              for kommune = "Århus"
              share(i job) >= 2/3
            target ja "svar Ja"
              count(svar == "Ja") == 2
            target ja2 "svar true"
              count(svar == true) == 2
            target nej "svar Nej"
              count(svar != "nej") == 2
            target liste "svar i liste"
              count(svar in ["JA", "1"]) == 2
            target ikke "not"
              count(not i job) == 2
            target alle "atLeast"
              atLeast 60% i job

            """
        let run = try Self.run(spec, files: ["d.csv": Array(Self.answers.utf8)])
        #expect(!run.hasErrors, "\(renderedDiagnostics(run))")
        for (id, t) in targets(run) { #expect(t.verdict == .met, "\(id): \(t.verdict)") }
        // Text that is no Bool is still a type error.
        let bad = try Self.run("data d from \"d.csv\"\ntarget t \"t\"\n  count(svar == \"Måske\") >= 0\n",
                               files: ["d.csv": Array(Self.answers.utf8)])
        #expect(bad.diagnostics.map(\.code) == [.comparisonMismatch], "\(renderedDiagnostics(bad))")
    }

    @Test("end to end: a later value that is no Bool is an error naming the spellings")
    func endToEndBooleanError() throws {
        var text = "svar\n"
        for i in 0..<20_000 { text += i % 2 == 0 ? "Ja\n" : "Nej\n" }
        text += "Måske\n"
        let run = try Self.run("data d from \"d.csv\"\ntarget t \"t\"\n  share(svar) >= 50%\n", files: ["d.csv": Array(text.utf8)])
        let rendered = renderedDiagnostics(run)
        #expect(rendered.contains("d.csv:20002:1: error[GS0503]: 'Måske' in column 'svar' is not a true/false value (0/1, true/false, ja/nej or sand/falsk)"),
                "\(rendered)")
    }

    // MARK: 4. `..`: a suppressed value

    @Test("`..` is a missing value in every format", arguments: [
        ("csv", "a;b\n7;..\n..;2\n\"..\";3\n"),
        ("tsv", "a\tb\n7\t..\n..\t2\n\"..\"\t3\n"),
        ("json", "[{\"a\": \"7\", \"b\": \"..\"}, {\"a\": \"..\", \"b\": 2}, {\"a\": \"..\", \"b\": 3}]"),
        ("ndjson", "{\"a\": 7, \"b\": \"..\"}\n{\"a\": \"..\", \"b\": 2}\n{\"a\": \"..\", \"b\": 3}\n"),
    ])
    func suppressedIsMissing(ext: String, text: String) throws {
        let (schema, rows) = try Self.rows(Array(text.utf8), ext: ext)
        #expect(rows == [["7", ""], ["", "2"], ["", "3"]])
        #expect(schema.columns.map(\.type) == [.integer, .integer])
        #expect(schema.columns[0].sampleDistinctValues == ["7"])
    }

    @Test("a column with `..` keeps the type of its other values", arguments: [
        ("12\n..\n7\n", ColumnType.integer), ("1,5\n..\n2\n", .decimal), ("86,2 %\n..\n", .percent),
        ("Ja\n..\nNej\n", .bool), ("2024K3\n..\n2024K4\n", .period), ("..\n..\n", .text), ("Århus\n..\n", .text),
    ])
    func suppressedInInference(values: String, type: ColumnType) throws {
        let (schema, _) = try Self.rows(Array(("x;y\n" + values.split(separator: "\n").map { "\($0);1" }.joined(separator: "\n") + "\n").utf8))
        #expect(schema.columns[0].type == type)
        #expect(!schema.columns[0].sampleDistinctValues.contains(".."))
    }

    @Test("only `..` exactly is missing: `.`, `-`, `...` and padded `..` are values", arguments: [".", "-", "...", " ..", ".. ", "..."])
    func otherMarksAreValues(mark: String) throws {
        let (schema, rows) = try Self.rows(Array("x;y\n12;1\n\(mark);2\n".utf8))
        #expect(schema.columns[0].type == .text)
        #expect(rows[1][0] == mark)
    }

    /// A StatBank-style table: `..` where a figure is suppressed.
    static let statbank = """
        OMRÅDE;TID;KØN;INDHOLD;ANDEL;JOB
        Århus;2024K3;M;120;50,0 %;1
        Århus;2024K3;K;..;..;..
        Århus;2024K3;..;80;25,0 %;0
        Odense;2024K3;M;..;45,0 %;1
        Odense;2024K3;K;60;..;0
        Odense;2024K2;K;1000;10,0 %;1

        """

    @Test("end to end: `..` is left out like an empty field on every path of the engine")
    func endToEndSuppressed() throws {
        let spec = """
            data d from "d.csv"
              entity OMRÅDE
              time TID
            target sum "sum (fast path)"
              for OMRÅDE = "Århus"
              sum(INDHOLD) == 200
            target mean "mean of a percent column (the 2024K2 row is outside the period)"
              mean(ANDEL) == 40%
            target median "median (kept values)"
              median(INDHOLD) == 80
            target cnt "count() counts the rows"
              count() == 5
            target cmp "a comparison with .. is unknown"
              count(INDHOLD > 70) == 2
            target cmp2 "and its negation too"
              count(not (INDHOLD > 70)) == 1
            target arith "arithmetic with .. is unknown"
              count(INDHOLD * 2 > 100) == 3
            target flag "a Bool column"
              count(JOB) == 2
            target parts "a by column: .. is the empty part"
              by KØN
              count() >= 1
            target text "a text comparison with .. is unknown"
              count(KØN != "M") == 2

            """
        let run = try Self.run(spec, files: ["d.csv": Self.cp1252(Self.statbank)])
        #expect(!run.hasErrors, "\(renderedDiagnostics(run))")
        let results = targets(run)
        for (id, t) in results { #expect(t.verdict == .met, "\(id): \(t.verdict) \(t.explanation)") }
        #expect(results["parts"]?.parts.map { $0.key.map(\.value).joined() }.sorted() == ["", "K", "M"])
    }

    @Test("end to end: `..` past the sample is missing, not an error, in a numeric column")
    func endToEndSuppressedLate() throws {
        var text = "kommune;beløb\n"
        for i in 0..<10_000 { text += "K\(i % 3);\(i % 10)\n" }
        text += "K1;..\n"
        let spec = "data d from \"d.csv\"\ntarget t \"t\"\n  sum(beløb) == 45000\ntarget n \"n\"\n  count() == 10001\n"
        let run = try Self.run(spec, files: ["d.csv": Array(text.utf8)])
        #expect(!run.hasErrors, "\(renderedDiagnostics(run))")
        #expect(targets(run)["t"]?.verdict == .met)
        #expect(targets(run)["n"]?.verdict == .met)
    }

    @Test("end to end: a weight of `..` is a missing weight")
    func suppressedWeight() throws {
        let run = try Self.run("data d from \"d.csv\"\n  weight n\ntarget t \"t\"\n  count() > 0\n",
                               files: ["d.csv": Array("by;n\nA;2\nB;..\n".utf8)])
        #expect(renderedDiagnostics(run).contains("missing weight in column 'n'"), "\(renderedDiagnostics(run))")
    }
}
