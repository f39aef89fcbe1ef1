/// How serious a diagnostic is.
public enum Severity: String, Sendable, Hashable, Comparable, Codable {
    case note, warning, error

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// Where a diagnostic points: a span of a spec file, a spot in a data file, or nowhere in particular.
public enum DiagnosticLocation: Sendable, Hashable {
    /// A range in one of the spec files of the run.
    case source(SourceRange)
    /// A line and character column (1-based; 0 when unknown) in a data file, with the line's text when known.
    case dataFile(path: String, line: Int, column: Int, lineText: String?)
    /// A whole file (for example one that could not be opened).
    case file(path: String)
}

/// A secondary message attached to a diagnostic, optionally pointing somewhere else ("group 6byer declared here").
public struct DiagnosticNote: Sendable, Hashable {
    /// The note's text.
    public var message: String
    /// Where the note points, if anywhere.
    public var location: DiagnosticLocation?

    /// Creates a note.
    public init(_ message: String, at location: DiagnosticLocation? = nil) {
        self.message = message
        self.location = location
    }
}

/// A suggested edit: replace the text in `range` with `replacement`.
public struct FixIt: Sendable, Hashable {
    /// The span to replace.
    public var range: SourceRange
    /// The new text.
    public var replacement: String

    /// Creates a fix-it.
    public init(replace range: SourceRange, with replacement: String) {
        self.range = range
        self.replacement = replacement
    }
}

/// A problem found in a spec or its data: a value with a stable code; the library never prints it.
public struct Diagnostic: Sendable, Hashable, Error {
    /// The stable code (`GS0401`), documented in docs/errors/.
    public var code: DiagnosticCode
    /// Error, warning or note.
    public var severity: Severity
    /// Where the problem is.
    public var location: DiagnosticLocation
    /// The message in the user's terms: lower-case, no final period.
    public var message: String
    /// What the user has, for type and unit mismatches (`Share + Share`).
    public var have: String?
    /// What would be accepted, for type and unit mismatches.
    public var want: String?
    /// A way out, when there is one ("did you mean 'Aarhus'?").
    public var hint: String?
    /// Further notes, possibly pointing elsewhere.
    public var notes: [DiagnosticNote]
    /// Suggested edits.
    public var fixIts: [FixIt]

    /// Creates a diagnostic.
    public init(
        _ code: DiagnosticCode,
        _ severity: Severity = .error,
        at location: DiagnosticLocation,
        _ message: String,
        have: String? = nil,
        want: String? = nil,
        hint: String? = nil,
        notes: [DiagnosticNote] = [],
        fixIts: [FixIt] = []
    ) {
        self.code = code
        self.severity = severity
        self.location = location
        self.message = message
        self.have = have
        self.want = want
        self.hint = hint
        self.notes = notes
        self.fixIts = fixIts
    }

    /// The source range, when the diagnostic points into a spec file.
    public var sourceRange: SourceRange? {
        if case .source(let r) = location { return r }
        return nil
    }
}
