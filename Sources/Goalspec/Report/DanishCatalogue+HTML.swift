/// The Danish words of the HTML report and its charts.
extension DanishCatalogue {
    public var documentTitle: String { "Goalspec-rapport" }
    public var summaryHeading: String { "Overblik" }
    public var hierarchyHeading: String { "Mål og delmål" }
    public var diagnosticsHeading: String { "Diagnostik" }
    public var conditionLabel: String { "Betingelse" }
    public var locationLabel: String { "Skrevet i" }
    public var focusLabel: String { "For" }
    public var periodLabel: String { "Periode" }
    public var explanationLabel: String { "Forklaring" }
    public var chartDataCaption: String { "Figurens tal" }
    public var periodColumn: String { "periode" }
    public var yearColumn: String { "år" }
    public var valueColumn: String { "værdi" }
    public var verdictColumn: String { "vurdering" }
    public var requirementColumn: String { "krav" }
    public var partColumn: String { "del" }
    public var memberColumn: String { "medlem" }
    public var earlierPeriod: String { "tidligere periode" }
    public var skipToTargets: String { "Delmål" }

    public func generatedBy(_ version: String) -> String { "Lavet med Goalspec \(version)" }
    public func targetCount(_ n: Int) -> String { "\(n) delmål" }
    public func strictNote(_ strict: Bool, atRisk: Int) -> String? {
        strict && atRisk > 0 ? "i risiko tæller som ikke opfyldt (--strict)" : nil
    }
    public func insideGoals(_ titles: [String]) -> String { "under " + titles.map { "“\($0)”" }.joined(separator: " › ") }
    public func notEvaluated(_ path: String) -> String { "\(path) blev ikke vurderet: se diagnostikken" }
    public func requirement(_ right: String?) -> String { right.map { "krav: \($0)" } ?? "krav" }
    public func seriesTitle(_ quantity: String, focus: String?) -> String {
        (focus.map { "\($0): " } ?? "") + "\(quantity) pr. periode, med kravet"
    }
    public func trendTitle(_ quantity: String, focus: String?) -> String {
        (focus.map { "\($0): " } ?? "") + "\(quantity) pr. periode"
    }
    public func previousLine(_ value: String, _ period: String) -> String { "forrige periode (\(period)): \(value)" }
    public func yearlyTitle(_ quantity: String, from year: Int?) -> String {
        "\(quantity) pr. år" + (year.map { " fra \($0)" } ?? "")
    }
    public func membersTitle(_ aggregate: String, focus: String?) -> String {
        "\(aggregate): hvert medlem" + (focus.map { " og \($0)" } ?? "")
    }
    public func partsTitle(_ quantity: String, columns: [String]) -> String {
        "\(quantity) pr. " + columns.joined(separator: " og ")
    }
    public func valueTitle(_ quantity: String) -> String { "\(quantity) over for kravet" }
    public func focusMark(_ name: String) -> String { "\(name) (fokus)" }
    public func describe(kind: String, points: [String]) -> String { kind + ". " + points.joined(separator: "; ") + "." }
    public func lineKind(series: [String], from: String, to: String) -> String {
        "Linjediagram over " + series.joined(separator: ", ") + (from == to ? " i \(from)" : " fra \(from) til \(to)")
    }
    public func barKind(_ title: String) -> String { "Søjlediagram: \(title)" }
    public func point(_ series: String, _ category: String, _ value: String, _ verdict: Verdict?) -> String {
        "\(series), \(category): \(value)" + (verdict.map { " (\(self.verdict($0)))" } ?? "")
    }
    public func bar(_ name: String, _ value: String, _ verdict: Verdict?) -> String {
        "\(name): \(value)" + (verdict.map { " (\(self.verdict($0)))" } ?? "")
    }
    public func noValue() -> String { "ingen værdi" }
    public func rises(_ yes: Bool) -> String { yes ? "over året før" : "ikke over året før" }
}
