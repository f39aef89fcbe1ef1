import Foundation
import Testing

@testable import Goalspec
@testable import GoalspecCLI

/// Periods as Danish data write them: day-first dates, month names and StatBank's half-years.
@Suite("Danish periods")
struct DanishPeriodTests {
    // MARK: Danish dates

    @Test(arguments: [
        ("01-07-2024", "2024-07-01"),
        ("01.07.2024", "2024-07-01"),
        ("1-7-2024", "2024-07-01"),
        ("1.7.2024", "2024-07-01"),
        ("01.7.2024", "2024-07-01"),
        ("1-07-2024", "2024-07-01"),
        ("31.12.2024", "2024-12-31"),
        ("31-12-2024", "2024-12-31"),
        ("29.02.2024", "2024-02-29"),
        ("29-2-2000", "2000-02-29"),
        ("15.8.0999", "0999-08-15"),
    ])
    func danishDatesAreDays(text: String, canonical: String) throws {
        let period = try #require(Period(parsing: text))
        #expect(period.granularity == .day)
        #expect(period.description == canonical)
        #expect(Period(parsing: canonical) == period)
        let fromBytes = Array(text.utf8).withUnsafeBytes { Period(bytes: $0) }
        #expect(fromBytes == period)
        let field = Array("  \(text) ".utf8).withUnsafeBytes { FieldDecoding.period($0) }
        #expect(field == period)
    }

    @Test(arguments: [
        "29.02.2023", "29-02-1900", "31.04.2024", "32.01.2024", "00.01.2024", "01.00.2024", "01.13.2024",
        "1.1.24", "01.01.24", "01.01.20245", "001.01.2024", "01.001.2024", "01-07.2024", "01.07-2024",
        "01/07/2024", "1/7/2024", "01 07 2024", "01..2024", ".01.2024", "01.07.", "01.07.2024.",
        "1.7.2024 ", " 1.7.2024", "a1.07.2024", "01.07.202a", "1.2.3.4", "12.5", "1-7",
    ])
    func rejectsMalformedDanishDates(text: String) {
        #expect(Period(parsing: text) == nil)
    }

    @Test(arguments: [
        ("01.07.2024", Period.Granularity.month, "2024M07"),
        ("30.09.2024", .quarter, "2024K3"),
        ("1-10-2024", .quarter, "2024K4"),
        ("31.12.2024", .year, "2024"),
    ])
    func danishDatesGatherLikeIsoDays(text: String, to granularity: Period.Granularity, result: String) throws {
        let period = try #require(Period(parsing: text))
        #expect(period.truncated(to: granularity)?.description == result)
        let iso = try #require(Period(parsing: period.description))
        #expect(iso.truncated(to: granularity) == period.truncated(to: granularity))
    }

    @Test(arguments: [
        ("31.12.2024", "30.12.2024", "01.01.2025"),
        ("1.3.2024", "29.02.2024", "02.03.2024"),
    ])
    func danishDatesStepByDays(text: String, previous: String, next: String) throws {
        let period = try #require(Period(parsing: text))
        #expect(period.previous() == Period(parsing: previous))
        #expect(period.next() == Period(parsing: next))
    }

    // MARK: Danish month names

    static let fullNames = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
                            "september", "oktober", "november", "december"]
    static let abbreviations = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]

    @Test(arguments: Array(1...12))
    func everyMonthNameIsItsMonth(month: Int) throws {
        let expected = try #require(Period(year: 2024, month: month))
        let full = Self.fullNames[month - 1], short = Self.abbreviations[month - 1]
        let spellings = [
            "\(full) 2024", full.capitalized + " 2024", full.uppercased() + " 2024",
            "\(short) 2024", "\(short). 2024", short.capitalized + ". 2024", short.uppercased() + " 2024",
        ]
        for text in spellings {
            #expect(Period(parsing: text) == expected, "\(text)")
            #expect(Period(parsing: text)?.description == expected.description)
            #expect(Period(parsing: text)?.granularity == .month)
        }
    }

    @Test(arguments: [
        ("okt. 2024", "2024M10"),
        ("Okt. 2024", "2024M10"),
        ("sept. 2024", "2024M09"),
        ("Maj. 2024", "2024M05"),
        ("jAnUaR 2024", "2024M01"),
        ("dec  2023", "2023M12"),
    ])
    func monthNameSpellings(text: String, canonical: String) throws {
        let period = try #require(Period(parsing: text))
        #expect(period.description == canonical)
        let field = Array(" \(text)  ".utf8).withUnsafeBytes { FieldDecoding.period($0) }
        #expect(field == period)
    }

    @Test(arguments: [
        "januar", "jan", "januar2024", "jan.2024", "januar. 2024", "marts. 2024", "jan 24", "jan 20245",
        "ja 2024", "janu 2024", "january 2024", "march 2024", "may 2024", "oct 2024", "mrt 2024",
        "2024 januar", "januar-2024", "jan.. 2024", "jan .2024", "januar 2024.", "januari 2024",
        "septembers 2024", "jän 2024", "maj 2024 ", "okt 202x",
    ])
    func rejectsOtherMonthWords(text: String) {
        #expect(Period(parsing: text) == nil)
    }

    @Test func monthNamesAreInferredAsPeriods() {
        var evidence = ColumnTypeEvidence()
        for value in ["januar 2024", "Feb 2024", "mar. 2024", ""] {
            Array(value.utf8).withUnsafeBytes { evidence.observe($0) }
        }
        #expect(evidence.inferred(evidence.numbers.decide(fileDecimalMark: UInt8(ascii: ","), declaredGrouping: nil)) == .period)
    }

    @Test("monthly data with Danish month names gather into quarters and step by months",
          arguments: [["januar", "februar", "marts", "april"], ["jan.", "Feb", "MAR", "apr."]])
    func monthNamesEndToEnd(names: [String]) throws {
        let csv = "maaned;job\n" + zip(names, [1, 0, 1, 1]).map { "\($0) 2024;\($1)" }.joined(separator: "\n") + "\n"
        let spec = """
            data jobs from "jobs.csv"
              time maaned

            target k1 "Two thirds in 2024K1"
              at 2024K1
              share(job) >= 2/3

            target rising "April rose from March"
              sum(job) at previous >= 1
            """
        let run = try runSpec(spec, data: ["jobs.csv": csv])
        #expect(run.diagnostics.isEmpty, "\(renderedDiagnostics(run))")
        let k1 = try #require(targets(run)["k1"])
        #expect(k1.verdict == .met)
        #expect(k1.explanation.measures.first?.value == Exact(2, 3))
        let rising = try #require(targets(run)["rising"])
        #expect(rising.period?.description == "2024M04")
        #expect(rising.verdict == .met)
        #expect(rising.explanation.measures.first?.period?.description == "2024M03")
    }

    // MARK: Half-years

    @Test(arguments: [("2024H1", 1), ("2024H2", 2), ("2024h1", 1), ("0999h2", 2)])
    func halfYearsParse(text: String, half: Int) throws {
        let period = try #require(Period(parsing: text))
        #expect(period.granularity == .half)
        #expect(period.half == half)
        #expect(period.quarter == nil)
        #expect(period.month == nil)
        #expect(period.description == text.uppercased())
        #expect(Period(parsing: period.description) == period)
        #expect(period == Period(year: period.year, half: half))
    }

    @Test(arguments: ["2024H0", "2024H3", "2024H", "2024H01", "2024H12", "2024HH", "H1 2024", "2024 H1"])
    func rejectsMalformedHalfYears(text: String) {
        #expect(Period(parsing: text) == nil)
    }

    @Test(arguments: [
        ("2024H1", "2023H2", "2024H2"),
        ("2024H2", "2024H1", "2025H1"),
        ("0000H1", "-0001H2", "0000H2"),
    ])
    func halfYearsStep(text: String, previous: String, next: String) throws {
        let period = try #require(Period(parsing: text))
        #expect(period.previous().description == previous)
        #expect(period.next().description == next)
        #expect(period.next().previous() == period)
        #expect(period.next().ordinal - period.ordinal == 1)
    }

    @Test(arguments: [
        ("2024K1", Period.Granularity.half, "2024H1"),
        ("2024K2", .half, "2024H1"),
        ("2024K3", .half, "2024H2"),
        ("2024K4", .half, "2024H2"),
        ("2024M06", .half, "2024H1"),
        ("2024M07", .half, "2024H2"),
        ("30.06.2024", .half, "2024H1"),
        ("1.7.2024", .half, "2024H2"),
        ("2024H2", .year, "2024"),
        ("2024H2", .half, "2024H2"),
    ])
    func periodsGatherIntoHalves(text: String, to granularity: Period.Granularity, result: String) throws {
        let period = try #require(Period(parsing: text))
        #expect(period.truncated(to: granularity)?.description == result)
    }

    @Test func halvesSitBetweenYearsAndQuarters() throws {
        #expect(Period.Granularity.year < .half && Period.Granularity.half < .quarter)
        let half = try #require(Period(parsing: "2024H1"))
        #expect(half.truncated(to: .quarter) == nil)
        #expect(half.truncated(to: .month) == nil)
        let sorted = ["2022K1", "2024H1", "2025", "2023H2"].compactMap { Period(parsing: $0) }.sorted().map(\.description)
        #expect(sorted == ["2025", "2023H2", "2024H1", "2022K1"])
    }

    static let halfSpec = """
        data jobs from "jobs.csv"
          time periode

        target h1 "The first half of 2024"
          at 2024H1
          share(job) >= 1/2

        target before "The half before 2024H1"
          at 2024H1
          sum(job) at previous >= 1

        target year "The whole of 2023"
          at 2023
          sum(job) >= 1

        target rows "A half-year literal in a row condition"
          where periode >= 2023H2
          sum(job) >= 1
        """

    @Test("half-year data: at a half, at previous (2024H1 after 2023H2), a year of two halves")
    func halfYearDataEndToEnd() throws {
        let csv = "periode;job\n2023H1;0\n2023H1;1\n2023H2;1\n2023H2;1\n2024H1;1\n2024H1;0\n"
        let run = try runSpec(Self.halfSpec, data: ["jobs.csv": csv])
        // Only the warning that 'where' on the time column does not choose the period.
        #expect(run.diagnostics.map(\.code) == [.filterOnTime], "\(renderedDiagnostics(run))")
        let all = targets(run)
        #expect(all["h1"]?.verdict == .met)
        #expect(all["h1"]?.explanation.measures.first?.value == Exact(1, 2))
        let before = try #require(all["before"])
        #expect(before.explanation.measures.first?.period?.description == "2023H2")
        #expect(before.explanation.measures.first?.value == Exact(2))
        #expect(all["year"]?.explanation.measures.first?.value == Exact(3))
        #expect(all["year"]?.explanation.measures.first?.rows == 4)
        #expect(all["rows"]?.period?.description == "2024H1")
        #expect(all["rows"]?.verdict == .met)
    }

    @Test("quarterly data gather into halves, only when both quarters are there")
    func quartersGatherIntoHalves() throws {
        let csv = "periode;job\n2024K1;1\n2024K2;0\n2024K2;1\n2024K3;1\n"
        let spec = """
            data jobs from "jobs.csv"
              time periode

            target h1 "2024H1"
              at 2024H1
              share(job) >= 2/3

            target h2 "2024H2"
              at 2024H2
              share(job) >= 0%

            target prev "The quarter before 2024K3"
              at 2024K3
              sum(job) at previous >= 1
            """
        let run = try runSpec(spec, data: ["jobs.csv": csv])
        #expect(run.diagnostics.isEmpty, "\(renderedDiagnostics(run))")
        let all = targets(run)
        #expect(all["h1"]?.verdict == .met)
        #expect(all["h1"]?.explanation.measures.first?.rows == 3)
        let h2 = try #require(all["h2"])
        #expect(h2.verdict == .noData)
        #expect(h2.explanation.reasonText()?.contains("2024H2 has 1 of its 2 quarters") == true, "\(h2.explanation.reasonText() ?? "")")
        #expect(all["prev"]?.explanation.measures.first?.period?.description == "2024K2")
    }

    @Test("a half-year over months needs all six", arguments: [(6, Verdict.met), (5, .noData)])
    func monthsGatherIntoHalves(months: Int, expected: Verdict) throws {
        let csv = "periode;job\n" + (1...months).map { "2024M0\($0);1" }.joined(separator: "\n") + "\n2024M07;0\n"
        let spec = """
            data jobs from "jobs.csv"
              time periode

            target h1 "2024H1"
              at 2024H1
              sum(job) >= 5
            """
        let run = try runSpec(spec, data: ["jobs.csv": csv])
        #expect(run.diagnostics.isEmpty, "\(renderedDiagnostics(run))")
        let h1 = try #require(targets(run)["h1"])
        #expect(h1.verdict == expected)
        if expected == .noData {
            #expect(h1.explanation.reasonText()?.contains("2024H1 has 5 of its 6 months") == true, "\(h1.explanation.reasonText() ?? "")")
        }
    }

    @Test("a window of halves over quarterly data", arguments: [("2 halves", 3, 5), ("1 half", 2, 3)])
    func windowOfHalves(window: String, hits: Int, rows: Int) throws {
        let csv = "periode;job\n2023K3;0\n2023K4;1\n2024K1;1\n2024K2;0\n2024K2;1\n"
        let spec = """
            data jobs from "jobs.csv"
              time periode

            target w "A window of halves"
              share(job) over last \(window) >= 50%
            """
        let run = try runSpec(spec, data: ["jobs.csv": csv])
        #expect(run.diagnostics.isEmpty, "\(renderedDiagnostics(run))")
        let w = try #require(targets(run)["w"])
        #expect(w.verdict == .met)
        #expect(w.explanation.measures.first?.value == Exact(hits, rows))
        #expect(w.explanation.measures.first?.rows == rows)
    }

    @Test("a quarter asked of half-year data is finer than the data (GS0413)")
    func quarterOfHalvesIsAnError() throws {
        let csv = "periode;job\n2024H1;1\n2024H2;0\n"
        let spec = """
            data jobs from "jobs.csv"
              time periode

            target k1 "2024K1"
              at 2024K1
              share(job) >= 50%

            target w "A window of quarters"
              share(job) over last 2 quarters >= 50%
            """
        let run = try runSpec(spec, data: ["jobs.csv": csv])
        let text = renderedDiagnostics(run)
        #expect(run.diagnostics.map(\.code) == [.periodMismatch, .periodMismatch], "\(text)")
        #expect(text.contains("2024K1 is finer than the data: column 'periode' holds half-years"), "\(text)")
        #expect(text.contains("over last 4 halves"), "\(text)")
    }

    // MARK: Errors for values that are not periods

    static let timeSpec = """
        data jobs from "jobs.csv"
          time dato

        target k3 "At a quarter"
          at 2024K3
          share(job) >= 1/3

        target rising "Rising"
          share(job) rises
        """

    @Test("a time column of values that are not periods: one error quoting a value and the spellings, no GS0410",
          arguments: ["01/07/2024", "2024/07/01", "juillet 2024", "Q3 2024"])
    func timeColumnOfNonPeriods(value: String) throws {
        let run = try runSpec(Self.timeSpec, data: ["jobs.csv": "dato;job\n\(value);1\n\(value);0\n"])
        let text = renderedDiagnostics(run)
        #expect(run.diagnostics.map(\.code) == [.argumentType], "\(text)")
        let d = try #require(run.diagnostics.first)
        #expect(d.message == "time column 'dato' holds text values: '\(value)' is not a period")
        #expect(d.hint == "periods are written \(Period.dataSpellings)")
        #expect(!text.contains("GS0410"))
        for spelling in ["2024H1", "2024K3", "2024M07", "januar 2024", "2024-07-01", "01.07.2024", "01-07-2024"] {
            #expect(d.hint?.contains(spelling) == true, "\(spelling)")
        }
    }

    @Test("a time line naming a missing column is reported once, without GS0410")
    func unknownTimeColumn() throws {
        let run = try runSpec(Self.timeSpec, data: ["jobs.csv": "dag;job\n01.07.2024;1\n"])
        #expect(run.diagnostics.map(\.code) == [.unknownColumn], "\(renderedDiagnostics(run))")
    }

    @Test("data without a time line still get GS0410")
    func noTimeLineIsStillGS0410() throws {
        let spec = Self.timeSpec.replacingOccurrences(of: "  time dato\n", with: "")
        let run = try runSpec(spec, data: ["jobs.csv": "dato;job\n01.07.2024;1\n"])
        #expect(run.diagnostics.map(\.code) == [.timeWithoutTimeColumn, .timeWithoutTimeColumn], "\(renderedDiagnostics(run))")
    }

    @Test("a bad time value past the sample is a data error quoting it and the spellings")
    func badValuePastTheSample() throws {
        let good = String(repeating: "01.07.2024;1\n", count: 8000)
        let run = try runSpec(Self.timeSpec, data: ["jobs.csv": "dato;job\n" + good + "01/07/2024;0\n"])
        let text = renderedDiagnostics(run)
        #expect(text.contains("'01/07/2024' in time column 'dato' is not a period"), "\(text)")
        #expect(text.contains("periods are written \(Period.dataSpellings)"), "\(text)")
        #expect(text.contains(":8002:"), "\(text)")
    }

    @Test("--at with a value that is not a period quotes it and lists the spellings")
    func atOptionError() {
        let (status, out) = CommandLineTool.run(["check", "--at", "1.13.2024"], terminal: TerminalInfo())
        #expect(status == 64)
        #expect(out.stderr.contains("goalspec: '1.13.2024' is not a period"), "\(out.stderr)")
        #expect(out.stderr.contains("hint: periods are written \(Period.dataSpellings)"), "\(out.stderr)")
    }

    @Test("a finer period than the data is answered with a period in the spec's spelling")
    func granularityHintUsesSpecSpelling() throws {
        let spec = """
            data jobs from "jobs.csv"
              time maaned

            target d "A day"
              at 2024-07-01
              share(job) >= 50%
            """
        let run = try runSpec(spec, data: ["jobs.csv": "maaned;job\njuni 2024;1\njuli 2024;0\n"])
        let d = try #require(run.diagnostics.first)
        #expect(d.code == .periodMismatch)
        #expect(d.hint == "ask for a period the data have, such as 2024M07")
    }

    // MARK: Type inference

    @Test(arguments: [
        (["31.12.2024", "01.01.2025", ""], ColumnType.period),
        (["01-07-2024", "1-7-2024"], .period),
        (["1.7.2024", "2024-07-02", "2024"], .period),
        (["31.12.2024", "12.5"], .text),
        (["01/07/2024"], .text),
        (["31.02.2024"], .text),
    ])
    func danishDatesAreInferredAsPeriodsNotNumbers(values: [String], type: ColumnType) {
        for separator in [UInt8(ascii: "."), UInt8(ascii: ",")] {
            var evidence = ColumnTypeEvidence()
            for value in values {
                Array(value.utf8).withUnsafeBytes { evidence.observe($0) }
            }
            #expect(evidence.inferred(evidence.numbers.decide(fileDecimalMark: separator, declaredGrouping: nil)) == type)
        }
    }

    @Test func dottedDatesDoNotDecideTheDecimalMark() throws {
        // A ';' file whose dates have two dots still reads its decimal commas.
        let dir = try TempDir(["d.csv": "dato;v\n31.12.2024;1,5\n01.01.2025;2,5\n02.01.2025;3\n"])
        let schema = try TableReader.inferSchema(path: dir.path("d.csv"))
        #expect(schema.columns.map(\.type) == [.period, .decimal])
    }

    // MARK: End to end

    /// Daily data spelled `DD.MM.YYYY` (or `DD-MM-YYYY`), one row per day of 2024K3 and two of 2024K4.
    static func dailyCSV(separator: Character) -> String {
        var rows = ["dato;job"]
        var day = Period(year: 2024, month: 7, day: 1)
        var index = 0
        while let d = day, d <= Period(year: 2024, month: 10, day: 2) ?? d {
            guard let m = d.month, let dd = d.day else { break }
            let text = "\(dd < 10 ? "0" : "")\(dd)\(separator)\(m < 10 ? "0" : "")\(m)\(separator)\(d.year)"
            // 2024K3: every third day reaches the goal; 2024K4: both days do.
            rows.append("\(text);\(m >= 10 || index % 3 == 0 ? 1 : 0)")
            index += 1
            day = d.next()
        }
        return rows.joined(separator: "\n") + "\n"
    }

    static let dailySpec = """
        data jobs from "jobs.csv"
          time dato

        target k3 "A third of the days in 2024K3"
          at 2024K3
          share(job) >= 1/3

        target sep "September 2024"
          at 2024M09
          share(job) >= 1/3

        target latest "The latest day"
          share(job) >= 100%
        """

    @Test("daily DD.MM.YYYY and DD-MM-YYYY data evaluate at a quarter, a month and the latest day",
          arguments: [".", "-"] as [Character])
    func dailyDanishDatesEndToEnd(separator: Character) throws {
        let run = try runSpec(Self.dailySpec, data: ["jobs.csv": Self.dailyCSV(separator: separator)])
        #expect(run.diagnostics.isEmpty, "\(renderedDiagnostics(run))")
        let all = targets(run)
        let k3 = try #require(all["k3"])
        #expect(k3.verdict == .met)
        #expect(k3.period?.description == "2024K3")
        // 92 days in 2024K3; days 0, 3, …, 90 reach: 31 of 92.
        #expect(k3.explanation.measures.first?.value == Exact(31, 92))
        #expect(k3.explanation.measures.first?.rows == 92)
        let sep = try #require(all["sep"])
        #expect(sep.explanation.measures.first?.rows == 30)
        let latest = try #require(all["latest"])
        #expect(latest.period?.description == "2024-10-02")
        #expect(latest.verdict == .met)
    }

    @Test("a quoted Danish date in a row condition is fixed to the spec's spelling")
    func quotedDanishDateFixIt() throws {
        let spec = """
            data jobs from "jobs.csv"
              time dato

            target t "t"
              where dato >= "15.07.2024"
              share(job) >= 1/3
            """
        let run = try runSpec(spec, data: ["jobs.csv": Self.dailyCSV(separator: ".")])
        let diagnostic = try #require(run.diagnostics.first)
        #expect(diagnostic.fixIts.first?.replacement == "2024-07-15")
    }
}
