/// The report of `goalspec check --format html`: one self-contained XHTML document (inline CSS
/// and SVG; no scripts, fonts or anything else fetched) with a summary of the verdicts, the
/// goal hierarchy as a tree, and per target its verdict, condition, explanation and charts.
/// The series of the charts come from evaluating each prepared spec again at the earlier
/// periods of its data, without reading the data again. It never prints.
public enum HTMLReport {
    /// The document.
    /// `exitStatus`: the process's exit status (default: the run's, `Runner.Run.exitStatus`).
    /// `language`: the language of its words and numbers (English by default).
    public static func render(_ run: Runner.Run, exitStatus: Int32? = nil, language: ReportLanguage = .english) -> String {
        Document(run: run, words: language.catalogue, status: exitStatus ?? run.exitStatus).render()
    }
}

/// The HTML report under construction.
struct Document {
    let run: Runner.Run
    let words: any MessageCatalogue
    let status: Int32

    /// The specs that have results to show, with their index in the run.
    var shownSpecs: [(index: Int, spec: Runner.SpecResult)] {
        run.specs.enumerated().filter { $0.element.evaluated && !$0.element.items.isEmpty }.map { ($0.offset, $0.element) }
    }

    func render() -> String {
        let titles = shownSpecs.compactMap(\.spec.title)
        var out = "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"\(words.language.rawValue)\" xml:lang=\"\(words.language.rawValue)\">\n<head>\n"
        out += "<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        out += "<meta name=\"generator\" content=\"Goalspec \(HTML.escape(Runner.version))\"/>\n"
        out += "<title>\(HTML.escape(([words.documentTitle] + titles.prefix(1)).joined(separator: " — ")))</title>\n"
        out += "<style>\n\(HTMLStyle.css)\n</style>\n</head>\n<body>\n"
        out += "<header class=\"page\">\n<h1>\(HTML.escape(words.documentTitle))</h1>\n"
        out += "<p class=\"outcome status-\(status)\">\(HTML.escape(outcome()))</p>\n</header>\n<main>\n"
        out += summary()
        out += diagnostics()
        out += hierarchy()
        for (index, spec) in shownSpecs { out += section(spec, index: index) }
        out += "</main>\n<footer class=\"page\"><p>\(HTML.escape(words.generatedBy(Runner.version)))</p></footer>\n</body>\n</html>\n"
        return out
    }

    func outcome() -> String {
        var failing: [Verdict: Int] = [:]
        for spec in run.specs {
            for item in spec.items where !item.verdict.passes(strict: run.strict) { failing[item.verdict, default: 0] += 1 }
        }
        let list = [Verdict.notMet, .atRisk, .noData, .error].compactMap { v in failing[v].map { (v, $0) } }
        return words.outcome(status, failing: list, diagnostics: words.diagnosticSummary(run.diagnosticCounts))
    }

    func badge(_ v: Verdict) -> String {
        "<span class=\"badge v-\(ChartPaint.cssClass(v))\">\(HTML.escape(words.symbol(v))) \(HTML.escape(words.verdict(v)))</span>"
    }

    func summary() -> String {
        let tally = Tally(run)
        let counts: [(Verdict, Int)] = [(.met, tally.met), (.atRisk, tally.atRisk), (.notMet, tally.notMet), (.noData, tally.noData), (.error, tally.error)]
        var out = "<section id=\"summary\" aria-labelledby=\"summary-heading\">\n<h2 id=\"summary-heading\">\(HTML.escape(words.summaryHeading))</h2>\n"
        out += "<p>\(HTML.escape(words.targetCount(tally.total)))"
        if let note = words.strictNote(run.strict, atRisk: tally.atRisk) { out += "; \(HTML.escape(note))" }
        let diagnostics = words.diagnosticSummary(run.diagnosticCounts)
        if !diagnostics.isEmpty { out += "; \(HTML.escape(diagnostics))" }
        out += "</p>\n<ul class=\"tally\">\n"
        for (v, n) in counts where n > 0 || v != .error {
            out += "<li class=\"v-\(ChartPaint.cssClass(v))\" data-verdict=\"\(ChartPaint.cssClass(v))\" data-count=\"\(n)\"><span class=\"n\">\(n)</span>\(HTML.escape(words.symbol(v))) \(HTML.escape(words.verdict(v)))</li>\n"
        }
        return out + "</ul>\n</section>\n"
    }

    func diagnostics() -> String {
        let counts = run.diagnosticCounts
        guard !run.diagnostics.isEmpty || counts.omitted > 0 else { return "" }
        let text = DiagnosticRenderer(sources: run.sources, language: words.language).render(run.diagnostics, counts: counts)
        return "<section id=\"diagnostics\" aria-labelledby=\"diagnostics-heading\">\n<h2 id=\"diagnostics-heading\">\(HTML.escape(words.diagnosticsHeading))</h2>\n"
            + "<p>\(HTML.escape(words.diagnosticSummary(counts)))</p>\n<pre class=\"diagnostics\">\(HTML.escape(text))</pre>\n</section>\n"
    }

    /// The anchor of a spec's section and of each of its targets.
    func anchor(spec index: Int) -> String { "spec\(index + 1)" }

    func anchors(_ spec: Runner.SpecResult, index: Int) -> [String: String] {
        var out: [String: String] = [:]
        for (i, t) in SpecHistory.targets(spec.items).enumerated() { out[t.id] = "\(anchor(spec: index))-target\(i + 1)" }
        return out
    }

    func hierarchy() -> String {
        var out = "<section id=\"hierarchy\" aria-labelledby=\"hierarchy-heading\">\n<h2 id=\"hierarchy-heading\">\(HTML.escape(words.hierarchyHeading))</h2>\n"
        for (index, spec) in run.specs.enumerated() {
            let name = spec.title ?? spec.path
            guard spec.evaluated, !spec.items.isEmpty else {
                if !spec.evaluated { out += "<p class=\"path\">\(HTML.escape(words.notEvaluated(spec.path)))</p>\n" }
                continue
            }
            let ids = anchors(spec, index: index)
            out += "<h3><a href=\"#\(anchor(spec: index))\">\(HTML.escape(name))</a></h3>\n<p class=\"path\"><code>\(HTML.escape(spec.path))</code></p>\n"
            out += "<ul class=\"tree\">\n" + spec.items.map { node($0, ids) }.joined() + "</ul>\n"
        }
        return out + "</section>\n"
    }

    func node(_ item: ItemResult, _ ids: [String: String]) -> String {
        switch item {
        case .target(let t):
            let title = t.title.map { " — " + HTML.escape($0) } ?? ""
            return "<li class=\"node target-node\" data-verdict=\"\(ChartPaint.cssClass(t.verdict))\">\(badge(t.verdict)) <a href=\"#\(ids[t.id] ?? "")\"><code>\(HTML.escape(t.id))</code>\(title)</a></li>\n"
        case .goal(let g):
            var out = "<li class=\"node goal-node\" data-verdict=\"\(ChartPaint.cssClass(g.verdict))\">\(badge(g.verdict)) <span class=\"goal-title\">\(HTML.escape(words.goalPrefix(g.title)))</span> <span class=\"rule\">\(HTML.escape(words.goalRule(g)))</span>"
            if !g.children.isEmpty { out += "\n<ul>\n" + g.children.map { node($0, ids) }.joined() + "</ul>\n" }
            return out + "</li>\n"
        }
    }

    func section(_ spec: Runner.SpecResult, index: Int) -> String {
        let id = anchor(spec: index)
        let ids = anchors(spec, index: index)
        let charts = TargetCharts(words: words, history: SpecHistory(spec))
        var out = "<section class=\"spec\" id=\"\(id)\" aria-labelledby=\"\(id)-heading\">\n"
        out += "<h2 id=\"\(id)-heading\">\(HTML.escape(spec.title ?? spec.path))</h2>\n<p class=\"path\"><code>\(HTML.escape(spec.path))</code></p>\n"
        func visit(_ item: ItemResult, goals: [String]) {
            switch item {
            case .goal(let g): g.children.forEach { visit($0, goals: goals + [g.title]) }
            case .target(let t): out += target(t, anchor: ids[t.id] ?? id, goals: goals, charts: charts)
            }
        }
        spec.items.forEach { visit($0, goals: []) }
        return out + "</section>\n"
    }

    func target(_ t: TargetResult, anchor: String, goals: [String], charts: TargetCharts) -> String {
        let v = ChartPaint.cssClass(t.verdict)
        var out = "<article class=\"target v-\(v)\" id=\"\(anchor)\" data-target=\"\(HTML.escape(t.id))\" data-verdict=\"\(v)\" aria-labelledby=\"\(anchor)-heading\">\n"
        out += "<header>\(badge(t.verdict)) <h3 id=\"\(anchor)-heading\"><code>\(HTML.escape(t.id))</code>"
        if let title = t.title { out += " — \(HTML.escape(title))" }
        out += "</h3></header>\n"
        if !goals.isEmpty { out += "<p class=\"in-goals\">\(HTML.escape(words.insideGoals(goals)))</p>\n" }
        out += "<dl class=\"facts\">\n<dt>\(HTML.escape(words.conditionLabel))</dt><dd><code class=\"condition\">\(HTML.escape(t.condition))</code></dd>\n"
        if let f = t.focus { out += "<dt>\(HTML.escape(words.focusLabel))</dt><dd><code>\(HTML.escape(f))</code></dd>\n" }
        if let p = t.period { out += "<dt>\(HTML.escape(words.periodLabel))</dt><dd>\(HTML.escape(words.periodProse(p)))</dd>\n" }
        out += "<dt>\(HTML.escape(words.locationLabel))</dt><dd><code>\(HTML.escape("\(t.file):\(t.line)"))</code></dd>\n</dl>\n"
        for chart in charts.charts(for: t, anchor: anchor) { out += chart.figure(words) }
        out += "<h4>\(HTML.escape(words.explanationLabel))</h4>\n"
        out += "<pre class=\"explanation\">\(HTML.escape(ResultTextRenderer(catalogue: words).body(t, indent: "")))</pre>\n"
        return out + "</article>\n"
    }
}
