import Dispatch
import Foundation

/// Executes a dataset's plan in one pass over its rows.
///
/// Guarantees to the evaluator: every request of the plan has a table of exact accumulators
/// per group (time, focus or group column, breakdown); the dataset's periods are known in
/// order; the distinct values of every grouping column are known (to report values that never
/// occur). Memory is bounded by the number of groups, not rows (median and percentile keep
/// their values). A malformed row stops the scan with a located `DataError`.
public enum Engine {
    /// Files smaller than this are scanned on one core: splitting costs more than it saves.
    public static let parallelThreshold = 8 << 20

    /// Scans the dataset once and computes every request of the plan, on up to `cores` cores
    /// (CSV files are split at row boundaries and the partial aggregates merged).
    public static func run(_ plan: DatasetPlan, cores: Int = ProcessInfo.processInfo.activeProcessorCount,
                           parallelThreshold: Int = Engine.parallelThreshold) throws(DataError) -> DatasetResult {
        try run(plan, cores: cores, parallelThreshold: parallelThreshold, budget: .unlimited)
    }

    /// Scans as above within `budget`: a limit exceeded stops the scan with `budgetExceeded`.
    static func run(_ plan: DatasetPlan, cores: Int, parallelThreshold: Int, budget: ScanBudget) throws(DataError) -> DatasetResult {
        let schema = plan.binding.schema
        try budget.checkTime(path: schema.path)
        // Data given in memory are scanned on one core (their path names no file).
        let size = schema.contents != nil ? 0 : (try? FileManager.default.attributesOfItem(atPath: schema.path)[.size] as? Int) ?? 0
        if cores > 1, schema.format == .csv || schema.format == .tsv, size >= parallelThreshold {
            let parts = try TableReader.splitPointsWithoutLines(schema, parts: cores)
            if parts.count > 1, let merged = try runParts(plan, parts, budget: budget) {
                // Each part kept to the limits; together they may not have.
                var groups = 0, kept = 0
                for table in merged.tables.values {
                    groups = max(groups, table.groups.count)
                    for g in table.groups { kept += g.accumulator.quantiles.rowCount }
                }
                try budget.check(rows: merged.rows, groups: groups, keptValues: kept, path: schema.path)
                return merged
            }
        }
        var sink = try ScanSink(plan)
        sink.budget = budget
        try TableReader.scan(schema, columns: sink.scannedColumns, into: &sink)
        try sink.checkBudget()
        return sink.result(plan)
    }

    /// Scans the parts concurrently; nil when the parts did not meet at row boundaries.
    private static func runParts(_ plan: DatasetPlan, _ parts: [ScanPart], budget: ScanBudget) throws(DataError) -> DatasetResult? {
        typealias Outcome = Result<(DatasetResult, ScanSummary), DataError>
        let slots = UnsafeMutableBufferPointer<Outcome?>.allocate(capacity: parts.count)
        slots.initialize(repeating: nil)
        defer {
            slots.deinitialize()
            slots.deallocate()
        }
        let shared = SendableBuffer(slots)
        DispatchQueue.concurrentPerform(iterations: parts.count) { i in
            do throws(DataError) {
                var sink = try ScanSink(plan)
                sink.budget = budget
                let summary = try TableReader.scan(plan.binding.schema, columns: sink.scannedColumns, part: parts[i], into: &sink)
                shared.buffer[i] = .success((sink.result(plan), summary))
            } catch {
                shared.buffer[i] = .failure(error)
            }
        }
        var results: [DatasetResult] = []
        var errors: [DataError] = []
        for (i, slot) in slots.enumerated() {
            switch slot {
            case .success(let (result, summary))?:
                if i + 1 < parts.count, summary.endOffset != parts[i + 1].byteRange.lowerBound { return nil }
                results.append(result)
            case .failure(var e)?:
                // Parts after the first were scanned without counting the lines before them.
                if i > 0, e.line > 0 {
                    e.line += (try? TableReader.lineNumber(at: parts[i].byteRange.lowerBound, in: plan.binding.schema.path)).map { $0 - 1 } ?? 0
                }
                errors.append(e)
            case nil:
                return nil
            }
        }
        if let first = errors.min(by: { $0.line < $1.line }) { throw first }
        return DatasetResult.merge(results)
    }
}

/// A buffer written by concurrent iterations at distinct indices.
private struct SendableBuffer<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T>
    init(_ buffer: UnsafeMutableBufferPointer<T>) { self.buffer = buffer }
}

extension DatasetResult {
    /// Combines the results of scanning parts of one file with the same plan.
    static func merge(_ parts: [DatasetResult]) -> DatasetResult {
        guard var merged = parts.first else {
            return DatasetResult(rows: 0, periods: [], tables: [:], distinctValues: [:])
        }
        for part in parts.dropFirst() {
            merged.rows += part.rows
            merged.periods = Array(Set(merged.periods).union(part.periods)).sorted()
            for (column, values) in part.distinctValues { merged.distinctValues[column, default: []].formUnion(values) }
            for (request, table) in part.tables {
                guard var into = merged.tables.removeValue(forKey: request) else {
                    merged.tables[request] = table
                    continue
                }
                // Merged in a local array (uniquely referenced, so nothing is copied), set once.
                var groups = into.groups
                into.groups = []
                var index: [[KeyValue]: Int] = [:]
                index.reserveCapacity(groups.count)
                for (i, g) in groups.enumerated() { index[g.key] = i }
                for g in table.groups {
                    if let i = index[g.key] {
                        groups[i].accumulator.merge(g.accumulator)
                    } else {
                        index[g.key] = groups.count
                        groups.append(g)
                    }
                }
                into.groups = groups
                merged.tables[request] = into
            }
        }
        return merged
    }
}

/// A value of a grouping column.
public enum KeyValue: Sendable, Hashable, Comparable, CustomStringConvertible {
    case missing
    case text(String)
    case period(Period)

    public var description: String {
        switch self {
        case .missing: ""
        case .text(let s): s
        case .period(let p): p.description
        }
    }

    public static func < (a: KeyValue, b: KeyValue) -> Bool {
        switch (a, b) {
        case (.period(let x), .period(let y)): x < y
        case (.text(let x), .text(let y)): x < y
        case (.missing, .missing): false
        case (.missing, _): true
        case (_, .missing): false
        case (.period, .text): true
        case (.text, .period): false
        }
    }
}

/// The accumulators of one request, one per group of rows.
public struct AggregateTable: Sendable {
    /// The grouping columns (schema indices), in key order.
    public var groupBy: [Int]
    /// Each group's key values (in `groupBy` order) and figures.
    public var groups: [(key: [KeyValue], accumulator: Accumulator)] {
        didSet { keyIndex = GroupKeyIndex() }
    }
    /// Looks up groups by one key value (built on first use, rebuilt when `groups` changes).
    var keyIndex = GroupKeyIndex()

    /// Indices (ascending) of the groups whose key at `position` reads `value`.
    func groupIndices(at position: Int, equalTo value: String) -> [Int] {
        keyIndex.groups(at: position, equalTo: value, in: groups)
    }
}

/// Everything one pass over a dataset computed.
public struct DatasetResult: Sendable {
    /// Rows read.
    public var rows: Int
    /// The distinct periods of the time column, ascending (empty without a time column).
    public var periods: [Period]
    /// One table per request of the plan, in the plan's order.
    public var tables: [AggregateRequest: AggregateTable]
    /// The distinct values seen in each grouping column (schema index → values).
    public var distinctValues: [Int: Set<String>]
}

