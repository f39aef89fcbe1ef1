/// Builds the queries of one dataset (see ``SQLPushdown`` for what they guarantee).
struct SQLQueryBuilder {
    let plan: DatasetPlan
    let table: SQLTableName
    let dialect: any SQLDialect

    private var schema: TableSchema { plan.binding.schema }

    static func alias(_ column: Int) -> String { "c\(column)" }

    /// The column whose distinct values a quantile request groups by: the column of its
    /// argument `a·x + b`, or a Bool column.
    static func quantileColumn(_ request: AggregateRequest) -> Int? {
        guard Accumulator.Mode(request.measure) == .quantile, let argument = request.measure.argument else { return nil }
        if let f = SQLAffine.of(argument) { return f.column }
        if case .column(let c, .bool) = argument { return c }
        return nil
    }

    /// A request ready to push down: its filter and argument in SQL.
    private struct Pushed {
        var index: Int
        var request: AggregateRequest
        var mode: Accumulator.Mode
        var filter: SQLExpr?
        /// The condition (predicate mode) or the value (value, min, max, quantile modes).
        var argument: SQLExpr?
        /// The argument's kind before conversion: integer arithmetic needs widening in some dialects.
        var integerArgument: Bool
        /// For a quantile: the column whose values are grouped.
        var valueColumn: Int?
        /// The argument is `a·x + b` of the pushed column x.
        var transform = SQLValueTransform.identity
    }

    func build() -> SQLDatasetQueries {
        let translation = SQLRowTranslation(schema: schema, columnName: Self.alias)
        var pushed: [Pushed] = []
        var reasons: [Int: String] = [:]
        for (index, request) in plan.requests.enumerated() {
            do throws(SQLRowTranslation.NotPushable) {
                pushed.append(try push(index, request, translation))
            } catch {
                reasons[index] = error.reason
            }
        }
        var out = SQLDatasetQueries(dataset: plan.binding.name, table: table, dialect: dialect.kind)
        if !pushed.isEmpty { out.aggregate = aggregate(pushed) }
        if !reasons.isEmpty { out.rows = rowQuery(reasons) }
        return out
    }

    private func push(_ index: Int, _ request: AggregateRequest, _ t: SQLRowTranslation) throws(SQLRowTranslation.NotPushable) -> Pushed {
        let mode = Accumulator.Mode(request.measure)
        let filter = try request.filter.map { f throws(SQLRowTranslation.NotPushable) in try t.condition(f) }
        var p = Pushed(index: index, request: request, mode: mode, filter: filter, argument: nil, integerArgument: false)
        guard let argument = request.measure.argument else { return p }
        switch mode {
        case .rows:
            break
        case .predicate:
            p.argument = try t.condition(argument)
        case .value, .minimum, .maximum:
            if let f = SQLAffine.of(argument) {
                p.argument = .column(Self.alias(f.column))
                p.integerArgument = f.type == .integer
                p.transform = SQLValueTransform(scale: f.scale, offset: f.offset)
            } else {
                p.argument = try t.numeric(argument)
                p.integerArgument = Self.isInteger(argument)
            }
        case .quantile:
            if let f = SQLAffine.of(argument) {
                p.argument = .column(Self.alias(f.column))
                p.valueColumn = f.column
                p.transform = SQLValueTransform(scale: f.scale, offset: f.offset)
            } else if case .column(let c, .bool) = argument {
                p.argument = try t.numeric(argument)
                p.valueColumn = c
            } else {
                throw .init(reason: "a median or percentile of row arithmetic")
            }
        }
        return p
    }

    /// Whether a value is whole numbers in the table's types (an integer column, a Bool as 0/1).
    private static func isInteger(_ e: RowExpr) -> Bool {
        switch e {
        case .column(_, let t): t == .integer || t == .bool
        case .literal(.number(let x)): x.isInteger
        case .compare, .and, .or, .not, .member, .truth: true
        default: false
        }
    }

    private var weightIsInteger: Bool {
        plan.binding.weight.map { schema.columns[$0].type == .integer } ?? false
    }

    // MARK: The aggregate query

    private func aggregate(_ pushed: [Pushed]) -> SQLAggregateQuery {
        var sets: [[Int]] = []
        // Sets are compared as sets: (a, b) and (b, a) group alike and would repeat every group.
        func setIndex(_ s: [Int]) -> Int {
            if let i = sets.firstIndex(where: { Set($0) == Set(s) }) { return i }
            sets.append(s)
            return sets.count - 1
        }
        var requestSet: [Int: Int] = [:]
        var quantileSet: [Int: Int] = [:]
        var transforms: [Int: SQLValueTransform] = [:]
        for p in pushed {
            if p.transform != .identity { transforms[p.index] = p.transform }
            requestSet[p.index] = setIndex(p.request.groupBy)
            if let v = p.valueColumn {
                quantileSet[p.index] = setIndex(p.request.groupBy.contains(v) ? p.request.groupBy : p.request.groupBy + [v])
            }
        }
        var keys: [Int] = []
        for s in sets { for k in s where !keys.contains(k) { keys.append(k) } }

        // The derived table: every column read, once, renamed by schema index.
        var read = Set(keys)
        if let w = plan.binding.weight { read.insert(w) }
        for p in pushed {
            if let f = p.request.filter { read.formUnion(f.columns) }
            if let a = p.request.measure.argument { read.formUnion(a.columns) }
        }
        let source = derivedTable(read.sorted())

        var items: [SQLSelectItem] = []
        var aliasOf: [SQLExpr: String] = [:]
        func item(_ e: SQLExpr, _ alias: String) -> String {
            if let existing = aliasOf[e] { return existing }
            aliasOf[e] = alias
            items.append(SQLSelectItem(e, as: alias))
            return alias
        }
        for k in keys { _ = item(.column(Self.alias(k)), Self.alias(k)) }
        let flags = sets.count > 1
        if flags {
            for k in keys { items.append(SQLSelectItem(.grouping(.column(Self.alias(k))), as: "g\(k)")) }
        }
        let rowCount = item(.countAll, "n")
        var badWeight: String?
        let weight: SQLExpr? = plan.binding.weight.map { .column(Self.alias($0)) }
        if let weight {
            badWeight = item(count(.or(.isNull(weight), .compare(.less, weight, .number("0")))), "bad_weight")
        }
        var figures: [SQLFigureRef: String] = [:]
        for p in pushed {
            for (figure, e) in self.figures(p, weight: weight) {
                figures[SQLFigureRef(request: p.index, figure: figure)] = item(e, "r\(p.index)_\(figure.rawValue)")
            }
        }
        let keyExprs: [[SQLExpr]] = sets.map { $0.map { .column(Self.alias($0)) } }
        let grouping: SQLGrouping? = sets.count > 1 ? .sets(keyExprs) : (keyExprs.first?.isEmpty ?? true ? nil : .columns(keyExprs[0]))
        let select = SQLSelect(items: items, from: .subquery(source, alias: "t"), grouping: grouping)
        return SQLAggregateQuery(select: select, requests: pushed.map(\.index), groupingSets: sets, keyColumns: keys,
                                 groupingFlags: flags, requestSet: requestSet, quantileSet: quantileSet, figures: figures,
                                 transforms: transforms, rowCountAlias: rowCount, badWeightAlias: badWeight)
    }

    /// `SELECT <column> AS c<i>, … FROM <table>`, an empty text read as missing.
    private func derivedTable(_ columns: [Int]) -> SQLSelect {
        let items = columns.map { c -> SQLSelectItem in
            let column = schema.columns[c]
            let e: SQLExpr = column.type == .text || column.type == .period ? .nullIfEmpty(.column(column.name)) : .column(column.name)
            return SQLSelectItem(e, as: Self.alias(c))
        }
        return SQLSelect(items: items, from: .table(table.parts))
    }

    private func count(_ condition: SQLExpr) -> SQLExpr {
        .aggregate(.count, .caseWhen([SQLWhen(condition, .number("1"))], else: nil))
    }

    private func sum(_ condition: SQLExpr?, _ value: SQLExpr) -> SQLExpr {
        guard let condition else { return .aggregate(.sum, value) }
        return .aggregate(.sum, .caseWhen([SQLWhen(condition, value)], else: nil))
    }

    /// The figures a request's accumulator needs, in a fixed order.
    private func figures(_ p: Pushed, weight: SQLExpr?) -> [(SQLFigure, SQLExpr)] {
        func scoped(_ c: SQLExpr) -> SQLExpr { p.filter.map { .and($0, c) } ?? c }
        let w = weight.map { weightIsInteger ? dialect.exactInteger($0) : $0 }
        var out: [(SQLFigure, SQLExpr)] = []
        out.append((.rows, p.filter.map(count) ?? .countAll))
        if let w { out.append((.weight, sum(p.filter, w))) }
        guard let argument = p.argument else { return out }
        switch p.mode {
        case .rows:
            break
        case .predicate:
            out.append((.knownRows, count(scoped(.isNotNull(argument)))))
            out.append((.hitRows, count(scoped(argument))))
            if let w { out.append((.hits, sum(scoped(argument), w))) }
        case .value, .minimum, .maximum, .quantile:
            let inScope: SQLExpr = p.filter.map { .caseWhen([SQLWhen($0, argument)], else: nil) } ?? argument
            out.append((.valueRows, .aggregate(.count, inScope)))
            if let w { out.append((.valueWeight, sum(scoped(.isNotNull(argument)), w))) }
            switch p.mode {
            case .value:
                let x = p.integerArgument ? dialect.exactInteger(argument) : argument
                out.append((.weightedSum, sum(p.filter, w.map { .multiply(x, $0) } ?? x)))
            case .minimum:
                // With a negative factor the smallest a·x + b comes from the largest x.
                out.append((.minimum, .aggregate(p.transform.scale < .zero ? .max : .min, inScope)))
            case .maximum:
                out.append((.maximum, .aggregate(p.transform.scale < .zero ? .min : .max, inScope)))
            case .quantile, .rows, .predicate:
                break
            }
        }
        return out
    }

    // MARK: The row query

    private func rowQuery(_ reasons: [Int: String]) -> SQLRowQuery {
        var read = Set<Int>()
        if let w = plan.binding.weight { read.insert(w) }
        if let t = plan.binding.time { read.insert(t) }
        for i in reasons.keys {
            let r = plan.requests[i]
            read.formUnion(r.groupBy)
            if let f = r.filter { read.formUnion(f.columns) }
            if let a = r.measure.argument { read.formUnion(a.columns) }
        }
        let columns = read.sorted()
        return SQLRowQuery(select: derivedTable(columns), requests: reasons.keys.sorted(), columns: columns, reasons: reasons)
    }
}
