import Foundation
import Testing
@testable import Goalspec

/// An engine's client that hangs is ended by its time limit (``ProcessWatchdog``), so a database
/// host that never answers cannot keep a run from returning.
@Suite struct ClientTimeoutTests {
    @Test func aClientPastItsLimitIsStoppedAndSaysSo() throws {
        let started = ContinuousClock.now
        let result = ClientProgram.run("/bin/sleep", ["30"], limit: .milliseconds(500), environment: [:])
        let output = try result.get()
        #expect(output.timedOut)
        #expect(output.status != 0)
        #expect(ContinuousClock.now - started < .seconds(10))
        let error = ClientProgram.timedOut("postgresql://example/db", client: "psql", limit: .seconds(900))
        #expect(error.message == "query on postgresql://example/db did not finish within 15 minutes; psql was stopped")
        #expect(error.hint?.contains("GOALSPEC_SQL_TIMEOUT") == true)
    }

    @Test func aClientThatIgnoresSIGTERMIsKilled() throws {
        let started = ContinuousClock.now
        let output = try ClientProgram.run("/bin/sh", ["-c", "trap '' TERM; sleep 30"], limit: .milliseconds(300),
                                           environment: [:]).get()
        #expect(output.timedOut)
        #expect(ContinuousClock.now - started < .seconds(15))
    }

    @Test func aClientWithinItsLimitIsNotTouched() throws {
        let output = try ClientProgram.run("/bin/sh", ["-c", "sleep 0.2; echo done"], limit: .seconds(20), environment: [:]).get()
        #expect(!output.timedOut)
        #expect(output.status == 0)
        #expect(String(decoding: output.stdout, as: UTF8.self) == "done\n")
    }

    @Test(arguments: [(Duration.seconds(900), "15 minutes"), (.seconds(60), "1 minute"), (.seconds(90), "90 s"), (.milliseconds(500), "1 s")])
    func limitsAreDescribedPlainly(limit: Duration, text: String) {
        #expect(ProcessWatchdog.describe(limit) == text)
    }
}

/// A client that takes all the time it is given, then reports that it ran out.
private struct StallingClient: SQLClient {
    let given = LimitBox()
    func query(_ sql: String) throws(DataError) -> SQLQueryResult { try query(sql, within: .seconds(900)) }
    func query(_ sql: String, within limit: Duration) throws(DataError) -> SQLQueryResult {
        given.set(limit)
        Thread.sleep(forTimeInterval: min(5, Double(limit.components.seconds) + Double(limit.components.attoseconds) / 1e18))
        throw ClientProgram.timedOut("duckdb:x.duckdb", client: "duckdb", limit: limit)
    }
}

private final class LimitBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Duration?
    func set(_ d: Duration) { lock.withLock { value = d } }
    var limit: Duration? { lock.withLock { value } }
}

@Suite struct QueryTimeBudgetTests {
    @Test func theRunsTimeLimitBoundsAQueryAndIsReportedAsTheBudget() throws {
        let location = try SQLTableLocation.parse("duckdb:x.duckdb?table=t").get()
        var source = SQLTableSource(location)
        source.budget = ScanBudget(EvaluationBudget(timeLimit: .milliseconds(300)), deadline: ContinuousClock.now + .milliseconds(300))
        let client = StallingClient()
        let error = try #require(DataFixture.error { _ = try source.query(client, "SELECT 1") })
        #expect(error.kind == .budgetExceeded(.time(.milliseconds(300))))
        let given = try #require(client.given.limit)
        #expect(given <= .milliseconds(300))
        #expect(given > .zero)
    }

    @Test func withoutATimeLimitAQueryGetsTheClientsOwnLimit() throws {
        let location = try SQLTableLocation.parse("duckdb:x.duckdb?table=t").get()
        let source = SQLTableSource(location)
        let client = FastClient()
        #expect(try source.query(client, "SELECT 1").rows == [["1"]])
        #expect(client.given.limit == ProcessWatchdog.queryLimit)
    }
}

private struct FastClient: SQLClient {
    let given = LimitBox()
    func query(_ sql: String) throws(DataError) -> SQLQueryResult { try query(sql, within: .seconds(900)) }
    func query(_ sql: String, within limit: Duration) throws(DataError) -> SQLQueryResult {
        given.set(limit)
        return SQLQueryResult(columns: ["x"], rows: [["1"]])
    }
}
