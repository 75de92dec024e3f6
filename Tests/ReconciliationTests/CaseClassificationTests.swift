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

    @Test("statuses: established, contested, not found; not found is unknown in the rules")
    func statuses() throws {
        let c = try classify()
        #expect(c.keys.sorted() == ["KOR", "PHL", "THA"])
        let kor = try #require(c["KOR"])
        #expect(kor.status(of: "WIR.volunteered") == .established)
        #expect(kor.status(of: "WIR.link") == .contested)
        // Nobody tagged them: not found, which is unknown, never false.
        #expect(kor.status(of: "CRC.recruited") == .notFound)
        #expect(kor.status(of: "OPP.threat") == .notFound)
        let outcomes = Dictionary(uniqueKeysWithValues: kor.classifications[0].entries.map { ($0.category, $0.outcome) })
        // all(established, contested) is unknown.
        #expect(outcomes["WIR"]?.membership == .indeterminate)
        #expect(outcomes["WIR"]?.pending == ["WIR.link"])
        // any(established, not found) holds; all(not found, not found) is unknown, not false.
        #expect(outcomes["MIX"]?.membership == .member)
        #expect(outcomes["STRICT"]?.membership == .indeterminate)
        #expect(outcomes["STRICT"]?.pending == ["CRC.recruited", "OPP.threat"])
        #expect(kor.classifications[0].verdict == .indeterminate)

        // One coder's finding counts as all its coders agreeing.
        let tha = try #require(c["THA"])
        #expect(tha.status(of: "CRC.recruited") == .established)
        #expect(tha.members.contains("CRC"))
        // The other categories hang on criteria nobody found: indeterminate.
        #expect(tha.classifications[0].verdict == .indeterminate)
        guard case .agreement(let coders) = tha.evidence[0].unit.basis else { Issue.record("expected agreement"); return }
        #expect(coders == ["ann"])

        let phl = try #require(c["PHL"])
        #expect(phl.criteria.allSatisfy { $0.status == .notFound })
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
        // Adjudicated "no tag": the passage is not evidence either way, so the link is not found.
        #expect(absent["KOR"]?.status(of: "WIR.link") == .notFound)
        #expect(absent["KOR"]?.classifications[0].entries.first { $0.category == "WIR" }?.outcome.membership == .indeterminate)

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

    @Test("counter-evidence: refuted, contested, and adjudicated direction")
    func counterEvidence() throws {
        let codings = [
            // CRC.recruited: both coders see evidence against it in unit 7.
            Fixtures.coding("ann", "PHL", 7, [], contradicting: ["CRC.recruited"]),
            Fixtures.coding("bob", "PHL", 7, [], contradicting: ["CRC.recruited"]),
            // WIR.volunteered: for in unit 7... against in unit 8 → contested.
            Fixtures.coding("ann", "PHL", 8, ["WIR.volunteered"], contradicting: ["OPP.threat"]),
            Fixtures.coding("bob", "PHL", 8, ["WIR.volunteered"], contradicting: ["OPP.threat"]),
            Fixtures.coding("ann", "PHL", 9, [], contradicting: ["WIR.volunteered"]),
            Fixtures.coding("bob", "PHL", 9, [], contradicting: ["WIR.volunteered"]),
            // WIR.link: ann supports, bob contradicts in unit 10 → open, contested.
            Fixtures.coding("ann", "PHL", 10, ["WIR.link"]),
            Fixtures.coding("bob", "PHL", 10, [], contradicting: ["WIR.link"]),
        ]
        let phl = try #require(try CaseClassification.classify(codebook: Fixtures.codebook, codings: codings).first)
        #expect(phl.status(of: "CRC.recruited") == .refuted)
        #expect(phl.status(of: "OPP.threat") == .refuted)
        #expect(phl.status(of: "WIR.volunteered") == .contested)
        #expect(phl.status(of: "WIR.link") == .contested)
        let outcomes = Dictionary(uniqueKeysWithValues: phl.classifications[0].entries.map { ($0.category, $0.outcome.membership) })
        #expect(outcomes["CRC"] == .notMember)
        #expect(outcomes["STRICT"] == .notMember)   // all(refuted, refuted)
        #expect(outcomes["MIX"] == .indeterminate)  // any(contested, refuted)

        // The disagreement on WIR.link is between supports and contradicts.
        let d = disagreements(in: codings, criteria: Fixtures.criteria)
        #expect(d.count == 1 && d[0].criterion == "WIR.link")
        #expect(d[0].value(of: "ann") == "supports" && d[0].value(of: "bob") == "contradicts")

        // An adjudicator settles it as contradicting: WIR.link is refuted, WIR becomes not member.
        let decision = Adjudication(unit: UnitKey(passageId: 10, caseId: "PHL"), criterion: "WIR.link", present: true,
                                    rationale: "the tie is the ally's, not the recipient's", adjudicator: "pi",
                                    decidedAt: Fixtures.date, direction: .contradicts)
        let settled = try #require(try CaseClassification.classify(codebook: Fixtures.codebook, codings: codings,
                                                                   adjudications: [decision]).first)
        #expect(settled.status(of: "WIR.link") == .refuted)
        #expect(settled.classifications[0].entries.first { $0.category == "WIR" }?.outcome.membership == .notMember)
        // The evidence trail carries the contradicting units too.
        #expect(settled.evidence.contains { $0.criterion == "CRC.recruited" && $0.unit.standing == .contradicts })
    }

    @Test("not found becomes refuted only for absence_is_evidence criteria after full coverage, and says so")
    func coverageTurnsAbsenceIntoEvidence() throws {
        var codebook = Fixtures.codebook
        codebook.dimensions[0].criteria = codebook.dimensions[0].criteria.map {
            var c = $0
            c.absenceIsEvidence = c.id == "CRC.recruited"
            return c
        }
        let codings = [Fixtures.coding("ann", "KOR", 1, ["WIR.volunteered"])]
        func search(candidates: Int, coded: Int) -> [String: [CaseCoverage]] {
            ["KOR": [CaseCoverage(caseId: "KOR", round: "r", queries: ["Korea AND troops"], volumes: ["frus1965v27"],
                                  dateRanges: ["1964-01/1966-12"], candidates: candidates, coded: coded,
                                  recordedBy: "lead", recordedAt: Fixtures.date)]]
        }
        let none = try #require(try CaseClassification.classify(codebook: codebook, codings: codings).first)
        #expect(none.status(of: "CRC.recruited") == .notFound)
        let partial = try #require(try CaseClassification.classify(codebook: codebook, codings: codings,
                                                                   coverage: search(candidates: 5, coded: 1)).first)
        #expect(partial.status(of: "CRC.recruited") == .notFound, "partial coverage proves nothing")
        let full = try #require(try CaseClassification.classify(codebook: codebook, codings: codings,
                                                                coverage: search(candidates: 1, coded: 1)).first)
        let recruited = try #require(full.criteria.first { $0.criterion == "CRC.recruited" })
        #expect(recruited.status == .refuted)
        #expect(recruited.inferredFrom != nil)
        #expect(recruited.reason.contains("not found after full coverage"))
        // Criteria without the flag stay unknown after the same search.
        #expect(full.status(of: "OPP.threat") == .notFound)
        let crc = try #require(full.explanations(codebook: codebook).first { $0.category == "CRC" })
        #expect(crc.membership == .notMember)
        let strict = try #require(full.explanations(codebook: codebook).first { $0.category == "STRICT" })
        #expect(strict.membership == .notMember)
        let opp = try #require(full.explanations(codebook: codebook).first { $0.category == "OPP" })
        #expect(opp.membership == .indeterminate && opp.wouldDecide == ["OPP.threat"])
    }
}
