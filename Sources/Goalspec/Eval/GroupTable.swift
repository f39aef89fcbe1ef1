/// Maps a row's group key (interned ids of its grouping columns) to a dense group index,
/// with open addressing and a cheap hash: the per-row lookup of the engine.
struct GroupTable {
    private(set) var keys: [SIMD8<Int32>] = []
    private var slots: [Int32] = Array(repeating: -1, count: 64)

    var count: Int { keys.count }

    private static func hash(_ k: SIMD8<Int32>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15
        for i in 0..<8 {
            h = (h ^ UInt64(UInt32(bitPattern: k[i]))) &* 0xFF51_AFD7_ED55_8CCD
        }
        return h ^ (h >> 29)
    }

    /// The index of `key`, adding it when new.
    mutating func index(of key: SIMD8<Int32>) -> Int {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: Self.hash(key)) & mask
        while true {
            let entry = slots[slot]
            if entry < 0 { break }
            if keys[Int(entry)] == key { return Int(entry) }
            slot = (slot + 1) & mask
        }
        let index = keys.count
        keys.append(key)
        slots[slot] = Int32(index)
        if keys.count * 2 > slots.count { grow() }
        return index
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (i, k) in keys.enumerated() {
            var slot = Int(truncatingIfNeeded: Self.hash(k)) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(i)
        }
    }
}
