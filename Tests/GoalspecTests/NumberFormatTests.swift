import Foundation
import Testing
@testable import Goalspec

/// Numbers as Danes write them: thousands marks decided per column from the evidence, an
/// ambiguity reported at the data declaration, never a silent guess (issue 9).
@Suite("Number formats")
struct NumberFormatTests {
    static let dot = UInt8(ascii: "."), comma = UInt8(ascii: ",")

    @Test("grouped fields read under their format", arguments: [
        ("1.234", NumberFormat.danish, "1234"),
        ("1.234.567,89", .danish, "1234567.89"),
        ("-12.500", .danish, "-12500"),
        ("1234,5", .danish, "1234.5"),
        ("0,5", .danish, "0.5"),
        ("1,234,567.5", NumberFormat(decimalMark: dot, grouping: .comma), "1234567.5"),
        ("1 234 567,5", NumberFormat(decimalMark: comma, grouping: .space), "1234567.5"),
        ("1\u{00A0}234,5", NumberFormat(decimalMark: comma, grouping: .space), "1234.5"),
        ("1\u{202F}234", NumberFormat(decimalMark: comma, grouping: .space), "1234"),
    ])
    func groupedReads(text: String, format: NumberFormat, value: String) {
        let d = Array(text.utf8).withUnsafeBytes { FieldDecoding.decimal($0, format: format) }
        #expect(d?.description == value)
    }

    @Test("malformed grouping is not a number", arguments: [
        "1.23", "12.34.567", "1.2345", "0.123", ".123", "1..234", "1.234e3", "1.234.", "1,23,4",
    ])
    func groupedRejects(text: String) {
        #expect(Array(text.utf8).withUnsafeBytes { FieldDecoding.decimal($0, format: .danish) } == nil)
    }

    /// The schema of a CSV file written to a temporary folder.
    static func schema(_ csv: String, options: ReadOptions = ReadOptions()) throws -> TableSchema {
        let dir = try TempDir(["d.csv": csv])
        return try TableReader.inferSchema(path: dir.path("d.csv"), options: options)
    }

    @Test("each column's marks come from all the evidence in the file", arguments: [
        // (file, column, format, ambiguous)
        ("name;amount\nAarhus;330.639\nOdense;78.887\n", "amount", NumberFormat.danish, false),
        ("name;amount\nA;1.000\nB;3.500\n", "amount", .danish, false),
        ("name;amount;share\nA;1.234,5;23,9 %\nB;2;5 %\n", "amount", .danish, false),
        ("name;amount;rate\nA;1.234;2.5\nB;2.500;3.25\n", "amount", .plain, false),
        ("name,amount\nA,1.234\nB,2.500\n", "amount", .plain, true),
        ("name,amount,rate\nA,1.234,0.5\nB,2.500,1.25\n", "amount", .plain, false),
        ("name,amount\nA,1.234.567\nB,2.500\n", "amount", .danish, false),
        ("name,amount\nA,\"1,234\"\nB,\"2,5\"\n", "amount", NumberFormat(decimalMark: comma, grouping: .point), false),
        ("name,amount\nA,\"1,234.5\"\nB,12\n", "amount", NumberFormat(decimalMark: dot, grouping: .comma), false),
        ("name\tamount\nA\t1 234\nB\t5\n", "amount", NumberFormat(decimalMark: comma, grouping: .space), false),
    ])
    func decisions(csv: String, column: String, format: NumberFormat, ambiguous: Bool) throws {
        let s = try Self.schema(csv)
        let c = try #require(s.column(named: column))
        #expect(c.type == .decimal || c.type == .integer)
        #expect((c.numberAmbiguity != nil) == ambiguous, "\(String(describing: c.numberAmbiguity))")
        if !ambiguous { #expect(c.numberFormat == format, "\(c.numberFormat)") }
    }

    @Test("a declaration settles an ambiguity", arguments: [
        (ReadOptions(decimalMark: UInt8(ascii: ",")), "sum(amount) == 3734"),
        (ReadOptions(decimalMark: UInt8(ascii: ".")), "sum(amount) == 3.7340"),
        (ReadOptions(grouping: NumberFormat.Grouping.none), "sum(amount) == 3.7340"),
        (ReadOptions(grouping: .point), "sum(amount) == 3734"),
    ])
    func declarations(options: ReadOptions, condition: String) throws {
        var lines: [String] = []
        if let d = options.decimalMark { lines.append("  decimal \(d == UInt8(ascii: ",") ? "comma" : "point")") }
        if let g = options.grouping { lines.append("  thousands \(g.word)") }
        let spec = "data d from \"d.csv\"\n" + lines.joined(separator: "\n") + "\ntarget t\n  \(condition)\n"
        let run = try runSpec(spec, data: ["d.csv": "name,amount\nA,1.234\nB,2.500\n"])
        #expect(!run.hasErrors, "\(renderedDiagnostics(run))")
        #expect(targets(run)["t"]?.verdict == .met)
    }

    @Test("an ambiguous column the spec reads as numbers is GS0508 at the data declaration")
    func ambiguityIsReported() throws {
        let spec = "data d from \"d.csv\"\ntarget t\n  sum(amount) > 3\ntarget n\n  count(name == \"A\") == 1\n"
        let run = try runSpec(spec, data: ["d.csv": "name,amount\nA,1.234\nB,2.500\n"])
        let codes = run.diagnostics.map(\.code)
        #expect(codes == [.ambiguousNumbers], "\(renderedDiagnostics(run))")
        let text = renderedDiagnostics(run)
        #expect(text.contains("spec.goal:1:6"), "\(text)")
        #expect(text.contains("'1.234' that read as 1.234 or 1234"), "\(text)")
        #expect(text.contains("'decimal comma'"), "\(text)")
    }

    @Test("an ambiguous column the spec does not read as numbers is no error")
    func unusedAmbiguityIsSilent() throws {
        let spec = "data d from \"d.csv\"\ntarget n\n  count(name == \"A\") == 1\n"
        let run = try runSpec(spec, data: ["d.csv": "name,amount\nA,1.234\nB,2.500\n"])
        #expect(!run.hasErrors, "\(renderedDiagnostics(run))")
    }

    @Test("the issue's StatBank-like row: per-resident figure from thousands-marked counts")
    func perResident() throws {
        let spec = """
            data d from "d.csv"
              entity kommune
            target t
              for kommune = "Aarhus"
              sum(ledige) / sum(indbyggere) < 0.25

            """
        let run = try runSpec(spec, data: ["d.csv": "kommune;år;indbyggere;ledige\nAarhus;2023;330.639;78.887\n"])
        #expect(!run.hasErrors, "\(renderedDiagnostics(run))")
        let t = try #require(targets(run)["t"])
        #expect(t.verdict == .met)
        #expect(t.explanation.checks.first?.value == Exact(78_887, 330_639))
    }

    @Test("a spec literal 300.000 draws a warning that it means 300")
    func literalWithThousandsLook() throws {
        let spec = "data d from \"d.csv\"\ntarget t\n  sum(x) > 300.000\n"
        let run = try runSpec(spec, data: ["d.csv": "x\n5\n"])
        let warning = run.diagnostics.first { $0.code == .thousandsLikeLiteral }
        #expect(warning?.severity == .warning, "\(renderedDiagnostics(run))")
        #expect(renderedDiagnostics(run).contains("300.000 is 300"))
    }
}

/// Property: random numbers written in every supported format read back equal, in the
/// engine's decoder and through the whole inference → scan path.
@Suite("Number format round trip")
struct NumberFormatRoundTripTests {
    /// `value` (mantissa × 10^-scale) written in `format`, with group marks every three digits.
    static func write(mantissa: Int64, scale: Int, format: NumberFormat, groupEvery: Bool) -> String {
        let negative = mantissa < 0
        var digits = String(mantissa.magnitude)
        if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
        let whole = String(digits.dropLast(scale))
        let fraction = String(digits.suffix(scale))
        var grouped = ""
        let mark: String = switch format.grouping {
        case .none: ""
        case .point: "."
        case .comma: ","
        case .space: ["\u{20}", "\u{00A0}", "\u{202F}"][whole.count % 3]
        }
        for (i, ch) in whole.enumerated() {
            if groupEvery && format.grouping != .none && i > 0 && (whole.count - i) % 3 == 0 { grouped += mark }
            grouped.append(ch)
        }
        let decimalMark = format.decimalMark == UInt8(ascii: ",") ? "," : "."
        return (negative ? "-" : "") + grouped + (scale > 0 ? decimalMark + fraction : "")
    }

    @Test("write → read gives the same number in every format", arguments: NumberFormat.candidates)
    func roundTrip(format: NumberFormat) {
        var rng = FuzzSplitMix(state: UInt64(format.decimalMark) << 8 | UInt64(format.grouping.rawValue))
        for _ in 0..<2000 {
            let mantissa = Int64.random(in: -999_999_999_999...999_999_999_999, using: &rng)
            let scale = Int.random(in: 0...4, using: &rng)
            let text = Self.write(mantissa: mantissa, scale: scale, format: format, groupEvery: Bool.random(using: &rng))
            let read = Array(text.utf8).withUnsafeBytes { FieldDecoding.decimal($0, format: format) }
            #expect(read == DecimalValue(mantissa: Int128(mantissa), scale: Int16(scale)), "\(text) in \(format)")
        }
    }

    @Test("a file of random grouped numbers is decided and summed exactly", arguments: [
        (NumberFormat.danish, ";"), (NumberFormat(decimalMark: UInt8(ascii: ","), grouping: .space), ";"),
        (NumberFormat(decimalMark: UInt8(ascii: "."), grouping: .comma), ","),
        (NumberFormat.plain, ","), (NumberFormat(decimalMark: UInt8(ascii: ","), grouping: .none), ";"),
    ])
    func wholeFile(format: NumberFormat, delimiter: String) throws {
        var rng = FuzzSplitMix(state: 7 &+ UInt64(format.grouping.rawValue))
        var csv = "id\(delimiter)x\n"
        var total = Exact.zero
        for i in 0..<300 {
            let mantissa = Int64.random(in: 0...99_999_999, using: &rng)
            // Two decimals on every row, and a large value on some, so each format's marks show.
            let text = Self.write(mantissa: mantissa, scale: 2, format: format, groupEvery: true)
            let field = delimiter == "," && text.contains(",") ? "\"\(text)\"" : text
            csv += "\(i)\(delimiter)\(field)\n"
            total = total + Exact(mantissa: mantissa, scale: 2)
        }
        let spec = "data d from \"d.csv\"\ntarget t\n  sum(x) == \(total.exactDecimalString(maxFractionDigits: 2) ?? "0")\n"
        let run = try runSpec(spec, data: ["d.csv": csv])
        #expect(!run.hasErrors, "\(renderedDiagnostics(run))")
        #expect(targets(run)["t"]?.verdict == .met, "\(format)")
    }
}

@Suite("lint --explain-data", .serialized)
struct ExplainDataTests {
    @Test("text: every column's type, role and number format, and an ambiguity flagged")
    func text() throws {
        let dir = try TempDir([
            "dk.csv": "kommune;år;indbyggere;andel\nAarhus;2023;330.639;23,9 %\n",
            "en.csv": "name,amount\nA,1.234\n",
            "s.goal": "data dk from \"dk.csv\"\n  entity kommune\n  time år\ndata en from \"en.csv\"\ntarget t\n  data dk\n  sum(indbyggere) > 0\ntarget u\n  data en\n  count() > 0\n",
        ])
        let (status, out) = runCLI(["lint", "--explain-data", dir.path("s.goal")])
        #expect(status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("';'-separated"), "\(out.stdout)")
        #expect(out.stdout.contains("indbyggere  decimal   decimal comma, thousands point (1.234,5)"), "\(out.stdout)")
        #expect(out.stdout.contains("kommune     text      entity"), "\(out.stdout)")
        #expect(out.stdout.contains("AMBIGUOUS: '1.234' reads as 1.234 or 1234"), "\(out.stdout)")
    }

    @Test("JSON: the same, under data")
    func json() throws {
        let dir = try TempDir([
            "dk.csv": "kommune;indbyggere\nAarhus;330.639\n",
            "s.goal": "data dk from \"dk.csv\"\ntarget t\n  sum(indbyggere) > 0\n",
        ])
        let (status, out) = runCLI(["lint", "--explain-data", "--format", "json", dir.path("s.goal")])
        #expect(status == 0)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        let data = try #require(doc["data"] as? [[String: Any]])
        let datasets = try #require(data.first?["datasets"] as? [[String: Any]])
        let columns = try #require(datasets.first?["columns"] as? [[String: Any]])
        let column = try #require(columns.first { $0["name"] as? String == "indbyggere" })
        #expect(column["decimalMark"] as? String == ",")
        #expect(column["thousands"] as? String == "point")
        #expect(datasets.first?["delimiter"] as? String == ";")
    }
}

extension NumberFormatTests {
    @Test("a value past the sample that reads two ways is an error at its field when nothing settled the mark")
    func lateAmbiguousValue() throws {
        var csv = "id,amount\n"
        for i in 0..<8_000 { csv += "\(100_000 + i),\(i % 90 + 10)\n" }
        csv += "1,1.234\n"
        let spec = "data d from \"d.csv\"\ntarget t\n  sum(amount) > 0\n"
        let run = try runSpec(spec, data: ["d.csv": csv])
        #expect(run.hasErrors)
        let text = renderedDiagnostics(run)
        #expect(text.contains("d.csv:8002:3"), "\(text)")
        #expect(text.contains("'1.234' in column 'amount' reads as a decimal or as thousands"), "\(text)")
        // Declared, the same file reads.
        let declared = try runSpec("data d from \"d.csv\"\n  decimal point\ntarget t\n  sum(amount) > 0\n", data: ["d.csv": csv])
        #expect(!declared.hasErrors, "\(renderedDiagnostics(declared))")
    }
}
