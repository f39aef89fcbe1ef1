/// The CRC-32 of ZIP (ISO 3309, polynomial 0xEDB88320, reflected), computed incrementally.
struct CRC32 {
    private static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    private var state: UInt32 = 0xFFFF_FFFF

    /// The checksum of the bytes added so far.
    var value: UInt32 { state ^ 0xFFFF_FFFF }

    mutating func add(_ bytes: ArraySlice<UInt8>) {
        var c = state
        let table = CRC32.table
        for byte in bytes { c = table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        state = c
    }
}
