/// One suggestion at the cursor: a column, define, group, dataset, value, keyword or function.
public struct EditorCompletion: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case column, define, group, dataset, value, keyword, function
    }

    /// What the list shows: the name as declared or as the data spells it.
    public var label: String
    public var kind: Kind
    /// Where it comes from: `column of employment (integer)`.
    public var detail: String
    /// The text put in place of `replacing`: a column whose name is not a plain Goalspec name is
    /// written in backticks; a function is a snippet (`share($1)`).
    public var insertText: String
    public var isSnippet = false
    /// What the editor matches the typed text against: the name with spaces as underscores, so
    /// `job_st` and `job st` both find the column `job status`.
    public var filterText: String
    /// The bytes typed so far that the suggestion replaces (several words of a multi-word name).
    public var replacing: SourceRange

    static let declarationWords = ["spec", "source", "import", "data", "from", "entity", "time", "weight", "unit",
                                   "counts", "sheet", "decimal", "thousands", "encoding", "group", "define",
                                   "target", "goal", "met", "when", "risk", "within"]
    static let functions: [(name: String, doc: String)] = [
        ("share", "share of rows (or Σ weight) where a condition holds"), ("count", "rows, or rows where a condition holds"),
        ("sum", "sum of a column"), ("mean", "mean of a column"), ("median", "median of a column"),
        ("min", "smallest value, or the smallest member of a group"), ("max", "largest value, or the largest member of a group"),
        ("percentile", "percentile(x, 90)"), ("avg", "average over a group's members"),
        ("pooled", "the measure over all rows of a group's members"),
        ("change", "M minus M at the previous period"), ("growth", "M ÷ M at the previous period − 1"),
    ]

    /// The suggestions at a byte offset of the document.
    public static func at(_ offset: Int, in analysis: DocumentAnalysis) -> [EditorCompletion] {
        guard let source = analysis.source, let file = analysis.file else { return [] }
        let clamped = max(0, min(offset, source.bytes.count))
        let lineStart = source.lineStarts[source.line(of: clamped) - 1]
        let before = Array(source.bytes[lineStart..<clamped])
        if let (column, typed) = stringContext(before, source: source, lineStart: lineStart) {
            let range = SourceRange(file: file, clamped - typed, clamped)
            return values(forColumn: column, analysis, replacing: range)
        }
        var items: [EditorCompletion] = []
        for d in analysis.result.datasets {
            for c in d.schema.columns {
                items.append(named(c.name, .column, detail: "column of \(d.name) (\(c.type.rawValue))", before, clamped, file))
            }
        }
        var seen = Set<String>()
        for decl in analysis.declarations {
            switch decl {
            case .define(let d) where seen.insert("d" + d.name.matchKey).inserted:
                let body = analysis.sources.file(d.body.range.file)?.text(in: d.body.range) ?? ""
                items.append(named(d.name.text, .define, detail: "define = \(body)", before, clamped, file))
            case .group(let g) where seen.insert("g" + g.name.matchKey).inserted:
                items.append(named(g.name.text, .group, detail: "group of \(g.members.count) \(g.column.text) values", before, clamped, file))
            case .data(let d) where seen.insert("s" + d.name.matchKey).inserted:
                items.append(named(d.name.text, .dataset, detail: "data from \(d.path.value)", before, clamped, file))
            default: break
            }
        }
        let word = typedWord(before)
        let wordRange = SourceRange(file: file, clamped - word.count, clamped)
        for k in Keyword.allCases.map(\.rawValue) + declarationWords {
            items.append(EditorCompletion(label: k, kind: .keyword, detail: "keyword", insertText: k, filterText: k, replacing: wordRange))
        }
        for f in functions {
            items.append(EditorCompletion(label: f.name, kind: .function, detail: f.doc, insertText: "\(f.name)($1)",
                                          isSnippet: true, filterText: f.name, replacing: wordRange))
        }
        return items
    }

    /// A name suggestion replacing as many typed words as start the name (`job st` before `job status`).
    static func named(_ name: String, _ kind: Kind, detail: String, _ before: [UInt8], _ offset: Int, _ file: Int) -> EditorCompletion {
        let key = Name.matchKey(name)
        var replaced = typedWord(before).count
        // Extend over earlier words while the typed words, folded as names are, still start the name.
        var start = before.count - replaced
        var probe = start
        while probe > 0 {
            var i = probe
            while i > 0, before[i - 1] == UInt8(ascii: " ") { i -= 1 }
            guard i < probe, i > 0 else { break }
            var j = i
            while j > 0, isWordByte(before[j - 1]) { j -= 1 }
            guard j < i else { break }
            let typed = Name.matchKey(String(decoding: before[j..<before.count], as: UTF8.self))
            guard key.hasPrefix(typed) else { break }
            start = j
            probe = j
        }
        replaced = before.count - start
        return EditorCompletion(label: name, kind: kind, detail: detail, insertText: written(name),
                                filterText: String(decoding: before[start...], as: UTF8.self).contains(" ") ? name : key,
                                replacing: SourceRange(file: file, offset - replaced, offset))
    }

    /// The name as a spec writes it: as is when the lexer reads it back as plain words, else in backticks.
    static func written(_ name: String) -> String {
        let (tokens, _, diagnostics) = Lexer.tokenize(SourceFile(path: "", text: name), file: 0)
        let words = tokens.compactMap { t -> String? in
            if case .word(let w) = t.kind { return w }
            return nil
        }
        let plain = diagnostics.isEmpty && words.joined(separator: " ") == name
            && tokens.allSatisfy { if case .word = $0.kind { true } else if case .end = $0.kind { true } else if case .newline = $0.kind { true } else { false } }
        return plain ? name : "`\(name)`"
    }

    static func isWordByte(_ b: UInt8) -> Bool {
        b >= 0x80 || b == UInt8(ascii: "_") || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
            || (b | 0x20 >= UInt8(ascii: "a") && b | 0x20 <= UInt8(ascii: "z"))
    }

    /// The bytes of the word being typed.
    static func typedWord(_ before: [UInt8]) -> [UInt8] {
        var i = before.count
        while i > 0, isWordByte(before[i - 1]) { i -= 1 }
        return Array(before[i...])
    }

    /// When the cursor is inside a string of a group's list or a `for` clause: the column whose
    /// values are wanted and how many bytes of the value are typed.
    static func stringContext(_ before: [UInt8], source: SourceFile, lineStart: Int) -> (column: String, typed: Int)? {
        let quotes = before.filter { $0 == UInt8(ascii: "\"") }.count
        guard quotes % 2 == 1, let open = before.lastIndex(of: UInt8(ascii: "\"")) else { return nil }
        // The declaration may span lines inside `[ ]`: read back to the line that starts it.
        var start = lineStart
        var line = source.line(of: lineStart)
        while line > 1, start < source.bytes.count, source.bytes[start] == UInt8(ascii: " ") {
            line -= 1
            start = source.lineStarts[line - 1]
        }
        let head = String(decoding: source.bytes[start..<lineStart] + before[..<open], as: UTF8.self)
        let words = head.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }).map(String.init)
        // `for COLUMN = "` / `for COLUMN in ["`
        if let f = words.lastIndex(of: "for"), f + 1 < words.count {
            let rest = words[(f + 1)...].prefix { $0 != "=" && $0 != "in" && !$0.hasPrefix("[") }
            if !rest.isEmpty { return (rest.joined(separator: " "), before.count - open - 1) }
        }
        // `group NAME = COLUMN in ["`
        if let g = words.lastIndex(of: "group"), let eq = words[g...].firstIndex(of: "="), eq + 1 < words.count {
            let rest = words[(eq + 1)...].prefix { $0 != "in" && !$0.hasPrefix("[") }
            if !rest.isEmpty { return (rest.joined(separator: " "), before.count - open - 1) }
        }
        return nil
    }

    static func values(forColumn name: String, _ analysis: DocumentAnalysis, replacing: SourceRange) -> [EditorCompletion] {
        guard let (column, dataset) = analysis.column(Name.matchKey(name), for: nil) else { return [] }
        return analysis.values(of: column, in: dataset).map {
            EditorCompletion(label: $0, kind: .value, detail: "value of \(column.name) in \(dataset.name)", insertText: $0,
                             filterText: $0, replacing: replacing)
        }
    }
}
