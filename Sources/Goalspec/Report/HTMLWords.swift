/// Every word of the HTML report, in one place so that a message catalogue per language can take
/// it over. English only for now; numbers are formatted by `ValueFormatting`.
struct HTMLWords: Sendable {
    static let english = HTMLWords()

    let language = "en"
    let documentTitle = "Goalspec report"
    let summaryHeading = "Summary"
    let hierarchyHeading = "Goals and targets"
    let diagnosticsHeading = "Diagnostics"
    let conditionLabel = "Condition"
    let locationLabel = "Written at"
    let focusLabel = "For"
    let periodLabel = "Period"
    let explanationLabel = "Explanation"
    let chartDataCaption = "The chart's figures"
    let periodColumn = "period"
    let yearColumn = "year"
    let valueColumn = "value"
    let verdictColumn = "verdict"
    let requirementColumn = "requirement"
    let partColumn = "part"
    let memberColumn = "member"
    let earlierPeriod = "earlier period"
    let skipToTargets = "Targets"

    func generatedBy(_ version: String) -> String { "Made by Goalspec \(version)" }

    func verdict(_ v: Verdict) -> String { v.rawValue }

    /// A mark that tells the verdicts apart without colour.
    func symbol(_ v: Verdict) -> String {
        switch v {
        case .met: "✓"
        case .atRisk: "~"
        case .notMet: "✗"
        case .noData: "?"
        case .error: "!"
        }
    }

    func targetCount(_ n: Int) -> String { n == 1 ? "1 target" : "\(n) targets" }

    func strictNote(_ strict: Bool, atRisk: Int) -> String? {
        strict && atRisk > 0 ? "at risk counts as not met (--strict)" : nil
    }

    /// The run's result as the exit status gives it.
    func outcome(_ status: Int32, failing: [(Verdict, Int)], diagnostics: String) -> String {
        switch status {
        case 0: return "Passed (exit status 0): every top-level target and goal is met"
        case 1:
            let parts = failing.map { "\($0.1) \(verdict($0.0))" }.joined(separator: ", ")
            return "Failed (exit status 1): top-level targets and goals that do not pass: " + parts
        default: return "Unusable (exit status 2): a spec or its data could not be used; " + diagnostics
        }
    }

    func goalRule(_ g: GoalResult) -> String {
        let rule: String = switch g.rule {
        case .all: "all of \(g.children.count)"
        case .atLeast(let k): "at least \(k) of \(g.children.count)"
        }
        return "\(g.metChildren) of \(g.children.count) met, needs \(rule)"
    }

    func goalPrefix(_ title: String) -> String { "goal “\(title)”" }

    func insideGoals(_ titles: [String]) -> String { "in " + titles.map { "“\($0)”" }.joined(separator: " › ") }

    func notEvaluated(_ path: String) -> String { "\(path) was not evaluated: see the diagnostics" }

    // MARK: Charts

    /// An operator as shown to people.
    func symbol(_ op: BinaryOperator) -> String {
        switch op {
        case .greaterEqual: "≥"
        case .lessEqual: "≤"
        case .greater: ">"
        case .less: "<"
        case .equal: "="
        case .notEqual: "≠"
        default: op.rawValue
        }
    }

    func requirement(_ right: String?) -> String { right.map { "requirement: \($0)" } ?? "requirement" }

    func seriesTitle(_ quantity: String, focus: String?) -> String {
        (focus.map { "\($0): " } ?? "") + "\(quantity) by period, with the requirement"
    }

    func trendTitle(_ quantity: String, focus: String?) -> String {
        (focus.map { "\($0): " } ?? "") + "\(quantity) by period"
    }

    func previousLine(_ value: String, _ period: String) -> String { "previous period (\(period)): \(value)" }

    func yearlyTitle(_ quantity: String, from year: Int?) -> String {
        "\(quantity) per year" + (year.map { " from \($0)" } ?? "")
    }

    func membersTitle(_ aggregate: String, focus: String?) -> String {
        "\(aggregate): each member" + (focus.map { ", and \($0)" } ?? "")
    }

    func partsTitle(_ quantity: String, columns: [String]) -> String {
        "\(quantity) per " + columns.joined(separator: " and ")
    }

    func valueTitle(_ quantity: String) -> String { "\(quantity) against the requirement" }

    func focusMark(_ name: String) -> String { "\(name) (focus)" }

    /// The sentence of a chart's <desc>: what it shows, then every figure.
    func describe(kind: String, points: [String]) -> String {
        kind + ". " + points.joined(separator: "; ") + "."
    }

    func lineKind(series: [String], from: String, to: String) -> String {
        "Line chart of " + series.joined(separator: ", ") + (from == to ? " at \(from)" : " from \(from) to \(to)")
    }

    func barKind(_ title: String) -> String { "Bar chart: \(title)" }

    func point(_ series: String, _ category: String, _ value: String, _ verdict: Verdict?) -> String {
        "\(series), \(category): \(value)" + (verdict.map { " (\(self.verdict($0)))" } ?? "")
    }

    func bar(_ name: String, _ value: String, _ verdict: Verdict?) -> String {
        "\(name): \(value)" + (verdict.map { " (\(self.verdict($0)))" } ?? "")
    }

    func noValue() -> String { "no value" }

    func rises(_ yes: Bool) -> String { yes ? "above the year before" : "not above the year before" }
}
