/// A row-level expression compiled against the columns a scan requests: column indices become
/// field slots and literals become the forms rows are compared with (bytes, decimals).
indirect enum RowProgram: Sendable {
    case field(slot: Int, column: String, type: ColumnType, format: NumberFormat)
    case literal(RowValue)
    /// A text field compared with literal bytes, without decoding it.
    case textEquals(slot: Int, [UInt8], negated: Bool)
    case textMember(slot: Int, [[UInt8]])
    case compare(BinaryOperator, RowProgram, RowProgram)
    case arithmetic(BinaryOperator, RowProgram, RowProgram)
    case negate(RowProgram)
    case and(RowProgram, RowProgram)
    case or(RowProgram, RowProgram)
    case not(RowProgram)
    case member(RowProgram, [RowValue])
    case truth(RowProgram)

    /// Compiles `expr`; `slot` maps a schema column index to its position among the scanned columns.
    static func compile(_ expr: RowExpr, schema: TableSchema, slot: [Int: Int]) -> RowProgram {
        func sub(_ e: RowExpr) -> RowProgram { compile(e, schema: schema, slot: slot) }
        switch expr {
        case .column(let index, let type):
            return .field(slot: slot[index] ?? 0, column: schema.columns[index].name, type: type,
                          format: schema.columns[index].numberFormat)
        case .literal(let v):
            return .literal(RowValue(v))
        case .compare(let op, .column(let index, .text), .literal(.text(let s))) where op == .equal || op == .notEqual:
            return .textEquals(slot: slot[index] ?? 0, Array(s.utf8), negated: op == .notEqual)
        case .compare(let op, .literal(.text(let s)), .column(let index, .text)) where op == .equal || op == .notEqual:
            return .textEquals(slot: slot[index] ?? 0, Array(s.utf8), negated: op == .notEqual)
        case .compare(let op, let a, let b):
            return .compare(op, sub(a), sub(b))
        case .arithmetic(let op, let a, let b):
            return .arithmetic(op, sub(a), sub(b))
        case .negate(let a): return .negate(sub(a))
        case .and(let a, let b): return .and(sub(a), sub(b))
        case .or(let a, let b): return .or(sub(a), sub(b))
        case .not(let a): return .not(sub(a))
        case .truth(let a): return .truth(sub(a))
        case .member(.column(let index, let type), let values)
            where type == .text || (type == .integer && !values.contains { if case .number = $0 { true } else { false } }):
            // Text, or group members (names) of an integer column: compared as written. Number
            // literals on an integer column compare as numbers (`code in [1]` holds for `01`).
            let texts = values.compactMap { v -> [UInt8]? in
                if case .text(let s) = v { return Array(s.utf8) }
                if case .number(let x) = v { return Array(x.description.utf8) }
                return nil
            }
            return .textMember(slot: slot[index] ?? 0, texts)
        case .member(let a, let values):
            return .member(sub(a), values.map(RowValue.init))
        }
    }

    /// Evaluates the program on one row.
    func evaluate(_ row: borrowing RawRow) throws(DataError) -> RowValue {
        switch self {
        case .field(let slot, let column, let type, let format):
            return try RowValue.read(row, slot: slot, column: column, type: type, format: format)
        case .literal(let v):
            return v
        case .textEquals(let slot, let bytes, let negated):
            let field = row.field(slot)
            if field.isEmpty { return .missing }
            return .bool(Self.equal(field, bytes) != negated)
        case .textMember(let slot, let options):
            let field = row.field(slot)
            if field.isEmpty { return .missing }
            for o in options where Self.equal(field, o) { return .bool(true) }
            return .bool(false)
        case .compare(let op, let a, let b):
            let x = try a.evaluate(row)
            let y = try b.evaluate(row)
            return RowValue.compare(op, x, y)
        case .arithmetic(let op, let a, let b):
            let x = try a.evaluate(row)
            let y = try b.evaluate(row)
            return RowValue.arithmetic(op, x, y)
        case .negate(let a):
            guard let x = try a.evaluate(row).exact else { return .missing }
            return .exact(-x)
        case .and(let a, let b):
            // Both sides are read (a bad value is an error whatever the other side holds), then
            // combined in three-valued logic, as in SQL: false wins over missing, missing over true.
            let x = try a.evaluate(row)
            let y = try b.evaluate(row)
            if x.isFalse || y.isFalse { return .bool(false) }
            return x.isTrue && y.isTrue ? .bool(true) : .missing
        case .or(let a, let b):
            // True wins over missing, missing over false.
            let x = try a.evaluate(row)
            let y = try b.evaluate(row)
            if x.isTrue || y.isTrue { return .bool(true) }
            return x.isFalse && y.isFalse ? .bool(false) : .missing
        case .not(let a):
            let v = try a.evaluate(row)
            if case .missing = v { return .missing }
            return .bool(!v.isTrue)
        case .truth(let a):
            let v = try a.evaluate(row)
            if case .missing = v { return .missing }
            return .bool(v.isTrue)
        case .member(let a, let options):
            let v = try a.evaluate(row)
            if case .missing = v { return .missing }
            for o in options where RowValue.compare(.equal, v, o).isTrue { return .bool(true) }
            return .bool(false)
        }
    }

    static func equal(_ field: UnsafeRawBufferPointer, _ bytes: [UInt8]) -> Bool {
        guard field.count == bytes.count else { return false }
        var i = 0
        while i < bytes.count {
            if field[i] != bytes[i] { return false }
            i += 1
        }
        return true
    }
}

/// One value while evaluating a row.
enum RowValue: Sendable {
    case missing
    case bool(Bool)
    case number(DecimalValue)
    case exact(Exact)
    case text([UInt8])
    case period(Period)

    init(_ literal: LiteralValue) {
        switch literal {
        case .number(let x): self = .exact(x)
        case .text(let s): self = .text(Array(s.utf8))
        case .bool(let b): self = .bool(b)
        case .period(let p): self = .period(p)
        }
    }

    /// Whether the value is a true condition (missing is not).
    var isTrue: Bool {
        if case .bool(true) = self { return true }
        return false
    }

    /// Whether the value is a false condition (missing is not).
    var isFalse: Bool {
        if case .bool(false) = self { return true }
        return false
    }

    /// The value as an exact number, when it is one (a Bool counts as 0 or 1).
    var exact: Exact? {
        switch self {
        case .number(let d): Exact(mantissa: d.mantissa, scale: Int(d.scale))
        case .exact(let x): x
        case .bool(let b): b ? .one : .zero
        case .missing, .text, .period: nil
        }
    }

    /// Reads a field as a value of the column's type; an empty field is missing, and so is a
    /// field of only spaces in a column that is not text.
    static func read(_ row: borrowing RawRow, slot: Int, column: String, type: ColumnType, format: NumberFormat) throws(DataError) -> RowValue {
        let field = row.field(slot)
        if field.isEmpty || (type != .text && FieldDecoding.isBlank(field)) { return .missing }
        switch type {
        case .text:
            return .text(Array(field))
        case .bool:
            if let b = FieldDecoding.bool(field) { return .bool(b) }
            throw row.error(field: slot, .invalidValue(column: column, text: String(decoding: field, as: UTF8.self), expected: .bool),
                            message: "'\(String(decoding: field, as: UTF8.self))' in column '\(column)' is not a true/false value (0/1, true/false, ja/nej or sand/falsk)",
                            hint: "the column was read as true/false values from its first rows")
        case .integer, .decimal:
            if let d = FieldDecoding.decimal(field, format: format) { return .number(d) }
            throw row.numberError(field: slot, column: column, format: format)
        case .percent:
            if let d = FieldDecoding.percent(field, format: format) { return .number(d) }
            throw row.error(field: slot, .notANumber(column: column, text: String(decoding: field, as: UTF8.self)),
                            message: "'\(String(decoding: field, as: UTF8.self))' in column '\(column)' is not a percentage",
                            hint: "the column was read as percentages such as 86,2 % from its first rows")
        case .period:
            if let p = FieldDecoding.period(field) { return .period(p) }
            throw row.error(field: slot, .invalidValue(column: column, text: String(decoding: field, as: UTF8.self), expected: .period),
                            message: "'\(String(decoding: field, as: UTF8.self))' in column '\(column)' is not a period",
                            hint: "periods are written \(Period.dataSpellings)")
        }
    }

    static func compare(_ op: BinaryOperator, _ x: RowValue, _ y: RowValue) -> RowValue {
        let order: Int?
        switch (x, y) {
        case (.missing, _), (_, .missing): return .missing
        case (.number(let a), .number(let b)): order = a < b ? -1 : (a == b ? 0 : 1)
        case (.text(let a), .text(let b)): order = a == b ? 0 : (a.lexicographicallyPrecedes(b) ? -1 : 1)
        case (.period(var a), .period(var b)):
            // Periods of different granularity compare at the coarser one: 2024K3 == 2024, 2024M07 >= 2024K3.
            if a.granularity > b.granularity, let t = a.truncated(to: b.granularity) { a = t }
            if b.granularity > a.granularity, let t = b.truncated(to: a.granularity) { b = t }
            order = a < b ? -1 : (a == b ? 0 : 1)
        case (.bool(let a), .bool(let b)): order = a == b ? 0 : (a ? 1 : -1)
        default:
            if let a = x.exact, let b = y.exact { order = a < b ? -1 : (a == b ? 0 : 1) } else { order = nil }
        }
        guard let order else { return .bool(op == .notEqual) }
        switch op {
        case .equal: return .bool(order == 0)
        case .notEqual: return .bool(order != 0)
        case .less: return .bool(order < 0)
        case .lessEqual: return .bool(order <= 0)
        case .greater: return .bool(order > 0)
        case .greaterEqual: return .bool(order >= 0)
        default: return .missing
        }
    }

    static func arithmetic(_ op: BinaryOperator, _ x: RowValue, _ y: RowValue) -> RowValue {
        guard let a = x.exact, let b = y.exact else { return .missing }
        switch op {
        case .add: return .exact(a + b)
        case .subtract: return .exact(a - b)
        case .multiply: return .exact(a * b)
        case .divide: return a.divided(by: b).map { .exact($0) } ?? .missing
        default: return .missing
        }
    }
}
