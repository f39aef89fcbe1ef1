/// Interns the bytes of a grouping column's fields to dense ids: the per-row key path.
///
/// Values of at most 16 bytes (codes, names, periods) are compared as two machine words
/// without touching an arena; a one-entry cache catches runs of the same value. Longer values
/// go to a `ByteInterner`. Ids are dense in order of first appearance.
struct KeyInterner {
    private struct Short: Hashable {
        var a: UInt64
        var b: UInt64
        var count: Int
    }

    private var shortKeys: [Short] = []
    /// The bytes of each short key, for turning ids back into text.
    private var shortBytes: [[UInt8]] = []
    private var shortIDs: [Int32] = []
    private var slots: [Int32] = Array(repeating: -1, count: 64)
    private var long = ByteInterner()
    /// Id → where its bytes are: a short key (index in `shortKeys`) or a long one (id in `long`).
    private var entries: [(isShort: Bool, index: Int32)] = []
    private var lastShort = Short(a: 0, b: 0, count: -1)
    private var lastID: Int32 = -1

    var count: Int { entries.count }

    @inline(__always)
    private static func load(_ bytes: UnsafeRawBufferPointer) -> Short {
        // Overlapping loads that stay inside the field: with the length they identify the bytes.
        let n = bytes.count
        guard let p = bytes.baseAddress else { return Short(a: 0, b: 0, count: 0) }
        if n >= 8 {
            return Short(a: p.loadUnaligned(as: UInt64.self), b: p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self), count: n)
        }
        if n >= 4 {
            let a = UInt64(p.loadUnaligned(as: UInt32.self)) | UInt64(p.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)) << 32
            return Short(a: a, b: 0, count: n)
        }
        var a: UInt64 = 0
        for i in 0..<n { a |= UInt64(p.load(fromByteOffset: i, as: UInt8.self)) << UInt64(8 * i) }
        return Short(a: a, b: 0, count: n)
    }

    @inline(__always)
    private static func hash(_ k: Short) -> Int {
        let h = (k.a &* 0x9E37_79B9_7F4A_7C15) ^ (k.b &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(k.count)
        return Int(truncatingIfNeeded: h ^ (h >> 31))
    }

    /// The id of `bytes`, adding them when new.
    mutating func intern(_ bytes: UnsafeRawBufferPointer) -> Int32 {
        guard bytes.count <= 16 else {
            let before = long.count
            let id = long.intern(bytes)
            if long.count > before {
                entries.append((false, id))
                longEntry.append(Int32(entries.count - 1))
            }
            return longEntry[Int(id)]
        }
        let key = Self.load(bytes)
        if key == lastShort { return lastID }
        let mask = slots.count - 1
        var slot = Self.hash(key) & mask
        while true {
            let s = slots[slot]
            if s < 0 { break }
            if shortKeys[Int(s)] == key {
                lastShort = key
                lastID = shortIDs[Int(s)]
                return lastID
            }
            slot = (slot + 1) & mask
        }
        let id = Int32(entries.count)
        slots[slot] = Int32(shortKeys.count)
        entries.append((true, Int32(shortKeys.count)))
        shortKeys.append(key)
        shortBytes.append(Array(bytes))
        shortIDs.append(id)
        if shortKeys.count * 2 > slots.count { grow() }
        lastShort = key
        lastID = id
        return id
    }

    /// Long-value id in `long` → entry id.
    private var longEntry: [Int32] = []

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (i, k) in shortKeys.enumerated() {
            var slot = Self.hash(k) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(i)
        }
    }

    /// The bytes of an id.
    func bytes(_ id: Int32) -> [UInt8] {
        let e = entries[Int(id)]
        if !e.isShort { return Array(long.bytes(e.index)) }
        return shortBytes[Int(e.index)]
    }
}
