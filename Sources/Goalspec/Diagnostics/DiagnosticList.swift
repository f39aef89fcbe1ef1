/// Collects the diagnostics of a phase, then sorts, drops repeats on a line, and caps them.
///
/// Phases append freely; `finish` is called once when the run is over.
public struct DiagnosticList: Sendable {
    /// The most errors reported in one run; more become a single "N more errors" note.
    public static let defaultLimit = 50

    private var items: [Diagnostic] = []

    /// Creates an empty list.
    public init() {}

    /// Adds one diagnostic.
    public mutating func append(_ diagnostic: Diagnostic) { items.append(diagnostic) }

    /// Adds several diagnostics.
    public mutating func append(contentsOf diagnostics: [Diagnostic]) { items.append(contentsOf: diagnostics) }

    /// Whether any error (not warning) was added.
    public var hasErrors: Bool { items.contains { $0.severity == .error } }

    /// The diagnostics added so far, unsorted.
    public var all: [Diagnostic] { items }

    /// Sorted by file and position; of several errors on one spec line only the root cause is kept
    /// (the earliest phase: a lexical error before a syntax error before a type error, then the
    /// leftmost); at most `limit` kept.
    public func finish(sources: SourceSet, limit: Int = DiagnosticList.defaultLimit) -> (diagnostics: [Diagnostic], omitted: Int) {
        let sorted = items.enumerated().sorted { a, b in
            let ka = Self.key(a.element), kb = Self.key(b.element)
            if ka != kb { return ka < kb }
            return a.offset < b.offset
        }.map(\.element)
        func lineKey(_ d: Diagnostic) -> String? {
            guard d.severity == .error, case .source(let r) = d.location, let file = sources.file(r.file) else { return nil }
            return "\(r.file):\(file.line(of: r.lowerBound))"
        }
        // The root cause of each line: the lowest code (earliest phase), then the leftmost.
        var rootCause: [String: Int] = [:]
        for (i, d) in sorted.enumerated() {
            guard let key = lineKey(d) else { continue }
            if let j = rootCause[key], sorted[j].code.rawValue <= d.code.rawValue { continue }
            rootCause[key] = i
        }
        var kept: [Diagnostic] = []
        for (i, d) in sorted.enumerated() {
            if let key = lineKey(d), rootCause[key] != i { continue }
            if kept.contains(d) { continue }
            kept.append(d)
        }
        if kept.count > limit {
            return (Array(kept.prefix(limit)), kept.count - limit)
        }
        return (kept, 0)
    }

    private static func key(_ d: Diagnostic) -> String {
        func pad(_ n: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, 12 - s.count)) + s
        }
        switch d.location {
        case .source(let r): return "0 \(pad(r.file)) \(pad(r.lowerBound)) \(d.code.rawValue)"
        case .file(let path): return "1 \(path) \(d.code.rawValue)"
        case .dataFile(let path, let line, let column, _): return "1 \(path) \(pad(line)) \(pad(column)) \(d.code.rawValue)"
        }
    }
}
