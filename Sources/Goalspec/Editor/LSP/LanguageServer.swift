import Foundation

/// The Goalspec language server (LSP 3.17) as a value: it takes one message body at a time and
/// returns the messages to send back (responses and notifications). It never reads or writes a
/// stream itself, so tests drive it in process; `goalspec lsp` connects it to stdin and stdout.
public struct LanguageServer: Sendable {
    private var workspace = EditorWorkspace()
    /// The latest analysis of each open document, by path.
    private var current: [String: DocumentAnalysis] = [:]
    /// The latest analysis of each open document that evaluated its targets (on open and save).
    private var evaluated: [String: DocumentAnalysis] = [:]
    private var initialized = false
    private var shutdownRequested = false
    private var lensRefresh = false
    private var nextRequestID = 1
    private let cwd: String

    /// Set by the `exit` notification: 0 after `shutdown`, 1 without it. The caller stops then.
    public private(set) var exitCode: Int32?
    /// How long the latest analysis took (parse, check, and evaluation from cached data), in ms.
    public private(set) var lastAnalysisMilliseconds = 0.0

    /// A server for a client whose relative paths are taken from `workingDirectory`.
    public init(workingDirectory: String = FileManager.default.currentDirectoryPath) {
        cwd = workingDirectory
    }

    /// The data cache shared by every analysis (for tests: how often data was read).
    public var dataCache: EditorDataCache { workspace.cache }

    /// Handles one message body; returns the messages to send, in order.
    public mutating func handle(_ body: [UInt8]) -> [JSONValue] {
        guard let message = JSONParser.parse(body), case .object = message else {
            return [Self.error(id: .null, code: -32700, "parse error: the message is not a JSON object")]
        }
        let method = message["method"]?.stringValue
        let id = message["id"]
        guard let method else {
            // A response to a request of ours (codeLens refresh): nothing to do.
            return []
        }
        let params = message["params"] ?? .null
        if let id {
            return handleRequest(method, id: id, params: params)
        }
        return handleNotification(method, params: params)
    }

    // MARK: requests

    private mutating func handleRequest(_ method: String, id: JSONValue, params: JSONValue) -> [JSONValue] {
        if method == "initialize" {
            initialized = true
            lensRefresh = params["capabilities"]?["workspace"]?["codeLens"]?["refreshSupport"]?.boolValue ?? false
            return [Self.result(id: id, Self.initializeResult)]
        }
        guard initialized else { return [Self.error(id: id, code: -32002, "the server is not initialized")] }
        guard !shutdownRequested else { return [Self.error(id: id, code: -32600, "the server is shutting down")] }
        switch method {
        case "shutdown":
            shutdownRequested = true
            return [Self.result(id: id, .null)]
        case "textDocument/hover":
            return [Self.result(id: id, hover(params))]
        case "textDocument/completion":
            return [Self.result(id: id, completion(params))]
        case "textDocument/definition":
            return [Self.result(id: id, definition(params))]
        case "textDocument/documentSymbol":
            return [Self.result(id: id, symbols(params))]
        case "textDocument/formatting":
            return [Self.result(id: id, formatting(params))]
        case "textDocument/codeLens":
            return [Self.result(id: id, codeLens(params))]
        default:
            return [Self.error(id: id, code: -32601, "method not supported: \(method)")]
        }
    }

    static let initializeResult: JSONValue = .object([
        ("capabilities", .object([
            ("positionEncoding", .string("utf-16")),
            ("textDocumentSync", .object([("openClose", .bool(true)), ("change", .integer(1)),
                                          ("save", .object([("includeText", .bool(false))]))])),
            ("hoverProvider", .bool(true)),
            ("completionProvider", .object([("triggerCharacters", .array(["(", "\"", "[", " "].map(JSONValue.string)))])),
            ("definitionProvider", .bool(true)),
            ("documentSymbolProvider", .bool(true)),
            ("documentFormattingProvider", .bool(true)),
            ("codeLensProvider", .object([("resolveProvider", .bool(false))])),
        ])),
        ("serverInfo", .object([("name", .string("goalspec")), ("version", .string(Runner.version))])),
    ])

    // MARK: notifications

    private mutating func handleNotification(_ method: String, params: JSONValue) -> [JSONValue] {
        if method == "exit" {
            exitCode = shutdownRequested ? 0 : 1
            return []
        }
        guard initialized, !shutdownRequested else { return [] }
        let document = params["textDocument"]
        guard let uri = document?["uri"]?.stringValue else { return [] }
        let path = DocumentURI.path(uri)
        switch method {
        case "textDocument/didOpen":
            workspace.setText(document?["text"]?.stringValue ?? "", path: path)
            return analyze(path, uri: uri, readData: true) + analyzeDependents(of: path)
        case "textDocument/didChange":
            // Full sync: the last change holds the whole text.
            guard let text = params["contentChanges"]?.arrayValue?.last?["text"]?.stringValue else { return [] }
            workspace.setText(text, path: path)
            return analyze(path, uri: uri, readData: false) + analyzeDependents(of: path)
        case "textDocument/didSave":
            if let text = params["text"]?.stringValue { workspace.setText(text, path: path) }
            // A saved file may be imported by other open documents: evaluate them all again.
            var out = analyze(path, uri: uri, readData: true)
            for other in current.keys.sorted() where other != path {
                out += analyze(other, uri: DocumentURI.uri(other, cwd: cwd), readData: true)
            }
            if lensRefresh {
                out.append(.object([("jsonrpc", .string("2.0")), ("id", .integer(nextRequestID)),
                                    ("method", .string("workspace/codeLens/refresh"))]))
                nextRequestID += 1
            }
            return out
        case "textDocument/didClose":
            workspace.close(path: path)
            current[path] = nil
            evaluated[path] = nil
            return [Self.notification("textDocument/publishDiagnostics",
                                      .object([("uri", .string(uri)), ("diagnostics", .array([]))]))]
        default:
            return []
        }
    }

    private mutating func analyze(_ path: String, uri: String, readData: Bool) -> [JSONValue] {
        let started = DispatchTime.now().uptimeNanoseconds
        let analysis = workspace.analyze(path: path, readData: readData)
        lastAnalysisMilliseconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
        current[path] = analysis
        if analysis.evaluated || readData { evaluated[path] = analysis }
        let diagnostics = LSPDiagnostics.convert(analysis)
        return [Self.notification("textDocument/publishDiagnostics",
                                  .object([("uri", .string(uri)), ("diagnostics", .array(diagnostics))]))]
    }

    /// Re-checks the other open documents that import the file at `path` (its text just changed).
    private mutating func analyzeDependents(of path: String) -> [JSONValue] {
        let session = Session(options: Runner.Options())
        let key = session.importKey(path)
        var out: [JSONValue] = []
        for (other, analysis) in current.sorted(by: { $0.key < $1.key }) where other != path {
            let imports = analysis.sources.files.dropFirst().contains { session.importKey($0.path) == key }
            if imports { out += analyze(other, uri: DocumentURI.uri(other, cwd: cwd), readData: false) }
        }
        return out
    }

    // MARK: features

    private func document(_ params: JSONValue) -> (analysis: DocumentAnalysis, source: SourceFile, offset: Int?)? {
        guard let uri = params["textDocument"]?["uri"]?.stringValue,
              let analysis = current[DocumentURI.path(uri)], let source = analysis.source else { return nil }
        var offset: Int?
        if let line = params["position"]?["line"]?.intValue, let character = params["position"]?["character"]?.intValue {
            offset = source.offset(of: EditorPosition(line: line, character: character))
        }
        return (analysis, source, offset)
    }

    private func hover(_ params: JSONValue) -> JSONValue {
        guard let (analysis, source, offset) = document(params), let offset,
              let hover = EditorHover.at(offset, in: analysis, verdicts: evaluated[analysis.path]) else { return .null }
        return .object([("contents", .object([("kind", .string("markdown")), ("value", .string(hover.markdown))])),
                        ("range", Self.range(source.editorRange(of: hover.range)))])
    }

    private func completion(_ params: JSONValue) -> JSONValue {
        guard let (analysis, source, offset) = document(params), let offset else { return .array([]) }
        let items = EditorCompletion.at(offset, in: analysis).map { item -> JSONValue in
            let kind: Int = switch item.kind {
            case .column: 5
            case .define: 6
            case .group: 13
            case .dataset: 22
            case .value: 12
            case .keyword: 14
            case .function: 3
            }
            return .object([
                ("label", .string(item.label)), ("kind", .integer(kind)), ("detail", .string(item.detail)),
                ("filterText", .string(item.filterText)), ("insertTextFormat", .integer(item.isSnippet ? 2 : 1)),
                ("textEdit", .object([("range", Self.range(source.editorRange(of: item.replacing))),
                                      ("newText", .string(item.insertText))])),
            ])
        }
        return .object([("isIncomplete", .bool(false)), ("items", .array(items))])
    }

    private func definition(_ params: JSONValue) -> JSONValue {
        guard let (analysis, _, offset) = document(params), let offset,
              let location = EditorNavigation.definition(at: offset, in: analysis) else { return .null }
        let zero = EditorRange(start: EditorPosition(line: 0, character: 0), end: EditorPosition(line: 0, character: 0))
        return .object([("uri", .string(DocumentURI.uri(location.path, cwd: cwd))), ("range", Self.range(location.range ?? zero))])
    }

    private func symbols(_ params: JSONValue) -> JSONValue {
        guard let (analysis, source, _) = document(params) else { return .array([]) }
        func json(_ s: EditorSymbol) -> JSONValue {
            let kind: Int = switch s.kind {
            case .spec: 1
            case .data: 23
            case .group: 10
            case .define: 14
            case .target: 24
            case .goal: 2
            }
            var pairs: [(String, JSONValue)] = [("name", .string(s.name.isEmpty ? "(untitled)" : s.name)), ("kind", .integer(kind)),
                                                ("range", Self.range(source.editorRange(of: s.range))),
                                                ("selectionRange", Self.range(source.editorRange(of: s.selection)))]
            if let d = s.detail { pairs.append(("detail", .string(d))) }
            if !s.children.isEmpty { pairs.append(("children", .array(s.children.map(json)))) }
            return .object(pairs)
        }
        return .array(EditorNavigation.symbols(in: analysis).map(json))
    }

    private func formatting(_ params: JSONValue) -> JSONValue {
        guard let (_, source, _) = document(params) else { return .null }
        guard let formatted = SpecFormatter.format(source).text else { return .null }
        guard formatted != source.text else { return .array([]) }
        let end = source.editorPosition(of: source.bytes.count)
        return .array([.object([("range", Self.range(EditorRange(start: EditorPosition(line: 0, character: 0), end: end))),
                                ("newText", .string(formatted))])])
    }

    private func codeLens(_ params: JSONValue) -> JSONValue {
        guard let (analysis, source, _) = document(params) else { return .array([]) }
        let lenses = EditorCodeLens.lenses(in: analysis, verdicts: evaluated[analysis.path])
        return .array(lenses.map { lens in
            .object([("range", Self.range(source.editorRange(of: lens.range))),
                     ("command", .object([("title", .string(lens.title)), ("command", .string("goalspec.showExplanation")),
                                          ("arguments", .array([.string(lens.explanation)]))]))])
        })
    }

    // MARK: JSON-RPC

    static func range(_ r: EditorRange) -> JSONValue {
        .object([("start", position(r.start)), ("end", position(r.end))])
    }

    static func position(_ p: EditorPosition) -> JSONValue {
        .object([("line", .integer(p.line)), ("character", .integer(p.character))])
    }

    static func result(id: JSONValue, _ value: JSONValue) -> JSONValue {
        .object([("jsonrpc", .string("2.0")), ("id", id), ("result", value)])
    }

    static func error(id: JSONValue, code: Int, _ message: String) -> JSONValue {
        .object([("jsonrpc", .string("2.0")), ("id", id), ("error", .object([("code", .integer(code)), ("message", .string(message))]))])
    }

    static func notification(_ method: String, _ params: JSONValue) -> JSONValue {
        .object([("jsonrpc", .string("2.0")), ("method", .string(method)), ("params", params)])
    }
}
