import Testing
@testable import Goalspec

/// The row logic is one semantics, whichever path the engine takes: the batched fast path reads
/// `flag`, `not flag`, `flag == 1`; the row program evaluates everything else. Random rows with
/// empty cells and random conditions are counted by the engine and by a reference evaluator of
/// three-valued logic written here, and logically equal forms must count alike.
@Suite("Row logic")
struct RowLogicPropertyTests {
    /// A small deterministic generator (SplitMix64), so a failing seed can be replayed.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    /// A condition over Bool columns a, b and number column x, with its text and reference value.
    indirect enum Cond {
        case bool(String)
        case equals(String, Int)
        case notEquals(String, Int)
        case less(Int)
        case not(Cond)
        case and(Cond, Cond)
        case or(Cond, Cond)

        var text: String {
            switch self {
            case .bool(let c): c
            case .equals(let c, let v): "\(c) == \(v)"
            case .notEquals(let c, let v): "\(c) != \(v)"
            case .less(let v): "x < \(v)"
            case .not(let a): "not (\(a.text))"
            case .and(let a, let b): "(\(a.text)) and (\(b.text))"
            case .or(let a, let b): "(\(a.text)) or (\(b.text))"
            }
        }

        /// Kleene logic: nil is unknown (an empty field).
        func value(_ row: [String: Int?]) -> Bool? {
            switch self {
            case .bool(let c): return row[c].flatMap { $0.map { $0 == 1 } }
            case .equals(let c, let v): return row[c].flatMap { $0.map { $0 == v } }
            case .notEquals(let c, let v): return row[c].flatMap { $0.map { $0 != v } }
            case .less(let v): return row["x"].flatMap { $0.map { $0 < v } }
            case .not(let a): return a.value(row).map { !$0 }
            case .and(let a, let b):
                let x = a.value(row), y = b.value(row)
                if x == false || y == false { return false }
                return x == true && y == true ? true : nil
            case .or(let a, let b):
                let x = a.value(row), y = b.value(row)
                if x == true || y == true { return true }
                return x == false && y == false ? false : nil
            }
        }

        /// A logically equal form (De Morgan, double negation, idempotence).
        var twin: Cond {
            switch self {
            case .bool(let c): .and(.bool(c), .bool(c))
            case .equals(let c, let v): .not(.notEquals(c, v))
            case .notEquals(let c, let v): .not(.equals(c, v))
            case .less: .or(self, self)
            case .not(.and(let a, let b)): .or(.not(a), .not(b))
            case .not(.or(let a, let b)): .and(.not(a), .not(b))
            case .not(let a): .not(.not(.not(a)))
            case .and(let a, let b): .not(.or(.not(a), .not(b)))
            case .or(let a, let b): .not(.and(.not(a), .not(b)))
            }
        }
    }

    static func randomCondition(_ g: inout Generator, depth: Int) -> Cond {
        let leafOnly = depth == 0
        switch g.below(leafOnly ? 4 : 7) {
        case 0: return .bool(g.below(2) == 0 ? "a" : "b")
        case 1: return .equals(g.below(2) == 0 ? "a" : "b", g.below(2))
        case 2: return .notEquals(g.below(2) == 0 ? "a" : "b", g.below(2))
        case 3: return .less(g.below(5))
        case 4: return .not(randomCondition(&g, depth: depth - 1))
        case 5: return .and(randomCondition(&g, depth: depth - 1), randomCondition(&g, depth: depth - 1))
        default: return .or(randomCondition(&g, depth: depth - 1), randomCondition(&g, depth: depth - 1))
        }
    }

    @Test("count(P) equals the reference and its logical twin on random rows with empty cells", arguments: 0..<40)
    func countsAgree(seed: Int) throws {
        var g = Generator(state: UInt64(seed) &* 7919 &+ 17)
        var rows: [[String: Int?]] = []
        var csv = "id,q,a,b,x\n"
        for i in 0..<(5 + g.below(30)) {
            func cell(_ values: Int) -> Int? { g.below(4) == 0 ? nil : g.below(values) }
            let row: [String: Int?] = ["a": cell(2), "b": cell(2), "x": cell(5)]
            rows.append(row)
            func text(_ v: Int??) -> String { (v ?? nil).map(String.init) ?? "" }
            csv += "\(i),2024K3,\(text(row["a"])),\(text(row["b"])),\(text(row["x"]))\n"
        }
        // Make sure both columns are read as Bool: at least one 0 and one 1 each.
        csv += "\(rows.count),2024K3,0,0,0\n\(rows.count + 1),2024K3,1,1,1\n"
        rows.append(["a": 0, "b": 0, "x": 0])
        rows.append(["a": 1, "b": 1, "x": 1])

        var spec = "data d from \"d.csv\"\n  time q\n\n"
        var expected: [String: Int] = [:]
        for k in 0..<12 {
            let c = Self.randomCondition(&g, depth: 3)
            let count = rows.filter { c.value($0) == true }.count
            for (name, form) in [("p\(k)", c), ("t\(k)", c.twin)] {
                spec += "target \(name)\n  count(\(form.text)) == \(count)\n\n"
                expected[name] = count
            }
        }
        let run = try runSpec(spec, data: ["d.csv": csv])
        #expect(!run.hasErrors, "\(renderedDiagnostics(run))")
        let results = targets(run)
        for (name, count) in expected {
            let t = try #require(results[name])
            #expect(t.verdict == .met, "seed \(seed): \(t.condition) should count \(count), got \(t.explanation.measures.first?.value?.description ?? "none")")
        }
    }
}
