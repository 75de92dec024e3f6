import Foundation
import GRDB
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

    func active(_ store: CodingStore, _ coder: String = "ana", unit: CodingUnit? = nil) throws -> [CodingRecord] {
        try store.codings(round: "rel-1", viewer: coder).filter { unit == nil || ($0.passageId == unit!.passageId && $0.caseId == unit!.caseId) }
    }

    @Test func tagsSkipsGoesBackAndResumes() throws {
        let (_, store, units) = try openRoundProject()
        let session = CodingSession(store: store, coder: "ana", round: "rel-1")
        // Unit 1: tag criteria 6 and 7 and finish; unit 2: none; unit 3: skip; then quit.
        let (finished, out) = try run(session, ["?6", "6 7", "", "0", "s", "q"])
        #expect(finished == 2)
        #expect(out.contains("Unit 1/\(units.count)"))
        #expect(out.contains("Criteria:"))
        #expect(out.contains("Examples:"))
        let mine = try active(store)
        #expect(mine.count == 2 && Set(mine.map(\.passageId)) == [units[0].passageId])
        // Resumes at the first unit not done (the skipped one); `b` shows the one before, still finished.
        let (_, again) = try run(session, ["b", "q"])
        #expect(again.contains("Unit 3/\(units.count)"))
        #expect(again.contains("Unit 2/\(units.count)"))
        #expect(try store.queue(round: "rel-1", coder: "ana").filter(\.done).count == 2)
    }

    @Test func inputEndingMidUnitLosesOnlyThatUnit() throws {
        let (_, store, _) = try openRoundProject()
        let session = CodingSession(store: store, coder: "ben", round: "rel-1")
        _ = try run(session, ["4", "", "m"])  // unit 1 done (4: WIR.genuine_interest); input ends while writing a note on unit 2
        let queue = try store.queue(round: "rel-1", coder: "ben")
        #expect(queue.filter(\.done).count == 1)
        #expect(try store.codings(round: "rel-1", viewer: "ben").count == 1)
    }

    @Test func theSessionNeverShowsAnotherCodersTags() throws {
        let (_, store, units) = try openRoundProject()
        try store.add(.init(coder: "ben", round: "rel-1", unit: units[0], criterion: "WIR.volunteered"))
        try store.addUnitNote(coder: "ben", round: "rel-1", unit: units[0], note: "ben's private thought")
        let (_, out) = try run(CodingSession(store: store, coder: "ana", round: "rel-1"), ["q"])
        #expect(!out.contains("[x]") && !out.contains("[s]"))
        #expect(!out.contains("private thought"))
        let model = try SessionModel(store: store, coder: "ana", round: "rel-1")
        #expect(try model.myCodings().isEmpty && model.view()?.unitNotes.isEmpty == true)
    }

    @Test func aNumberAgainUntagsAsARetractionAndUndoWalksBack() throws {
        let (sample, store, units) = try openRoundProject()
        let (_, out) = try run(CodingSession(store: store, coder: "ana", round: "rel-1"), ["6", "6", "q"])
        #expect(out.contains("tagged 6. ") && out.contains("untagged 6. "))
        let all = try store.codings(round: "rel-1", viewer: "ana", includeRetracted: true)
        #expect(all.count == 1 && all[0].retractionReason == "untagged in session")
        #expect(try active(store).isEmpty)
        let events = try AuditLog.events(sample.database, as: Viewer("ana")).map(\.action)
        #expect(events.filter { $0 == "coding.add" }.count == 1 && events.filter { $0 == "coding.retract" }.count == 1)

        // Undo, repeatedly: tag 6, tag 7, finish; undo x3 walks back to nothing, each step logged.
        let model = try SessionModel(store: store, coder: "ana", round: "rel-1")
        try model.toggle(6)
        try model.toggle(7)
        try model.finish()
        #expect(model.index == 1 && model.doneCount == 1)
        try model.undo()
        #expect(model.index == 0 && model.doneCount == 0)
        #expect(try store.queue(round: "rel-1", coder: "ana")[0].done == false)
        try model.undo()
        #expect(try active(store).map(\.criterionId) == [model.criteria[5].id])
        try model.undo()
        #expect(try active(store).isEmpty)
        #expect(try model.undo() == "nothing to undo in this session")
        // Untag then undo twice: the re-added tag (new id) is what the second undo retracts.
        try model.toggle(3)
        try model.toggle(3)
        try model.undo()
        #expect(try active(store).count == 1)
        try model.undo()
        #expect(try active(store).isEmpty)
        _ = units
    }

    @Test func zeroAsksBeforeClearingAndANoteTypedBeforeItIsKept() throws {
        let (_, store, units) = try openRoundProject()
        let session = CodingSession(store: store, coder: "ana", round: "rel-1")
        // Unit 1: a note, then 0: finished, note kept on the unit.
        // Unit 2: tag 3, then 0 refused (tags stay), then 0 confirmed (tags cleared, unit finished).
        let (finished, out) = try run(session, ["m nothing here but worth a look", "0", "3", "0", "n", "0", "y", "q"])
        #expect(finished == 2)
        #expect(out.contains("Kept the tags."))
        let notes = try store.unitNotes(round: "rel-1", coder: "ana", unit: units[0])
        #expect(notes.map(\.note) == ["nothing here but worth a look"])
        let unit2 = try store.codings(round: "rel-1", viewer: "ana", includeRetracted: true).filter { $0.passageId == units[1].passageId }
        #expect(unit2.count == 1 && unit2[0].retractionReason == "cleared in session (none applies)")
        #expect(try store.queue(round: "rel-1", coder: "ana").prefix(2).allSatisfy(\.done))
    }

    @Test func backThenCorrectAWrongTag() throws {
        let (_, store, units) = try openRoundProject()
        let (_, _) = try run(CodingSession(store: store, coder: "ana", round: "rel-1"), ["6", "", "b", "6 7", "", "q"])
        let first = try active(store, unit: units[0])
        #expect(first.map(\.criterionId) == [try SessionModel(store: store, coder: "ana", round: "rel-1").criteria[6].id])
        #expect(try store.queue(round: "rel-1", coder: "ana")[0].done)
    }

    @Test func resumesAtTheFirstUnfinishedUnitAndNeverRevisitsFinishedOnes() throws {
        let (_, store, units) = try openRoundProject()
        try #require(units.count >= 5)
        let model = try SessionModel(store: store, coder: "ana", round: "rel-1")
        try model.finish()          // 1
        try model.finish()          // 2
        try model.next()            // skip 3
        try model.finish()          // 4
        #expect(model.index == 4)
        let resumed = try SessionModel(store: store, coder: "ana", round: "rel-1")
        #expect(resumed.index == 2)
        try resumed.finish()        // 3, then straight to 5 (4 is finished)
        #expect(resumed.index == 4)
        #expect(resumed.finishedPositions() == [1, 2, 3, 4])
        try resumed.go(to: 2)
        #expect(resumed.index == 1 && resumed.current?.done == true)
        try resumed.finish()        // re-finishing a finished unit moves on to the next unfinished
        #expect(resumed.index == 4)
    }

    @Test func spansAreChosenByQuotingAFewWords() throws {
        let (_, store, _) = try openRoundProject()
        let model = try SessionModel(store: store, coder: "ana", round: "rel-1")
        let text = try #require(try model.view()).passage.text
        let words = text.split(separator: " ")
        try #require(words.count > 6)
        let phrase = words[2...4].joined(separator: " ")
        // Typed in upper case with extra spaces: still found.
        try model.select("  " + phrase.uppercased().replacingOccurrences(of: " ", with: "   "))
        let selection = try #require(model.selection)
        try model.toggle(6)
        let coding = try #require(try model.myCodings().first)
        #expect(coding.span == selection.span)
        #expect(coding.quote?.lowercased() == String(String.UnicodeScalarView(Array(text.unicodeScalars)[selection.span])).lowercased())
        #expect(coding.quote?.contains(String(words[3])) == true)
        // The same criterion with the same span again untags only that span.
        try model.toggle(7)
        try model.select(phrase)
        try model.toggle(6)
        #expect(try model.myCodings().map(\.criterionId) == [model.criteria[6].id])
        #expect(model.selection == nil)
        // Not in the passage: nothing selected.
        try model.select("zebra unicorn parliament")
        #expect(model.selection == nil)
    }

    @Test func quoteMatchingCyclesAmbiguousMatchesAndSpansStartToEnd() {
        let text = "The Koreans asked for more. Then the Koreans, café owners, asked again — “twice”."
        let koreans = QuoteMatcher.matches(of: "koreans", in: text)
        #expect(koreans.count == 2)
        let scalars = Array(text.unicodeScalars)
        func quote(_ r: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[r])) }
        #expect(koreans.map(quote) == ["Koreans", "Koreans"])
        #expect(QuoteMatcher.matches(of: "cafe owners", in: text).map(quote) == ["café owners"])
        #expect(QuoteMatcher.matches(of: "again - \"twice\"", in: text).map(quote) == ["again — “twice”"])
        #expect(QuoteMatcher.matches(of: "asked for … again", in: text).map(quote) == ["asked for more. Then the Koreans, café owners, asked again"])
        #expect(QuoteMatcher.matches(of: "", in: text).isEmpty)
        // Combining accents in the text count as scalars of their own; the span still covers them.
        let decomposed = "un cafe\u{301} noir"
        let found = QuoteMatcher.matches(of: "café", in: decomposed)
        #expect(found == [3..<8])
    }

    @Test func detailsAreAskedFromTheCodebookAndValidated() throws {
        let (_, store, _) = try openRoundProject()
        let model = try SessionModel(store: store, coder: "ana", round: "rel-1")
        let pay = try #require(model.criteria.firstIndex { $0.id == "PAY.debt_relief" }) + 1
        let names = try model.detailFields(for: pay).map(\.name)
        #expect(names == ["direction", "test", "note", "amount", "currency", "period", "troop_count", "status", "payment"])
        // In the line mode: a wrong currency is asked again, then the tag is stored with its details.
        let (_, out) = try run(CodingSession(store: store, coder: "ana", round: "rel-1"),
                               ["\(pay)", "e \(pay)", "", "3", "promised in Seoul", "15000000", "dollars", "USD", "1966-03", "", "agreed", "", "q"])
        #expect(out.contains("ISO 4217"))
        // A new model, as the next session would open it.
        let fresh = try SessionModel(store: store, coder: "ana", round: "rel-1")
        let coding = try #require(try fresh.myCodings().first)
        #expect(coding.test == "smoking_gun" && coding.note == "promised in Seoul")
        #expect(coding.attributes == ["amount": "15000000", "currency": "USD", "period": "1966-03", "status": "agreed"])
        let history = try store.codings(round: "rel-1", viewer: "ana", includeRetracted: true)
        #expect(history.map(\.retractionReason) == ["edited in session", nil])
        #expect(throws: CodingError.self) { try fresh.applyDetails(pay, values: ["status": "maybe"]) }
        #expect(try fresh.myCodings().count == 1)
        try fresh.applyDetails(pay, values: ["status": "paid", "note": "-"])
        #expect(try fresh.myCodings().first?.attributes["status"] == "paid")
        #expect(try fresh.myCodings().first?.note == nil)
        try fresh.undo()
        #expect(try fresh.myCodings().map { $0.attributes["status"] } == ["agreed"])
    }

    @Test func contradictingEvidenceIsTaggedTurnedRoundUntaggedAndUndoneWithItsDirection() throws {
        let (sample, store, _) = try openRoundProject()
        let model = try SessionModel(store: store, coder: "ana", round: "rel-1")
        let id = model.criteria[5].id
        #expect(try model.toggle(6, direction: .contradicts) == "tagged 6. \(id) as contradicting")
        #expect(try active(store).map(\.direction) == [.contradicts])
        // The other direction turns the tag round (logged as a retraction and a new coding) ...
        #expect(try model.toggle(6) == "6. \(id) now supports")
        #expect(try active(store).map(\.direction) == [.supports])
        // ... and the same direction again untags.
        #expect(try model.toggle(6).hasPrefix("untagged 6."))
        #expect(try active(store).isEmpty)
        let history = try store.codings(round: "rel-1", viewer: "ana", includeRetracted: true)
        #expect(history.map(\.retractionReason) == ["direction changed in session", "untagged in session"])
        // Undo brings back the supporting tag, then the contradicting one: directions are kept.
        try model.undo()
        #expect(try active(store).map(\.direction) == [.supports])
        try model.undo()
        #expect(try active(store).map(\.direction) == [.contradicts])
        // Untagging a contradicting tag and undoing it restores it as contradicting.
        try model.toggle(6, direction: .contradicts)
        try model.undo()
        #expect(try active(store).map(\.direction) == [.contradicts])
        // A span and a note survive the turn round.
        let text = try #require(try model.view()).passage.text
        try model.select(text.split(separator: " ").prefix(2).joined(separator: " "))
        model.setNote("a disclaimer")
        try model.toggle(7, direction: .contradicts)
        try model.toggle(7)
        let seven = try #require(try active(store).first { $0.criterionId == model.criteria[6].id })
        #expect(seven.direction == .supports && seven.spanStart != nil && seven.note == "a disclaimer")
        // `e`: the direction is the first detail asked.
        try model.applyDetails(7, values: ["direction": "c"])
        #expect(try active(store).first { $0.criterionId == model.criteria[6].id }?.direction == .contradicts)
        #expect(try model.detailFields(for: 7).first?.problem(with: "sideways") != nil)
        let events = try AuditLog.events(sample.database, as: Viewer("ana")).map(\.action)
        let retracted = try store.codings(round: "rel-1", viewer: "ana", includeRetracted: true).filter { $0.retractionReason != nil }
        #expect(events.filter { $0 == "coding.retract" }.count == retracted.count && retracted.count == 6)

        // The line mode: -N tags contradicting evidence and the list says so.
        let (_, out) = try run(CodingSession(store: store, coder: "ana", round: "rel-1"), ["-9", "g 1", "q"])
        #expect(out.contains("tagged 9. \(model.criteria[8].id) as contradicting"))
        #expect(out.contains("9. \(model.criteria[8].id) — \(model.criteria[8].label) (contradicts)"))
    }
}
