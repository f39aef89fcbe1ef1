import Foundation
import Testing
@testable import Goalspec

/// Sums that leave Int128 stay exact and cost time linear in the digits added, whatever the
/// exponents: the fix of 2,000 rows of `1e-32767` taking 6 s (50,000: over a minute).
@Suite("Wide decimal sums")
struct WideDecimalSumTests {
    @Test("a decimal in lowest terms equals the general construction", arguments: [
        (BigInt(1), 3), (BigInt(-250), 3), (BigInt(1_000), 2), (BigInt(640), 7), (BigInt(3_125), 5), (BigInt(-7), 0),
        (BigInt(12), -4), (BigInt(0), 9), (BigInt(5).power(40), 30), (BigInt(2).power(90), 60), (BigInt(10).power(50), 45),
    ])
    func decimal(_ mantissa: BigInt, _ scale: Int) {
        #expect(Exact.decimal(mantissa, scale: scale) == Exact(mantissa: mantissa, scale: scale))
    }

    @Test("sums agree with exact rational arithmetic, across Int128 and scales far apart")
    func agreesWithExact() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<100 {
            var sum = ExactSum()
            var expected = Exact.zero
            for _ in 0..<Int.random(in: 1...12, using: &generator) {
                let mantissa = Int128(Int64.random(in: -1_000_000_000_000...1_000_000_000_000, using: &generator))
                    * Int128(Int64.random(in: 1...1_000_000_000, using: &generator))
                // (The rational reference is what is slow with exponents near ±32,767: those are
                // checked in the tests below against one exact construction each.)
                let scale = [Int.random(in: -3...12, using: &generator), Int.random(in: -60...60, using: &generator),
                             Int.random(in: -400...400, using: &generator)].randomElement(using: &generator) ?? 0
                sum.add(mantissa, scale: scale)
                expected = expected + Exact(mantissa: mantissa, scale: scale)
            }
            #expect(sum.exact == expected)
            #expect(sum.isZero == (expected == .zero))
            #expect(sum.isNegative == (expected < .zero))
        }
    }

    @Test("products past Int128 and merged sums stay exact")
    func productsAndMerges() {
        let big = DecimalValue(mantissa: Int128.max / 3, scale: 2)
        var a = ExactSum()
        a.add(big, times: big)
        a.add(DecimalValue(mantissa: 1, scale: 32_767))
        var b = ExactSum()
        b.add(DecimalValue(mantissa: -1, scale: 32_767))
        a.add(b)
        let x = Exact(mantissa: Int128.max / 3, scale: 2)
        #expect(a.exact == x * x)
        #expect(a == { var c = ExactSum(); c.add(big, times: big); return c }())
    }

    @Test("50,000 values of 1e-32767 (and 1e32767 mixed with 1) add up in linear time")
    func linearTime() {
        let start = ContinuousClock.now
        var tiny = ExactSum(), mixed = ExactSum()
        for i in 0..<50_000 {
            tiny.add(DecimalValue(mantissa: 1, scale: 32_767))
            mixed.add(i % 2 == 0 ? DecimalValue(1) : DecimalValue(mantissa: 1, scale: -32_767))
        }
        #expect(tiny.exact == Exact(mantissa: 50_000, scale: 32_767))
        #expect(mixed.exact == Exact(25_000) + Exact(mantissa: 25_000, scale: -32_767))
        // Before the fix this took minutes; a loaded debug build needs well under a second.
        #expect(ContinuousClock.now - start < .seconds(20))
    }

    @Test("min and max of plain decimals compare decimals, even 1e-32767 and 1e32767")
    func extremes() throws {
        var csv = "quarter,x\n"
        for i in 0..<20_000 { csv += "2024K1," + (i % 3 == 0 ? "1e-32767" : i % 3 == 1 ? "1e32767" : "-2.5") + "\n" }
        let start = ContinuousClock.now
        let run = try runSpec("data t from \"t.csv\"\n  time quarter\n\ntarget lo\n  data t\n  min(x) < 0\n\ntarget hi\n  data t\n  max(x) > 1\n",
                              data: ["t.csv": csv])
        #expect(run.diagnostics.isEmpty, "\(renderedDiagnostics(run))")
        #expect(targets(run)["lo"]?.verdict == .met)
        #expect(targets(run)["hi"]?.verdict == .met)
        #expect(ContinuousClock.now - start < .seconds(20))
    }
}
