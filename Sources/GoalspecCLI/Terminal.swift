#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Goalspec

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

    /// Colour on a terminal only, never with NO_COLOR set (any value), unless forced by --color.
    static func useColor(_ option: String?, stream: Int32) -> Bool {
        switch option {
        case "always": return true
        case "never": return false
        default:
            if let v = getenv("NO_COLOR"), v.pointee != 0 { return false }
            if let term = getenv("TERM"), String(cString: term) == "dumb" { return false }
            return isatty(stream) == 1
        }
    }
}
