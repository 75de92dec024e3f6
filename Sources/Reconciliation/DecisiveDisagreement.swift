import Codebook
import Foundation

/// A disagreement not yet adjudicated that decides how a case is classified: resolved one way or
/// the other (to each value some coder gave), the case's categories come out differently, the rest
/// of the case's codings and decisions held as they are. These are the disagreements to adjudicate
/// first; the others change no category, only the evidence trail (issue 11; cf. Krippendorff 2019,
/// ch. 12, on disagreements that matter for the conclusions drawn).
public struct DecisiveDisagreement: Sendable, Hashable, Codable {
    /// The case's categories under one resolution.
    public struct Outcome: Sendable, Hashable, Codable {
        /// The value the disagreement is resolved to.
        public var value: EvidenceValue
        /// Categories the case would certainly belong to, over all dimensions.
        public var members: [String]
        /// Categories that would stay undecided.
        public var undecided: [String]

        /// `supports → WIR; undecided: OPP`.
        public var sentence: String {
            var s = "\(value.rawValue) → " + (members.isEmpty ? "no category" : members.joined(separator: ", "))
            if !undecided.isEmpty { s += "; undecided: " + undecided.joined(separator: ", ") }
            return s
        }
    }

    public var disagreement: Disagreement
    /// One outcome per value the coders gave, in the order no tag, supports, contradicts.
    public var outcomes: [Outcome]

    public var caseId: String { disagreement.unit.caseId }

    /// Every undecided disagreement whose resolution changes its case's categories, by case, unit
    /// and criterion. Parameters as ``CaseClassification/classify(codebook:criteria:codings:adjudications:cases:subjects:coverage:)``.
    public static func find(codebook: Codebook, criteria: [String]? = nil, codings: [CoderUnitCoding],
                            adjudications: [Adjudication] = [], subjects: [String: SubjectKind] = [:],
                            coverage: [String: [CaseCoverage]] = [:]) throws(ReconciliationError) -> [DecisiveDisagreement] {
        let ids = criteria ?? codebook.allCriteria.map(\.id)
        let decided = Set(adjudications.map { "\($0.unit)|\($0.criterion)" })
        let byCase = Dictionary(grouping: codings, by: \.unit.caseId)
        var out: [DecisiveDisagreement] = []
        for d in disagreements(in: codings, criteria: ids) where !decided.contains("\(d.unit)|\(d.criterion)") {
            let caseCodings = byCase[d.unit.caseId] ?? []
            let caseDecisions = adjudications.filter { $0.unit.caseId == d.unit.caseId }
            let given = Set(d.values.keys.map { coder -> EvidenceValue in
                d.values[coder] == true ? (d.contradicting.contains(coder) ? .contradicts : .supports) : .untagged
            })
            let values = EvidenceValue.allCases.filter(given.contains)
            let outcomes = try values.map { (value: EvidenceValue) throws(ReconciliationError) -> Outcome in
                // The hypothetical decision is the latest, so it stands over nothing else.
                let resolve = Adjudication(unit: d.unit, criterion: d.criterion, present: value != .untagged,
                                           rationale: "", adjudicator: "", decidedAt: .distantFuture,
                                           direction: value == .contradicts ? .contradicts : .supports)
                let c = try CaseClassification.classify(codebook: codebook, criteria: ids, codings: caseCodings,
                                                        adjudications: caseDecisions + [resolve], cases: [d.unit.caseId],
                                                        subjects: subjects, coverage: coverage)
                let classification = c.first { $0.caseId == d.unit.caseId }
                return Outcome(value: value, members: classification?.members ?? [],
                               undecided: classification?.classifications.flatMap(\.undecided) ?? [])
            }
            if Set(outcomes.map { [$0.members, $0.undecided] }).count > 1 {
                out.append(DecisiveDisagreement(disagreement: d, outcomes: outcomes))
            }
        }
        return out.sorted { ($0.caseId, $0.disagreement.unit, $0.disagreement.criterion) < ($1.caseId, $1.disagreement.unit, $1.disagreement.criterion) }
    }
}
