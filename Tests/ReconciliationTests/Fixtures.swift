import Codebook
import Foundation
@testable import Reconciliation

/// Small hand-made rounds and a toy codebook shared by the tests.
enum Fixtures {
    static let criteria = ["WIR.volunteered", "WIR.link", "CRC.recruited", "OPP.threat"]

    /// A toy codebook: WIR needs both WIR criteria; CRC needs CRC.recruited; OPP needs OPP.threat;
    /// MIX is `any` of volunteered / threat; STRICT is `all` of recruited and threat.
    static let codebook = Codebook(
        id: "toy", version: SemanticVersion(major: 1, minor: 0, patch: 0), title: "Toy codebook",
        dimensions: [
            Dimension(
                id: "recipient_type", label: "Recipient type",
                categories: [
                    Category(id: "WIR", label: "Willing but inadequately resourced",
                             rule: .all([.criterion("WIR.volunteered"), .criterion("WIR.link")])),
                    Category(id: "CRC", label: "Critical contributor", rule: .criterion("CRC.recruited")),
                    Category(id: "OPP", label: "Opportunist", rule: .criterion("OPP.threat")),
                    Category(id: "MIX", label: "Volunteer or threatener",
                             rule: .any([.criterion("WIR.volunteered"), .criterion("OPP.threat")])),
                    Category(id: "STRICT", label: "Recruited under threat",
                             rule: .all([.criterion("CRC.recruited"), .criterion("OPP.threat")])),
                ],
                criteria: [
                    Criterion(id: "WIR.volunteered", label: "Volunteered", definition: "Offered troops unasked."),
                    Criterion(id: "WIR.link", label: "Linked interest", definition: "Tied participation to its interest."),
                    Criterion(id: "CRC.recruited", label: "Recruited", definition: "Was asked to join."),
                    Criterion(id: "OPP.threat", label: "Withdrawal threat", definition: "Threatened to withdraw."),
                ])
        ])

    static func coding(_ coder: String, _ caseId: String, _ passage: Int64, _ present: Set<String>,
                       length: Int = 100, spans: [String: [Range<Int>]] = [:], notes: [String: String] = [:],
                       contradicting: Set<String> = []) -> CoderUnitCoding {
        CoderUnitCoding(unit: UnitKey(passageId: passage, caseId: caseId), coder: coder, present: present,
                        spans: spans, passageLength: length, notes: notes, contradicting: contradicting)
    }

    /// Ten units, two coders (ann, bob), passages 1–5 for case A-1 and 6–10 for case B-2:
    ///
    ///     unit             1  2  3  4  5  6  7  8  9  10
    ///     WIR.volunteered  11 11 10 00 00 00 00 00 00 00   (ann, bob)
    ///     WIR.link         11 10 00 00 00 00 00 00 00 00
    ///     CRC.recruited    11 11 11 11 11 00 00 00 00 00
    ///     OPP.threat       00 00 00 00 00 00 00 00 00 00
    static var round: [CoderUnitCoding] {
        let ann: [Int64: Set<String>] = [
            1: ["WIR.volunteered", "WIR.link", "CRC.recruited"],
            2: ["WIR.volunteered", "WIR.link", "CRC.recruited"],
            3: ["WIR.volunteered", "CRC.recruited"],
            4: ["CRC.recruited"], 5: ["CRC.recruited"],
        ]
        let bob: [Int64: Set<String>] = [
            1: ["WIR.volunteered", "WIR.link", "CRC.recruited"],
            2: ["WIR.volunteered", "CRC.recruited"],
            3: ["CRC.recruited"],
            4: ["CRC.recruited"], 5: ["CRC.recruited"],
        ]
        return (1...10).flatMap { (p: Int64) -> [CoderUnitCoding] in
            let caseId = p <= 5 ? "A-1" : "B-2"
            return [coding("ann", caseId, p, ann[p] ?? [], notes: p == 2 ? ["WIR.link": "ties aid to the DMZ"] : [:]),
                    coding("bob", caseId, p, bob[p] ?? [])]
        }
    }

    static let date = Date(timeIntervalSince1970: 1_700_000_000)
}
