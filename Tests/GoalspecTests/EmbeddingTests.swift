import Foundation
import Testing
import Goalspec

/// `Runner.run(spec:data:)`: a spec as text with data in memory, and the README's example.
@Suite struct EmbeddingTests {
    static let repoRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()

    static let spec = """
        spec "Employment"

        data employment from "employment.csv"
          entity city
          time quarter
          weight persons

        target job "At least 86% in job"
          for city = "Aarhus"
          share(job) >= 86%
          at risk within 0.5pp
        """

    /// The lines of the example function between its markers, one indentation level removed.
    static func exampleLines() throws -> [String] {
        let source = try String(contentsOf: testsDirectory.appendingPathComponent("EmbeddingReadmeExample.swift"), encoding: .utf8)
        let lines = source.components(separatedBy: "\n")
        let begin = try #require(lines.firstIndex(of: "    // README begin"))
        let end = try #require(lines.firstIndex(of: "    // README end"))
        return lines[(begin + 1)..<end].map { $0.hasPrefix("    ") ? String($0.dropFirst(4)) : $0 }
    }

    @Test func readmeShowsTheExampleVerbatim() throws {
        let readme = try String(contentsOf: Self.repoRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let block = "```swift\nimport Goalspec\n\n" + (try Self.exampleLines()).joined(separator: "\n") + "\n```\n"
        #expect(readme.contains(block), "README.md's embedding example differs from EmbeddingReadmeExample.swift")
    }

    @Test func readmeExampleRunsAndMeetsItsTarget() {
        let (verdict, status, run) = readmeEmbeddingExample()
        #expect(run.diagnostics.isEmpty)
        #expect(verdict == .met)
        #expect(status == .success)
        #expect(run.exitStatus == 0)
    }

    /// The same rows as CSV text, as rows of fields and as JSON give the same verdict.
    @Test(arguments: [
        ("csv", DataInput.csv("city,quarter,job,persons\nAarhus,2024K3,1,8600\nAarhus,2024K3,0,1400\n")),
        ("rows", DataInput.rows(columns: ["city", "quarter", "job", "persons"],
                                rows: [["Aarhus", "2024K3", "1", "8600"], ["Aarhus", "2024K3", "0", "1400"]])),
        ("json", DataInput.json(#"[{"city":"Aarhus","quarter":"2024K3","job":1,"persons":8600},{"city":"Aarhus","quarter":"2024K3","job":0,"persons":1400}]"#)),
    ])
    func everyInputFormReadsTheSameRows(form: String, input: DataInput) throws {
        let run = Runner.run(spec: Self.spec, data: ["employment": input])
        #expect(run.diagnostics.isEmpty, "\(form): \(run.diagnostics.map(\.message))")
        let target = try #require(targets(run)["job"])
        #expect(target.verdict == .atRisk, "\(form)")
        #expect(target.explanation.measures.first?.value == Exact(43, 50), "\(form)")
    }

    /// `strict` decides whether at risk passes, as `goalspec check --strict` does.
    @Test(arguments: [(false, Goalspec.ExitStatus.success), (true, Goalspec.ExitStatus.notMet)])
    func exitStatusFollowsTheStrictRule(strict: Bool, expected: Goalspec.ExitStatus) {
        var options = Runner.Options()
        options.strict = strict
        let run = Runner.run(spec: Self.spec, data: ["employment": .csv("city,quarter,job,persons\nAarhus,2024K3,1,86\nAarhus,2024K3,0,14\n")],
                             options: options)
        #expect(run.status == expected)
    }

    @Test func fieldsWithTabsQuotesAndNewlinesStayOneField() throws {
        let spec = """
            data notes from "notes.csv"
              entity city

            target n "Every row counted"
              for city = "Aarhus"
              count() >= 3
            """
        let rows = DataInput.rows(columns: ["city", "note"],
                                  rows: [["Aarhus", "a\tb"], ["Aarhus", "say \"hi\""], ["Aarhus", "two\nlines"], ["Odense", ""]])
        let run = Runner.run(spec: spec, data: ["notes": rows])
        #expect(run.diagnostics.filter { $0.severity == .error }.isEmpty, "\(run.diagnostics.map(\.message))")
        #expect(targets(run)["n"]?.explanation.measures.first?.value == Exact(3))
    }

    @Test func aMissingDatasetIsALocatedErrorAndNoFileIsRead() throws {
        // A file of that name in the current folder must not be read.
        let run = Runner.run(spec: Self.spec, data: [:])
        let d = try #require(run.diagnostics.first { $0.code == .dataFileNotFound })
        #expect(d.message == "no data given for dataset 'employment'")
        #expect(d.sourceRange != nil)
        #expect(run.status == .unusable)
    }

    @Test func anUndeclaredNameIsAnErrorWithTheClosestName() throws {
        let run = Runner.run(spec: Self.spec, data: ["employment": .csv("city,quarter,job,persons\nAarhus,2024K3,1,1\n"),
                                                     "employmnt": .csv("a\n1\n")])
        let d = try #require(run.diagnostics.first { $0.code == .unknownDataset })
        #expect(d.message.contains("'employmnt'"))
        #expect(d.hint == "did you mean 'employment'?")
        #expect(run.status == .unusable)
    }

    @Test func anImportIsAnErrorAtTheImport() throws {
        let run = Runner.run(spec: "import \"common.goal\"\n" + Self.spec,
                             data: ["employment": .csv("city,quarter,job,persons\nAarhus,2024K3,1,1\n")])
        let d = try #require(run.diagnostics.first { $0.code == .importNotFound })
        let range = try #require(d.sourceRange)
        #expect(run.sources.file(range.file)?.line(of: range.lowerBound) == 1)
        #expect(run.status == .unusable)
    }

    @Test func aRaggedRowIsLocatedInTheNamedData() throws {
        let run = Runner.run(spec: Self.spec, named: "budget.goal",
                             data: ["employment": .csv("city,quarter,job,persons\nAarhus,2024K3,1,86\nAarhus,2024K3,0\n")])
        let d = try #require(run.diagnostics.first { $0.severity == .error })
        guard case .dataFile(let path, let line, _, _) = d.location else {
            Issue.record("expected a data location, got \(d.location)")
            return
        }
        #expect(path == "<employment>")
        #expect(line == 3)
        #expect(run.specs.first?.path == "budget.goal")
    }

    @Test func aSpecErrorIsLocatedInTheNamedSpec() throws {
        let run = Runner.run(spec: Self.spec.replacingOccurrences(of: "86%", with: "86pp"), named: "budget.goal",
                             data: ["employment": .csv("city,quarter,job,persons\nAarhus,2024K3,1,1\n")])
        let d = try #require(run.diagnostics.first { $0.severity == .error })
        let range = try #require(d.sourceRange)
        let file = try #require(run.sources.file(range.file))
        #expect(file.path == "budget.goal")
        #expect(file.line(of: range.lowerBound) == 10)
    }
}
