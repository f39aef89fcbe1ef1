/// The parts of a run that keep untrusted specs and data in bounds: the budget's diagnostics
/// and confined mode's redaction of data values (docs/security.md).
extension Session {
    /// The diagnostic of a budget limit exceeded while reading a dataset, at its declaration.
    static func budgetDiagnostic(_ limit: EvaluationBudget.Limit, _ error: DataError, at range: SourceRange) -> Diagnostic {
        switch limit {
        case .time:
            return Diagnostic(.timeLimitExceeded, at: .source(range), error.message,
                              hint: "raise it with --time-limit, or check fewer specs at a time")
        case .rows:
            return Diagnostic(.rowLimitExceeded, at: .source(range), error.message + " (\(error.path))",
                              hint: "raise it with --max-rows")
        case .groups:
            return Diagnostic(.groupLimitExceeded, at: .source(range), error.message + " (\(error.path))",
                              hint: "a 'by' or 'for' on a column with a value per row makes a group per row; raise the cap with --max-groups")
        case .keptValueBytes:
            return Diagnostic(.memoryLimitExceeded, at: .source(range), error.message + " (\(error.path))",
                              hint: "median and percentile keep every value; raise the limit with --memory-limit")
        }
    }

    /// A data error's diagnostic without the data it would quote: confined mode shows where a
    /// problem is (file, line, column) but not the line's text or the offending value.
    static func redacted(_ d: Diagnostic, _ error: DataError) -> Diagnostic {
        var d = d
        if case .dataFile(let path, let line, let column, _) = d.location {
            d.location = .dataFile(path: path, line: line, column: column, lineText: nil)
        }
        switch error.kind {
        case .notANumber(let column, _):
            d.message = "a value in column '\(column)' is not a number"
            d.hint = PathConfinement.valuesHint
        case .invalidValue(let column, _, let expected):
            d.message = "a value in column '\(column)' is not \(expected == .period ? "a period" : "of the column's type")"
            d.hint = PathConfinement.valuesHint
        case .excelError(let column, _):
            d.message = "a cell in column '\(column)' holds an Excel error value"
            d.hint = PathConfinement.valuesHint
        case .textAfterQuote:
            d.message = "text after a closing quote"
            d.hint = PathConfinement.valuesHint
        case .fileNotFound, .unreadable, .emptyFile, .unsupportedFormat, .unsupportedEncoding, .invalidUTF8, .unterminatedQuote,
             .loneCarriageReturn, .raggedRow, .rowTooLong, .duplicateColumn, .emptyColumnName, .invalidJSON, .nestedJSONValue, .columnOutOfRange,
             .schemaMismatch, .invalidWorkbook, .sheetNotFound, .budgetExceeded:
            break
        }
        return d
    }
}

extension PathConfinement {
    /// The hint of GS0601.
    static let hint = "confined mode (--root) reads only files inside its roots"
    /// A checker diagnostic without the data values it quotes from a file's sample: GS0307's
    /// list and did-you-mean of the column's values, GS0508's example number.
    static func withoutDataValues(_ d: Diagnostic) -> Diagnostic {
        var d = d
        switch d.code {
        case .unknownValue:
            d.hint = noValuesHint
        case .ambiguousNumbers:
            d.message = d.message.replacing(#/ such as '[^']*' that read as .*, and nothing/#,
                                            with: " that read two ways (decimal point or decimal comma), and nothing")
            d.hint = d.hint?.replacing(#/ \([^()]* is [^()]*\)/#, with: "")
        default:
            break
        }
        return d
    }

    /// The hint of GS0307 in confined mode, which neither lists nor suggests data values.
    static let noValuesHint = "check the value's spelling; confined mode (--root) does not list or suggest the data's values"
    /// The hint of a data error whose value confined mode does not quote.
    static let valuesHint = "confined mode (--root) does not quote data values; open the file at this line to see it"
}
