import Foundation
import Testing
@testable import Goalspec

/// The xlsx fixtures (made by Fixtures/xlsx/make-fixtures.py and LibreOffice).
let xlsxFixtures = testsDirectory.appendingPathComponent("Fixtures").appendingPathComponent("xlsx")
private func fixture(_ name: String) -> String { xlsxFixtures.appendingPathComponent(name).path }
private let specsData = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Specs").appendingPathComponent("data")

@Suite("xlsx: ZIP, DEFLATE and sheets")
struct XlsxReaderTests {
    @Test("every entry of a ZIP made by Python's zipfile decodes to its CRC-32 and size")
    func deflateEntries() throws {
        let archive = try ZipArchive(file: try DataInputFile(path: fixture("deflate.zip")))
        #expect(archive.entries.map(\.name) == ["empty.txt", "stored.txt", "fixed.txt", "text-level1.txt",
                                                 "text-level9.txt", "noise.bin", "far-matches.bin", "runs.bin"])
        var contents: [String: [UInt8]] = [:]
        for entry in archive.entries {
            contents[entry.name] = try archive.readAll(entry, limit: 1 << 24)
            #expect(contents[entry.name]?.count == entry.uncompressedSize)
        }
        #expect(contents["fixed.txt"] == Array("abc".utf8))
        #expect(contents["text-level1.txt"] == contents["text-level9.txt"])
        #expect(contents["stored.txt"].map { Array($0) } == contents["text-level9.txt"].map { Array($0.prefix(5000)) })
        #expect(contents["runs.bin"]?.count == 201_000)
    }

    @Test("damaged archives are errors, never traps", arguments: 0..<120)
    func damagedArchive(seed: Int) throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: fixture(seed % 2 == 0 ? "deflate.zip" : "employment-openpyxl.xlsx"))))
        var rng = SplitMix(state: UInt64(seed))
        for _ in 0..<(1 + seed % 5) {
            let at = Int(rng.next() % UInt64(bytes.count))
            bytes[at] ^= UInt8(truncatingIfNeeded: rng.next() | 1)
        }
        if seed % 7 == 0 { bytes.removeLast(Int(rng.next() % UInt64(bytes.count / 2))) }
        let dir = try TempDir()
        let path = dir.path("damaged.xlsx")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        if let archive = try? ZipArchive(file: try DataInputFile(path: path)) {
            for entry in archive.entries { _ = try? archive.readAll(entry, limit: 1 << 24) }
        }
        // The whole reader: a schema with named columns, or a DataError that says something.
        do throws(DataError) {
            let schema = try TableReader.inferSchema(path: path)
            #expect(schema.columns.allSatisfy { !$0.name.isEmpty })
        } catch {
            #expect(!error.message.isEmpty, "seed \(seed): \(error.kind)")
            #expect(error.path == path)
        }
    }

    @Test("random bytes as a DEFLATE stream end in an error or in output, never a trap", arguments: 0..<200)
    func randomDeflate(seed: Int) {
        var rng = SplitMix(state: UInt64(seed) &+ 99)
        var input = (0..<(16 + seed * 7)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        var served = false
        var inflater = Inflater(outputLimit: 1 << 20) { () throws(InflateError) -> [UInt8] in
            defer { served = true }
            return served ? [] : input
        }
        var produced = 0
        do throws(InflateOrConsumerError<Never>) {
            try inflater.run { (chunk: ArraySlice<UInt8>) throws(Never) in produced += chunk.count }
        } catch {
            input.removeAll()
        }
        #expect(produced <= 1 << 20)
    }

    @Test("the MSB employment data as an openpyxl workbook gives the CSV's verdicts and figures")
    func employmentAgreesWithCSV() throws {
        let schema = try TableReader.inferSchema(path: fixture("employment-openpyxl.xlsx"), sheet: "Beskæftigelse")
        #expect(schema.columns.map(\.name) == ["city", "quarter", "job", "persons"])
        try expectSameResults(xlsx: fixture("employment-openpyxl.xlsx"), sheet: "Beskæftigelse")
    }

    @Test("the MSB employment data saved by LibreOffice gives the CSV's verdicts and figures")
    func libreOfficeAgreesWithCSV() throws {
        let path = fixture("employment-libreoffice.xlsx")
        try #require(FileManager.default.fileExists(atPath: path), "run the soffice line in Fixtures/xlsx/README.md")
        try expectSameResults(xlsx: path, sheet: nil)
    }

    private func expectSameResults(xlsx: String, sheet: String?) throws {
        func spec(_ path: String, _ sheet: String?) -> String {
            """
            data employment from "\(path)"
            \(sheet.map { "  sheet \"\($0)\"\n" } ?? "")  entity city
              time quarter
              weight persons

            group 6byer = city in ["København", "Odense", "Aalborg", "Esbjerg", "Randers", "Vejle"]

            target job "1pp over the six cities"
              for city = "Aarhus"
              share(job) >= avg(6byer) + 1.0pp

            target rows "rows and weights"
              sum(persons) > 0 and count() > 10

            target change "change against the last year"
              for city = "Aarhus"
              change(share(job)) > -1pp
            """
        }
        let viaCSV = targets(try runSpec(spec(specsData.appendingPathComponent("employment.csv").path, nil), data: [:]))
        let run = try runSpec(spec(xlsx, sheet), data: [:])
        #expect(run.diagnostics.isEmpty, "\(renderedDiagnostics(run))")
        let viaXLSX = targets(run)
        #expect(viaCSV.count == 3)
        for (id, expected) in viaCSV {
            let got = try #require(viaXLSX[id])
            #expect(got.verdict == expected.verdict, "\(id)")
            #expect(got.explanation.measures.map(\.value) == expected.explanation.measures.map(\.value), "\(id)")
            #expect(got.explanation.checks.map(\.value) == expected.explanation.checks.map(\.value), "\(id)")
            #expect(got.period == expected.period, "\(id)")
        }
    }

    @Test("cell kinds: shared strings, numbers as Excel shows them, dates, percent styles, booleans, empty cells")
    func cellKinds() throws {
        let schema = try TableReader.inferSchema(path: fixture("types-openpyxl.xlsx"))
        #expect(schema.format == .xlsx)
        #expect(schema.sheet == "Ark1")
        #expect(schema.columns.map(\.name) == ["kommune", "dato", "beløb", "andel", "aktiv", "note"])
        #expect(schema.columns.map(\.type) == [.text, .period, .decimal, .percent, .bool, .text])
        #expect(schema.columns[0].sampleDistinctValues == ["Århus", "Ærø", "Øster Hornum", "København"])
        #expect(schema.columns[1].sampleDistinctValues == ["2024-07-01", "2024-12-31", "1900-03-01", "2023-01-15"])
        #expect(schema.columns[2].sampleDistinctValues == ["1234.5", "12345678901234600", "-0.000015", "3"])
        #expect(schema.columns[3].sampleDistinctValues == ["30%", "25%", "0.000000000000000001%"])
        #expect(schema.columns[5].sampleDistinctValues == ["første", "a & b < c"])
        #expect(schema.sampledRows == 4)
        #expect(schema.sampleCoversWholeFile)
    }

    @Test("LibreOffice's copy of the same workbook reads the same, with formula results")
    func cellKindsLibreOffice() throws {
        let schema = try TableReader.inferSchema(path: fixture("types-libreoffice.xlsx"))
        let reference = try TableReader.inferSchema(path: fixture("types-openpyxl.xlsx"))
        #expect(schema.columns.map(\.type) == reference.columns.map(\.type))
        for i in 0..<5 {
            #expect(schema.columns[i].sampleDistinctValues == reference.columns[i].sampleDistinctValues, "\(schema.columns[i].name)")
        }
        #expect(schema.columns[5].sampleDistinctValues == ["første", "a & b < c", "x"])
    }

    @Test("an Excel error value, or a formula without a saved result, in a column a target reads is a located error",
          arguments: [("types-libreoffice.xlsx", "sheet \"Ark1\", cell D5: holds the Excel error #DIV/0!"),
                      ("types-openpyxl.xlsx", "sheet \"Ark1\", cell D5: holds a formula whose result the file does not hold")])
    func errorCells(file: String, message: String) throws {
        let run = try runSpec("""
            data t from "\(fixture(file))"
              time dato

            target a "andel"
              sum(andel) > 0%
            target b "beløb"
              sum(beløb) > 0
            """, data: [:])
        let diagnostic = try #require(run.diagnostics.first)
        #expect(diagnostic.message == message)
        #expect(run.diagnostics.count == 1)
    }

    @Test("a sheet the workbook lacks is GS0507 at the sheet's name, with the sheets it has")
    func sheetNotFound() throws {
        let run = try runSpec("""
            data t from "\(fixture("employment-openpyxl.xlsx"))"
              sheet "Beskaeftigelse"

            target n "rows"
              count() > 0
            """, data: [:])
        let diagnostic = try #require(run.diagnostics.first)
        #expect(diagnostic.code == .sheetNotFound)
        #expect(diagnostic.hint == "did you mean \"Beskæftigelse\"? the workbook's sheets are \"Noter\", \"Beskæftigelse\"")
        #expect(renderedDiagnostics(run).contains("2 |   sheet \"Beskaeftigelse\""))
    }

    @Test("a sheet line on CSV data is GS0504")
    func sheetOnCSV() throws {
        let run = try runSpec("""
            data t from "t.csv"
              sheet "Ark1"

            target n "rows"
              count() > 0
            """, data: ["t.csv": "a\n1\n"])
        #expect(run.diagnostics.map(\.code) == [.unsupportedFormat])
    }

    @Test("a sheet line formats and parses back")
    func sheetFormats() throws {
        let source = "data t from \"budget.xlsx\"\n  sheet \"Ark 1\"\n  time år\n"
        #expect(formatted(source) == source)
    }

    @Test("stored numbers read as Excel shows them: 15 significant digits, plain decimals", arguments: [
        ("0.30000000000000004", "0.3"), ("1234.5", "1234.5"), ("100", "100"), ("-0", "0"), ("1.5E-3", "0.0015"),
        ("1.2345678901234567E+19", "12345678901234600000"), ("9.9999999999999999", "10"), ("0.1", "0.1"),
        ("2.5E2", "250"), ("-45.000", "-45"), ("1E-20", "0.00000000000000000001"), ("abc", "?"), ("1e", "?"), ("", "?"),
    ])
    func storedNumbers(stored: String, read: String) {
        let got = XlsxCellText.number(Array(stored.utf8)).map { String(decoding: $0, as: UTF8.self) } ?? "?"
        #expect(got == read)
    }

    @Test("date serials in the 1900 and 1904 systems", arguments: [
        ("1", false, "1900-01-01"), ("59", false, "1900-02-28"), ("60", false, "?"), ("61", false, "1900-03-01"),
        ("45474", false, "2024-07-01"), ("45474.5", false, "2024-07-01T12:00:00"), ("0", true, "1904-01-01"),
        ("44012", true, "2024-07-01"), ("-1", false, "?"), ("0", false, "?"),
    ])
    func dateSerials(serial: String, date1904: Bool, day: String) {
        let got = XlsxCellText.date(serial: Array(serial.utf8), date1904: date1904).map { String(decoding: $0, as: UTF8.self) } ?? "?"
        #expect(got == day)
    }

    @Test("number formats that show dates and percentages", arguments: [
        ("General", false, false), ("0.00E+00", false, false), ("dd-mm-yyyy", true, false), ("[$-406]d. mmmm yyyy", true, false),
        ("0 \"dage\"", false, false), ("h:mm", false, false), ("0.0%", false, true), ("#,##0\" %\"", false, false),
        ("[Red]0.00%", false, true), ("yyyy\\-mm", true, false),
    ])
    func formatKinds(code: String, date: Bool, percent: Bool) {
        #expect(XlsxCellText.isDateFormat(code) == date)
        #expect(XlsxCellText.isPercentFormat(code) == percent)
    }
}

@Suite("xlsx fuzz seeds")
struct XlsxFuzzSeedTests {
    static let corpus = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz").appendingPathComponent("corpus").appendingPathComponent("xlsx")

    static var seeds: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []).sorted()
    }

    @Test("every fuzz-xlsx seed runs through the harness without a failure", arguments: seeds)
    func seed(_ name: String) throws {
        let bytes = [UInt8](try Data(contentsOf: Self.corpus.appendingPathComponent(name)))
        let base = NSTemporaryDirectory() + "goalspec-xlsx-seed-\(UUID().uuidString)"
        #expect(fuzzXlsxReader(bytes, pathBase: base) == [])
    }

    @Test("found by fuzz-xlsx: header cells out of column order are read by their references")
    func headerCellsOutOfOrder() throws {
        let sheet = Array("<worksheet><sheetData><row r=\"1\"><c r=\"B1\" t=\"inlineStr\"><is><t>n</t></is></c><c r=\"A1\" t=\"inlineStr\"><is><t>by</t></is></c></row><row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>Aarhus</t></is></c><c r=\"B2\"><v>3</v></c></row></sheetData></worksheet>".utf8)
        let dir = try TempDir()
        let path = dir.path("order.xlsx")
        try Data(fuzzWorkbook(sheet: sheet, sharedStrings: [])).write(to: URL(fileURLWithPath: path))
        let schema = try TableReader.inferSchema(path: path)
        #expect(schema.columns.map(\.name) == ["by", "n"])
        #expect(schema.columns[1].type == .integer)
    }

    @Test("the parts mode builds a workbook the reader reads")
    func partsWorkbook() throws {
        let sheet = Array("<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"inlineStr\"><is><t>n</t></is></c></row><row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c><c r=\"B2\"><v>4.5E1</v></c></row></sheetData></worksheet>".utf8)
        let strings = Array("<sst><si><t>by</t></si><si><r><t>Å</t></r><r><t>rhus</t></r><rPh><t>x</t></rPh></si></sst>".utf8)
        let dir = try TempDir()
        let path = dir.path("parts.xlsx")
        try Data(fuzzWorkbook(sheet: sheet, sharedStrings: strings)).write(to: URL(fileURLWithPath: path))
        let schema = try TableReader.inferSchema(path: path)
        #expect(schema.columns.map(\.name) == ["by", "n"])
        #expect(schema.columns[0].sampleDistinctValues == ["Århus"])
        #expect(schema.columns[1].sampleDistinctValues == ["45"])
    }
}
