import Foundation
import Testing
@testable import Goalspec

/// Issue 8, the data cases: a header-only file (4), sums beyond any fixed width (9) and numbers
/// of more than 19 significant digits (14). Each once gave exit 2 or `no data` where the data
/// had an exact answer.
@Suite("Data trust regressions")
struct DataTrustTests {
    static let headerOnlySpec = """
        data d from "d.csv"
          entity city
          time year
          weight persons
        group big = city in ["Aarhus", "Odense"]
        define ok = job and amount > 3
        target share
          share(job) >= 50%
        target total
          sum(amount) > 10
        target counted
          count(ok) > 1
        target peer
          for city = "Aarhus"
          share(job) >= avg(big)
        target most
          atLeast 7/10 job
        target named
          count(city == "Aarhus") > 0

        """

    @Test("a header-only file is no data per target, typed by the spec's use (case 4)", arguments: [
        "city,year,job,persons,amount\n",
        "city;year;job;persons;amount\r\n",
    ])
    func headerOnlyFile(header: String) throws {
        let run = try runSpec(Self.headerOnlySpec, data: ["d.csv": header])
        #expect(!run.hasErrors, "\(renderedDiagnostics(run))")
        let results = targets(run)
        #expect(results.count == 6)
        for (id, t) in results {
            #expect(t.verdict == .noData, "\(id): \(t.verdict)")
        }
    }

    @Test("a column with no value takes its type from its use, and its targets are no data (case 4)")
    func emptyColumnTypedByUse() throws {
        let spec = """
            data d from "d.csv"
            target flagged
              share(flag) >= 50%
            target amount
              sum(amount) > 0
            target label
              count(label == "x") >= 0
            target rows
              count() == 2

            """
        let run = try runSpec(spec, data: ["d.csv": "id,flag,amount,label\n1,,,\n2,,,\n"])
        #expect(!run.hasErrors, "\(renderedDiagnostics(run))")
        let results = targets(run)
        #expect(results["amount"]?.verdict == .noData)
        #expect(results["rows"]?.verdict == .met)
        #expect(results["label"]?.verdict == .met)
        #expect(results["flagged"]?.verdict != .met)
    }

    @Test("a column empty in the sample still reads its later values as its use's type (case 4)")
    func emptyInSampleValuesLater() throws {
        // 70 000 rows of 12 bytes each put the values far past the 64 KiB sample.
        var csv = "id,amount\n"
        for i in 0..<70_000 { csv += "\(100_000 + i),\n" }
        csv += "1,2.5\n2,4\n"
        let spec = "data d from \"d.csv\"\ntarget total\n  sum(amount) == 6.5\n"
        let run = try runSpec(spec, data: ["d.csv": csv])
        #expect(!run.hasErrors, "\(renderedDiagnostics(run))")
        #expect(targets(run)["total"]?.verdict == .met)
    }

    @Test("a sum of no values is no data, not 0")
    func sumOfNoValues() throws {
        let spec = "data d from \"d.csv\"\n  time q\ntarget t\n  sum(b) == 0\n"
        let run = try runSpec(spec, data: ["d.csv": "q,b\n2023K4,5\n2024K1,\n"])
        #expect(!run.hasErrors, "\(renderedDiagnostics(run))")
        #expect(targets(run)["t"]?.verdict == .noData)
    }

    @Test("sums beyond 128 bits are exact (case 9)", arguments: [
        // (data, condition, exact value of the first measure)
        ("id,w,x\n1,1000000000000000000000000000000,5\n2,2000000000000000000000000000000,7\n",
         "sum(x) == 19000000000000000000000000000000", Exact(19) * Exact(mantissa: 1, scale: -30)),
        ("id,w,x\n1,1000000000000000000000000000000,5\n2,2000000000000000000000000000000,7\n",
         "mean(x) > 6.33", Exact(19, 3)),
        ("id,w,x\n1,99999999999999999999999999999999999999,99999999999999999999999999999999999999\n2,1,1\n",
         "sum(x) > 0", Exact(mantissa: Int128("99999999999999999999999999999999999999") ?? 0, scale: 0)
            * Exact(mantissa: Int128("99999999999999999999999999999999999999") ?? 0, scale: 0) + Exact(1)),
        ("id,w,x\n1,1e-20000,1e-20000\n",
         "sum(x) > 0", Exact(mantissa: 1, scale: 40000)),
        ("id,w,x\n1,1e30000,1\n2,1,1e-30000\n",
         "count() > 1", Exact(mantissa: 1, scale: -30000) + Exact(1)),
    ] as [(String, String, Exact?)])
    func exactSums(data: String, condition: String, value: Exact?) throws {
        let spec = "data d from \"d.csv\"\n  weight w\ntarget t\n  \(condition)\n"
        let run = try runSpec(spec, data: ["d.csv": data])
        #expect(!run.hasErrors, "\(renderedDiagnostics(run))")
        let t = try #require(targets(run)["t"])
        #expect(t.verdict == .met, "\(t.explanation)")
        #expect(t.explanation.measures.first?.value == value)
    }

    @Test("numbers of more than 19 significant digits are read exactly (case 14)", arguments: [
        ("12345678901234567890", "sum(n) == 24691357802469135780"),
        ("1.0000000000000000001", "sum(n) == 12345678901234567891.0000000000000000001"),
        ("-12345678901234567890", "min(n) == -12345678901234567890"),
    ])
    func longNumbers(second: String, condition: String) throws {
        let spec = "data d from \"d.csv\"\ntarget t\n  \(condition)\n"
        let run = try runSpec(spec, data: ["d.csv": "n\n12345678901234567890\n\(second)\n"])
        #expect(!run.hasErrors, "\(renderedDiagnostics(run))")
        #expect(targets(run)["t"]?.verdict == .met)
    }

    @Test("a number beyond 38 significant digits is an error at its field, quoting it (case 14)")
    func tooLongNumber() throws {
        let long = "1234567890123456789012345678901234567890"
        let spec = "data d from \"d.csv\"\ntarget t\n  sum(n) > 0\n"
        let run = try runSpec(spec, data: ["d.csv": "id,n\n1,5\n2,\(long)\n"])
        #expect(run.hasErrors)
        let text = renderedDiagnostics(run)
        #expect(text.contains("d.csv:3:3"), "\(text)")
        #expect(text.contains("'\(long)' in column 'n' has more digits than Goalspec reads exactly"), "\(text)")
        #expect(!text.contains("Text values"), "\(text)")
    }
}

extension DataTrustTests {
    @Test("a weight column of only 0 and 1 holds weights, not truth values")
    func zeroOneWeights() throws {
        let spec = "data d from \"d.csv\"\n  weight w\n  time q\ntarget t\n  sum(x) == 5\ntarget n\n  count() == 1\n"
        let run = try runSpec(spec, data: ["d.csv": "q,w,x\n2024,1,5\n2024,0,7\n"])
        #expect(!run.hasErrors, "\(renderedDiagnostics(run))")
        #expect(targets(run)["t"]?.verdict == .met)
        #expect(targets(run)["n"]?.verdict == .met)
    }
}

extension DataTrustTests {
    @Test("a time value with surrounding spaces is its period (gap G2)")
    func paddedTimeValue() throws {
        let spec = "data d from \"d.csv\"\n  time q\ntarget t\n  sum(x) == 3\n"
        let run = try runSpec(spec, data: ["d.csv": "city,q,x\nA,2024K1,1\nA, 2024K1 ,2\n"])
        #expect(!run.hasErrors, "\(renderedDiagnostics(run))")
        #expect(targets(run)["t"]?.verdict == .met)
    }

    @Test("a row without a period is an error at its field, not silently in no period (gap G2)")
    func emptyTimeValue() throws {
        let spec = "data d from \"d.csv\"\n  time q\ntarget t\n  sum(x) > 0\n"
        let run = try runSpec(spec, data: ["d.csv": "city,q,x\nA,2024K1,1\nA,,5\n"])
        #expect(run.hasErrors)
        let text = renderedDiagnostics(run)
        #expect(text.contains("d.csv:3:3"), "\(text)")
        #expect(text.contains("the row has no period in time column 'q'"), "\(text)")
    }
}

extension DataTrustTests {
    @Test("`in` with numbers on an integer column compares numbers, as == does (gap G5)", arguments: [
        ("count(code == 1) == 3"), ("count(code in [1]) == 3"), ("count(code in [1, 2]) == 4"), ("count(not (code in [1])) == 1"),
    ])
    func numericMembership(condition: String) throws {
        let spec = "data d from \"d.csv\"\ntarget t\n  \(condition)\n"
        let run = try runSpec(spec, data: ["d.csv": "code,n\n1,1\n01,1\n+1,1\n2,1\n"])
        #expect(!run.hasErrors, "\(renderedDiagnostics(run))")
        #expect(targets(run)["t"]?.verdict == .met)
    }

    @Test("a row of weight 0 is nobody's minimum, maximum or quantile (gap G8)", arguments: [
        ("max(x) == 2", Verdict.met), ("percentile(x, 100) == 2", .met), ("min(x) == 2", .notMet), ("median(x) == 2", .met),
    ])
    func zeroWeightRows(condition: String, verdict: Verdict) throws {
        let spec = "data d from \"d.csv\"\n  weight persons\ntarget t\n  \(condition)\n"
        let run = try runSpec(spec, data: ["d.csv": "x,persons\n1,10\n2,30\n100,0\n"])
        #expect(!run.hasErrors, "\(renderedDiagnostics(run))")
        #expect(targets(run)["t"]?.verdict == verdict)
    }

    @Test("all weights 0: min and max are no data (gap G8)")
    func allZeroWeights() throws {
        let spec = "data d from \"d.csv\"\n  weight persons\ntarget t\n  max(x) > 0\n"
        let run = try runSpec(spec, data: ["d.csv": "x,persons\n5,0\n7,0\n"])
        #expect(!run.hasErrors, "\(renderedDiagnostics(run))")
        #expect(targets(run)["t"]?.verdict == .noData)
    }
}

extension DataTrustTests {
    @Test("the margin of falls yearly is value − threshold, as for falls (differential FOUND.md #1)")
    func fallsYearlyMargin() throws {
        let spec = "data d from \"d.csv\"\n  time år\ntarget every_year\n  sum(v) falls yearly from 2022\ntarget plain\n  sum(v) falls\n"
        let run = try runSpec(spec, data: ["d.csv": "år,v\n2022,5\n2023,3\n2024,4\n"])
        #expect(!run.hasErrors, "\(renderedDiagnostics(run))")
        let results = targets(run)
        #expect(results["every_year"]?.explanation.checks.first?.margin == Exact(1))
        #expect(results["plain"]?.explanation.checks.first?.margin == Exact(1))
        #expect(results["every_year"]?.verdict == .notMet)
    }
}

extension DataTrustTests {
    @Test("a field of only spaces is missing on every path, as when inferring (gap G1)", arguments: [
        "sum(x) == 2", "count() == 3", "count(x > 1) == 1", "mean(x) == 2", "share(x > 1) >= 33%", "count(label == \"  \") == 1",
    ])
    func spaceOnlyField(condition: String) throws {
        let spec = "data d from \"d.csv\"\ntarget t\n  \(condition)\n"
        let run = try runSpec(spec, data: ["d.csv": "x,label\n2,a\n ,  \n   ,b\n"])
        #expect(!run.hasErrors, "\(renderedDiagnostics(run))")
        #expect(targets(run)["t"]?.verdict == .met, "\(condition)")
    }
}

extension DataTrustTests {
    @Test("by at a period coarser than the data gathers each part over it (gap G10)")
    func breakdownAtCoarserPeriod() throws {
        var csv = "q,dim,r\n"
        for q in ["2023K1", "2023K2", "2023K3", "2023K4"] {
            csv += "\(q),a,1\n\(q),a,0\n\(q),b,0\n\(q),b,0\n"
        }
        let spec = "data d from \"d.csv\"\n  time q\ntarget t\n  at 2023\n  share(r) >= 50%\n  by dim\n"
        let run = try runSpec(spec, data: ["d.csv": csv])
        #expect(!run.hasErrors, "\(renderedDiagnostics(run))")
        let t = try #require(targets(run)["t"])
        #expect(t.parts.map(\.verdict) == [.met, .notMet])
        #expect(t.parts.first?.explanation.measures.first?.value == Exact(1, 2))
    }

    @Test("a window of years at a finer period rolls and ends at that period (gap G14)")
    func rollingWindowEndsAtThePeriod() throws {
        var csv = "m,r\n"
        for (y, m) in (3...12).map({ (2023, $0) }) + (1...5).map({ (2024, $0) }) {
            csv += "\(y)M\(m < 10 ? "0" : "")\(m),\(m % 2)\n"
        }
        let spec = "data d from \"d.csv\"\n  time m\ntarget t\n  at 2024M02\n  share(r) over last 1 years == 50%\n"
        let run = try runSpec(spec, data: ["d.csv": csv])
        #expect(!run.hasErrors, "\(renderedDiagnostics(run))")
        let t = try #require(targets(run)["t"])
        #expect(t.verdict == .met)
        #expect(t.explanation.measures.first?.rows == 12)
        #expect(t.explanation.measures.first?.label.contains("2023M03–2024M02") == true)
    }
}

extension DataTrustTests {
    @Test("the default period of data that mix years and quarters is no data asking for `at` (gap G11)")
    func mixedGranularities() throws {
        let spec = "data d from \"d.csv\"\n  time q\ntarget t\n  sum(v) > 0\ntarget u\n  at 2025\n  sum(v) == 1\n"
        let run = try runSpec(spec, data: ["d.csv": "q,v\n2025,1\n2024K4,2\n2024K3,3\n"])
        #expect(!run.hasErrors, "\(renderedDiagnostics(run))")
        let t = try #require(targets(run)["t"])
        #expect(t.verdict == .noData)
        #expect(t.explanation.reasonText()?.contains("mix years and quarters") == true)
        #expect(targets(run)["u"]?.verdict == .met)
    }
}

extension DataTrustTests {
    @Test("what it takes never asks for the impossible and reads as English (gap G19)", arguments: [
        ("x\n4\n", "sum(x) > 4", "at the requirement, and it must be above it"),
        ("m,r\n2024M02,1\n2024M03,0\n", "share(r) rises", "cannot be met: a share cannot be above 100%"),
        ("id,r\n1,1\n2,0\n", "share(r) >= 100%", "1 more of the citizens must satisfy r"),
        ("id,r\n1,1\n2,0\n", "count(r) >= 3", "short of the requirement"),
    ])
    func whatItTakesWording(data: String, condition: String, expected: String) throws {
        let time = data.hasPrefix("m,") ? "\n  time m" : ""
        let spec = "data d from \"d.csv\"\(time)\n  counts citizens\ntarget t\n  \(condition)\n"
        let run = try runSpec(spec, data: ["d.csv": data])
        #expect(!run.hasErrors, "\(renderedDiagnostics(run))")
        let t = try #require(targets(run)["t"])
        let said = t.explanation.checks.compactMap { $0.whatItTakesText() }.joined(separator: " | ")
        #expect(said.contains(expected), "\(said)")
    }
}

extension DataTrustTests {
    @Test("by a Bool column makes one part per truth value, shown with the sample's spelling (gap G23)")
    func boolParts() throws {
        let spec = "data d from \"d.csv\"\ntarget t\n  sum(x) >= 0\n  by svar\n"
        let run = try runSpec(spec, data: ["d.csv": "svar,x\nJa,1\nja,2\nNej,3\n1,4\n"])
        #expect(!run.hasErrors, "\(renderedDiagnostics(run))")
        let t = try #require(targets(run)["t"])
        #expect(t.parts.map { $0.key.map(\.value).joined() } == ["Ja", "Nej"])
        #expect(t.parts.first?.explanation.measures.first?.value == Exact(7))
    }

    @Test("a group over a Bool or decimal column compares its members as the column's values")
    func groupMembersTyped() throws {
        let spec = """
            data d from "d.csv"
            group yes = svar in ["Ja"]
            group small = x in ["1.5", "2"]
            target t
              count(svar in yes) == 3
            target u
              count(x in small) == 2

            """
        let run = try runSpec(spec, data: ["d.csv": "svar,x\nJa,1.5\nja,2.0\nNej,3\n1,4\n"])
        #expect(!run.hasErrors, "\(renderedDiagnostics(run))")
        #expect(targets(run)["t"]?.verdict == .met)
        #expect(targets(run)["u"]?.verdict == .met)
    }
}

extension DataTrustTests {
    @Test("a value below 10⁻¹² is shown in scientific notation, never as 0.00", arguments: [
        (Exact(mantissa: 1, scale: 40000), "1.000e-40000"),
        (Exact(mantissa: 7, scale: 41), "7.000e-41"),
        (Exact(mantissa: -12345, scale: 20), "-1.235e-16"),
        (Exact(mantissa: 1, scale: 3), "0.001"),
    ])
    func tinyValues(value: Exact, shown: String) {
        #expect(ValueFormatting.number(value, maxDigits: 3) == shown)
    }
}
