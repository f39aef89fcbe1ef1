/// Where a name is written in a spec, and what the grammar says it names there.
struct NameOccurrence {
    enum Role {
        /// The name of a data block, group, define or target, where it is declared.
        case declaresData, declaresGroup, declaresDefine, declaresTarget
        /// A dataset named by a target's `data` line.
        case dataset
        /// A column named by a data block's role line, a group's column, `for`, `by` or `unit`.
        case column
        /// A function name in a call.
        case function
        /// A name in an expression: a column, define or group.
        case expression
    }

    var name: Name
    var role: Role
    /// The target whose clauses hold the name, if any.
    var target: TargetDeclaration?
}

/// Finds the syntax at a byte offset of a spec file.
struct SyntaxLookup {
    let declarations: [Declaration]
    let file: Int

    /// Every name written in the file, with its role.
    func names() -> [NameOccurrence] {
        var out: [NameOccurrence] = []
        func expr(_ e: Expr, _ target: TargetDeclaration?) {
            visit(e) { node in
                switch node.kind {
                case .name(let n): out.append(NameOccurrence(name: n, role: .expression, target: target))
                case .call(let f, _): out.append(NameOccurrence(name: f, role: .function, target: target))
                default: break
                }
            }
        }
        func declaration(_ d: Declaration) {
            switch d {
            case .spec, .import: break
            case .data(let dd):
                out.append(NameOccurrence(name: dd.name, role: .declaresData))
                for c in [dd.entity, dd.time, dd.weight].compactMap({ $0 }) + dd.units.map(\.column) {
                    out.append(NameOccurrence(name: c, role: .column))
                }
            case .group(let g):
                out.append(NameOccurrence(name: g.name, role: .declaresGroup))
                out.append(NameOccurrence(name: g.column, role: .column))
            case .define(let def):
                out.append(NameOccurrence(name: def.name, role: .declaresDefine))
                expr(def.body, nil)
            case .target(let t):
                out.append(NameOccurrence(name: t.id, role: .declaresTarget, target: t))
                if let data = t.data { out.append(NameOccurrence(name: data, role: .dataset, target: t)) }
                if let f = t.focus { out.append(NameOccurrence(name: f.column, role: .column, target: t)) }
                for b in t.breakdown { out.append(NameOccurrence(name: b, role: .column, target: t)) }
                for e in [t.filter, t.riskMargin, t.condition].compactMap({ $0 }) { expr(e, t) }
            case .goal(let g): g.children.forEach(declaration)
            }
        }
        declarations.filter { $0.range.file == file }.forEach(declaration)
        return out
    }

    /// The name whose text covers `offset` (its last byte included, so a cursor right after a
    /// word finds it).
    func name(at offset: Int) -> NameOccurrence? {
        names().first { $0.name.range.file == file && $0.name.range.lowerBound <= offset && offset <= $0.name.range.upperBound }
    }

    /// The innermost expression covering `offset`, with the target it belongs to.
    func expression(at offset: Int) -> (expr: Expr, target: TargetDeclaration?)? {
        var best: (Expr, TargetDeclaration?)?
        func consider(_ e: Expr, _ t: TargetDeclaration?) {
            visit(e) { node in
                guard node.range.file == file, node.range.lowerBound <= offset, offset < node.range.upperBound else { return }
                if let (b, _) = best, b.range.upperBound - b.range.lowerBound <= node.range.upperBound - node.range.lowerBound { return }
                best = (node, t)
            }
        }
        for t in targets() {
            for e in [t.filter, t.riskMargin, t.condition].compactMap({ $0 }) { consider(e, t) }
        }
        for case .define(let def) in declarations where def.range.file == file { consider(def.body, nil) }
        return best
    }

    /// The file's targets, those inside goals included, in source order.
    func targets() -> [TargetDeclaration] {
        var out: [TargetDeclaration] = []
        func walk(_ d: Declaration) {
            switch d {
            case .target(let t): out.append(t)
            case .goal(let g): g.children.forEach(walk)
            default: break
            }
        }
        declarations.filter { $0.range.file == file }.forEach(walk)
        return out
    }

    /// The target whose declaration covers `offset`.
    func target(at offset: Int) -> TargetDeclaration? {
        targets().first { $0.range.lowerBound <= offset && offset <= $0.range.upperBound }
    }

    /// Calls `body` on `e` and every expression inside it, outermost first; iterative, so a
    /// deeply nested expression cannot exhaust the stack.
    func visit(_ e: Expr, _ body: (Expr) -> Void) {
        var stack = [e]
        while let node = stack.popLast() {
            body(node)
            switch node.kind {
            case .list(let items): stack.append(contentsOf: items.reversed())
            case .call(_, let args): stack.append(contentsOf: args.reversed())
            case .negate(let a), .not(let a), .at(let a, _, _), .trend(let a, _, _): stack.append(a)
            case .binary(_, let a, let b): stack.append(contentsOf: [b, a])
            case .quantifier(_, let ratio, let p):
                stack.append(p)
                if let ratio { stack.append(ratio) }
            case .number, .percent, .points, .ratio, .period, .string, .bool, .quantity, .name, .invalid: break
            }
        }
    }
}
