import Foundation
import Testing
@testable import Goalspec

/// The language server driven as an editor drives it: framed JSON-RPC over pipes.
@Suite struct LanguageServerTests {
    static let specsDirectory = testsDirectory.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Specs")
    static let msb = specsDirectory.appendingPathComponent("aarhus-msb-2026.goal").path

    func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    func hoverText(_ result: JSONValue) -> String { result["contents"]?["value"]?.stringValue ?? "" }

    func lensTitles(_ client: LanguageServerClient, _ path: String) throws -> [String] {
        try client.document("textDocument/codeLens", path).arrayValue?.compactMap { $0["command"]?["title"]?.stringValue } ?? []
    }

    @Test func specOnDiskFromOpenToExit() throws {
        let client = LanguageServerClient()
        let initialize = try client.initialize()
        #expect(initialize["capabilities"]?["hoverProvider"]?.boolValue == true)
        #expect(initialize["capabilities"]?["positionEncoding"]?.stringValue == "utf-16")
        let source = try text(Self.msb)
        client.open(Self.msb, text: source)
        #expect(try client.diagnostics(for: LanguageServerClient.uri(Self.msb)).isEmpty)

        // Hover on share(job): its value on the data, with n and period.
        let hover = hoverText(try client.at("textDocument/hover", Self.msb, source, "share(job) >=", shift: 2))
        #expect(hover.contains("Type: **Share**"))
        #expect(hover.contains("share(job) = 86.2% (198260 of 230000 persons, 2 rows, 2024K3)"))
        // On a group: its members; on a column: its type and values.
        let group = hoverText(try client.at("textDocument/hover", Self.msb, source, "6byer", occurrence: 2))
        #expect(group.contains("København, Odense, Aalborg, Esbjerg, Randers, Vejle"))
        let column = hoverText(try client.at("textDocument/hover", Self.msb, source, "city = \"Aarhus\""))
        #expect(column.contains("column **city**") && column.contains("`Aarhus`") && column.contains("text"))

        // An expression's type and unit; a define's body and type; a target's verdict.
        let points = hoverText(try client.at("textDocument/hover", Self.msb, source, "1.0pp", shift: 1))
        #expect(points.contains("Type: **Points**") && points.contains("percentage points"))
        let sum = hoverText(try client.at("textDocument/hover", Self.msb, source, "+ 1.0pp"))
        #expect(sum.contains("`avg(6byer) + 1.0pp`") && sum.contains("Type: **Share**"))
        let define = hoverText(try client.at("textDocument/hover", Self.msb, source, "reach goal", occurrence: 2))
        #expect(define.contains("define **reach goal** = `reached == 1`") && define.contains("Type: **Bool**"))
        let peer = hoverText(try client.at("textDocument/hover", Self.msb, source, "avg(6byer)", shift: 1))
        #expect(peer.contains("avg(6byer) = 84.9% (12 rows, 2024K3)") && peer.contains("København 85.5%"))

        // A quantifier shows the share it measures, per part of a `by`.
        let quantifier = hoverText(try client.at("textDocument/hover", Self.msb, source, "atLeast 7/10 reach goal", occurrence: 2))
        #expect(quantifier.contains("dimension = learning: "))
        #expect(quantifier.contains("= 67.73% (1016 of 1500 citizens, 2024K3)"))

        // Go to the data block from a target's data line.
        let data = try client.at("textDocument/definition", Self.msb, source, "data employment", shift: 5, occurrence: 2)
        #expect(data["range"]?["start"]?["line"]?.intValue == LanguageServerClient.position(of: "data employment from", in: source).line)

        // Go to the define from its use.
        let definition = try client.at("textDocument/definition", Self.msb, source, "reach goal", occurrence: 2)
        #expect(definition["uri"]?.stringValue == LanguageServerClient.uri(Self.msb))
        let declared = LanguageServerClient.position(of: "reach goal = reached", in: source)
        #expect(definition["range"]?["start"]?["line"]?.intValue == declared.line)
        #expect(definition["range"]?["start"]?["character"]?.intValue == declared.character)

        // The Evaluate lens: verdict and margin.
        let titles = try lensTitles(client, Self.msb)
        #expect(titles.first == "✓ met +0.3pp")
        #expect(titles.contains("✗ not met -0.78pp"))
        #expect(titles.contains("✗ not met 1 of 3 parts"))

        let symbols = try client.document("textDocument/documentSymbol", Self.msb).arrayValue ?? []
        #expect(symbols.contains { $0["name"]?.stringValue == "job" && $0["kind"]?.intValue == 24 })

        #expect(try client.request("shutdown") == .null)
        client.notify("exit", .null)
        #expect(client.exitStatus() == 0)
    }

    /// The same with an unsaved buffer whose text differs from the file on disk: the buffer is
    /// checked, evaluated on open, completed, formatted; the disk file is not read.
    @Test func unsavedBufferOverridesTheFile() throws {
        let client = LanguageServerClient()
        _ = try client.initialize()
        let disk = try text(Self.msb)
        let buffer = disk.replacingOccurrences(of: "for city = \"Aarhus\"", with: "for city = \"Odense\"")
            .replacingOccurrences(of: "define reach goal = reached == 1", with: "define reach   goal=reached==1\ndefine with jobs = job == 1")
        #expect(buffer != disk)
        client.open(Self.msb, text: buffer)
        let diagnostics = try client.diagnostics(for: LanguageServerClient.uri(Self.msb))
        // The new define is unused: a warning, as `goalspec check` gives it.
        #expect(diagnostics.map { $0["code"]?.stringValue } == ["GS0305"] || diagnostics.allSatisfy { $0["severity"]?.intValue != 1 })

        let hover = hoverText(try client.at("textDocument/hover", Self.msb, buffer, "share(job) >=", shift: 1))
        #expect(hover.contains("for city = \"Odense\""))
        #expect(hover.contains("share(job) = 84.6%"))
        #expect(try lensTitles(client, Self.msb).first?.hasPrefix("✗ not met") == true)

        // Completion of a column name, and of a group value in a string.
        var typing = buffer.replacingOccurrences(of: "  share(job) >= avg(6byer) + 1.0pp", with: "  share(pers")
        client.change(Self.msb, text: typing)
        _ = try client.diagnostics(for: LanguageServerClient.uri(Self.msb))
        let completion = try client.at("textDocument/completion", Self.msb, typing, "share(pers", shift: 10)
        let items = completion["items"]?.arrayValue ?? []
        let persons = items.first { $0["label"]?.stringValue == "persons" }
        #expect(persons?["kind"]?.intValue == 5)
        #expect(persons?["textEdit"]?["newText"]?.stringValue == "persons")
        #expect(persons?["textEdit"]?["range"]?["start"]?["character"]?.intValue == 8)
        #expect(items.contains { $0["label"]?.stringValue == "reach goal" && $0["kind"]?.intValue == 6 })
        #expect(items.contains { $0["label"]?.stringValue == "6byer" })
        #expect(items.contains { $0["label"]?.stringValue == "atLeast" && $0["kind"]?.intValue == 14 })
        #expect(items.contains { $0["label"]?.stringValue == "percentile" && $0["kind"]?.intValue == 3 })

        typing = buffer.replacingOccurrences(of: "for city = \"Odense\"", with: "for city = \"Kø")
        client.change(Self.msb, text: typing, version: 3)
        _ = try client.diagnostics(for: LanguageServerClient.uri(Self.msb))
        let values = try client.at("textDocument/completion", Self.msb, typing, "city = \"Kø", shift: 9)
        let labels = values["items"]?.arrayValue?.compactMap { $0["label"]?.stringValue } ?? []
        #expect(labels.contains("København") && labels.contains("Aarhus"))

        // Formatting the buffer (not the file) through the formatter.
        client.change(Self.msb, text: buffer, version: 4)
        _ = try client.diagnostics(for: LanguageServerClient.uri(Self.msb))
        let edits = try client.document("textDocument/formatting", Self.msb,
                                        [("options", .object([("tabSize", .integer(2)), ("insertSpaces", .bool(true))]))])
        let formatted = edits.arrayValue?.first?["newText"]?.stringValue ?? ""
        #expect(formatted.contains("define reach goal = reached == 1\n"))
        #expect(formatted.contains("for city = \"Odense\""))
        #expect(try text(Self.msb) == disk)
        try client.request("shutdown")
        client.notify("exit", .null)
        #expect(client.exitStatus() == 0)
    }

    /// An imported file open with unsaved text is read from the buffer by the spec importing it.
    @Test func unsavedImportIsUsed() throws {
        let dir = try TempDir([
            "common.goal": "define done = reached == 1\n",
            "main.goal": "import \"common.goal\"\n\ndata social from \"social.csv\"\n\ntarget t\n  atLeast 1/2 finished\n",
            "social.csv": "id,reached\n1,1\n2,0\n3,1\n",
        ])
        let client = LanguageServerClient()
        _ = try client.initialize()
        let main = dir.path("main.goal")
        client.open(main, text: try text(main))
        let before = try client.diagnostics(for: LanguageServerClient.uri(main))
        #expect(before.contains { $0["code"]?.stringValue == "GS0301" })
        client.open(dir.path("common.goal"), text: "define finished = reached == 1\n")
        _ = try client.diagnostics(for: LanguageServerClient.uri(dir.path("common.goal")))
        // Opening (or editing) the import re-checks the open spec importing it.
        #expect(try client.diagnostics(for: LanguageServerClient.uri(main)).isEmpty)
        client.change(dir.path("common.goal"), text: "define finishd = reached == 1\n")
        _ = try client.diagnostics(for: LanguageServerClient.uri(dir.path("common.goal")))
        #expect(try client.diagnostics(for: LanguageServerClient.uri(main)).contains { $0["code"]?.stringValue == "GS0301" })
        client.change(dir.path("common.goal"), text: "define finished = reached == 1\n", version: 3)
        _ = try client.diagnostics(for: LanguageServerClient.uri(dir.path("common.goal")))
        #expect(try client.diagnostics(for: LanguageServerClient.uri(main)).isEmpty)
        let definition = try client.at("textDocument/definition", main, try text(main), "finished")
        #expect(definition["uri"]?.stringValue == LanguageServerClient.uri(dir.path("common.goal")))
        let importTarget = try client.at("textDocument/definition", main, try text(main), "common.goal", shift: 1)
        #expect(importTarget["uri"]?.stringValue == LanguageServerClient.uri(dir.path("common.goal")))
        client.save(main)
        _ = try client.diagnostics(for: LanguageServerClient.uri(main))
        #expect(try lensTitles(client, main) == ["✓ met +16.67pp"])
    }

    /// An edit the cached scans do not cover is checked, not evaluated: the lens says its verdict is
    /// as last saved; saving evaluates it, and a data file changed on disk is read again.
    @Test func saveReEvaluatesAndDataChangesAreSeen() throws {
        let dir = try TempDir(["social.csv": "id,reached\n1,1\n2,0\n3,1\n"])
        let path = dir.path("s.goal")
        let met = "data social from \"social.csv\"\n\ntarget t\n  share(reached == 1) >= 50%\n"
        try dir.write("s.goal", met)
        let client = LanguageServerClient()
        _ = try client.initialize()
        let uri = LanguageServerClient.uri(path)
        client.open(path, text: met)
        _ = try client.diagnostics(for: uri)
        #expect(try lensTitles(client, path) == ["✓ met +16.67pp"])
        let edited = met.replacingOccurrences(of: "reached == 1", with: "reached == 0")
        client.change(path, text: edited)
        #expect(try client.diagnostics(for: uri).isEmpty)
        #expect(try lensTitles(client, path) == ["✓ met +16.67pp · as last saved"])
        client.change(path, text: met.replacingOccurrences(of: "reached == 1", with: "reachd == 1"), version: 3)
        #expect(try client.diagnostics(for: uri).first?["code"]?.stringValue == "GS0301")
        #expect(try lensTitles(client, path) == ["Evaluate: fix the errors first"])
        client.change(path, text: edited, version: 4)
        _ = try client.diagnostics(for: uri)
        client.save(path)
        _ = try client.diagnostics(for: uri)
        #expect(try lensTitles(client, path) == ["✗ not met -16.67pp"])
        // A new version of the data file (another size) is read on the next save.
        try dir.write("social.csv", "id,reached\n1,0\n2,0\n3,0\n4,1\n")
        client.save(path)
        _ = try client.diagnostics(for: uri)
        #expect(try lensTitles(client, path) == ["✓ met +25pp"])
    }

    /// A column whose name has a space completes whether the words are typed with a space or an
    /// underscore, replacing what was typed; a name that is not plain is written in backticks.
    @Test(arguments: [("share(job st", 6), ("share(job_st", 6), ("share(Job", 6), ("share(", 6)])
    func multiWordColumnCompletion(typed: String, replacedFrom: Int) throws {
        let dir = try TempDir(["d.csv": "id,job status,rate-2024\n1,1,3\n"])
        let path = dir.path("s.goal")
        let text = "data d from \"d.csv\"\n\ntarget t\n  \(typed)\n"
        let client = LanguageServerClient()
        _ = try client.initialize()
        client.open(path, text: text)
        _ = try client.diagnostics(for: LanguageServerClient.uri(path))
        let result = try client.at("textDocument/completion", path, text, typed, shift: typed.utf16.count)
        let items = result["items"]?.arrayValue ?? []
        let item = try #require(items.first { $0["label"]?.stringValue == "job status" })
        #expect(item["textEdit"]?["newText"]?.stringValue == "job status")
        #expect(item["textEdit"]?["range"]?["start"]?["character"]?.intValue == 2 + replacedFrom)
        #expect(item["textEdit"]?["range"]?["end"]?["character"]?.intValue == 2 + typed.utf16.count)
        let typedName = String(typed.dropFirst(6))
        if !typedName.isEmpty {
            // The editor filters by the text in the edit's range against filterText: it must match.
            let filter = Name.matchKey(item["filterText"]?.stringValue ?? "")
            #expect(filter.hasPrefix(Name.matchKey(typedName)))
        }
        let odd = try #require(items.first { $0["label"]?.stringValue == "rate-2024" })
        #expect(odd["textEdit"]?["newText"]?.stringValue == "`rate-2024`")
    }

    /// Columns are UTF-16 code units: æ, ø, å count one, an emoji two, as editors count them.
    @Test(arguments: ["", "æøå ", "🎯 ", "Århus 🎯🎯 ø "])
    func diagnosticColumnsAreUTF16(prefix: String) throws {
        let dir = try TempDir(["social.csv": "id,city,reached\n1,Århus,1\n"])
        let path = dir.path("s.goal")
        let line = "  share(city != \"\(prefix)x\" and reched == 1) >= 50%"
        let spec = "data social from \"social.csv\"\n\ntarget t \"\(prefix)mål\"\n\(line)\n"
        try dir.write("s.goal", spec)
        let client = LanguageServerClient()
        _ = try client.initialize()
        client.open(path, text: spec)
        let diagnostics = try client.diagnostics(for: LanguageServerClient.uri(path))
        let unknown = try #require(diagnostics.first { $0["code"]?.stringValue == "GS0301" })
        let before = String(line[..<line.range(of: "reched")!.lowerBound])
        #expect(unknown["range"]?["start"]?["line"]?.intValue == 3)
        #expect(unknown["range"]?["start"]?["character"]?.intValue == before.utf16.count)
        #expect(unknown["range"]?["end"]?["character"]?.intValue == before.utf16.count + 6)
        // `goalspec check` points at the same spot, counting characters.
        let run = Runner.run(files: [path])
        let checked = try #require(run.diagnostics.first { $0.code == .unknownName }?.sourceRange)
        let (checkLine, checkColumn) = try #require(run.sources.file(checked.file)).lineColumn(of: checked.lowerBound)
        #expect(checkLine == 4 && checkColumn == before.count + 1)
        if !prefix.allSatisfy(\.isASCII) { #expect(before.utf16.count != before.utf8.count) }
        // A position after the letters and emoji maps back to the same byte.
        var workspace = EditorWorkspace()
        workspace.setText(spec, path: path)
        let source = try #require(workspace.analyze(path: path, readData: false).source)
        let offset = source.offset(of: EditorPosition(line: 3, character: before.utf16.count))
        #expect(source.text(in: SourceRange(file: 0, offset, offset + 6)) == "reched")
        #expect(source.editorPosition(of: offset) == EditorPosition(line: 3, character: before.utf16.count))
    }

    /// A broken line leaves the rest of the tree: the targets after it still have symbols, hover and lenses.
    @Test func partialTreeAroundABrokenLine() throws {
        let client = LanguageServerClient()
        _ = try client.initialize()
        let source = try text(Self.msb).replacingOccurrences(of: "  atLeast 7/10 reach goal\n", with: "  atLeast 7/10 reach (goal\n")
        client.open(Self.msb, text: source)
        let diagnostics = try client.diagnostics(for: LanguageServerClient.uri(Self.msb))
        #expect(diagnostics.contains { $0["severity"]?.intValue == 1 })
        let symbols = try client.document("textDocument/documentSymbol", Self.msb).arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        #expect(symbols.contains("job") && symbols.contains("social_under18"))
        let group = hoverText(try client.at("textDocument/hover", Self.msb, source, "6byer", occurrence: 2))
        #expect(group.contains("Randers"))
        #expect(try lensTitles(client, Self.msb).first == "Evaluate: fix the errors first")
    }

    /// Requests before `initialize`, unknown methods and a malformed body get JSON-RPC errors; `exit`
    /// without `shutdown` exits 1.
    @Test func protocolErrors() throws {
        var server = LanguageServer()
        let early = server.handle(Array(#"{"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":{}}"#.utf8))
        #expect(early.first?["error"]?["code"]?.intValue == -32002)
        _ = server.handle(Array(#"{"jsonrpc":"2.0","id":2,"method":"initialize","params":{"capabilities":{}}}"#.utf8))
        let unknown = server.handle(Array(#"{"jsonrpc":"2.0","id":3,"method":"workspace/unknown"}"#.utf8))
        #expect(unknown.first?["error"]?["code"]?.intValue == -32601)
        let garbage = server.handle(Array("{not json".utf8))
        #expect(garbage.first?["error"]?["code"]?.intValue == -32700)
        let noDocument = server.handle(Array(#"{"jsonrpc":"2.0","id":4,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///nowhere.goal"},"position":{"line":0,"character":0}}}"#.utf8))
        #expect(noDocument.first?["result"] == .null)
        _ = server.handle(Array(#"{"jsonrpc":"2.0","method":"exit"}"#.utf8))
        #expect(server.exitCode == 1)
    }

    /// Goals nest their targets and goals in the outline; a group's use leads to its declaration.
    @Test func goalOutlineAndGroupDefinition() throws {
        let path = Self.specsDirectory.appendingPathComponent("aarhus-mso-budget-2021.goal").path
        let source = try text(path)
        let client = LanguageServerClient()
        _ = try client.initialize()
        client.open(path, text: source)
        _ = try client.diagnostics(for: LanguageServerClient.uri(path))
        let symbols = try client.document("textDocument/documentSymbol", path).arrayValue ?? []
        let top = try #require(symbols.first { $0["kind"]?.intValue == 2 })
        #expect(top["name"]?.stringValue == "Budgetmål for Sundhed og Omsorg, Budget 2021 (uændret fra Budget 2020)")
        let inner = top["children"]?.arrayValue ?? []
        #expect(inner.contains { $0["name"]?.stringValue == "Borgernes værdighed — al magt til borgerne" && $0["kind"]?.intValue == 2 })
        #expect(inner.contains { ($0["children"]?.arrayValue ?? []).contains { $0["kind"]?.intValue == 24 } })

        let msb = try text(Self.msb)
        client.open(Self.msb, text: msb)
        _ = try client.diagnostics(for: LanguageServerClient.uri(Self.msb))
        let group = try client.at("textDocument/definition", Self.msb, msb, "6byer", occurrence: 2)
        #expect(group["range"]?["start"]?["line"]?.intValue == LanguageServerClient.position(of: "group 6byer", in: msb).line)
        #expect(group["range"]?["start"]?["character"]?.intValue == 6)
    }

    /// A client that can refresh code lenses is asked to after a save, so the verdicts are re-read.
    @Test func saveAsksForCodeLensRefresh() throws {
        var server = LanguageServer()
        _ = server.handle(Array(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{"workspace":{"codeLens":{"refreshSupport":true}}}}}"#.utf8))
        let uri = DocumentURI.uri(Self.msb, cwd: "/")
        let save = JSONValue.object([("jsonrpc", .string("2.0")), ("method", .string("textDocument/didSave")),
                                     ("params", .object([("textDocument", .object([("uri", .string(uri))]))]))])
        let out = server.handle(Array(save.serialized(pretty: false).utf8))
        #expect(out.map { $0["method"]?.stringValue } == ["textDocument/publishDiagnostics", "workspace/codeLens/refresh"])
        #expect(out.last?["id"] != nil)
    }

    /// Bodies split across reads and several messages in one read are framed correctly.
    @Test func framingAcrossReads() throws {
        let first = MessageFraming.frame(.object([("a", .string("æ🎯"))]))
        let second = MessageFraming.frame(.object([("b", .integer(2))]))
        var reader = MessageReader()
        var bodies: [[UInt8]] = []
        for byte in first + second {
            reader.append([byte])
            while case .message(let body)? = reader.next() { bodies.append(body) }
        }
        #expect(bodies.map { JSONParser.parse($0) } == [.object([("a", .string("æ🎯"))]), .object([("b", .integer(2))])])
        var bad = MessageReader()
        bad.append(Array("Content-Length: x\r\n\r\n{}".utf8))
        guard case .malformedHeader? = bad.next() else {
            Issue.record("a bad Content-Length is not a header error")
            return
        }
    }

    @Test(arguments: ["", "{", "[1,", "\"\\u12\"", "{\"a\" 1}", "01x", "-", "[" + String(repeating: "[", count: 5000), "\"\u{01}\"", "1e999"])
    func malformedJSONIsRejected(text: String) {
        #expect(JSONParser.parse(text) == nil)
    }

    @Test func jsonRoundTrip() {
        let value = JSONParser.parse(#"{"s":"a\"b\\c\n\u00e6\ud83c\udfaf","n":-12,"d":1.5,"t":true,"f":false,"z":null,"a":[1,{}]}"#)
        #expect(value?["s"]?.stringValue == "a\"b\\c\næ🎯")
        #expect(value?["n"]?.intValue == -12)
        #expect(value?["a"]?.arrayValue?.count == 2)
        if let value { #expect(JSONParser.parse(value.serialized(pretty: false)) == value) }
    }
}
