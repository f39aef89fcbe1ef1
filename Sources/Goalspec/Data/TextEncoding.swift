// The character encodings of delimited text files. Goalspec works on UTF-8 bytes throughout;
// a Windows-1252 file (what Danish Excel writes as "CSV (semikolonsepareret)", with æøåÆØÅ as
// the single bytes E6 F8 E5 C6 D8 C5) is transcoded field by field as the scanner hands fields
// out, so everything after the reader (group values, text comparisons, messages) sees UTF-8.
// ASCII fields are passed through untouched; only a field holding a byte >= 0x80 is copied.

/// The character encoding a CSV or TSV file is read in.
public enum TextEncoding: String, Sendable, Hashable, CaseIterable {
    /// UTF-8, the default (and what a UTF-8 byte order mark says).
    case utf8 = "utf-8"
    /// Windows-1252 ("ANSI" on a Danish Windows), a superset of ISO-8859-1's printable
    /// characters; `latin-1` and `iso-8859-1` name it too, as in web browsers.
    case windows1252 = "windows-1252"

    /// The names an `encoding` line accepts, in the order hints list them.
    public static let acceptedNames = ["utf-8", "windows-1252", "cp1252", "latin-1", "iso-8859-1"]

    /// The encoding a name denotes, ignoring case and the difference between `-`, `_` and
    /// nothing (`UTF8`, `Windows_1252`, `latin1`); nil for a name Goalspec does not read.
    public init?(name: String) {
        let key = String(name.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " })
        switch key {
        case "utf8": self = .utf8
        case "windows1252", "cp1252", "latin1", "iso88591", "l1": self = .windows1252
        default: return nil
        }
    }

    /// Decides the encoding of a file from its first bytes: UTF-8 when they start with the UTF-8
    /// byte order mark or are valid UTF-8; otherwise Windows-1252 when every byte is one that
    /// Windows-1252 defines (all but 81, 8D, 8F, 90 and 9D) and no character is written as UTF-8
    /// (a multi-byte sequence such as C3 85 for `Å`); otherwise UTF-8, so the reader reports
    /// the invalid bytes. A file mixing the two (rows pasted from two exports) is thus an error
    /// at its first non-UTF-8 byte rather than read with its UTF-8 letters garbled (`Ã…rhus`).
    ///
    /// `wholeFile` says whether `sample` is the whole file; when it is not, a multi-byte
    /// character cut by the sample's end does not count as invalid.
    public static func detect(sample: UnsafeRawBufferPointer, wholeFile: Bool) -> TextEncoding {
        let n = sample.count
        if n >= 3 && sample[0] == 0xEF && sample[1] == 0xBB && sample[2] == 0xBF { return .utf8 }
        var end = n
        if !wholeFile {
            // Drop a trailing lead byte and its continuation bytes (at most 3 bytes back).
            var k = n
            while k > 0 && n - k < 4 {
                k -= 1
                let b = sample[k]
                if b & 0xC0 != 0x80 {
                    if b >= 0xC0 { end = k }
                    break
                }
            }
        }
        var highest: UInt8 = 0
        for b in sample { highest |= b }
        if highest < 0x80 { return .utf8 }
        var iterator = UnsafeRawBufferPointer(rebasing: sample[0..<end]).makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var multibyte = false, invalid = false
        parsing: while !(multibyte && invalid) {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): if scalar.count > 1 { multibyte = true }
            case .error: invalid = true
            case .emptyInput: break parsing
            }
        }
        if !invalid || multibyte { return .utf8 }
        for b in sample where !definedInWindows1252(b) { return .utf8 }
        return .windows1252
    }

    /// The encoding a UTF-16 or UTF-32 byte order mark at the start of `bytes` names
    /// (`UTF-16LE`), or nil when they start with none. Such a file is neither UTF-8 nor
    /// Windows-1252, and read as either it would be a NUL between every letter.
    static func unreadableByteOrderMark(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return "UTF-32LE" }
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return "UTF-32BE" }
        if bytes.starts(with: [0xFF, 0xFE]) { return "UTF-16LE" }
        if bytes.starts(with: [0xFE, 0xFF]) { return "UTF-16BE" }
        return nil
    }

    /// Whether Windows-1252 assigns a character to `byte` (every byte but 81, 8D, 8F, 90, 9D).
    static func definedInWindows1252(_ byte: UInt8) -> Bool {
        byte < 0x80 || byte > 0x9F || windows1252Scalar(byte) != UInt32(byte)
    }

    /// The Unicode scalar of a Windows-1252 byte. The five bytes Windows-1252 leaves undefined
    /// map to the C1 control of the same number, as the WHATWG Encoding Standard maps them.
    @inline(__always)
    static func windows1252Scalar(_ byte: UInt8) -> UInt32 {
        switch byte {
        case 0x80: 0x20AC
        case 0x82: 0x201A
        case 0x83: 0x0192
        case 0x84: 0x201E
        case 0x85: 0x2026
        case 0x86: 0x2020
        case 0x87: 0x2021
        case 0x88: 0x02C6
        case 0x89: 0x2030
        case 0x8A: 0x0160
        case 0x8B: 0x2039
        case 0x8C: 0x0152
        case 0x8E: 0x017D
        case 0x91: 0x2018
        case 0x92: 0x2019
        case 0x93: 0x201C
        case 0x94: 0x201D
        case 0x95: 0x2022
        case 0x96: 0x2013
        case 0x97: 0x2014
        case 0x98: 0x02DC
        case 0x99: 0x2122
        case 0x9A: 0x0161
        case 0x9B: 0x203A
        case 0x9C: 0x0153
        case 0x9E: 0x017E
        case 0x9F: 0x0178
        default: UInt32(byte)
        }
    }

    /// The most bytes one Windows-1252 byte becomes in UTF-8 (`€` is E2 82 AC).
    static let maxUTF8BytesPerByte = 3

    /// Whether `p[lo..<hi]` holds a byte >= 0x80, eight bytes at a time.
    @inline(__always)
    static func hasNonASCII(_ p: UnsafePointer<UInt8>, _ lo: Int, _ hi: Int) -> Bool {
        var i = lo
        while i &+ 8 <= hi {
            if DataBytes.word(p + i) & DataBytes.highs != 0 { return true }
            i &+= 8
        }
        while i < hi {
            if p[i] >= 0x80 { return true }
            i &+= 1
        }
        return false
    }

    /// Writes the UTF-8 form of the Windows-1252 bytes `p[lo..<hi]` to `out`, which must have
    /// room for `maxUTF8BytesPerByte * (hi - lo)` bytes; returns how many bytes it wrote.
    static func transcodeWindows1252(_ p: UnsafePointer<UInt8>, _ lo: Int, _ hi: Int,
                                     to out: UnsafeMutablePointer<UInt8>) -> Int {
        var w = 0
        var i = lo
        while i < hi {
            let b = p[i]
            i &+= 1
            if b < 0x80 {
                out[w] = b
                w &+= 1
                continue
            }
            let scalar = windows1252Scalar(b)
            if scalar < 0x800 {
                out[w] = UInt8(truncatingIfNeeded: 0xC0 | (scalar >> 6))
                out[w &+ 1] = UInt8(truncatingIfNeeded: 0x80 | (scalar & 0x3F))
                w &+= 2
            } else {
                out[w] = UInt8(truncatingIfNeeded: 0xE0 | (scalar >> 12))
                out[w &+ 1] = UInt8(truncatingIfNeeded: 0x80 | ((scalar >> 6) & 0x3F))
                out[w &+ 2] = UInt8(truncatingIfNeeded: 0x80 | (scalar & 0x3F))
                w &+= 3
            }
        }
        return w
    }

    /// The bytes as a `String` in this encoding (invalid UTF-8 becomes U+FFFD); for headers
    /// and error messages, not the per-row path.
    func decode<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        switch self {
        case .utf8:
            return String(decoding: bytes, as: UTF8.self)
        case .windows1252:
            var scalars = String.UnicodeScalarView()
            for b in bytes {
                if let s = Unicode.Scalar(TextEncoding.windows1252Scalar(b)) { scalars.append(s) }
            }
            return String(scalars)
        }
    }

    /// The hint for bytes that are not UTF-8 in a file read as UTF-8.
    static let invalidUTF8Hint = "a CSV file is read as UTF-8 unless its first 64 KiB are Windows-1252 throughout; save the file as UTF-8 (in Excel: \"CSV UTF-8\"), or, if all of it is Windows-1252 (Excel's \"CSV (semikolonsepareret)\"), add the line encoding \"windows-1252\" to its data block"
}
