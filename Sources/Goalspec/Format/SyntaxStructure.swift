/// A syntax tree as an S-expression without source ranges and node ids: two trees with the same
/// structure mean the same. Used to check that formatting keeps the tree.
extension SyntaxTree {
    /// One line per top-level declaration, e.g.
    /// `(target (name job) "Title" (data (name employment)) (condition (>= (call share (name job)) (points 1.0))))`.
    public var structure: String {
        declarations.map(SyntaxStructure.declaration).joined(separator: "\n")
    }
}

extension Expr {
    /// The expression as an S-expression without ranges and ids.
    public var structure: String { SyntaxStructure.expr(self) }
}

enum SyntaxStructure {
    static func string(_ s: String) -> String { ExpressionPrinter.quoted(s) }

    static func name(_ n: Name) -> String {
        let words = n.words.map(string).joined(separator: " ")
        return n.quoted ? "(quoted-name \(words))" : "(name \(words))"
    }

    static func list(_ head: String, _ parts: [String]) -> String {
        "(" + ([head] + parts).joined(separator: " ") + ")"
    }

    static func declaration(_ d: Declaration) -> String {
        switch d {
        case .spec(let s):
            return list("spec", [string(s.title.value)] + s.metadata.map { list("meta", [name($0.key), string($0.value.value)]) })
        case .import(let i):
            return list("import", [string(i.path.value)])
        case .data(let data):
            var parts = [name(data.name), string(data.path.value)]
            if let e = data.entity { parts.append(list("entity", [name(e)])) }
            if let t = data.time { parts.append(list("time", [name(t)])) }
            if let w = data.weight { parts.append(list("weight", [name(w)])) }
            parts += data.units.map { list("unit", [name($0.column), string($0.unit)]) }
            if let c = data.counts { parts.append(list("counts", [name(c)])) }
            parts += data.countsInLanguages.map { list("counts", [name($0.noun), name($0.language)]) }
            if let s = data.sheet { parts.append(list("sheet", [string(s.value)])) }
            if let d = data.decimal { parts.append(list("decimal", [name(d)])) }
            if let t = data.thousands { parts.append(list("thousands", [name(t)])) }
            if let e = data.encoding { parts.append(list("encoding", [string(e.value)])) }
            return list("data", parts)
        case .group(let g):
            return list("group", [name(g.name), name(g.column)] + g.members.map { string($0.value) })
        case .define(let def):
            return list("define", [name(def.name), expr(def.body)])
        case .target(let t):
            var parts = [name(t.id), t.title.map { string($0.value) } ?? "nil"]
            if let d = t.data { parts.append(list("data", [name(d)])) }
            if let f = t.focus { parts.append(list("for", [name(f.column)] + f.values.map { string($0.value) })) }
            if let w = t.filter { parts.append(list("where", [expr(w)])) }
            if let p = t.period { parts.append(list("at", [string(p.value)])) }
            if !t.breakdown.isEmpty { parts.append(list("by", t.breakdown.map(name))) }
            if let m = t.riskMargin { parts.append(list("at-risk-within", [expr(m)])) }
            if let c = t.condition { parts.append(list("condition", [expr(c)])) }
            return list("target", parts)
        case .goal(let g):
            let rule = switch g.rule {
            case .all: "(met-when all)"
            case .atLeast(let k): "(met-when atLeast \(k))"
            }
            return list("goal", [string(g.title.value), rule] + g.children.map(declaration))
        }
    }

    static func expr(_ e: Expr) -> String {
        switch e.kind {
        case .number(let n): list("number", [n])
        case .percent(let n): list("percent", [n])
        case .points(let n): list("points", [n])
        case .ratio(let a, let b): list("ratio", [a, b])
        case .period(let p): list("period", [p])
        case .string(let s): list("string", [string(s)])
        case .bool(let b): list("bool", [b ? "true" : "false"])
        case .quantity(let n, let unit): list("quantity", [n, name(unit)])
        case .list(let items): list("list", items.map(expr))
        case .name(let n): name(n)
        case .call(let n, let args): list("call", [name(n)] + args.map(expr))
        case .negate(let x): list("negate", [expr(x)])
        case .not(let x): list("not", [expr(x)])
        case .binary(let op, let l, let r): list(op.rawValue, [expr(l), expr(r)])
        case .quantifier(let q, let ratio, let body): list(q.rawValue, (ratio.map { [expr($0)] } ?? []) + [expr(body)])
        case .at(let x, let reference, _):
            switch reference {
            case .literal(let p): list("at", [expr(x), p])
            case .previous: list("at", [expr(x), "previous"])
            case .window(let n, let unit): list("over-last", [expr(x), n, unit])
            }
        case .trend(let x, let direction, let from): list(direction.rawValue, [expr(x)] + (from.map { ["yearly-from", $0] } ?? []))
        case .invalid: "(invalid)"
        }
    }
}
