import Foundation
import Testing
@testable import Goalspec
@testable import GoalspecCLI

@Suite("goalspec sql")
struct SQLCLITests {
    static let msb = repositoryRoot.appendingPathComponent("Specs/aarhus-msb-2026.goal").path

    @Test("prints one aggregate query per dataset in the dialect asked for")
    func prints() {
        let (status, out) = CommandLineTool.run(["sql", Self.msb, "--dialect", "spark"])
        #expect(status == 0)
        #expect(out.stdout.contains("-- dataset employment: table `employment`"))
        #expect(out.stdout.contains("FROM `social`"))
        #expect(out.stdout.contains("GROUP BY GROUPING SETS ("))
        #expect(!out.stdout.contains("\""))
        #expect(out.stderr.isEmpty)
    }

    @Test("--table binds a dataset to a qualified table, each part quoted")
    func table() {
        let (status, out) = CommandLineTool.run(["sql", Self.msb, "--dialect=postgresql", "--table", "employment=jobindsats.beskæftigelse"])
        #expect(status == 0)
        #expect(out.stdout.contains("FROM \"jobindsats\".\"beskæftigelse\""))
        #expect(out.stdout.contains("FROM \"social\""))
        #expect(out.stdout.contains("COLLATE \"C\""))
    }

    @Test("a bad dialect, a missing one, a bad table and an unknown dataset are usage errors (64) with hints")
    func usage() {
        let bad = CommandLineTool.run(["sql", Self.msb, "--dialect", "postgres"])
        #expect(bad.status == 64)
        #expect(bad.output.stderr.contains("unknown dialect 'postgres'"))
        #expect(bad.output.stderr.contains("did you mean 'postgresql'?"))
        let typo = CommandLineTool.run(["sql", Self.msb, "--dialect", "duckbd"])
        #expect(typo.status == 64)
        #expect(typo.output.stderr.contains("did you mean 'duckdb'?"))
        let missing = CommandLineTool.run(["sql", Self.msb])
        #expect(missing.status == 64)
        #expect(missing.output.stderr.contains("--dialect duckdb, postgresql, spark"))
        let table = CommandLineTool.run(["sql", Self.msb, "--dialect", "duckdb", "--table", "employment=a..b"])
        #expect(table.status == 64)
        let unknown = CommandLineTool.run(["sql", Self.msb, "--dialect", "duckdb", "--table", "employmnt=x"])
        #expect(unknown.status == 64)
        #expect(unknown.output.stderr.contains("did you mean 'employment'?"))
        let none = CommandLineTool.run(["sql", "--dialect", "duckdb"])
        #expect(none.status == 64)
    }

    @Test("--help shows the usage; the main usage lists the command")
    func help() {
        let (status, out) = CommandLineTool.run(["sql", "--help"])
        #expect(status == 0)
        #expect(out.stdout.contains("goalspec sql SPEC --dialect duckdb|postgresql|spark"))
        #expect(CommandLineTool.run(["--help"]).output.stdout.contains("goalspec sql SPEC"))
    }

    @Test("a spec with errors prints its diagnostics and no SQL, exit 2")
    func errors() throws {
        let dir = try TempDir(["spec.goal": "data d from \"missing.csv\"\n\ntarget t\n  data d\n  count() >= 1\n"])
        let (status, out) = CommandLineTool.run(["sql", dir.path("spec.goal"), "--dialect", "duckdb"])
        #expect(status == 2)
        #expect(out.stdout.isEmpty)
        #expect(out.stderr.contains("error"))
    }

    @Test("the default table is the dataset name in lower case, other characters as _")
    func defaultTable() {
        #expect(SQLTableName.default(for: "Employment-2024").parts == ["employment_2024"])
        #expect(SQLTableName.default(for: "sundhedsøkonomi").parts == ["sundhedsøkonomi"])
        #expect(SQLTableName(parsing: "a.b")?.parts == ["a", "b"])
        #expect(SQLTableName(parsing: ".b") == nil)
    }
}
