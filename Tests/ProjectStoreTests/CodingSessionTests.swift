import Foundation
import Testing
@testable import ProjectStore

@Suite struct CodingSessionTests {
    /// Feeds scripted answers, as a coder at a terminal or a pipe would.
    func run(_ session: CodingSession, _ answers: [String]) throws -> (Int, String) {
        var queue = answers
        var out = ""
        let n = try session.run(input: { queue.isEmpty ? nil : queue.removeFirst() }, output: { out += $0 + "\n" })
        return (n, out)
    }

    @Test func tagsSkipsGoesBackAndResumes() throws {
        let (_, store, units) = try openRoundProject()
        let session = CodingSession(store: store, coder: "ana", round: "rel-1")
        // Unit 1: tag criteria 6 and 7; unit 2: none; unit 3: skip; then quit.
        let (finished, out) = try run(session, ["?6", "6 7", "0", "s", "q"])
        #expect(finished == 2)
        #expect(out.contains("Unit 1/\(units.count)"))
        #expect(out.contains("Criteria:"))
        #expect(out.contains("(after)"))
        let mine = try store.codings(round: "rel-1", viewer: "ana")
        #expect(mine.count == 2 && Set(mine.map(\.passageId)) == [units[0].passageId])
        // Resumes at the first unit not done (the skipped one), and `b` reopens the one before.
        let (_, again) = try run(session, ["b", "q"])
        #expect(again.contains("Unit 3/\(units.count)"))
        #expect(again.contains("Unit 2/\(units.count)"))
        #expect(try store.queue(round: "rel-1", coder: "ana").filter(\.done).count == 1)
    }

    @Test func inputEndingMidUnitLosesOnlyThatUnit() throws {
        let (_, store, _) = try openRoundProject()
        let session = CodingSession(store: store, coder: "ben", round: "rel-1")
        _ = try run(session, ["1", "n"])  // unit 1 done; input ends while writing a note on unit 2
        let queue = try store.queue(round: "rel-1", coder: "ben")
        #expect(queue.filter(\.done).count == 1)
        #expect(try store.codings(round: "rel-1", viewer: "ben").count == 1)
    }

    @Test func theSessionNeverShowsAnotherCodersTags() throws {
        let (_, store, units) = try openRoundProject()
        try store.add(.init(coder: "ben", round: "rel-1", unit: units[0], criterion: "WIR.volunteered"))
        let (_, out) = try run(CodingSession(store: store, coder: "ana", round: "rel-1"), ["q"])
        #expect(!out.contains("[x]"))
    }
}
