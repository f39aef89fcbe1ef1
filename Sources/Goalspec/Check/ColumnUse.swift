/// The types the spec's use gives to columns that hold no value in the data sample.
///
/// A column whose sampled fields are all empty (a header-only file, a column not yet filled in)
/// has no evidence of its own, so its type comes from how the spec uses it: a condition
/// (`share(job)`, `all job`, `job and …`) makes it Bool; a measure argument, arithmetic or a
/// comparison with a number makes it a number; a comparison with a text, period or percent
/// literal gives that literal's type; a role line (`time`, `weight`, `unit`) gives the role's
/// type. A column used in none of these ways stays Text. Values that appear past the sample are
/// then decoded as that type, and one that does not fit is a located data error.
enum ColumnUse {
    /// The use type of every column name that some declaration uses, by `Name.matchKey`.
    static func types(in declarations: [Declaration]) -> [String: ColumnType] {
        var walker = Walker()
        walker.defines = collectDefines(declarations)
        for d in declarations { walker.visit(d) }
        return walker.types
    }

    private static func collectDefines(_ declarations: [Declaration]) -> [String: Expr] {
        var result: [String: Expr] = [:]
        for d in declarations {
            switch d {
            case .define(let def): result[def.name.matchKey] = def.body
            case .goal(let g): result.merge(collectDefines(g.children)) { first, _ in first }
            default: break
            }
        }
        return result
    }

    private enum Role { case condition, value }

    private struct Walker {
        var defines: [String: Expr] = [:]
        var types: [String: ColumnType] = [:]
        private var expanding: Set<String> = []
        private var walked: Set<String> = []

        mutating func visit(_ d: Declaration) {
            switch d {
            case .data(let data):
                assign(data.time, .period)
                assign(data.weight, .decimal)
                assign(data.entity, .text)
                for u in data.units { assign(u.column, .decimal) }
            case .group(let g):
                assign(g.column, .text)
            case .target(let t):
                assign(t.focus?.column, .text)
                for b in t.breakdown { assign(b, .text) }
                if let f = t.filter { walk(f, .condition) }
                if let c = t.condition { walk(c, .condition) }
            case .goal(let g):
                for child in g.children { visit(child) }
            case .spec, .import, .define:
                break
            }
        }

        /// The first use decides; later uses are checked against it by the checker.
        private mutating func assign(_ name: Name?, _ type: ColumnType) {
            guard let name, defines[name.matchKey] == nil, types[name.matchKey] == nil else { return }
            types[name.matchKey] = type
        }

        private mutating func walk(_ e: Expr, _ role: Role) {
            switch e.kind {
            case .name(let name):
                if let body = defines[name.matchKey] {
                    // A define walked once in a role gives the same types every time (the first
                    // use decides), so each (define, role) is walked once: linear in the spec even
                    // when every define uses the one before three times. Define chains deeper than
                    // the checker accepts (it reports them) are not followed.
                    let key = role == .condition ? "c:" + name.matchKey : "v:" + name.matchKey
                    guard expanding.count < Checker.maxCheckDepth, walked.insert(key).inserted,
                          expanding.insert(name.matchKey).inserted else { return }
                    walk(body, role)
                    expanding.remove(name.matchKey)
                } else {
                    assign(name, role == .condition ? .bool : .decimal)
                }
            case .call(let name, let args):
                let argumentRole: Role = ["share", "count"].contains(name.matchKey) ? .condition : .value
                for a in args { walk(a, argumentRole) }
            case .negate(let x):
                walk(x, .value)
            case .not(let x):
                walk(x, .condition)
            case .quantifier(_, _, let x):
                walk(x, .condition)
            case .at(let x, _, _), .trend(let x, _, _):
                walk(x, role)
            case .binary(let op, let l, let r):
                switch op {
                case .and, .or:
                    walk(l, .condition); walk(r, .condition)
                case .add, .subtract, .multiply, .divide:
                    walk(l, .value); walk(r, .value)
                case .in:
                    if case .list(let items) = r.kind, let first = items.first, let t = literalType(first) {
                        assignIfName(l, t)
                    } else if case .name = r.kind {
                        assignIfName(l, .text)
                    }
                    walk(l, .value)
                case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
                    if let t = literalType(r) { assignIfName(l, t) }
                    if let t = literalType(l) { assignIfName(r, t) }
                    walk(l, .value); walk(r, .value)
                }
            case .list(let items):
                for x in items { walk(x, .value) }
            case .number, .percent, .points, .ratio, .period, .string, .bool, .quantity, .invalid:
                break
            }
        }

        private mutating func assignIfName(_ e: Expr, _ type: ColumnType) {
            if case .name(let name) = e.kind { assign(name, type) }
        }

        private func literalType(_ e: Expr) -> ColumnType? {
            switch e.kind {
            case .number, .quantity, .ratio: .decimal
            case .percent, .points: .percent
            case .string: .text
            case .period: .period
            case .bool: .bool
            default: nil
            }
        }
    }
}
