import Foundation

/// Runs `.goaltest` files: each test evaluates its spec with the test's data (inline tables in
/// memory, files rebound like `--data`) at its period, and compares verdicts and figures.
public enum SpecTestRunner {
    /// The extension of test files.
    public static let fileExtension = "goaltest"

    /// Finds the test files named by paths (folders searched recursively, sorted) and runs them.
    public static func run(paths: [String]) -> SpecTestRun {
        var sources = SourceSet()
        var diagnostics: [Diagnostic] = []
        var files: [SpecTestFileResult] = []
        for path in testFiles(in: paths, diagnostics: &diagnostics) {
            guard let data = FileManager.default.contents(atPath: path) else {
                diagnostics.append(Diagnostic(.testFileMalformed, at: .file(path: path), "cannot read test file"))
                continue
            }
            let index = sources.add(SourceFile(path: path, bytes: [UInt8](data)))
            guard let source = sources.file(index) else { continue }
            if String(validating: source.bytes, as: UTF8.self) == nil {
                diagnostics.append(Diagnostic(.testFileMalformed, at: .file(path: path), "test file is not UTF-8",
                                              hint: "save it as UTF-8"))
                continue
            }
            var parser = SpecTestParser(source, file: index)
            let tests = parser.parse()
            diagnostics += parser.diagnostics
            let parsed = SpecTestFile(path: path, file: index, source: source, tests: tests)
            files.append(SpecTestFileResult(path: path, results: parsed.tests.map { run($0, in: parsed, diagnostics: &diagnostics) }))
        }
        // In file order, each file's problems by position.
        let ordered = diagnostics.enumerated().sorted { a, b in
            let (ra, rb) = (a.element.sourceRange, b.element.sourceRange)
            if let ra, let rb, ra.file != rb.file || ra.lowerBound != rb.lowerBound {
                return (ra.file, ra.lowerBound) < (rb.file, rb.lowerBound)
            }
            return a.offset < b.offset
        }.map(\.element)
        return SpecTestRun(sources: sources, diagnostics: ordered, files: files)
    }

    static func testFiles(in paths: [String], diagnostics: inout [Diagnostic]) -> [String] {
        var files: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                diagnostics.append(Diagnostic(.testFileMalformed, at: .file(path: path), "no such file or folder"))
                continue
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            var found: [String] = []
            if let e = fm.enumerator(atPath: path) {
                while let item = e.nextObject() as? String {
                    if item.hasSuffix("." + fileExtension) { found.append((path as NSString).appendingPathComponent(item)) }
                }
            }
            if found.isEmpty {
                diagnostics.append(Diagnostic(.testFileMalformed, at: .file(path: path), "no .\(fileExtension) files found"))
            }
            files += found.sorted()
        }
        return files
    }

    /// A path written in a test file, relative to the test file's folder.
    static func resolve(_ path: String, relativeTo testFile: String) -> String {
        if path.hasPrefix("/") { return path }
        let dir = (testFile as NSString).deletingLastPathComponent
        return Session.normalize(dir.isEmpty ? path : (dir as NSString).appendingPathComponent(path))
    }

    static func run(_ test: SpecTest, in file: SpecTestFile, diagnostics: inout [Diagnostic]) -> SpecTestResult {
        let specPath = resolve(test.spec.text, relativeTo: file.path)
        var result = SpecTestResult(name: test.name, file: file.path, line: lineNumber(test.range, file), spec: specPath,
                                    outcome: .passed)
        guard FileManager.default.fileExists(atPath: specPath) else {
            diagnostics.append(Diagnostic(.testNameUnknown, at: .source(test.spec.range), "spec file not found: \(specPath)",
                                          hint: "the spec's path is relative to the test file"))
            result.outcome = .unusable(nil)
            return result
        }
        // Fixture data must replace datasets the spec declares.
        let (declared, complete) = Runner.declaredDatasets(files: [specPath])
        var unknownName = false
        for data in test.data where complete && !declared.contains(where: { Name.matchKey($0) == Name.matchKey(data.name.text) }) {
            unknownName = true
            let hint = Suggestions.closest(to: data.name.text, among: declared).map { "did you mean '\($0)'?" }
                ?? (declared.isEmpty ? "the spec declares no dataset" : "the spec declares: " + declared.joined(separator: ", "))
            diagnostics.append(Diagnostic(.testNameUnknown, at: .source(data.name.range),
                                          "the spec declares no dataset '\(data.name.text)'", hint: hint))
        }
        if unknownName {
            result.outcome = .unusable(nil)
            return result
        }
        var options = Runner.Options()
        options.period = test.period
        var tables: [String: DataInput] = [:]
        for data in test.data {
            switch data.source {
            case .table(let csv): tables[data.name.text] = .csv(csv)
            case .file(let path): options.dataOverrides[data.name.text] = resolve(path.text, relativeTo: file.path)
            }
        }
        if !tables.isEmpty { options.inMemory = InMemoryInputs(spec: nil, data: tables) }
        let run = Runner.run(files: [specPath], options: options)
        if run.hasErrors {
            result.outcome = .unusable(run)
            return result
        }
        var targets: [String: TargetResult] = [:]
        var goals: [String: GoalResult] = [:]
        func visit(_ item: ItemResult) {
            switch item {
            case .target(let t): targets[Name.matchKey(t.id)] = t
            case .goal(let g):
                if goals[g.title] == nil { goals[g.title] = g }
                g.children.forEach(visit)
            }
        }
        run.specs.forEach { $0.items.forEach(visit) }
        let declaredTargets = run.specs.flatMap(\.declaredTargets)
        var failures: [ExpectationFailure] = []
        var unusable = false
        let renderer = ResultTextRenderer()
        for e in test.expectations {
            if e.isGoal {
                guard let goal = goals[e.target.text] else {
                    unusable = true
                    diagnostics.append(Diagnostic(.testNameUnknown, at: .source(e.target.range),
                                                  "the spec has no goal \"\(e.target.text)\"",
                                                  hint: Suggestions.closest(to: e.target.text, among: goals.keys.sorted()).map { "did you mean \"\($0)\"?" }))
                    continue
                }
                if case .verdict(let expected) = e.kind, goal.verdict != expected {
                    failures.append(ExpectationFailure(line: lineNumber(e.range, file),
                                                       message: "goal \"\(goal.title)\": expected \(expected.rawValue), got \(goal.verdict.rawValue)",
                                                       report: renderer.render(.goal(goal), indent: "")))
                }
                continue
            }
            guard let target = targets[Name.matchKey(e.target.text)] else {
                unusable = true
                diagnostics.append(Diagnostic(.testNameUnknown, at: .source(e.target.range),
                                              "the spec has no target '\(e.target.text)'",
                                              hint: Suggestions.closest(to: e.target.text, among: declaredTargets).map { "did you mean '\($0)'?" }))
                continue
            }
            let report = renderer.render(.target(target), indent: "")
            let line = lineNumber(e.range, file)
            switch e.kind {
            case .verdict(let expected):
                if target.verdict != expected {
                    failures.append(ExpectationFailure(line: line, message: "\(target.id): expected \(expected.rawValue), got \(target.verdict.rawValue)",
                                                       report: report))
                }
            case .figure(let label, let expected):
                let figures = shownFigures(target)
                guard let shown = figures.first(where: { sameLabel($0.label, label.text) }) else {
                    unusable = true
                    let labels = figures.map(\.label)
                    diagnostics.append(Diagnostic(.testNameUnknown, at: .source(label.range),
                                                  "target \(target.id) shows no figure '\(label.text)'",
                                                  hint: Suggestions.closest(to: label.text, among: labels).map { "did you mean '\($0)'?" }
                                                    ?? (labels.isEmpty ? "it shows no figure" : "it shows: " + labels.joined(separator: ", "))))
                    continue
                }
                if shown.value != expected.trimmingCharacters(in: .whitespaces) {
                    failures.append(ExpectationFailure(line: line, message: "\(target.id): expected \(label.text) = \(expected), got \(shown.value)",
                                                       report: report))
                }
            }
        }
        if unusable {
            result.outcome = .unusable(nil)
        } else if !failures.isEmpty {
            result.outcome = .failed(failures)
        }
        return result
    }

    /// The figures a target's report shows, by label, as it shows them: each measure, and `margin`
    /// (of the first comparison that has one).
    static func shownFigures(_ t: TargetResult) -> [(label: String, value: String)] {
        var out: [(label: String, value: String)] = []
        for m in t.explanation.measures {
            out.append((m.label, m.value.map { ValueFormatting.format($0, as: m.type) } ?? "–"))
        }
        if let c = t.explanation.checks.first(where: { $0.margin != nil }), let margin = c.margin {
            out.append(("margin", ValueFormatting.signed(margin, as: c.marginType)))
        }
        return out
    }

    /// Labels compare without regard to spaces: `share( job )` is `share(job)`.
    static func sameLabel(_ a: String, _ b: String) -> Bool {
        a.filter { !$0.isWhitespace } == b.filter { !$0.isWhitespace }
    }

    static func lineNumber(_ range: SourceRange, _ file: SpecTestFile) -> Int {
        file.source.line(of: range.lowerBound)
    }
}
