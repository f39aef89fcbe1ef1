/// The per-row side of the engine: receives each row of one scan, interns its grouping keys,
/// decodes the values its measures need, and accumulates them.
///
/// Rows are gathered into batches of `batchSize`: per row only the keys are interned and the
/// argument columns decoded into flat buffers; a batch is then folded into the groups' cells
/// by tight loops over raw memory, one loop per measure. Measures that need a general row
/// program as argument (or keep values, like median) take the per-row path with an
/// `Accumulator`.

/// How a request reads its argument per row.
enum ArgumentReader: Sendable {
    case none
    case bool(slot: Int, column: Int)
    /// A Bool column tested for false (`reached == 0`, `not reached`).
    case notBool(slot: Int, column: Int)
    case number(slot: Int, column: Int, percent: Bool)
    case program(Int)
}

/// The figures of one group for the common measures (count, share or count of a condition,
/// sum and mean of a column), as plain integers and exact decimal sums.
struct FastCell {
    var rows = 0
    var hitRows = 0
    /// Rows where the predicate is true or false (not unknown).
    var knownRows = 0
    var valueRows = 0
    var weight = ExactSum()
    var hits = ExactSum()
    var valueWeight = ExactSum()
    var weightedSum = ExactSum()

    /// The cell as an accumulator; rows of unit weight get their weight sums from the counts.
    func accumulator(unitWeights: Bool) -> Accumulator {
        var a = Accumulator()
        a.rows = rows
        a.hitRows = hitRows
        a.knownRows = knownRows
        a.valueRows = valueRows
        a.weightedSum = weightedSum
        if unitWeights {
            a.settleUnitWeights()
        } else {
            a.weight = weight
            a.hits = hits
            a.valueWeight = valueWeight
        }
        return a
    }
}

/// Raw memory owned by one scan, freed with it.
final class ScanMemory {
    private var blocks: [(UnsafeMutableRawPointer, Int)] = []

    /// Uninitialized memory for `count` values of a trivial type.
    func allocate<T>(_ type: T.Type, count: Int) -> UnsafeMutablePointer<T> {
        let bytes = max(1, count) * MemoryLayout<T>.stride
        let raw = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: MemoryLayout<T>.alignment)
        blocks.append((raw, bytes))
        return raw.bindMemory(to: T.self, capacity: max(1, count))
    }

    /// Frees a block allocated here.
    func free(_ pointer: UnsafeMutableRawPointer) {
        if let i = blocks.firstIndex(where: { $0.0 == pointer }) {
            blocks[i].0.deallocate()
            blocks.remove(at: i)
        }
    }

    deinit {
        for (p, _) in blocks { p.deallocate() }
    }
}

struct ScanSink: RowSink {
    static let batchSize = 4096

    /// A column decoded per row into a batch buffer for fast measures.
    struct ValueColumn: Equatable {
        var slot: Int
        var column: Int
        /// 0 bool, 1 number, 2 percent, 3 negated bool.
        var kind: UInt8
    }

    /// A request folded from batches.
    struct FastRequest {
        var request: Int
        var mode: Accumulator.Mode
        var keySet: Int
        /// Index into `valueColumns`, or -1 for none.
        var value: Int
        /// Index of the filter's pass mask among `masks`, or -1.
        var mask: Int
    }

    let scannedColumns: [Int]
    /// The number format of each scanned column, by slot.
    let slotFormats: [NumberFormat]
    let weightFormat: NumberFormat
    let weightSlot: Int?
    let weightName: String
    let schema: TableSchema
    let requestCount: Int
    /// Grouping columns over all requests, as schema indices and slots.
    let keyColumns: [Int]
    let keySlots: [Int]
    let keyIsPeriod: [Bool]
    /// Position of the time column among the key columns, or -1.
    let timeKey: Int
    /// For a Bool key column: the spellings its true and false parts are shown with (the first
    /// of each in the sample), so `Ja`, `ja` and `1` make one part; nil for other columns.
    let boolSpellings: [(yes: String, no: String)?]
    var interners: [KeyInterner]
    /// Key sets: the positions (in `keyColumns`) of each distinct grouping.
    let keySets: [[Int]]
    var groupTables: [GroupTable]
    let programs: [RowProgram]

    // Fast path
    let fastRequests: [FastRequest]
    let valueColumns: [ValueColumn]
    /// Filter program index of each mask.
    let maskFilters: [Int]
    let memory = ScanMemory()
    /// Batch buffers: key ids (per key column), decoded values, weights, masks, group indices per key set.
    let keyIDs: UnsafeMutablePointer<Int32>
    let boolValues: UnsafeMutablePointer<Int8>
    let numberValues: UnsafeMutablePointer<DecimalValue>
    let present: UnsafeMutablePointer<UInt8>
    let weights: UnsafeMutablePointer<DecimalValue>
    let maskValues: UnsafeMutablePointer<UInt8>
    let groupIndex: UnsafeMutablePointer<Int32>
    /// Cells of each fast request, by group index.
    var cells: [UnsafeMutablePointer<FastCell>]
    var cellCapacity: [Int]
    var cellCount: [Int]
    var batchCount = 0

    // Slow path
    /// Requests on the per-row path: (request, filter program or -1, argument, mode, key set).
    let slowRequests: [(request: Int, filter: Int, argument: ArgumentReader, mode: Accumulator.Mode, keySet: Int)]
    var accumulators: [[Accumulator]]
    var setKey = [Int32](repeating: 0, count: 8)

    var rows = 0
    /// The limits this scan checks (see ``EvaluationBudget``), and the values kept so far for
    /// median and percentile.
    var budget = ScanBudget.unlimited
    var keptValues = 0

    init(_ plan: DatasetPlan) throws(DataError) {
        let columns = plan.columns
        scannedColumns = columns
        schema = plan.binding.schema
        requestCount = plan.requests.count
        var slot: [Int: Int] = [:]
        for (i, c) in columns.enumerated() { slot[c] = i }
        slotFormats = columns.map { plan.binding.schema.columns.indices.contains($0) ? plan.binding.schema.columns[$0].numberFormat : .plain }
        weightFormat = plan.binding.weight.map { plan.binding.schema.columns[$0].numberFormat } ?? .plain
        weightSlot = plan.binding.weight.flatMap { slot[$0] }
        weightName = plan.binding.weight.map { plan.binding.schema.columns[$0].name } ?? ""
        var keys: [Int] = []
        for r in plan.requests {
            for k in r.groupBy where !keys.contains(k) { keys.append(k) }
        }
        keyColumns = keys
        keySlots = keys.map { slot[$0] ?? 0 }
        keyIsPeriod = keys.map { plan.binding.schema.columns[$0].type == .period || $0 == plan.binding.time }
        timeKey = plan.binding.time.flatMap { keys.firstIndex(of: $0) } ?? -1
        boolSpellings = keys.map { k -> (yes: String, no: String)? in
            let column = plan.binding.schema.columns[k]
            guard column.type == .bool else { return nil }
            func first(_ value: Bool) -> String? {
                column.sampleDistinctValues.first { Array($0.utf8).withUnsafeBytes { FieldDecoding.bool($0) } == value }
            }
            return (first(true) ?? "true", first(false) ?? "false")
        }
        interners = keys.map { _ in KeyInterner() }
        var sets: [[Int]] = []
        for r in plan.requests {
            let positions = r.groupBy.map { k in keys.firstIndex(of: k) ?? 0 }
            guard positions.count <= 8 else {
                throw DataError(kind: .schemaMismatch, path: plan.binding.path, message: "more than 8 grouping columns in one measure")
            }
            if !sets.contains(positions) { sets.append(positions) }
        }
        keySets = sets
        groupTables = sets.map { _ in GroupTable() }
        var programs: [RowProgram] = []
        let schema = plan.binding.schema
        func program(_ e: RowExpr) -> Int {
            programs.append(RowProgram.compile(e, schema: schema, slot: slot))
            return programs.count - 1
        }
        var fast: [FastRequest] = []
        var slow: [(request: Int, filter: Int, argument: ArgumentReader, mode: Accumulator.Mode, keySet: Int)] = []
        var values: [ValueColumn] = []
        var masks: [Int] = []
        for (index, r) in plan.requests.enumerated() {
            let positions = r.groupBy.map { k in keys.firstIndex(of: k) ?? 0 }
            let keySet = sets.firstIndex(of: positions) ?? 0
            let mode = Accumulator.Mode(r.measure)
            var argument: ArgumentReader
            switch r.measure.argument {
            case nil: argument = .none
            case let e? where Self.boolTest(e) != nil:
                let (c, negated) = Self.boolTest(e) ?? (0, false)
                argument = negated ? .notBool(slot: slot[c] ?? 0, column: c) : .bool(slot: slot[c] ?? 0, column: c)
            case .column(let c, let t)? where t == .integer || t == .decimal || t == .percent:
                argument = .number(slot: slot[c] ?? 0, column: c, percent: t == .percent)
            case let e?: argument = .program(program(e))
            }
            let filter = r.filter.map(program) ?? -1
            var valueIndex = -1
            let fastMode = mode == .rows || mode == .predicate || mode == .value
            switch argument {
            case .program:
                slow.append((index, filter, argument, mode, keySet))
                continue
            case .none:
                break
            case .bool(let s, let c), .notBool(let s, let c):
                var negated = false
                if case .notBool = argument { negated = true }
                let v = ValueColumn(slot: s, column: c, kind: negated ? 3 : 0)
                if let i = values.firstIndex(of: v) { valueIndex = i } else { values.append(v); valueIndex = values.count - 1 }
            case .number(let s, let c, let percent):
                let v = ValueColumn(slot: s, column: c, kind: percent ? 2 : 1)
                if let i = values.firstIndex(of: v) { valueIndex = i } else { values.append(v); valueIndex = values.count - 1 }
            }
            guard fastMode else {
                slow.append((index, filter, argument, mode, keySet))
                continue
            }
            var mask = -1
            if filter >= 0 {
                masks.append(filter)
                mask = masks.count - 1
            }
            fast.append(FastRequest(request: index, mode: mode, keySet: keySet, value: valueIndex, mask: mask))
        }
        self.programs = programs
        fastRequests = fast
        slowRequests = slow
        valueColumns = values
        maskFilters = masks
        accumulators = plan.requests.map { _ in [] }
        let n = Self.batchSize
        keyIDs = memory.allocate(Int32.self, count: n * max(1, keys.count))
        boolValues = memory.allocate(Int8.self, count: n * max(1, values.count))
        numberValues = memory.allocate(DecimalValue.self, count: n * max(1, values.count))
        present = memory.allocate(UInt8.self, count: n * max(1, values.count))
        weights = memory.allocate(DecimalValue.self, count: n)
        maskValues = memory.allocate(UInt8.self, count: n * max(1, masks.count))
        groupIndex = memory.allocate(Int32.self, count: n * max(1, sets.count))
        var cellPointers: [UnsafeMutablePointer<FastCell>] = []
        for _ in fast {
            let p = memory.allocate(FastCell.self, count: 16)
            p.initialize(repeating: FastCell(), count: 16)
            cellPointers.append(p)
        }
        cells = cellPointers
        cellCapacity = fast.map { _ in 16 }
        cellCount = fast.map { _ in 0 }
    }

    /// A test of a Bool column that reads as the column itself or its negation:
    /// `job`, `reached == 1`, `reached != 0`, `reached == true`, `not reached`, `reached == 0`.
    static func boolTest(_ e: RowExpr) -> (column: Int, negated: Bool)? {
        func literalTruth(_ v: LiteralValue) -> Bool? {
            switch v {
            case .bool(let b): b
            case .number(let x): x == .one ? true : (x == .zero ? false : nil)
            case .text, .period: nil
            }
        }
        switch e {
        case .column(let c, .bool), .truth(.column(let c, .bool)):
            return (c, false)
        case .not(let inner):
            return boolTest(inner).map { ($0.column, !$0.negated) }
        case .compare(let op, .column(let c, .bool), .literal(let v)) where op == .equal || op == .notEqual,
             .compare(let op, .literal(let v), .column(let c, .bool)) where op == .equal || op == .notEqual:
            guard let truth = literalTruth(v) else { return nil }
            return (c, truth == (op == .notEqual))
        default:
            return nil
        }
    }

    // MARK: Per row

    mutating func consume(_ row: borrowing RawRow) throws(DataError) {
        rows += 1
        if rows > budget.maxRows { throw ScanBudget.exceeded(.rows(budget.maxRows), path: schema.path) }
        let i = batchCount
        let n = Self.batchSize
        for k in 0..<keySlots.count {
            let field = row.field(keySlots[k])
            let before = interners[k].count
            let id = interners[k].intern(field)
            keyIDs[k * n + i] = id
            if interners[k].count > before {
                // A new group value: it reaches reports as text, so it must be UTF-8 (a UTF-8
                // file may hold other bytes past the sample the encoding was decided from).
                if keyIsPeriod[k] {
                    let (lo, hi) = FieldDecoding.trimmed(field)
                    if lo == hi {
                        // A row without a period would be in no period's scope, silently: an error.
                        if k == timeKey { throw missingPeriod(row, k) }
                    } else if FieldDecoding.period(field) == nil {
                        throw invalidPeriod(row, k, field)
                    }
                }
                if DataBytes.firstInvalidUTF8(field) != nil {
                    throw row.error(field: keySlots[k], .invalidUTF8, message: "value is not valid UTF-8",
                                    hint: TextEncoding.invalidUTF8Hint)
                }
            }
        }
        for v in 0..<valueColumns.count {
            let column = valueColumns[v]
            let field = row.field(column.slot)
            let at = v * n + i
            if field.isEmpty {
                present[at] = 0
                boolValues[at] = -1
                continue
            }
            present[at] = 1
            switch column.kind {
            case 0, 3:
                guard var b = FieldDecoding.bool(field) else {
                    if FieldDecoding.isBlank(field) { present[at] = 0; boolValues[at] = -1; continue }
                    throw badValue(row, column, .bool)
                }
                if column.kind == 3 { b.toggle() }
                boolValues[at] = b ? 1 : 0
                numberValues[at] = DecimalValue(b ? 1 : 0)
            default:
                let format = slotFormats[column.slot]
                let d = column.kind == 2 ? FieldDecoding.percent(field, format: format)
                    : FieldDecoding.decimal(field, format: format)
                guard let d else {
                    if FieldDecoding.isBlank(field) { present[at] = 0; boolValues[at] = -1; continue }
                    throw badValue(row, column, column.kind == 2 ? .percent : .decimal)
                }
                numberValues[at] = d
                boolValues[at] = -1
            }
        }
        var weight = DecimalValue(1)
        if let ws = weightSlot {
            let field = row.field(ws)
            guard let w = FieldDecoding.decimal(field, format: weightFormat), w.mantissa >= 0 else {
                if !field.isEmpty && FieldDecoding.numberProblem(field, format: weightFormat) != nil {
                    throw row.numberError(field: ws, column: weightName, format: weightFormat)
                }
                let text = String(decoding: field, as: UTF8.self)
                throw row.error(field: ws, .notANumber(column: weightName, text: text),
                                message: text.isEmpty ? "missing weight in column '\(weightName)'" : "'\(text)' in weight column '\(weightName)' is not a non-negative number",
                                hint: "each row's weight says how many individuals it counts")
            }
            weight = w
            weights[i] = w
        }
        for m in 0..<maskFilters.count {
            maskValues[m * n + i] = try programs[maskFilters[m]].evaluate(row).isTrue ? 1 : 0
        }
        if !slowRequests.isEmpty { try consumeSlow(row, weight: weight, batchRow: i) }
        batchCount = i + 1
        if batchCount == n {
            flush()
            try checkBudget()
        }
    }

    /// Checks the groups, the kept values and the clock against the budget.
    func checkBudget() throws(DataError) {
        var groups = 0
        for table in groupTables { groups += table.count }
        try budget.check(rows: rows, groups: groups, keptValues: keptValues, path: schema.path)
    }

    private func invalidPeriod(_ row: borrowing RawRow, _ k: Int, _ field: UnsafeRawBufferPointer) -> DataError {
        let text = String(decoding: field, as: UTF8.self)
        let name = schema.columns[keyColumns[k]].name
        return row.error(field: keySlots[k], .invalidValue(column: name, text: text, expected: .period),
                         message: "'\(text)' in time column '\(name)' is not a period",
                         hint: "periods are written \(Period.dataSpellings)")
    }

    private func missingPeriod(_ row: borrowing RawRow, _ k: Int) -> DataError {
        let name = schema.columns[keyColumns[k]].name
        return row.error(field: keySlots[k], .invalidValue(column: name, text: "", expected: .period),
                         message: "the row has no period in time column '\(name)'",
                         hint: "fill in its period, or remove the row: a row without a period would be left out of every period")
    }

    private func badValue(_ row: borrowing RawRow, _ column: ValueColumn, _ type: ColumnType) -> DataError {
        let field = row.field(column.slot)
        let name = schema.columns[column.column].name
        let text = String(decoding: field, as: UTF8.self)
        switch type {
        case .bool:
            return row.error(field: column.slot, .invalidValue(column: name, text: text, expected: .bool),
                             message: "'\(text)' in column '\(name)' is not a true/false value (0/1, true/false, ja/nej or sand/falsk)",
                             hint: "the column was read as true/false values from its first rows")
        case .percent:
            return row.error(field: column.slot, .notANumber(column: name, text: text),
                             message: "'\(text)' in column '\(name)' is not a percentage",
                             hint: "the column was read as percentages such as 86,2 % from its first rows")
        default:
            return row.numberError(field: column.slot, column: name, format: slotFormats[column.slot])
        }
    }

    /// The per-row path for measures with a general argument or kept values.
    private mutating func consumeSlow(_ row: borrowing RawRow, weight: DecimalValue, batchRow i: Int) throws(DataError) {
        let n = Self.batchSize
        for s in slowRequests {
            if s.filter >= 0 {
                guard try programs[s.filter].evaluate(row).isTrue else { continue }
            }
            let argument = try readArgument(s.argument, row)
            let positions = keySets[s.keySet]
            for (j, p) in positions.enumerated() { setKey[j] = keyIDs[p * n + i] }
            let count = positions.count
            let g = setKey.withUnsafeBufferPointer { buffer in
                groupTables[s.keySet].index(UnsafeBufferPointer(rebasing: buffer[0..<count]))
            }
            if g >= accumulators[s.request].count {
                accumulators[s.request].append(contentsOf: repeatElement(Accumulator(), count: g + 1 - accumulators[s.request].count))
            }
            if s.mode == .quantile { keptValues += 1 }
            if weightSlot == nil {
                accumulators[s.request][g].addUnit(argument, mode: s.mode)
            } else {
                accumulators[s.request][g].add(weight: weight, argument: argument, mode: s.mode)
            }
        }
    }

    func readArgument(_ reader: ArgumentReader, _ row: borrowing RawRow) throws(DataError) -> RowValue {
        switch reader {
        case .none:
            return .missing
        case .bool(let slot, let column), .notBool(let slot, let column):
            let field = row.field(slot)
            var negated = false
            if case .notBool = reader { negated = true }
            if let b = FieldDecoding.bool(field) { return .bool(b != negated) }
            if field.isEmpty { return .missing }
            return try RowValue.read(row, slot: slot, column: schema.columns[column].name, type: .bool, format: .plain)
        case .number(let slot, let column, let percent):
            let field = row.field(slot)
            if field.isEmpty { return .missing }
            let format = slotFormats[slot]
            let d = percent ? FieldDecoding.percent(field, format: format)
                : FieldDecoding.decimal(field, format: format)
            if let d { return .number(d) }
            return try RowValue.read(row, slot: slot, column: schema.columns[column].name,
                                     type: percent ? .percent : .decimal, format: format)
        case .program(let i):
            return try programs[i].evaluate(row)
        }
    }

    // MARK: Per batch

    /// Folds the buffered rows into the cells of the fast measures.
    mutating func flush() {
        let count = batchCount
        guard count > 0 else { return }
        let n = Self.batchSize
        var ids = [Int32](repeating: 0, count: 8)
        for (s, positions) in keySets.enumerated() {
            let out = groupIndex + s * n
            let width = positions.count
            ids.withUnsafeMutableBufferPointer { key in
                let view = UnsafeBufferPointer(rebasing: UnsafeBufferPointer(key)[0..<width])
                for i in 0..<count {
                    for (j, p) in positions.enumerated() { key[j] = keyIDs[p * n + i] }
                    out[i] = Int32(truncatingIfNeeded: groupTables[s].index(view))
                }
            }
        }
        let unit = weightSlot == nil
        for (f, request) in fastRequests.enumerated() {
            let groups = groupIndex + request.keySet * n
            var highest = 0
            for i in 0..<count where Int(groups[i]) > highest { highest = Int(groups[i]) }
            reserve(f, highest)
            let cell = cells[f]
            let mask: UnsafeMutablePointer<UInt8>? = request.mask >= 0 ? maskValues + request.mask * n : nil
            let bools = boolValues + max(0, request.value) * n
            let numbers = numberValues + max(0, request.value) * n
            let has = present + max(0, request.value) * n
            switch (request.mode, unit) {
            case (.rows, true):
                for i in 0..<count where mask?[i] ?? 1 == 1 { cell[Int(groups[i])].rows += 1 }
            case (.predicate, true):
                for i in 0..<count where mask?[i] ?? 1 == 1 {
                    let g = Int(groups[i])
                    cell[g].rows += 1
                    if bools[i] >= 0 { cell[g].knownRows += 1 }
                    if bools[i] == 1 { cell[g].hitRows += 1 }
                }
            case (.value, true):
                for i in 0..<count where mask?[i] ?? 1 == 1 {
                    let g = Int(groups[i])
                    cell[g].rows += 1
                    if has[i] == 1 {
                        cell[g].valueRows += 1
                        cell[g].weightedSum.add(numbers[i])
                    }
                }
            case (.rows, false), (.predicate, false), (.value, false):
                for i in 0..<count where mask?[i] ?? 1 == 1 {
                    let g = Int(groups[i])
                    let w = weights[i]
                    cell[g].rows += 1
                    cell[g].weight.add(w)
                    if request.mode == .predicate, bools[i] >= 0 { cell[g].knownRows += 1 }
                    if request.mode == .predicate, bools[i] == 1 {
                        cell[g].hitRows += 1
                        cell[g].hits.add(w)
                    } else if request.mode == .value, has[i] == 1 {
                        cell[g].valueRows += 1
                        cell[g].valueWeight.add(w)
                        cell[g].weightedSum.add(numbers[i], times: w)
                    }
                }
            case (.minimum, _), (.maximum, _), (.quantile, _):
                break
            }
        }
        batchCount = 0
    }

    private mutating func reserve(_ f: Int, _ highest: Int) {
        if highest >= cellCount[f] { cellCount[f] = highest + 1 }
        guard highest >= cellCapacity[f] else { return }
        var capacity = cellCapacity[f] * 2
        while capacity <= highest { capacity *= 2 }
        let fresh = memory.allocate(FastCell.self, count: capacity)
        fresh.moveInitialize(from: cells[f], count: cellCapacity[f])
        (fresh + cellCapacity[f]).initialize(repeating: FastCell(), count: capacity - cellCapacity[f])
        memory.free(UnsafeMutableRawPointer(cells[f]))
        cells[f] = fresh
        cellCapacity[f] = capacity
    }

    // MARK: Results

    func keyValue(_ position: Int, _ id: Int32) -> KeyValue {
        let bytes = interners[position].bytes(id)
        if bytes.isEmpty { return .missing }
        let text = String(decoding: bytes, as: UTF8.self)
        if keyIsPeriod[position] {
            // The check at the row tolerated surrounding spaces; so does the key.
            let (lo, hi) = bytes.withUnsafeBytes { FieldDecoding.trimmed($0) }
            let trimmed = lo == 0 && hi == bytes.count ? text : String(decoding: bytes[lo..<hi], as: UTF8.self)
            return Period(parsing: trimmed).map { .period($0) } ?? .text(text)
        }
        if let spellings = boolSpellings[position],
           let value = bytes.withUnsafeBytes({ FieldDecoding.bool($0) }) {
            return .text(value ? spellings.yes : spellings.no)
        }
        return .text(text)
    }

    /// Every request's table; call after the scan (it folds the last batch).
    mutating func result(_ plan: DatasetPlan) -> DatasetResult {
        flush()
        var tables: [AggregateRequest: AggregateTable] = [:]
        var byRequest: [Int: (keySet: Int, cells: [Accumulator])] = [:]
        for (f, request) in fastRequests.enumerated() {
            let unit = weightSlot == nil
            byRequest[request.request] = (request.keySet, (0..<cellCount[f]).map { cells[f][$0].accumulator(unitWeights: unit) })
        }
        for s in slowRequests {
            var accs = accumulators[s.request]
            if weightSlot == nil { for j in accs.indices { accs[j].settleUnitWeights() } }
            byRequest[s.request] = (s.keySet, accs)
        }
        // Each distinct value decoded once, for every table and the distinct-value sets.
        let decoded: [[KeyValue]] = interners.indices.map { k in (0..<interners[k].count).map { keyValue(k, Int32($0)) } }
        for (r, request) in plan.requests.enumerated() {
            guard let (keySet, accs) = byRequest[r] else { continue }
            let positions = keySets[keySet]
            let keys = groupTables[keySet].keys
            var groups: [(key: [KeyValue], accumulator: Accumulator)] = []
            groups.reserveCapacity(min(accs.count, keys.count))
            for (g, acc) in accs.enumerated() where acc.rows > 0 && g < keys.count {
                let key = keys[g]
                groups.append((positions.enumerated().map { i, p in
                    let id = Int(key[i])
                    return decoded.indices.contains(p) && decoded[p].indices.contains(id) ? decoded[p][id] : keyValue(p, key[i])
                }, acc))
            }
            tables[request] = AggregateTable(groupBy: request.groupBy, groups: groups)
        }
        var distinct: [Int: Set<String>] = [:]
        var periods = Set<Period>()
        for (k, column) in keyColumns.enumerated() {
            var values = Set<String>()
            values.reserveCapacity(decoded[k].count)
            for v in decoded[k] {
                values.insert(v.description)
                if column == plan.binding.time, case .period(let p) = v { periods.insert(p) }
            }
            distinct[column] = values
        }
        return DatasetResult(rows: rows, periods: periods.sorted(), tables: tables, distinctValues: distinct)
    }
}
