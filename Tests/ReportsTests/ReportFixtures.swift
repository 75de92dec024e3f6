import Codebook
import Foundation
import Reconciliation
@testable import Reports

/// A small round rendered in the tests: four criteria (one with undefined alpha), a toy codebook,
/// two cases with evidence whose text needs escaping and quoting.
enum ReportFixtures {
    static let criteria = ["WIR.volunteered", "WIR.link", "CRC.recruited", "OPP.threat"]

    static let codebook = Codebook(
        id: "toy", version: SemanticVersion(major: 1, minor: 2, patch: 0), title: "Toy & test codebook",
        dimensions: [Dimension(
            id: "recipient_type", label: "Recipient type",
            categories: [
                Category(id: "WIR", label: "Willing but inadequately resourced",
                         rule: .all([.criterion("WIR.volunteered"), .criterion("WIR.link")])),
                Category(id: "CRC", label: "Critical contributor", rule: .criterion("CRC.recruited")),
                Category(id: "OPP", label: "Opportunist", rule: .criterion("OPP.threat")),
            ],
            criteria: [
                Criterion(id: "WIR.volunteered", label: "Volunteered", definition: "Offered troops unasked."),
                Criterion(id: "WIR.link", label: "Linked <interest>", definition: "Tied participation to its interest."),
                Criterion(id: "CRC.recruited", label: "Recruited", definition: "Was asked to join."),
                Criterion(id: "OPP.threat", label: "Withdrawal threat", definition: "Threatened to withdraw."),
            ])],
        contentHash: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")

    static func coding(_ coder: String, _ caseId: String, _ p: Int64, _ present: Set<String>, notes: [String: String] = [:]) -> CoderUnitCoding {
        CoderUnitCoding(unit: UnitKey(passageId: p, caseId: caseId), coder: coder, present: present, passageLength: 80, notes: notes)
    }

    /// Same pattern as the Reconciliation tests: alpha(WIR.link) = 64/102 = .627,
    /// alpha(WIR.volunteered) = 56/75 = .747, alpha(CRC.recruited) = 1, OPP.threat undefined.
    static var codings: [CoderUnitCoding] {
        let ann: [Int64: Set<String>] = [1: ["WIR.volunteered", "WIR.link", "CRC.recruited"], 2: ["WIR.volunteered", "WIR.link", "CRC.recruited"],
                                         3: ["WIR.volunteered", "CRC.recruited"], 4: ["CRC.recruited"], 5: ["CRC.recruited"]]
        let bob: [Int64: Set<String>] = [1: ["WIR.volunteered", "WIR.link", "CRC.recruited"], 2: ["WIR.volunteered", "CRC.recruited"],
                                         3: ["CRC.recruited"], 4: ["CRC.recruited"], 5: ["CRC.recruited"]]
        return (1...10).flatMap { (p: Int64) in
            let caseId = p <= 5 ? "KOR-1965" : "THA-1967"
            return [coding("ann", caseId, p, ann[p] ?? [], notes: p == 1 ? ["WIR.link": "Park ties the \"offer\" to aid, and to the DMZ"] : [:]),
                    coding("bob", caseId, p, bob[p] ?? [])]
        }
    }

    static func report() throws -> ReliabilityReport {
        let reliability = try ReliabilityResult(
            ReliabilityRequest(criteria: criteria, codings: codings, bootstrapReplicates: 300), codebook: codebook)
        let adjudication = Adjudication(unit: UnitKey(passageId: 2, caseId: "KOR-1965"), criterion: "WIR.link", present: true,
                                        rationale: "Seoul, not Washington, <b>names</b> the link", adjudicator: "pi",
                                        decidedAt: Date(timeIntervalSince1970: 1_700_000_000))
        let classified = try CaseClassification.classify(codebook: codebook, codings: codings, adjudications: [adjudication])
        let cases = classified.map { c in
            CaseReport(
                caseId: c.caseId, recipient: c.caseId.hasPrefix("KOR") ? "Republic of Korea" : "Thailand", operation: "Vietnam War",
                classification: c,
                evidence: c.evidence.map { e in
                    EvidenceItem(caseId: c.caseId, criterion: e.criterion, criterionLabel: codebook.criterion(e.criterion)?.label ?? e.criterion,
                                 unit: e.unit,
                                 excerpt: "Passage \(e.unit.unit.passageId): \"We will send a division,\" said Park,\nif aid & loans continue.",
                                 citation: "FRUS, 1964–1968, vol. XXIX, pt. 1, doc. \(e.unit.unit.passageId), Brown to Rusk, Seoul, May 1965",
                                 page: "\(100 + e.unit.unit.passageId)")
                })
        }
        return ReliabilityReport(
            title: "Reliability of the pilot round <2>", project: "Buying allies & friends",
            round: .init(name: "pilot-2", purpose: "Test the revised WIR criteria"), codebook: codebook,
            sample: .init(method: "simple random sample of passages, stratified by case", seed: 20240501, fraction: 0.1,
                          population: 100, units: 10, description: "Passages shorter than 40 characters excluded."),
            reliability: reliability,
            resolution: ResolutionCounts(disagreements: disagreements(in: codings, criteria: criteria), adjudications: [adjudication]),
            cases: cases, generatedAt: "2025-11-25T12:00:00Z")
    }
}
