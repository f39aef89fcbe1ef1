/// Renders verdicts and explanations as human text, with control characters from specs and
/// data shown as visible characters (``TerminalSafeText``).
public struct ResultTextRenderer: Sendable {
    public var style: TextStyle
    /// The language of every word; numbers follow its style.
    public var words: any MessageCatalogue

    public init(style: TextStyle = TextStyle(colored: false), language: ReportLanguage = .english) {
        self.style = style
        self.words = language.catalogue
    }

    /// A renderer with the words of `catalogue`.
    public init(style: TextStyle = TextStyle(colored: false), catalogue: any MessageCatalogue) {
        self.style = style
        self.words = catalogue
    }

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
        return style.safe(out)
    }

    /// "3 targets: 2 met, 1 not met".
    public func summary(_ run: Runner.Run) -> String {
        style.safe(words.summary(Tally(run), strict: run.strict, diagnostics: run.diagnosticCounts))
    }

    func badge(_ v: Verdict) -> String {
        let text = words.symbol(v) + " " + words.verdict(v)
        switch v {
        case .met: return style.green(text)
        case .atRisk, .noData: return style.yellow(text)
        case .notMet, .error: return style.red(text)
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
        "\(badge(g.verdict))  \(style.bold(words.goalTitle(g.title)))  \(words.goalRule(g))"
    }

    func render(_ t: TargetResult, indent: String) -> String {
        var out = "\(indent)\(badge(t.verdict))  \(style.bold(t.id))"
        if let title = t.title { out += " — \(title)" }
        out += "\n"
        var context = ["\(t.file):\(t.line)"]
        if let f = t.focus { context.append(words.forFocus(f)) }
        if let p = t.period { context.append(words.atPeriod(p)) }
        out += "\(indent)    \(style.dim(context.joined(separator: " · ")))\n"
        out += body(t, indent: indent + "    ")
        return style.safe(out)
    }

    /// A target's explanation under its headline: its figures and checks, or each part's.
    func body(_ t: TargetResult, indent: String) -> String {
        guard !t.parts.isEmpty else { return explanation(t.explanation, indent: indent) }
        var out = ""
        if let reason = t.explanation.reason { out += "\(indent)\(words.reason(reason))\n" }
        for part in t.parts {
            let key = part.key.map { "\($0.column) = \($0.value)" }.joined(separator: ", ")
            out += "\(indent)\(badge(part.verdict))  \(key)\n"
            out += explanation(part.explanation, indent: indent + "    ")
        }
        return out
    }

    func explanation(_ e: Explanation, indent: String) -> String {
        var out = ""
        for m in e.measures {
            out += "\(indent)\(m.label) = \(m.value.map { words.value($0, as: m.type) } ?? "–")"
            out += " (\(words.measureFacts(m)))\n"
            if !m.members.isEmpty {
                let list = m.members.map { "\($0.name) \($0.value.map { v in words.value(v, as: m.type) } ?? "–")" }
                out += "\(indent)    \(style.dim(list.joined(separator: ", ")))\n"
            }
        }
        for c in e.checks {
            let mark = c.met == true ? style.green("✓") : style.red("✗")
            var line = "\(indent)\(mark) \(c.text)" + (c.weakestYear.map(words.weakestYear) ?? "")
            if case let (v?, th?) = words.comparison(c.value, c.threshold, as: c.type) {
                line += ": \(v) \(c.op.rawValue) \(th)"
            }
            if let m = c.margin { line += ", " + words.margin(words.signed(m, as: c.marginType)) }
            out += line + "\n"
            if let w = c.whatItTakes { out += "\(indent)  → \(words.advice(w))\n" }
        }
        if let reason = e.reason { out += "\(indent)\(words.reason(reason))\n" }
        return style.safe(out)
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
