// goalspec-bench: evaluates the MSB targets of Aarhus (Specs/aarhus-msb-2026.goal) on data made
// by ../shared/bench/gen_data.py and prints the figures in the shape of its expected.json, so
// that ../shared/bench/check.py can compare them and run_peers.sh can time goalspec beside
// DuckDB, polars and pandas.
//
//     goalspec-bench DATA_DIR --only employment|social [--dialect standard|danish] [--print-spec]
//
// Every figure comes from Goalspec's verdict explanations (and `DatasetResult.rows` for the
// row count); this program never reads the CSV itself. The spec is the string below, written
// to a temporary file; its dataset is rebound to DATA_DIR/NAME.csv with
// `Runner.Options(dataOverrides:)`. The file is read once (one `Runner.run`); further
// periods are evaluated with `PreparedSpec.evaluate(at:)` on the aggregates of that pass.
// The dialect is detected by Goalspec from the file; `--dialect` is accepted for the
// run_peers.sh contract and only checked for its value.
//
// stdout: the JSON; stderr: `TIMING import_s=0 compute_s=S` (S: wall seconds from the start of
// `Runner.run` to the last evaluation) and, on failure, the diagnostics. Exit status 0 when
// the figures were computed, 2 when the spec or the data could not be used, 64 on bad usage.

import Foundation
import Goalspec

// MARK: - The specs

/// The employment targets: the MSB target `job` as written in Specs/aarhus-msb-2026.goal
/// (without `weight`: the generator's shares are unweighted row shares), plus targets whose
/// explanations carry the other figures of expected.json.
let employmentSpec = """
spec "goalspec-bench: MSB employment targets on generated data"

data employment from "employment.csv"   # rebound to DATA_DIR/employment.csv
  entity city
  time quarter

group 6byer = city in ["København", "Odense", "Aalborg", "Esbjerg", "Randers", "Vejle"]

# aarhus_share, other_six_mean_share (avg over the six members), aarhus_margin_pp
target job "Andelen i job og uddannelse 1%-point over de øvrige 6-byer"
  data employment
  for city = "Aarhus"
  share(job) >= avg(6byer) + 1.0pp

# city_share_latest: one part per city
target cities "Every city's share in job or education"
  data employment
  by city
  share(job) >= 0%

# rows_latest
target rows "Rows in the latest quarter"
  data employment
  count() >= 0

# weight_sum_latest
target weights "Sum of weight in the latest quarter"
  data employment
  sum(weight) >= 0

"""

/// The social targets: the share reaching their goal per dimension (MSB's "7 ud af 10" per
/// dimension), evaluated at every quarter, plus rows and Σ weight of the latest quarter.
let socialSpec = """
spec "goalspec-bench: MSB social targets on generated data"

data social from "social.csv"   # rebound to DATA_DIR/social.csv
  time quarter

define reach goal = reached == 1

# dimension_share_latest, _previous, _by_quarter: one part per dimension, at each quarter
target dimensions "Share reaching their goal, per dimension"
  data social
  by dimension
  share(reach goal) >= 0%

# rows_latest
target rows "Rows in the latest quarter"
  data social
  count() >= 0

# weight_sum_latest
target weights "Sum of weight in the latest quarter"
  data social
  sum(weight) >= 0

"""

// MARK: - Output

/// The output is the library's `JSONValue`: keys in insertion order, doubles in Swift's
/// shortest round-tripping form (so 17 significant digits survive).
typealias JSON = JSONValue

func number(_ value: Exact?) -> JSON {
    guard let value else { return .null }
    if value.isInteger, let i = Int(exactly: value.doubleValue), Exact(i) == value { return .integer(i) }
    return .number(value.doubleValue)
}

struct Failure: Error {
    var message: String
    var status: Int32 = 2
}

// MARK: - Reading the figures out of the verdicts

func target(_ id: String, in items: [ItemResult]) throws(Failure) -> TargetResult {
    for case .target(let t) in items where t.id == id { return t }
    throw Failure(message: "goalspec-bench: the spec has no target '\(id)'")
}

/// The measure of an explanation whose label starts with `prefix` (`share(`, `avg(`).
func measure(_ prefix: String, in e: Explanation, of what: String) throws(Failure) -> MeasureFigure {
    guard let m = e.measures.first(where: { $0.label.hasPrefix(prefix) }) else {
        let have = e.measures.map(\.label).joined(separator: ", ")
        throw Failure(message: "goalspec-bench: no measure \(prefix)…) in \(what) (have: \(have); reason: \(e.reasonText() ?? "-"))")
    }
    return m
}

/// `{value of the breakdown column: share}` of a `by COLUMN` target.
func shareByPart(_ t: TargetResult) throws(Failure) -> JSON {
    var members: [(String, JSON)] = []
    for part in t.parts {
        let name = part.key.map(\.value).joined(separator: ", ")
        members.append((name, number(try measure("share(", in: part.explanation, of: "\(t.id) [\(name)]").value)))
    }
    return .object(members)
}

func period(of t: TargetResult) throws(Failure) -> String {
    guard let p = t.period else { throw Failure(message: "goalspec-bench: target \(t.id) has no period") }
    return p.description
}

func employmentFigures(_ items: [ItemResult], rows: Int) throws(Failure) -> JSON {
    let job = try target("job", in: items)
    let aarhus = try measure("share(", in: job.explanation, of: "job")
    let peers = try measure("avg(", in: job.explanation, of: "job")
    guard let a = aarhus.value, let mean = peers.value else {
        throw Failure(message: "goalspec-bench: target job has no value (\(job.explanation.reasonText() ?? job.verdict.rawValue))")
    }
    let cities = try target("cities", in: items)
    // The peer aggregate's members are the same figures as the breakdown's parts.
    for member in peers.members {
        if let part = cities.parts.first(where: { $0.key.first?.value == member.name }),
           let share = try? measure("share(", in: part.explanation, of: "cities").value, share != member.value {
            throw Failure(message: "goalspec-bench: avg(6byer) member \(member.name) = \(String(describing: member.value)) but by city says \(share)")
        }
    }
    let count = try measure("count(", in: try target("rows", in: items).explanation, of: "rows")
    let weight = try measure("sum(", in: try target("weights", in: items).explanation, of: "weights")
    return .object([
        ("latest_quarter", .string(try period(of: job))),
        ("rows", .integer(rows)),
        ("rows_latest", number(count.value)),
        ("city_share_latest", try shareByPart(cities)),
        ("aarhus_share", number(a)),
        ("other_six_mean_share", number(mean)),
        ("aarhus_margin_pp", .number(((a - mean) * Exact(100)).doubleValue)),
        ("weight_sum_latest", number(weight.value)),
    ])
}

func socialFigures(_ latestItems: [ItemResult], byPeriod: [(Period, [ItemResult])], rows: Int) throws(Failure) -> JSON {
    let dims = try target("dimensions", in: latestItems)
    let latest = try period(of: dims)
    var perQuarter: [(String, JSON)] = []
    for (p, items) in byPeriod {
        perQuarter.append((p.description, try shareByPart(try target("dimensions", in: items))))
    }
    guard byPeriod.count >= 2, byPeriod.last?.0.description == latest else {
        throw Failure(message: "goalspec-bench: social needs two quarters, the latest \(latest) last")
    }
    let previous = byPeriod[byPeriod.count - 2]
    let count = try measure("count(", in: try target("rows", in: latestItems).explanation, of: "rows")
    let weight = try measure("sum(", in: try target("weights", in: latestItems).explanation, of: "weights")
    return .object([
        ("latest_quarter", .string(latest)),
        ("previous_quarter", .string(previous.0.description)),
        ("rows", .integer(rows)),
        ("rows_latest", number(count.value)),
        ("dimension_share_latest", try shareByPart(dims)),
        ("dimension_share_previous", try shareByPart(try target("dimensions", in: previous.1))),
        ("dimension_share_by_quarter", .object(perQuarter)),
        ("weight_sum_latest", number(weight.value)),
    ])
}

// MARK: - Main

func usage() -> Failure {
    Failure(message: "usage: goalspec-bench DATA_DIR --only employment|social [--dialect standard|danish] [--print-spec]", status: 64)
}

func main() throws(Failure) {
    var args = Array(CommandLine.arguments.dropFirst())
    var only: String?
    var dataDir: String?
    var printSpec = false
    while !args.isEmpty {
        let a = args.removeFirst()
        switch a {
        case "--only":
            guard !args.isEmpty else { throw usage() }
            only = args.removeFirst()
        case "--dialect":
            guard !args.isEmpty, ["standard", "danish"].contains(args.removeFirst()) else { throw usage() }
        case "--print-spec":
            printSpec = true
        case "-h", "--help":
            throw usage()
        default:
            guard dataDir == nil, !a.hasPrefix("-") else { throw usage() }
            dataDir = a
        }
    }
    guard let only, ["employment", "social"].contains(only) else { throw usage() }
    let source = only == "employment" ? employmentSpec : socialSpec
    if printSpec {
        print(source, terminator: "")
        return
    }
    guard let dataDir else { throw usage() }

    let specPath = FileManager.default.temporaryDirectory
        .appendingPathComponent("goalspec-bench-\(getpid())-\(only).goal").path
    guard FileManager.default.createFile(atPath: specPath, contents: Data(source.utf8)) else {
        throw Failure(message: "goalspec-bench: cannot write \(specPath)")
    }
    defer { try? FileManager.default.removeItem(atPath: specPath) }
    let csv = (dataDir as NSString).appendingPathComponent("\(only).csv")

    let start = DispatchTime.now().uptimeNanoseconds
    let run = Runner.run(files: [specPath], options: Runner.Options(dataOverrides: [only: csv]))
    guard !run.hasErrors, let spec = run.specs.first, let prepared = spec.prepared,
          let data = prepared.data.values.first else {
        let text = DiagnosticRenderer(sources: run.sources).render(run.diagnostics, omitted: run.omittedDiagnostics)
        throw Failure(message: "goalspec-bench: the spec could not be evaluated on \(csv)\n\(text)")
    }
    let figures: JSON
    if only == "employment" {
        figures = try employmentFigures(spec.items, rows: data.rows)
    } else {
        // One pass has aggregated every quarter; evaluate the targets again at each of them.
        let byPeriod = data.periods.map { ($0, prepared.evaluate(at: $0)) }
        figures = try socialFigures(spec.items, byPeriod: byPeriod, rows: data.rows)
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9

    print(JSON.object([(only, figures)]).serialized())
    FileHandle.standardError.write(Data("TIMING import_s=0 compute_s=\(String(format: "%.3f", seconds))\n".utf8))
}

do throws(Failure) {
    try main()
} catch {
    FileHandle.standardError.write(Data((error.message + "\n").utf8))
    exit(error.status)
}
