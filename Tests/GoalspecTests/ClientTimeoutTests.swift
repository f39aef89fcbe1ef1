import Foundation
import Testing
@testable import Goalspec

/// An engine's client that hangs is ended by its time limit (``ProcessWatchdog``), so a database
/// host that never answers cannot keep a run from returning.
@Suite struct ClientTimeoutTests {
    @Test func aClientPastItsLimitIsStoppedAndSaysSo() throws {
        let started = ContinuousClock.now
        let result = ClientProgram.run("/bin/sleep", ["30"], environment: [:], limit: .milliseconds(500))
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
        let output = try ClientProgram.run("/bin/sh", ["-c", "trap '' TERM; sleep 30"], environment: [:],
                                           limit: .milliseconds(300)).get()
        #expect(output.timedOut)
        #expect(ContinuousClock.now - started < .seconds(15))
    }

    @Test func aClientWithinItsLimitIsNotTouched() throws {
        let output = try ClientProgram.run("/bin/sh", ["-c", "sleep 0.2; echo done"], environment: [:], limit: .seconds(20)).get()
        #expect(!output.timedOut)
        #expect(output.status == 0)
        #expect(String(decoding: output.stdout, as: UTF8.self) == "done\n")
    }

    @Test(arguments: [(Duration.seconds(900), "15 minutes"), (.seconds(60), "1 minute"), (.seconds(90), "90 s"), (.milliseconds(500), "1 s")])
    func limitsAreDescribedPlainly(limit: Duration, text: String) {
        #expect(ProcessWatchdog.describe(limit) == text)
    }
}
