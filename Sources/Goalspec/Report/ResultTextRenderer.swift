/// Renders verdicts and explanations as human text.
public struct ResultTextRenderer: Sendable {
    public var style: TextStyle

    public init(style: TextStyle = TextStyle(colored: false)) { self.style = style }

    /// Every spec's items, then a summary line.
    public func render(_ run: Runner.Run) -> String {
        var out = ""
        for spec in run.specs where spec.evaluated && !spec.items.isEmpty {
            out += style.bold(spec.title.map { "\($0) (\(spec.path))" } ?? spec.path) + "\n\n"
            for item in spec.items {
                out += render(item, indent: "")
                out += "\n"
            }
        }
        out += summary(run) + "\n"
        return out
    }

    /// "3 targets: 2 met, 1 not met".
    public func summary(_ run: Runner.Run) -> String {
        let counts = Tally(run)
        var parts = ["\(counts.met) met", "\(counts.notMet) not met"]
        if counts.atRisk > 0 { parts.insert("\(counts.atRisk) at risk" + (run.strict ? " (counted as not met: --strict)" : ""), at: 1) }
        if counts.noData > 0 { parts.append("\(counts.noData) no data") }
        if counts.error > 0 { parts.append("\(counts.error) failed") }
        var line = "\(counts.total) target\(counts.total == 1 ? "" : "s"): " + parts.joined(separator: ", ")
        let diagnostics = run.diagnosticCounts.summary
        if !diagnostics.isEmpty { line += "; " + diagnostics }
        return line
    }

    func badge(_ v: Verdict) -> String {
        switch v {
        case .met: style.green("✓ met")
        case .atRisk: style.yellow("~ at risk")
        case .notMet: style.red("✗ not met")
        case .noData: style.yellow("? no data")
        case .error: style.red("! error")
        }
    }

    func render(_ item: ItemResult, indent: String) -> String {
        switch item {
        case .target(let t): return render(t, indent: indent)
        case .goal(let g):
            var out = "\(indent)\(headline(g))\n"
            for child in g.children { out += render(child, indent: indent + "    ") }
            return out
        }
    }

    /// A goal's line: `✓ met  goal "TITLE"  1 of 2 met, needs at least 1 of 2`.
    func headline(_ g: GoalResult) -> String {
        let rule: String = switch g.rule {
        case .all: "all of \(g.children.count)"
        case .atLeast(let k): "at least \(k) of \(g.children.count)"
        }
        return "\(badge(g.verdict))  \(style.bold("goal \"\(g.title)\""))  \(g.metChildren) of \(g.children.count) met, needs \(rule)"
    }

    func render(_ t: TargetResult, indent: String) -> String {
        var out = "\(indent)\(badge(t.verdict))  \(style.bold(t.id))"
        if let title = t.title { out += " — \(title)" }
        out += "\n"
        var context = ["\(t.file):\(t.line)"]
        if let f = t.focus { context.append("for \(f)") }
        if let p = t.period { context.append("at \(p)") }
        out += "\(indent)    \(style.dim(context.joined(separator: " · ")))\n"
        out += body(t, indent: indent + "    ")
        return out
    }

    /// A target's explanation under its headline: its figures and checks, or each part's.
    func body(_ t: TargetResult, indent: String) -> String {
        guard !t.parts.isEmpty else { return explanation(t.explanation, indent: indent) }
        var out = ""
        if let reason = t.explanation.reason { out += "\(indent)\(reason)\n" }
        for part in t.parts {
            let key = part.key.map { "\($0.column) = \($0.value)" }.joined(separator: ", ")
            out += "\(indent)\(badge(part.verdict))  \(key)\n"
            out += explanation(part.explanation, indent: indent + "    ")
        }
        return out
    }

    func rows(_ n: Int) -> String { n == 1 ? "1 row" : "\(n) rows" }

    func explanation(_ e: Explanation, indent: String) -> String {
        var out = ""
        for m in e.measures {
            out += "\(indent)\(m.label) = \(m.value.map { ValueFormatting.format($0, as: m.type) } ?? "–")"
            var facts: [String] = []
            if let hits = m.hits, let total = m.individuals {
                facts.append("\(ValueFormatting.number(hits)) of \(ValueFormatting.number(total)) \(m.weightName ?? "individuals"), \(rows(m.rows))")
            } else if let hits = m.hits {
                facts.append("\(ValueFormatting.number(hits)) of " + (m.weightName.map { "\(m.rows) \($0)" } ?? rows(m.rows)))
            } else if let ind = m.individuals {
                facts.append("\(ValueFormatting.number(ind)) \(m.weightName ?? "individuals"), \(rows(m.rows))")
            } else if let v = m.valueRows, v < m.rows {
                facts.append("\(v) of \(rows(m.rows)) have a value")
            } else {
                facts.append(rows(m.rows))
            }
            if let p = m.period { facts.append(p.description) }
            out += " (\(facts.joined(separator: ", ")))\n"
            if !m.members.isEmpty {
                let list = m.members.map { "\($0.name) \($0.value.map { v in ValueFormatting.format(v, as: m.type) } ?? "–")" }
                out += "\(indent)    \(style.dim(list.joined(separator: ", ")))\n"
            }
        }
        for c in e.checks {
            let mark = c.met == true ? style.green("✓") : style.red("✗")
            var line = "\(indent)\(mark) \(c.text)"
            if case let (v?, th?) = ValueFormatting.comparison(c.value, c.threshold, as: c.type) {
                line += ": \(v) \(c.op.rawValue) \(th)"
            }
            if let m = c.margin { line += ", margin \(ValueFormatting.signed(m, as: c.marginType))" }
            out += line + "\n"
            if let w = c.whatItTakes { out += "\(indent)  → \(w)\n" }
        }
        if let reason = e.reason { out += "\(indent)\(reason)\n" }
        return out
    }
}

/// Counts of verdicts over every target of a run (targets inside goals included).
public struct Tally: Sendable {
    public var met = 0, atRisk = 0, notMet = 0, noData = 0, error = 0

    public var total: Int { met + atRisk + notMet + noData + error }

    public init(_ run: Runner.Run) {
        for spec in run.specs { for item in spec.items { add(item) } }
    }

    private mutating func add(_ item: ItemResult) {
        switch item {
        case .goal(let g): g.children.forEach { add($0) }
        case .target(let t):
            switch t.verdict {
            case .met: met += 1
            case .atRisk: atRisk += 1
            case .notMet: notMet += 1
            case .noData: noData += 1
            case .error: error += 1
            }
        }
    }
}
