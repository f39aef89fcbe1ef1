/// Maps a row's group key (interned ids of its grouping columns) to a dense group index:
/// the per-row lookup of the engine. Keys of up to four ids below 65536 are packed into one
/// machine word; others use the full 8-lane key. Both share one index space.
struct GroupTable {
    private(set) var keys: [SIMD8<Int32>] = []
    private var narrowKeys: [UInt64] = []
    private var narrowSlots: [Int32] = Array(repeating: -1, count: 64)
    private var narrowIndex: [Int32] = []
    private var wideSlots: [Int32] = Array(repeating: -1, count: 16)
    private var wideCount = 0
    private var lastNarrow: UInt64 = .max
    private var lastIndex = 0
    /// Direct lookup for keys of at most two ids below 256 (the common case of a period and an
    /// entity): index + 1 by `id0 | id1 << 8`, 0 when not seen yet.
    private var dense = [Int32](repeating: 0, count: 1 << 16)

    var count: Int { keys.count }

    @inline(__always)
    private static func hash(_ k: UInt64) -> Int {
        let h = k &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    private static func hash(_ k: SIMD8<Int32>) -> Int {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15
        for i in 0..<8 { h = (h ^ UInt64(UInt32(bitPattern: k[i]))) &* 0xFF51_AFD7_ED55_8CCD }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    /// The index of the key made of `ids` (at most 8), adding it when new.
    @inline(__always)
    mutating func index(_ ids: UnsafeBufferPointer<Int32>) -> Int {
        if ids.count <= 2 {
            let a = ids.count > 0 ? ids[0] : 0
            let b = ids.count > 1 ? ids[1] : 0
            if a >= 0 && a < 256 && b >= 0 && b < 256 {
                let slot = Int(a) | Int(b) << 8
                let hit = dense[slot]
                if hit > 0 { return Int(hit - 1) }
                var packed: UInt64 = 0
                for (i, id) in ids.enumerated() { packed |= UInt64(id + 1) << (16 * UInt64(i)) }
                let index = narrowIndex(packed, ids)
                dense[slot] = Int32(index + 1)
                return index
            }
        }
        if ids.count <= 4 {
            var packed: UInt64 = 0
            var narrow = true
            for (i, id) in ids.enumerated() {
                if id < 0 || id >= 65535 { narrow = false; break }
                packed |= UInt64(id + 1) << (16 * UInt64(i))
            }
            if narrow { return narrowIndex(packed, ids) }
        }
        return wideIndex(ids)
    }

    @inline(__always)
    private mutating func narrowIndex(_ packed: UInt64, _ ids: UnsafeBufferPointer<Int32>) -> Int {
        if packed == lastNarrow { return lastIndex }
        let mask = narrowSlots.count - 1
        var slot = Self.hash(packed) & mask
        while true {
            let s = narrowSlots[slot]
            if s < 0 { break }
            if narrowKeys[Int(s)] == packed {
                lastNarrow = packed
                lastIndex = Int(narrowIndex[Int(s)])
                return lastIndex
            }
            slot = (slot + 1) & mask
        }
        let index = keys.count
        keys.append(Self.full(ids))
        narrowSlots[slot] = Int32(narrowKeys.count)
        narrowKeys.append(packed)
        narrowIndex.append(Int32(index))
        if narrowKeys.count * 2 > narrowSlots.count {
            narrowSlots = Array(repeating: -1, count: narrowSlots.count * 2)
            let m = narrowSlots.count - 1
            for (i, k) in narrowKeys.enumerated() {
                var s = Self.hash(k) & m
                while narrowSlots[s] >= 0 { s = (s + 1) & m }
                narrowSlots[s] = Int32(i)
            }
        }
        lastNarrow = packed
        lastIndex = index
        return index
    }

    private static func full(_ ids: UnsafeBufferPointer<Int32>) -> SIMD8<Int32> {
        var key = SIMD8<Int32>(repeating: -1)
        for (i, id) in ids.prefix(8).enumerated() { key[i] = id }
        return key
    }

    private mutating func wideIndex(_ ids: UnsafeBufferPointer<Int32>) -> Int {
        let key = Self.full(ids)
        let mask = wideSlots.count - 1
        var slot = Self.hash(key) & mask
        while true {
            let s = wideSlots[slot]
            if s < 0 { break }
            if keys[Int(s)] == key { return Int(s) }
            slot = (slot + 1) & mask
        }
        let index = keys.count
        keys.append(key)
        wideSlots[slot] = Int32(index)
        wideCount += 1
        if wideCount * 2 > wideSlots.count {
            wideSlots = Array(repeating: -1, count: wideSlots.count * 2)
            let m = wideSlots.count - 1
            for (i, k) in keys.enumerated() where !isNarrow(k) {
                var s = Self.hash(k) & m
                while wideSlots[s] >= 0 { s = (s + 1) & m }
                wideSlots[s] = Int32(i)
            }
        }
        return index
    }

    private func isNarrow(_ k: SIMD8<Int32>) -> Bool {
        var n = 0
        for i in 0..<8 where k[i] >= 0 { n = i + 1 }
        guard n <= 4 else { return false }
        for i in 0..<n where k[i] >= 65535 { return false }
        return true
    }
}
