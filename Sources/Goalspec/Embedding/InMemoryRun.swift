extension Runner {
    /// Evaluates one spec given as text, with its datasets given in memory by dataset name
    /// (matched as names are: case and `_`/space alike). Reads no file and starts no process:
    /// the spec's `import`s, a dataset missing from `data`, and a name in `data` that the spec does
    /// not declare are errors in the returned run's diagnostics, located like any other. `name`
    /// names the spec in diagnostics and reports; data are named `<dataset>` there, and the
    /// lines of a data error count from its header (line 1).
    ///
    /// The result is the same value ``run(files:options:)`` returns for files with the same text,
    /// so ``Run/exitStatus`` is the status `goalspec check` would exit with.
    public static func run(spec text: String, named name: String = "spec.goal", data: [String: DataInput],
                           options: Options = Options()) -> Run {
        var options = options
        options.inMemory = InMemoryInputs(spec: InMemoryInputs.Spec(path: name, text: text), data: data)
        return run(files: [name], options: options)
    }
}

/// What ``Runner/run(spec:named:data:options:)`` was given, in place of files; or, for
/// `goalspec test`, datasets given in memory to a spec read from its file (`spec` nil): then the
/// other datasets are read from their files as usual.
struct InMemoryInputs: Sendable {
    struct Spec: Sendable {
        var path: String
        var text: String
    }
    /// The spec's text; nil when the spec is a file.
    var spec: Spec?
    var data: [String: DataInput]

    /// How a dataset given in memory is named in diagnostics and reports.
    static func displayPath(_ dataset: String) -> String { "<\(dataset)>" }

    /// The input given for a dataset name, the first in sorted order when several match.
    func input(for dataset: Name) -> DataInput? {
        data.keys.sorted().first { Name.matchKey($0) == dataset.matchKey }.flatMap { data[$0] }
    }
}

extension Session {
    /// Resolves a dataset of a spec given as text to the data given for it in memory, or reports that none was given.
    mutating func resolveInMemory(_ dd: DataDeclaration, _ memory: InMemoryInputs,
                                  into out: inout [String: SpecChecker.ResolvedData]) {
        let path = InMemoryInputs.displayPath(dd.name.text)
        guard let input = memory.input(for: dd.name) else {
            out[dd.name.matchKey] = SpecChecker.ResolvedData(path: path, schema: nil)
            diagnostics.append(Diagnostic(.dataFileNotFound, at: .source(dd.path.range),
                                          "no data given for dataset '\(dd.name.text)'",
                                          hint: "a spec given as text reads no file: give the dataset in data: [\"\(dd.name.text)\": …]"))
            return
        }
        do throws(DataError) {
            let schema = try TableReader.inferSchema(path: path, format: input.format, options: Self.readOptions(dd),
                                                     tuning: .default, contents: input.contents)
            out[dd.name.matchKey] = SpecChecker.ResolvedData(path: path, schema: schema)
        } catch {
            out[dd.name.matchKey] = SpecChecker.ResolvedData(path: path, schema: nil)
            diagnostics.append(Self.diagnostic(for: error, declaredAt: dd.name.range))
        }
    }

    /// Reports each name given in memory that no data block of the spec declares: it would be ignored.
    mutating func reportUndeclaredInMemoryData(_ declarations: [Declaration], _ memory: InMemoryInputs) {
        let declared = declarations.compactMap { d -> String? in
            if case .data(let dd) = d { return dd.name.text }
            return nil
        }
        let keys = Set(declared.map(Name.matchKey))
        for name in memory.data.keys.sorted() where !keys.contains(Name.matchKey(name)) {
            let hint = Suggestions.closest(to: name, among: declared).map { "did you mean '\($0)'?" }
                ?? (declared.isEmpty ? "the spec declares no dataset" : "the spec declares: " + declared.joined(separator: ", "))
            diagnostics.append(Diagnostic(.unknownDataset, at: .file(path: memory.spec?.path ?? ""),
                                          "data given for '\(name)', which the spec does not declare", hint: hint))
        }
    }
}
