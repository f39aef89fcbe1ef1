import Foundation
import Testing
@testable import Goalspec

/// Text reports never pass a control character from a spec or a data file to the terminal:
/// an escape sequence or a carriage return is shown as a visible character (docs/security.md).
@Suite("Terminal safety of text reports")
struct TerminalSafetyTests {
    static let escapeSpec = "data d from \"d.csv\"\ntarget t\n  data d\n  mean(andel) >= 0.1 \u{1B}[2J\u{1B}]0;owned\u{07}\n"

    static func firstDiagnostic(_ run: Runner.Run, colored: Bool) throws -> String {
        let d = try #require(run.diagnostics.first)
        return DiagnosticRenderer(sources: run.sources, style: TextStyle(colored: colored)).render(d)
    }

    @Test func escapeSequencesInASpecLineAreShownNotSent() throws {
        let run = Runner.run(spec: Self.escapeSpec, data: ["d": .csv("andel\n0.5\n")])
        let text = try Self.firstDiagnostic(run, colored: false)
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(text.contains("0.1 ␛[2J␛]0;owned␇"))
        // The caret still sits under the character it points at.
        let lines = text.components(separatedBy: "\n")
        let source = try #require(lines.first { $0.hasPrefix(" 4 |") })
        let caret = try #require(lines.first { $0.contains("^") })
        let caretIndex = try #require(caret.firstIndex(of: "^"))
        let offset = caret.distance(from: caret.startIndex, to: caretIndex)
        #expect(Array(source)[offset] == "␛")
    }

    @Test func colouredOutputKeepsOnlyItsOwnColourCodes() throws {
        let run = Runner.run(spec: Self.escapeSpec, data: ["d": .csv("andel\n0.5\n")])
        let text = try Self.firstDiagnostic(run, colored: true)
        #expect(text.contains("\u{1B}[1;31m"))
        #expect(text.contains("\u{1B}[0m"))
        #expect(!text.contains("\u{1B}[2J"))
        #expect(!text.contains("\u{1B}]0;"))
        #expect(!text.contains("\u{07}"))
    }

    @Test func aCarriageReturnInADataLineIsShown() throws {
        let spec = "data d from \"d.csv\"\ntarget t\n  data d\n  mean(andel) >= 0.1\n"
        let run = Runner.run(spec: spec, data: ["d": .csv("kommune,andel\r101,0.5\r")])
        let text = try Self.firstDiagnostic(run, colored: false)
        #expect(text.contains("carriage return"))
        #expect(!text.contains("\r"))
        #expect(text.contains("kommune,andel␍101,0.5"))
    }

    /// A group value from the data, shown in a `by` breakdown, in text and Markdown.
    @Test func dataValuesInExplanationsAreShown() throws {
        let spec = """
            data d from "d.csv"
            target t "Title"
              data d
              by city
              mean(andel) >= 0.1
            """
        let city = "Aar\u{1B}]8;;http://x\u{07}hus```x"
        let run = Runner.run(spec: spec, data: ["d": .rows(columns: ["city", "andel"], rows: [[city, "0.5"], ["Odense", "0.05"]])])
        #expect(run.diagnostics.filter { $0.severity == .error }.isEmpty, "\(run.diagnostics.map(\.message))")
        let text = ResultTextRenderer(style: TextStyle(colored: true)).render(run)
        #expect(text.contains("Aar␛]8;;http://x␇hus"))
        #expect(!text.contains("\u{07}"))
        #expect(!text.contains("\u{1B}]"))
        let markdown = MarkdownReport.render(run)
        #expect(!markdown.contains("\u{1B}"))
        // The value's three backticks cannot close the explanation's code block.
        #expect(markdown.contains("````text\n"))
    }

    /// Strings and comments cannot carry them in the first place (GS0103), so neither `fmt` nor
    /// a report can print one from a spec.
    @Test(arguments: [
        ("target t \"a\u{1B}[2Jb\"\n  data d\n  count() >= 1\n", "control character U+001B in string"),
        ("target t \"a\u{8}b\"\n  data d\n  count() >= 1\n", "control character U+0008 in string"),
        // A lone CR would hide the rest of the file inside the comment.
        ("# one\rtarget t\n  data d\n  count() >= 1\n", "control character U+000D in comment"),
        ("target t \"a\u{7F}\"\n  data d\n  count() >= 1\n", "control character U+007F in string"),
        ("target t \"a\u{202E}b\"\n  data d\n  count() >= 1\n", "bidirectional control character U+202E in string"),
        ("# note \u{2066}x\u{2069}\ntarget t\n  data d\n  count() >= 1\n", "bidirectional control character U+2066 in comment"),
        ("# bell \u{07}\ntarget t\n  data d\n  count() >= 1\n", "control character U+0007 in comment"),
    ])
    func hiddenControlsInStringsAndCommentsAreErrors(body: String, message: String) throws {
        let run = Runner.run(spec: "data d from \"d.csv\"\n" + body, data: ["d": .csv("x\n1\n")])
        let d = try #require(run.diagnostics.first { $0.code == .unexpectedCharacter })
        #expect(d.message == message)
        #expect(run.exitStatus == 2)
    }

    @Test func tabsAndOrdinaryTextInStringsAndCommentsAreFine() {
        let spec = "data d from \"d.csv\"\n# Målet: ≥ 85 % – tab\there\ntarget t \"Beskæftigelse\tmål\"\n  data d\n  count() >= 1\r\n"
        let run = Runner.run(spec: spec, data: ["d": .csv("x\n1\n")])
        #expect(run.diagnostics.isEmpty, "\(run.diagnostics.map(\.message))")
    }

    @Test(arguments: [
        ("plain", "plain"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
        ("\u{0}\u{8}\u{7F}", "␀␈␡"),
        ("c1 \u{9B}2J", "c1 \u{FFFD}2J"),
        ("bidi \u{202E}evil\u{2066}", "bidi \u{FFFD}evil\u{FFFD}"),
        ("cr\r\nlf", "cr␍\nlf"),
    ])
    func controlCharactersBecomeVisible(input: String, shown: String) {
        #expect(TerminalSafeText.visible(input, keepingStyle: false) == shown)
        #expect(TerminalSafeText.visible(shown, keepingStyle: false) == shown)
    }

    @Test func markdownFenceOutgrowsTheLongestBacktickRun() {
        #expect(MarkdownReport.fenced("a\n").hasPrefix("```text\n"))
        #expect(MarkdownReport.fenced("a ````` b\n").hasPrefix("``````text\n"))
        #expect(MarkdownReport.fenced("a ````` b\n").hasSuffix("\n``````\n"))
    }
}
