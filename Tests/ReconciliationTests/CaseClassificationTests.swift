import Codebook
import Testing
@testable import Reconciliation

@Suite("Adjudication and case classification")
struct CaseClassificationTests {
    /// KOR: unit 1 both tag volunteered; unit 2 ann tags link, bob not (with notes).
    /// THA: ann alone tags recruited in unit 3.
    static let codings = [
        Fixtures.coding("ann", "KOR", 1, ["WIR.volunteered"], notes: ["WIR.volunteered": "offer precedes any request"]),
        Fixtures.coding("bob", "KOR", 1, ["WIR.volunteered"]),
        Fixtures.coding("ann", "KOR", 2, ["WIR.link"], notes: ["WIR.link": "aid tied to the DMZ"]),
        Fixtures.coding("bob", "KOR", 2, [], notes: ["WIR.link": "the link is Washington's, not Seoul's"]),
        Fixtures.coding("ann", "THA", 3, ["CRC.recruited"]),
    ]

    func classify(_ adjudications: [Adjudication] = []) throws -> [String: CaseClassification] {
        let cases = try CaseClassification.classify(codebook: Fixtures.codebook, codings: Self.codings,
                                                    adjudications: adjudications, cases: ["PHL"])
        return Dictionary(uniqueKeysWithValues: cases.map { ($0.caseId, $0) })
    }

    func adjudicate(_ present: Bool, at offset: Double = 0) -> Adjudication {
        Adjudication(unit: UnitKey(passageId: 2, caseId: "KOR"), criterion: "WIR.link", present: present,
                     rationale: present ? "the offer names the DMZ" : "the link is American", adjudicator: "pi",
                     decidedAt: Fixtures.date.addingTimeInterval(offset))
    }

    @Test("disagreements are computed from codings, with notes")
    func listDisagreements() {
        let d = disagreements(in: Self.codings, criteria: Fixtures.criteria)
        #expect(d.count == 1)
        #expect(d[0].unit == UnitKey(passageId: 2, caseId: "KOR"))
        #expect(d[0].criterion == "WIR.link")
        #expect(d[0].values == ["ann": true, "bob": false])
        #expect(d[0].notes["bob"] == "the link is Washington's, not Seoul's")
        #expect(d[0].sayPresent == ["ann"] && d[0].sayAbsent == ["bob"])
    }

    @Test("statuses: established, contested, absent, not yet coded; three-valued categories")
    func statuses() throws {
        let c = try classify()
        #expect(c.keys.sorted() == ["KOR", "PHL", "THA"])
        let kor = try #require(c["KOR"])
        #expect(kor.status(of: "WIR.volunteered") == .established)
        #expect(kor.status(of: "WIR.link") == .contested)
        #expect(kor.status(of: "CRC.recruited") == .absent)
        #expect(kor.status(of: "OPP.threat") == .absent)
        let outcomes = Dictionary(uniqueKeysWithValues: kor.classifications[0].entries.map { ($0.category, $0.outcome) })
        // all(established, contested) is unknown.
        #expect(outcomes["WIR"]?.membership == .indeterminate)
        #expect(outcomes["WIR"]?.pending == ["WIR.link"])
        // any(established, absent) holds; all(absent, absent) fails.
        #expect(outcomes["MIX"]?.membership == .member)
        #expect(outcomes["STRICT"]?.membership == .notMember)
        #expect(kor.classifications[0].verdict == .indeterminate)

        // One coder's finding counts as all its coders agreeing.
        let tha = try #require(c["THA"])
        #expect(tha.status(of: "CRC.recruited") == .established)
        #expect(tha.members == ["CRC"])
        #expect(tha.classifications[0].verdict == .members)
        guard case .agreement(let coders) = tha.evidence[0].unit.basis else { Issue.record("expected agreement"); return }
        #expect(coders == ["ann"])

        let phl = try #require(c["PHL"])
        #expect(phl.criteria.allSatisfy { $0.status == .notYetCoded })
        #expect(phl.classifications[0].verdict == .indeterminate)
    }

    @Test("adjudication changes the classification, not the reliability figures")
    func adjudicationChangesClassification() throws {
        let request = ReliabilityRequest(criteria: Fixtures.criteria, codings: Self.codings, bootstrapReplicates: 100)
        let before = try ReliabilityResult(request, codebook: Fixtures.codebook)

        let present = try classify([adjudicate(true)])
        let kor = try #require(present["KOR"])
        #expect(kor.status(of: "WIR.link") == .established)
        #expect(kor.members.contains("WIR"))
        let link = kor.evidence.filter { $0.criterion == "WIR.link" }
        #expect(link.count == 1)
        guard case .adjudication(let a) = link[0].unit.basis else { Issue.record("expected adjudication"); return }
        #expect(a.rationale == "the offer names the DMZ")
        #expect(link[0].unit.notes["ann"] == "aid tied to the DMZ")
        let volunteered = kor.evidence.filter { $0.criterion == "WIR.volunteered" }
        #expect(volunteered.map(\.unit.unit.passageId) == [1])

        let absent = try classify([adjudicate(true), adjudicate(false, at: 60)])   // revisited: the latest stands
        #expect(absent["KOR"]?.status(of: "WIR.link") == .absent)
        #expect(absent["KOR"]?.classifications[0].entries.first { $0.category == "WIR" }?.outcome.membership == .notMember)

        let after = try ReliabilityResult(request, codebook: Fixtures.codebook)
        #expect(after.criteria == before.criteria)
        #expect(after.categories == before.categories)
    }

    @Test("resolution counts by rule")
    func counts() {
        var codings = Self.codings
        codings += [Fixtures.coding("ann", "THA", 4, ["OPP.threat"]), Fixtures.coding("bob", "THA", 4, [])]
        codings += [Fixtures.coding("ann", "THA", 5, []), Fixtures.coding("bob", "THA", 5, ["OPP.threat", "WIR.link"])]
        let d = disagreements(in: codings, criteria: Fixtures.criteria)
        #expect(d.count == 4)
        let override = Adjudication(unit: UnitKey(passageId: 1, caseId: "KOR"), criterion: "WIR.volunteered", present: false,
                                    rationale: "misread", adjudicator: "pi", decidedAt: Fixtures.date)
        let threat = Adjudication(unit: UnitKey(passageId: 4, caseId: "THA"), criterion: "OPP.threat", present: false,
                                  rationale: "a complaint, not a threat", adjudicator: "pi", decidedAt: Fixtures.date)
        let counts = ResolutionCounts(disagreements: d, adjudications: [adjudicate(true), threat, override])
        #expect(counts == ResolutionCounts(disagreements: 4, adjudicatedPresent: 1, adjudicatedAbsent: 1, open: 2, overrides: 1))
    }
}
