/// The English words of the HTML report and its charts.
extension EnglishCatalogue {
    public var documentTitle: String { "Goalspec report" }
    public var summaryHeading: String { "Summary" }
    public var hierarchyHeading: String { "Goals and targets" }
    public var diagnosticsHeading: String { "Diagnostics" }
    public var conditionLabel: String { "Condition" }
    public var locationLabel: String { "Written at" }
    public var focusLabel: String { "For" }
    public var periodLabel: String { "Period" }
    public var explanationLabel: String { "Explanation" }
    public var chartDataCaption: String { "The chart's figures" }
    public var periodColumn: String { "period" }
    public var yearColumn: String { "year" }
    public var valueColumn: String { "value" }
    public var verdictColumn: String { "verdict" }
    public var requirementColumn: String { "requirement" }
    public var partColumn: String { "part" }
    public var memberColumn: String { "member" }
    public var earlierPeriod: String { "earlier period" }
    public var skipToTargets: String { "Targets" }

    public func generatedBy(_ version: String) -> String { "Made by Goalspec \(version)" }
    public func targetCount(_ n: Int) -> String { n == 1 ? "1 target" : "\(n) targets" }
    public func strictNote(_ strict: Bool, atRisk: Int) -> String? {
        strict && atRisk > 0 ? "at risk counts as not met (--strict)" : nil
    }
    public func insideGoals(_ titles: [String]) -> String { "in " + titles.map { "“\($0)”" }.joined(separator: " › ") }
    public func notEvaluated(_ path: String) -> String { "\(path) was not evaluated: see the diagnostics" }
    public func requirement(_ right: String?) -> String { right.map { "requirement: \($0)" } ?? "requirement" }
    public func seriesTitle(_ quantity: String, focus: String?) -> String {
        (focus.map { "\($0): " } ?? "") + "\(quantity) by period, with the requirement"
    }
    public func trendTitle(_ quantity: String, focus: String?) -> String {
        (focus.map { "\($0): " } ?? "") + "\(quantity) by period"
    }
    public func previousLine(_ value: String, _ period: String) -> String { "previous period (\(period)): \(value)" }
    public func yearlyTitle(_ quantity: String, from year: Int?) -> String {
        "\(quantity) per year" + (year.map { " from \($0)" } ?? "")
    }
    public func membersTitle(_ aggregate: String, focus: String?) -> String {
        "\(aggregate): each member" + (focus.map { ", and \($0)" } ?? "")
    }
    public func partsTitle(_ quantity: String, columns: [String]) -> String {
        "\(quantity) per " + columns.joined(separator: " and ")
    }
    public func valueTitle(_ quantity: String) -> String { "\(quantity) against the requirement" }
    public func focusMark(_ name: String) -> String { "\(name) (focus)" }
    public func describe(kind: String, points: [String]) -> String { kind + ". " + points.joined(separator: "; ") + "." }
    public func lineKind(series: [String], from: String, to: String) -> String {
        "Line chart of " + series.joined(separator: ", ") + (from == to ? " at \(from)" : " from \(from) to \(to)")
    }
    public func barKind(_ title: String) -> String { "Bar chart: \(title)" }
    public func point(_ series: String, _ category: String, _ value: String, _ verdict: Verdict?) -> String {
        "\(series), \(category): \(value)" + (verdict.map { " (\(self.verdict($0)))" } ?? "")
    }
    public func bar(_ name: String, _ value: String, _ verdict: Verdict?) -> String {
        "\(name): \(value)" + (verdict.map { " (\(self.verdict($0)))" } ?? "")
    }
    public func noValue() -> String { "no value" }
    public func rises(_ yes: Bool) -> String { yes ? "above the year before" : "not above the year before" }
}
