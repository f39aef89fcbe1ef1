import Foundation
import Goalspec

/// The options of confined mode and the budget, shared by `check`, `lint`, `sql` and (`--root`
/// only) `fmt`: `--root DIR`, `--time-limit`, `--max-rows`, `--max-groups`, `--memory-limit`.
enum LimitOptions {
    /// The budget options, each taking a value.
    static let budgetOptions: [String: Bool] = ["--time-limit": false, "--max-rows": false, "--max-groups": false,
                                                "--memory-limit": false]
    /// `--root` repeats.
    static let rootOption: [String: Bool] = ["--root": true]

    /// The confinement `--root` asks for, or nil without it; a root that is not a folder is a usage error.
    static func confinement(_ parsed: ParsedArguments) throws(UsageError) -> PathConfinement? {
        guard let roots = parsed.values["--root"], !roots.isEmpty else { return nil }
        let confinement = PathConfinement(roots: roots)
        if let bad = confinement.unresolved.first {
            throw UsageError(message: "--root '\(bad)' is not a folder", hint: "give an existing folder to confine the run to")
        }
        return confinement
    }

    /// The budget the options give, over the defaults.
    static func budget(_ parsed: ParsedArguments) throws(UsageError) -> EvaluationBudget {
        var budget = EvaluationBudget()
        if let text = parsed.value("--time-limit") {
            guard let d = duration(text), d > .zero else {
                throw UsageError(message: "--time-limit '\(text)' is not a duration", hint: "write seconds, or a number with ms, s or m: 30s, 500ms, 2m")
            }
            budget.timeLimit = d
        }
        if let text = parsed.value("--max-rows") {
            budget.maxRows = try count(text, option: "--max-rows")
        }
        if let text = parsed.value("--max-groups") {
            budget.maxGroups = try count(text, option: "--max-groups")
        }
        if let text = parsed.value("--memory-limit") {
            guard let bytes = size(text), bytes > 0 else {
                throw UsageError(message: "--memory-limit '\(text)' is not a size", hint: "write bytes, or a number with K, M or G: 256M, 2G")
            }
            budget.maxKeptValueBytes = bytes
        }
        return budget
    }

    static func count(_ text: String, option: String) throws(UsageError) -> Int {
        guard let n = Int(text.replacingOccurrences(of: "_", with: "")), n > 0 else {
            throw UsageError(message: "\(option) '\(text)' is not a positive whole number")
        }
        return n
    }

    /// `30`, `30s`, `500ms`, `2m` as a duration; nil otherwise.
    static func duration(_ text: String) -> Duration? {
        let units: [(String, Int)] = [("ms", 1), ("s", 1000), ("m", 60_000)]
        for (suffix, ms) in units where text.hasSuffix(suffix) {
            guard let n = Int(text.dropLast(suffix.count)), n >= 0, n <= Int(Int32.max) else { return nil }
            return .milliseconds(n * ms)
        }
        guard let n = Int(text), n >= 0, n <= Int(Int32.max) else { return nil }
        return .seconds(n)
    }

    /// `1048576`, `512K`, `256M`, `2G` (powers of 1024) as bytes; nil otherwise.
    static func size(_ text: String) -> Int? {
        let units: [(String, Int)] = [("K", 10), ("M", 20), ("G", 30)]
        let upper = text.uppercased().replacingOccurrences(of: "IB", with: "").replacingOccurrences(of: "B", with: "")
        for (suffix, shift) in units where upper.hasSuffix(suffix) {
            guard let n = Int(upper.dropLast()), n >= 0, n <= (Int.max >> shift) else { return nil }
            return n << shift
        }
        return Int(upper)
    }
}
