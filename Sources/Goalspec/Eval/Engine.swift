/// Executes a dataset's plan in one pass over its rows.
///
/// Guarantees to the evaluator: every request of the plan has a table of exact accumulators
/// per group (time, focus or group column, breakdown); the dataset's periods are known in
/// order; the distinct values of every grouping column are known (to report values that never
/// occur). Memory is bounded by the number of groups, not rows (median and percentile keep
/// their values). A malformed row stops the scan with a located `DataError`.
public enum Engine {
    /// Scans the dataset once and computes every request of the plan.
    public static func run(_ plan: DatasetPlan) throws(DataError) -> DatasetResult {
        var sink = try ScanSink(plan)
        try TableReader.scan(plan.binding.schema, columns: sink.scannedColumns, into: &sink)
        return sink.result(plan)
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

struct ScanSink: RowSink {
    struct CompiledRequest {
        var filter: RowProgram?
        var argument: RowProgram?
        var kind: MeasureKind
        var isPredicate: Bool
        /// Positions in `keyColumns` of this request's grouping columns.
        var keyPositions: [Int]
        /// Which of the scan's key sets groups this request.
        var keySet: Int
        /// Accumulators by group index of the key set; groups never reached stay empty.
        var accumulators: [Accumulator] = []
    }

    let scannedColumns: [Int]
    let decimalSeparator: UInt8
    let weightSlot: Int?
    let weightName: String
    /// Distinct grouping columns over all requests, as schema indices and slots.
    let keyColumns: [Int]
    let keySlots: [Int]
    let keyIsPeriod: [Bool]
    var interners: [ByteInterner]
    var requests: [CompiledRequest]
    /// Distinct lists of key positions; requests grouped alike share a table and a lookup per row.
    let keySets: [[Int]]
    var groupTables: [GroupTable]
    var rowGroup: [Int]
    var rowKey: [Int32]
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
        guard keys.count <= 8 else {
            throw DataError(kind: .schemaMismatch, path: plan.binding.path, message: "more than 8 grouping columns in one dataset")
        }
        keyColumns = keys
        keySlots = keys.map { slot[$0] ?? 0 }
        keyIsPeriod = keys.map { plan.binding.schema.columns[$0].type == .period || $0 == plan.binding.time }
        interners = keys.map { _ in ByteInterner() }
        rowKey = Array(repeating: 0, count: keys.count)
        var sets: [[Int]] = []
        for r in plan.requests {
            let positions = r.groupBy.map { k in keys.firstIndex(of: k) ?? 0 }
            if !sets.contains(positions) { sets.append(positions) }
        }
        keySets = sets
        groupTables = sets.map { _ in GroupTable() }
        rowGroup = Array(repeating: 0, count: sets.count)
        requests = plan.requests.map { r in
            let positions = r.groupBy.map { k in keys.firstIndex(of: k) ?? 0 }
            return CompiledRequest(
                filter: r.filter.map { RowProgram.compile($0, schema: plan.binding.schema, slot: slot) },
                argument: r.measure.argument.map { RowProgram.compile($0, schema: plan.binding.schema, slot: slot) },
                kind: r.measure.kind,
                isPredicate: r.measure.argumentIsPredicate,
                keyPositions: positions,
                keySet: sets.firstIndex(of: positions) ?? 0)
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
        for s in 0..<keySets.count {
            var key = SIMD8<Int32>(repeating: -1)
            var i = 0
            for p in keySets[s] { key[i] = rowKey[p]; i += 1 }
            rowGroup[s] = groupTables[s].index(of: key)
        }
        for r in 0..<requests.count {
            if let filter = requests[r].filter {
                guard try filter.evaluate(row, decimalSeparator: decimalSeparator).isTrue else { continue }
            }
            let argument = try requests[r].argument?.evaluate(row, decimalSeparator: decimalSeparator)
            let g = rowGroup[requests[r].keySet]
            if g >= requests[r].accumulators.count {
                requests[r].accumulators.append(contentsOf: repeatElement(Accumulator(), count: g + 1 - requests[r].accumulators.count))
            }
            requests[r].accumulators[g].add(weight: weight, argument: argument,
                                            kind: requests[r].kind, isPredicate: requests[r].isPredicate)
        }
    }

    func keyValue(_ position: Int, _ id: Int32) -> KeyValue {
        let bytes = interners[position].bytes(id)
        if bytes.isEmpty { return .missing }
        if keyIsPeriod[position] {
            let text = String(decoding: bytes, as: UTF8.self)
            return Period(parsing: text).map { .period($0) } ?? .text(text)
        }
        return .text(String(decoding: bytes, as: UTF8.self))
    }

    func result(_ plan: DatasetPlan) -> DatasetResult {
        var tables: [AggregateRequest: AggregateTable] = [:]
        for (r, request) in plan.requests.enumerated() {
            let compiled = requests[r]
            var groups: [(key: [KeyValue], accumulator: Accumulator)] = []
            let keys = groupTables[compiled.keySet].keys
            for (g, acc) in compiled.accumulators.enumerated() where acc.rows > 0 {
                let key = keys[g]
                let values = compiled.keyPositions.enumerated().map { i, p in keyValue(p, key[i]) }
                groups.append((values, acc))
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
