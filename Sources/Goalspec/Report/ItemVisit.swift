/// One target or goal of a run as the CI formats (JUnit, GitHub, SARIF) report it: whether it fails the
/// run in the sense of the exit status, and the text that explains it.
struct ReportedItem {
    var item: ItemResult
    /// The spec file the item belongs to.
    var specPath: String
    /// `job`, or `goal "TITLE"`, prefixed by the titles of the goals around it.
    var name: String
    var file: String
    var line: Int
    /// Whether the verdict lets `goalspec check` exit 0 (see ``Verdict/passes(strict:)``).
    var passes: Bool
    /// The title of the innermost goal around the item that passes, if any: a failing item
    /// inside it does not fail the run.
    var passingGoal: String?
    /// The verdict and explanation as the text report shows them, with what the verdict means
    /// for the exit status when that is not plain.
    var text: String

    /// Whether the item makes the run fail: it does not pass and no passing goal is around it.
    var failsRun: Bool { !passes && passingGoal == nil }

    /// Every target and goal of the run, goals before their children, in source order.
    static func all(_ run: Runner.Run, language: ReportLanguage = .english) -> [ReportedItem] {
        let renderer = ResultTextRenderer(language: language)
        let words = language.catalogue
        var out: [ReportedItem] = []
        func visit(_ item: ItemResult, spec: String, path: [String], passingGoal: String?) {
            let passes = item.verdict.passes(strict: run.strict)
            var text: String
            let name: String
            let file: String
            let line: Int
            switch item {
            case .goal(let g):
                name = (path + ["goal \"\(g.title)\""]).joined(separator: " / ")
                text = renderer.headline(g) + "\n"
                (file, line) = (g.file, g.line)
            case .target(let t):
                name = (path + [t.id]).joined(separator: " / ")
                text = renderer.render(.target(t), indent: "")
                (file, line) = (t.file, t.line)
            }
            if !passes, let goal = passingGoal {
                text += words.carriedByGoal(item.verdict, goal: goal) + "\n"
            } else if item.verdict == .atRisk {
                text += words.atRiskCounts(strict: run.strict) + "\n"
            }
            out.append(ReportedItem(item: item, specPath: spec, name: name, file: file, line: line, passes: passes,
                                    passingGoal: passingGoal, text: text))
            if case .goal(let g) = item {
                g.children.forEach { visit($0, spec: spec, path: path + [g.title], passingGoal: passingGoal ?? (passes ? g.title : nil)) }
            }
        }
        for spec in run.specs where spec.evaluated {
            spec.items.forEach { visit($0, spec: spec.path, path: [], passingGoal: nil) }
        }
        return out
    }
}
