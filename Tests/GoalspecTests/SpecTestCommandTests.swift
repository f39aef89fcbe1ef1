import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Goalspec
@testable import GoalspecCLI

/// `goalspec test` and the `.goaltest` format, on test files in temporary folders.
@Suite struct SpecTestCommandTests {
    static let spec = """
        data employment from "employment.csv"
          entity city
          time quarter

        goal "Work"
          met when atLeast 1
          target aarhus "Aarhus: at least 60%"
            for city = "Aarhus"
            share(job) >= 60%

          target odense "Odense: at least 75%"
            for city = "Odense"
            share(job) >= 75%
        """
    static let csv = "city,quarter,job\nAarhus,2024K3,1\nAarhus,2024K3,0\nOdense,2024K3,1\nOdense,2024K3,0\n"

    static func folder(_ test: String) throws -> TempDir {
        try TempDir(["spec.goal": spec, "employment.csv": csv, "t/a.goaltest": test])
    }

    static func runTests(_ dir: TempDir, _ extra: [String] = []) -> (status: Int32, output: CommandOutput) {
        CommandLineTool.run(["test", dir.path("t")] + extra)
    }

    @Test func theBundledSpecsPassTheirTests() {
        let specs = repositoryRoot.appendingPathComponent("Specs").path
        let (status, out) = CommandLineTool.run(["test", specs])
        #expect(status == 0, "\(out.stdout)\n\(out.stderr)")
        #expect(out.stderr.isEmpty)
        let summary = out.stdout.split(separator: "\n").last.map(String.init) ?? ""
        #expect(summary.hasSuffix("passed, 0 failed"), "\(summary)")
        // Several tests per spec file, six spec files.
        let count = Int(summary.prefix { $0.isNumber }) ?? 0
        #expect(count >= 18, "\(summary)")
    }

    @Test func passingTestsExitZero() throws {
        let dir = try Self.folder("""
            spec "../spec.goal"

            test "the files' data"
              expect aarhus not met
              expect aarhus share(job) = 50%
              expect odense not met
              expect goal "Work" not met

            test "an inline table: exactly 60% is met, and the goal with it"
              data employment
                city,quarter,job
                Aarhus,2024K3,1
                Aarhus,2024K3,1
                Aarhus,2024K3,1
                Aarhus,2024K3,0
                Aarhus,2024K3,0
                Odense,2024K3,0
              expect aarhus met
              expect aarhus margin = 0pp
              expect odense not met
              expect goal "Work" met
            """)
        let (status, out) = Self.runTests(dir)
        #expect(status == 0, "\(out.stdout)\n\(out.stderr)")
        #expect(out.stdout.hasSuffix("2 tests: 2 passed, 0 failed\n"))
    }

    @Test func aFailedExpectationExitsOneWithTheTargetsReport() throws {
        let dir = try Self.folder("""
            test "wrong on purpose"
              spec "../spec.goal"
              expect aarhus met
              expect odense share(job) = 51%
            """)
        let (status, out) = Self.runTests(dir, ["--junit", dir.path("junit.xml")])
        #expect(status == 1)
        #expect(out.stdout.contains("a.goaltest:3: aarhus: expected met, got not met"))
        #expect(out.stdout.contains("a.goaltest:4: odense: expected share(job) = 51%, got 50%"))
        #expect(out.stdout.contains("✗ not met  aarhus — Aarhus: at least 60%"))
        #expect(out.stdout.hasSuffix("1 test: 0 passed, 1 failed\n"))
        let xml = try XMLDocument(contentsOf: URL(fileURLWithPath: dir.path("junit.xml")))
        let root = try #require(xml.rootElement())
        #expect(root.attribute(forName: "tests")?.stringValue == "1")
        #expect(root.attribute(forName: "failures")?.stringValue == "1")
        #expect(try xml.nodes(forXPath: "//testcase[@name='wrong on purpose']/failure").count == 1)
    }

    @Test func aSpecErrorMakesTheTestUnusable() throws {
        let dir = try Self.folder("""
            test "fixture without the job column"
              spec "../spec.goal"
              data employment
                city,quarter
                Aarhus,2024K3
              expect aarhus met
            """)
        let (status, out) = Self.runTests(dir)
        #expect(status == 2)
        #expect(out.stdout.contains("! fixture without the job column"))
        #expect(out.stderr.contains("error[GS03"), "the spec's own diagnostic: \(out.stderr)")
    }

    /// Names the spec does not have: located in the test file, with the closest name.
    @Test(arguments: [
        ("expect aarhuss met", "3:10", "the spec has no target 'aarhuss'", "did you mean 'aarhus'?"),
        ("expect aarhus shar(job) = 50%", "3:17", "target aarhus shows no figure 'shar(job)'", "did you mean 'share(job)'?"),
        ("expect goal \"Wrk\" met", "3:15", "the spec has no goal \"Wrk\"", "did you mean \"Work\"?"),
        ("data employmnt from \"x.csv\"\n  expect aarhus met", "3:8", "the spec declares no dataset 'employmnt'", "did you mean 'employment'?"),
    ])
    func unknownNamesAreLocatedErrors(line: String, at: String, message: String, hint: String) throws {
        let dir = try Self.folder("test \"t\"\n  spec \"../spec.goal\"\n  \(line)\n")
        let (status, out) = Self.runTests(dir)
        #expect(status == 2)
        #expect(out.stderr.contains("a.goaltest:\(at): error[GS0702]: \(message)"), "\(out.stderr)")
        #expect(out.stderr.contains("hint: \(hint)"), "\(out.stderr)")
    }

    /// Malformed test files: a located GS0701 for each, exit 2.
    @Test(arguments: [
        ("test t\n  expect a met\n", "1:6", "expected the test's name in double quotes"),
        ("test \"t\n", "1:6", "unterminated string"),
        ("tset \"t\"\n", "1:1", "expected 'test \"NAME\"' or 'spec \"FILE.goal\"', found 'tset'"),
        ("test \"t\"\n  spec \"../spec.goal\"\n  expct aarhus met\n  expect aarhus met\n", "3:3", "unknown clause 'expct' in a test"),
        ("test \"t\"\n  spec \"../spec.goal\"\n  at 2024X9\n  expect aarhus met\n", "3:6", "'2024X9' is not a period"),
        ("test \"t\"\n  spec \"../spec.goal\"\n  data employment\n  expect aarhus met\n", "3:8", "'data employment' has no table below it"),
        ("test \"t\"\n  spec \"../spec.goal\"\n  expect aarhus somewhat\n", "3:17", "expected a verdict or 'FIGURE = VALUE', found 'somewhat'"),
        ("test \"t\"\n  expect aarhus met\n", "1:1", "test \"t\" names no spec"),
        ("test \"t\"\n  spec \"../spec.goal\"\n", "1:1", "test \"t\" expects nothing"),
        ("  expect aarhus met\n", "1:3", "indented line outside a test"),
        ("test \"t\"\n\t  spec \"../spec.goal\"\n", "2:1", "tab in indentation"),
    ])
    func malformedTestFilesAreLocatedErrors(text: String, at: String, message: String) throws {
        let dir = try Self.folder(text)
        let (status, out) = Self.runTests(dir)
        #expect(status == 2)
        #expect(out.stderr.contains("a.goaltest:\(at): error[GS0701]: \(message)"), "\(out.stderr)")
    }

    @Test func noTestFilesIsUnusable() throws {
        let dir = try TempDir(["spec.goal": Self.spec])
        let (status, out) = CommandLineTool.run(["test", dir.url.path])
        #expect(status == 2)
        #expect(out.stderr.contains("no .goaltest files found"))
    }

    @Test func commentsAndFileFixturesWork() throws {
        let dir = try Self.folder("""
            # a comment line
            spec "../spec.goal"   # the default spec

            test "a fixture file, relative to the test file"  # trailing comment
              data employment from "fixtures/e.csv"
              at 2023K3
              expect aarhus met   # 1 of 1
            """)
        try dir.write("t/fixtures/e.csv", "city,quarter,job\nAarhus,2023K3,1\nAarhus,2024K3,0\nOdense,2023K3,1\n")
        let (status, out) = Self.runTests(dir)
        #expect(status == 0, "\(out.stdout)\n\(out.stderr)")
    }
}

/// The test-file parser on text no one wrote on purpose: it reports, never traps.
@Suite struct SpecTestParserRobustnessTests {
    /// A small deterministic generator, so a failure repeats.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let pieces = ["test ", "spec ", "\"", "\"x\"", "  ", "    ", "\n", "\r\n", "\t", "#", "data ", "from ", "expect ",
                         " = ", "met", "not met", "at ", "2024K3", "goal ", "a,b\n", "é", "\u{FEFF}", "\0", " from \""]

    @Test(arguments: 0..<200)
    func randomTextGivesDiagnosticsOrTests(seed: Int) {
        var rng = SplitMix(state: UInt64(seed))
        var text = ""
        for _ in 0..<Int.random(in: 1...40, using: &rng) { text += Self.pieces.randomElement(using: &rng) ?? "" }
        let source = SourceFile(path: "r.goaltest", text: text)
        var parser = SpecTestParser(source, file: 0)
        let tests = parser.parse()
        for d in parser.diagnostics {
            guard let r = d.sourceRange else { continue }
            #expect(r.lowerBound >= 0 && r.upperBound <= source.bytes.count, "seed \(seed): \(d.message) out of the text")
        }
        for t in tests { #expect(!t.expectations.isEmpty, "seed \(seed)") }
    }

    @Test func aByteOrderMarkAndCRLFAreRead() {
        let source = SourceFile(path: "b.goaltest", text: "\u{FEFF}spec \"s.goal\"\r\n\r\ntest \"t\"\r\n  expect job met\r\n")
        var parser = SpecTestParser(source, file: 0)
        let tests = parser.parse()
        #expect(parser.diagnostics.isEmpty, "\(parser.diagnostics.map(\.message))")
        #expect(tests.first?.spec.text == "s.goal")
        #expect(tests.first?.expectations.count == 1)
    }
}
