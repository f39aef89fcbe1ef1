/// Every word of the human reports (text, Markdown, JUnit, HTML and the sentences in JSON), one
/// catalogue per language: the evaluator hands over values (`Reason`, `Advice`, figures) and the
/// renderers ask the catalogue to word them. Numbers are written in the catalogue's style.
public protocol MessageCatalogue: HTMLWording {
    var language: ReportLanguage { get }
    /// Decimal mark, thousands grouping and unit words of numbers.
    var numberStyle: ValueFormatting.Style { get }

    // MARK: Verdicts and explanations
    func verdict(_ v: Verdict) -> String
    func reason(_ r: Reason) -> String
    func advice(_ a: Advice) -> String
    /// A period in running text: `3. kvartal 2024`, `2024Q3`.
    func periodProse(_ p: Period) -> String

    // MARK: The text report
    /// "3 targets: 2 met, 1 not met" and the diagnostics' counts.
    func summary(_ tally: Tally, strict: Bool, diagnostics: DiagnosticCounts) -> String
    /// "1 of 2 met, needs at least 1 of 2".
    func goalRule(_ g: GoalResult) -> String
    /// `goal "TITLE"` in the text report.
    func goalTitle(_ title: String) -> String
    /// `goal “TITLE”` in HTML.
    func goalPrefix(_ title: String) -> String
    /// "for city = "Aarhus"".
    func forFocus(_ focus: String) -> String
    /// "at 2024K3".
    func atPeriod(_ p: Period) -> String
    /// The facts after a measure's value: "3115 of 4500 citizens, 12 rows".
    func measureFacts(_ m: MeasureFigure) -> String
    /// "margin +0.3pp".
    func margin(_ shown: String) -> String
    /// "(weakest year 2023)".
    func weakestYear(_ year: Int) -> String

    // MARK: Diagnostics
    func severity(_ s: Severity) -> String
    var hintWord: String { get }
    var noteWord: String { get }
    var haveWord: String { get }
    var wantWord: String { get }
    /// Where a note points: "at FILE:LINE:COL".
    func noteLocation(_ location: String) -> String
    /// "60 errors, 1 warning (10 errors not shown)"; empty when there are none.
    func diagnosticSummary(_ counts: DiagnosticCounts) -> String
    /// `lint`'s last line: "3 files checked: 0 errors, 1 warning".
    func lintSummary(files: Int, _ counts: DiagnosticCounts) -> String
    /// "10 more errors and 2 more warnings not shown"; nil when none was left out.
    func omittedDiagnostics(_ counts: DiagnosticCounts) -> String?

    // MARK: Markdown and JUnit
    var reportTitle: String { get }
    var explanationsHeading: String { get }
    /// The columns of the Markdown table: verdict, target, period, value, requirement, margin.
    var tableColumns: [String] { get }
    /// "Passed (exit status 0): …", for HTML.
    func outcome(_ status: Int32, failing: [(Verdict, Int)], diagnostics: String) -> String
    /// The Markdown report's first line: "**✅ Passed** (exit status 0): …".
    func markdownOutcome(_ status: Int32, failing: [(Verdict, Int)], atRisk: Int, diagnostics: String) -> String
    /// "4 targets: 3 met, 0 at risk, 1 not met, 0 no data", every count shown (Markdown).
    func fullTally(_ tally: Tally, strict: Bool) -> String
    /// "not met, but goal "G" is met without it: not a failure".
    func carriedByGoal(_ verdict: Verdict, goal: String) -> String
    func atRiskCounts(strict: Bool) -> String
    var evaluationFailed: String { get }
}

/// The languages reports are written in.
public enum ReportLanguage: String, Sendable, CaseIterable {
    case english = "en"
    case danish = "da"

    /// The catalogue of the language's words.
    public var catalogue: any MessageCatalogue {
        switch self {
        case .english: EnglishCatalogue()
        case .danish: DanishCatalogue()
        }
    }
}

extension MessageCatalogue {
    /// A value of a type in the catalogue's number style: `86.2%`, `86,2 %`.
    public func value(_ x: Exact, as type: GoalType, digits: Int = 2) -> String {
        ValueFormatting.format(x, as: type, style: numberStyle, digits: digits)
    }

    /// A value shown with the digits that keep it from looking like zero.
    public func nonzero(_ x: Exact, as type: GoalType) -> String {
        ValueFormatting.format(x, as: type, style: numberStyle, digits: ValueFormatting.nonzeroDigits(x, as: type))
    }

    /// A plain number: `3115`, `3.115`.
    public func number(_ x: Exact) -> String { ValueFormatting.number(x, style: numberStyle) }

    /// A signed margin: `+0.3pp`, `+0,3 procentpoint`.
    public func signed(_ x: Exact, as type: GoalType) -> String { ValueFormatting.signed(x, as: type, style: numberStyle) }

    /// Both sides of a comparison with the digits that tell them apart.
    public func comparison(_ value: Exact?, _ threshold: Exact?, as type: GoalType) -> (value: String?, threshold: String?) {
        ValueFormatting.comparison(value, threshold, as: type, style: numberStyle)
    }

}
