import Foundation
#if canImport(Glibc)
import Glibc
#endif
@testable import Goalspec
import GoalspecCLI

/// A scripted LSP client for tests: runs `goalspec lsp`'s loop (LanguageServerCommand) on a
/// thread of this process, talking to it over two pipes with Content-Length framing, as an
/// editor talks to the binary.
final class LanguageServerClient: @unchecked Sendable {
    private let toServer = Pipe()
    private let fromServer = Pipe()
    private let errors = Pipe()
    private var reader = MessageReader()
    private var nextID = 1
    private let finished = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var status: Int32?
    /// Every notification the server sent, in order.
    private(set) var notifications: [JSONValue] = []

    init() {
        let input = toServer.fileHandleForReading.fileDescriptor
        let output = fromServer.fileHandleForWriting.fileDescriptor
        let error = errors.fileHandleForWriting.fileDescriptor
        let thread = Thread { [self] in
            let code = LanguageServerCommand.run(["lsp"], input: input, output: output, error: error)
            lock.lock()
            status = code
            lock.unlock()
            finished.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The server's exit status, waiting at most `seconds` for it to stop.
    func exitStatus(within seconds: Double = 10) -> Int32? {
        guard finished.wait(timeout: .now() + seconds) == .success else { return nil }
        lock.lock()
        defer { lock.unlock() }
        return status
    }

    func send(_ message: JSONValue) {
        toServer.fileHandleForWriting.write(Data(MessageFraming.frame(message)))
    }

    /// Sends raw bytes (for framing tests).
    func sendRaw(_ bytes: [UInt8]) {
        toServer.fileHandleForWriting.write(Data(bytes))
    }

    func notify(_ method: String, _ params: JSONValue) {
        send(.object([("jsonrpc", .string("2.0")), ("method", .string(method)), ("params", params)]))
    }

    /// Sends a request and returns the response's `result` (or the whole response when it is an error).
    @discardableResult
    func request(_ method: String, _ params: JSONValue = .null) throws -> JSONValue {
        let id = nextID
        nextID += 1
        send(.object([("jsonrpc", .string("2.0")), ("id", .integer(id)), ("method", .string(method)), ("params", params)]))
        while true {
            let message = try nextMessage()
            if message["id"]?.intValue == id && message["method"] == nil {
                return message["error"].map { _ in message } ?? message["result"] ?? .null
            }
            if message["method"] != nil && message["id"] == nil { notifications.append(message) }
        }
    }

    /// The next `textDocument/publishDiagnostics` for `uri`, sent before or after this call.
    func diagnostics(for uri: String) throws -> [JSONValue] {
        if let i = notifications.firstIndex(where: { isDiagnostics($0, uri) }) {
            return notifications.remove(at: i)["params"]?["diagnostics"]?.arrayValue ?? []
        }
        while true {
            let message = try nextMessage()
            if isDiagnostics(message, uri) { return message["params"]?["diagnostics"]?.arrayValue ?? [] }
            if message["method"] != nil && message["id"] == nil { notifications.append(message) }
        }
    }

    private func isDiagnostics(_ m: JSONValue, _ uri: String) -> Bool {
        m["method"]?.stringValue == "textDocument/publishDiagnostics" && m["params"]?["uri"]?.stringValue == uri
    }

    struct Timeout: Error {}

    /// The next message from the server, waiting at most 60 s (a debug build on a busy machine).
    func nextMessage() throws -> JSONValue {
        let fd = fromServer.fileHandleForReading.fileDescriptor
        let deadline = Date().addingTimeInterval(60)
        while true {
            if case .message(let body)? = reader.next() {
                guard let value = JSONParser.parse(body) else { throw Timeout() }
                return value
            }
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let remaining = Int32(max(0, deadline.timeIntervalSinceNow * 1000))
            guard remaining > 0, poll(&p, 1, remaining) > 0 else { throw Timeout() }
            var buffer = [UInt8](repeating: 0, count: 65536)
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { throw Timeout() }
            reader.append(buffer[0..<n])
        }
    }

    // MARK: document helpers

    static func uri(_ path: String) -> String { DocumentURI.uri(path, cwd: FileManager.default.currentDirectoryPath) }

    func initialize() throws -> JSONValue {
        let result = try request("initialize", .object([("processId", .null), ("capabilities", .object([]))]))
        notify("initialized", .object([]))
        return result
    }

    func open(_ path: String, text: String) {
        notify("textDocument/didOpen", .object([("textDocument", .object([
            ("uri", .string(Self.uri(path))), ("languageId", .string("goalspec")), ("version", .integer(1)), ("text", .string(text)),
        ]))]))
    }

    func change(_ path: String, text: String, version: Int = 2) {
        notify("textDocument/didChange", .object([
            ("textDocument", .object([("uri", .string(Self.uri(path))), ("version", .integer(version))])),
            ("contentChanges", .array([.object([("text", .string(text))])])),
        ]))
    }

    func save(_ path: String) {
        notify("textDocument/didSave", .object([("textDocument", .object([("uri", .string(Self.uri(path)))]))]))
    }

    /// A request about a position: `needle` found in `text` (its `occurrence`-th time), plus `shift` UTF-16 units.
    func at(_ method: String, _ path: String, _ text: String, _ needle: String, shift: Int = 0, occurrence: Int = 1) throws -> JSONValue {
        let position = Self.position(of: needle, in: text, occurrence: occurrence, shift: shift)
        return try request(method, .object([
            ("textDocument", .object([("uri", .string(Self.uri(path)))])),
            ("position", .object([("line", .integer(position.line)), ("character", .integer(position.character))])),
        ]))
    }

    func document(_ method: String, _ path: String, _ extra: [(String, JSONValue)] = []) throws -> JSONValue {
        try request(method, .object([("textDocument", .object([("uri", .string(Self.uri(path)))]))] + extra))
    }

    /// The LSP position (UTF-16) of a needle in text, computed independently of the server.
    static func position(of needle: String, in text: String, occurrence: Int = 1, shift: Int = 0) -> (line: Int, character: Int) {
        var search = text.startIndex..<text.endIndex
        var found: Range<String.Index>?
        for _ in 0..<occurrence {
            found = text.range(of: needle, range: search)
            if let f = found { search = f.upperBound..<text.endIndex }
        }
        guard let found else { return (0, 0) }
        let before = text[..<found.lowerBound]
        let line = before.filter { $0 == "\n" }.count
        let lineStart = before.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
        return (line, text[lineStart..<found.lowerBound].utf16.count + shift)
    }
}
