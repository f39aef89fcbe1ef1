import Testing
import Goalspec

/// A peer group's members measured from one walk over the table (`MemberAccumulators`): each
/// member's several groups merged, and the same stops as one lookup per member.
@Suite struct PeerMemberBatchTests {
    static let data = """
        city,quarter,amount
        Aarhus,2024K1,10
        Aarhus,2024K2,20
        Aarhus,2024K3,30
        Aarhus,2024K4,40
        Odense,2024K1,1
        Odense,2024K2,2
        Odense,2024K3,3
        Odense,2024K4,4
        Vejle,2024K1,
        Vejle,2024K2,
        Vejle,2024K3,
        Vejle,2024K4,
        Aalborg,2023K4,5

        """

    static func spec(_ members: String) -> String {
        """
        data d from "d.csv"
          entity city
          time quarter
        group peers = city in [\(members)]
        target t
          data d
          for city = "Aarhus"
          at 2024
          sum(amount) >= avg(peers)
        """
    }

    static func peerFigure(_ run: Runner.Run) throws -> MeasureFigure {
        let target = try #require(targets(run)["t"])
        return try #require(target.explanation.measures.first { $0.label == "avg(peers)" })
    }

    @Test func aMembersQuartersAreMergedIntoItsYear() throws {
        let run = Runner.run(spec: Self.spec(#""Aarhus", "Odense""#), data: ["d": .csv(Self.data)])
        #expect(run.diagnostics.isEmpty, "\(run.diagnostics.map(\.message))")
        let peers = try Self.peerFigure(run)
        #expect(peers.members.map(\.name) == ["Aarhus", "Odense"])
        #expect(peers.members.map(\.value) == [Exact(100), Exact(10)])
        #expect(peers.members.map(\.rows) == [4, 4])
        #expect(peers.value == Exact(55))
        #expect(targets(run)["t"]?.verdict == .met)
    }

    @Test("a member without rows in the year, or without values, is no data, named", arguments: [
        (#""Aarhus", "Aalborg""#, "Aalborg"),
        (#""Aarhus", "Vejle""#, "Vejle"),
    ])
    func aMemberWithoutFiguresStopsThePeerValue(members: String, missing: String) throws {
        let run = Runner.run(spec: Self.spec(members), data: ["d": .csv(Self.data)])
        let target = try #require(targets(run)["t"])
        #expect(target.verdict == .noData)
        let reason = try #require(target.explanation.reasonText())
        #expect(reason.contains(missing), "\(reason)")
    }
}
