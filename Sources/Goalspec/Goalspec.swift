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
        /// The URIs of the connections that specs name in `data NAME from table "T" in CONNECTION`
        /// (`--connection warehouse=postgresql://…`), by connection name.
        public var connections: [String: String] = [:]
        /// Evaluate at this period instead of the latest in the data.
        public var period: Period?
        /// Stop after checking: read only the data's headers and samples, evaluate nothing.
        public var checkOnly: Bool
        /// Count "at risk" as not met in the exit status.
        public var strict = false
        /// Cores a scan may use (default: all), and the file size from which a scan is split across them.
        public var cores = ProcessInfo.processInfo.activeProcessorCount
        public var parallelThreshold = Engine.parallelThreshold
        /// Limits on the run's time, rows, groups and kept values (docs/security.md).
        public var budget = EvaluationBudget()
        /// Confined mode: when set, every spec, import and data path must resolve inside one of
        /// its roots, database locations are refused, and messages quote no data values.
        public var confinement: PathConfinement?
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
    public static func declaredDatasets(files: [String], confinement: PathConfinement? = nil) -> (names: [String], complete: Bool) {
        var options = Options(checkOnly: true)
        options.confinement = confinement
        var session = Session(options: options)
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

    /// The connections the spec files' data blocks read tables from (`from table "T" in NAME`),
    /// imports included, each name as first written; `complete` as for ``declaredDatasets(files:)``.
    public static func declaredConnections(files: [String]) -> (names: [String], complete: Bool) {
        var session = Session(options: Options(checkOnly: true))
        var names: [String] = []
        var seen = Set<String>()
        for path in files {
            guard let (_, tree) = session.load(path, importedAt: nil) else { continue }
            for case .data(let d) in session.declarations(of: tree, path: path) {
                if let c = d.connection, seen.insert(c.matchKey).inserted { names.append(c.text) }
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
            if session.timeIsUp {
                session.reportTimeLimit(at: .file(path: path))
                break
            }
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
    /// Datasets bound to a table on an SQL engine, by `Name.matchKey` of the dataset's name.
    var tableSources: [String: SQLTableSource] = [:]
    /// Table schemas by location and time column, so specs sharing a table read its columns once.
    var tableSchemas: [TableKey: TableSchema] = [:]

    struct TableKey: Hashable {
        var location: SQLTableLocation
        var time: String?
    }
    /// Set by an editor (`goalspec lsp`): unsaved buffers and data caches that outlive the run.
    var editor: EditorHooks? = nil

    /// When the run's time limit ends, if it has one.
    let deadline: ContinuousClock.Instant?
    /// Whether the time limit was already reported (once per run).
    var reportedTimeLimit = false

    struct SchemaKey: Hashable {
        var path: String
        var options: ReadOptions
    }

    init(options: Runner.Options) {
        self.options = options
        deadline = options.budget.timeLimit.map { ContinuousClock.now + $0 }
    }

    /// The budget as each scan checks it.
    var scanBudget: ScanBudget { ScanBudget(options.budget, deadline: deadline) }

    /// Whether the run's time limit has passed.
    var timeIsUp: Bool {
        guard let deadline else { return false }
        return ContinuousClock.now >= deadline
    }

    /// Reports the time limit (GS0602) once.
    mutating func reportTimeLimit(at location: DiagnosticLocation) {
        guard !reportedTimeLimit, let limit = options.budget.timeLimit else { return }
        reportedTimeLimit = true
        diagnostics.append(Diagnostic(.timeLimitExceeded, at: location,
                                      "the run took longer than its time limit of \(ScanBudget.describe(limit))",
                                      hint: "raise it with --time-limit, or check fewer specs at a time"))
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
        if let confinement = options.confinement, !confinement.allows(path) {
            // The same words whether or not the file exists: nothing outside the roots is probed.
            let location: DiagnosticLocation = importedAt.map { .source($0) } ?? .file(path: path)
            diagnostics.append(Diagnostic(.pathOutsideRoots, at: location,
                                          "\(importedAt == nil ? "spec file" : "imported file") '\(path)' is outside the allowed roots",
                                          hint: PathConfinement.hint))
            return nil
        }
        let key = importKey(path)
        if let done = parsed[key] { return done }
        if let spec = options.inMemory?.spec {
            // A spec given as text reads no file: only the text itself is parsed.
            if importedAt == nil && path == spec.path {
                return parse(SourceFile(path: path, bytes: Array(spec.text.utf8)), key: key)
            }
            diagnostics.append(Diagnostic(.importNotFound, at: importedAt.map { .source($0) } ?? .file(path: path),
                                          "a spec given as text imports no file ('\(path)')",
                                          hint: "put the imported declarations into the spec's text"))
            return nil
        }
        let file: SourceFile
        switch specFile(path, key: key) {
        case .success(let f): file = f
        case .failure(let failure):
            if let at = importedAt {
                diagnostics.append(Diagnostic(.importNotFound, at: .source(at), "cannot read imported file '\(path)': \(failure.reason)",
                                              hint: "import paths are relative to the importing file"))
            } else {
                diagnostics.append(SourceFile.diagnostic(for: failure, path: path))
            }
            return nil
        }
        return parse(file, key: key)
    }

    /// Parses a spec file and remembers the tree under `key`.
    mutating func parse(_ file: SourceFile, key: String) -> (file: Int, tree: SyntaxTree)? {
        let index = sources.add(file)
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
        var (spec, checkDiagnostics) = checkSpec(declarations, data: data)
        if options.confinement != nil {
            // The checker suggests and lists values from the data's sample; confined mode does not.
            for i in checkDiagnostics.indices {
                checkDiagnostics[i] = PathConfinement.withoutDataValues(checkDiagnostics[i])
            }
        }
        if diagnostics.all.contains(where: { [.importNotFound, .pathOutsideRoots].contains($0.code) && $0.sourceRange?.file == index }) {
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
                    // An editor re-checking as the user types runs no query: only on open and save.
                    if editor?.scanMissing == false { continue }
                    datasetResults[datasetPlan.dataset] = try table.run(datasetPlan)
                    continue
                }
                datasetResults[datasetPlan.dataset] = try scan(datasetPlan)
            } catch {
                if case .budgetExceeded(.time) = error.kind {
                    reportTimeLimit(at: .source(datasetPlan.binding.declaration))
                    break
                }
                diagnostics.append(diagnostic(for: error, declaredAt: datasetPlan.binding.declaration))
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
            if options.confinement != nil, dd.connection != nil || SQLTableLocation.isLocation(override ?? dd.path.value) {
                out[dd.name.matchKey] = SpecChecker.ResolvedData(path: SQLTableLocation.redacted(override ?? dd.path.value), schema: nil)
                diagnostics.append(Diagnostic(.pathOutsideRoots, at: .source(override == nil ? dd.path.range : dd.name.range),
                                              "dataset '\(dd.name.text)' names a database, which confined mode does not reach",
                                              hint: PathConfinement.hint))
                continue
            }
            if override == nil, let connection = dd.connection {
                resolveTableInConnection(dd, connection, specPath: specPath, into: &out)
                continue
            }
            if let uri = override ?? (SQLTableLocation.isLocation(dd.path.value) ? dd.path.value : nil),
               SQLTableLocation.isLocation(uri) {
                // A file named in a spec is relative to it; on the command line, to the working folder.
                let parsed = SQLTableLocation.parse(uri) { override == nil ? resolve($0, relativeTo: specPath) : $0 }
                resolveTable(parsed, dd, at: override == nil ? dd.path.range : dd.name.range, into: &out)
                continue
            }
            tableSources[dd.name.matchKey] = nil
            let path = override ?? resolve(dd.path.value, relativeTo: specPath)
            if let confinement = options.confinement, !confinement.allows(path) {
                out[dd.name.matchKey] = SpecChecker.ResolvedData(path: path, schema: nil)
                diagnostics.append(Diagnostic(.pathOutsideRoots, at: .source(override == nil ? dd.path.range : dd.name.range),
                                              "data file '\(path)' is outside the allowed roots", hint: PathConfinement.hint))
                continue
            }
            do throws(DataError) {
                let schema: TableSchema
                let readOptions = Self.readOptions(dd)
                let cacheKey = SchemaKey(path: path, options: readOptions)
                if let cached = schemas[cacheKey] {
                    schema = cached
                } else {
                    schema = try inferSchema(path: path, options: readOptions)
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
                diagnostics.append(diagnostic(for: error, declaredAt: at))
            }
        }
        return out
    }

    /// Binds `data NAME from table "T" in CONNECTION` to its table, the connection's URI given
    /// by ``Goalspec/Options/connections`` (`--connection NAME=URI`), so that no URI or secret
    /// need be written in a spec.
    mutating func resolveTableInConnection(_ dd: DataDeclaration, _ connection: Name, specPath: String,
                                           into out: inout [String: SpecChecker.ResolvedData]) {
        guard let uri = options.connections.first(where: { Name.matchKey($0.key) == connection.matchKey })?.value else {
            out[dd.name.matchKey] = SpecChecker.ResolvedData(path: dd.path.value, schema: nil)
            let given = options.connections.keys.sorted()
            diagnostics.append(Diagnostic(.connectionNotGiven, at: .source(connection.range),
                                          "no connection '\(connection.text)' was given for data \(dd.name.text)",
                                          hint: given.isEmpty
                                              ? "give its URI on the command line: --connection \(connection.text)=postgresql://HOST/DB, duckdb:FILE.duckdb or spark:?master=local[2]"
                                              : "the connections given are \(given.joined(separator: ", ")); add --connection \(connection.text)=URI"))
            return
        }
        guard let table = SQLTableName(parsing: dd.path.value) else {
            out[dd.name.matchKey] = SpecChecker.ResolvedData(path: dd.path.value, schema: nil)
            diagnostics.append(Diagnostic(.unsupportedFormat, at: .source(dd.path.range), "'\(dd.path.value)' is not a table name",
                                          hint: "write SCHEMA.TABLE or TABLE, each part not empty"))
            return
        }
        // The URI comes from the command line: a file in it is relative to the working folder.
        resolveTable(SQLTableLocation.parse(uri, table: table), dd, at: connection.range, into: &out)
    }

    /// Binds a dataset to a table on an SQL engine and reads its schema from the table (see
    /// ``SQLTableSource``); the dataset's path is the location as shown, without secrets.
    mutating func resolveTable(_ parsed: Result<SQLTableLocation, DataError>, _ dd: DataDeclaration, at range: SourceRange,
                               into out: inout [String: SpecChecker.ResolvedData]) {
        let location: SQLTableLocation
        switch parsed {
        case .success(let l): location = l
        case .failure(let error):
            out[dd.name.matchKey] = SpecChecker.ResolvedData(path: error.path, schema: nil)
            diagnostics.append(Self.diagnostic(for: error, declaredAt: range))
            return
        }
        var source = SQLTableSource(location)
        source.budget = scanBudget
        do throws(DataError) {
            let schema: TableSchema
            let key = TableKey(location: location, time: dd.time.map { TableSchema.foldedName($0.text) })
            if let cached = tableSchemas[key] {
                schema = cached
            } else {
                schema = try source.schema(time: dd.time?.text)
                tableSchemas[key] = schema
            }
            tableSources[dd.name.matchKey] = source
            out[dd.name.matchKey] = SpecChecker.ResolvedData(path: location.display, schema: schema)
        } catch {
            out[dd.name.matchKey] = SpecChecker.ResolvedData(path: location.display, schema: nil)
            diagnostics.append(Self.diagnostic(for: error, declaredAt: range))
        }
    }

    /// A data error as a diagnostic; in confined mode without the data values it would quote.
    func diagnostic(for error: DataError, declaredAt range: SourceRange) -> Diagnostic {
        let d = Self.diagnostic(for: error, declaredAt: range)
        return options.confinement == nil ? d : Self.redacted(d, error)
    }

    /// A data error as a diagnostic: at the spec's path literal for whole-file problems, in the data file otherwise.
    static func diagnostic(for error: DataError, declaredAt range: SourceRange) -> Diagnostic {
        switch error.kind {
        case .budgetExceeded(let limit):
            return budgetDiagnostic(limit, error, at: range)
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
                // Confined mode suggests no data values: a did-you-mean would reveal them.
                let suggestion = options.confinement == nil ? Suggestions.closest(to: v, among: seen.sorted()) : nil
                diagnostics.append(Diagnostic(.unknownValue, at: .source(range),
                                              "'\(v)' in \(what) never occurs in column '\(columnName)' of \(spec.datasets[dataset].path)",
                                              hint: options.confinement == nil ? suggestion.map { "did you mean '\($0)'?" } : PathConfinement.noValuesHint))
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
