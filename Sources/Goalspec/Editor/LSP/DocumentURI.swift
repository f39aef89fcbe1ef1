/// `file://` URIs as editors send them, and the paths they name (RFC 8089, percent-encoding).
enum DocumentURI {
    /// The path of a `file:` URI (percent-decoded); any other URI is kept whole as a name, so an
    /// unsaved `untitled:` buffer is still analysed (its relative paths then find no file).
    static func path(_ uri: String) -> String {
        var rest = Substring(uri)
        if rest.hasPrefix("file://") {
            rest = rest.dropFirst(7)
            // file://host/path: drop the host (empty or localhost on every editor we know).
            if let slash = rest.firstIndex(of: "/") { rest = rest[slash...] } else { return "/" }
        } else {
            return uri
        }
        return percentDecoded(rest)
    }

    /// The `file:` URI of a path (relative paths are taken from the server's working directory).
    static func uri(_ path: String, cwd: String) -> String {
        let absolute = path.hasPrefix("/") ? path : (cwd.hasSuffix("/") ? cwd : cwd + "/") + path
        return "file://" + percentEncoded(Session.normalize(absolute))
    }

    static func percentDecoded(_ s: Substring) -> String {
        var out: [UInt8] = []
        let bytes = Array(s.utf8)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count, let h = hex(bytes[i + 1]), let l = hex(bytes[i + 2]) {
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): b - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    static func percentEncoded(_ path: String) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for b in path.utf8 {
            let unreserved = (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || "/-._~".utf8.contains(b)
            if unreserved {
                out.append(b)
            } else {
                out += [UInt8(ascii: "%"), digits[Int(b >> 4)], digits[Int(b & 15)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
