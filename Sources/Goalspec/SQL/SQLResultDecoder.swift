/// Rebuilds a dataset's aggregates (`DatasetResult`, one `Accumulator` per group and request)
/// from the rows an engine returned for its aggregate query, so that the evaluator computes
/// every share, mean, quantile and verdict in Swift, exactly as after an in-process scan.
///
/// The rows come as text, as engines' clients print them: NULL as nil, numbers in plain decimal
/// notation (`-12.50`), Bool values `true`/`false` (or `t`/`f`, `1`/`0`).
public enum SQLResultDecoder {
    /// The dataset's result. `columns` are the names of the result columns; each row holds one
    /// text per column. Requests left to the row query have no table in it (aggregating those
    /// rows is phase 2). Throws when a weight is missing or negative, or a value does not read.
    public static func decode(_ queries: SQLDatasetQueries, plan: DatasetPlan, columns: [String],
                              rows: [[String?]]) throws(DataError) -> DatasetResult {
        let path = plan.binding.path
        func fail(_ message: String) -> DataError { DataError(kind: .schemaMismatch, path: path, message: message) }
        guard let query = queries.aggregate else { return DatasetResult(rows: 0, periods: [], tables: [:], distinctValues: [:]) }
        var position: [String: Int] = [:]
        for (i, c) in columns.enumerated() { position[c] = i }
        func cell(_ row: [String?], _ alias: String) throws(DataError) -> String? {
            guard let i = position[alias], i < row.count else { throw fail("the result has no column \(alias)") }
            return row[i]
        }
        func integer(_ row: [String?], _ alias: String) throws(DataError) -> Int {
            guard let text = try cell(row, alias) else { return 0 }
            guard let d = decimal(text), d.scale <= 0 || d.normalized.scale <= 0, let n = Int(exactly: d.normalized.mantissa) else {
                throw fail("'\(text)' in \(alias) is not a count")
            }
            var v = n
            var s = d.normalized.scale
            while s < 0 {
                let (m, overflow) = v.multipliedReportingOverflow(by: 10)
                if overflow { throw fail("'\(text)' in \(alias) is too large") }
                v = m
                s += 1
            }
            return v
        }
        func sum(_ row: [String?], _ alias: String?) throws(DataError) -> ExactSum {
            var out = ExactSum()
            guard let alias, let text = try cell(row, alias) else { return out }
            guard let d = decimal(text) else { throw fail("'\(text)' in \(alias) is not a decimal number") }
            out.add(d)
            return out
        }
        func exact(_ text: String, _ what: String) throws(DataError) -> Exact {
            if let b = truth(text) { return b ? .one : .zero }
            guard let d = decimal(text) else { throw fail("'\(text)' in \(what) is not a number") }
            return Exact(mantissa: d.mantissa, scale: Int(d.scale))
        }
        let binding = plan.binding
        let weighted = binding.weight != nil
        func key(_ row: [String?], _ column: Int) throws(DataError) -> KeyValue {
            guard let text = try cell(row, SQLQueryBuilder.alias(column)), !text.isEmpty else { return .missing }
            if column == binding.time || binding.schema.columns[column].type == .period {
                guard let p = Period(parsing: text) else {
                    throw fail("'\(text)' in time column '\(binding.schema.columns[column].name)' is not a period")
                }
                return .period(p)
            }
            return .text(text)
        }

        var groups: [Int: [[KeyValue]: Accumulator]] = [:]
        var pairs: [Int: [[KeyValue]: [(Exact, Exact)]]] = [:]
        var totalRows = 0
        var distinct: [Int: Set<String>] = [:]
        var periods = Set<Period>()
        let requestSets = Set(query.requestSet.values)
        for row in rows {
            var set = 0
            if query.groupingFlags {
                var grouped = Set<Int>()
                for k in query.keyColumns where try cell(row, "g\(k)") == "0" { grouped.insert(k) }
                guard let i = query.groupingSets.firstIndex(where: { Set($0) == grouped }) else {
                    throw fail("a result row of no grouping set")
                }
                set = i
            }
            if set == 0 { totalRows += try integer(row, query.rowCountAlias) }
            if let bad = query.badWeightAlias, try integer(row, bad) > 0 {
                let name = binding.weight.map { binding.schema.columns[$0].name } ?? ""
                throw fail("missing or negative weight in column '\(name)'")
            }
            if requestSets.contains(set) {
                for k in query.groupingSets[set] {
                    let v = try key(row, k)
                    distinct[k, default: []].insert(v.description)
                    if k == binding.time, case .period(let p) = v { periods.insert(p) }
                }
            }
            for r in query.requests {
                let request = plan.requests[r]
                let transform = query.transforms[r] ?? .identity
                func figure(_ f: SQLFigure) -> String? { query.figures[SQLFigureRef(request: r, figure: f)] }
                if query.requestSet[r] == set {
                    var acc = Accumulator()
                    acc.rows = try figure(.rows).map { a throws(DataError) in try integer(row, a) } ?? 0
                    guard acc.rows > 0 else { continue }
                    acc.knownRows = try figure(.knownRows).map { a throws(DataError) in try integer(row, a) } ?? 0
                    acc.hitRows = try figure(.hitRows).map { a throws(DataError) in try integer(row, a) } ?? 0
                    acc.valueRows = try figure(.valueRows).map { a throws(DataError) in try integer(row, a) } ?? 0
                    if weighted {
                        acc.weight = try sum(row, figure(.weight))
                        acc.hits = try sum(row, figure(.hits))
                        acc.valueWeight = try sum(row, figure(.valueWeight))
                    } else {
                        acc.settleUnitWeights()
                    }
                    if let a = figure(.weightedSum), let text = try cell(row, a) {
                        // Σ w·(s·x + o) = s·Σ w·x + o·Σ w over the rows with a value.
                        let valued = weighted ? acc.valueWeight.exact : Exact(acc.valueRows)
                        acc.weightedSumExtra = transform.scale * (try exact(text, a)) + transform.offset * valued
                    }
                    if let a = figure(.minimum), let text = try cell(row, a) { acc.minimum = transform.scale * (try exact(text, a)) + transform.offset }
                    if let a = figure(.maximum), let text = try cell(row, a) { acc.maximum = transform.scale * (try exact(text, a)) + transform.offset }
                    groups[r, default: [:]][try request.groupBy.map { k throws(DataError) in try key(row, k) }] = acc
                }
                if query.quantileSet[r] == set, let v = figure(.valueRows) {
                    let count = try integer(row, v)
                    guard count > 0, let c = SQLQueryBuilder.quantileColumn(request),
                          let text = try cell(row, SQLQueryBuilder.alias(c)) else { continue }
                    let value = transform.scale * (try exact(text, SQLQueryBuilder.alias(c))) + transform.offset
                    let groupKey = try request.groupBy.map { k throws(DataError) in try key(row, k) }
                    if case .column(let a, _)? = request.measure.argument, a == binding.weight {
                        // The weight column's own quantile takes every row once.
                        pairs[r, default: [:]][groupKey, default: []].append(contentsOf: repeatElement((value, .one), count: count))
                    } else {
                        let w = weighted ? (try sum(row, figure(.valueWeight))).exact : Exact(count)
                        pairs[r, default: [:]][groupKey, default: []].append((value, w))
                    }
                }
            }
        }
        var tables: [AggregateRequest: AggregateTable] = [:]
        for r in query.requests {
            let request = plan.requests[r]
            var list: [(key: [KeyValue], accumulator: Accumulator)] = []
            for (k, acc) in groups[r] ?? [:] {
                var a = acc
                a.values = pairs[r]?[k] ?? []
                list.append((k, a))
            }
            list.sort { $0.key.lexicographicallyPrecedes($1.key) }
            tables[request] = AggregateTable(groupBy: request.groupBy, groups: list)
        }
        return DatasetResult(rows: totalRows, periods: periods.sorted(), tables: tables, distinctValues: distinct)
    }

    static func truth(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "t": true
        case "false", "f": false
        default: nil
        }
    }

    /// A plain decimal `-12.50` (at most 38 digits), or nil.
    static func decimal(_ text: String) -> DecimalValue? {
        var bytes = Substring(text).utf8[...]
        var negative = false
        if bytes.first == UInt8(ascii: "-") { negative = true; bytes = bytes.dropFirst() } else if bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        var mantissa: Int128 = 0
        var scale: Int16 = 0
        var digits = 0
        var point = false
        for b in bytes {
            if b == UInt8(ascii: ".") {
                if point { return nil }
                point = true
                continue
            }
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            if digits > 0 || b != UInt8(ascii: "0") { digits += 1 }
            guard digits <= 38 else { return nil }
            mantissa = mantissa * 10 + Int128(b - UInt8(ascii: "0"))
            if point {
                guard scale < 1000 else { return nil }
                scale += 1
            }
        }
        guard !bytes.isEmpty, bytes.contains(where: { $0 != UInt8(ascii: ".") }) else { return nil }
        return DecimalValue(mantissa: negative ? -mantissa : mantissa, scale: scale)
    }
}
