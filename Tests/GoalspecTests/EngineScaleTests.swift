import Testing
@testable import Goalspec

/// A deterministic generator (SplitMix64), so the data are the same on every run.
struct SplitMix {
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

@Suite("Engine at scale: exact figures on generated data, one core and two")
struct EngineScaleTests {
    static let cities = ["Aarhus", "København", "Odense", "Aalborg", "Esbjerg", "Randers", "Vejle"]
    static let quarters = ["2024K1", "2024K2", "2024K3"]

    /// 50 000 rows with counts kept aside: rows and jobs per (quarter, city), weight sums in hundredths.
    static func generate(danish: Bool) -> (csv: String, rows: [String: Int], jobs: [String: Int], weight: [String: Int]) {
        var rng = SplitMix(state: 20241001)
        let sep = danish ? ";" : ","
        var lines = ["person_id\(sep)city\(sep)quarter\(sep)job\(sep)weight"]
        var rows: [String: Int] = [:], jobs: [String: Int] = [:], weight: [String: Int] = [:]
        for i in 0..<50_000 {
            let city = cities[rng.below(cities.count)]
            let quarter = quarters[rng.below(quarters.count)]
            let job = rng.below(100) < 85 ? 1 : 0
            let hundredths = 50 + rng.below(151)
            let w = hundredths % 100 == 0 ? "\(hundredths / 100)" : "\(hundredths / 100)\(danish ? "," : ".")\(String(format: "%02d", hundredths % 100))"
            let name = i % 997 == 0 ? "\"\(city)\"" : city
            lines.append("\(100000 + i)\(sep)\(name)\(sep)\(quarter)\(sep)\(job)\(sep)\(w)")
            let key = "\(quarter) \(city)"
            rows[key, default: 0] += 1
            jobs[key, default: 0] += job
            weight[quarter, default: 0] += hundredths
        }
        return (lines.joined(separator: danish ? "\r\n" : "\n") + (danish ? "\r\n" : "\n"), rows, jobs, weight)
    }

    static let spec = """
    data employment from "employment.csv"
      entity city
      time quarter

    target cities
      by city
      share(job) >= 0%

    target weight
      sum(weight) >= 0

    """

    @Test("shares per city and weight sums equal the generator's counts", arguments: [(1, false), (2, false), (1, true), (2, true)])
    func exactAtScale(cores: Int, danish: Bool) throws {
        let data = Self.generate(danish: danish)
        var options = Runner.Options()
        options.cores = cores
        options.parallelThreshold = 1
        let run = try runSpec(Self.spec, data: ["employment.csv": (danish ? "\u{FEFF}" : "") + data.csv], options: options)
        #expect(run.diagnostics.isEmpty, "\(renderedDiagnostics(run))")
        let cities = try #require(targets(run)["cities"])
        #expect(cities.parts.count == Self.cities.count)
        for part in cities.parts {
            let city = try #require(part.key.first?.value)
            let figure = try #require(part.explanation.measures.first)
            let key = "2024K3 \(city)"
            #expect(figure.rows == data.rows[key], "\(city)")
            #expect(figure.value == Exact(data.jobs[key] ?? -1, data.rows[key] ?? 1), "\(city)")
        }
        let weight = try #require(targets(run)["weight"]?.explanation.measures.first)
        #expect(weight.value == Exact(data.weight["2024K3"] ?? -1, 100))
        #expect(run.specs.first?.prepared?.data.values.first?.rows == 50_000)
    }

    @Test("a bad value in the second half of a file split across two cores is reported at its line", arguments: [1, 2])
    func errorLineInSecondPart(cores: Int) throws {
        var lines = Self.generate(danish: false).csv.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Line 40 001 of the file (the header is line 1): its weight is not a number.
        lines[40_000] = "140000,Aarhus,2024K3,1,1.5x"
        var options = Runner.Options()
        options.cores = cores
        options.parallelThreshold = 1
        let run = try runSpec(Self.spec, data: ["employment.csv": lines.joined(separator: "\n")], options: options)
        let error = try #require(run.diagnostics.first { $0.code == .notANumber }, "\(renderedDiagnostics(run))")
        guard case .dataFile(_, let line, let column, let text) = error.location else {
            Issue.record("not located in the data file")
            return
        }
        #expect(line == 40_001)
        #expect(column == 24)
        #expect(text == "140000,Aarhus,2024K3,1,1.5x")
    }

    @Test("interned keys round-trip and stay distinct, for every length")
    func internerProperty() {
        var rng = SplitMix(state: 7)
        var interner = KeyInterner()
        var seen: [[UInt8]: Int32] = [:]
        for _ in 0..<20_000 {
            let length = rng.below(40)
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.below(4) + 48) }
            let id = bytes.withUnsafeBytes { interner.intern($0) }
            if let previous = seen[bytes] {
                #expect(previous == id)
            } else {
                #expect(Int(id) == seen.count)
                seen[bytes] = id
            }
            #expect(interner.bytes(id) == bytes)
        }
        #expect(interner.count == seen.count)
    }
}
