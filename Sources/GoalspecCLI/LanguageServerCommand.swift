#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Goalspec

/// `goalspec lsp`: the language server on a pair of file descriptors (stdin and stdout when run
/// by an editor). Messages use LSP's Content-Length framing; nothing else is written to `output`.
public enum LanguageServerCommand {
    /// Whether a command line asks for the language server.
    public static func matches(_ arguments: [String]) -> Bool { arguments.first == "lsp" }

    /// Serves until the client sends `exit` or closes `input`; returns the exit status (0 after
    /// shutdown and exit, 1 when the stream ended or broke first, 64 for a bad command line).
    public static func run(_ arguments: [String], input: Int32, output: Int32, error: Int32) -> Int32 {
        let options = arguments.dropFirst()
        if options.contains("--help") || options.contains("-h") {
            send(Array(Usage.lsp.utf8), to: output)
            return 0
        }
        if let unknown = options.first(where: { $0 != "--stdio" }) {
            send(Array("goalspec: unknown option '\(unknown)' for lsp\nrun 'goalspec lsp --help' for usage\n".utf8), to: error)
            return ExitStatus.usage.rawValue
        }
        var server = LanguageServer()
        var reader = MessageReader()
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            while let item = reader.next() {
                switch item {
                case .message(let body):
                    for reply in server.handle(body) { send(MessageFraming.frame(reply), to: output) }
                    if let code = server.exitCode { return code }
                case .malformedHeader(let why):
                    send(Array("goalspec lsp: \(why)\n".utf8), to: error)
                    return 1
                }
            }
            let n = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return 1 }
            reader.append(buffer[0..<n])
        }
    }

    static func send(_ bytes: [UInt8], to fd: Int32) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return }
            offset += n
        }
    }
}
