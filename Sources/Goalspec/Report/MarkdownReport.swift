/// Renders a run as Markdown: a summary table of every target, then each target's explanation,
/// for pull-request comments and wiki pages.
public enum MarkdownReport {
    /// The document.
    /// `language`: the language of its words and numbers (English by default).
    public static func render(_ run: Runner.Run, language: ReportLanguage = .english) -> String {
        let words = language.catalogue
        let tally = Tally(run)
        var out = "# \(words.reportTitle)\n\n"
        out += outcome(run, words) + "\n\n"
        out += words.fullTally(tally, strict: run.strict) + "\n\n"
        let counts = run.diagnosticCounts
        if !run.diagnostics.isEmpty || counts.omitted > 0 {
            out += "## \(words.diagnosticsHeading)\n\n\(words.diagnosticSummary(counts))\n\n"
                + fenced(DiagnosticRenderer(sources: run.sources, language: language).render(run.diagnostics, counts: counts)) + "\n"
        }
        for spec in run.specs where spec.evaluated && !spec.items.isEmpty {
            out += "## \(cell(spec.title ?? spec.path))\n\n`\(spec.path)`\n\n"
            out += "| " + words.tableColumns.joined(separator: " | ") + " |\n|---|---|---|---|---|---|\n"
            func rows(_ item: ItemResult, _ prefix: String) {
                switch item {
                case .goal(let g):
                    out += "| \(badge(g.verdict, words)) | \(prefix)**\(cell(g.title))** (\(cell(words.goalRule(g)))) | | | | |\n"
                    g.children.forEach { rows($0, prefix + "&nbsp;&nbsp;") }
                case .target(let t):
                    let check = t.explanation.checks.first
                    let shown = check.map { words.comparison($0.value, $0.threshold, as: $0.type) }
                    let value = shown?.value ?? cell(t.explanation.reason.map(words.reason) ?? "")
                    let requirement = check.map { c in shown?.threshold.map { "\(c.op.rawValue) " + $0 } ?? "" } ?? ""
                    let margin = check.flatMap { c in c.margin.map { words.signed($0, as: c.marginType) } } ?? ""
                    let title = t.title.map { " — \(cell($0))" } ?? ""
                    out += "| \(badge(t.verdict, words)) | \(prefix)`\(cell(t.id))`\(title) | \(t.period?.description ?? "") | \(value) | \(cell(requirement)) | \(margin) |\n"
                }
            }
            spec.items.forEach { rows($0, "") }
            out += "\n<details><summary>\(words.explanationsHeading)</summary>\n\n"
            let text = ResultTextRenderer(language: language)
            out += fenced(spec.items.map { text.render($0, indent: "") + "\n" }.joined())
            out += "\n</details>\n\n"
        }
        return TerminalSafeText.visible(out, keepingStyle: false)
    }

    /// `body` in a fenced code block whose fence is longer than any run of backticks in it, so
    /// text from a spec or data cannot close the block early.
    static func fenced(_ body: String) -> String {
        var longest = 0, run = 0
        for c in body.utf8 {
            run = c == UInt8(ascii: "`") ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return "\(fence)text\n\(body)\(body.hasSuffix("\n") ? "" : "\n")\(fence)\n"
    }

    /// The run's result as the exit status of `goalspec check` gives it.
    static func outcome(_ run: Runner.Run, _ words: any MessageCatalogue) -> String {
        var failing: [Verdict: Int] = [:]
        for spec in run.specs {
            for item in spec.items where !item.verdict.passes(strict: run.strict) { failing[item.verdict, default: 0] += 1 }
        }
        let list = [Verdict.notMet, .atRisk, .noData, .error].compactMap { v in failing[v].map { (v, $0) } }
        return words.markdownOutcome(run.exitStatus, failing: list, atRisk: Tally(run).atRisk,
                                     diagnostics: words.diagnosticSummary(run.diagnosticCounts))
    }

    static func badge(_ v: Verdict, _ words: any MessageCatalogue) -> String {
        let mark = switch v {
        case .met: "✅"
        case .atRisk: "⚠️"
        case .notMet: "❌"
        case .noData: "❔"
        case .error: "💥"
        }
        return mark + " " + words.verdict(v)
    }

    /// Text safe inside a table cell.
    static func cell(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
