import Foundation

/// The entry point for tools that embed Goalspec: runs every phase on spec files and returns
/// values (diagnostics, verdicts, explanations). It never prints.
///
/// Named `Runner` rather than after the module, so that every public type stays reachable
/// module-qualified (`Goalspec.Verdict`, `Goalspec.Runner.Run`).
///
/// Phases: `SpecParser` (syntax) → `SpecChecker` (names, types, units against data schemas) →
/// `EvaluationPlan` (the measures per dataset) → `Engine` (one pass per dataset) →
/// `Evaluator` (verdicts and explanations) → renderers in Report/.
public enum Runner {
    /// The version printed by `goalspec --version` and written into JSON output.
    public static let version = "0.1.0"

    /// Options for a run.
    public struct Options: Sendable {
        /// Data files rebound by dataset name (`--data employment=path.csv`).
        public var dataOverrides: [String: String]
        /// Evaluate at this period instead of the latest in the data.
        public var period: Period?
        /// Stop after checking: read only the data's headers and samples, evaluate nothing.
        public var checkOnly: Bool
        /// Count "at risk" as not met in the exit status.
        public var strict = false
        /// Cores a scan may use (default: all), and the file size from which a scan is split across them.
        public var cores = ProcessInfo.processInfo.activeProcessorCount
        public var parallelThreshold = Engine.parallelThreshold
        /// Evaluate only the targets with these ids (`--target`), as top-level items and without
        /// goals (see ``TargetSelection``); nil: every target and goal.
        public var targets: [String]? = nil
        /// The spec text and data given by ``Runner/run(spec:named:data:options:)``; nil: files are read.
        var inMemory: InMemoryInputs? = nil

        public init(dataOverrides: [String: String] = [:], period: Period? = nil, checkOnly: Bool = false) {
            self.dataOverrides = dataOverrides
            self.period = period
            self.checkOnly = checkOnly
        }
    }

    /// The results of one spec file.
    public struct SpecResult: Sendable {
        /// The spec file's path.
        public var path: String
        /// The spec's title, if it declares one.
        public var title: String?
        /// The top-level targets and goals with their verdicts, in source order; empty when the spec had errors.
        public var items: [ItemResult]
        /// Whether the spec could be evaluated (no errors in it or its data).
        public var evaluated: Bool
        /// The checked spec with its datasets' aggregates, for evaluating again at other periods
        /// without reading the data again; nil when the spec could not be evaluated.
        public var prepared: PreparedSpec?
        /// The spec's datasets as checked: file, schema (types and number formats as read) and
        /// roles; empty when the spec could not be checked.
        public var datasets: [DatasetBinding] = []
        /// The checked spec, when it and its data schemas checked without errors (also with
        /// `checkOnly`): what `goalspec sql` compiles to queries.
        public var checked: CheckedSpec? = nil
        /// The ids of every target the spec declares (goals' children included), also when it
        /// did not check: what an unknown `--target` is compared with.
        public var declaredTargets: [String] = []
    }

    /// A checked spec whose datasets have been read: it can be evaluated at any period.
    public struct PreparedSpec: Sendable {
        public var checked: CheckedSpec
        /// One pass's results per dataset index.
        public var data: [Int: DatasetResult]
        public var sources: SourceSet

        /// Evaluates every target and goal at `period` (nil: each target's own `at`, else the latest in its data).
        public func evaluate(at period: Period? = nil) -> [ItemResult] {
            DeepStack.run {
                Evaluator(spec: checked, results: data, sources: sources, options: Evaluator.Options(period: period)).evaluate()
            }
        }
    }

    /// Everything one run produced.
    public struct Run: Sendable {
        /// Every spec and imported file that was read, for rendering locations.
        public var sources: SourceSet
        /// Diagnostics of all files, sorted, deduplicated and capped.
        public var diagnostics: [Diagnostic]
        /// One result per spec file, in the order given.
        public var specs: [SpecResult]
        /// Diagnostics left out by the display cap, by severity (errors are shown first).
        public var omittedErrors = 0, omittedWarnings = 0, omittedNotes = 0

        /// Whether the run was made with `strict`: "at risk" counts as not met.
        public var strict = false

        /// Diagnostics left out by the cap, of every severity.
        public var omittedDiagnostics: Int { omittedErrors + omittedWarnings + omittedNotes }

        /// Every error, warning and note, shown or left out: what each report format states.
        public var diagnosticCounts: DiagnosticCounts {
            var c = DiagnosticCounts()
            c.errors = diagnostics.filter { $0.severity == .error }.count + omittedErrors
            c.warnings = diagnostics.filter { $0.severity == .warning }.count + omittedWarnings
            c.notes = diagnostics.filter { $0.severity == .note }.count + omittedNotes
            c.omittedErrors = omittedErrors
            c.omittedWarnings = omittedWarnings
            c.omittedNotes = omittedNotes
            return c
        }

        /// Whether any error was reported, shown or not: the spec or data could not be used.
        /// Warnings never are errors, however many are left out.
        public var hasErrors: Bool { omittedErrors > 0 || diagnostics.contains { $0.severity == .error } }

        /// The exit status of `goalspec check` for this run, which every report format states:
        /// 2 when a spec or its data could not be used, 1 when some top-level target or goal does
        /// not pass (see `Verdict.passes(strict:)`), 0 otherwise.
        public var exitStatus: Int32 { status.rawValue }

        /// ``exitStatus`` as a named value.
        public var status: ExitStatus {
            if hasErrors { return .unusable }
            for spec in specs where spec.items.contains(where: { !$0.verdict.passes(strict: strict) }) { return .notMet }
            return .success
        }
    }

    /// Finds the `.goal` files named by paths: files as given, directories searched recursively, sorted.
    public static func specFiles(in paths: [String]) -> (files: [String], missing: [String]) {
        var files: [String] = []
        var missing: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                missing.append(path)
                continue
            }
            if isDirectory.boolValue {
                var found: [String] = []
                if let e = fm.enumerator(atPath: path) {
                    while let item = e.nextObject() as? String {
                        if item.hasSuffix(".goal") { found.append((path as NSString).appendingPathComponent(item)) }
                    }
                }
                files.append(contentsOf: found.sorted())
            } else {
                files.append(path)
            }
        }
        return (files, missing)
    }

    /// The datasets the spec files declare, their imports included: each name as first written.
    /// `complete` is false when some file could not be read or parsed, or an import could not be
    /// followed, so that a name may be missing. Reads no data.
    public static func declaredDatasets(files: [String]) -> (names: [String], complete: Bool) {
        var session = Session(options: Options(checkOnly: true))
        var names: [String] = []
        var seen = Set<String>()
        for path in files {
            guard let (_, tree) = session.load(path, importedAt: nil) else { continue }
            for case .data(let d) in session.declarations(of: tree, path: path) where seen.insert(d.name.matchKey).inserted {
                names.append(d.name.text)
            }
        }
        return (names, !session.diagnostics.hasErrors)
    }

    /// Parses, checks and evaluates each spec file.
    public static func run(files: [String], options: Options = Options()) -> Run {
        DeepStack.run { runOnThisStack(files: files, options: options) }
    }

    private static func runOnThisStack(files: [String], options: Options) -> Run {
        var session = Session(options: options)
        var specs: [SpecResult] = []
        for path in files {
            specs.append(session.runSpec(path))
        }
        let (diagnostics, counts) = session.diagnostics.finishCounted(sources: session.sources)
        return Run(sources: session.sources, diagnostics: diagnostics, specs: specs, omittedErrors: counts.omittedErrors,
                   omittedWarnings: counts.omittedWarnings, omittedNotes: counts.omittedNotes, strict: options.strict)
    }
}

/// The mutable state of one run: the sources read so far and the diagnostics.
struct Session {
    let options: Runner.Options
    var sources = SourceSet()
    var diagnostics = DiagnosticList()
    /// Parsed files by path, so an import read twice is parsed once.
    var parsed: [String: (file: Int, tree: SyntaxTree)] = [:]
    /// Inferred schemas by data path and read options: specs sharing a file sample it once.
    var schemas: [SchemaKey: TableSchema] = [:]
    /// Datasets bound to a PostgreSQL table, by `Name.matchKey` of the dataset's name.
    var tableSources: [String: PostgreSQLTableSource] = [:]
    /// Table schemas by connection URI, so specs sharing a table read its columns once.
    var tableSchemas: [String: TableSchema] = [:]

    struct SchemaKey: Hashable {
        var path: String
        var options: ReadOptions
    }

    init(options: Runner.Options) {
        self.options = options
    }

    /// The key that identifies a spec or imported file: its resolved real path (symbolic links,
    /// `.` and `..` resolved), so that a file reached by two paths is one file; the standardized
    /// path when the file does not exist.
    func importKey(_ path: String) -> String {
        if options.inMemory?.spec != nil { return path }
        guard let resolved = realpath(path, nil) else { return (path as NSString).standardizingPath }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Reads and parses a file, or reports why it could not be read.
    mutating func load(_ path: String, importedAt: SourceRange?) -> (file: Int, tree: SyntaxTree)? {
        let key = importKey(path)
        if let done = parsed[key] { return done }
        if let spec = options.inMemory?.spec {
            // A spec given as text reads no file: only the text itself is parsed.
            if importedAt == nil && path == spec.path {
                return parse(path: path, bytes: Array(spec.text.utf8), key: key)
            }
            diagnostics.append(Diagnostic(.importNotFound, at: importedAt.map { .source($0) } ?? .file(path: path),
                                          "a spec given as text imports no file ('\(path)')",
                                          hint: "put the imported declarations into the spec's text"))
            return nil
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            if let at = importedAt {
                diagnostics.append(Diagnostic(.importNotFound, at: .source(at), "cannot read imported file '\(path)'",
                                              hint: "import paths are relative to the importing file"))
            } else {
                diagnostics.append(Diagnostic(.specFileUnreadable, at: .file(path: path), "cannot read spec file"))
            }
            return nil
        }
        return parse(path: path, bytes: [UInt8](data), key: key)
    }

    /// Parses a file's bytes and remembers the tree under `key`.
    mutating func parse(path: String, bytes: [UInt8], key: String) -> (file: Int, tree: SyntaxTree)? {
        let index = sources.add(SourceFile(path: path, bytes: bytes))
        guard let source = sources.file(index) else { return nil }
        let (tree, parseDiagnostics) = SpecParser.parse(source, file: index)
        diagnostics.append(contentsOf: parseDiagnostics)
        parsed[key] = (index, tree)
        return (index, tree)
    }

    /// The declarations a spec at `path` sees: its own, then the data, groups and defines of its
    /// imports (transitively). A file imported through several paths (a diamond: `main` imports `b`
    /// and `c`, both import `common`) is included once; an import cycle is an error.
    mutating func declarations(of tree: SyntaxTree, path: String) -> [Declaration] {
        let key = importKey(path)
        var included: Set<String> = [key]
        return declarations(of: tree, path: path, stack: [(key, nil)], included: &included)
    }

    /// `stack` holds the files being imported, each with the import that brought it in;
    /// `included` the files whose declarations are already in.
    mutating func declarations(of tree: SyntaxTree, path: String, stack: [(key: String, importedAt: SourceRange?)],
                               included: inout Set<String>) -> [Declaration] {
        var all = tree.declarations
        for d in tree.declarations {
            guard case .import(let imp) = d else { continue }
            let target = resolve(imp.path.value, relativeTo: path)
            let key = importKey(target)
            if let start = stack.firstIndex(where: { $0.key == key }) {
                let names = stack[start...].map { ($0.key as NSString).lastPathComponent } + [(key as NSString).lastPathComponent]
                var notes: [DiagnosticNote] = []
                if start + 1 < stack.count, let first = stack[start + 1].importedAt {
                    notes.append(DiagnosticNote("the cycle starts with this import", at: .source(first)))
                }
                diagnostics.append(Diagnostic(.importCycle, at: .source(imp.path.range),
                                              "import cycle: \(names.joined(separator: " → "))",
                                              hint: "move the shared declarations into a file that imports nothing from these",
                                              notes: notes))
                continue
            }
            // Reached through another import already: its declarations are in.
            guard included.insert(key).inserted else { continue }
            guard let (_, imported) = load(target, importedAt: imp.path.range) else { continue }
            let nested = declarations(of: imported, path: target, stack: stack + [(key, imp.path.range)], included: &included)
            all.append(contentsOf: nested.filter { decl in
                switch decl {
                case .data, .group, .define: true
                case .spec, .import, .target, .goal: false
                }
            })
        }
        return all
    }

    func resolve(_ path: String, relativeTo specPath: String) -> String {
        if path.hasPrefix("/") { return path }
        let dir = (specPath as NSString).deletingLastPathComponent
        let joined = dir.isEmpty ? path : (dir as NSString).appendingPathComponent(path)
        return Self.normalize(joined)
    }

    /// Removes `.` and `dir/..` pairs from a path without touching the file system.
    static func normalize(_ path: String) -> String {
        var out: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: false) {
            if part == "." { continue }
            if part == "..", let last = out.last, last != "..", !last.isEmpty {
                out.removeLast()
                continue
            }
            out.append(part)
        }
        let joined = out.joined(separator: "/")
        return joined.isEmpty ? "." : joined
    }

    mutating func runSpec(_ path: String) -> Runner.SpecResult {
        var result = Runner.SpecResult(path: path, title: nil, items: [], evaluated: false, prepared: nil)
        let errorsBefore = diagnostics.all.filter { $0.severity == .error }.count
        guard let (index, tree) = load(path, importedAt: nil) else { return result }
        let declarations = declarations(of: tree, path: path)
        result.declaredTargets = TargetSelection.declaredIDs(tree.declarations)
        let data = resolveData(declarations)
        var (spec, checkDiagnostics) = SpecChecker.check(declarations, sources: sources, data: data)
        if diagnostics.all.contains(where: { $0.code == .importNotFound && $0.sourceRange?.file == index }) {
            // Names may come from the import that could not be read: only that error is reported.
            checkDiagnostics.removeAll { [.unknownName, .unknownDataset, .unknownGroup, .ambiguousDataset].contains($0.code) }
        }
        let hasErrors = diagnostics.all.filter { $0.severity == .error }.count > errorsBefore
            || checkDiagnostics.contains { $0.severity == .error }
        if hasErrors {
            // A declaration whose only use failed to check would be reported as unused too.
            checkDiagnostics.removeAll { $0.code == .unusedDeclaration }
        }
        diagnostics.append(contentsOf: checkDiagnostics)
        result.title = spec.title
        result.datasets = spec.datasets
        let errorsNow = diagnostics.all.filter { $0.severity == .error }.count
        guard errorsNow == errorsBefore else { return result }
        result.checked = spec
        guard !options.checkOnly else { return result }
        if let ids = options.targets { spec.items = TargetSelection.select(spec.items, ids: ids) }

        let plan = EvaluationPlan(spec)
        var datasetResults: [Int: DatasetResult] = [:]
        for datasetPlan in plan.datasets {
            do throws(DataError) {
                if let table = tableSources[Name.matchKey(datasetPlan.binding.name)] {
                    datasetResults[datasetPlan.dataset] = try table.run(datasetPlan)
                    continue
                }
                datasetResults[datasetPlan.dataset] = try Engine.run(datasetPlan, cores: options.cores,
                                                                     parallelThreshold: options.parallelThreshold)
            } catch {
                diagnostics.append(Self.diagnostic(for: error, declaredAt: datasetPlan.binding.declaration))
            }
        }
        guard datasetResults.count == plan.datasets.count else { return result }
        guard reportAbsentValues(spec, datasetResults) else { return result }
        let prepared = Runner.PreparedSpec(checked: spec, data: datasetResults, sources: sources)
        result.items = prepared.evaluate(at: options.period)
        result.evaluated = true
        result.prepared = prepared
        reportEmptyFilters(spec, datasetResults)
        return result
    }

    /// What a data block says about reading its file.
    static func readOptions(_ d: DataDeclaration) -> ReadOptions {
        var options = ReadOptions(sheet: d.sheet?.value, encoding: d.encoding.flatMap { TextEncoding(name: $0.value) })
        switch d.decimal?.matchKey {
        case "comma": options.decimalMark = UInt8(ascii: ",")
        case "point": options.decimalMark = UInt8(ascii: ".")
        default: break
        }
        if let t = d.thousands?.matchKey {
            options.grouping = NumberFormat.Grouping.allCases.first { $0.word == t }
        }
        return options
    }

    /// Finds each dataset's file and infers its schema, reporting files that cannot be used.
    mutating func resolveData(_ declarations: [Declaration]) -> [String: SpecChecker.ResolvedData] {
        var out: [String: SpecChecker.ResolvedData] = [:]
        if let memory = options.inMemory, memory.spec != nil { reportUndeclaredInMemoryData(declarations, memory) }
        for d in declarations {
            // The first declaration of a name wins, as in the checker (a second is reported there).
            guard case .data(let dd) = d, !dd.isBroken, out[dd.name.matchKey] == nil else { continue }
            if let memory = options.inMemory, memory.spec != nil || memory.input(for: dd.name) != nil {
                resolveInMemory(dd, memory, into: &out)
                continue
            }
            let specPath = sources.file(dd.range.file)?.path ?? ""
            let override = options.dataOverrides.first { Name.matchKey($0.key) == dd.name.matchKey }?.value
            if let uri = override ?? (PostgreSQLLocation.isLocation(dd.path.value) ? dd.path.value : nil),
               PostgreSQLLocation.isLocation(uri) {
                resolveTable(uri, dd, at: override == nil ? dd.path.range : dd.name.range, into: &out)
                continue
            }
            tableSources[dd.name.matchKey] = nil
            let path = override ?? resolve(dd.path.value, relativeTo: specPath)
            do throws(DataError) {
                let schema: TableSchema
                let readOptions = Self.readOptions(dd)
                let cacheKey = SchemaKey(path: path, options: readOptions)
                if let cached = schemas[cacheKey] {
                    schema = cached
                } else {
                    schema = try TableReader.inferSchema(path: path, options: readOptions)
                    schemas[cacheKey] = schema
                }
                out[dd.name.matchKey] = SpecChecker.ResolvedData(path: path, schema: schema)
            } catch {
                out[dd.name.matchKey] = SpecChecker.ResolvedData(path: path, schema: nil)
                let at: SourceRange
                if case .sheetNotFound = error.kind, let sheet = dd.sheet {
                    at = sheet.range
                } else {
                    at = override == nil ? dd.path.range : dd.name.range
                }
                diagnostics.append(Self.diagnostic(for: error, declaredAt: at))
            }
        }
        return out
    }

    /// Binds a dataset to a PostgreSQL table and reads its schema from the table (see
    /// ``PostgreSQLTableSource``); the dataset's path is the URI without its password.
    mutating func resolveTable(_ uri: String, _ dd: DataDeclaration, at range: SourceRange,
                               into out: inout [String: SpecChecker.ResolvedData]) {
        let location: PostgreSQLLocation
        switch PostgreSQLLocation.parse(uri) {
        case .success(let l): location = l
        case .failure(let error):
            out[dd.name.matchKey] = SpecChecker.ResolvedData(path: error.path, schema: nil)
            diagnostics.append(Self.diagnostic(for: error, declaredAt: range))
            return
        }
        let source = PostgreSQLTableSource(location)
        do throws(DataError) {
            let key = location.connection + "\u{0}" + location.table.parts.joined(separator: "\u{0}")
            let schema: TableSchema
            if let cached = tableSchemas[key] {
                schema = cached
            } else {
                schema = try source.schema()
                tableSchemas[key] = schema
            }
            tableSources[dd.name.matchKey] = source
            out[dd.name.matchKey] = SpecChecker.ResolvedData(path: location.display, schema: schema)
        } catch {
            out[dd.name.matchKey] = SpecChecker.ResolvedData(path: location.display, schema: nil)
            diagnostics.append(Self.diagnostic(for: error, declaredAt: range))
        }
    }

    /// A data error as a diagnostic: at the spec's path literal for whole-file problems, in the data file otherwise.
    static func diagnostic(for error: DataError, declaredAt range: SourceRange) -> Diagnostic {
        switch error.kind {
        case .fileNotFound:
            return Diagnostic(.dataFileNotFound, at: .source(range), "data file not found: \(error.path)",
                              hint: error.hint ?? "paths in 'data ... from' are relative to the spec file; --data NAME=PATH rebinds one")
        case .unsupportedFormat:
            return Diagnostic(.unsupportedFormat, at: .source(range), error.message,
                              hint: error.hint ?? "data files are .csv, .tsv, .json, .ndjson, .jsonl or .xlsx")
        case .sheetNotFound:
            return Diagnostic(.sheetNotFound, at: .source(range), error.message, hint: error.hint)
        case .unreadable:
            return Diagnostic(.dataFileNotFound, at: .source(range), error.message, hint: error.hint)
        case .notANumber, .invalidValue:
            return Diagnostic(.notANumber, at: .dataFile(path: error.path, line: error.line, column: error.column, lineText: error.lineText),
                              error.message, hint: error.hint)
        default:
            let location: DiagnosticLocation = error.line > 0
                ? .dataFile(path: error.path, line: error.line, column: error.column, lineText: error.lineText)
                : .file(path: error.path)
            return Diagnostic(.malformedData, at: location, error.message, hint: error.hint)
        }
    }

    /// Warns about `where` conditions that no row of the data satisfies.
    mutating func reportEmptyFilters(_ spec: CheckedSpec, _ results: [Int: DatasetResult]) {
        func visit(_ item: CheckedItem) {
            switch item {
            case .goal(let g): g.children.forEach(visit)
            case .target(let t):
                guard t.filter != nil, let range = t.filterRange, let data = results[t.dataset], data.rows > 0 else { return }
                let requests = AggregateRequest.all(for: t, in: spec)
                let empty = requests.allSatisfy { data.tables[$0]?.groups.isEmpty ?? true }
                if empty && !requests.isEmpty {
                    diagnostics.append(Diagnostic(.filterMatchesNothing, .warning, at: .source(range),
                                                  "'where' matches none of the \(data.rows) rows of \(spec.datasets[t.dataset].path)",
                                                  hint: "check the column's values and the comparison"))
                }
            }
        }
        spec.items.forEach(visit)
    }

    /// Reports focus values and group members that never occur in the data; false when any was reported.
    mutating func reportAbsentValues(_ spec: CheckedSpec, _ results: [Int: DatasetResult]) -> Bool {
        var ok = true
        var reported = Set<SourceRange>()
        func check(_ values: [String], ranges: [SourceRange], column: Int, dataset: Int, what: String) {
            // A column with no value at all proves nothing absent: its targets are no data.
            guard let seen = results[dataset]?.distinctValues[column], !seen.isEmpty else { return }
            let columnName = spec.datasets[dataset].schema.columns[column].name
            for (v, range) in zip(values, ranges) where !seen.contains(v) && !reported.contains(range) {
                reported.insert(range)
                ok = false
                let suggestion = Suggestions.closest(to: v, among: seen.sorted())
                diagnostics.append(Diagnostic(.unknownValue, at: .source(range),
                                              "'\(v)' in \(what) never occurs in column '\(columnName)' of \(spec.datasets[dataset].path)",
                                              hint: suggestion.map { "did you mean '\($0)'?" }))
            }
        }
        func visit(_ item: CheckedItem) {
            switch item {
            case .goal(let g): g.children.forEach(visit)
            case .target(let t):
                if let f = t.focus { check(f.values, ranges: f.valueRanges, column: f.column, dataset: t.dataset, what: "'for'") }
                for g in groups(in: t.condition) {
                    check(g.members, ranges: g.memberRanges, column: g.column, dataset: t.dataset, what: "group \(g.name)")
                }
            }
        }
        spec.items.forEach(visit)
        return ok
    }

    func groups(in c: Condition) -> [GroupBinding] {
        func q(_ x: Quantity) -> [GroupBinding] {
            switch x {
            case .literal, .measure: []
            case .peer(_, let inner, let g, _, _, _), .pooled(let inner, let g, _, _, _): [g] + q(inner)
            case .arithmetic(_, let a, let b, _): q(a) + q(b)
            case .negate(let a), .at(let a, _), .change(let a, _), .growth(let a): q(a)
            }
        }
        switch c {
        case .compare(_, let a, let b, _, _): return q(a) + q(b)
        case .and(let a, let b), .or(let a, let b): return groups(in: a) + groups(in: b)
        case .not(let a): return groups(in: a)
        case .trend(let a, _, _, _, _): return q(a)
        case .quantifier, .invalid: return []
        }
    }
}
