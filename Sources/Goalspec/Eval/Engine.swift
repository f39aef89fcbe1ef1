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
    public static func run(_ plan: DatasetPlan, cores: Int = ProcessInfo.processInfo.activeProcessorCount) throws(DataError) -> DatasetResult {
        let schema = plan.binding.schema
        let size = (try? FileManager.default.attributesOfItem(atPath: schema.path)[.size] as? Int) ?? 0
        if cores > 1, schema.format == .csv || schema.format == .tsv, size >= parallelThreshold {
            let parts = try TableReader.splitPoints(schema, parts: cores)
            if parts.count > 1, let merged = try runParts(plan, parts) {
                return merged
            }
        }
        var sink = try ScanSink(plan)
        try TableReader.scan(schema, columns: sink.scannedColumns, into: &sink)
        return sink.result(plan)
    }

    /// Scans the parts concurrently; nil when the parts did not meet at row boundaries.
    private static func runParts(_ plan: DatasetPlan, _ parts: [ScanPart]) throws(DataError) -> DatasetResult? {
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
            case .failure(let e)?:
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
                guard var into = merged.tables[request] else {
                    merged.tables[request] = table
                    continue
                }
                var index: [[KeyValue]: Int] = [:]
                for (i, g) in into.groups.enumerated() { index[g.key] = i }
                for g in table.groups {
                    if let i = index[g.key] {
                        into.groups[i].accumulator.merge(g.accumulator)
                    } else {
                        index[g.key] = into.groups.count
                        into.groups.append(g)
                    }
                }
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
    public var groups: [(key: [KeyValue], accumulator: Accumulator)]
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

/// How a request reads its argument per row: the common shapes are decoded directly,
/// anything else runs the compiled row program.
enum ArgumentReader: Sendable {
    case none
    case bool(slot: Int, column: Int)
    case number(slot: Int, column: Int, percent: Bool)
    case program(Int)
}

struct ScanSink: RowSink {
    struct CompiledRequest {
        /// Index into `programs` of the filter, or -1.
        var filter: Int
        var argument: ArgumentReader
        var mode: Accumulator.Mode
        /// Positions in `keyColumns` of this request's grouping columns.
        var keyPositions: [Int]
        /// Which of the scan's key sets groups this request.
        var keySet: Int
    }

    let scannedColumns: [Int]
    let decimalSeparator: UInt8
    let weightSlot: Int?
    let weightName: String
    /// Distinct grouping columns over all requests, as schema indices and slots.
    let keyColumns: [Int]
    let keySlots: [Int]
    let keyIsPeriod: [Bool]
    var interners: [KeyInterner]
    let requests: [CompiledRequest]
    /// Accumulators per request, by group index of the request's key set.
    var accumulators: [[Accumulator]]
    let programs: [RowProgram]
    /// Key sets flattened: the positions of set s are `keySetPositions[keySetStart[s]..<keySetStart[s + 1]]`.
    let keySetPositions: [Int]
    let keySetStart: [Int]
    var groupTables: [GroupTable]
    var rowGroup: [Int]
    var rowKey: [Int32]
    var setKey: [Int32]
    var rows = 0
    let schema: TableSchema

    init(_ plan: DatasetPlan) throws(DataError) {
        let columns = plan.columns
        scannedColumns = columns
        schema = plan.binding.schema
        var slot: [Int: Int] = [:]
        for (i, c) in columns.enumerated() { slot[c] = i }
        decimalSeparator = plan.binding.schema.decimalSeparator
        weightSlot = plan.binding.weight.flatMap { slot[$0] }
        weightName = plan.binding.weight.map { plan.binding.schema.columns[$0].name } ?? ""
        var keys: [Int] = []
        for r in plan.requests {
            for k in r.groupBy where !keys.contains(k) { keys.append(k) }
        }
        keyColumns = keys
        keySlots = keys.map { slot[$0] ?? 0 }
        keyIsPeriod = keys.map { plan.binding.schema.columns[$0].type == .period || $0 == plan.binding.time }
        interners = keys.map { _ in KeyInterner() }
        rowKey = Array(repeating: 0, count: keys.count)
        setKey = Array(repeating: 0, count: 8)
        var sets: [[Int]] = []
        for r in plan.requests {
            let positions = r.groupBy.map { k in keys.firstIndex(of: k) ?? 0 }
            guard positions.count <= 8 else {
                throw DataError(kind: .schemaMismatch, path: plan.binding.path, message: "more than 8 grouping columns in one measure")
            }
            if !sets.contains(positions) { sets.append(positions) }
        }
        keySetPositions = sets.flatMap { $0 }
        var starts = [0]
        for s in sets { starts.append((starts.last ?? 0) + s.count) }
        keySetStart = starts
        groupTables = sets.map { _ in GroupTable() }
        rowGroup = Array(repeating: 0, count: sets.count)
        var programs: [RowProgram] = []
        let schema = plan.binding.schema
        func program(_ e: RowExpr) -> Int {
            programs.append(RowProgram.compile(e, schema: schema, slot: slot))
            return programs.count - 1
        }
        var compiled: [CompiledRequest] = []
        for r in plan.requests {
            let positions = r.groupBy.map { k in keys.firstIndex(of: k) ?? 0 }
            let argument: ArgumentReader
            switch r.measure.argument {
            case nil: argument = .none
            case .truth(.column(let c, .bool))?: argument = .bool(slot: slot[c] ?? 0, column: c)
            case .column(let c, .bool)?: argument = .bool(slot: slot[c] ?? 0, column: c)
            case .column(let c, let t)? where t == .integer || t == .decimal || t == .percent:
                argument = .number(slot: slot[c] ?? 0, column: c, percent: t == .percent)
            case let e?: argument = .program(program(e))
            }
            compiled.append(CompiledRequest(
                filter: r.filter.map(program) ?? -1,
                argument: argument,
                mode: Accumulator.Mode(r.measure),
                keyPositions: positions,
                keySet: sets.firstIndex(of: positions) ?? 0))
        }
        self.programs = programs
        requests = compiled
        accumulators = compiled.map { _ in [] }
    }

    @inline(__always)
    func readArgument(_ reader: ArgumentReader, _ row: borrowing RawRow) throws(DataError) -> RowValue {
        switch reader {
        case .none:
            return .missing
        case .bool(let slot, let column):
            let field = row.field(slot)
            if let b = FieldDecoding.bool(field) { return .bool(b) }
            if field.isEmpty { return .missing }
            return try RowValue.read(row, slot: slot, column: schema.columns[column].name, type: .bool, decimalSeparator: decimalSeparator)
        case .number(let slot, let column, let percent):
            let field = row.field(slot)
            if field.isEmpty { return .missing }
            let d = percent ? FieldDecoding.percent(field, decimalSeparator: decimalSeparator)
                : FieldDecoding.decimal(field, decimalSeparator: decimalSeparator)
            if let d { return .number(d) }
            return try RowValue.read(row, slot: slot, column: schema.columns[column].name,
                                     type: percent ? .percent : .decimal, decimalSeparator: decimalSeparator)
        case .program(let i):
            return try programs[i].evaluate(row, decimalSeparator: decimalSeparator)
        }
    }

    mutating func consume(_ row: borrowing RawRow) throws(DataError) {
        rows += 1
        for k in 0..<keySlots.count {
            let field = row.field(keySlots[k])
            let before = interners[k].count
            let id = interners[k].intern(field)
            rowKey[k] = id
            if keyIsPeriod[k], interners[k].count > before, !field.isEmpty, FieldDecoding.period(field) == nil {
                let text = String(decoding: field, as: UTF8.self)
                let name = schema.columns[keyColumns[k]].name
                throw row.error(field: keySlots[k], .invalidValue(column: name, text: text, expected: .period),
                                message: "'\(text)' in time column '\(name)' is not a period",
                                hint: "periods are written 2024K3, 2024Q3, 2024M07, 2024 or 2024-07-01")
            }
        }
        for s in 0..<groupTables.count {
            let start = keySetStart[s]
            let n = keySetStart[s + 1] - start
            for i in 0..<n { setKey[i] = rowKey[keySetPositions[start + i]] }
            rowGroup[s] = setKey.withUnsafeBufferPointer { buffer in
                groupTables[s].index(UnsafeBufferPointer(rebasing: buffer[0..<n]))
            }
        }
        var weight = DecimalValue(1)
        if let ws = weightSlot {
            let field = row.field(ws)
            guard let w = FieldDecoding.decimal(field, decimalSeparator: decimalSeparator), w.mantissa >= 0 else {
                let text = String(decoding: field, as: UTF8.self)
                throw row.error(field: ws, .notANumber(column: weightName, text: text),
                                message: text.isEmpty ? "missing weight in column '\(weightName)'" : "'\(text)' in weight column '\(weightName)' is not a non-negative number",
                                hint: "each row's weight says how many individuals it counts")
            }
            weight = w
        }
        for r in 0..<requests.count {
            let filter = requests[r].filter
            if filter >= 0 {
                guard try programs[filter].evaluate(row, decimalSeparator: decimalSeparator).isTrue else { continue }
            }
            let argument = try readArgument(requests[r].argument, row)
            let g = rowGroup[requests[r].keySet]
            if g >= accumulators[r].count {
                accumulators[r].append(contentsOf: repeatElement(Accumulator(), count: g + 1 - accumulators[r].count))
            }
            if weightSlot == nil {
                accumulators[r][g].addUnit(argument, mode: requests[r].mode)
            } else {
                accumulators[r][g].add(weight: weight, argument: argument, mode: requests[r].mode)
            }
        }
    }

    func keyValue(_ position: Int, _ id: Int32) -> KeyValue {
        let bytes = interners[position].bytes(id)
        if bytes.isEmpty { return .missing }
        let text = String(decoding: bytes, as: UTF8.self)
        if keyIsPeriod[position] {
            return Period(parsing: text).map { .period($0) } ?? .text(text)
        }
        return .text(text)
    }

    func result(_ plan: DatasetPlan) -> DatasetResult {
        var tables: [AggregateRequest: AggregateTable] = [:]
        for (r, request) in plan.requests.enumerated() {
            let compiled = requests[r]
            var groups: [(key: [KeyValue], accumulator: Accumulator)] = []
            let keys = groupTables[compiled.keySet].keys
            for (g, acc) in accumulators[r].enumerated() where acc.rows > 0 {
                var settled = acc
                if weightSlot == nil { settled.settleUnitWeights() }
                let key = keys[g]
                let values = compiled.keyPositions.enumerated().map { i, p in keyValue(p, key[i]) }
                groups.append((values, settled))
            }
            tables[request] = AggregateTable(groupBy: request.groupBy, groups: groups)
        }
        var distinct: [Int: Set<String>] = [:]
        var periods = Set<Period>()
        for (k, column) in keyColumns.enumerated() {
            var values = Set<String>()
            for id in 0..<interners[k].count {
                let v = keyValue(k, Int32(id))
                values.insert(v.description)
                if column == plan.binding.time, case .period(let p) = v { periods.insert(p) }
            }
            distinct[column] = values
        }
        return DatasetResult(rows: rows, periods: periods.sorted(), tables: tables, distinctValues: distinct)
    }
}
