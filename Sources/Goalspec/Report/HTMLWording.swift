/// The words of the HTML report and its charts, part of each language's `MessageCatalogue`.
public protocol HTMLWording: Sendable {
    var documentTitle: String { get }
    var summaryHeading: String { get }
    var hierarchyHeading: String { get }
    var diagnosticsHeading: String { get }
    var conditionLabel: String { get }
    var locationLabel: String { get }
    var focusLabel: String { get }
    var periodLabel: String { get }
    var explanationLabel: String { get }
    var chartDataCaption: String { get }
    var periodColumn: String { get }
    var yearColumn: String { get }
    var valueColumn: String { get }
    var verdictColumn: String { get }
    var requirementColumn: String { get }
    var partColumn: String { get }
    var memberColumn: String { get }
    var earlierPeriod: String { get }
    var skipToTargets: String { get }
    func generatedBy(_ version: String) -> String
    func targetCount(_ n: Int) -> String
    func strictNote(_ strict: Bool, atRisk: Int) -> String?
    func insideGoals(_ titles: [String]) -> String
    func notEvaluated(_ path: String) -> String
    func requirement(_ right: String?) -> String
    func seriesTitle(_ quantity: String, focus: String?) -> String
    func trendTitle(_ quantity: String, focus: String?) -> String
    func previousLine(_ value: String, _ period: String) -> String
    func yearlyTitle(_ quantity: String, from year: Int?) -> String
    func membersTitle(_ aggregate: String, focus: String?) -> String
    func partsTitle(_ quantity: String, columns: [String]) -> String
    func valueTitle(_ quantity: String) -> String
    func focusMark(_ name: String) -> String
    /// The sentence of a chart's <desc>: what it shows, then every figure.
    func describe(kind: String, points: [String]) -> String
    func lineKind(series: [String], from: String, to: String) -> String
    func barKind(_ title: String) -> String
    func point(_ series: String, _ category: String, _ value: String, _ verdict: Verdict?) -> String
    func bar(_ name: String, _ value: String, _ verdict: Verdict?) -> String
    func noValue() -> String
    func rises(_ yes: Bool) -> String
}

extension HTMLWording {
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
}
