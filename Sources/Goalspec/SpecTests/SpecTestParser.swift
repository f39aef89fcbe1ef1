/// Parses `.goaltest` files: `spec` and `test` lines at the left margin, a test's clauses indented
/// below it (`spec`, `at`, `data`, `expect`), an inline table's rows indented below its `data`
/// line. `#` starts a comment outside strings and tables. Problems are GS0701 diagnostics.
struct SpecTestParser {
    let source: SourceFile
    let file: Int
    var diagnostics: [Diagnostic] = []

    static let clauses = ["spec", "at", "data", "expect"]

    init(_ source: SourceFile, file: Int) {
        self.source = source
        self.file = file
    }

    /// One line of the file: its bytes without the line break, and where it starts.
    struct Line {
        var bytes: [UInt8]
        var start: Int
        var number: Int
        /// Leading spaces.
        var indent: Int
        var isBlank: Bool
    }

    /// A test being read, before its required parts are checked.
    struct Draft {
        var name: String
        var range: SourceRange
        var spec: LocatedText?
        var period: Period?
        var data: [TestData] = []
        var expectations: [Expectation] = []
        /// The parser's error count when the test began: a test with errors of its own is dropped
        /// without a further error for what the broken lines would have given.
        var errorsAtStart = 0
    }

    mutating func parse() -> [SpecTest] {
        let lines = splitLines()
        var tests: [SpecTest] = []
        var fileSpec: LocatedText?
        var draft: Draft?
        var index = 0
        func finish(_ d: Draft?, into tests: inout [SpecTest], parser: inout SpecTestParser) {
            guard let d, parser.diagnostics.count == d.errorsAtStart else { return }
            guard let spec = d.spec ?? fileSpec else {
                parser.error(d.range, "test \"\(d.name)\" names no spec",
                             hint: "add 'spec \"FILE.goal\"' below the test, or once at the top of the file")
                return
            }
            if d.expectations.isEmpty {
                parser.error(d.range, "test \"\(d.name)\" expects nothing", hint: "add lines such as 'expect job met'")
                return
            }
            tests.append(SpecTest(name: d.name, range: d.range, spec: spec, period: d.period, data: d.data,
                                  expectations: d.expectations))
        }
        while index < lines.count {
            let line = lines[index]
            index += 1
            if line.isBlank { continue }
            if line.bytes.prefix(while: { $0 == 0x20 || $0 == 0x09 }).contains(0x09) {
                error(range(line, 0, line.bytes.count), "tab in indentation", hint: "indent with spaces")
                continue
            }
            let content = withoutComment(line)
            if content.allSatisfy({ $0 == 0x20 }) { continue }
            guard let (word, afterWord) = firstWord(content, from: line.indent) else { continue }
            if line.indent == 0 {
                switch word {
                case "test":
                    finish(draft, into: &tests, parser: &self)
                    draft = nil
                    guard let name = quoted(line, content, from: afterWord, what: "the test's name") else { continue }
                    draft = Draft(name: name.text, range: range(line, 0, content.count), errorsAtStart: diagnostics.count)
                case "spec":
                    guard let path = quoted(line, content, from: afterWord, what: "the spec's path") else { continue }
                    if draft != nil || !tests.isEmpty {
                        error(path.range, "a file-wide 'spec' line comes before the first test",
                              hint: "indent it to give this test its own spec")
                    } else {
                        fileSpec = path
                    }
                default:
                    error(range(line, 0, word.utf8.count), "expected 'test \"NAME\"' or 'spec \"FILE.goal\"', found '\(word)'",
                          hint: Suggestions.closest(to: word, among: ["test", "spec"]).map { "did you mean '\($0)'?" })
                }
                continue
            }
            guard draft != nil else {
                error(range(line, line.indent, content.count), "indented line outside a test",
                      hint: "start a test with 'test \"NAME\"' at the left margin")
                continue
            }
            switch word {
            case "spec":
                if let path = quoted(line, content, from: afterWord, what: "the spec's path") { draft?.spec = path }
            case "at":
                let text = trimmed(content, from: afterWord)
                if let period = Period(parsing: text.text) {
                    draft?.period = period
                } else {
                    error(range(line, text.start, text.end), "'\(text.text)' is not a period",
                          hint: "periods are written \(Period.dataSpellings)")
                }
            case "data":
                // The rows of an inline table: the lines below indented deeper than this one.
                var rows: [Line] = []
                while index < lines.count, lines[index].isBlank || lines[index].indent > line.indent {
                    if !lines[index].isBlank { rows.append(lines[index]) }
                    index += 1
                }
                if let data = dataClause(line, content, from: afterWord, rows: rows) { draft?.data.append(data) }
            case "expect":
                if let e = expectation(line, content, from: afterWord) { draft?.expectations.append(e) }
            default:
                error(range(line, line.indent, line.indent + word.utf8.count), "unknown clause '\(word)' in a test",
                      hint: Suggestions.closest(to: word, among: Self.clauses).map { "did you mean '\($0)'?" }
                        ?? "a test has spec, at, data and expect lines")
            }
        }
        finish(draft, into: &tests, parser: &self)
        return tests
    }

    // MARK: Clauses

    /// `data NAME` with table rows below, or `data NAME from "PATH"`.
    mutating func dataClause(_ line: Line, _ content: [UInt8], from start: Int, rows: [Line]) -> TestData? {
        let rest = trimmed(content, from: start)
        var nameEnd = rest.end
        var file: LocatedText?
        if let from = find(Array(" from ".utf8), in: content, from: rest.start) {
            nameEnd = from
            guard let path = quoted(line, content, from: from + 6, what: "the data file's path") else { return nil }
            file = path
        }
        let name = trimmed(Array(content[rest.start..<nameEnd]), from: 0)
        guard !name.text.isEmpty else {
            error(range(line, line.indent, content.count), "'data' needs the dataset's name", hint: "write 'data employment' with a table below, or 'data employment from \"FILE.csv\"'")
            return nil
        }
        let nameText = LocatedText(text: name.text, range: range(line, rest.start + name.start, rest.start + name.end))
        if let file {
            if let first = rows.first {
                error(range(first, first.indent, first.bytes.count), "a table below 'data \(name.text) from \"…\"'",
                      hint: "give the dataset either a file or a table")
                return nil
            }
            return TestData(name: nameText, source: .file(file))
        }
        guard !rows.isEmpty else {
            error(nameText.range, "'data \(name.text)' has no table below it",
                  hint: "indent the CSV rows (header first) below it, or write 'data \(name.text) from \"FILE.csv\"'")
            return nil
        }
        // Rows are CSV as written: no comments; the indentation is not part of a row.
        let text = rows.map { row in
            String(decoding: row.bytes.dropFirst(row.indent), as: UTF8.self)
        }.joined(separator: "\n") + "\n"
        return TestData(name: nameText, source: .table(text))
    }

    /// `expect ID VERDICT` or `expect ID FIGURE = VALUE`.
    mutating func expectation(_ line: Line, _ content: [UInt8], from start: Int) -> Expectation? {
        let lineRange = range(line, line.indent, content.count)
        guard let (id, afterID) = firstWord(content, from: skipSpaces(content, from: start)) else {
            error(lineRange, "'expect' needs a target id and what to expect", hint: "write 'expect job met' or 'expect job share(job) = 86.2%'")
            return nil
        }
        let idStart = skipSpaces(content, from: start)
        let titleStart = skipSpaces(content, from: afterID)
        if id == "goal", titleStart < content.count, content[titleStart] == 0x22 {
            return goalExpectation(line, content, titleStart: titleStart, lineRange: lineRange)
        }
        let target = LocatedText(text: id, range: range(line, idStart, afterID))
        let rest = trimmed(content, from: afterID)
        if let verdict = verdict(rest.text) {
            return Expectation(target: target, kind: .verdict(verdict), range: lineRange)
        }
        let tail = Array(content[rest.start..<rest.end])
        if let eq = findLast(Array(" = ".utf8), in: tail) {
            let label = trimmed(Array(tail[..<eq]), from: 0)
            let value = trimmed(Array(tail[(eq + 3)...]), from: 0)
            if !label.text.isEmpty && !value.text.isEmpty {
                let labelRange = range(line, rest.start + label.start, rest.start + label.end)
                return Expectation(target: target, kind: .figure(label: LocatedText(text: label.text, range: labelRange), value: value.text),
                                   range: lineRange)
            }
        }
        error(rest.text.isEmpty ? lineRange : range(line, rest.start, rest.end),
              rest.text.isEmpty ? "'expect \(id)' needs what to expect" : "expected a verdict or 'FIGURE = VALUE', found '\(rest.text)'",
              hint: "a verdict is met, at risk, not met, no data or error; a figure is written as the report shows it: 'share(job) = 86.2%' or 'margin = +0.3pp'")
        return nil
    }

    /// `expect goal "TITLE" VERDICT`.
    mutating func goalExpectation(_ line: Line, _ content: [UInt8], titleStart: Int, lineRange: SourceRange) -> Expectation? {
        guard let close = content[(titleStart + 1)...].firstIndex(of: 0x22) else {
            error(range(line, titleStart, content.count), "unterminated string", hint: "close it with \"")
            return nil
        }
        let title = LocatedText(text: String(decoding: content[(titleStart + 1)..<close], as: UTF8.self),
                                range: range(line, titleStart, close + 1))
        let rest = trimmed(content, from: close + 1)
        guard let verdict = verdict(rest.text) else {
            error(rest.text.isEmpty ? lineRange : range(line, rest.start, rest.end),
                  rest.text.isEmpty ? "'expect goal \"\(title.text)\"' needs a verdict" : "expected a goal's verdict, found '\(rest.text)'",
                  hint: "a goal's verdict is met, at risk, not met, no data or error; goals have no figures")
            return nil
        }
        return Expectation(target: title, isGoal: true, kind: .verdict(verdict), range: lineRange)
    }

    /// A verdict as written (`not met`, `at  risk`), or nil.
    func verdict(_ text: String) -> Verdict? {
        Verdict(rawValue: text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ").lowercased())
    }

    // MARK: Lexing helpers

    func splitLines() -> [Line] {
        var out: [Line] = []
        let bytes = source.bytes
        for (n, lineStart) in source.lineStarts.enumerated() {
            let next = n + 1 < source.lineStarts.count ? source.lineStarts[n + 1] : bytes.count
            // A UTF-8 byte order mark (an editor's) is not part of the first line.
            let start = n == 0 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? min(3, next) : lineStart
            var end = max(start, next)
            if end > start, end <= bytes.count, bytes[end - 1] == 0x0A { end -= 1 }
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            let lineBytes = start <= end && end <= bytes.count ? Array(bytes[start..<end]) : []
            let indent = lineBytes.prefix(while: { $0 == 0x20 }).count
            let blank = lineBytes.allSatisfy { $0 == 0x20 || $0 == 0x09 }
            out.append(Line(bytes: lineBytes, start: start, number: n + 1, indent: indent, isBlank: blank))
        }
        return out
    }

    /// The line up to a `#` outside a string.
    func withoutComment(_ line: Line) -> [UInt8] {
        var inString = false
        for (i, b) in line.bytes.enumerated() {
            if b == 0x22 { inString.toggle() }
            if b == 0x23 && !inString { return Array(line.bytes[..<i]) }
        }
        return line.bytes
    }

    func skipSpaces(_ bytes: [UInt8], from start: Int) -> Int {
        var i = max(0, start)
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        return i
    }

    /// The word (up to a space) at `start`, and the offset after it; nil at the end of the line.
    func firstWord(_ bytes: [UInt8], from start: Int) -> (String, Int)? {
        let s = skipSpaces(bytes, from: start)
        guard s < bytes.count else { return nil }
        var e = s
        while e < bytes.count, bytes[e] != 0x20, bytes[e] != 0x09 { e += 1 }
        return (String(decoding: bytes[s..<e], as: UTF8.self), e)
    }

    /// The text from `start` without surrounding spaces, with its offsets.
    func trimmed(_ bytes: [UInt8], from start: Int) -> (text: String, start: Int, end: Int) {
        let s = skipSpaces(bytes, from: start)
        var e = bytes.count
        while e > s, bytes[e - 1] == 0x20 || bytes[e - 1] == 0x09 { e -= 1 }
        return (String(decoding: bytes[s..<e], as: UTF8.self), s, e)
    }

    func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard needle.count <= bytes.count, start <= bytes.count - needle.count else { return nil }
        for i in max(0, start)...(bytes.count - needle.count) where bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
        return nil
    }

    func findLast(_ needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        for i in stride(from: bytes.count - needle.count, through: 0, by: -1) where bytes[i..<(i + needle.count)].elementsEqual(needle) {
            return i
        }
        return nil
    }

    /// A `"…"` string after `start` and nothing else on the line; reports what is wrong otherwise.
    mutating func quoted(_ line: Line, _ content: [UInt8], from start: Int, what: String) -> LocatedText? {
        let s = skipSpaces(content, from: start)
        guard s < content.count, content[s] == 0x22 else {
            error(range(line, min(s, content.count), content.count), "expected \(what) in double quotes",
                  hint: "write it as \"…\"")
            return nil
        }
        guard let close = content[(s + 1)...].firstIndex(of: 0x22) else {
            error(range(line, s, content.count), "unterminated string", hint: "close it with \"")
            return nil
        }
        let after = skipSpaces(content, from: close + 1)
        if after < content.count {
            error(range(line, after, content.count), "unexpected text after \(what)", hint: nil)
            return nil
        }
        return LocatedText(text: String(decoding: content[(s + 1)..<close], as: UTF8.self), range: range(line, s, close + 1))
    }

    func range(_ line: Line, _ from: Int, _ to: Int) -> SourceRange {
        SourceRange(file: file, line.start + max(0, from), line.start + max(from, to))
    }

    mutating func error(_ range: SourceRange, _ message: String, hint: String?) {
        diagnostics.append(Diagnostic(.testFileMalformed, at: .source(range), message, hint: hint))
    }
}
