import Testing
@testable import Goalspec

/// `data NAME from table "SCHEMA.TABLE" in CONNECTION`: parsing, formatting, and `table` staying
/// a word elsewhere.
struct DataTableSyntaxTests {
    @Test("the table form gives the table as the path and the connection's name")
    func parses() throws {
        let (tree, diagnostics) = parse("data employment from table \"msb.employment\" in data warehouse\n  time quarter\n")
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        guard case .data(let d) = try #require(tree.declarations.first) else { Issue.record("not data"); return }
        #expect(d.path.value == "msb.employment")
        #expect(d.connection?.text == "data warehouse")
        #expect(d.time?.text == "quarter")
    }

    @Test("a file named table, and a dataset or column named table, are what they were")
    func tableStaysAWord() throws {
        let (tree, diagnostics) = parse("data table from \"table\"\n  time table\n")
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        guard case .data(let d) = try #require(tree.declarations.first) else { Issue.record("not data"); return }
        #expect(d.path.value == "table" && d.connection == nil && d.name.text == "table" && d.time?.text == "table")
    }

    @Test("a table without 'in CONNECTION', or without a connection name, is a syntax error", arguments: [
        "data e from table \"t\"\n", "data e from table \"t\" in\n", "data e from table \"t\" on warehouse\n",
    ])
    func incomplete(_ text: String) {
        let (_, diagnostics) = parse(text)
        #expect(diagnostics.map(\.code) == [.expectedToken], "\(diagnostics.map(\.message))")
    }

    @Test("fmt keeps the table form, with the block's lines")
    func formats() {
        #expect(formatted("data   employment from table  \"msb.employment\"   in `ware house`\n  weight persons\n")
                == "data employment from table \"msb.employment\" in `ware house`\n  weight persons\n")
    }
}
