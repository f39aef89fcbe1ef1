#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GoalspecCLI

/// Where output goes and whether it may be coloured.
enum Terminal {
    static func write(_ s: String) { write(s, to: 1) }

    static func writeError(_ s: String) { write(s, to: 2) }

    /// Writes all bytes to a file descriptor, retrying short writes.
    private static func write(_ s: String, to fd: Int32) {
        var bytes = Array(s.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count, let base = buffer.baseAddress {
                #if canImport(Glibc)
                let n = Glibc.write(fd, base + offset, buffer.count - offset)
                #else
                let n = Darwin.write(fd, base + offset, buffer.count - offset)
                #endif
                if n <= 0 { return }
                offset += n
            }
        }
    }

    /// How the process is attached, from the environment.
    static var info: TerminalInfo {
        var noColor = false
        if let v = getenv("NO_COLOR"), v.pointee != 0 { noColor = true }
        if let term = getenv("TERM"), String(cString: term) == "dumb" { noColor = true }
        return TerminalInfo(stdoutIsTerminal: isatty(1) == 1, stderrIsTerminal: isatty(2) == 1, noColor: noColor)
    }
}
