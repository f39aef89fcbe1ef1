// Word-at-a-time (SWAR) byte search for the data readers: eight bytes are loaded as one UInt64
// and compared against broadcast delimiter, quote and newline bytes at once. `DataChunkBuffer`
// keeps padding behind its capacity, so a word load starting before `end` never leaves the
// allocation; callers ignore matches at or past `end`. Loads are little-endian so the first
// byte in memory is the lowest byte of the word on every platform.

/// Byte values and broadcast words the scanner compares against.
enum DataBytes {
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D
    static let quote: UInt8 = 0x22
    static let space: UInt8 = 0x20

    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    static let highs: UInt64 = 0x8080_8080_8080_8080

    @inline(__always)
    static func broadcast(_ b: UInt8) -> UInt64 { UInt64(b) &* ones }

    /// The 0x80 bit of each byte of the result is set exactly when that byte of `x` is zero.
    @inline(__always)
    static func zeroBytes(_ x: UInt64) -> UInt64 {
        ~(((x & lows) &+ lows) | x) & highs
    }

    /// How many bytes of a `zeroBytes` result are marked. A multiply instead of
    /// `nonzeroBitCount`, which the default x86-64 target (no POPCNT) emulates slowly.
    @inline(__always)
    static func markedBytes(_ mask: UInt64) -> Int {
        Int(truncatingIfNeeded: ((mask &>> 7) &* ones) &>> 56)
    }

    /// Eight bytes at `p`, first byte in the lowest bits.
    @inline(__always)
    static func word(_ p: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
    }
}

extension DataBytes {
    /// Offset of the first byte in `bytes` that does not continue valid UTF-8; nil when all valid.
    static func firstInvalidUTF8(_ bytes: UnsafeRawBufferPointer) -> Int? {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .error: return offset
            case .emptyInput: return nil
            }
        }
    }
}
