import Foundation
import Testing
@testable import Goalspec

/// Reads quoted tokens back as each engine's lexer does, to show that a dialect's quoting
/// round-trips every name and value and that the token ends exactly where the dialect ends it.
enum SQLTokenReader {
    /// The identifier at the start of `text` and the rest after it, or nil when it is not one.
    static func identifier(_ text: Substring, _ dialect: SQLDialectKind) -> (String, Substring)? {
        let quote: Character = dialect == .spark ? "`" : "\""
        return quoted(text, quote: quote, backslashEscapes: false)
    }

    /// The text literal at the start of `text` and the rest after it.
    static func string(_ text: Substring, _ dialect: SQLDialectKind) -> (String, Substring)? {
        switch dialect {
        case .duckdb:
            return quoted(text, quote: "'", backslashEscapes: false)
        case .postgresql:
            if text.hasPrefix("E'") { return quoted(text.dropFirst(), quote: "'", backslashEscapes: true) }
            return quoted(text, quote: "'", backslashEscapes: false)
        case .spark:
            // Spark's lexer: '\'' ( ~('\''|'\\') | ('\\' .) )* '\'' — no doubled quotes assumed.
            return quoted(text, quote: "'", backslashEscapes: true, doubling: false)
        }
    }

    private static func quoted(_ text: Substring, quote: Character, backslashEscapes: Bool, doubling: Bool = true) -> (String, Substring)? {
        guard text.first == quote else { return nil }
        var out = ""
        var i = text.index(after: text.startIndex)
        while i < text.endIndex {
            let c = text[i]
            if backslashEscapes && c == "\\" {
                let next = text.index(after: i)
                guard next < text.endIndex else { return nil }
                // Only the escapes the dialects write: \\ and \'.
                guard text[next] == "\\" || text[next] == "'" else { return nil }
                out.append(text[next])
                i = text.index(after: next)
                continue
            }
            if c == quote {
                let next = text.index(after: i)
                if doubling, next < text.endIndex, text[next] == quote {
                    out.append(quote)
                    i = text.index(after: next)
                    continue
                }
                return (out, text[next...])
            }
            out.append(c)
            i = text.index(after: i)
        }
        return nil
    }

    /// `sql` with every quoted identifier and literal replaced by `?`: what the engine reads as structure.
    static func structure(_ sql: String, _ dialect: SQLDialectKind) -> String? {
        var rest = Substring(sql)
        var out = ""
        while let c = rest.first {
            if c == "'" || (dialect == .postgresql && rest.hasPrefix("E'")) {
                guard let (_, after) = string(rest, dialect) else { return nil }
                out += "?"
                rest = after
            } else if c == (dialect == .spark ? "`" : "\"") {
                guard let (_, after) = identifier(rest, dialect) else { return nil }
                out += "?"
                rest = after
            } else {
                out.append(c)
                rest = rest.dropFirst()
            }
        }
        return out
    }
}

@Suite("SQL quoting against hostile names and values")
struct SQLInjectionTests {
    static let hostile = [
        "'; DROP TABLE x; --", "x\"; DROP TABLE x; --", "back`tick`", "``", "\"\"", "''", "\\", "\\'", "a\\' OR 1=1 --",
        "\\\\'", "æøå ÆØÅ", "line\nbreak", "/* comment */", "E'x'", "$$dollar$$", "tab\tnul", "😀", "",
        "\\u0041", "end\\",
    ]

    @Test("every identifier and literal round-trips through each dialect's quoting", arguments: SQLDialectKind.allCases)
    func roundTrip(_ kind: SQLDialectKind) throws {
        let dialect = kind.dialect
        for s in Self.hostile {
            let id = dialect.identifier(s)
            let (readID, afterID) = try #require(SQLTokenReader.identifier(Substring(id + " rest"), kind), "\(kind) identifier \(id)")
            #expect(readID == s)
            #expect(afterID == " rest")
            let literal = dialect.string(s)
            let (readLiteral, afterLiteral) = try #require(SQLTokenReader.string(Substring(literal + ", rest"), kind), "\(kind) literal \(literal)")
            #expect(readLiteral == s)
            #expect(afterLiteral == ", rest")
        }
    }

    @Test("Spark writes quotes in literals with a backslash, never doubled")
    func sparkLiteral() {
        #expect(SparkDialect().string("it's") == "'it\\'s'")
        #expect(SparkDialect().string("a\\b") == "'a\\\\b'")
        #expect(SparkDialect().identifier("a`b") == "`a``b`")
        #expect(PostgreSQLDialect().string("a\\b") == "E'a\\\\b'")
        #expect(PostgreSQLDialect().string("it's") == "'it''s'")
        #expect(DuckDBDialect().string("a\\'b") == "'a\\''b'")
    }

    /// A spec whose column names and filter values are hostile; its queries' structure (quoted
    /// tokens blanked) must be free of every hostile fragment, in every dialect.
    @Test("hostile column names and values never reach a query's structure", arguments: SQLDialectKind.allCases)
    func queryStructure(_ kind: SQLDialectKind) throws {
        let csv = """
        "'; DROP TABLE x; --",kvartal,"a""b",back\\slash,ærø,vægt
        "'; DROP TABLE y; --",2024K1,1,"x\\' OR 1=1 --",Æ,3
        "q""uote",2024K2,0,"\\\\",ø,2

        """
        let spec = """
        data d from "d.csv"
          entity `'; DROP TABLE x; --`
          time kvartal
          weight vægt

        target t "hostile"
          data d
          for `'; DROP TABLE x; --` = "'; DROP TABLE y; --"
          where `back\\slash` in ["x\\\\' OR 1=1 --", "\\\\", "'; DROP TABLE z; --", "\\"--"] and ærø != "Æ"
          share(`a"b`) >= 50%
        """
        let dir = try TempDir(["spec.goal": spec, "d.csv": csv])
        let run = Runner.run(files: [dir.path("spec.goal")], options: Runner.Options(checkOnly: true))
        let checked = try #require(run.specs.first?.checked, "\(renderedDiagnostics(run))")
        let tables: [String: SQLTableName] = ["d": SQLTableName(parts: ["sch\"; DROP", "t`'; --"])]
        for queries in SQLPushdown.compile(checked, tables: tables, dialect: kind.dialect) {
            let sql = queries.text.split(separator: "\n").filter { !$0.hasPrefix("--") }.joined(separator: "\n")
            let structure = try #require(SQLTokenReader.structure(sql, kind), "\(kind) query does not lex:\n\(sql)")
            for fragment in ["DROP", ";", "--", "1=1", "\\", "'", "æ", "Æ", "ø"] {
                #expect(!structure.dropLast().contains(fragment), "\(kind): '\(fragment)' outside quotes in\n\(structure)")
            }
            #expect(structure.hasSuffix(";"))
            // The values are in the query, quoted.
            #expect(sql.contains(kind.dialect.string("x\\' OR 1=1 --")))
            #expect(sql.contains(kind.dialect.string("'; DROP TABLE z; --")))
            #expect(sql.contains(kind.dialect.identifier("'; DROP TABLE x; --")))
        }
    }

    @Test("comment lines are single lines whatever the dataset and table are called")
    func comments() {
        let q = SQLDatasetQueries(dataset: "a\nDROP TABLE x; --", table: SQLTableName(parts: ["t\r\nDROP"]), dialect: .duckdb)
        let lines = q.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("-- dataset a?DROP"))
        #expect(SQLComment.safe("x\u{2028}y\u{85}z") == "x?y?z")
    }
}
