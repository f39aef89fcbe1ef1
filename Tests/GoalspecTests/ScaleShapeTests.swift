import Testing
@testable import Goalspec

/// The shapes of the benchmark (issue 14) at test size: quantile tallies against the rule applied
/// row by row, a breakdown of many parts and a peer group of many members against counts kept
/// aside, and the key index that keeps both linear.
@Suite("Shapes at scale: quantile tallies, many parts, many members")
struct ScaleShapeTests {
    /// The quantile rule of docs/SEMANTICS.md §3.1 on one (value, weight) pair per row, as the
    /// accumulator applied it before values were tallied.
    static func quantileByRows(_ rows: [(Exact, Exact)], _ q: Exact) -> Exact? {
        let sorted = rows.filter { !$0.1.isZero }.sorted { $0.0 < $1.0 }
        let total = sorted.reduce(Exact.zero) { $0 + $1.1 }
        guard !sorted.isEmpty, !total.isZero else { return nil }
        let target = q * total
        var cumulative = Exact.zero
        for (i, (v, w)) in sorted.enumerated() {
            cumulative = cumulative + w
            if cumulative > target { return v }
            if cumulative == target { return i + 1 < sorted.count ? (v + sorted[i + 1].0).divided(by: Exact(2)) : v }
        }
        return sorted.last?.0
    }

    @Test("tallied quantiles equal the rule row by row, with few distinct values kept",
          arguments: [(1, 4, false), (2, 50, false), (3, 50, true), (4, 7, true), (5, 1000, false)])
    func tallies(seed: UInt64, distinct: Int, weighted: Bool) throws {
        var rng = SplitMix(state: seed)
        var input: [(DecimalValue, DecimalValue)] = []   // (value as spelled, weight)
        var rows: [(Exact, Exact)] = []
        for _ in 0..<3000 {
            // The same number in two spellings (`7`, `7.0`) must tally as one value.
            let v = rng.below(distinct)
            let spelled = rng.below(2) == 0 ? DecimalValue(mantissa: Int128(v), scale: 0) : DecimalValue(mantissa: Int128(v * 10), scale: 1)
            let w = weighted ? rng.below(4) : 1   // weight 0 stands for nobody
            input.append((spelled, DecimalValue(mantissa: Int128(w), scale: 0)))
            rows.append((Exact(v), Exact(w)))
        }
        func accumulate(_ slice: some Sequence<(DecimalValue, DecimalValue)>) -> Accumulator {
            var acc = Accumulator()
            for (v, w) in slice {
                if weighted { acc.add(weight: w, argument: .number(v), mode: .quantile) } else { acc.addUnit(.number(v), mode: .quantile) }
            }
            if !weighted { acc.settleUnitWeights() }
            return acc
        }
        let acc = accumulate(input)
        #expect(acc.quantiles.distinctCount <= 2 * distinct)
        // Two halves merged give the same as one accumulator.
        var merged = accumulate(input.prefix(1234))
        merged.merge(accumulate(input.dropFirst(1234)))
        for p in [0, 10, 25, 50, 75, 90, 100] {
            let q = try #require(Exact(p, 100))
            let want = Self.quantileByRows(rows, q)
            #expect(want != nil)
            #expect(acc.quantiles.quantile(q, unitWeights: false) == want, "p\(p)")
            #expect(merged.quantiles.quantile(q, unitWeights: false) == want, "merged p\(p)")
        }
    }

    @Test("a breakdown of 2,000 parts: every part's share equals the counts")
    func manyParts() throws {
        var rng = SplitMix(state: 14)
        var lines = ["city,dimension,reached"]
        var n: [String: Int] = [:], k: [String: Int] = [:]
        for _ in 0..<40_000 {
            let city = "c\(rng.below(100))", dim = "d\(rng.below(20))"
            let reached = rng.below(3) == 0 ? 0 : 1
            lines.append("\(city),\(dim),\(reached)")
            n["\(city)/\(dim)", default: 0] += 1
            k["\(city)/\(dim)", default: 0] += reached
        }
        let spec = """
        data social from "social.csv"

        target reach
          by city, dimension
          share(reached == 1) >= 0%

        """
        let run = try runSpec(spec, data: ["social.csv": lines.joined(separator: "\n") + "\n"])
        #expect(run.diagnostics.isEmpty, "\(renderedDiagnostics(run))")
        let reach = try #require(targets(run)["reach"])
        #expect(reach.parts.count == n.count)
        for part in reach.parts {
            let key = part.key.map(\.value).joined(separator: "/")
            let figure = try #require(part.explanation.measures.first)
            #expect(figure.value == Exact(k[key] ?? -1, n[key] ?? 1), "\(key)")
        }
    }

    @Test("a peer group of 3,000 members: avg(G) is the mean of every member's sum")
    func manyMembers() throws {
        var rng = SplitMix(state: 15)
        var lines = ["person,amount"]
        var total = 0, first = 0
        for p in 0..<3000 {
            for _ in 0..<3 {
                let a = rng.below(1000)
                lines.append("P\(p),\(a)")
                total += a
                if p == 0 { first += a }
            }
        }
        let members = (0..<3000).map { "\"P\($0)\"" }.joined(separator: ", ")
        let spec = """
        data persons from "persons.csv"
          entity person

        group everyone = person in [\(members)]

        target above
          for person = "P0"
          sum(amount) >= avg(everyone)

        """
        let run = try runSpec(spec, data: ["persons.csv": lines.joined(separator: "\n") + "\n"])
        #expect(run.diagnostics.isEmpty, "\(renderedDiagnostics(run))")
        let above = try #require(targets(run)["above"])
        let peers = try #require(above.explanation.measures.first { $0.label.hasPrefix("avg(") })
        #expect(peers.value == Exact(total, 3000))
        #expect(peers.members.count == 3000)
        #expect(above.explanation.measures.first { $0.label.hasPrefix("sum(") }?.value == Exact(first))
    }

    @Test("an accumulator's out-of-line figures are copied on write: a copy's rows never reach the original")
    func extrasAreCopiedOnWrite() throws {
        var original = Accumulator()
        for v in [5, 3, 9] { original.addUnit(.number(DecimalValue(mantissa: Int128(v), scale: 0)), mode: .minimum) }
        var copy = original
        copy.addUnit(.number(DecimalValue(mantissa: 1, scale: 0)), mode: .minimum)
        copy.addUnit(.number(DecimalValue(mantissa: 20, scale: 0)), mode: .maximum)
        let minimum = MeasureSpec(kind: .min, argument: nil, argumentIsPredicate: false, type: .number)
        #expect(original.value(of: minimum) == Exact(3))
        #expect(copy.value(of: minimum) == Exact(1))
        #expect(original.value(of: MeasureSpec(kind: .max, argument: nil, argumentIsPredicate: false, type: .number)) == nil)
        // Quantile values kept by a merged-into copy stay out of the original too.
        var median = Accumulator()
        median.addUnit(.number(DecimalValue(mantissa: 4, scale: 0)), mode: .quantile)
        var merged = median
        merged.merge(median)
        merged.addUnit(.number(DecimalValue(mantissa: 100, scale: 0)), mode: .quantile)
        #expect(median.quantiles.rowCount == 1)
        #expect(merged.quantiles.rowCount == 3)
        // A sum never allocates the out-of-line figures, and the shared empty box stays empty.
        var sum = Accumulator()
        sum.addUnit(.number(DecimalValue(mantissa: 7, scale: 0)), mode: .value)
        sum.settleUnitWeights()
        #expect(AccumulatorExtrasBox.empty.value.minimum == nil)
        #expect(AccumulatorExtrasBox.empty.value.quantiles.rowCount == 0)
        #expect(MemoryLayout<Accumulator>.stride <= 192)
    }

    @Test("the key index finds exactly the groups holding a value, in table order")
    func keyIndex() {
        var groups: [(key: [KeyValue], accumulator: Accumulator)] = []
        for i in 0..<500 { groups.append(([.text("c\(i % 7)"), .text("d\(i % 11)")], Accumulator())) }
        var table = AggregateTable(groupBy: [0, 1], groups: groups)
        for (position, value) in [(0, "c3"), (1, "d10"), (1, "none")] {
            let want = groups.indices.filter { groups[$0].key[position].description == value }
            #expect(table.groupIndices(at: position, equalTo: value) == want)
        }
        let both = Context.candidateGroups(table, columnPosition: 0, values: ["c1", "c2"], part: [(1, "d4")])
        #expect(both == groups.indices.filter { groups[$0].key[1].description == "d4" }
            || both == groups.indices.filter { ["c1", "c2"].contains(groups[$0].key[0].description) })
        // Changing the groups rebuilds the index.
        table.groups = [([.text("x"), .text("y")], Accumulator())]
        #expect(table.groupIndices(at: 0, equalTo: "c3").isEmpty)
        #expect(table.groupIndices(at: 0, equalTo: "x") == [0])
    }
}
