import Foundation
import GRDB
import Testing
@testable import ProjectStore

/// Closing, reopening, progress and idempotent assignment; who may do each.
@Suite struct RoundLifecycleTests {
    /// The open blind round of ``openRoundProject()`` with a lead, kim, added.
    func project() throws -> (SampleProject, CodingStore, RoundStore, [CodingUnit]) {
        let (sample, store, units) = try openRoundProject()
        try store.addCoder(handle: "kim", name: "Kim", role: .lead)
        return (sample, store, RoundStore(database: sample.database), units)
    }

    @Test func closingNeedsALeadOrAdjudicatorAndListsUnfinishedUnitsPerCoder() throws {
        let (sample, store, rounds, units) = try project()
        try store.markDone(coder: "ana", round: "rel-1", unit: units[0])
        #expect(throws: CodingError.needsRole(action: "close a round", roles: ["adjudicator", "lead"], handle: "ana", role: "coder")) {
            try rounds.closeRound("rel-1", by: "ana")
        }
        #expect(throws: CodingError.needsRole(action: "close a round", roles: ["adjudicator", "lead"], handle: nil, role: nil)) {
            try rounds.closeRound("rel-1", by: nil)
        }
        let n = units.count
        #expect(throws: CodingError.unfinished(round: "rel-1", progress: ["ana: 1 of \(n) units finished", "ben: 0 of \(n) units finished"])) {
            try rounds.closeRound("rel-1", by: "kim")
        }
        #expect(throws: CodingError.self) { try rounds.closeRound("rel-1", by: "kim", force: true, reason: "  ") }
        #expect(try rounds.round("rel-1").isOpen, "nothing changed")
        let closed = try rounds.closeRound("rel-1", by: "kim", force: true, reason: "ben left the project")
        #expect(!closed.isOpen)
        let history = try sample.database.writer.read { try RoundStore.history(roundId: closed.id!, $0) }
        #expect(history.count == 1)
        #expect(history[0].forced && history[0].who == "kim" && history[0].reason == "ben left the project")
        #expect(history[0].unfinished == ["ana: 1 of \(n) units finished", "ben: 0 of \(n) units finished"])
        #expect(history[0].sentence.contains("with unfinished units"))
        // Closing again names when and by whom.
        do {
            _ = try rounds.closeRound("rel-1", by: "lee")
            Issue.record("closing a closed round should be refused")
        } catch let error as CodingError {
            let message = error.errorDescription ?? ""
            #expect(message.contains("already closed on \(ISO8601DateFormatter().string(from: closed.closedAt!)) by kim"), "\(message)")
        }
    }

    @Test func aRoundWhoseUnitsAreAllFinishedClosesWithoutForce() throws {
        let (_, store, rounds, units) = try project()
        for unit in units { for coder in ["ana", "ben"] { try store.markDone(coder: coder, round: "rel-1", unit: unit) } }
        #expect(try !rounds.closeRound("rel-1", by: "lee").isOpen)
    }

    @Test func onlyALeadReopensWithAReasonAndTheRoundIsBlindAgain() throws {
        let (sample, store, rounds, units) = try project()
        try store.add(.init(coder: "ben", round: "rel-1", unit: units[0], criterion: "WIR.link"))
        _ = try rounds.closeRound("rel-1", by: "lee", force: true, reason: "pilot")
        #expect(try store.codings(round: "rel-1", viewer: "ana").count == 1, "closed: ana sees ben's coding")
        #expect(throws: CodingError.self) { try rounds.reopenRound("rel-1", by: "lee", reason: "x") }
        #expect(throws: CodingError.self) { try rounds.reopenRound("rel-1", by: "kim", reason: "") }
        let reopened = try rounds.reopenRound("rel-1", by: "kim", reason: "ben's last batch arrived late")
        #expect(reopened.isOpen && reopened.closedAt == nil)
        #expect(try store.codings(round: "rel-1", viewer: "ana").isEmpty, "open again: blind again")
        #expect(throws: CodingError.self) { try rounds.reopenRound("rel-1", by: "kim", reason: "twice") }
        let events = try AuditLog.events(sample.database, as: Viewer("kim")).filter { $0.action == "round.reopen" }
        #expect(events.count == 1 && events[0].who == "kim")
        #expect(events[0].detail?.contains("ben's last batch arrived late") == true)
    }

    @Test func statusShowsACoderOnlyTheirOwnLineWhileBlind() throws {
        let (_, store, rounds, units) = try project()
        try store.add(.init(coder: "ana", round: "rel-1", unit: units[0], criterion: "WIR.link"))
        try store.add(.init(coder: "ana", round: "rel-1", unit: units[0], criterion: "WIR.volunteered"))
        try store.markDone(coder: "ana", round: "rel-1", unit: units[0])
        let mine = try rounds.status(round: "rel-1", as: Viewer("ana"))
        #expect(mine.coders.map(\.coder) == ["ana"])
        #expect(mine.coders[0].assigned == units.count && mine.coders[0].finished == 1 && mine.coders[0].tagged == 2)
        #expect(mine.coders[0].remaining == units.count - 1 && mine.coders[0].lastActivity != nil)
        #expect(mine.units == nil)
        #expect(throws: CodingError.blindNeedsViewer(round: "rel-1")) { try rounds.status(round: "rel-1", as: .anonymous) }
        let lead = try rounds.status(round: "rel-1", as: Viewer("kim"))
        #expect(lead.coders.map(\.coder) == ["ana", "ben"])
        #expect(lead.coders[1].finished == 0 && lead.coders[1].lastActivity == nil)
        let first = try #require(lead.units?.first)
        #expect(first.finishedBy == ["ana"] && first.unfinishedBy == ["ben"])
    }

    @Test func aCoderSeesOnlyTheirOwnQueueWhileBlind() throws {
        let (_, store, _, units) = try project()
        #expect(try store.queue(round: "rel-1", coder: "ana", as: Viewer("ana")).count == units.count)
        #expect(throws: CodingError.blind(round: "rel-1", viewer: "ana")) { try store.queue(round: "rel-1", coder: "ben", as: Viewer("ana")) }
        #expect(try store.queue(round: "rel-1", coder: "ben", as: Viewer("kim")).count == units.count)
    }

    @Test func assigningAgainAddsNothingAndKeepsTheSampleDescriptionTrue() throws {
        let (sample, store, _, _) = try project()
        let codebook = try CodebookStore(database: sample.database).version()
        _ = try store.createRound(name: "rel-2", purpose: .reliability, codebook: codebook, by: Viewer("kim"))
        let (units, method) = try UnitSelector(database: sample.database).candidates(caseId: "GULF-1990/EGY", query: "Egypt OR debt", queryMode: .fts, documentIds: nil)
        let first = try store.assign(round: "rel-2", coders: ["ana", "ben"], units: units, method: method, query: "Egypt OR debt",
                                     fraction: 0.5, seed: 3, by: Viewer("kim"))
        #expect(first.newUnits == first.units && first.alreadyAssigned == 0)
        let before = try TestSupport.snapshot(sample.database)
        let again = try store.assign(round: "rel-2", coders: ["ana", "ben"], units: units, method: method, query: "Egypt OR debt",
                                     fraction: 0.5, seed: 3, by: Viewer("kim"))
        #expect(again.newUnits == 0 && again.alreadyAssigned == first.units)
        #expect(try TestSupport.snapshot(sample.database) == before, "nothing written, not even a log event")
        let round = try store.round("rel-2")
        #expect(round.sample?.population == units.count, "population as assign reported it, not doubled")
        #expect(round.sample?.units == first.units)
        #expect(round.sample?.fraction == 0.5 && round.sample?.seed == 3 && round.sample?.query == "Egypt OR debt")
        // A coder may not assign once the project has a lead; nobody-in-particular may not either.
        #expect(throws: CodingError.self) { try store.assign(round: "rel-2", coders: ["ana", "ben"], units: units, method: method, by: Viewer("ana")) }
        #expect(throws: CodingError.self) { try store.assign(round: "rel-2", coders: ["ana", "ben"], units: units, method: method) }
    }

    @Test func theSameDrawForAThirdCoderAddsUnitsNotPopulation() throws {
        let (sample, store, _, _) = try project()
        try store.addCoder(handle: "cy", name: "Cy", role: .coder, by: Viewer("kim"))
        let codebook = try CodebookStore(database: sample.database).version()
        _ = try store.createRound(name: "rel-3", purpose: .reliability, codebook: codebook, by: Viewer("kim"))
        let (units, method) = try UnitSelector(database: sample.database).candidates(caseId: "GULF-1990/EGY", query: "debt", documentIds: nil)
        _ = try store.assign(round: "rel-3", coders: ["ana", "ben"], units: units, method: method, query: "debt", by: Viewer("kim"))
        let third = try store.assign(round: "rel-3", coders: ["ana", "ben", "cy"], units: units, method: method, query: "debt", by: Viewer("kim"))
        #expect(third.newUnits == units.count, "every unit is new to cy")
        #expect(try store.queue(round: "rel-3", coder: "cy", as: Viewer("cy")).count == units.count)
        #expect(try store.round("rel-3").sample?.population == units.count)
    }
}
