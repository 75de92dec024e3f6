import Foundation
import Testing
@testable import ProjectStore

/// `same_fact=p44` on a coding: accepted on any criterion, checked, and read back for weighing
/// only as far as the reader may see (an open blind round shows a coder their own links only).
@Suite struct SameFactLinkTests {
    @Test func linksAreCheckedAndReadBackPerViewer() throws {
        let (sample, store, units) = try openRoundProject()
        let (a, b) = (units[0], units[1])
        // WIR criteria's dimension defines no attributes; same_fact is accepted all the same.
        let coding = try store.add(.init(coder: "ana", round: "rel-1", unit: a, criterion: "WIR.genuine_interest",
                                         attributes: [CodingStore.sameFactAttribute: "p\(b.passageId)"]))
        _ = try store.add(.init(coder: "ben", round: "rel-1", unit: a, criterion: "WIR.genuine_interest",
                            attributes: [CodingStore.sameFactAttribute: "\(b.passageId)"]))
        let before = try TestSupport.snapshot(sample.database)
        for (value, words) in [("soon", "name the passage"), ("p\(a.passageId)", "own passage"), ("p999999", "no passage 999999")] {
            do {
                _ = try store.add(.init(coder: "ana", round: "rel-1", unit: a, criterion: "WIR.link", attributes: ["same_fact": value]))
                Issue.record("same_fact=\(value) was accepted")
            } catch {
                #expect("\(error)".contains(words), "\(error)")
            }
        }
        #expect(try TestSupport.snapshot(sample.database) == before)
        let roundId = try #require(try store.rounds().first { $0.name == "rel-1" }?.id)
        let anas = try store.sameFactLinks(roundId: roundId, onlyCoder: "ana")
        #expect(anas == [SameFactLink(passageId: a.passageId, otherPassageId: b.passageId, coder: "ana")])
        #expect(try store.sameFactLinks(roundId: roundId, onlyCoder: nil).count == 2)
        #expect(CodingStore.passageNumber("P12") == 12 && CodingStore.passageNumber(" 7 ") == 7 && CodingStore.passageNumber("x") == nil)
        // A retracted coding's link no longer counts.
        _ = try store.retract(codingId: coding.id!, by: "ana", reason: "linked the wrong passage")
        #expect(try store.sameFactLinks(roundId: roundId, onlyCoder: "ana").isEmpty)
    }
}
