/// Checks a parsed spec: resolves names, infers types and units, and validates against the
/// datasets' schemas, producing a `CheckedSpec`.
///
/// Guarantees to the planner: when the returned diagnostics hold no error, every target has
/// a dataset, every name is bound to a column, define or group of that dataset, every
/// expression obeys the unit rules of LANGUAGE.md §5, and every literal has its exact value.
/// One mistake gives one diagnostic: a broken part gets the `.invalid` type, which every rule
/// accepts silently. The checker reads schemas only, never rows.
public enum SpecChecker {
    /// A dataset declaration after the driver looked for its file.
    public struct ResolvedData: Sendable, Hashable {
        /// The path the data was looked for at.
        public var path: String
        /// The inferred schema, or nil when the file could not be used (already reported).
        public var schema: TableSchema?

        public init(path: String, schema: TableSchema?) {
            self.path = path
            self.schema = schema
        }
    }

    /// Checks one spec's declarations (its own file's plus imported ones) against resolved data.
    /// `data` is keyed by the dataset name's match key.
    public static func check(
        _ declarations: [Declaration],
        sources: SourceSet,
        data: [String: ResolvedData]
    ) -> (spec: CheckedSpec, diagnostics: [Diagnostic]) {
        DeepStack.run {
            var checker = Checker(sources: sources, data: data)
            let spec = checker.run(declarations)
            return (spec, checker.diagnostics)
        }
    }

    /// `check`, also giving the type of every expression checked, by its range (for an editor's hover).
    static func checkRecordingTypes(
        _ declarations: [Declaration],
        sources: SourceSet,
        data: [String: ResolvedData]
    ) -> (spec: CheckedSpec, diagnostics: [Diagnostic], types: [SourceRange: GoalType]) {
        DeepStack.run {
            var checker = Checker(sources: sources, data: data)
            checker.expressionTypes = [:]
            let spec = checker.run(declarations)
            return (spec, checker.diagnostics, checker.expressionTypes ?? [:])
        }
    }
}

struct Checker {
    let sources: SourceSet
    let data: [String: SpecChecker.ResolvedData]
    var diagnostics: [Diagnostic] = []

    var datasets: [DatasetBinding] = []
    /// Dataset index by match key; nil value when the dataset exists but its data is unusable.
    var datasetIndex: [String: Int?] = [:]
    var datasetNames: [String] = []
    var defines: [String: DefineDeclaration] = [:]
    var groupDeclarations: [String: GroupDeclaration] = [:]
    /// Types from the spec's use, for columns with no value in their data sample.
    var columnUses: [String: ColumnType] = [:]
    /// Literals already warned about as looking like thousands (a define is checked per use).
    var warnedLiterals: Set<SourceRange> = []
    /// (dataset, column) pairs whose ambiguous numbers were reported.
    var reportedAmbiguities: Set<[Int]> = []
    var groups: [String: [Int: GroupBinding]] = [:]
    var declaredAt: [String: SourceRange] = [:]
    var usedNames: Set<String> = []
    var usedDatasets: Set<String> = []
    var targetIDs: [String: SourceRange] = [:]
    /// Datasets whose `time` line names a column that is missing or holds no periods: that was
    /// reported once, so their time forms are not reported again as lacking a time column (GS0410).
    var rejectedTime: Set<Int> = []

    /// The define bodies being expanded, to catch recursion.
    var defineStack: [String] = []
    /// Define expansions in the current target, capped at `maxDefineExpansions`.
    var defineExpansions = 0
    static let maxDefineExpansions = 10_000
    /// How deep the checker recurses through one target's expressions, defines expanded: past
    /// it the target is rejected with GS0206 at the spot, so a chain of defines (`d2 = d1 and …`,
    /// thousands long) cannot overflow the stack here or in the evaluator.
    static let maxCheckDepth = 1_500
    /// `measureCensus` of each define, by match key (see there).
    let censusCache = CensusCache()
    /// The current depth of `checkRow`, `checkCondition` and `checkQuantity`.
    var checkDepth = 0
    /// Whether the current target has been reported as too deep.
    var reportedTooDeep = false
    /// The type of each expression checked, by range, when an editor asked for them (nil: not recorded).
    var expressionTypes: [SourceRange: GoalType]? = nil

    init(sources: SourceSet, data: [String: SpecChecker.ResolvedData]) {
        self.sources = sources
        self.data = data
    }

    /// One level deeper into an expression; false (reported once per target) past `maxCheckDepth`.
    /// A true result is paired with `checkDepth -= 1`.
    mutating func enterCheck(_ range: SourceRange) -> Bool {
        guard checkDepth < Checker.maxCheckDepth else {
            if !reportedTooDeep {
                reportedTooDeep = true
                report(.nestingTooDeep, range, "expression nested more than \(Checker.maxCheckDepth) levels deep once its defines are expanded",
                       hint: "a long chain of defines, each using the one before, nests them all; combine parts with fewer levels")
            }
            return false
        }
        checkDepth += 1
        return true
    }

    mutating func report(_ code: DiagnosticCode, _ range: SourceRange, _ message: String,
                         have: String? = nil, want: String? = nil, hint: String? = nil,
                         notes: [DiagnosticNote] = [], fixIts: [FixIt] = [], severity: Severity = .error) {
        diagnostics.append(Diagnostic(code, severity, at: .source(range), message, have: have, want: want,
                                      hint: hint, notes: notes, fixIts: fixIts))
    }

    /// Keeps an expression's type for an editor; the first valid type of a range wins (a define's
    /// body is checked at each use).
    mutating func recordType(_ type: GoalType, of e: Expr) {
        guard expressionTypes != nil, type != .invalid, expressionTypes?[e.range] == nil else { return }
        expressionTypes?[e.range] = type
    }

    func text(_ range: SourceRange) -> String {
        sources.file(range.file)?.text(in: range) ?? ""
    }

    func didYouMean(_ word: String, _ candidates: [String]) -> String? {
        Suggestions.closest(to: word, among: candidates).map { "did you mean '\($0)'?" }
    }

    mutating func run(_ declarations: [Declaration]) -> CheckedSpec {
        var title: String? = nil
        columnUses = ColumnUse.types(in: declarations)
        // Pass 1: declare names so order does not matter.
        for d in declarations {
            switch d {
            case .spec(let s):
                if title != nil {
                    report(.duplicateDeclaration, s.title.range, "a spec has one 'spec' declaration; this is the second",
                           hint: "merge the metadata into the first 'spec' block")
                } else {
                    title = s.title.value
                }
            case .import: break
            case .data(let dd): declareData(dd)
            case .group(let g): declare(g.name, kind: "group") { $0.groupDeclarations[g.name.matchKey] = g }
            case .define(let def): declare(def.name, kind: "define") { $0.defines[def.name.matchKey] = def }
            case .target, .goal: break
            }
        }
        // Pass 2: targets and goals.
        var items: [CheckedItem] = []
        for d in declarations {
            if let item = checkItem(d) { items.append(item) }
        }
        reportUnused(declarations)
        return CheckedSpec(datasets: datasets, items: items, title: title)
    }

    /// Warns about data, groups and defines of the spec's own file that no target uses.
    /// Imported declarations are shared and not reported; nor is a file without targets (a library).
    private mutating func reportUnused(_ declarations: [Declaration]) {
        let root: Int? = declarations.lazy.compactMap { d -> Int? in
            switch d {
            case .target(let t): t.range.file
            case .goal(let g): g.range.file
            default: nil
            }
        }.first
        guard let root else { return }
        for d in declarations {
            switch d {
            case .data(let dd) where dd.range.file == root && !usedDatasets.contains(dd.name.matchKey):
                report(.unusedDeclaration, dd.name.range, "data \(dd.name.text) is not read by any target",
                       hint: "remove it, or add 'data \(dd.name.text)' to a target", severity: .warning)
            case .group(let g) where g.range.file == root && !usedNames.contains(g.name.matchKey):
                report(.unusedDeclaration, g.name.range, "group \(g.name.text) is not used by any target", severity: .warning)
            case .define(let def) where def.range.file == root && !usedNames.contains(def.name.matchKey):
                report(.unusedDeclaration, def.name.range, "define \(def.name.text) is not used by any target", severity: .warning)
            default:
                break
            }
        }
    }

    private mutating func declare(_ name: Name, kind: String, _ store: (inout Checker) -> Void) {
        let key = "\(kind == "data" ? "data" : "name"):\(name.matchKey)"
        if let previous = declaredAt[key] {
            report(.duplicateDeclaration, name.range, "\(kind) '\(name.text)' is declared twice",
                   notes: [DiagnosticNote("first declared here", at: .source(previous))])
            return
        }
        declaredAt[key] = name.range
        store(&self)
    }

    private mutating func declareData(_ d: DataDeclaration) {
        declare(d.name, kind: "data") { c in
            c.datasetNames.append(d.name.text)
            guard !d.isBroken, let resolved = c.data[d.name.matchKey], let sampled = resolved.schema else {
                c.datasetIndex[d.name.matchKey] = .some(nil)
                return
            }
            let schema = c.typingEmptyColumns(of: sampled)
            var binding = DatasetBinding(name: d.name.text, path: resolved.path, schema: schema,
                                         entity: nil, time: nil, weight: nil, declaration: d.name.range)
            binding.entity = c.roleColumn(d.entity, in: schema, role: "entity", accept: [.text, .integer, .bool])
            binding.time = c.roleColumn(d.time, in: schema, role: "time", accept: [.period, .integer])
            if d.time != nil && binding.time == nil { c.rejectedTime.insert(c.datasets.count) }
            binding.weight = c.roleColumn(d.weight, in: schema, role: "weight", accept: [.integer, .decimal, .bool])
            if let w = binding.weight, schema.columns.indices.contains(w), schema.columns[w].type == .bool {
                // Weights of only 0 and 1 are weights, not truth values.
                binding.schema = binding.schema.withType(.integer, forColumn: w)
            }
            if let t = binding.time, schema.columns.indices.contains(t), schema.columns[t].type == .integer {
                binding.schema = binding.schema.withType(.period, forColumn: t)
            }
            // A noun given only in languages is the default too: the English one, else the first.
            binding.nounInLanguage = Dictionary(d.countsInLanguages.map { ($0.language.text.lowercased(), $0.noun.text) },
                                                uniquingKeysWith: { first, _ in first })
            binding.noun = d.counts?.text ?? binding.nounInLanguage["en"] ?? d.countsInLanguages.first?.noun.text
            for u in d.units {
                guard let column = c.roleColumn(u.column, in: schema, role: "unit", accept: [.integer, .decimal]) else { continue }
                // An unknown unit was reported by the parser; the column then has no usable type.
                binding.units[column] = unitMeaning(u.unit) ?? UnitBinding(type: .invalid, scale: 1)
            }
            c.datasets.append(binding)
            c.datasetIndex[d.name.matchKey] = c.datasets.count - 1
            for column in [binding.weight].compactMap({ $0 }) + binding.units.keys.sorted()
            where binding.schema.columns.indices.contains(column) {
                c.reportAmbiguousNumbers(binding.schema.columns[column], dataset: c.datasets.count - 1)
            }
        }
    }

    /// Reports, once per column, numbers the sample leaves open to two readings (`1.234`), at
    /// the data declaration, with the lines that settle it.
    mutating func reportAmbiguousNumbers(_ column: ColumnSchema, dataset: Int) {
        guard let a = column.numberAmbiguity, column.type == .decimal || column.type == .percent,
              datasets.indices.contains(dataset),
              reportedAmbiguities.insert([dataset, column.index]).inserted else { return }
        let d = datasets[dataset]
        var readings: [String] = []
        var lines: [String] = []
        if let p = a.underDecimalPoint { readings.append(p); lines.append("'decimal point' (\(a.example) is \(p))") }
        if let c = a.underDecimalComma { readings.append(c); lines.append("'decimal comma' (\(a.example) is \(c))") }
        report(.ambiguousNumbers, d.declaration,
               "column '\(column.name)' of \(d.path) holds numbers such as '\(a.example)' that read as \(readings.joined(separator: " or ")), and nothing in the file tells which",
               hint: "say how the file writes numbers: add \(lines.joined(separator: " or ")) under data \(d.name)")
    }

    /// Gives each column with no value in the sample the type of its use in the spec.
    private func typingEmptyColumns(of schema: TableSchema) -> TableSchema {
        var result = schema
        for column in schema.columns where column.isEmptyInSample {
            let key = Name.matchKey(column.name)
            result = result.withType(columnUses[key] ?? .text, forColumn: column.index)
        }
        return result
    }

    private mutating func roleColumn(_ name: Name?, in schema: TableSchema, role: String, accept: Set<ColumnType>) -> Int? {
        guard let name else { return nil }
        guard let column = schema.column(named: name.text) else {
            report(.unknownColumn, name.range, "no column '\(name.text)' in \(schema.path)",
                   hint: didYouMean(name.text, schema.columns.map(\.name)) ?? "the columns are \(schema.columns.map(\.name).joined(separator: ", "))")
            return nil
        }
        if !accept.contains(column.type) {
            if role == "time" {
                // Quote a value that is not a period and list what is.
                let offending = column.sampleDistinctValues.first { value in
                    Array(value.utf8).withUnsafeBytes { FieldDecoding.period($0) } == nil
                }
                let shown = offending.map { ": '\($0)' is not a period" } ?? ""
                report(.argumentType, name.range, "\(role) column '\(column.name)' holds \(column.type.rawValue) values\(shown)",
                       have: column.type.rawValue, want: "periods",
                       hint: "periods are written \(Period.dataSpellings)")
                return nil
            }
            let wanted: String = switch role {
            case "weight", "unit": "numbers"
            default: "names or codes"
            }
            report(.argumentType, name.range, "\(role) column '\(column.name)' holds \(column.type.rawValue) values",
                   have: column.type.rawValue, want: wanted)
            return nil
        }
        return column.index
    }

    // MARK: Targets and goals

    private mutating func checkItem(_ d: Declaration) -> CheckedItem? {
        switch d {
        case .target(let t):
            return checkTarget(t).map { .target($0) }
        case .goal(let g):
            var children: [CheckedItem] = []
            for child in g.children {
                if let c = checkItem(child) { children.append(c) }
            }
            if g.children.isEmpty {
                report(.emptyGoal, g.title.range, "goal \"\(g.title.value)\" has no targets or goals",
                       hint: "a goal without children has no data, never a verdict of met", severity: .warning)
            }
            if case .atLeast(let k) = g.rule, k > g.children.count, let r = g.ruleRange {
                report(.goalRuleUnreachable, r, "goal needs \(k) of its children met but has only \(g.children.count)",
                       severity: .warning)
            }
            return .goal(CheckedGoal(title: g.title.value, rule: g.rule, children: children, range: g.range))
        case .spec, .import, .data, .group, .define:
            return nil
        }
    }

    private mutating func checkTarget(_ t: TargetDeclaration) -> CheckedTarget? {
        defineExpansions = 0
        reportedTooDeep = false
        if let previous = targetIDs[t.id.text] {
            report(.duplicateTargetID, t.id.range, "target id '\(t.id.text)' is used twice",
                   notes: [DiagnosticNote("first used here", at: .source(previous))])
        } else {
            targetIDs[t.id.text] = t.id.range
        }
        guard let datasetNumber = resolveTargetData(t) else { return nil }
        let dataset = datasets[datasetNumber]
        var scope = Scope(dataset: datasetNumber, schema: dataset.schema)

        var focus: Focus? = nil
        if let f = t.focus {
            if let column = lookupColumn(f.column, in: dataset.schema) {
                focus = Focus(column: column.index, columnName: column.name, values: f.values.map(\.value), valueRanges: f.values.map(\.range), range: f.range)
                if column.type != .text && column.type != .integer {
                    report(.argumentType, f.column.range, "'for' selects by a column of names or codes; '\(column.name)' holds \(column.type.rawValue) values",
                           hint: "use 'where' for conditions on values")
                }
                checkValuesOccur(f.values, column: column, schema: dataset.schema)
            }
        }
        scope.focus = focus

        var filter: RowExpr? = nil
        if let w = t.filter {
            let checked = checkRow(w, scope: scope)
            if checked.type != .bool && checked.type != .invalid {
                report(.notACondition, w.range, "'where' needs a condition, not a \(checked.type) value",
                       have: checked.type.description, want: "Bool")
            } else if let e = checked.expr {
                filter = e
                if let time = dataset.time, e.columns.contains(time) {
                    let name = dataset.schema.columns[time].name
                    report(.filterOnTime, w.range, "'where' on the time column '\(name)' does not choose the period evaluated",
                           hint: "a target is evaluated at one period, the latest in the data unless it says 'at'; to evaluate a year or quarter, write 'at 2024' in the target",
                           severity: .warning)
                }
            }
        }

        var period: Period? = nil
        if let p = t.period {
            period = parsePeriod(p.value, range: p.range)
            if let period { checkGranularity(period, range: p.range, dataset: dataset) }
            if dataset.time == nil && !rejectedTime.contains(datasetNumber) {
                report(.timeWithoutTimeColumn, p.range, "'at' needs a time column, and data \(dataset.name) declares none",
                       hint: "add 'time COLUMN' under data \(dataset.name)")
            }
        }

        var breakdown: [Int] = []
        for b in t.breakdown {
            if let column = lookupColumn(b, in: dataset.schema) { breakdown.append(column.index) }
        }

        guard let condition = t.condition else { return nil }
        let checked = checkCondition(condition, scope: scope)
        let risk = t.riskMargin.flatMap { checkRiskMargin($0, condition: checked) }
        return CheckedTarget(id: t.id.text, title: t.title?.value, range: t.range, dataset: datasetNumber,
                             focus: focus, filter: filter, filterRange: t.filter?.range, period: period, breakdown: breakdown, riskMargin: risk,
                             condition: checked, conditionText: text(condition.range))
    }

    /// The dataset a target reads: its `data` clause, or the only dataset of the spec.
    private mutating func resolveTargetData(_ t: TargetDeclaration) -> Int? {
        if let name = t.data {
            usedDatasets.insert(name.matchKey)
            guard let entry = datasetIndex[name.matchKey] else {
                report(.unknownDataset, name.range, "unknown dataset '\(name.text)'",
                       hint: didYouMean(name.text, datasetNames) ?? (datasetNames.isEmpty ? "declare it with data \(name.text) from \"file.csv\"" : "the datasets are \(datasetNames.joined(separator: ", "))"))
                return nil
            }
            return entry
        }
        if datasetIndex.count == 1, let only = datasetIndex.values.first {
            usedDatasets.formUnion(datasetIndex.keys)
            return only
        }
        report(.ambiguousDataset, t.id.range,
               datasetIndex.isEmpty ? "target \(t.id.text) has no data to read" : "target \(t.id.text) does not say which dataset it reads",
               hint: datasetIndex.isEmpty ? "declare data NAME from \"file.csv\"" : "add a line 'data NAME' with one of: \(datasetNames.joined(separator: ", "))")
        return nil
    }

    /// Checks `at risk within M`: M must be a literal in the unit of the condition's margins.
    mutating func checkRiskMargin(_ e: Expr, condition: Condition) -> Exact? {
        guard let (value, type) = checkLiteral(e), case .number(let x) = value else {
            report(.argumentType, e.range, "'at risk within' needs a literal margin such as 0.5pp")
            return nil
        }
        if type == .invalid { return nil }
        func marginTypes(_ c: Condition) -> [GoalType] {
            switch c {
            case .compare(_, let l, _, _, _): [Self.type(of: l) == .share ? .points : Self.type(of: l)]
            case .quantifier: [.points]
            case .trend(let q, _, _, _, _): [Self.type(of: q) == .share ? .points : Self.type(of: q)]
            case .and(let a, let b), .or(let a, let b): marginTypes(a) + marginTypes(b)
            case .not(let a): marginTypes(a)
            case .invalid: []
            }
        }
        let wanted = Set(marginTypes(condition))
        if let w = wanted.first, wanted.count == 1, w != type, !(w == .count && type == .number), !(w == .number && type == .count) {
            report(.comparisonMismatch, e.range, "the margin of this target is in \(w), not \(type)", have: type.description, want: w.description,
                   hint: w == .points ? "margins of shares are percentage points: at risk within 0.5pp" : nil)
            return nil
        }
        if x < .zero {
            report(.ratioOutOfRange, e.range, "a risk margin cannot be negative")
            return nil
        }
        return x
    }

    /// The type of a checked quantity.
    static func type(of q: Quantity) -> GoalType {
        switch q {
        case .literal(_, let t, _): t
        case .measure(let m, _, _): m.type
        case .peer(_, let inner, _, _, _, _), .pooled(let inner, _, _, _, _): type(of: inner)
        case .arithmetic(_, _, _, let t), .change(_, let t): t
        case .negate(let a), .at(let a, _): type(of: a)
        case .growth: .share
        }
    }

    func lookupColumnQuietly(_ name: Name, in schema: TableSchema) -> ColumnSchema? {
        schema.column(named: name.text)
    }

    mutating func lookupColumn(_ name: Name, in schema: TableSchema) -> ColumnSchema? {
        if let c = schema.column(named: name.text) { return c }
        report(.unknownColumn, name.range, "no column '\(name.text)' in \(schema.path)",
               hint: didYouMean(name.text, schema.columns.map(\.name)) ?? "the columns are \(schema.columns.map(\.name).joined(separator: ", "))")
        return nil
    }

    /// Reports values that the data sample proves never occur in a column.
    mutating func checkValuesOccur(_ values: [StringLiteral], column: ColumnSchema, schema: TableSchema) {
        guard schema.sampleCoversWholeFile, !column.isEmptyInSample,
              column.type == .text || column.type == .integer else { return }
        let known = Set(column.sampleDistinctValues)
        for v in values where !known.contains(v.value) {
            report(.unknownValue, v.range, "'\(v.value)' never occurs in column '\(column.name)' of \(schema.path)",
                   hint: didYouMean(v.value, column.sampleDistinctValues).map { $0 } ?? "the values are \(column.sampleDistinctValues.prefix(12).joined(separator: ", "))")
        }
    }

    /// Reports a period finer than the data's time column (a month asked of quarterly data);
    /// a coarser one (a year of quarters) gathers the finer periods and is fine.
    mutating func checkGranularity(_ period: Period, range: SourceRange, dataset: DatasetBinding, describe: String? = nil) {
        guard let t = dataset.time, dataset.schema.columns.indices.contains(t) else { return }
        let periods = dataset.schema.columns[t].sampleDistinctValues.compactMap { Period(parsing: $0) }
        guard let finest = periods.map(\.granularity).max(), period.granularity > finest else { return }
        // The spec's spelling of a period the data have: 01.07.2024 in the data is 2024-07-01 in a spec.
        let latest = periods.filter { $0.granularity == finest }.max()
        func name(_ g: Period.Granularity) -> String {
            switch g {
            case .year: "years"
            case .half: "half-years"
            case .quarter: "quarters"
            case .month: "months"
            case .day: "days"
            }
        }
        report(.periodMismatch, range, "\(describe ?? period.description) is finer than the data: column '\(dataset.schema.columns[t].name)' holds \(name(finest))",
               hint: describe != nil ? "count the window in \(name(finest)): over last 4 \(finest == .half ? "halves" : name(finest))"
                   : "ask for a period the data have, such as \(latest.map(\.description) ?? "a \(name(finest).dropLast())")")
    }

    mutating func parsePeriod(_ text: String, range: SourceRange) -> Period? {
        if let p = Period(parsing: text) { return p }
        report(.invalidPeriod, range, "'\(text)' is not a period",
               hint: "periods are written \(Period.specSpellings)")
        return nil
    }

    /// The group bound to a name in a dataset, reporting unknown names.
    mutating func resolveGroup(_ name: Name, scope: Scope, report shouldReport: Bool = true) -> GroupBinding? {
        guard let g = groupDeclarations[name.matchKey] else {
            if shouldReport {
                report(.unknownGroup, name.range, "unknown group '\(name.text)'",
                       hint: didYouMean(name.text, groupDeclarations.values.sorted { $0.range < $1.range }.map(\.name.text)) ?? "declare it with group \(name.text) = column in [\"a\", \"b\"]")
            }
            return nil
        }
        usedNames.insert(name.matchKey)
        if g.isBroken { return nil }
        if let bound = groups[name.matchKey]?[scope.dataset] { return bound }
        guard let column = lookupColumn(g.column, in: scope.schema) else { return nil }
        checkValuesOccur(g.members, column: column, schema: scope.schema)
        if g.members.isEmpty {
            report(.groupTooSmall, g.name.range, "group '\(g.name.text)' has no members", severity: .warning)
        }
        let binding = GroupBinding(name: g.name.text, column: column.index, columnName: column.name,
                                   members: g.members.map(\.value), memberRanges: g.members.map(\.range), range: g.name.range)
        groups[name.matchKey, default: [:]][scope.dataset] = binding
        return binding
    }
}

/// What names resolve against while checking one target.
struct Scope {
    var dataset: Int
    var schema: TableSchema
    var focus: Focus? = nil
}

/// The measure census of defines, shared by the copies of one `Checker`.
final class CensusCache {
    var counts: [String: (measures: Int, peers: Int)] = [:]
}
