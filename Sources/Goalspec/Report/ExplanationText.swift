/// The sentences of an explanation in a language, for tools that show one result without a report.
extension Explanation {
    /// Why there is no verdict, or what qualifies it, worded; nil when there is nothing to say.
    public func reasonText(_ language: ReportLanguage = .english) -> String? {
        reason.map(language.catalogue.reason)
    }
}

extension CheckFigure {
    /// What it takes to meet the comparison, worded; nil when there is nothing to say.
    public func whatItTakesText(_ language: ReportLanguage = .english) -> String? {
        whatItTakes.map(language.catalogue.advice)
    }
}
