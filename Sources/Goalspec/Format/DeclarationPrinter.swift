/// One line of formatted code, before comments and blank lines are placed.
struct FormatLine {
    /// Block depth: the line is indented by two spaces per level.
    var depth: Int
    /// The code, without indentation.
    var text: String
    /// A byte offset inside the source line this line was printed from; comments are placed by it.
    var anchor: Int
    /// The index of the top-level declaration this line belongs to.
    var declaration: Int
    /// Whether this is the first line of a top-level declaration.
    var startsDeclaration: Bool
}

/// What kind of top-level declaration a line starts; consecutive one-line declarations of the
/// same kind may stay together without a blank line.
enum DeclarationKind: Equatable {
    case spec, `import`, data, group, define, target, goal

    init(_ d: Declaration) {
        switch d {
        case .spec: self = .spec
        case .import: self = .import
        case .data: self = .data
        case .group: self = .group
        case .define: self = .define
        case .target: self = .target
        case .goal: self = .goal
        }
    }

    /// Whether two adjacent declarations of this kind may be written without a blank line between.
    var groupsWithoutBlankLine: Bool {
        self == .import || self == .group || self == .define
    }
}

/// Turns declarations into canonical code lines, each tied to the source line it came from.
///
/// The lines of a block (`entity`/`time`/`weight`/`unit` of a data block, the clauses of a
/// target, `met when` and the children of a goal) are printed in source order: the tree does
/// not fix their order, and keeping it keeps each comment next to the line it was written at.
struct DeclarationPrinter {
    private(set) var lines: [FormatLine] = []
    private(set) var kinds: [DeclarationKind] = []
    private var current = 0

    static func lines(of tree: SyntaxTree) -> (lines: [FormatLine], kinds: [DeclarationKind]) {
        var printer = DeclarationPrinter()
        for (i, d) in tree.declarations.enumerated() {
            printer.current = i
            printer.kinds.append(DeclarationKind(d))
            printer.declaration(d, depth: 0)
        }
        return (printer.lines, printer.kinds)
    }

    private typealias BlockLine = (anchor: Int, text: String)

    private mutating func header(_ text: String, at anchor: Int, depth: Int) {
        lines.append(FormatLine(depth: depth, text: text, anchor: anchor, declaration: current, startsDeclaration: depth == 0))
    }

    private mutating func block(_ block: [BlockLine], depth: Int) {
        for line in block.sorted(by: { $0.anchor < $1.anchor }) {
            lines.append(FormatLine(depth: depth, text: line.text, anchor: line.anchor, declaration: current, startsDeclaration: false))
        }
    }

    private mutating func declaration(_ d: Declaration, depth: Int) {
        let name = ExpressionPrinter.name
        let quoted = ExpressionPrinter.quoted
        switch d {
        case .spec(let s):
            let block: [BlockLine] = s.metadata.map { (m) in
                (m.key.range.lowerBound, name(m.key) + " " + quoted(m.value.value))
            }
            header("spec " + quoted(s.title.value), at: s.range.lowerBound, depth: depth)
            self.block(block, depth: depth + 1)
        case .import(let i):
            header("import " + quoted(i.path.value), at: i.range.lowerBound, depth: depth)
        case .data(let data):
            var block: [BlockLine] = []
            if let e = data.entity { block.append((e.range.lowerBound, "entity " + name(e))) }
            if let t = data.time { block.append((t.range.lowerBound, "time " + name(t))) }
            if let w = data.weight { block.append((w.range.lowerBound, "weight " + name(w))) }
            for u in data.units {
                block.append((u.unitRange.lowerBound, "unit " + name(u.column) + " " + u.unit))
            }
            if let c = data.counts { block.append((c.range.lowerBound, "counts " + name(c))) }
            for c in data.countsInLanguages {
                block.append((c.noun.range.lowerBound, "counts " + name(c.noun) + " in " + c.language.text.lowercased()))
            }
            if let s = data.sheet { block.append((s.range.lowerBound, "sheet " + quoted(s.value))) }
            if let d = data.decimal { block.append((d.range.lowerBound, "decimal " + name(d))) }
            if let t = data.thousands { block.append((t.range.lowerBound, "thousands " + name(t))) }
            if let e = data.encoding { block.append((e.range.lowerBound, "encoding " + quoted(e.value))) }
            let source = data.connection.map { "table " + quoted(data.path.value) + " in " + name($0) } ?? quoted(data.path.value)
            header("data " + name(data.name) + " from " + source,
                   at: data.range.lowerBound, depth: depth)
            self.block(block, depth: depth + 1)
        case .group(let g):
            let members = g.members.map { quoted($0.value) }.joined(separator: ", ")
            header("group " + name(g.name) + " = " + name(g.column) + " in [" + members + "]",
                   at: g.range.lowerBound, depth: depth)
        case .define(let def):
            header("define " + name(def.name) + " = " + ExpressionPrinter.print(def.body).text,
                   at: def.range.lowerBound, depth: depth)
        case .target(let t):
            let block = targetLines(t)
            var text = "target " + name(t.id)
            if let title = t.title { text += " " + quoted(title.value) }
            header(text, at: t.range.lowerBound, depth: depth)
            self.block(block, depth: depth + 1)
        case .goal(let g):
            header("goal " + quoted(g.title.value), at: g.range.lowerBound, depth: depth)
            var ruleLine: BlockLine? = nil
            if let r = g.ruleRange {
                switch g.rule {
                case .all: ruleLine = (r.lowerBound, "met when all")
                case .atLeast(let k): ruleLine = (r.lowerBound, "met when atLeast \(k)")
                }
            }
            for child in g.children {
                if let rule = ruleLine, rule.anchor < child.range.lowerBound {
                    block([rule], depth: depth + 1)
                    ruleLine = nil
                }
                declaration(child, depth: depth + 1)
            }
            if let rule = ruleLine { block([rule], depth: depth + 1) }
        }
    }

    /// Whether a target line starting with this name would not be read as a condition: `data` and
    /// another word is a data clause, and a keyword in the wrong case (`ALL`, `Not`) is reported
    /// as a misspelt keyword. Such a condition is printed in parentheses, as it must have been written.
    static func startsClause(_ n: Name) -> Bool {
        guard !n.quoted, let first = n.words.first?.lowercased() else { return false }
        return (first == "data" && n.words.count > 1) || Keyword.allCases.contains { $0.rawValue.lowercased() == first }
    }

    private func targetLines(_ t: TargetDeclaration) -> [BlockLine] {
        let name = ExpressionPrinter.name
        let quoted = ExpressionPrinter.quoted
        var block: [BlockLine] = []
        if let d = t.data { block.append((d.range.lowerBound, "data " + name(d))) }
        if let f = t.focus {
            // `for c = "v"` and `for c in ["v"]` give the same tree; keep the form written.
            let single = f.values.count == 1 && f.range.upperBound == f.values[0].range.upperBound
            let text = single
                ? "for " + name(f.column) + " = " + quoted(f.values[0].value)
                : "for " + name(f.column) + " in [" + f.values.map { quoted($0.value) }.joined(separator: ", ") + "]"
            block.append((f.range.lowerBound, text))
        }
        if let w = t.filter { block.append((w.range.lowerBound, "where " + ExpressionPrinter.print(w).text)) }
        if let p = t.period { block.append((p.range.lowerBound, "at " + p.value)) }
        if let first = t.breakdown.first {
            block.append((first.range.lowerBound, "by " + t.breakdown.map(name).joined(separator: ", ")))
        }
        if let m = t.riskMargin {
            block.append((m.range.lowerBound, "at risk within " + ExpressionPrinter.print(m, at: .unary).text))
        }
        if let c = t.condition {
            var p = ExpressionPrinter.print(c)
            if case .name(let n) = p.start, Self.startsClause(n) { p = ExpressionPrinter.parenthesized(p) }
            block.append((c.range.lowerBound, p.text))
        }
        return block
    }
}
