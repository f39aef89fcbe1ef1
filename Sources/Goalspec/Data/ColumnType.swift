/// The type of a data column, inferred from a sample of its values.
///
/// Inference ignores empty values (missing) and picks the first rule that every other sampled
/// value satisfies:
///
/// 1. `bool`: `0`/`1`, `true`/`false`, `ja`/`nej` and `sand`/`falsk` (in the spellings
///    ``FieldDecoding/bool(_:)`` accepts);
/// 2. `integer`: whole numbers that fit `Int64`;
/// 3. `decimal`: whole or decimal numbers, in the column's ``NumberFormat`` (decimal mark and
///    thousands grouping, decided by ``NumberEvidence``);
/// 4. `percent`: numbers followed by `%` (`86,2 %`);
/// 5. `period`: periods (`2024K3`, `2024M07`, `2024-07-01`, `2024`), at least one of which is
///    not a bare year;
/// 6. `text`: anything else, and columns with no non-empty value in the sample.
///
/// So a column holding only `2024`, `2023` is `integer`, and a column of only `0`/`1` is `bool`.
/// The caller overrides a type once it knows better (the spec's `time` column, a declared
/// schema) with `TableSchema.withType(_:forColumn:)`.
public enum ColumnType: String, Sendable, Hashable, CaseIterable {
    /// `0`/`1`, `true`/`false`, `ja`/`nej`, `sand`/`falsk`.
    case bool
    /// Whole numbers.
    case integer
    /// Exact decimal numbers.
    case decimal
    /// Percentages, read as fractions (`86,2 %` is 0.862).
    case percent
    /// Calendar periods.
    case period
    /// Anything else.
    case text
}

/// Running evidence about one column's values, fed one field at a time during sampling.
struct ColumnTypeEvidence: Sendable {
    private(set) var nonEmpty = 0
    private var allBool = true
    private var allInteger = true
    private var allPeriod = true
    private var somePeriodNotYear = false
    /// How the column's numbers are written (see ``NumberEvidence``).
    private(set) var numbers = NumberEvidence()

    /// Records one field's bytes.
    mutating func observe(_ field: UnsafeRawBufferPointer) {
        let (lo, hi) = FieldDecoding.trimmed(field)
        if lo == hi { return }  // blank counts as missing
        nonEmpty += 1
        if allBool && FieldDecoding.bool(field) == nil { allBool = false }
        if allInteger && FieldDecoding.integer(field) == nil { allInteger = false }
        numbers.observe(field)
        if allPeriod {
            if let period = FieldDecoding.period(field) {
                if period.granularity != .year { somePeriodNotYear = true }
            } else {
                allPeriod = false
            }
        }
    }

    /// The inferred type (see ``ColumnType``), given how the file's numbers read.
    func inferred(_ reading: NumberReading) -> ColumnType {
        if nonEmpty == 0 { return .text }
        if allBool { return .bool }
        if allInteger { return .integer }
        switch reading {
        case .format, .ambiguous:
            if numbers.percentFields == 0 { return .decimal }
            if numbers.percentFields == numbers.fields { return .percent }
        case .notNumeric:
            break
        }
        if allPeriod && somePeriodNotYear { return .period }
        return .text
    }
}
