import Foundation
import Testing
@testable import Goalspec

/// Formats spec text held in memory.
func formatText(_ text: String, path: String = "t.goal") -> (text: String?, diagnostics: [Diagnostic]) {
    SpecFormatter.format(SourceFile(path: path, text: text))
}

/// The formatted text, recording an issue when the spec has syntax errors.
func formatted(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
    let (out, diagnostics) = formatText(text)
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))", sourceLocation: sourceLocation)
    return out ?? ""
}

/// The formatted form of one expression, written as a define's body.
func formattedExpression(_ expression: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
    let out = formatted("define e = \(expression)\n", sourceLocation: sourceLocation)
    #expect(out.hasPrefix("define e = ") && out.hasSuffix("\n"), "\(out)", sourceLocation: sourceLocation)
    return String(out.dropFirst("define e = ".count).dropLast())
}

/// One case of the formatter's golden corpus: `Golden/format/NAME.goal` is the input and
/// `NAME.formatted` exactly what `SpecFormatter.format` prints for it. Re-record with
/// `GOALSPEC_UPDATE_GOLDEN=1 swift test --filter Format` after checking the new output.
struct FormatGoldenCase: Sendable, Hashable, CustomTestStringConvertible {
    static let folder = testsDirectory.appendingPathComponent("Golden").appendingPathComponent("format")
    static let minimumCount = 12
    static var updating: Bool { Golden.updating }

    static let all: [FormatGoldenCase] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".goal") }.sorted().map { FormatGoldenCase(name: String($0.dropLast(5))) }
    }()

    let name: String
    var testDescription: String { name }
    var inputPath: String { Self.folder.path + "/" + name + ".goal" }
    var expectedPath: String { Self.folder.path + "/" + name + ".formatted" }

    func input() throws -> SourceFile {
        let data = try #require(FileManager.default.contents(atPath: inputPath))
        return SourceFile(path: name + ".goal", bytes: [UInt8](data))
    }

    func expected() -> String? {
        FileManager.default.contents(atPath: expectedPath).map { String(decoding: $0, as: UTF8.self) }
    }
}

@Suite("Formatter")
struct FormatTests {
    // MARK: Golden files

    @Test("the golden corpus has enough cases, each with its expected output")
    func goldenCorpus() {
        #expect(FormatGoldenCase.all.count >= FormatGoldenCase.minimumCount)
        for c in FormatGoldenCase.all where !FormatGoldenCase.updating {
            #expect(FileManager.default.fileExists(atPath: c.expectedPath), "\(c.name).formatted is missing")
        }
    }

    @Test("golden files: input formats to exactly the recorded text", arguments: FormatGoldenCase.all)
    func golden(_ c: FormatGoldenCase) throws {
        let (text, diagnostics) = SpecFormatter.format(try c.input())
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        let actual = try #require(text)
        if FormatGoldenCase.updating {
            try Data(actual.utf8).write(to: URL(fileURLWithPath: c.expectedPath))
            return
        }
        let expected = try #require(c.expected(), "no \(c.name).formatted; record it with GOALSPEC_UPDATE_GOLDEN=1")
        #expect(actual == expected,
                "\(c.name) differs from the golden file:\n\(LineDiff.unified(old: expected, new: actual, oldName: "expected", newName: "actual"))")
        // The recorded text is itself formatted, and differs from the messy input.
        #expect(formatText(expected).text == expected)
        #expect(try c.input().text != expected, "the input of \(c.name) is already formatted: it tests nothing")
    }

    // MARK: Parentheses

    @Test("redundant parentheses are dropped, needed ones kept", arguments: [
        ("((a + b)) * c", "(a + b) * c"),
        ("a + (b * c)", "a + b * c"),
        ("(a - b) - c", "a - b - c"),
        ("a - (b - c)", "a - (b - c)"),
        ("a - (b + c)", "a - (b + c)"),
        ("a / (b * c)", "a / (b * c)"),
        ("(a / b) * c", "a / b * c"),
        ("-(a + b)", "-(a + b)"),
        ("-(a)", "-a"),
        ("- - a", "- -a"),
        ("(-a) at 2024K3", "(-a) at 2024K3"),
        ("-(a at 2024K3)", "-a at 2024K3"),
        ("((a) at previous) at 2024", "a at previous at 2024"),
        ("(a + b) at previous", "(a + b) at previous"),
        ("(x or y) and z", "(x or y) and z"),
        ("x or (y and z)", "x or y and z"),
        ("(x or y) or z", "x or y or z"),
        ("x or (y or z)", "x or (y or z)"),
        ("not (x and y)", "not (x and y)"),
        ("(not x) and y", "not x and y"),
        ("not (x == 1)", "not x == 1"),
        ("(not x) == 1", "(not x) == 1"),
        ("(x == 1) == true", "(x == 1) == true"),
        ("x == (1 == y)", "x == (1 == y)"),
        ("(x rises) and (y falls)", "x rises and y falls"),
        ("(x + y) rises", "x + y rises"),
        ("(x rises) == true", "(x rises) == true"),
        ("(x in [1, 2]) or (y in g)", "x in [1, 2] or y in g"),
        ("(x in g) == true", "(x in g) == true"),
        ("x in (g)", "x in g"),
        ("(count()) / (count(x > (1)))", "count() / count(x > 1)"),
        ("f((a or b), [(c), (d and e)])", "f(a or b, [c, d and e])"),
        ("(7/10)", "7/10"),
        ("7 / 10", "7 / 10"),
    ])
    func parentheses(input: String, expected: String) {
        #expect(formattedExpression(input) == expected)
    }

    @Test("quantifiers keep their parentheses inside a larger expression, as the language reference asks", arguments: [
        ("(atLeast 7/10 x) and y", "(atLeast 7/10 x) and y"),
        ("y and (atLeast 7/10 (x or z))", "y and (atLeast 7/10 x or z)"),
        ("(all x) or (none y)", "(all x) or (none y)"),
        ("not (all x)", "not (all x)"),
        ("((all x) == true)", "(all x) == true"),
        ("(atLeast 7/10 (x or y))", "atLeast 7/10 x or y"),
        ("all (atLeast 70% x)", "all (atLeast 70% x)"),
        ("atMost 20% (x and y)", "atMost 20% x and y"),
        ("share((all x))", "share(all x)"),
    ])
    func quantifierParentheses(input: String, expected: String) {
        #expect(formattedExpression(input) == expected)
    }

    @Test("a quantifier's ratio keeps parentheses when it would run into the condition", arguments: [
        ("atLeast (r) x", "atLeast (r) x"),
        ("atLeast (r) (x or y) and z", "atLeast (r) (x or y) and z"),
        ("atLeast (r) `x`", "atLeast r `x`"),
        ("atLeast (r) -x", "atLeast r -x"),
        ("atLeast (7) days > 3", "atLeast (7) days > 3"),
        ("atLeast (7) x", "atLeast 7 x"),
        ("atLeast (f(a)) x", "atLeast f(a) x"),
        ("atLeast (7/10) (x)", "atLeast 7/10 x"),
        ("atLeast (r + s) x", "atLeast (r + s) x"),
    ])
    func quantifierRatio(input: String, expected: String) {
        #expect(formattedExpression(input) == expected)
    }

    @Test("a condition that would start with 'data' and a word, or a keyword in another case, stays a condition")
    func clauseWordsAtLineStart() {
        let out = formatted("target t\n  (data quality) > 0.9\ntarget u\n  data(x) > 1\ntarget v\n  data d\n  (ALL) > 1 and x\n")
        #expect(out == "target t\n  (data quality > 0.9)\n\ntarget u\n  data(x) > 1\n\ntarget v\n  data d\n  (ALL > 1 and x)\n")
        #expect(formatted("define d = (data quality) + (ALL)\n") == "define d = data quality + ALL\n")
    }

    // MARK: Spacing and literals

    @Test("spacing: around operators, after commas, none inside brackets; literals as written")
    func spacingAndLiterals() {
        #expect(formattedExpression("share( job )>=avg( 6byer )+1.0pp") == "share(job) >= avg(6byer) + 1.0pp")
        #expect(formattedExpression("percentile(x,90)*2/ 3") == "percentile(x, 90) * 2 / 3")
        #expect(formattedExpression("[ \"a\" ,\"b\" ]") == "[\"a\", \"b\"]")
        #expect(formattedExpression("0.50 + 1.0pp + 70.0% + 2024q3") == "0.50 + 1.0pp + 70.0% + 2024q3")
        #expect(formattedExpression("2.5 mio.   kr + 3 t.kr. + 5 kr.") == "2.5 mio. kr + 3 t.kr + 5 kr")
        #expect(formattedExpression("x rises   yearly   from   2015") == "x rises yearly from 2015")
        #expect(formattedExpression("reach    goal") == "reach goal")
        #expect(formattedExpression("`reach  goal`") == "`reach  goal`")
        #expect(formattedExpression("\"a\\\"b\\\\c\\nd\\te\"") == "\"a\\\"b\\\\c\\nd\\te\"")
    }

    @Test("the focus keeps its written form: = or a list; == becomes =")
    func focusForms() {
        let out = formatted("target a\n  for c == \"x\"\n  y\ntarget b\n  for c in [\"x\"]\n  y\n")
        #expect(out == "target a\n  for c = \"x\"\n  y\n\ntarget b\n  for c in [\"x\"]\n  y\n")
    }

    @Test("block lines keep their source order; met when stays where it was written")
    func blockOrder() {
        let text = "goal \"g\"\n  target a\n    x\n    by c\n    at 2024\n  met when atLeast 1\n"
        #expect(formatted(text) == text)
    }

    // MARK: Comments and blank lines

    @Test("trailing comments stay on their line after two spaces; whole-line comments take the next line's indentation")
    func comments() {
        let text = """
        data d from "d.csv"      # where
              # about time
          time quarter#tight
        target t
          x > 1
            # after the block

        """
        #expect(formatted(text) == """
        data d from "d.csv"  # where
          # about time
          time quarter  #tight

        target t
          x > 1
        # after the block

        """)
    }

    @Test("comments inside a line continued in brackets move before the line, in order")
    func commentsInsideBrackets() {
        let text = "group g = c in [\"a\", # first\n    # second\n    \"b\"]  # third\n"
        #expect(formatted(text) == "# first\n# second\ngroup g = c in [\"a\", \"b\"]  # third\n")
    }

    @Test("blank lines: one between top-level declarations, at most one kept inside blocks, none at the start")
    func blankLines() {
        let text = "\n\n# head\n\n\nimport \"a\"\nimport \"b\"\ndefine x = 1\n\n\ndefine y = 2\ntarget t\n\n  data d\n\n\n  x\n"
        #expect(formatted(text) == "# head\n\nimport \"a\"\nimport \"b\"\n\ndefine x = 1\n\ndefine y = 2\n\ntarget t\n\n  data d\n\n  x\n")
        #expect(formatted("goal \"g\"\n\n\n  goal \"h\"\n    target t\n      x\n") == "goal \"g\"\n\n  goal \"h\"\n    target t\n      x\n")
    }

    @Test("the blank line between declarations goes before the comments that lead the next one")
    func blankLineBeforeLeadingComments() {
        #expect(formatted("target a\n  x\n# about b\ntarget b\n  y\n") == "target a\n  x\n\n# about b\ntarget b\n  y\n")
    }

    @Test("CRLF, a byte-order mark, tabs in comment lines and trailing spaces are normalized")
    func lineEnds() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("target t   \r\n\t# tabbed   \r\n  x > 1\r\n".utf8)
        let (text, diagnostics) = SpecFormatter.format(SourceFile(path: "t.goal", bytes: bytes))
        #expect(diagnostics.isEmpty)
        #expect(text == "target t\n  # tabbed\n  x > 1\n")
    }

    @Test("an empty file or one of blank lines formats to nothing; a file of comments keeps them")
    func emptyFiles() {
        #expect(formatted("") == "")
        #expect(formatted("\n  \n\n") == "")
        #expect(formatted("  # one\n\n\n# two") == "# one\n\n# two\n")
    }

    // MARK: Errors

    @Test("a file with syntax errors is not formatted: nil text and the parser's diagnostics", arguments: [
        "target t\n  share(job) >= (70%\n",
        "target t\n  a < b < c\n",
        "target t\n  x = 1\n",
        "target t\n\tx > 1\n",
        "data d frm \"x\"\n",
        "target t \"unterminated\n  x\n",
    ])
    func syntaxErrors(text: String) {
        let (out, diagnostics) = formatText(text)
        #expect(out == nil)
        #expect(!diagnostics.isEmpty)
        #expect(diagnostics.allSatisfy { $0.severity == .error })
        #expect(diagnostics.map(\.code) == SpecParser.parse(SourceFile(path: "t.goal", text: text), file: 0).diagnostics.map(\.code))
    }

    // MARK: Structure

    @Test("the structural form tells apart trees that differ in any way but ranges and ids", arguments: [
        ("a - b - c", "a - (b - c)"),
        ("7/10", "7 / 10"),
        ("`x`", "x"),
        ("reach goal", "reach_goal"),
        ("30 days", "30"),
        ("1.0pp", "1pp"),
        ("x at 2024", "x at previous"),
        ("x rises", "x falls"),
        ("x rises yearly from 2015", "x rises"),
        ("atLeast 7/10 x", "atMost 7/10 x"),
        ("\"a\"", "\"b\""),
        ("f(a, b)", "f(a)"),
        ("[a]", "a"),
        ("not x", "-x"),
    ])
    func structureDistinguishes(a: String, b: String) {
        let ta = parse("define e = \(a)\n").tree
        let tb = parse("define e = \(b)\n").tree
        #expect(ta.structure != tb.structure)
    }

    @Test("the structural form ignores ranges, ids, spacing and redundant parentheses")
    func structureIgnoresLayout() {
        let a = parse("target t\n  data d\n  share(job)>=(avg(6byer)+1.0pp)\n").tree
        let b = parse("\n\n# c\ntarget   t\n    data   d\n    share( job ) >= avg(6byer) + 1.0pp  # x\n").tree
        #expect(a.structure == b.structure)
        #expect(a != b)
        #expect(a.structure.contains("(>= (call (name \"share\") (name \"job\"))"))
    }

    // MARK: Diff

    @Test("the line diff shows changed lines with context and hunk headers")
    func lineDiff() {
        let old = (1...12).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let new = old.replacingOccurrences(of: "line 6\n", with: "line six\n")
        let diff = LineDiff.unified(old: old, new: new, oldName: "a.goal", newName: "a.goal (formatted)")
        #expect(diff == """
        --- a.goal
        +++ a.goal (formatted)
        @@ -3,7 +3,7 @@
         line 3
         line 4
         line 5
        -line 6
        +line six
         line 7
         line 8
         line 9

        """)
        #expect(LineDiff.unified(old: old, new: old, oldName: "a", newName: "b") == "")
        #expect(LineDiff.unified(old: "a\r\nb\r\n", new: "a\nb\n", oldName: "a", newName: "b").contains("only the line ends differ"))
    }

    @Test("distant changes make separate hunks; an insertion at the top starts at line 0 of the old side")
    func lineDiffHunks() {
        let old = (1...20).map { "l\($0)" }.joined(separator: "\n") + "\n"
        let new = "new\n" + old.replacingOccurrences(of: "l18\n", with: "")
        let diff = LineDiff.unified(old: old, new: new, oldName: "a", newName: "b")
        #expect(diff.components(separatedBy: "\n@@ ").count == 3)
        #expect(diff.contains("@@ -1,3 +1,4 @@\n+new\n l1\n"))
        #expect(diff.contains("-l18\n"))
    }
}
