/// The messages of the budget diagnostics (GS0602–GS0605): diagnostics stay English and live
/// with the other diagnostic wording, not in the evaluator.
extension ScanBudget {
    /// "30 s", or "250 ms" below whole seconds.
    static func describe(_ d: Duration) -> String {
        let (seconds, attoseconds) = d.components
        let ms = seconds.multipliedReportingOverflow(by: 1000).partialValue &+ attoseconds / 1_000_000_000_000_000
        return ms % 1000 == 0 ? "\(ms / 1000) s" : "\(ms) ms"
    }

    /// "512 MiB", "64 KiB", or bytes.
    static func describe(bytes n: Int) -> String {
        if n >= 1 << 20 && n % (1 << 20) == 0 { return "\(n >> 20) MiB" }
        if n >= 1 << 10 && n % (1 << 10) == 0 { return "\(n >> 10) KiB" }
        return "\(n) bytes"
    }

    static func exceeded(_ limit: EvaluationBudget.Limit, path: String) -> DataError {
        let message: String
        switch limit {
        case .time(let d): message = "the run took longer than its time limit of \(Self.describe(d))"
        case .rows(let n): message = "the dataset has more than \(n) rows, the row limit"
        case .groups(let n): message = "the dataset's measures form more than \(n) groups, the group limit"
        case .keptValueBytes(let n):
            message = "median and percentile would keep more than \(describe(bytes: n)) of values, the memory limit"
        }
        return DataError(kind: .budgetExceeded(limit), path: path, message: message)
    }
}
