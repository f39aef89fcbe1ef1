/// What it takes to meet a comparison, or how much room there is: a value with its figures.
/// Report/ words it ("21 more citizens must satisfy reach goal (…)", "0,3 procentpoint over kravet").
public indirect enum Advice: Sendable, Hashable {
    /// `amount` more individuals (or rows) must satisfy the condition: `hits` of `total` now, `needed` needed.
    case more(amount: Exact, counted: Counted, condition: String?, hits: Exact, total: Exact, needed: Exact)
    /// `amount` fewer must satisfy the condition: `hits` of `total` now, at most `allowed`.
    case fewer(amount: Exact, counted: Counted, condition: String?, hits: Exact, total: Exact, allowed: Exact)
    /// A share is required above 100 % (or at least 100 % strictly above): it cannot be met.
    case shareCannotBeAbove100
    /// A share is required below 0 %: it cannot be met.
    case shareCannotBeBelow0
    /// More than all rows would have to satisfy the condition.
    case cannotBeMetWithTheseRows(condition: String?, total: Exact)
    /// The value equals the requirement of `>=` or `<=`.
    case exactlyAtRequirement
    /// Met with room: the value is `margin` above a lower bound.
    case aboveRequirement(margin: Exact, type: GoalType)
    /// Not met by `margin` below a lower bound.
    case shortOfRequirement(margin: Exact, type: GoalType)
    /// Equal to the bound of a strict `>`.
    case atRequirementMustBeAbove
    /// Met with room: `margin` below an upper bound.
    case belowLimit(margin: Exact, type: GoalType)
    /// Not met by `margin` over an upper bound.
    case overLimit(margin: Exact, type: GoalType)
    /// Equal to the bound of a strict `<`.
    case atLimitMustBeBelow
    /// `==` not met: the sides differ by `margin`.
    case differs(margin: Exact, type: GoalType)
    /// `rises`/`falls`: the change from the previous period; when not met, what it takes to cross
    /// the previous value (`then`, nil when no count can be given).
    case trend(Trend)
    /// `rises yearly`/`falls yearly`: the yearly series and the years that broke it.
    case yearly(Yearly)

    /// The kind of advice, without its figures.
    public enum Kind: String, Sendable, CaseIterable {
        case more, fewer, shareCannotBeAbove100, shareCannotBeBelow0, cannotBeMetWithTheseRows, exactlyAtRequirement, aboveRequirement, shortOfRequirement, atRequirementMustBeAbove, belowLimit, overLimit, atLimitMustBeBelow, differs, trend, yearly
    }

    /// The kind, for machine-readable output and tests of coverage.
    public var kind: Kind {
        switch self {
        case .more: .more
        case .fewer: .fewer
        case .shareCannotBeAbove100: .shareCannotBeAbove100
        case .shareCannotBeBelow0: .shareCannotBeBelow0
        case .cannotBeMetWithTheseRows: .cannotBeMetWithTheseRows
        case .exactlyAtRequirement: .exactlyAtRequirement
        case .aboveRequirement: .aboveRequirement
        case .shortOfRequirement: .shortOfRequirement
        case .atRequirementMustBeAbove: .atRequirementMustBeAbove
        case .belowLimit: .belowLimit
        case .overLimit: .overLimit
        case .atLimitMustBeBelow: .atLimitMustBeBelow
        case .differs: .differs
        case .trend: .trend
        case .yearly: .yearly
        }
    }

    /// A stable name of the kind, for machine-readable output (`noRowsForPeriod`).
    public var code: String { kind.rawValue }

    /// What an amount of `more`/`fewer` counts.
    public enum Counted: Sendable, Hashable {
        /// Rows of the data.
        case rows
        /// Units of a weight column, named by the column (`persons`).
        case weight(String)
        /// The data's `counts` noun, plural (`citizens`), with the nouns given per report
        /// language (`counts borgere in da` → `["da": "borgere"]`).
        case noun(String, inLanguage: [String: String])
    }

    /// The figures of a `rises`/`falls` comparison.
    public struct Trend: Sendable, Hashable {
        public var direction: TrendDirection
        /// now − before, in `changeType`.
        public var change: Exact
        public var changeType: GoalType
        public var before: Exact
        public var beforePeriod: Period
        public var now: Exact
        public var nowPeriod: Period
        public var type: GoalType
        public var met: Bool
        /// When not met and the rows can be counted: how many more (fewer) it takes.
        public var then: Advice?
    }

    /// The figures of a yearly trend.
    public struct Yearly: Sendable, Hashable {
        public var direction: TrendDirection
        public var series: [YearValue]
        public var type: GoalType
        /// Years that did not rise (fall) from the year before.
        public var broken: [Int]
        /// The evaluated year, when it is left out because the data hold only part of it.
        public var leftOut: LeftOutYear?
    }

    /// One year of a yearly series.
    public struct YearValue: Sendable, Hashable {
        public var year: Int
        public var value: Exact
    }

    /// A year left out of a yearly trend: the data hold `have` of its `want` periods.
    public struct LeftOutYear: Sendable, Hashable {
        public var year: Int
        public var have: Int
        public var want: Int
        public var of: Period.Granularity
    }
}
