import Foundation
import Testing
@testable import Goalspec

/// The server answers every request at every position of real and truncated specs without
/// trapping, and survives malformed messages.
@Suite struct LanguageServerRobustnessTests {
    static func message(_ method: String, id: Int?, _ params: JSONValue) -> [UInt8] {
        var pairs: [(String, JSONValue)] = [("jsonrpc", .string("2.0")), ("method", .string(method)), ("params", params)]
        if let id { pairs.append(("id", .integer(id))) }
        return Array(JSONValue.object(pairs).serialized(pretty: false).utf8)
    }

    static func at(_ uri: String, _ line: Int, _ character: Int) -> JSONValue {
        .object([("textDocument", .object([("uri", .string(uri))])),
                 ("position", .object([("line", .integer(line)), ("character", .integer(character))]))])
    }

    /// Every position (every third column, and past the ends) of the text, for each feature.
    static func sweep(_ server: inout LanguageServer, uri: String, text: String) -> Int {
        var answered = 0
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (l, line) in lines.enumerated() {
            for c in stride(from: 0, through: line.utf16.count + 2, by: 3) {
                for method in ["textDocument/hover", "textDocument/completion", "textDocument/definition"] {
                    let out = server.handle(message(method, id: 1, at(uri, l, c)))
                    if out.first?["result"] != nil { answered += 1 }
                }
            }
        }
        for method in ["textDocument/documentSymbol", "textDocument/formatting", "textDocument/codeLens"] {
            let out = server.handle(message(method, id: 2, .object([("textDocument", .object([("uri", .string(uri))]))])))
            if out.first?["result"] != nil { answered += 1 }
        }
        return answered
    }

    @Test(arguments: ["aarhus-msb-2026.goal", "region-midtjylland-2017.goal"])
    func everyPositionOfABundledSpec(name: String) throws {
        let path = LanguageServerTests.specsDirectory.appendingPathComponent(name).path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var server = LanguageServer()
        _ = server.handle(Self.message("initialize", id: 0, .object([("capabilities", .object([]))])))
        let uri = DocumentURI.uri(path, cwd: "/")
        _ = server.handle(Self.message("textDocument/didOpen", id: nil, .object([("textDocument", .object([("uri", .string(uri)), ("text", .string(text))]))])))
        let answered = Self.sweep(&server, uri: uri, text: text)
        #expect(answered > text.split(separator: "\n").count * 3)
        // Half-typed versions: the text cut at many points, each re-checked and swept at its end.
        let cuts = stride(from: 0, to: text.utf8.count, by: max(1, text.utf8.count / 16))
        for cut in cuts {
            let prefix = String(decoding: Array(text.utf8).prefix(cut), as: UTF8.self) + "\n  share(jo \"K"
            let out = server.handle(Self.message("textDocument/didChange", id: nil, .object([
                ("textDocument", .object([("uri", .string(uri))])), ("contentChanges", .array([.object([("text", .string(prefix))])])),
            ])))
            #expect(out.first?["method"]?.stringValue == "textDocument/publishDiagnostics")
            let lines = prefix.split(separator: "\n", omittingEmptySubsequences: false)
            for c in 0...((lines.last?.utf16.count ?? 0) + 1) {
                _ = server.handle(Self.message("textDocument/hover", id: 3, Self.at(uri, lines.count - 1, c)))
                _ = server.handle(Self.message("textDocument/completion", id: 4, Self.at(uri, lines.count - 1, c)))
            }
        }
    }

    @Test(arguments: [
        #"{"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":{"textDocument":{"uri":5},"position":{"line":-4,"character":"x"}}}"#,
        #"{"jsonrpc":"2.0","id":{"odd":true},"method":"textDocument/completion","params":[]}"#,
        #"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///%zz%/x.goal"}}}"#,
        #"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///nowhere.goal"},"contentChanges":[{"text":"target"}]}}"#,
        #"{"jsonrpc":"2.0","id":2,"method":"textDocument/definition","params":{"textDocument":{"uri":"file:///nowhere.goal"},"position":{"line":999999999,"character":999999999}}}"#,
        #"[1,2,3]"#,
        #"{"id":3}"#,
    ])
    func malformedMessagesAreAnswered(body: String) {
        var server = LanguageServer()
        _ = server.handle(Self.message("initialize", id: 0, .object([("capabilities", .object([]))])))
        let out = server.handle(Array(body.utf8))
        for reply in out { #expect(reply["jsonrpc"]?.stringValue == "2.0") }
        // The server still answers afterwards.
        #expect(server.handle(Self.message("shutdown", id: 9, .null)).first?["result"] == .null)
    }
}

/// The seeds of `fuzz-lsp` (Fuzz/corpus/lsp) through the same harness the fuzzer runs.
@Suite struct LSPFuzzSeedTests {
    static let corpus = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz").appendingPathComponent("corpus").appendingPathComponent("lsp")

    static var seeds: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []).sorted()
    }

    @Test func thereAreSeedsOfBothKinds() {
        #expect(Self.seeds.contains { $0.hasPrefix("spec-") })
        #expect(Self.seeds.contains { $0.hasPrefix("messages-") })
    }

    @Test("every fuzz-lsp seed runs through the harness without a failure", arguments: seeds)
    func seed(_ name: String) throws {
        let bytes = [UInt8](try Data(contentsOf: Self.corpus.appendingPathComponent(name)))
        #expect(fuzzLanguageServer(bytes) == [])
    }

    @Test func theSmallestInputsOfBothKindsKeepThePromises() {
        // No text and no message: initialize and shutdown must still be answered.
        #expect(fuzzLanguageServer([0]) == [])
        #expect(fuzzLanguageServer([1]) == [])
    }
}
