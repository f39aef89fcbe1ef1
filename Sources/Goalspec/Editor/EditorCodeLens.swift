/// The "Evaluate" lens over a target or goal: its verdict and margin on the data (`✓ met +0.3pp`).
public struct EditorCodeLens: Sendable, Hashable {
    /// The target's id or the goal's title, where the lens is shown.
    public var range: SourceRange
    /// `✓ met +0.3pp`, `✗ not met 1 of 3 parts`, `? no data`; or why there is no verdict.
    public var title: String
    /// The explanation as `goalspec check` prints it, for the editor to show on click.
    public var explanation: String

    /// A lens on each target and goal of `analysis` (the current text); verdicts come from
    /// `verdicts`, the latest evaluation of the document, matched by target id and goal line.
    public static func lenses(in analysis: DocumentAnalysis, verdicts: DocumentAnalysis?) -> [EditorCodeLens] {
        guard let file = analysis.file, let tree = analysis.tree else { return [] }
        let renderer = ResultTextRenderer()
        var out: [EditorCodeLens] = []
        // Verdicts of an earlier text are shown only while the current one checks, marked as such.
        let hasErrors = analysis.diagnostics.contains { $0.severity == .error }
        let evaluated = analysis.evaluated ? analysis : hasErrors ? nil : verdicts.flatMap { $0.evaluated ? $0 : nil }
        let stale = analysis.evaluated ? "" : " · as last saved"
        func visit(_ d: Declaration) {
            switch d {
            case .target(let t) where t.range.file == file:
                if let r = evaluated?.targetResult(t.id.text) {
                    out.append(EditorCodeLens(range: t.id.range, title: title(r) + stale, explanation: renderer.render(r, indent: "")))
                } else {
                    out.append(EditorCodeLens(range: t.id.range, title: pendingTitle(analysis), explanation: ""))
                }
            case .goal(let g) where g.range.file == file:
                let line = analysis.source?.line(of: g.range.lowerBound) ?? 0
                if let r = evaluated?.goalResult(line: line) {
                    out.append(EditorCodeLens(range: g.title.range, title: "\(badge(r.verdict)) \(r.metChildren) of \(r.children.count)" + stale,
                                              explanation: renderer.render(.goal(r), indent: "")))
                } else {
                    out.append(EditorCodeLens(range: g.title.range, title: pendingTitle(analysis), explanation: ""))
                }
                g.children.forEach(visit)
            default: break
            }
        }
        tree.declarations.forEach(visit)
        return out
    }

    static func pendingTitle(_ analysis: DocumentAnalysis) -> String {
        analysis.diagnostics.contains { $0.severity == .error } ? "Evaluate: fix the errors first" : "Evaluate: save to run"
    }

    static func badge(_ v: Verdict) -> String {
        switch v {
        case .met: "✓ met"
        case .atRisk: "~ at risk"
        case .notMet: "✗ not met"
        case .noData: "? no data"
        case .error: "! error"
        }
    }

    /// The verdict, then the margin of its comparison, or how many parts are met.
    static func title(_ r: TargetResult) -> String {
        if !r.parts.isEmpty {
            let met = r.parts.filter { $0.verdict.isMet }.count
            return "\(badge(r.verdict)) \(met) of \(r.parts.count) parts"
        }
        if r.explanation.checks.count == 1, let c = r.explanation.checks.first, let m = c.margin {
            return "\(badge(r.verdict)) \(ValueFormatting.signed(m, as: c.marginType))"
        }
        if r.explanation.checks.count > 1 {
            let met = r.explanation.checks.filter { $0.met == true }.count
            return "\(badge(r.verdict)) \(met) of \(r.explanation.checks.count) checks"
        }
        return badge(r.verdict)
    }
}
