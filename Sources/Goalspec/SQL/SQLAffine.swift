/// A row value `a·x + b` of one number column x, with exact literals a ≠ 0 and b: a column in
/// a unit (`forbrug` in `mio. kr` is `forbrug × 1000000`), negated, or shifted.
///
/// The query aggregates x itself and Swift applies a and b to the figures exactly:
/// Σ w·(a·x + b) = a·Σ w·x + b·Σ w (over rows with a value), min is a·min x + b (a·max x + b
/// when a < 0), a quantile's values are a·v + b. So no engine ever multiplies by the factor, and
/// a comparison `a·x + b > c` is pushed down as `x > (c − b)/a` (the order reversed when a < 0),
/// when that bound is a terminating decimal.
struct SQLAffine: Sendable, Hashable {
    /// The column x.
    var column: Int
    var type: ColumnType
    var scale: Exact
    var offset: Exact

    /// Whether the value is the column itself.
    var isIdentity: Bool { scale == .one && offset == .zero }

    /// The form of `e`, or nil when it is not `a·x + b` of one number column.
    static func of(_ e: RowExpr) -> SQLAffine? {
        switch e {
        case .column(let c, let t) where t == .integer || t == .decimal || t == .percent:
            return SQLAffine(column: c, type: t, scale: .one, offset: .zero)
        case .negate(let inner):
            return of(inner).map { SQLAffine(column: $0.column, type: $0.type, scale: -$0.scale, offset: -$0.offset) }
        case .arithmetic(let op, let a, let b):
            switch (op, a, b) {
            case (.multiply, _, .literal(.number(let k))), (.multiply, .literal(.number(let k)), _):
                let inner: RowExpr
                if case .literal(.number) = b { inner = a } else { inner = b }
                guard k != .zero, let f = of(inner) else { return nil }
                return SQLAffine(column: f.column, type: f.type, scale: f.scale * k, offset: f.offset * k)
            case (.divide, _, .literal(.number(let k))):
                guard let f = of(a), let s = f.scale.divided(by: k), let o = f.offset.divided(by: k) else { return nil }
                return SQLAffine(column: f.column, type: f.type, scale: s, offset: o)
            case (.add, _, .literal(.number(let k))), (.add, .literal(.number(let k)), _):
                let inner: RowExpr
                if case .literal(.number) = b { inner = a } else { inner = b }
                guard let f = of(inner) else { return nil }
                return SQLAffine(column: f.column, type: f.type, scale: f.scale, offset: f.offset + k)
            case (.subtract, _, .literal(.number(let k))):
                guard let f = of(a) else { return nil }
                return SQLAffine(column: f.column, type: f.type, scale: f.scale, offset: f.offset - k)
            case (.subtract, .literal(.number(let k)), _):
                guard let f = of(b) else { return nil }
                return SQLAffine(column: f.column, type: f.type, scale: -f.scale, offset: k - f.offset)
            default:
                return nil
            }
        default:
            return nil
        }
    }

    /// The value for an aggregated x.
    func apply(_ x: Exact) -> Exact { scale * x + offset }
}

/// How Swift turns a pushed figure of x into the figure of the measure's argument `a·x + b`.
public struct SQLValueTransform: Sendable, Hashable {
    public var scale: Exact
    public var offset: Exact
    public static let identity = SQLValueTransform(scale: .one, offset: .zero)
}
