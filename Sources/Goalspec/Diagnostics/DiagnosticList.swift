/// How many diagnostics of each severity a run reported, and how many of them the display cap
/// left out. Every report format states these counts; a warning left out is still a warning.
public struct DiagnosticCounts: Sendable, Equatable {
    /// Every error, warning and note, shown or not.
    public var errors = 0, warnings = 0, notes = 0
    /// Those left out by the cap.
    public var omittedErrors = 0, omittedWarnings = 0, omittedNotes = 0

    public init() {}

    /// The diagnostics left out, of every severity.
    public var omitted: Int { omittedErrors + omittedWarnings + omittedNotes }

    /// Counts `diagnostics`, of which `omitted` were left out.
    init(shown: [Diagnostic], omitted: [Diagnostic]) {
        for d in shown { add(d.severity, omitted: false) }
        for d in omitted { add(d.severity, omitted: true) }
    }

    private mutating func add(_ severity: Severity, omitted: Bool) {
        switch severity {
        case .error: errors += 1; if omitted { omittedErrors += 1 }
        case .warning: warnings += 1; if omitted { omittedWarnings += 1 }
        case .note: notes += 1; if omitted { omittedNotes += 1 }
        }
    }
}

/// Collects the diagnostics of a phase, then sorts, drops repeats on a line, and caps them.
///
/// Phases append freely; `finish` is called once when the run is over.
public struct DiagnosticList: Sendable {
    /// The most diagnostics shown in one run; errors are shown before warnings and notes, and
    /// the rest are counted ("10 more warnings not shown").
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
        let (shown, counts) = finishCounted(sources: sources, limit: limit)
        return (shown, counts.omitted)
    }

    /// As `finish`, with the counts of each severity: of more than `limit` diagnostics, the errors
    /// are kept first (up to `limit`), then warnings and notes in order; the kept ones stay sorted.
    public func finishCounted(sources: SourceSet, limit: Int = DiagnosticList.defaultLimit) -> (diagnostics: [Diagnostic], counts: DiagnosticCounts) {
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
        // A set, so that thousands of warnings (5,000 unused defines) do not take quadratic time.
        var seen: Set<Diagnostic> = []
        for (i, d) in sorted.enumerated() {
            if let key = lineKey(d), rootCause[key] != i { continue }
            guard seen.insert(d).inserted else { continue }
            kept.append(d)
        }
        guard kept.count > limit else { return (kept, DiagnosticCounts(shown: kept, omitted: [])) }
        var room = max(0, limit)
        var show = [Bool](repeating: false, count: kept.count)
        for severity in [Severity.error, .warning, .note] {
            for (i, d) in kept.enumerated() where room > 0 && d.severity == severity {
                show[i] = true
                room -= 1
            }
        }
        let shown = kept.indices.filter { show[$0] }.map { kept[$0] }
        let omitted = kept.indices.filter { !show[$0] }.map { kept[$0] }
        return (shown, DiagnosticCounts(shown: shown, omitted: omitted))
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
