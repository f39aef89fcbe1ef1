/// Limits on the work one run may do, so that a spec or a data file nobody vetted cannot make
/// it run for hours or exhaust memory. Each limit exceeded stops the run with its own
/// diagnostic (GS0602–GS0605) and exit status 2, instead of a kill by the operating system.
///
/// The row and group limits are per dataset scan; the time limit covers the whole run (checked
/// between specs and datasets and every ``ScanBudget/checkInterval`` rows of a scan); the
/// memory limit covers the values median and percentile keep, per dataset.
public struct EvaluationBudget: Sendable, Hashable {
    /// Wall time for the whole run; nil: no limit (the default).
    public var timeLimit: Duration?
    /// Rows one dataset may have; nil: no limit (the default).
    public var maxRows: Int?
    /// Distinct groups (combinations of period, entity, group member and `by` parts) one
    /// dataset's measures may form.
    public var maxGroups: Int
    /// Bytes the values kept for median and percentile may take, per dataset, estimated at
    /// ``keptValueBytes`` per kept value.
    public var maxKeptValueBytes: Int

    /// The default cap on groups: a million.
    public static let defaultMaxGroups = 1_000_000
    /// The default memory for kept values: 512 MiB.
    public static let defaultMaxKeptValueBytes = 512 << 20
    /// The estimate of one kept value's memory: a value and its weight, as exact numbers.
    public static let keptValueBytes = 2 * MemoryLayout<Exact>.stride

    /// A budget with the given limits; the defaults limit groups and kept values only.
    public init(timeLimit: Duration? = nil, maxRows: Int? = nil, maxGroups: Int = EvaluationBudget.defaultMaxGroups,
                maxKeptValueBytes: Int = EvaluationBudget.defaultMaxKeptValueBytes) {
        self.timeLimit = timeLimit
        self.maxRows = maxRows
        self.maxGroups = maxGroups
        self.maxKeptValueBytes = maxKeptValueBytes
    }

    /// Which limit was exceeded.
    public enum Limit: Sendable, Hashable {
        case time(Duration)
        case rows(Int)
        case groups(Int)
        case keptValueBytes(Int)
    }
}

/// The budget as one scan checks it: an absolute deadline and counts.
struct ScanBudget: Sendable {
    /// Rows between checks of the clock, the groups and the kept values.
    static let checkInterval = 4096

    var deadline: ContinuousClock.Instant?
    var timeLimit: Duration = .zero
    var maxRows = Int.max
    var maxGroups = Int.max
    var maxKeptValues = Int.max
    var maxKeptValueBytes = Int.max

    static let unlimited = ScanBudget()

    init() {}

    init(_ budget: EvaluationBudget, deadline: ContinuousClock.Instant?) {
        self.deadline = deadline
        timeLimit = budget.timeLimit ?? .zero
        maxRows = budget.maxRows ?? Int.max
        maxGroups = budget.maxGroups
        maxKeptValueBytes = budget.maxKeptValueBytes
        maxKeptValues = budget.maxKeptValueBytes / max(1, EvaluationBudget.keptValueBytes)
    }

    /// Throws when the deadline has passed.
    func checkTime(path: String) throws(DataError) {
        if let deadline, ContinuousClock.now >= deadline {
            throw Self.exceeded(.time(timeLimit), path: path)
        }
    }

    /// Throws when a count is over its limit or the deadline has passed.
    func check(rows: Int, groups: Int, keptValues: Int, path: String) throws(DataError) {
        if rows > maxRows { throw Self.exceeded(.rows(maxRows), path: path) }
        if groups > maxGroups { throw Self.exceeded(.groups(maxGroups), path: path) }
        if keptValues > maxKeptValues { throw Self.exceeded(.keptValueBytes(maxKeptValueBytes), path: path) }
        try checkTime(path: path)
    }
}

