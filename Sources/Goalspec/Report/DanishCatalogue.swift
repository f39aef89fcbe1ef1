/// The Danish words of the reports (`--lang da`), in the phrasing of the municipalities' own
/// status reports: "opfyldt", "1,0 procentpoint", "3. kvartal 2024", "mindst 7 ud af 10".
/// Spec text (measures, conditions, names) is quoted as written; period codes stay in tables.
public struct DanishCatalogue: MessageCatalogue {
    public init() {}

    public var language: ReportLanguage { .danish }
    public var numberStyle: ValueFormatting.Style { .danish }

    // MARK: Verdicts and explanations

    public func verdict(_ v: Verdict) -> String {
        switch v {
        case .met: "opfyldt"
        case .atRisk: "i risiko"
        case .notMet: "ikke opfyldt"
        case .noData: "ingen data"
        case .error: "fejl"
        }
    }

    static let months = ["januar", "februar", "marts", "april", "maj", "juni",
                         "juli", "august", "september", "oktober", "november", "december"]

    public func periodProse(_ p: Period) -> String {
        switch p.granularity {
        case .year: return String(p.year)
        case .half: return p.half.map { "\($0). halvår \(p.year)" } ?? p.description
        case .quarter: return p.quarter.map { "\($0). kvartal \(p.year)" } ?? p.description
        case .month:
            guard let m = p.month, (1...12).contains(m) else { return p.description }
            return "\(Self.months[m - 1]) \(p.year)"
        case .day:
            guard let m = p.month, (1...12).contains(m), let d = p.day else { return p.description }
            return "\(d). \(Self.months[m - 1]) \(p.year)"
        }
    }

    private func at(_ p: Period?) -> String { p.map { " i \(periodProse($0))" } ?? "" }

    private func plural(_ g: Period.Granularity) -> String {
        switch g {
        case .year: "år"
        case .half: "halvår"
        case .quarter: "kvartaler"
        case .month: "måneder"
        case .day: "dage"
        }
    }

    private func rows(_ n: Int) -> String { n == 1 ? "1 række" : "\(number(Exact(n))) rækker" }

    private func whose(_ w: Whose) -> String {
        switch w {
        case .focus: ""
        case .member(let member, let group): " for \(member) i gruppen \(group)"
        case .pooled(let group): " for \(group) samlet"
        }
    }

    private func form(_ f: TimeForm) -> String {
        switch f {
        case .trend(let d): "'\(d.rawValue)' kræver perioder"
        case .yearlyTrend(let d): "'\(d.rawValue) yearly' kræver perioder"
        case .atPrevious: "'at previous' kræver en periode"
        case .window: "et rullende vindue kræver en periode"
        case .change: "change(...) kræver en periode"
        case .growth: "growth(...) kræver en periode"
        }
    }

    public func reason(_ r: Reason) -> String {
        switch r {
        case .dataNotRead: return "data til dette delmål blev ikke læst"
        case .noRows: return "data har ingen rækker"
        case .mixedGranularities(let dataset, let granularities, let example):
            return "perioderne i \(dataset) blander \(granularities.map(plural).joined(separator: " og ")): "
                + "angiv med 'at' (eller --at), hvilken periode der skal vurderes, fx at \(example)"
        case .noRowsForPeriod(let p, let dataset, let first, let last):
            let periods: String
            if let first, let last { periods = first == last ? first.description : "\(first)–\(last)" } else { periods = "ingen" }
            return "ingen rækker for \(periodProse(p)) i \(dataset) (perioder: \(periods))"
        case .nothingToBreakDown: return "ingen rækker at opdele"
        case .partsMet(let met, let total): return "\(met) af \(total) dele opfyldt"
        case .atRisk(let margin, let within, let type, let also):
            return "i risiko: opfyldt med \(value(margin, as: type)), mindre end de \(value(within, as: type)) i 'at risk within'"
                + (also.map { "; " + reason($0) } ?? "")
        case .undecidedSide(let side, let because, let connective):
            return "\(side) har ingen data (\(reason(because))); den anden side afgør '\(connective.rawValue)'"
        case .several(let all): return all.map(reason).joined(separator: "; ")
        case .needsPeriods(let f): return form(f)
        case .needsLaterYear(let d, let from, let evaluated):
            return "'\(d.rawValue) yearly from \(from)' kræver et år efter \(from); den vurderede periode er \(periodProse(evaluated))"
        case .incompleteYear(let year, let have, let want, let g, let d):
            return "\(year) har \(have) af sine \(want) \(plural(g)) i data; '\(d.rawValue) yearly' sammenligner hele år"
        case .incompletePeriod(let p, let have, let want, let g):
            return "\(periodProse(p)) har \(have) af sine \(want) \(plural(g)) i data"
        case .noRowsForYear(let y): return "ingen rækker for \(y) i data"
        case .yearOutOfRange(let y): return "året \(y) ligger uden for de mulige år"
        case .noPreviousPeriod(let p): return "ingen periode før \(periodProse(p)) i data"
        case .noRowsForFixedPeriod(let p): return "ingen rækker for \(periodProse(p)) i data"
        case .noRowsInScope(let scope, let p):
            var parts: [String] = []
            if !scope.focus.isEmpty { parts.append(scope.focus.joined(separator: ", ")) }
            for k in scope.part { parts.append("\(k.column) \(k.value)") }
            if let f = scope.filter { parts.append("hvor \(f)") }
            return "ingen rækker for \(parts.isEmpty ? "de valgte rækker" : parts.joined(separator: ", "))\(at(p))"
        case .noRowsForMember(let member, let group, let p): return "ingen rækker for \(member) i gruppen \(group)\(at(p))"
        case .noRowsForMembers(let group, let p): return "ingen rækker for medlemmerne af \(group)\(at(p))"
        case .noValuesForMember(let measure, let member, let group, let p):
            return "\(measure) har ingen værdier for \(member) i gruppen \(group)\(at(p))"
        case .noValues(let measure, let p): return "\(measure) har ingen værdier at måle\(at(p))"
        case .conditionUnknownOnEveryRow(let condition, let w, let n, let p):
            return "\(condition.map { "betingelsen \($0)" } ?? "betingelsen") er ukendt på alle rækker\(whose(w)) (\(rows(n))\(at(p)))"
        case .groupHasNoMembers(let g): return "gruppen \(g) har ingen medlemmer"
        case .windowCannotEnd(let g, let p): return "et vindue af \(plural(g)) kan ikke slutte i \(periodProse(p))"
        case .windowLacks(let first, let last, let missing):
            return "vinduet \(first)–\(last) mangler \(missing.map(\.description).joined(separator: ", ")) i data"
        case .divisionByZero: return "division med nul"
        case .growthFromNonPositiveBase(let base, let type, let w):
            return "vækst fra et udgangspunkt på \(value(base, as: type))\(whose(w)) er ikke defineret"
        case .conditionDidNotCheck: return "betingelsen kunne ikke kontrolleres"
        case .unsupportedOperator: return "operatoren understøttes ikke"
        }
    }

    private func counted(_ c: Advice.Counted, _ amount: Exact) -> String {
        switch c {
        case .rows: amount == .one ? "række" : "rækker"
        case .weight(let name): name
        case .noun(let name, let inLanguage): inLanguage["da"] ?? name
        }
    }

    public func advice(_ a: Advice) -> String {
        switch a {
        case .more(let amount, let c, let condition, let hits, let total, let needed):
            // The noun is plural ("borgere"): one more is "1 mere blandt borgere", one row "1 række mere".
            let who = amount == .one ? (c == .rows ? "1 række mere" : "1 mere blandt \(counted(c, amount))") : "\(number(amount)) flere \(counted(c, amount))"
            return "\(who) skal opfylde \(condition ?? "betingelsen") (\(number(hits)) af \(number(total)) nu, \(number(needed)) kræves)"
        case .fewer(let amount, let c, let condition, let hits, let total, let allowed):
            let who = amount == .one ? (c == .rows ? "1 række færre" : "1 færre blandt \(counted(c, amount))") : "\(number(amount)) færre \(counted(c, amount))"
            return "\(who) må opfylde \(condition ?? "betingelsen") (\(number(hits)) af \(number(total)) nu, højst \(number(allowed)) tilladt)"
        case .shareCannotBeAbove100: return "kan ikke opfyldes: en andel kan ikke være over 100 %"
        case .shareCannotBeBelow0: return "kan ikke opfyldes: en andel kan ikke være under 0 %"
        case .cannotBeMetWithTheseRows(let condition, let total):
            return "kan ikke opfyldes med disse rækker: \(condition ?? "betingelsen") skulle gælde for flere end alle \(number(total))"
        case .exactlyAtRequirement: return "præcis på kravet"
        case .aboveRequirement(let m, let t): return "\(nonzero(m, as: t)) over kravet"
        case .shortOfRequirement(let m, let t): return "\(nonzero(m, as: t)) under kravet"
        case .atRequirementMustBeAbove: return "på kravet, og skal være over det"
        case .belowLimit(let m, let t): return "\(nonzero(m, as: t)) under grænsen"
        case .overLimit(let m, let t): return "\(nonzero(m, as: t)) over grænsen"
        case .atLimitMustBeBelow: return "på grænsen, og skal være under den"
        case .differs(let m, let t): return "afviger med \(nonzero(m, as: t))"
        case .trend(let t):
            let how = t.change.isZero ? "uændret" : "\(t.change.signum > 0 ? "steget" : "faldet") \(value(t.change.magnitude, as: t.changeType))"
            var out = "\(how) fra \(value(t.before, as: t.type)) i \(periodProse(t.beforePeriod)) til \(value(t.now, as: t.type)) i \(periodProse(t.nowPeriod))"
            if !t.met {
                out += "; skal være \(t.direction == .rises ? "over" : "under") \(value(t.before, as: t.type))"
                if let then = t.then { out += ": " + advice(then) }
            }
            return out
        case .yearly(let y):
            var shown = y.series.map { "\($0.year) \(value($0.value, as: y.type))" }.joined(separator: ", ")
            if let l = y.leftOut { shown += "; \(l.year) er udeladt: data har \(l.have) af årets \(l.want) \(plural(l.of))" }
            let verb = y.direction == .rises ? "steg" : "faldt"
            return y.broken.isEmpty ? "\(verb) hvert år: \(shown)"
                : "\(verb) ikke i \(y.broken.map(String.init).joined(separator: ", ")): \(shown)"
        }
    }

    // MARK: The text report

    public func summary(_ tally: Tally, strict: Bool, diagnostics: DiagnosticCounts) -> String {
        var parts = ["\(tally.met) opfyldt", "\(tally.notMet) ikke opfyldt"]
        if tally.atRisk > 0 { parts.insert("\(tally.atRisk) i risiko" + (strict ? " (tæller som ikke opfyldt: --strict)" : ""), at: 1) }
        if tally.noData > 0 { parts.append("\(tally.noData) uden data") }
        if tally.error > 0 { parts.append("\(tally.error) med fejl") }
        var line = "\(tally.total) delmål: " + parts.joined(separator: ", ")
        let d = diagnosticSummary(diagnostics)
        if !d.isEmpty { line += "; " + d }
        return line
    }

    public func goalRule(_ g: GoalResult) -> String {
        let rule: String = switch g.rule {
        case .all: "alle \(g.children.count)"
        case .atLeast(let k): "mindst \(k) ud af \(g.children.count)"
        }
        return "\(g.metChildren) af \(g.children.count) opfyldt, kræver \(rule)"
    }

    public func goalTitle(_ title: String) -> String { "mål \"\(title)\"" }
    public func goalPrefix(_ title: String) -> String { "mål “\(title)”" }
    public func forFocus(_ focus: String) -> String { "for \(focus)" }
    public func atPeriod(_ p: Period) -> String { periodProse(p) }

    public func measureFacts(_ m: MeasureFigure) -> String {
        var m = m
        if m.noun != nil, let noun = m.nounInLanguage["da"] { m.weightName = noun }
        var facts: [String] = []
        if let hits = m.hits, let total = m.individuals {
            facts.append("\(number(hits)) af \(number(total)) \(m.weightName ?? "personer"), \(rows(m.rows))")
        } else if let hits = m.hits {
            facts.append("\(number(hits)) af " + (m.weightName.map { "\(number(Exact(m.rows))) \($0)" } ?? rows(m.rows)))
        } else if let ind = m.individuals {
            facts.append("\(number(ind)) \(m.weightName ?? "personer"), \(rows(m.rows))")
        } else if let v = m.valueRows, v < m.rows {
            facts.append("\(v) af \(rows(m.rows)) har en værdi")
        } else {
            facts.append(rows(m.rows))
        }
        if let p = m.period { facts.append(p.description) }
        return facts.joined(separator: ", ")
    }

    public func margin(_ shown: String) -> String { "margen \(shown)" }
    public func weakestYear(_ year: Int) -> String { " (svageste år \(year))" }

    // MARK: Diagnostics

    public func severity(_ s: Severity) -> String {
        switch s {
        case .error: "fejl"
        case .warning: "advarsel"
        case .note: "note"
        }
    }
    public var hintWord: String { "tip" }
    public var noteWord: String { "note" }
    public var haveWord: String { "har" }
    public var wantWord: String { "ønsket" }
    public func noteLocation(_ location: String) -> String { "i \(location)" }

    private func errors(_ n: Int) -> String { "\(n) fejl" }
    private func warnings(_ n: Int) -> String { n == 1 ? "1 advarsel" : "\(n) advarsler" }
    private func notes(_ n: Int) -> String { n == 1 ? "1 note" : "\(n) noter" }

    public func diagnosticSummary(_ c: DiagnosticCounts) -> String {
        var parts: [String] = []
        if c.errors > 0 { parts.append(errors(c.errors)) }
        if c.warnings > 0 { parts.append(warnings(c.warnings)) }
        guard !parts.isEmpty else { return "" }
        var hidden: [String] = []
        if c.omittedErrors > 0 { hidden.append(errors(c.omittedErrors)) }
        if c.omittedWarnings > 0 { hidden.append(warnings(c.omittedWarnings)) }
        if c.omittedNotes > 0 { hidden.append(notes(c.omittedNotes)) }
        return parts.joined(separator: ", ") + (hidden.isEmpty ? "" : " (\(hidden.joined(separator: " og ")) ikke vist)")
    }

    public func lintSummary(files: Int, _ c: DiagnosticCounts) -> String {
        var hidden: [String] = []
        if c.omittedErrors > 0 { hidden.append(errors(c.omittedErrors)) }
        if c.omittedWarnings > 0 { hidden.append(warnings(c.omittedWarnings)) }
        if c.omittedNotes > 0 { hidden.append(notes(c.omittedNotes)) }
        return "\(files == 1 ? "1 fil" : "\(files) filer") kontrolleret: \(errors(c.errors)), \(warnings(c.warnings))"
            + (hidden.isEmpty ? "" : " (\(hidden.joined(separator: " og ")) ikke vist)")
    }

    public func omittedDiagnostics(_ c: DiagnosticCounts) -> String? {
        var parts: [String] = []
        if c.omittedErrors > 0 { parts.append(errors(c.omittedErrors)) }
        if c.omittedWarnings > 0 { parts.append(warnings(c.omittedWarnings)) }
        if c.omittedNotes > 0 { parts.append(notes(c.omittedNotes)) }
        guard !parts.isEmpty else { return nil }
        return parts.joined(separator: " og ") + " mere vises ikke"
    }

    // MARK: Markdown and JUnit

    public var reportTitle: String { "Goalspec-rapport" }
    public var explanationsHeading: String { "Forklaringer" }
    public var tableColumns: [String] { ["vurdering", "delmål", "periode", "værdi", "krav", "margen"] }

    public func outcome(_ status: Int32, failing: [(Verdict, Int)], diagnostics: String) -> String {
        switch status {
        case 0: return "Bestået (exit-status 0): alle delmål og mål på øverste niveau er opfyldt"
        case 1:
            let parts = failing.map { "\($0.1) \(verdict($0.0))" }.joined(separator: ", ")
            return "Ikke bestået (exit-status 1): delmål og mål på øverste niveau, der ikke består: " + parts
        default: return "Ubrugelig (exit-status 2): en spec eller dens data kunne ikke bruges; " + diagnostics
        }
    }

    public func markdownOutcome(_ status: Int32, failing: [(Verdict, Int)], atRisk: Int, diagnostics: String) -> String {
        switch status {
        case 0:
            return "**✅ Bestået** (exit-status 0): alle delmål og mål på øverste niveau er opfyldt"
                + (atRisk > 0 ? "; i risiko tæller som opfyldt uden --strict" : "")
        case 1:
            let parts = failing.map { "\($0.1) \(verdict($0.0))" + ($0.0 == .atRisk ? " (tæller som ikke opfyldt: --strict)" : "") }
            return "**❌ Ikke bestået** (exit-status 1); delmål og mål på øverste niveau, der ikke består: " + parts.joined(separator: ", ")
        default:
            return "**💥 Ubrugelig** (exit-status 2): en spec eller dens data kunne ikke bruges; " + diagnostics
        }
    }

    public func fullTally(_ t: Tally, strict: Bool) -> String {
        let atRisk = "\(t.atRisk) i risiko" + (strict && t.atRisk > 0 ? " (tæller som ikke opfyldt: --strict)" : "")
        return "\(t.total) delmål: \(t.met) opfyldt, \(atRisk), \(t.notMet) ikke opfyldt, \(t.noData) uden data"
    }

    public func carriedByGoal(_ verdict: Verdict, goal: String) -> String {
        "\(self.verdict(verdict)), men målet \"\(goal)\" er opfyldt uden det: ikke en fejl"
    }

    public func atRiskCounts(strict: Bool) -> String {
        strict ? "i risiko tæller som ikke opfyldt (--strict)" : "i risiko tæller som opfyldt (uden --strict)"
    }

    public var evaluationFailed: String { "vurderingen mislykkedes" }
}
