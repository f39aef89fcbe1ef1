/// The English words of the reports (the default language).
public struct EnglishCatalogue: MessageCatalogue {
    public init() {}

    public var language: ReportLanguage { .english }
    public var numberStyle: ValueFormatting.Style { .english }

    // MARK: Verdicts and explanations

    public func verdict(_ v: Verdict) -> String { v.rawValue }

    public func periodProse(_ p: Period) -> String { p.description }

    private func at(_ p: Period?) -> String { p.map { " at \($0)" } ?? "" }

    private func plural(_ g: Period.Granularity) -> String {
        switch g {
        case .year: "years"
        case .half: "half-years"
        case .quarter: "quarters"
        case .month: "months"
        case .day: "days"
        }
    }

    private func singular(_ g: Period.Granularity) -> String {
        switch g {
        case .year: "year"
        case .half: "half"
        case .quarter: "quarter"
        case .month: "month"
        case .day: "day"
        }
    }

    /// The unit of a year's coverage: "1 of its 1 year", "3 of its 4 quarters".
    private func coverageUnit(_ g: Period.Granularity) -> String { g == .year ? "year" : plural(g) }

    private func rows(_ n: Int) -> String { n == 1 ? "1 row" : "\(n) rows" }

    private func whose(_ w: Whose) -> String {
        switch w {
        case .focus: ""
        case .member(let member, let group): " for \(member) of group \(group)"
        case .pooled(let group): " in pooled \(group)"
        }
    }

    private func form(_ f: TimeForm) -> String {
        switch f {
        case .trend(let d): "'\(d.rawValue)' needs periods"
        case .yearlyTrend(let d): "'\(d.rawValue) yearly' needs periods"
        case .atPrevious: "'at previous' needs a period"
        case .window: "a rolling window needs a period"
        case .change: "change(...) needs a period"
        case .growth: "growth(...) needs a period"
        }
    }

    public func reason(_ r: Reason) -> String {
        switch r {
        case .dataNotRead: return "the data of this target was not read"
        case .noRows: return "the data has no rows"
        case .mixedGranularities(let dataset, let granularities, let example):
            return "the periods of \(dataset) mix \(granularities.map(plural).joined(separator: " and ")): "
                + "say which to evaluate with 'at' (or --at), e.g. at \(example)"
        case .noRowsForPeriod(let p, let dataset, let first, let last):
            let periods: String
            if let first, let last { periods = first == last ? first.description : "\(first) to \(last)" } else { periods = "none" }
            return "no rows for period \(p) in \(dataset) (periods: \(periods))"
        case .nothingToBreakDown: return "no rows in scope to break down"
        case .partsMet(let met, let total): return "\(met) of \(total) parts met"
        case .atRisk(let margin, let within, let type, let also):
            return "at risk: met by \(value(margin, as: type)), less than the \(value(within, as: type)) of 'at risk within'"
                + (also.map { "; " + reason($0) } ?? "")
        case .undecidedSide(let side, let because, let connective):
            return "\(side) has no data (\(reason(because))); the other side decides the '\(connective.rawValue)'"
        case .several(let all): return all.map(reason).joined(separator: "; ")
        case .needsPeriods(let f): return form(f)
        case .needsLaterYear(let d, let from, let evaluated):
            return "'\(d.rawValue) yearly from \(from)' needs a year after \(from); the period evaluated is \(evaluated)"
        case .incompleteYear(let year, let have, let want, let g, let d):
            return "\(year) has \(have) of its \(want) \(coverageUnit(g)) in the data; '\(d.rawValue) yearly' compares whole years"
        case .incompletePeriod(let p, let have, let want, let g):
            return "\(p) has \(have) of its \(want) \(plural(g)) in the data"
        case .noRowsForYear(let y): return "no rows for \(y) in the data"
        case .yearOutOfRange(let y): return "year \(y) is out of range"
        case .noPreviousPeriod(let p): return "no period before \(p) in the data"
        case .noRowsForFixedPeriod(let p): return "no rows for period \(p) in the data"
        case .noRowsInScope(let scope, let p):
            var parts: [String] = []
            if !scope.focus.isEmpty { parts.append(scope.focus.joined(separator: ", ")) }
            for k in scope.part { parts.append("\(k.column) \(k.value)") }
            if let f = scope.filter { parts.append("where \(f)") }
            return "no rows for \(parts.isEmpty ? "the rows in scope" : parts.joined(separator: ", "))\(at(p))"
        case .noRowsForMember(let member, let group, let p): return "no rows for \(member) of group \(group)\(at(p))"
        case .noRowsForMembers(let group, let p): return "no rows for the members of \(group)\(at(p))"
        case .noValuesForMember(let measure, let member, let group, let p):
            return "\(measure) has no values for \(member) of group \(group)\(at(p))"
        case .noValues(let measure, let p): return "\(measure) has no values to measure\(at(p))"
        case .conditionUnknownOnEveryRow(let condition, let w, let n, let p):
            return "\(condition.map { "the condition \($0)" } ?? "the condition") is unknown on every row\(whose(w)) (\(rows(n))\(at(p)))"
        case .groupHasNoMembers(let g): return "group \(g) has no members"
        case .windowCannotEnd(let g, let p): return "a window of \(singular(g)) periods cannot end at \(p)"
        case .windowLacks(let first, let last, let missing):
            return "the window \(first)–\(last) lacks \(missing.map(\.description).joined(separator: ", ")) in the data"
        case .divisionByZero: return "division by zero"
        case .growthFromNonPositiveBase(let base, let type, let w):
            return "growth from a base of \(value(base, as: type))\(whose(w)) is not defined"
        case .conditionDidNotCheck: return "the condition did not check"
        case .unsupportedOperator: return "unsupported operator"
        }
    }

    private func counted(_ c: Advice.Counted, _ amount: Exact) -> String {
        switch c {
        case .rows: amount == .one ? "row" : "rows"
        case .weight(let name): name
        case .noun(let name, let inLanguage): inLanguage["en"] ?? name
        }
    }

    public func advice(_ a: Advice) -> String {
        switch a {
        case .more(let amount, let c, let condition, let hits, let total, let needed):
            // A noun or weight is plural ("citizens"): one more is "1 more of the citizens".
            let who = amount == .one && c != .rows ? "1 more of the \(counted(c, amount))" : "\(number(amount)) more \(counted(c, amount))"
            return "\(who) must satisfy \(condition ?? "the condition") (\(number(hits)) of \(number(total)) now, \(number(needed)) needed)"
        case .fewer(let amount, let c, let condition, let hits, let total, let allowed):
            return "\(number(amount)) fewer \(counted(c, amount)) must satisfy \(condition ?? "the condition") (\(number(hits)) of \(number(total)) now, at most \(number(allowed)) allowed)"
        case .shareCannotBeAbove100: return "cannot be met: a share cannot be above 100%"
        case .shareCannotBeBelow0: return "cannot be met: a share cannot be below 0%"
        case .cannotBeMetWithTheseRows(let condition, let total):
            return "cannot be met with these rows: \(condition ?? "the condition") would have to hold for more than all \(number(total))"
        case .exactlyAtRequirement: return "exactly at the requirement"
        case .aboveRequirement(let m, let t): return "\(nonzero(m, as: t)) above the requirement"
        case .shortOfRequirement(let m, let t): return "\(nonzero(m, as: t)) short of the requirement"
        case .atRequirementMustBeAbove: return "at the requirement, and it must be above it"
        case .belowLimit(let m, let t): return "\(nonzero(m, as: t)) below the limit"
        case .overLimit(let m, let t): return "\(nonzero(m, as: t)) over the limit"
        case .atLimitMustBeBelow: return "at the limit, and it must be below it"
        case .differs(let m, let t): return "differs by \(nonzero(m, as: t))"
        case .trend(let t):
            let how = t.change.isZero ? "unchanged" : "\(t.change.signum > 0 ? "up" : "down") \(value(t.change.magnitude, as: t.changeType))"
            var out = "\(how) from \(value(t.before, as: t.type)) in \(t.beforePeriod) to \(value(t.now, as: t.type)) in \(t.nowPeriod)"
            if !t.met {
                out += "; must be \(t.direction == .rises ? "above" : "below") \(value(t.before, as: t.type))"
                if let then = t.then { out += ": " + advice(then) }
            }
            return out
        case .yearly(let y):
            var shown = y.series.map { "\($0.year) \(value($0.value, as: y.type))" }.joined(separator: ", ")
            if let l = y.leftOut { shown += "; \(l.year) is left out: the data hold \(l.have) of its \(l.want) \(coverageUnit(l.of))" }
            let verb = y.direction == .rises ? "rise" : "fall"
            return y.broken.isEmpty ? "every year \(verb)s: \(shown)"
                : "did not \(verb) in \(y.broken.map(String.init).joined(separator: ", ")): \(shown)"
        }
    }

    // MARK: The text report

    public func summary(_ tally: Tally, strict: Bool, diagnostics: DiagnosticCounts) -> String {
        var parts = ["\(tally.met) met", "\(tally.notMet) not met"]
        if tally.atRisk > 0 { parts.insert("\(tally.atRisk) at risk" + (strict ? " (counted as not met: --strict)" : ""), at: 1) }
        if tally.noData > 0 { parts.append("\(tally.noData) no data") }
        if tally.error > 0 { parts.append("\(tally.error) failed") }
        var line = "\(tally.total) target\(tally.total == 1 ? "" : "s"): " + parts.joined(separator: ", ")
        let d = diagnosticSummary(diagnostics)
        if !d.isEmpty { line += "; " + d }
        return line
    }

    public func goalRule(_ g: GoalResult) -> String {
        let rule: String = switch g.rule {
        case .all: "all of \(g.children.count)"
        case .atLeast(let k): "at least \(k) of \(g.children.count)"
        }
        return "\(g.metChildren) of \(g.children.count) met, needs \(rule)"
    }

    public func goalTitle(_ title: String) -> String { "goal \"\(title)\"" }
    public func goalPrefix(_ title: String) -> String { "goal “\(title)”" }
    public func forFocus(_ focus: String) -> String { "for \(focus)" }
    public func atPeriod(_ p: Period) -> String { "at \(p)" }

    public func measureFacts(_ m: MeasureFigure) -> String {
        var m = m
        if m.noun != nil, let noun = m.nounInLanguage["en"] { m.weightName = noun }
        var facts: [String] = []
        if let hits = m.hits, let total = m.individuals {
            facts.append("\(number(hits)) of \(number(total)) \(m.weightName ?? "individuals"), \(rows(m.rows))")
        } else if let hits = m.hits {
            facts.append("\(number(hits)) of " + (m.weightName.map { "\(m.rows) \($0)" } ?? rows(m.rows)))
        } else if let ind = m.individuals {
            facts.append("\(number(ind)) \(m.weightName ?? "individuals"), \(rows(m.rows))")
        } else if let v = m.valueRows, v < m.rows {
            facts.append("\(v) of \(rows(m.rows)) have a value")
        } else {
            facts.append(rows(m.rows))
        }
        if let p = m.period { facts.append(p.description) }
        return facts.joined(separator: ", ")
    }

    public func margin(_ shown: String) -> String { "margin \(shown)" }
    public func weakestYear(_ year: Int) -> String { " (weakest year \(year))" }

    // MARK: Diagnostics

    public func severity(_ s: Severity) -> String { s.rawValue }
    public var hintWord: String { "hint" }
    public var noteWord: String { "note" }
    public var haveWord: String { "have" }
    public var wantWord: String { "want" }
    public func noteLocation(_ location: String) -> String { "at \(location)" }

    private func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    public func diagnosticSummary(_ c: DiagnosticCounts) -> String {
        var parts: [String] = []
        if c.errors > 0 { parts.append(count(c.errors, "error")) }
        if c.warnings > 0 { parts.append(count(c.warnings, "warning")) }
        guard !parts.isEmpty else { return "" }
        var hidden: [String] = []
        if c.omittedErrors > 0 { hidden.append(count(c.omittedErrors, "error")) }
        if c.omittedWarnings > 0 { hidden.append(count(c.omittedWarnings, "warning")) }
        if c.omittedNotes > 0 { hidden.append(count(c.omittedNotes, "note")) }
        return parts.joined(separator: ", ") + (hidden.isEmpty ? "" : " (\(hidden.joined(separator: " and ")) not shown)")
    }

    public func lintSummary(files: Int, _ c: DiagnosticCounts) -> String {
        var hidden: [String] = []
        if c.omittedErrors > 0 { hidden.append(count(c.omittedErrors, "error")) }
        if c.omittedWarnings > 0 { hidden.append(count(c.omittedWarnings, "warning")) }
        if c.omittedNotes > 0 { hidden.append(count(c.omittedNotes, "note")) }
        return "\(count(files, "file")) checked: \(count(c.errors, "error")), \(count(c.warnings, "warning"))"
            + (hidden.isEmpty ? "" : " (\(hidden.joined(separator: " and ")) not shown)")
    }

    public func omittedDiagnostics(_ c: DiagnosticCounts) -> String? {
        var parts: [String] = []
        if c.omittedErrors > 0 { parts.append("\(c.omittedErrors) more error\(c.omittedErrors == 1 ? "" : "s")") }
        if c.omittedWarnings > 0 { parts.append("\(c.omittedWarnings) more warning\(c.omittedWarnings == 1 ? "" : "s")") }
        if c.omittedNotes > 0 { parts.append("\(c.omittedNotes) more note\(c.omittedNotes == 1 ? "" : "s")") }
        guard !parts.isEmpty else { return nil }
        return parts.joined(separator: " and ") + " not shown"
    }

    // MARK: Markdown and JUnit

    public var reportTitle: String { "Goalspec report" }
    public var explanationsHeading: String { "Explanations" }
    public var tableColumns: [String] { ["verdict", "target", "period", "value", "requirement", "margin"] }

    public func outcome(_ status: Int32, failing: [(Verdict, Int)], diagnostics: String) -> String {
        switch status {
        case 0: return "Passed (exit status 0): every top-level target and goal is met"
        case 1:
            let parts = failing.map { "\($0.1) \(verdict($0.0))" }.joined(separator: ", ")
            return "Failed (exit status 1): top-level targets and goals that do not pass: " + parts
        default: return "Unusable (exit status 2): a spec or its data could not be used; " + diagnostics
        }
    }

    public func markdownOutcome(_ status: Int32, failing: [(Verdict, Int)], atRisk: Int, diagnostics: String) -> String {
        switch status {
        case 0:
            return "**✅ Passed** (exit status 0): every top-level target and goal is met"
                + (atRisk > 0 ? "; at risk counts as met without --strict" : "")
        case 1:
            let parts = failing.map { "\($0.1) \(verdict($0.0))" + ($0.0 == .atRisk ? " (counted as not met: --strict)" : "") }
            return "**❌ Failed** (exit status 1); top-level targets and goals that do not pass: " + parts.joined(separator: ", ")
        default:
            return "**💥 Unusable** (exit status 2): a spec or its data could not be used; " + diagnostics
        }
    }

    public func fullTally(_ t: Tally, strict: Bool) -> String {
        let atRisk = "\(t.atRisk) at risk" + (strict && t.atRisk > 0 ? " (counted as not met: --strict)" : "")
        return "\(t.total) targets: \(t.met) met, \(atRisk), \(t.notMet) not met, \(t.noData) no data"
    }

    public func carriedByGoal(_ verdict: Verdict, goal: String) -> String {
        "\(self.verdict(verdict)), but goal \"\(goal)\" is met without it: not a failure"
    }

    public func atRiskCounts(strict: Bool) -> String {
        strict ? "at risk counts as not met (--strict)" : "at risk counts as met (without --strict)"
    }

    public var evaluationFailed: String { "evaluation failed" }
}
