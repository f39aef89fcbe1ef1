import Foundation

/// What an editor adds to one run: unsaved buffers that take the place of files, and the data
/// caches that outlive the run, so that re-checking a spec while it is typed reads no data.
struct EditorHooks {
    /// Unsaved buffers by `Session.importKey` of their path: they are read instead of the file.
    var overlay: [String: [UInt8]]
    /// Schemas and scans of data files, by path and modification time.
    let cache: EditorDataCache
    /// Whether a dataset whose scan is not cached is read (on open and save); when false the run
    /// stops after checking for such a spec, and nothing is evaluated.
    var scanMissing: Bool
    /// The type of each expression the checker saw, by range (filled by the run).
    var types: [SourceRange: GoalType] = [:]
}

extension Session {
    /// A spec file: the editor's unsaved buffer when there is one, else the file as read
    /// (special files and oversized files refused, as in every run).
    func specFile(_ path: String, key: String) -> Result<SourceFile, SourceFile.ReadFailure> {
        if let buffer = editor?.overlay[key] { return .success(SourceFile(path: path, bytes: buffer)) }
        return SourceFile.read(path: path)
    }

    /// Checks a spec's declarations; in an editor, also keeps every expression's type.
    mutating func checkSpec(_ declarations: [Declaration], data: [String: SpecChecker.ResolvedData])
        -> (spec: CheckedSpec, diagnostics: [Diagnostic]) {
        guard editor != nil else { return SpecChecker.check(declarations, sources: sources, data: data) }
        let (spec, diagnostics, types) = SpecChecker.checkRecordingTypes(declarations, sources: sources, data: data)
        editor?.types.merge(types) { first, _ in first }
        return (spec, diagnostics)
    }

    /// A data file's schema; in an editor, from its cache while the file is unchanged.
    func inferSchema(path: String, options: ReadOptions) throws(DataError) -> TableSchema {
        guard let cache = editor?.cache else { return try TableReader.inferSchema(path: path, options: options) }
        return try cache.schema(path: path, options: options)
    }

    /// One pass over a dataset; in an editor, a cached pass over the unchanged file that computed
    /// every aggregate the plan asks for, and nil when there is none and `scanMissing` is false.
    func scan(_ plan: DatasetPlan) throws(DataError) -> DatasetResult? {
        guard let editor else {
            return try Engine.run(plan, cores: options.cores, parallelThreshold: options.parallelThreshold, budget: scanBudget)
        }
        return try editor.cache.scan(plan, readMissing: editor.scanMissing, cores: options.cores,
                                     parallelThreshold: options.parallelThreshold)
    }
}
