import Foundation

/// A run's diagnostics as LSP `Diagnostic` objects for one document: the same codes and
/// messages as `goalspec check`, ranges in UTF-16 columns. A diagnostic located elsewhere (in an
/// imported file, or in a data file) is shown on the import or data line that leads to it, its
/// message starting with where it really is.
enum LSPDiagnostics {
    static func convert(_ analysis: DocumentAnalysis) -> [JSONValue] {
        guard let file = analysis.file, let source = analysis.source else {
            return analysis.diagnostics.map { json($0, range: EditorRange(start: .init(line: 0, character: 0), end: .init(line: 0, character: 0)),
                                                   prefix: nil, analysis) }
        }
        let firstLine = SourceRange(file: file, 0, source.lineStarts.count > 1 ? max(0, source.lineStarts[1] - 1) : source.bytes.count)
        return analysis.diagnostics.map { d in
            switch d.location {
            case .source(let r) where r.file == file:
                return json(d, range: source.editorRange(of: r), prefix: nil, analysis)
            case .source(let r):
                let other = analysis.sources.file(r.file)
                let (line, column) = other?.lineColumn(of: r.lowerBound) ?? (0, 0)
                let at = importLine(to: other?.path, analysis) ?? firstLine
                return json(d, range: source.editorRange(of: at), prefix: "\(other?.path ?? "?"):\(line):\(column)", analysis)
            case .dataFile(let path, let line, let column, _):
                let at = dataLine(path, analysis) ?? firstLine
                return json(d, range: source.editorRange(of: at), prefix: "\(path):\(line)" + (column > 0 ? ":\(column)" : ""), analysis)
            case .file(let path):
                let at = dataLine(path, analysis) ?? firstLine
                return json(d, range: source.editorRange(of: at), prefix: path == analysis.path ? nil : path, analysis)
            }
        }
    }

    /// The document's import whose file is `path` (or, failing that, its first import).
    static func importLine(to path: String?, _ analysis: DocumentAnalysis) -> SourceRange? {
        var first: SourceRange?
        for case .import(let imp) in analysis.declarations where imp.range.file == analysis.file {
            first = first ?? imp.path.range
            if let path, path.hasSuffix(imp.path.value) || imp.path.value.hasSuffix((path as NSString).lastPathComponent) {
                return imp.path.range
            }
        }
        return first
    }

    /// The path literal of the document's data block reading `path`.
    static func dataLine(_ path: String, _ analysis: DocumentAnalysis) -> SourceRange? {
        for d in analysis.result.datasets where d.path == path && d.declaration.file == analysis.file {
            for case .data(let dd) in analysis.declarations where dd.range == d.declaration { return dd.path.range }
            return d.declaration
        }
        for case .data(let dd) in analysis.declarations where dd.range.file == analysis.file && path.hasSuffix(dd.path.value) {
            return dd.path.range
        }
        return nil
    }

    static func json(_ d: Diagnostic, range: EditorRange, prefix: String?, _ analysis: DocumentAnalysis) -> JSONValue {
        var message = (prefix.map { "\($0): " } ?? "") + d.message
        if let have = d.have { message += "\nhave: \(have)" }
        if let want = d.want { message += "\nwant: \(want)" }
        if let hint = d.hint { message += "\nhint: \(hint)" }
        let severity = switch d.severity {
        case .error: 1
        case .warning: 2
        case .note: 3
        }
        var pairs: [(String, JSONValue)] = [
            ("range", LanguageServer.range(range)), ("severity", .integer(severity)), ("code", .string(d.code.rawValue)),
            ("source", .string("goalspec")), ("message", .string(message)),
        ]
        let related: [JSONValue] = d.notes.compactMap { note in
            guard case .source(let r)? = note.location, let file = analysis.sources.file(r.file) else { return nil }
            return .object([("location", .object([("uri", .string(DocumentURI.uri(file.path, cwd: FileManager.default.currentDirectoryPath))),
                                                  ("range", LanguageServer.range(file.editorRange(of: r)))])),
                            ("message", .string(note.message))])
        }
        if !related.isEmpty { pairs.append(("relatedInformation", .array(related))) }
        return .object(pairs)
    }
}
