import Foundation
import Testing
@testable import Goalspec
@testable import GoalspecCLI

/// `--lang da|en`: every format speaks the language, the figures behind it stay the same.
@Suite("Report language")
struct LanguageTests {
    /// The MSB 2026 spec by absolute path, so that no test needs to change the working directory.
    static let msb = repositoryRoot.appendingPathComponent("Specs/aarhus-msb-2026.goal").path

    static func check(_ args: [String]) -> (status: Int32, output: CommandOutput) {
        CommandLineTool.run(["check", msb] + args, terminal: TerminalInfo())
    }

    @Test("--lang da: Danish verdicts, explanations, periods and number style in the text report")
    func danishText() {
        let (status, out) = Self.check(["--lang", "da"])
        #expect(status == 1)
        let text = out.stdout
        for phrase in ["✓ opfyldt  job", "✗ ikke opfyldt  social", "3. kvartal 2024", "86,2 %", "198.260 af 230.000",
                       "margen +0,3 procentpoint", "→ 0,3 procentpoint over kravet",
                       "35 flere citizens skal opfylde reach goal (3.115 af 4.500 nu, 3.150 kræves)", "delmål:"] {
            #expect(text.contains(phrase), "missing '\(phrase)' in:\n\(text)")
        }
        for english in [" met ", "not met", "margin", "above the requirement", " of 4500", "at 2024K3", "86.2%"] {
            #expect(!text.contains(english), "English '\(english)' in the Danish report:\n\(text)")
        }
    }

    @Test("the language changes the words, never the verdicts or exact figures (JSON)")
    func jsonIsLanguageNeutral() throws {
        let en = try #require(try JSONSerialization.jsonObject(with: Data(Self.check(["--format", "json"]).output.stdout.utf8)) as? [String: Any])
        let da = try #require(try JSONSerialization.jsonObject(with: Data(Self.check(["--format", "json", "--lang", "da"]).output.stdout.utf8)) as? [String: Any])
        #expect(en["language"] as? String == "en")
        #expect(da["language"] as? String == "da")
        /// Every field except the sentences and displayed strings.
        func neutral(_ v: Any) -> Any {
            if let o = v as? [String: Any] {
                var out: [String: Any] = [:]
                for (k, x) in o where !["language", "reason", "whatItTakes"].contains(k) && !k.hasSuffix("isplay") { out[k] = neutral(x) }
                return out as NSDictionary
            }
            if let a = v as? [Any] { return a.map(neutral) as NSArray }
            return v
        }
        #expect((neutral(en) as? NSDictionary) == (neutral(da) as? NSDictionary))
        let text = Self.check(["--format", "json", "--lang", "da"]).output.stdout
        #expect(text.contains("\"whatItTakes\": \"35 flere citizens skal opfylde reach goal (3.115 af 4.500 nu, 3.150 kræves)\""))
        #expect(text.contains("\"kind\": \"more\""))
        #expect(text.contains("\"needed\": \"3150\""))
        #expect(text.contains("\"valueDisplay\": \"86,2 %\""))
    }

    @Test("Markdown, JUnit and HTML follow --lang", arguments: ["markdown", "junit", "html"])
    func otherFormats(_ format: String) {
        let (_, en) = Self.check(["--format", format])
        let (_, da) = Self.check(["--format", format, "--lang", "da"])
        #expect(da.stdout.contains("ikke opfyldt"), "\(format) in Danish lacks 'ikke opfyldt'")
        #expect(da.stdout.contains("86,2 %"))
        #expect(!da.stdout.contains("not met") || format == "junit", "\(format) in Danish says 'not met'")
        #expect(en.stdout.contains("not met"))
        if format == "html" {
            #expect(da.stdout.contains("lang=\"da\""))
            #expect(da.stdout.contains("Goalspec-rapport"))
            #expect(da.stdout.contains("3. kvartal 2024"))
        }
        if format == "junit" {
            // Names, types and properties are machine-read: the same in both languages.
            #expect(da.stdout.contains("type=\"not met\""))
            #expect(da.stdout.contains("message=\"ikke opfyldt\""))
        }
    }

    @Test("an unknown language is a usage error naming the choices")
    func unknownLanguage() {
        let (status, out) = Self.check(["--lang", "fr"])
        #expect(status == 64)
        #expect(out.stderr.contains("unknown language 'fr'"))
        #expect(out.stderr.contains("--lang en or --lang da"))
    }

    @Test("lint --lang da: the fixed words of diagnostics are Danish, the messages stay English")
    func lintDanish() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("goalspec-lang-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "city,quarter,job\nAarhus,2024K3,1\n".write(to: dir.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        try "data d from \"d.csv\"\n  entity city\n  time quarter\n\ntarget t \"x\"\n  share(job) >= avg(nope)\n"
            .write(to: dir.appendingPathComponent("s.goal"), atomically: true, encoding: .utf8)
        let out = CommandLineTool.run(["lint", dir.appendingPathComponent("s.goal").path, "--lang", "da"], terminal: TerminalInfo()).output
        #expect(out.stderr.contains("fejl[GS"), "\(out.stderr)")
        #expect(out.stdout.contains("1 fil kontrolleret: 1 fejl, 0 advarsler"), "\(out.stdout)")
    }

    @Test("Danish number style", arguments: [
        (198260, 0, GoalType.count, "198.260"),
        (12345, 1, GoalType.number, "1.234,5"),
        (-1234567, 0, GoalType.number, "-1.234.567"),
        (862, 3, GoalType.share, "86,2 %"),
        (3, 3, GoalType.points, "0,3 procentpoint"),
        (2430000, 0, GoalType.money, "2,43 mio. kr."),
        (607500, 0, GoalType.money, "607.500 kr."),
        (30, 0, GoalType.duration, "30 dage"),
        (999, 0, GoalType.count, "999"),
    ])
    func danishNumbers(_ mantissa: Int, _ scale: Int, _ type: GoalType, _ shown: String) {
        #expect(DanishCatalogue().value(Exact(mantissa: mantissa, scale: scale), as: type) == shown)
    }

    @Test("Danish periods in running text", arguments: [
        ("2024K3", "3. kvartal 2024"), ("2024", "2024"), ("2024H1", "1. halvår 2024"),
        ("2024M02", "februar 2024"), ("2024-07-01", "1. juli 2024"),
    ])
    func danishPeriods(_ code: String, _ prose: String) throws {
        let p = try #require(Period(parsing: code))
        #expect(DanishCatalogue().periodProse(p) == prose)
    }
}
