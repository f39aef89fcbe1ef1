/// Renders a run as Markdown: a summary table of every target, then each target's explanation,
/// for pull-request comments and wiki pages.
public enum MarkdownReport {
    /// The document.
    public static func render(_ run: Runner.Run) -> String {
        let tally = Tally(run)
        var out = "# Goalspec report\n\n"
        out += outcome(run) + "\n\n"
        let atRisk = "\(tally.atRisk) at risk" + (run.strict && tally.atRisk > 0 ? " (counted as not met: --strict)" : "")
        out += "\(tally.total) targets: \(tally.met) met, \(atRisk), \(tally.notMet) not met, \(tally.noData) no data\n\n"
        let counts = run.diagnosticCounts
        if !run.diagnostics.isEmpty || counts.omitted > 0 {
            out += "## Diagnostics\n\n\(counts.summary)\n\n```text\n"
                + DiagnosticRenderer(sources: run.sources).render(run.diagnostics, counts: counts) + "```\n\n"
        }
        for spec in run.specs where spec.evaluated && !spec.items.isEmpty {
            out += "## \(cell(spec.title ?? spec.path))\n\n`\(spec.path)`\n\n"
            out += "| verdict | target | period | value | requirement | margin |\n|---|---|---|---|---|---|\n"
            func rows(_ item: ItemResult, _ prefix: String) {
                switch item {
                case .goal(let g):
                    out += "| \(badge(g.verdict)) | \(prefix)**\(cell(g.title))** (\(g.metChildren) of \(g.children.count) met) | | | | |\n"
                    g.children.forEach { rows($0, prefix + "&nbsp;&nbsp;") }
                case .target(let t):
                    let check = t.explanation.checks.first
                    let shown = check.map { ValueFormatting.comparison($0.value, $0.threshold, as: $0.type) }
                    let value = shown?.value ?? cell(t.explanation.reason ?? "")
                    let requirement = check.map { c in shown?.threshold.map { "\(c.op.rawValue) " + $0 } ?? "" } ?? ""
                    let margin = check.flatMap { c in c.margin.map { ValueFormatting.signed($0, as: c.marginType) } } ?? ""
                    let title = t.title.map { " — \(cell($0))" } ?? ""
                    out += "| \(badge(t.verdict)) | \(prefix)`\(cell(t.id))`\(title) | \(t.period?.description ?? "") | \(value) | \(cell(requirement)) | \(margin) |\n"
                }
            }
            spec.items.forEach { rows($0, "") }
            out += "\n<details><summary>Explanations</summary>\n\n```text\n"
            let text = ResultTextRenderer()
            for item in spec.items { out += text.render(item, indent: "") + "\n" }
            out += "```\n\n</details>\n\n"
        }
        return out
    }

    /// The run's result as the exit status of `goalspec check` gives it.
    static func outcome(_ run: Runner.Run) -> String {
        switch run.exitStatus {
        case 0:
            return "**✅ Passed** (exit status 0): every top-level target and goal is met"
                + (Tally(run).atRisk > 0 ? "; at risk counts as met without --strict" : "")
        case 1:
            var failing: [Verdict: Int] = [:]
            for spec in run.specs {
                for item in spec.items where !item.verdict.passes(strict: run.strict) { failing[item.verdict, default: 0] += 1 }
            }
            let parts = [Verdict.notMet, .atRisk, .noData, .error].compactMap { v in
                failing[v].map { "\($0) \(v.rawValue)" + (v == .atRisk ? " (counted as not met: --strict)" : "") }
            }
            return "**❌ Failed** (exit status 1); top-level targets and goals that do not pass: " + parts.joined(separator: ", ")
        default:
            return "**💥 Unusable** (exit status 2): a spec or its data could not be used; " + run.diagnosticCounts.summary
        }
    }

    static func badge(_ v: Verdict) -> String {
        switch v {
        case .met: "✅ met"
        case .atRisk: "⚠️ at risk"
        case .notMet: "❌ not met"
        case .noData: "❔ no data"
        case .error: "💥 error"
        }
    }

    /// Text safe inside a table cell.
    static func cell(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
