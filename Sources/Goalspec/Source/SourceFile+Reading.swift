extension SourceFile {
    /// Why a spec file could not be read, as the text a diagnostic states.
    public enum ReadFailure: Error, Sendable, Equatable {
        /// No such file.
        case notFound
        /// Not a regular file (a directory, a FIFO, a device); the payload says what it is.
        case notRegular(String)
        /// Larger than ``SourceFile/maxBytes``; the payload is its size.
        case tooLarge(Int)
        /// The system refused; the payload is its reason.
        case unreadable(String)

        /// "no such file", "it is a directory, not a regular file", …
        public var reason: String {
            switch self {
            case .notFound: "no such file"
            case .notRegular(let what): "it is \(what), not a regular file"
            case .tooLarge(let size): "it is \(size) bytes; the limit is \(SourceFile.maxBytes)"
            case .unreadable(let why): why
            }
        }
    }

    /// The largest spec file read: 8 MiB (GS0109).
    public static let maxBytes = Lexer.maxInputBytes

    /// Reads a spec file: only a regular file of at most ``maxBytes`` bytes, its size taken from
    /// `fstat` before a byte is read (a 1 GB file is refused at once), and without blocking on
    /// a named pipe.
    public static func read(path: String) -> Result<SourceFile, ReadFailure> {
        switch RegularFile.read(path, maxBytes: maxBytes) {
        case .success(let bytes): return .success(SourceFile(path: path, bytes: bytes))
        case .failure(.notFound): return .failure(.notFound)
        case .failure(.notRegular(let what)): return .failure(.notRegular(what))
        case .failure(.tooLarge(let size)): return .failure(.tooLarge(size))
        case .failure(.unreadable(let why)): return .failure(.unreadable(why))
        }
    }

    /// The diagnostic for a spec file that could not be read: GS0109 when too large, else GS0110.
    public static func diagnostic(for failure: ReadFailure, path: String) -> Diagnostic {
        if case .tooLarge(let size) = failure {
            return Diagnostic(.inputTooLarge, at: .file(path: path), "spec file is \(size) bytes; the limit is \(maxBytes)",
                              hint: "keep data in data files; split large specs with import")
        }
        return Diagnostic(.specFileUnreadable, at: .file(path: path), "cannot read spec file: \(failure.reason)")
    }
}
