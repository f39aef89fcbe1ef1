/// Why a target (or a part of a breakdown) has no verdict, or what qualifies the verdict it has:
/// a value with the figures behind it. It holds no wording; Report/ words it in each language.
///
/// Texts in the payloads (`measure`, `condition`, `side`, `filter`) are spec text as written
/// (`share(job)`, `reach goal`), names are the spec's and the data's own; nothing here is prose.
public indirect enum Reason: Sendable, Hashable {
    /// The target's dataset could not be read (its diagnostics say why).
    case dataNotRead
    /// The dataset has no rows, so no period to evaluate.
    case noRows
    /// The data mix granularities (years and quarters) and no `at` says which to evaluate;
    /// `example` is the latest period, for the hint.
    case mixedGranularities(dataset: String, granularities: [Period.Granularity], example: Period)
    /// No row of the dataset falls in the period evaluated; `first` and `last` are the data's periods.
    case noRowsForPeriod(Period, dataset: String, first: Period?, last: Period?)
    /// A breakdown found no rows in scope to break down.
    case nothingToBreakDown
    /// A breakdown's verdict: how many of its parts are met.
    case partsMet(met: Int, total: Int)
    /// Met, by `margin`, less than the target's `at risk within`; `also` is a further note.
    case atRisk(margin: Exact, within: Exact, type: GoalType, also: Reason?)
    /// One side of a target-level `and`/`or` had no data while the other side decided.
    case undecidedSide(side: String, because: Reason, connective: Connective)
    /// Several notes, in order.
    case several([Reason])
    /// A form that needs periods met a dataset without a time column.
    case needsPeriods(TimeForm)
    /// `rises yearly from Y` evaluated at a period of year Y or earlier.
    case needsLaterYear(direction: TrendDirection, from: Int, evaluated: Period)
    /// A year that `rises yearly` needs is not complete in the data.
    case incompleteYear(year: Int, have: Int, want: Int, of: Period.Granularity, direction: TrendDirection)
    /// A period coarser than the data is not complete in the data (2018 with 2 of 4 quarters).
    case incompletePeriod(Period, have: Int, want: Int, of: Period.Granularity)
    /// No row falls in a year that a yearly trend needs.
    case noRowsForYear(Int)
    /// A year outside the periods Goalspec can represent.
    case yearOutOfRange(Int)
    /// No period before this one in the data (for `at previous`, `change`, `growth`, `rises`).
    case noPreviousPeriod(Period)
    /// No period named by `at` in the data.
    case noRowsForFixedPeriod(Period)
    /// The target's scope has no rows at the period.
    case noRowsInScope(RowScope, at: Period?)
    /// A peer-group member has no rows at the period.
    case noRowsForMember(member: String, group: String, at: Period?)
    /// No member of a group has rows at the period.
    case noRowsForMembers(group: String, at: Period?)
    /// A measure has no values (every field empty) for a member.
    case noValuesForMember(measure: String, member: String, group: String, at: Period?)
    /// A measure has no values (every field empty) in scope.
    case noValues(measure: String, at: Period?)
    /// The condition of a share or count is unknown (empty) on every row of its scope.
    case conditionUnknownOnEveryRow(condition: String?, whose: Whose, rows: Int, at: Period?)
    /// A peer group without members.
    case groupHasNoMembers(String)
    /// A rolling window of this granularity cannot end at the period (a year-window ending in a day).
    case windowCannotEnd(Period.Granularity, at: Period)
    /// Periods of a rolling window missing from the data.
    case windowLacks(first: Period, last: Period, missing: [Period])
    /// A division by zero in a target's arithmetic (verdict `error`).
    case divisionByZero
    /// `growth(...)` from a base that is zero or negative (verdict `error`).
    case growthFromNonPositiveBase(base: Exact, type: GoalType, whose: Whose)
    /// The condition had a checker error (verdict `error`).
    case conditionDidNotCheck
    /// An operator the evaluator does not implement (verdict `error`).
    case unsupportedOperator

    /// The kind of reason, without its figures.
    public enum Kind: String, Sendable, CaseIterable {
        case dataNotRead, noRows, mixedGranularities, noRowsForPeriod, nothingToBreakDown, partsMet, atRisk, undecidedSide, several, needsPeriods, needsLaterYear, incompleteYear, incompletePeriod, noRowsForYear, yearOutOfRange, noPreviousPeriod, noRowsForFixedPeriod, noRowsInScope, noRowsForMember, noRowsForMembers, noValuesForMember, noValues, conditionUnknownOnEveryRow, groupHasNoMembers, windowCannotEnd, windowLacks, divisionByZero, growthFromNonPositiveBase, conditionDidNotCheck, unsupportedOperator
    }

    /// The kind, for machine-readable output and tests of coverage.
    public var kind: Kind {
        switch self {
        case .dataNotRead: .dataNotRead
        case .noRows: .noRows
        case .mixedGranularities: .mixedGranularities
        case .noRowsForPeriod: .noRowsForPeriod
        case .nothingToBreakDown: .nothingToBreakDown
        case .partsMet: .partsMet
        case .atRisk: .atRisk
        case .undecidedSide: .undecidedSide
        case .several: .several
        case .needsPeriods: .needsPeriods
        case .needsLaterYear: .needsLaterYear
        case .incompleteYear: .incompleteYear
        case .incompletePeriod: .incompletePeriod
        case .noRowsForYear: .noRowsForYear
        case .yearOutOfRange: .yearOutOfRange
        case .noPreviousPeriod: .noPreviousPeriod
        case .noRowsForFixedPeriod: .noRowsForFixedPeriod
        case .noRowsInScope: .noRowsInScope
        case .noRowsForMember: .noRowsForMember
        case .noRowsForMembers: .noRowsForMembers
        case .noValuesForMember: .noValuesForMember
        case .noValues: .noValues
        case .conditionUnknownOnEveryRow: .conditionUnknownOnEveryRow
        case .groupHasNoMembers: .groupHasNoMembers
        case .windowCannotEnd: .windowCannotEnd
        case .windowLacks: .windowLacks
        case .divisionByZero: .divisionByZero
        case .growthFromNonPositiveBase: .growthFromNonPositiveBase
        case .conditionDidNotCheck: .conditionDidNotCheck
        case .unsupportedOperator: .unsupportedOperator
        }
    }

    /// A stable name of the kind, for machine-readable output (`noRowsForPeriod`).
    public var code: String { kind.rawValue }

    /// The reasons in order, with `several` flattened.
    public var flattened: [Reason] {
        if case .several(let all) = self { return all.flatMap(\.flattened) }
        return [self]
    }
}

/// The connective of a target-level condition.
public enum Connective: String, Sendable, Hashable {
    case and, or
}

/// The forms that need a dataset with periods.
public enum TimeForm: Sendable, Hashable {
    case trend(TrendDirection)
    case yearlyTrend(TrendDirection)
    case atPrevious
    case window
    case change
    case growth
}

/// Whose rows a figure was taken over: the target's focus, one member of a peer group, or the
/// members of a group pooled.
public enum Whose: Sendable, Hashable {
    case focus
    case member(String, group: String)
    case pooled(group: String)
}

/// The rows a target's measures are taken over, for "no rows for …": the focus values, the
/// current part of a breakdown, and the `where` filter as written. Empty: every row in scope.
public struct RowScope: Sendable, Hashable {
    public var focus: [String] = []
    public var part: [PartKey] = []
    public var filter: String? = nil

    public init(focus: [String] = [], part: [PartKey] = [], filter: String? = nil) {
        self.focus = focus
        self.part = part
        self.filter = filter
    }
}

/// One column of a breakdown part with its value.
public struct PartKey: Sendable, Hashable {
    public var column: String
    public var value: String

    public init(column: String, value: String) {
        self.column = column
        self.value = value
    }
}
