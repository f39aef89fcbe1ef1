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
        var a: UInt64 = 0
        var b: UInt64 = 0
        let n = bytes.count
        var i = 0
        while i < n && i < 8 {
            a |= UInt64(bytes[i]) << UInt64(8 * i)
            i += 1
        }
        while i < n {
            b |= UInt64(bytes[i]) << UInt64(8 * (i - 8))
            i += 1
        }
        return Short(a: a, b: b, count: n)
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
        var k = shortKeys[Int(e.index)]
        var out = [UInt8]()
        withUnsafeBytes(of: &k.a) { out.append(contentsOf: $0.prefix(min(8, k.count))) }
        if k.count > 8 { withUnsafeBytes(of: &k.b) { out.append(contentsOf: $0.prefix(k.count - 8)) } }
        return out
    }
}
