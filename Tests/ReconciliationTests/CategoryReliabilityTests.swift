import Codebook
import Testing
@testable import Reconciliation

@Suite("Reliability of derived categories")
struct CategoryReliabilityTests {
    @Test("each coder's statuses go through the codebook's rules; agreement on membership across cases")
    func memberships() throws {
        let r = try ReliabilityResult(ReliabilityRequest(criteria: Fixtures.criteria, codings: Fixtures.round, bootstrapReplicates: 0),
                                      codebook: Fixtures.codebook)
        #expect(r.categories.map(\.category) == ["WIR", "CRC", "OPP", "MIX", "STRICT"])
        let wir = try #require(r.categories.first { $0.category == "WIR" })
        // both coders tagged volunteered and link in unit 1, so both derive WIR; B-2: neither.
        #expect(wir.memberships.map(\.caseId) == ["A-1", "B-2"])
        #expect(wir.memberships[0].values == ["ann": .member, "bob": .member])
        #expect(wir.memberships[1].values == ["ann": .notMember, "bob": .notMember])
        // 4 values, 2 member, 2 not, no disagreement: alpha = 1.
        #expect(wir.alpha == 1)
        #expect(wir.percentAgreement == 1)
        // Two cases cannot test anything: Krippendorff's sample-size rule.
        #expect(wir.verdict == .insufficientData)
        #expect(wir.cases == 2)
        #expect(wir.label == "Willing but inadequately resourced")
        #expect(wir.dimension == "recipient_type")
        // Nobody derives OPP: no variation.
        let opp = try #require(r.categories.first { $0.category == "OPP" })
        #expect(opp.alpha == nil)
        #expect(opp.verdict == .undefined)
        #expect(opp.explanation?.contains("not member") == true)
    }

    @Test("coders reaching different categories from different evidence")
    func disagreeingCategory() throws {
        // Three cases, two coders; ann sees a volunteer in case 2, bob does not.
        let codings = [
            Fixtures.coding("ann", "c1", 1, ["WIR.volunteered"]), Fixtures.coding("bob", "c1", 1, ["WIR.volunteered"]),
            Fixtures.coding("ann", "c2", 2, ["WIR.volunteered"]), Fixtures.coding("bob", "c2", 2, []),
            Fixtures.coding("ann", "c3", 3, []), Fixtures.coding("bob", "c3", 3, []),
            Fixtures.coding("ann", "c4", 4, []), Fixtures.coding("bob", "c4", 4, []),
        ]
        let r = try ReliabilityResult(ReliabilityRequest(criteria: Fixtures.criteria, codings: codings, bootstrapReplicates: 0),
                                      codebook: Fixtures.codebook)
        let mix = try #require(r.categories.first { $0.category == "MIX" })
        // Values: c1 (1,1) c2 (1,0) c3 (0,0) c4 (0,0): n1 = 3, n0 = 5, n = 8, one disagreeing pair.
        // alpha = 1 − (n − 1)(o01 + o10)/(2 n0 n1) = 1 − 7 · 2/30.
        #expect(abs(mix.alpha! - (1 - 14.0 / 30.0)) < 1e-12)
        #expect(mix.percentAgreement == 0.75)
        // The criterion and the category it alone drives agree exactly.
        #expect(r.criteria.first { $0.criterion == "WIR.volunteered" }?.alpha == mix.alpha)
    }
}
