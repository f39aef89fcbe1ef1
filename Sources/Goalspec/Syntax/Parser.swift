/// Parses a spec file into a `SyntaxTree`.
///
/// Guarantees to the checker: every node has a unique `NodeID` and a source range; a part
/// that could not be parsed is an `.invalid` expression or a dropped declaration, always
/// with a diagnostic, so the checker never reports a second error for the same mistake.
/// Recovery happens at line and block boundaries: each declaration (and each target) is
/// parsed on its own, so one broken target does not hide errors in the next.
public enum SpecParser {
    /// The deepest expression nesting accepted.
    public static let maxDepth = 64
    /// The deepest goal nesting accepted.
    public static let maxGoalDepth = 200
    /// The deepest syntax tree accepted for one expression: every operator of a chain such as
    /// `a and b and c` or `x + y + z` is one level, as are parentheses, `not` and unary minus.
    /// Far below what the recursive passes (checker, formatter, evaluator) can take on a
    /// 512 KiB thread stack in a debug build.
    public static let maxTreeDepth = 1_000

    /// Parses one file of a source set.
    public static func parse(_ source: SourceFile, file: Int) -> (tree: SyntaxTree, diagnostics: [Diagnostic]) {
        DeepStack.run { parseOnThisStack(source, file: file) }
    }

    private static func parseOnThisStack(_ source: SourceFile, file: Int) -> (tree: SyntaxTree, diagnostics: [Diagnostic]) {
        let lexed = Lexer.tokenize(source, file: file)
        var parser = Parser(tokens: lexed.tokens, file: file, nodeBase: 0)
        let declarations = parser.parseFile()
        let tree = SyntaxTree(file: file, declarations: declarations, comments: lexed.comments)
        // A target whose body has a lexical error (bad indentation, say) may look condition-less:
        // that follow-on is dropped.
        let starts = declarations.map(\.range.lowerBound).sorted()
        let parseDiagnostics = parser.diagnostics.filter { d in
            guard d.code == .missingCondition, let r = d.sourceRange else { return true }
            let next = starts.first { $0 > r.upperBound } ?? Int.max
            return !lexed.diagnostics.contains { l in (l.sourceRange?.lowerBound ?? -1) > r.lowerBound && (l.sourceRange?.lowerBound ?? -1) < next }
        }
        return (tree, lexed.diagnostics + parseDiagnostics)
    }
}

/// Words that start a declaration at the beginning of a line.
enum DeclarationWord: String, CaseIterable {
    case spec, `import`, data, group, define, target, goal
}

/// Words that start a clause inside a target (besides the keywords `for`, `where`, `at`, `by`).
let unitWords: Set<String> = ["days", "day", "kr", "tkr", "t.kr", "mio. kr", "mia. kr"]

/// Thrown inside the parser to abandon the current line; never escapes `Parser`.
struct LineAbandoned: Error {}

struct Parser {
    private let tokens: [Token]
    private let file: Int
    private var index = 0
    private var nextNode: UInt32
    private var depth = 0
    /// The depth of the syntax tree being built: `depth` plus one per link of each open chain.
    private var treeDepth = 0
    private var goalDepth = 0
    private(set) var diagnostics: [Diagnostic] = []
    /// Declarations misplaced inside a goal (reported), kept for the top level.
    private var hoisted: [Declaration] = []

    init(tokens: [Token], file: Int, nodeBase: UInt32) {
        self.tokens = tokens
        self.file = file
        self.nextNode = nodeBase
    }

    // MARK: Token access

    private var current: Token {
        index < tokens.count ? tokens[index] : Token(kind: .end, range: SourceRange(file: file, 0, 0), spaceBefore: true)
    }

    private func peekKind(_ offset: Int) -> TokenKind {
        let i = index + offset
        return i < tokens.count ? tokens[i].kind : .end
    }

    private var previousEnd: Int {
        index > 0 && index - 1 < tokens.count ? tokens[index - 1].range.upperBound : 0
    }

    @discardableResult
    private mutating func advance() -> Token {
        let t = current
        if index < tokens.count - 1 { index += 1 } else { index = tokens.count }
        return t
    }

    private mutating func newID() -> NodeID {
        defer { nextNode &+= 1 }
        return NodeID(nextNode)
    }

    private func isWord(_ text: String) -> Bool {
        if case .word(let w) = current.kind { return w == text }
        return false
    }

    private mutating func error(_ code: DiagnosticCode, _ range: SourceRange, _ message: String, hint: String? = nil) {
        diagnostics.append(Diagnostic(code, at: .source(range), message, hint: hint))
    }

    /// Reports "expected X, found Y" at the current token and abandons the line.
    private mutating func expected(_ what: String, hint: String? = nil) -> LineAbandoned {
        let found = current.kind.displayName
        error(.expectedToken, current.range, "expected \(what), found \(found)", hint: hint)
        return LineAbandoned()
    }

    private mutating func expect(_ kind: TokenKind, _ what: String) throws(LineAbandoned) -> Token {
        guard current.kind == kind else { throw expected(what) }
        return advance()
    }

    // MARK: Recovery

    /// Skips to the end of the current line, and over any block indented below it.
    private mutating func skipLine() {
        while true {
            switch current.kind {
            case .end: return
            case .newline:
                advance()
                if current.kind == .indent { skipBlock() }
                return
            default: advance()
            }
        }
    }

    /// Skips an indented block, starting at its `.indent`.
    private mutating func skipBlock() {
        var level = 0
        while current.kind != .end {
            switch current.kind {
            case .indent: level += 1
            case .dedent:
                level -= 1
                if level <= 0 { advance(); return }
            default: break
            }
            advance()
        }
    }

    private mutating func endOfLine() throws(LineAbandoned) {
        switch current.kind {
        case .newline: advance()
        case .end, .dedent: return
        default: throw expected("end of line")
        }
    }

    // MARK: Declarations

    mutating func parseFile() -> [Declaration] {
        var declarations: [Declaration] = []
        while current.kind != .end {
            switch current.kind {
            case .newline, .dedent:
                advance()
            case .indent:
                error(.unexpectedIndent, current.range, "unexpected indentation",
                      hint: "only the lines of a block (after 'spec', 'data', 'target' or 'goal') are indented")
                skipBlock()
            default:
                if let d = parseDeclaration(allowGoalChildrenOnly: false) { declarations.append(d) }
            }
        }
        return declarations + hoisted
    }

    private mutating func parseDeclaration(allowGoalChildrenOnly: Bool) -> Declaration? {
        let start = index
        do {
            guard case .word(let w) = current.kind, let word = DeclarationWord(rawValue: w) else {
                let found = current.kind.displayName
                var hint = "a line starts with spec, import, data, group, define, target or goal"
                if case .word(let w) = current.kind,
                   let s = Suggestions.closest(to: w, among: DeclarationWord.allCases.map(\.rawValue)) {
                    hint = "did you mean '\(s)'?"
                }
                error(.unknownDeclaration, current.range, "expected a declaration, found \(found)", hint: hint)
                skipLine()
                return nil
            }
            if allowGoalChildrenOnly, word != .target, word != .goal {
                error(.unknownDeclaration, current.range, "'\(w)' cannot be inside a goal",
                      hint: "declare it at the top level; a goal holds targets and goals")
                // Still read it, as if at the top level, so its uses do not fail too.
                if let d = parseDeclaration(allowGoalChildrenOnly: false) { hoisted.append(d) }
                return nil
            }
            switch word {
            case .spec: return .spec(try parseSpec())
            case .import: return .import(try parseImport())
            case .data: return .data(try parseData())
            case .group: return .group(try parseGroup())
            case .define: return .define(try parseDefine())
            case .target: return .target(try parseTarget())
            case .goal: return .goal(try parseGoal())
            }
        } catch {
            if index == start { advance() }
            skipLine()
            return nil
        }
    }

    private mutating func parseStringLiteral(_ what: String) throws(LineAbandoned) -> StringLiteral {
        guard case .string(let s) = current.kind else { throw expected(what) }
        let t = advance()
        return StringLiteral(value: s, range: t.range)
    }

    /// A possibly multi-word name: consecutive words, or one name in backticks.
    private mutating func parseName(_ what: String) throws(LineAbandoned) -> Name {
        if case .quotedName(let q) = current.kind {
            let t = advance()
            return Name(words: [q], quoted: true, range: t.range)
        }
        guard case .word = current.kind else {
            var hint: String? = nil
            if case .keyword(let k) = current.kind {
                hint = "'\(k.rawValue)' is a keyword; write `\(k.rawValue)` in backticks to use it as a name"
            }
            throw expected(what, hint: hint)
        }
        var words: [String] = []
        let startRange = current.range
        var end = startRange
        while case .word(let w) = current.kind {
            words.append(w)
            end = advance().range
        }
        return Name(words: words, quoted: false, range: startRange.union(end))
    }

    /// Parses the indented lines after a header, calling `line` for each; errors skip one line.
    private mutating func parseBlock(_ line: (inout Parser) throws(LineAbandoned) -> Void) {
        guard current.kind == .indent else { return }
        advance()
        while current.kind != .dedent && current.kind != .end {
            if current.kind == .newline { advance(); continue }
            if current.kind == .indent {
                error(.unexpectedIndent, current.range, "unexpected indentation")
                skipBlock()
                continue
            }
            let before = index
            do {
                try line(&self)
            } catch {
                if index == before { advance() }
                skipLine()
            }
        }
        if current.kind == .dedent { advance() }
    }

    private mutating func parseSpec() throws(LineAbandoned) -> SpecDeclaration {
        let start = advance().range
        let title = try parseStringLiteral("the spec's title in quotes")
        try endOfLine()
        var metadata: [(key: Name, value: StringLiteral)] = []
        parseBlock { (p: inout Parser) throws(LineAbandoned) in
            let key = try p.parseName("a metadata key such as source or owner")
            let value = try p.parseStringLiteral("the value of '\(key.text)' in quotes")
            try p.endOfLine()
            metadata.append((key, value))
        }
        let end = metadata.last?.value.range ?? title.range
        return SpecDeclaration(title: title, metadata: metadata, range: start.union(end))
    }

    private mutating func parseImport() throws(LineAbandoned) -> ImportDeclaration {
        let start = advance().range
        let path = try parseStringLiteral("the path of the file to import in quotes")
        try endOfLine()
        return ImportDeclaration(path: path, range: start.union(path.range))
    }

    private mutating func parseData() throws(LineAbandoned) -> DataDeclaration {
        let start = advance().range
        let name = try parseName("the dataset's name")
        let path: StringLiteral
        var connection: Name?
        do {
            guard current.kind == .keyword(.from) else { throw expected("'from'", hint: "write data \(name.text) from \"path/to/file.csv\"") }
            advance()
            if current.kind == .word("table"), case .string = peekKind(1) {
                // data NAME from table "SCHEMA.TABLE" in CONNECTION
                advance()
                path = try parseStringLiteral("the table's name in quotes")
                guard current.kind == .keyword(.in) else {
                    throw expected("'in' and a connection name", hint: "write data \(name.text) from table \"\(path.value)\" in warehouse, and run with --connection warehouse=URI")
                }
                advance()
                connection = try parseName("the connection's name")
            } else {
                path = try parseStringLiteral("the data file's path in quotes")
            }
            try endOfLine()
        } catch {
            skipLine()
            var broken = DataDeclaration(name: name, path: StringLiteral(value: "", range: name.range), entity: nil, time: nil,
                                         weight: nil, range: start.union(name.range))
            broken.isBroken = true
            return broken
        }
        var decl = DataDeclaration(name: name, path: path, entity: nil, time: nil, weight: nil,
                                   range: start.union(connection?.range ?? path.range))
        decl.connection = connection
        parseBlock { (p: inout Parser) throws(LineAbandoned) in
            let keyToken = p.current
            let keys = ["entity", "time", "weight", "unit", "counts", "sheet", "encoding", "decimal", "thousands"]
            guard case .word(let key) = keyToken.kind, keys.contains(key) else {
                var hint = "a data block holds entity, time, weight, unit, counts, sheet, encoding, decimal and thousands lines"
                if case .word(let w) = keyToken.kind, let s = Suggestions.closest(to: w, among: keys) {
                    hint = "did you mean '\(s)'?"
                }
                p.error(.unknownClause, keyToken.range, "expected entity, time, weight, unit, counts, sheet, encoding, decimal or thousands, found \(keyToken.kind.displayName)", hint: hint)
                throw LineAbandoned()
            }
            p.advance()
            if key == "decimal" || key == "thousands" {
                let allowed = key == "decimal" ? ["comma", "point"] : ["point", "comma", "space", "none"]
                let word: Name
                if case .keyword(.none) = p.current.kind {
                    word = Name(words: ["none"], quoted: false, range: p.advance().range)
                } else {
                    word = try p.parseName(key == "decimal" ? "comma or point after 'decimal'" : "point, comma, space or none after 'thousands'")
                }
                try p.endOfLine()
                guard allowed.contains(word.matchKey) else {
                    let hint = Suggestions.closest(to: word.text, among: allowed).map { "did you mean '\($0)'?" }
                        ?? (key == "decimal" ? "decimal comma reads 1,5 as one and a half; decimal point reads 1.5"
                            : "thousands point reads 1.234 as 1234; space 1 234; comma 1,234; none accepts no grouping")
                    p.error(.unknownClause, word.range, "'\(key)' takes \(allowed.map { "'\($0)'" }.joined(separator: key == "decimal" ? " or " : ", ")), not '\(word.text)'", hint: hint)
                    return
                }
                if (key == "decimal" ? decl.decimal : decl.thousands) != nil {
                    p.error(.duplicateClause, keyToken.range, "'\(key)' is given twice for data \(decl.name.text)")
                }
                if key == "decimal" { decl.decimal = word } else { decl.thousands = word }
                decl.range = decl.range.union(word.range)
                return
            }
            if key == "unit" {
                let u = try p.parseColumnUnit()
                decl.units.append(u)
                decl.range = decl.range.union(u.unitRange)
                return
            }
            if key == "sheet" {
                let sheet = try p.parseStringLiteral("the sheet's name in quotes, such as \"Ark1\"")
                try p.endOfLine()
                if decl.sheet != nil { p.error(.duplicateClause, keyToken.range, "'sheet' is given twice for data \(decl.name.text)") }
                decl.sheet = sheet
                decl.range = decl.range.union(sheet.range)
                return
            }
            if key == "encoding" {
                let encoding = try p.parseStringLiteral("the file's encoding in quotes, such as \"windows-1252\"")
                try p.endOfLine()
                if decl.encoding != nil { p.error(.duplicateClause, keyToken.range, "'encoding' is given twice for data \(decl.name.text)") }
                if TextEncoding(name: encoding.value) == nil {
                    let names = TextEncoding.acceptedNames.map { "\"\($0)\"" }
                    p.error(.unsupportedFormat, encoding.range, "unknown encoding \"\(encoding.value)\"",
                            hint: "the encodings are " + names.dropLast().joined(separator: ", ") + " and " + (names.last ?? ""))
                }
                // Kept when unknown, so the rest of the block still reads (the file is then detected).
                decl.encoding = encoding
                decl.range = decl.range.union(encoding.range)
                return
            }
            if key == "counts" {
                let noun = try p.parseName("what a row counts, such as citizens")
                var language: Name? = nil
                if p.current.kind == .keyword(.in) {
                    _ = p.advance()
                    language = try p.parseName("a report language, en or da")
                }
                try p.endOfLine()
                decl.range = decl.range.union(language?.range ?? noun.range)
                guard let language else {
                    if decl.counts != nil { p.error(.duplicateClause, keyToken.range, "'counts' is given twice for data \(decl.name.text)") }
                    decl.counts = noun
                    return
                }
                let codes = CountsInLanguage.languages
                guard codes.contains(language.text.lowercased()) else {
                    p.error(.unknownClause, language.range, "unknown report language '\(language.text)' in 'counts \(noun.text) in \(language.text)'",
                            hint: "the report languages are " + codes.joined(separator: " and ") + ", as in --lang")
                    return
                }
                if decl.countsInLanguages.contains(where: { $0.language.text.lowercased() == language.text.lowercased() }) {
                    p.error(.duplicateClause, keyToken.range, "'counts … in \(language.text)' is given twice for data \(decl.name.text)")
                }
                decl.countsInLanguages.append(CountsInLanguage(noun: noun, language: language))
                return
            }
            let column = try p.parseName("a column name after '\(key)'")
            try p.endOfLine()
            let slot: Name?
            switch key {
            case "entity": slot = decl.entity; decl.entity = column
            case "time": slot = decl.time; decl.time = column
            default: slot = decl.weight; decl.weight = column
            }
            if slot != nil {
                p.error(.duplicateClause, keyToken.range, "'\(key)' is given twice for data \(decl.name.text)")
            }
            decl.range = decl.range.union(column.range)
        }
        return decl
    }

    /// `COLUMN UNIT` after `unit`: the last word is the unit, the words before it the column.
    private mutating func parseColumnUnit() throws(LineAbandoned) -> ColumnUnit {
        var words: [(String, SourceRange)] = []
        var quoted: Name? = nil
        if case .quotedName(let q) = current.kind {
            quoted = Name(words: [q], quoted: true, range: advance().range)
        }
        while case .word(let w) = current.kind {
            words.append((w, advance().range))
        }
        guard let last = words.last, quoted != nil || words.count >= 2 else {
            throw expected("a column and its unit (kr, tkr, t.kr, mio. kr, mia. kr or days)", hint: "write unit spending t.kr")
        }
        guard unitWords.contains(last.0) else {
            let suggestion = Suggestions.closest(to: last.0, among: ["kr", "tkr", "t.kr", "days"]) ?? (last.0.lowercased().hasPrefix("dag") ? "days" : nil)
            error(.invalidNumber, last.1, "unknown unit '\(last.0)'",
                  hint: suggestion.map { "did you mean '\($0)'? the units are kr, tkr, t.kr, mio. kr, mia. kr and days" } ?? "the units are kr, tkr, t.kr, mio. kr, mia. kr and days")
            // Keep the line, so the column's uses stay quiet instead of failing for want of a unit.
            try endOfLine()
            let columnWords = words.dropLast()
            let column = quoted ?? Name(words: columnWords.map(\.0), quoted: false,
                                        range: (columnWords.first?.1 ?? last.1).union(columnWords.last?.1 ?? last.1))
            return ColumnUnit(column: column, unit: last.0, unitRange: last.1)
        }
        try endOfLine()
        let columnWords = words.dropLast()
        let column = quoted ?? Name(words: columnWords.map(\.0), quoted: false,
                                    range: (columnWords.first?.1 ?? last.1).union(columnWords.last?.1 ?? last.1))
        return ColumnUnit(column: column, unit: last.0, unitRange: last.1)
    }

    private mutating func parseGroup() throws(LineAbandoned) -> GroupDeclaration {
        let start = advance().range
        var name = try parseName("the group's name")
        let column: Name
        let members: [StringLiteral]
        let end: SourceRange
        do {
            if current.kind == .keyword(.in), name.words.count >= 2, let last = name.words.last {
                // `group 6byer city in [...]`: the '=' is missing between the name and the column.
                error(.expectedToken, current.range, "expected '=' between the group's name and its column",
                      hint: "write group \(name.words.dropLast().joined(separator: " ")) = \(last) in [...]")
                let lastRange = SourceRange(file: name.range.file, name.range.upperBound - last.utf8.count, name.range.upperBound)
                column = Name(words: [last], quoted: false, range: lastRange)
                name = Name(words: Array(name.words.dropLast()), quoted: false,
                            range: SourceRange(file: name.range.file, name.range.lowerBound, lastRange.lowerBound - 1))
            } else {
                _ = try expect(.assign, "'=' after the group's name")
                column = try parseName("the column that holds the group's members")
            }
            guard current.kind == .keyword(.in) else { throw expected("'in'", hint: "write group \(name.text) = column in [\"a\", \"b\"]") }
            advance()
            (members, end) = try parseStringList()
            try endOfLine()
        } catch {
            skipLine()
            var broken = GroupDeclaration(name: name, column: name, members: [], range: start.union(name.range))
            broken.isBroken = true
            return broken
        }
        return GroupDeclaration(name: name, column: column, members: members, range: start.union(end))
    }

    private mutating func parseStringList() throws(LineAbandoned) -> ([StringLiteral], SourceRange) {
        _ = try expect(.leftBracket, "'[' to start a list")
        var items: [StringLiteral] = []
        while current.kind != .rightBracket {
            items.append(try parseStringLiteral("a value in quotes"))
            if current.kind == .comma { advance() } else if current.kind != .rightBracket {
                throw expected("',' or ']'")
            }
        }
        let end = advance().range
        return (items, end)
    }

    private mutating func parseDefine() throws(LineAbandoned) -> DefineDeclaration {
        let start = advance().range
        let name = try parseName("the name being defined")
        do {
            _ = try expect(.assign, "'=' after the defined name")
            let body = try parseExpression()
            try endOfLine()
            return DefineDeclaration(name: name, body: body, range: start.union(body.range))
        } catch {
            skipLine()
            return DefineDeclaration(name: name, body: node(.invalid, name.range), range: start.union(name.range))
        }
    }

    private mutating func parseTarget() throws(LineAbandoned) -> TargetDeclaration {
        let start = advance().range
        let id = try parseName("the target's id")
        var title: StringLiteral? = nil
        if case .string = current.kind { title = try parseStringLiteral("title") }
        try endOfLine()
        var target = TargetDeclaration(id: id, title: title, data: nil, focus: nil, filter: nil, period: nil,
                                       breakdown: [], riskMargin: nil, condition: nil, range: start.union(title?.range ?? id.range))
        let errorsBefore = diagnostics.count
        parseBlock { (p: inout Parser) throws(LineAbandoned) in
            try p.parseTargetLine(&target)
        }
        if target.condition == nil && diagnostics.count == errorsBefore {
            error(.missingCondition, id.range, "target \(id.text) has no condition",
                  hint: "add an indented line such as share(job) >= 70%")
        }
        return target
    }

    private mutating func parseTargetLine(_ target: inout TargetDeclaration) throws(LineAbandoned) {
        let first = current
        func duplicate(_ what: String, _ p: inout Parser) {
            p.error(.duplicateClause, first.range, "'\(what)' is given twice in target \(target.id.text)")
        }
        switch first.kind {
        case .word("data") where {
            if case .word = peekKind(1) { return true }
            if case .quotedName = peekKind(1) { return true }
            return false
        }():
            advance()
            let name = try parseName("a dataset name")
            try endOfLine()
            if target.data != nil { duplicate("data", &self) }
            target.data = name
            target.range = target.range.union(name.range)
        case .keyword(.for):
            advance()
            let column = try parseName("a column after 'for'")
            var values: [StringLiteral] = []
            var end = column.range
            if current.kind == .assign || current.kind == .equal {
                advance()
                let v = try parseStringLiteral("a value in quotes")
                values = [v]
                end = v.range
            } else if current.kind == .keyword(.in) {
                advance()
                (values, end) = try parseStringList()
            } else {
                throw expected("'=' or 'in'", hint: "write for \(column.text) = \"value\"")
            }
            try endOfLine()
            if target.focus != nil { duplicate("for", &self) }
            target.focus = FocusClause(column: column, values: values, range: first.range.union(end))
            target.range = target.range.union(end)
        case .keyword(.where):
            advance()
            let e = try parseExpression()
            try endOfLine()
            if target.filter != nil { duplicate("where", &self) }
            target.filter = e
            target.range = target.range.union(e.range)
        case .keyword(.at) where peekKind(1) == .word("risk"):
            advance()
            advance()
            guard isWord("within") else { throw expected("'within'", hint: "write at risk within 0.5pp") }
            advance()
            let margin = try parseUnary()
            try endOfLine()
            if target.riskMargin != nil { duplicate("at risk", &self) }
            target.riskMargin = margin
            target.range = target.range.union(margin.range)
        case .keyword(.at):
            advance()
            let t = current
            let text: String
            switch t.kind {
            case .period(let p): text = p
            case .number(let n) where !n.contains("."): text = n
            default: throw expected("a period such as 2024K3 or 2024")
            }
            advance()
            try endOfLine()
            if target.period != nil { duplicate("at", &self) }
            target.period = StringLiteral(value: text, range: t.range)
            target.range = target.range.union(t.range)
        case .keyword(.by):
            try parseBreakdown(&target, duplicateAt: first.range)
        case .word("target") where { if case .word = peekKind(1) { return true }; return false }(),
             .word("goal") where { if case .string = peekKind(1) { return true }; return false }():
            error(.unexpectedIndent, first.range, "a \(first.kind == .word("goal") ? "goal" : "target") cannot be inside a target",
                  hint: "unindent it to the level of this target; to group targets, put them in a goal")
            throw LineAbandoned()
        default:
            if case .word(let w) = first.kind,
               let k = [Keyword.atLeast, .atMost, .all, .none, .not].first(where: { $0.rawValue.lowercased() == w.lowercased() }) {
                error(.expectedToken, first.range, "'\(w)' is not a keyword; keywords are case-sensitive",
                      hint: "did you mean '\(k.rawValue)'?")
                throw LineAbandoned()
            }
            let e = try parseExpression()
            if current.kind == .keyword(.by) {
                // `atLeast 7/10 reach goal by dimension`: a breakdown at the end of the condition line.
                let by = current.range
                try parseBreakdown(&target, duplicateAt: by)
            } else {
                try endOfLine()
            }
            if target.condition != nil {
                error(.duplicateClause, e.range, "target \(target.id.text) has more than one condition",
                      hint: "combine conditions with 'and' on one line")
            } else {
                target.condition = e
            }
            target.range = target.range.union(e.range)
        }
    }

    /// `by COLUMN, COLUMN` to the end of the line, from the `by` keyword.
    private mutating func parseBreakdown(_ target: inout TargetDeclaration, duplicateAt range: SourceRange) throws(LineAbandoned) {
        let start = advance().range
        var columns = [try parseName("a column after 'by'")]
        while current.kind == .comma {
            advance()
            columns.append(try parseName("a column after ','"))
        }
        try endOfLine()
        if !target.breakdown.isEmpty {
            error(.duplicateClause, range, "'by' is given twice in target \(target.id.text)")
        }
        target.breakdown = columns
        target.range = target.range.union(columns.last?.range ?? start)
    }

    private mutating func parseGoal() throws(LineAbandoned) -> GoalDeclaration {
        goalDepth += 1
        defer { goalDepth -= 1 }
        if goalDepth > SpecParser.maxGoalDepth {
            error(.nestingTooDeep, current.range, "goals nested more than \(SpecParser.maxGoalDepth) levels deep",
                  hint: "a goal hierarchy this deep cannot be read; flatten it")
            throw LineAbandoned()
        }
        let start = advance().range
        let title = try parseStringLiteral("the goal's title in quotes")
        try endOfLine()
        var goal = GoalDeclaration(title: title, rule: .all, ruleRange: nil, children: [], range: start.union(title.range))
        guard current.kind == .indent else { return goal }
        advance()
        while current.kind != .dedent && current.kind != .end {
            switch current.kind {
            case .newline:
                advance()
            case .indent:
                error(.unexpectedIndent, current.range, "unexpected indentation")
                skipBlock()
            case .word("met"):
                do {
                    try parseGoalRule(&goal)
                } catch {
                    skipLine()
                }
            default:
                if let child = parseDeclaration(allowGoalChildrenOnly: true) {
                    goal.children.append(child)
                    goal.range = goal.range.union(child.range)
                }
            }
        }
        if current.kind == .dedent { advance() }
        return goal
    }

    private mutating func parseGoalRule(_ goal: inout GoalDeclaration) throws(LineAbandoned) {
        let start = advance().range
        guard isWord("when") else { throw expected("'when'", hint: "write met when all, or met when atLeast 2") }
        advance()
        switch current.kind {
        case .keyword(.all):
            let end = advance().range
            goal.rule = .all
            goal.ruleRange = start.union(end)
        case .keyword(.atLeast):
            advance()
            guard case .number(let n) = current.kind, let k = Int(n), k >= 0 else {
                throw expected("a whole number of children", hint: "write met when atLeast 2")
            }
            let end = advance().range
            goal.rule = .atLeast(k)
            goal.ruleRange = start.union(end)
        default:
            throw expected("'all' or 'atLeast'")
        }
        try endOfLine()
    }

    // MARK: Expressions

    private mutating func node(_ kind: ExprKind, _ range: SourceRange) -> Expr {
        Expr(id: newID(), range: range, kind: kind)
    }

    private mutating func enter() throws(LineAbandoned) {
        depth += 1
        treeDepth += 1
        if depth > SpecParser.maxDepth {
            error(.nestingTooDeep, current.range, "expression nested more than \(SpecParser.maxDepth) levels deep",
                  hint: "split the expression with 'define'")
            throw LineAbandoned()
        }
        try checkTreeDepth()
    }

    private mutating func leave() {
        depth -= 1
        treeDepth -= 1
    }

    /// One more link of a left-deep chain (`and`, `or`, `+`, `*`, `over`, `at`); the caller
    /// gives the links back with `treeDepth -= links` when the chain ends.
    private mutating func link(_ links: inout Int) throws(LineAbandoned) {
        links += 1
        treeDepth += 1
        try checkTreeDepth()
    }

    private mutating func checkTreeDepth() throws(LineAbandoned) {
        if treeDepth > SpecParser.maxTreeDepth {
            error(.nestingTooDeep, current.range,
                  "expression more than \(SpecParser.maxTreeDepth) operators deep",
                  hint: "split the chain into named parts with 'define'")
            throw LineAbandoned()
        }
    }

    /// The period words of a rolling window.
    static let windowUnits: Set<String> = ["half", "halves", "quarter", "quarters", "month", "months", "year", "years"]

    mutating func parseExpression() throws(LineAbandoned) -> Expr {
        try enter()
        defer { leave() }
        return try parseOr()
    }

    private mutating func parseOr() throws(LineAbandoned) -> Expr {
        var left = try parseAnd()
        var links = 0
        defer { treeDepth -= links }
        while current.kind == .keyword(.or) {
            try link(&links)
            advance()
            let right = try parseAnd()
            left = node(.binary(.or, left, right), left.range.union(right.range))
        }
        return left
    }

    private mutating func parseAnd() throws(LineAbandoned) -> Expr {
        var left = try parseNot()
        var links = 0
        defer { treeDepth -= links }
        while current.kind == .keyword(.and) {
            try link(&links)
            advance()
            let right = try parseNot()
            left = node(.binary(.and, left, right), left.range.union(right.range))
        }
        return left
    }

    private mutating func parseNot() throws(LineAbandoned) -> Expr {
        if current.kind == .keyword(.not) {
            let start = advance().range
            try enter()
            defer { leave() }
            let operand = try parseNot()
            return node(.not(operand), start.union(operand.range))
        }
        return try parseComparison()
    }

    private func comparisonOperator(_ kind: TokenKind) -> BinaryOperator? {
        switch kind {
        case .equal: .equal
        case .notEqual: .notEqual
        case .less: .less
        case .lessEqual: .lessEqual
        case .greater: .greater
        case .greaterEqual: .greaterEqual
        default: nil
        }
    }

    private mutating func parseComparison() throws(LineAbandoned) -> Expr {
        if case .keyword(let k) = current.kind, let q = Quantifier(rawValue: k.rawValue) {
            return try parseQuantifier(q)
        }
        let left = try parseAdditive()
        if let op = comparisonOperator(current.kind) {
            advance()
            let right = try parseAdditive()
            let e = node(.binary(op, left, right), left.range.union(right.range))
            if comparisonOperator(current.kind) != nil {
                throw expected("end of comparison", hint: "comparisons do not chain; join them with 'and'")
            }
            return e
        }
        if current.kind == .assign {
            error(.expectedToken, current.range, "'=' is not a comparison", hint: "write '==' to compare for equality")
            advance()
            let right = try parseAdditive()
            return node(.binary(.equal, left, right), left.range.union(right.range))
        }
        if current.kind == .keyword(.in) {
            advance()
            let right = try parseAdditive()
            return node(.binary(.in, left, right), left.range.union(right.range))
        }
        if current.kind == .keyword(.rises) || current.kind == .keyword(.falls) {
            let direction: TrendDirection = current.kind == .keyword(.rises) ? .rises : .falls
            var end = advance().range
            var from: String? = nil
            if current.kind == .keyword(.yearly) {
                advance()
                guard current.kind == .keyword(.from) else { throw expected("'from'", hint: "write \(direction.rawValue) yearly from 2021") }
                advance()
                guard case .number(let year) = current.kind, year.count == 4, !year.contains(".") else {
                    throw expected("a year such as 2021")
                }
                from = year
                end = advance().range
            }
            return node(.trend(left, direction, yearlyFrom: from), left.range.union(end))
        }
        return left
    }

    private mutating func parseQuantifier(_ q: Quantifier) throws(LineAbandoned) -> Expr {
        let start = advance().range
        var ratio: Expr? = nil
        if q == .atLeast || q == .atMost {
            ratio = try parseUnary()
        } else {
            let nextIsName: Bool = switch peekKind(1) {
            case .word, .quotedName: true
            default: false
            }
            switch current.kind {
            case .ratio where nextIsName, .percent where nextIsName:
                let r = current.range
                error(.quantifierRatio, r, "'\(q.rawValue)' takes no ratio",
                      hint: q == .all ? "write 'all' and the condition, or 'atLeast' with the ratio" : "write 'none' and the condition, or 'atMost' with the ratio")
                throw LineAbandoned()
            default:
                break
            }
        }
        try enter()
        defer { leave() }
        let body = try parseOr()
        return node(.quantifier(q, ratio: ratio, body), start.union(body.range))
    }

    private mutating func parseAdditive() throws(LineAbandoned) -> Expr {
        var left = try parseMultiplicative()
        var links = 0
        defer { treeDepth -= links }
        while current.kind == .plus || current.kind == .minus {
            try link(&links)
            let op: BinaryOperator = current.kind == .plus ? .add : .subtract
            advance()
            let right = try parseMultiplicative()
            left = node(.binary(op, left, right), left.range.union(right.range))
        }
        return left
    }

    private mutating func parseMultiplicative() throws(LineAbandoned) -> Expr {
        var left = try parseUnary()
        var links = 0
        defer { treeDepth -= links }
        while current.kind == .star || current.kind == .slash {
            try link(&links)
            let op: BinaryOperator = current.kind == .star ? .multiply : .divide
            advance()
            let right = try parseUnary()
            left = node(.binary(op, left, right), left.range.union(right.range))
        }
        return left
    }

    private mutating func parseUnary() throws(LineAbandoned) -> Expr {
        if current.kind == .minus {
            let start = advance().range
            try enter()
            defer { leave() }
            let operand = try parseUnary()
            return node(.negate(operand), start.union(operand.range))
        }
        return try parsePostfix()
    }

    private mutating func parsePostfix() throws(LineAbandoned) -> Expr {
        var e = try parsePrimary()
        var links = 0
        defer { treeDepth -= links }
        while current.kind == .keyword(.over) {
            try link(&links)
            let start = advance().range
            guard current.kind == .keyword(.last) else { throw expected("'last'", hint: "write over last 4 quarters") }
            advance()
            guard case .number(let n) = current.kind, !n.contains(".") else {
                throw expected("a whole number of periods", hint: "write over last 4 quarters")
            }
            advance()
            guard case .word(let unit) = current.kind, Parser.windowUnits.contains(unit) else {
                throw expected("quarters, months, halves or years", hint: "write over last \(n) quarters")
            }
            let end = advance().range
            e = node(.at(e, .window(count: n, unit: unit), periodRange: start.union(end)), e.range.union(end))
        }
        while current.kind == .keyword(.at) {
            try link(&links)
            advance()
            let t = current
            let reference: PeriodReference
            switch t.kind {
            case .keyword(.previous): reference = .previous
            case .period(let p): reference = .literal(p)
            case .number(let n) where !n.contains("."): reference = .literal(n)
            default: throw expected("a period such as 2024K3, or 'previous'")
            }
            advance()
            e = node(.at(e, reference, periodRange: t.range), e.range.union(t.range))
        }
        return e
    }

    private mutating func parsePrimary() throws(LineAbandoned) -> Expr {
        let t = current
        switch t.kind {
        case .number(let n):
            advance()
            if current.kind == .word("pp"), current.spaceBefore {
                let unit = current
                error(.invalidNumber, t.range.union(unit.range), "'pp' must follow its number without a space",
                      hint: "write \(n)pp")
                advance()
                return node(.points(n), t.range.union(unit.range))
            }
            if case .word(let unit) = current.kind, unitWords.contains(unit) {
                let u = advance()
                return node(.quantity(n, unit: Name(words: [unit], quoted: false, range: u.range)), t.range.union(u.range))
            }
            return node(.number(n), t.range)
        case .percent(let n): advance(); return node(.percent(n), t.range)
        case .points(let n): advance(); return node(.points(n), t.range)
        case .ratio(let a, let b): advance(); return node(.ratio(a, b), t.range)
        case .period(let p): advance(); return node(.period(p), t.range)
        case .string(let s): advance(); return node(.string(s), t.range)
        case .keyword(.true): advance(); return node(.bool(true), t.range)
        case .keyword(.false): advance(); return node(.bool(false), t.range)
        case .leftParen:
            advance()
            let inner = try parseExpression()
            guard current.kind == .rightParen else { throw expected("')'") }
            let close = current.range
            advance()
            // The node spans its parentheses, so that every range built from it (`not (P)`,
            // `atLeast 1/2 (P)`, `(a or b) and c`) and every text sliced from those covers them.
            return Expr(id: inner.id, range: t.range.union(close), kind: inner.kind)
        case .leftBracket:
            advance()
            var items: [Expr] = []
            while current.kind != .rightBracket {
                items.append(try parseExpression())
                if current.kind == .comma { advance() } else if current.kind != .rightBracket { throw expected("',' or ']'") }
            }
            let end = advance().range
            return node(.list(items), t.range.union(end))
        case .word, .quotedName:
            let name = try parseName("a name")
            if current.kind == .leftParen, !name.quoted {
                advance()
                var args: [Expr] = []
                while current.kind != .rightParen {
                    args.append(try parseExpression())
                    if current.kind == .comma { advance() } else if current.kind != .rightParen { throw expected("',' or ')'") }
                }
                let end = advance().range
                return node(.call(name, args), name.range.union(end))
            }
            return node(.name(name), name.range)
        case .keyword(let k):
            let hint: String? = switch k {
            case .atLeast, .atMost, .all, .none: "a quantifier starts a condition; put it in parentheses to combine it"
            default: "'\(k.rawValue)' is a keyword; write `\(k.rawValue)` in backticks to use it as a name"
            }
            throw expected("a value", hint: hint)
        default:
            throw expected("a value")
        }
    }
}
