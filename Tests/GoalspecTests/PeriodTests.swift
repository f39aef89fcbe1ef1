import Testing

@testable import Goalspec

@Suite("Periods")
struct PeriodTests {
    @Test(arguments: [
        ("2024", "2024", Period.Granularity.year),
        ("2024K3", "2024K3", .quarter),
        ("2024k3", "2024K3", .quarter),
        ("2024Q3", "2024K3", .quarter),
        ("2024q1", "2024K1", .quarter),
        ("2024M07", "2024M07", .month),
        ("2024M7", "2024M07", .month),
        ("2024m12", "2024M12", .month),
        ("2024-07-01", "2024-07-01", .day),
        ("2024-02-29", "2024-02-29", .day),
        ("2000-02-29", "2000-02-29", .day),
        ("0999", "0999", .year),
    ])
    func parsesValidSpellings(text: String, canonical: String, granularity: Period.Granularity) throws {
        let period = try #require(Period(parsing: text))
        #expect(period.description == canonical)
        #expect(period.granularity == granularity)
        #expect(Period(parsing: canonical) == period)
        let fromBytes = Array(text.utf8).withUnsafeBytes { Period(bytes: $0) }
        #expect(fromBytes == period)
    }

    @Test(arguments: [
        "", "24", "20245", "2024K5", "2024K0", "2024Q", "2024M13", "2024M00", "2024M0", "2024M123", "2024X1",
        "2023-02-29", "1900-02-29", "2024-04-31", "2024-13-01", "2024-00-10", "2024-01-00", "2024/01/01",
        "2024-1-01", " 2024", "2024 ", "abcd", "2024K3 ", "２０２４",
    ])
    func rejectsInvalidText(text: String) {
        #expect(Period(parsing: text) == nil)
    }

    @Test func parsesSubstrings() {
        let line = "at 2024K3 and"
        let word = line.split(separator: " ")[1]
        #expect(Period(parsing: word) == Period(year: 2024, quarter: 3))
    }

    @Test func componentAccessors() throws {
        let day = try #require(Period(parsing: "2024-08-15"))
        #expect(day.year == 2024)
        #expect(day.quarter == 3)
        #expect(day.month == 8)
        #expect(day.day == 15)
        let quarter = try #require(Period(parsing: "2024K2"))
        #expect(quarter.quarter == 2)
        #expect(quarter.month == nil)
        #expect(Period(year: 2024)?.quarter == nil)
    }

    @Test(arguments: [
        ("2024K1", "2023K4", "2024K2"),
        ("2024M01", "2023M12", "2024M02"),
        ("2024", "2023", "2025"),
        ("2024-03-01", "2024-02-29", "2024-03-02"),
        ("2023-03-01", "2023-02-28", "2023-03-02"),
        ("2024-01-01", "2023-12-31", "2024-01-02"),
        ("2024-12-31", "2024-12-30", "2025-01-01"),
    ])
    func previousAndNext(text: String, previous: String, next: String) throws {
        let period = try #require(Period(parsing: text))
        #expect(period.previous().description == previous)
        #expect(period.next().description == next)
        #expect(period.next().previous() == period)
        #expect(period.next().ordinal - period.ordinal == 1)
    }

    @Test func ordinalsCountGaps() throws {
        let a = try #require(Period(parsing: "2022K1")), b = try #require(Period(parsing: "2024K3"))
        #expect(b.ordinal - a.ordinal == 10)
        let d1 = try #require(Period(parsing: "1970-01-01")), d2 = try #require(Period(parsing: "2024-01-01"))
        #expect(d1.ordinal == 0)
        #expect(d2.ordinal == 19723)
        #expect(Period(parsing: "2024M01")?.ordinal == 2024 * 12)
    }

    @Test(arguments: [
        ("2024-08-15", Period.Granularity.month, "2024M08"),
        ("2024-08-15", .quarter, "2024K3"),
        ("2024-08-15", .year, "2024"),
        ("2024M12", .quarter, "2024K4"),
        ("2024M01", .year, "2024"),
        ("2024K2", .year, "2024"),
        ("2024K2", .quarter, "2024K2"),
    ])
    func truncation(text: String, to granularity: Period.Granularity, result: String) throws {
        let period = try #require(Period(parsing: text))
        #expect(period.truncated(to: granularity)?.description == result)
    }

    @Test func truncationNeverRefines() throws {
        let quarter = try #require(Period(parsing: "2024K2"))
        #expect(quarter.truncated(to: .month) == nil)
        #expect(quarter.truncated(to: .day) == nil)
        #expect(Period(year: 2024)?.truncated(to: .quarter) == nil)
    }

    @Test func orderIsByGranularityThenTime() throws {
        let texts = ["2024K1", "2023", "2023K4", "2024M01", "2025", "2023-12-31", "2023M12"]
        let sorted = texts.compactMap { Period(parsing: $0) }.sorted().map(\.description)
        #expect(sorted == ["2023", "2025", "2023K4", "2024K1", "2023M12", "2024M01", "2023-12-31"])
        #expect(Period.Granularity.year < .quarter && Period.Granularity.month < .day)
    }

    @Test func validatingInitializers() {
        #expect(Period(year: 2024, quarter: 5) == nil)
        #expect(Period(year: 2024, month: 0) == nil)
        #expect(Period(year: 2023, month: 2, day: 29) == nil)
        #expect(Period(year: 2024, month: 2, day: 29)?.description == "2024-02-29")
        #expect(Period(year: 10_000) == nil)
    }

    @Test func steppingPastYearZeroDoesNotTrap() throws {
        let first = try #require(Period(parsing: "0000K1"))
        let before = first.previous()
        #expect(before.year == -1)
        #expect(before.quarter == 4)
        #expect(before < first)
        #expect(Period(parsing: "0000-01-01")?.previous().description == "-0001-12-31")
    }
}
