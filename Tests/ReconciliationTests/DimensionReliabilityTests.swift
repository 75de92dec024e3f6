import Agreement
import Codebook
import Testing
@testable import Reconciliation

@Suite("Reliability of a whole dimension")
struct DimensionReliabilityTests {
    static func category(_ id: String, _ values: [[String: Membership]]) -> CategoryReliability {
        CategoryReliability(category: id, label: id, dimension: "recipient_type", cases: values.count, coders: ["ann", "bob"],
                            pairableValues: 0, prevalence: nil, percentAgreement: nil, alpha: nil, verdict: .undefined,
                            memberships: values.enumerated().map { .init(caseId: "C\($0.offset)", values: $0.element) })
    }

    /// Four cases. Case 0: ann CRC+OPP, bob CRC (partial overlap); case 1: both WIR; case 2: both OPP;
    /// case 3: ann none, bob WIR.
    @Test("Nominal and MASI alpha over membership sets, as the Agreement module computes them")
    func sets() throws {
        let m = Membership.member, n = Membership.notMember
        let crc = Self.category("CRC", [["ann": m, "bob": m], ["ann": n, "bob": n], ["ann": n, "bob": n], ["ann": n, "bob": n]])
        let opp = Self.category("OPP", [["ann": m, "bob": n], ["ann": n, "bob": n], ["ann": m, "bob": m], ["ann": n, "bob": n]])
        let wir = Self.category("WIR", [["ann": n, "bob": n], ["ann": m, "bob": m], ["ann": n, "bob": n], ["ann": n, "bob": m]])
        let d = try #require(DimensionReliability.assess([crc, opp, wir]).first)
        #expect(d.cases == 4)
        #expect(d.multiValued == 1)
        let nominal = try KrippendorffAlpha(try ReliabilityData(units: [["CRC+OPP", "CRC"], ["WIR", "WIR"], ["OPP", "OPP"], ["none", "WIR"]]),
                                            level: .nominal)
        #expect(d.nominalAlpha == nominal.value)
        let masi = try SetValuedAlpha(units: [[["CRC", "OPP"], ["CRC"]], [["WIR"], ["WIR"]], [["OPP"], ["OPP"]], [[], ["WIR"]]])
        #expect(d.masiAlpha == masi.value)
        // A partial overlap counts less than a full disagreement under MASI.
        #expect(try #require(d.masiAlpha) > (try #require(d.nominalAlpha)))
    }
}
