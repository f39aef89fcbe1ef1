import Foundation

/// The documents an editor has open, with their unsaved text, and the data caches shared by
/// every analysis. Analysing a document runs the same phases as `goalspec check` on it, reading
/// open buffers instead of files (the document itself and any file it imports).
public struct EditorWorkspace: Sendable {
    /// Unsaved text by path, as the editor last sent it.
    public private(set) var documents: [String: String] = [:]
    /// Schemas and scans of data files, kept while the files are unchanged.
    public let cache: EditorDataCache

    /// A workspace with no open document.
    public init(cache: EditorDataCache = EditorDataCache()) {
        self.cache = cache
    }

    /// Opens a document or replaces its text.
    public mutating func setText(_ text: String, path: String) {
        documents[path] = text
    }

    /// Closes a document: its file on disk is read from now on.
    public mutating func close(path: String) {
        documents[path] = nil
    }

    /// Checks the spec at `path` and, when `readData` is true or its scans are cached, evaluates
    /// it. With `readData` false no data file is scanned (schemas are read once per file version).
    public func analyze(path: String, readData: Bool) -> DocumentAnalysis {
        DeepStack.run {
            var session = Session(options: Runner.Options())
            var overlay: [String: [UInt8]] = [:]
            for (p, text) in documents { overlay[session.importKey(p)] = Array(text.utf8) }
            session.editor = EditorHooks(overlay: overlay, cache: cache, scanMissing: readData)
            let result = session.runSpec(path)
            let (diagnostics, _) = session.diagnostics.finishCounted(sources: session.sources, limit: 1_000)
            let types = session.editor?.types ?? [:]
            guard let (file, tree) = session.parsed[session.importKey(path)] else {
                return DocumentAnalysis(path: path, file: nil, sources: session.sources, tree: nil, declarations: [],
                                        diagnostics: diagnostics, result: result, types: types)
            }
            var quiet = session
            let declarations = quiet.declarations(of: tree, path: path)
            return DocumentAnalysis(path: path, file: file, sources: quiet.sources, tree: tree, declarations: declarations,
                                    diagnostics: diagnostics, result: result, types: types)
        }
    }
}

/// Everything known about one document after a run: its (possibly partial) syntax tree, the
/// declarations it sees, its diagnostics, types, and verdicts when it was evaluated.
public struct DocumentAnalysis: Sendable {
    /// The document's path.
    public var path: String
    /// The document's index in `sources`; nil when it could not be read.
    public var file: Int?
    /// The document and every file it imports.
    public var sources: SourceSet
    /// The document's syntax tree, with what the parser recovered around broken lines.
    public var tree: SyntaxTree?
    /// The declarations the document sees: its own, then those of its imports.
    public var declarations: [Declaration]
    /// Every diagnostic of the run (the document's, its imports' and its data's).
    public var diagnostics: [Diagnostic]
    /// The run's result: datasets, checked spec, and verdicts when evaluated.
    public var result: Runner.SpecResult
    /// The type of each expression the checker typed, by range.
    public var types: [SourceRange: GoalType]

    /// The document's source file.
    public var source: SourceFile? { file.flatMap { sources.file($0) } }

    /// Whether the document's targets were evaluated (no errors, and its data was read or cached).
    public var evaluated: Bool { result.evaluated }
}
