import Foundation
import Testing
@testable import Goalspec

/// The VS Code grammar (editors/vscode/syntaxes/goalspec.tmLanguage.json) colours what the
/// real lexer reads: every keyword, number, period, string, name in backticks, operator and
/// comment the lexer produces on every spec of Specs/ and the golden corpora gets the matching
/// scope, and no plain name gets a keyword's. The grammar is applied as TextMate applies it:
/// line by line, the rule matching earliest wins, ties going to the rule listed first.
@Suite struct GrammarScopeTests {
    static let root = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    static let grammarPath = root.appendingPathComponent("editors/vscode/syntaxes/goalspec.tmLanguage.json").path

    struct Rule {
        var regex: NSRegularExpression
        var name: String?
        var captures: [Int: String]
    }

    /// The grammar's rules in the order TextMate tries them, includes resolved.
    static func rules() throws -> [Rule] {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: grammarPath)))
        let grammar = try #require(JSONParser.parse(bytes))
        #expect(grammar["scopeName"]?.stringValue == "source.goalspec")
        var out: [Rule] = []
        func add(_ pattern: JSONValue, depth: Int) throws {
            guard depth < 10 else { return }
            if let include = pattern["include"]?.stringValue, include.hasPrefix("#") {
                let rule = try #require(grammar["repository"]?[String(include.dropFirst())], "no rule \(include)")
                try add(rule, depth: depth + 1)
                return
            }
            if let nested = pattern["patterns"]?.arrayValue {
                for p in nested { try add(p, depth: depth + 1) }
                return
            }
            let match = try #require(pattern["match"]?.stringValue, "a rule without 'match' (begin/end is not used)")
            var captures: [Int: String] = [:]
            if case .object(let pairs)? = pattern["captures"] {
                for (k, v) in pairs { if let i = Int(k), let n = v["name"]?.stringValue { captures[i] = n } }
            }
            out.append(Rule(regex: try NSRegularExpression(pattern: match, options: [.anchorsMatchLines]),
                            name: pattern["name"]?.stringValue, captures: captures))
        }
        for p in grammar["patterns"]?.arrayValue ?? [] { try add(p, depth: 0) }
        return out
    }

    /// The scope of each UTF-16 unit of a line.
    static func scopes(of line: String, _ rules: [Rule]) -> [String?] {
        let ns = line as NSString
        var scopes = [String?](repeating: nil, count: ns.length)
        var position = 0
        while position < ns.length {
            var best: (NSTextCheckingResult, Rule)?
            for rule in rules {
                let range = NSRange(location: position, length: ns.length - position)
                guard let m = rule.regex.firstMatch(in: line, options: [.withTransparentBounds, .withoutAnchoringBounds], range: range),
                      m.range.length > 0 else { continue }
                if best == nil || m.range.location < best!.0.range.location { best = (m, rule) }
            }
            guard let (m, rule) = best else { break }
            if let name = rule.name {
                for i in m.range.location..<NSMaxRange(m.range) { scopes[i] = name }
            }
            for (group, name) in rule.captures where group < m.numberOfRanges {
                let r = m.range(at: group)
                guard r.location != NSNotFound else { continue }
                for i in r.location..<NSMaxRange(r) { scopes[i] = name }
            }
            position = NSMaxRange(m.range)
        }
        return scopes
    }

    static let corpus: [String] = {
        var files: [String] = []
        for folder in ["Specs", "Tests/GoalspecTests/Golden"] {
            let base = root.appendingPathComponent(folder).path
            let e = FileManager.default.enumerator(atPath: base)
            while let item = e?.nextObject() as? String {
                if item.hasSuffix(".goal") || item.hasSuffix(".formatted") { files.append(base + "/" + item) }
            }
        }
        return files.sorted()
    }()

    static let declarationWords: Set<String> = ["spec", "import", "data", "group", "define", "target", "goal"]
    static let clauseWords: Set<String> = ["source", "entity", "time", "weight", "unit", "counts", "sheet", "decimal",
                                           "thousands", "encoding", "data", "met", "when", "risk", "within"]

    /// The scope the grammar must give a token's first character; nil where any non-keyword scope will do.
    static func expectedScope(_ token: Token, firstOnLine: Bool, indented: Bool, previous: Token?) -> String? {
        switch token.kind {
        case .keyword(.true), .keyword(.false): return "constant.language"
        case .keyword: return "keyword"
        case .number: return "constant.numeric"
        case .percent: return "constant.numeric.percent"
        case .points: return "constant.numeric.points"
        case .ratio: return "constant.numeric.ratio"
        case .period: return "constant.other.period"
        case .string: return "string.quoted.double"
        case .quotedName: return "variable.other.quoted"
        case .plus, .minus, .star, .slash, .assign, .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            return "keyword.operator"
        case .leftParen, .rightParen, .leftBracket, .rightBracket, .comma: return "punctuation"
        case .word(let w):
            if firstOnLine && !indented && declarationWords.contains(w) { return "storage.type.declaration" }
            if firstOnLine && indented && (w == "target" || w == "goal") { return "storage.type.declaration" }
            if firstOnLine && indented && clauseWords.contains(w) { return "keyword.other.clause" }
            if w == "when", case .word("met")? = previous?.kind { return "keyword.other.clause" }
            if (w == "risk" && previous?.kind == .keyword(.at)) || (w == "within" && previous?.kind == .word("risk")) {
                return "keyword.other.clause"
            }
            return nil
        case .newline, .indent, .dedent, .end: return nil
        }
    }

    @Test(arguments: corpus)
    func scopesMatchTheLexer(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path),
              let text = String(data: data, encoding: .utf8) else { return } // not UTF-8: the lexer's own error
        let source = SourceFile(path: path, text: text)
        let (tokens, comments, diagnostics) = Lexer.tokenize(source, file: 0)
        // Lines the lexer rejected (tabs, bad characters, unterminated strings) are not compared.
        let rejected = Set(diagnostics.compactMap { $0.sourceRange.map { source.line(of: $0.lowerBound) } })
        let rules = try Self.rules()
        var lineScopes: [Int: [String?]] = [:]
        func scope(at offset: Int) -> (String?, Int) {
            let p = source.editorPosition(of: offset)
            if lineScopes[p.line] == nil { lineScopes[p.line] = Self.scopes(of: source.lineText(p.line + 1), rules) }
            let s = lineScopes[p.line] ?? []
            return (p.character < s.count ? s[p.character] : nil, p.line + 1)
        }
        var checked = 0
        var lastLine = 0
        var previous: Token?
        for token in tokens {
            let line = source.line(of: token.range.lowerBound)
            defer {
                if case .newline = token.kind {} else if case .indent = token.kind {} else if case .dedent = token.kind {} else {
                    lastLine = line
                    previous = token
                }
            }
            guard !rejected.contains(line), token.range.upperBound > token.range.lowerBound else { continue }
            let lineStart = source.lineStarts[line - 1]
            let firstOnLine = line != lastLine
            let indented = token.range.lowerBound > lineStart
            let (actual, _) = scope(at: token.range.lowerBound)
            let shown = "\((path as NSString).lastPathComponent):\(line): \(token.kind.displayName) '\(source.text(in: token.range))'"
            if let wanted = Self.expectedScope(token, firstOnLine: firstOnLine, indented: indented, previous: firstOnLine ? nil : previous) {
                #expect(actual?.hasPrefix(wanted) == true, "\(shown) has scope \(actual ?? "none"), wanted \(wanted)")
            } else if case .word(let w) = token.kind {
                // A plain name: never a keyword, constant, string or comment (a function name before '(' is support.function).
                let allowed = actual == nil || actual?.hasPrefix("support.function") == true
                #expect(allowed, "\(shown) (\(w)) has scope \(actual ?? "none")")
            }
            checked += 1
        }
        for c in comments where !rejected.contains(source.line(of: c.lowerBound)) {
            let (actual, line) = scope(at: c.lowerBound)
            #expect(actual?.hasPrefix("comment.line") == true, "\((path as NSString).lastPathComponent):\(line): comment has scope \(actual ?? "none")")
        }
        #expect(checked > 0 || tokens.count <= 1)
    }

    @Test func corpusCoversSpecsAndGolden() {
        #expect(Self.corpus.filter { $0.contains("/Specs/") }.count >= 7)
        #expect(Self.corpus.count > 200)
    }
}
