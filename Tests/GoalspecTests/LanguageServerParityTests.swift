import Foundation
import Testing
@testable import Goalspec

/// The server's diagnostics are `goalspec check`'s: the same codes at the same spots, on every
/// case of the golden diagnostics corpus and every bundled spec; and re-checking while typing
/// reads no data.
@Suite struct LanguageServerParityTests {
    struct Spot: Hashable, CustomStringConvertible {
        var code: String, line: Int, character: Int, severity: Int
        var description: String { "\(code)@\(line):\(character)/\(severity)" }
    }

    /// The spots `goalspec check` reports in the spec file itself, columns turned into UTF-16 units.
    static func checkSpots(_ path: String) -> (spots: [Spot], capped: Bool) {
        let run = Runner.run(files: [path])
        var spots: [Spot] = []
        for d in run.diagnostics {
            guard case .source(let r) = d.location, let file = run.sources.file(r.file), file.path == path else { continue }
            let (line, column) = file.lineColumn(of: r.lowerBound)
            let prefix = String(file.lineText(line).prefix(column - 1))
            let severity = d.severity == .error ? 1 : d.severity == .warning ? 2 : 3
            spots.append(Spot(code: d.code.rawValue, line: line - 1, character: prefix.utf16.count, severity: severity))
        }
        return (spots, run.omittedDiagnostics > 0)
    }

    /// The spots the server publishes on opening the spec, for diagnostics located in it.
    static func serverSpots(_ path: String, text: String) -> [Spot] {
        var server = LanguageServer()
        _ = server.handle(Array(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#.utf8))
        let open = JSONValue.object([("jsonrpc", .string("2.0")), ("method", .string("textDocument/didOpen")),
                                     ("params", .object([("textDocument", .object([("uri", .string(DocumentURI.uri(path, cwd: "/"))),
                                                                                   ("text", .string(text))]))]))])
        let messages = server.handle(Array(open.serialized(pretty: false).utf8))
        let diagnostics = messages.first?["params"]?["diagnostics"]?.arrayValue ?? []
        return diagnostics.compactMap { d in
            // Diagnostics shown on an import or data line start with where they really are.
            guard let message = d["message"]?.stringValue, !message.hasPrefix("/"), !message.hasPrefix("."),
                  let code = d["code"]?.stringValue,
                  let line = d["range"]?["start"]?["line"]?.intValue,
                  let character = d["range"]?["start"]?["character"]?.intValue,
                  let severity = d["severity"]?.intValue else { return nil }
            return Spot(code: code, line: line, character: character, severity: severity)
        }
    }

    static let corpus: [String] = GoldenCase.all.map(\.specPath)
        + ((try? FileManager.default.contentsOfDirectory(atPath: LanguageServerTests.specsDirectory.path)) ?? [])
            .filter { $0.hasSuffix(".goal") }.sorted().map { LanguageServerTests.specsDirectory.appendingPathComponent($0).path }

    @Test(arguments: corpus)
    func sameDiagnosticsAsCheck(path: String) throws {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return } // not UTF-8: no editor sends it
        let (expected, capped) = Self.checkSpots(path)
        let actual = Self.serverSpots(path, text: text)
        if capped {
            #expect(Set(expected).isSubset(of: Set(actual)))
        } else {
            #expect(actual.sorted { $0.description < $1.description } == expected.sorted { $0.description < $1.description })
        }
    }

    @Test func corpusIsLarge() {
        #expect(Self.corpus.count >= GoldenCase.minimumCount + 6)
    }

    /// The Evaluate lens of every target and goal of the bundled specs shows the verdict
    /// `goalspec check Specs` gives (Specs/expected-verdicts.txt, which CI checks against check).
    @Test func codeLensVerdictsMatchExpectedVerdicts() throws {
        let root = LanguageServerTests.specsDirectory.deletingLastPathComponent()
        let listing = try String(contentsOf: LanguageServerTests.specsDirectory.appendingPathComponent("expected-verdicts.txt"), encoding: .utf8)
        var expected: [String: String] = [:]
        for line in listing.split(separator: "\n") where !line.hasPrefix("#") {
            guard let verdict = ["not met", "no data", "at risk", "met", "error"].first(where: { line.hasSuffix(" " + $0) }) else { continue }
            expected[String(line.dropLast(verdict.count + 1))] = verdict
        }
        let badges = ["met": "✓ met", "at risk": "~ at risk", "not met": "✗ not met", "no data": "? no data", "error": "! error"]
        var server = LanguageServer()
        _ = server.handle(Array(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#.utf8))
        var seen = 0
        for file in Set(expected.keys.compactMap { $0.split(separator: " ").first.map(String.init) }).sorted() {
            let path = root.appendingPathComponent(file).path
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let source = SourceFile(path: path, text: text)
            let uri = DocumentURI.uri(path, cwd: "/")
            func send(_ m: JSONValue) -> [JSONValue] { server.handle(Array(m.serialized(pretty: false).utf8)) }
            _ = send(.object([("jsonrpc", .string("2.0")), ("method", .string("textDocument/didOpen")),
                              ("params", .object([("textDocument", .object([("uri", .string(uri)), ("text", .string(text))]))]))]))
            let lenses = send(.object([("jsonrpc", .string("2.0")), ("id", .integer(2)), ("method", .string("textDocument/codeLens")),
                                       ("params", .object([("textDocument", .object([("uri", .string(uri))]))]))])).first?["result"]?.arrayValue ?? []
            for lens in lenses {
                let start = source.offset(of: EditorPosition(line: lens["range"]?["start"]?["line"]?.intValue ?? 0,
                                                             character: lens["range"]?["start"]?["character"]?.intValue ?? 0))
                let end = source.offset(of: EditorPosition(line: lens["range"]?["end"]?["line"]?.intValue ?? 0,
                                                           character: lens["range"]?["end"]?["character"]?.intValue ?? 0))
                var name = source.text(in: SourceRange(file: 0, start, end))
                if name.hasPrefix("\"") { name = "goal:" + SpecParser.parse(SourceFile(path: "", text: "spec \(name)\n"), file: 0).tree.declarations.compactMap { d -> String? in
                    if case .spec(let s) = d { return s.title.value }
                    return nil
                }.joined() }
                let title = lens["command"]?["title"]?.stringValue ?? ""
                let verdict = try #require(expected["\(file) \(name)"], "no expected verdict for \(file) \(name)")
                #expect(title.hasPrefix(badges[verdict] ?? "?"), "\(file) \(name): lens '\(title)', check says \(verdict)")
                seen += 1
            }
        }
        #expect(seen == expected.count)
    }

    /// Typing re-checks every bundled spec without reading data again, fast; saving evaluates.
    @Test func recheckWhileTypingReadsNoData() throws {
        var server = LanguageServer()
        _ = server.handle(Array(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#.utf8))
        let specs = Self.corpus.filter { $0.hasPrefix(LanguageServerTests.specsDirectory.path) }
        var times: [Double] = []
        for path in specs {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let uri = DocumentURI.uri(path, cwd: "/")
            func send(_ method: String, _ params: [(String, JSONValue)]) -> [JSONValue] {
                let m = JSONValue.object([("jsonrpc", .string("2.0")), ("method", .string(method)), ("params", .object(params))])
                return server.handle(Array(m.serialized(pretty: false).utf8))
            }
            _ = send("textDocument/didOpen", [("textDocument", .object([("uri", .string(uri)), ("text", .string(text))]))])
            let schemaReads = server.dataCache.schemaReads, scanReads = server.dataCache.scanReads
            for i in 0..<5 {
                let edited = text + "\n# edit \(i)\n"
                let out = send("textDocument/didChange", [("textDocument", .object([("uri", .string(uri))])),
                                                          ("contentChanges", .array([.object([("text", .string(edited))])]))])
                #expect(out.first?["params"]?["diagnostics"]?.arrayValue?.contains { $0["severity"]?.intValue == 1 } == false)
                times.append(server.lastAnalysisMilliseconds)
            }
            #expect(server.dataCache.schemaReads == schemaReads, "typing read a schema again: \(path)")
            #expect(server.dataCache.scanReads == scanReads, "typing scanned data again: \(path)")
        }
        times.sort()
        let median = times[times.count / 2], worst = times.last ?? 0
        print("goalspec lsp re-check of \(specs.count) bundled specs, \(times.count) edits: median \(String(format: "%.1f", median)) ms, max \(String(format: "%.1f", worst)) ms")
        // Generous for a debug build on a shared machine; the release figure is in editors/README.md.
        #expect(median < 500)
    }
}
