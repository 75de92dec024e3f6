import Codebook
import Reconciliation

/// One piece of evidence for a criterion of a case: the passage, what it says, what the coders
/// made of it, and where to find it.
public struct EvidenceItem: Sendable, Hashable {
    /// The case the evidence is for.
    public var caseId: String
    /// The criterion id.
    public var criterion: String
    /// The criterion label from the codebook.
    public var criterionLabel: String
    /// The value that stands in this unit (established for evidence of an established criterion).
    public var status: CriterionStatus
    /// The passage quoted.
    public var passageId: Int64
    /// The quoted text (the marked span, or the passage).
    public var excerpt: String
    /// Analytic notes: the coders', and the adjudicator's rationale where there was one.
    public var notes: [String]
    /// Full citation of the source, as the bibliography gives it.
    public var citation: String
    /// Page or folio, as printed (`14`, `14–15`, `f. 3r`).
    public var page: String?
    /// How the criterion was settled in this unit, in words ("coders agree: ann, bob").
    public var basis: String?
    /// When the passage is the editors' writing, not archival text: `source note (editorial)`,
    /// `editors’ footnote 2`, `editorial note` (see ``Editorial``); nil for archival text.
    public var editorial: String?

    public init(caseId: String, criterion: String, criterionLabel: String, status: CriterionStatus = .established,
                passageId: Int64, excerpt: String, notes: [String] = [], citation: String, page: String? = nil,
                basis: String? = nil, editorial: String? = nil) {
        self.caseId = caseId
        self.criterion = criterion
        self.criterionLabel = criterionLabel
        self.status = status
        self.passageId = passageId
        self.excerpt = excerpt
        self.notes = notes
        self.citation = citation
        self.page = page
        self.basis = basis
        self.editorial = editorial
    }

    /// An item for a unit of a case's evidence trail (``CaseClassification/evidence``): notes and
    /// basis come from the resolution; the store supplies the text and the citation.
    public init(caseId: String, criterion: String, criterionLabel: String, unit: UnitResolution,
                excerpt: String, citation: String, page: String? = nil, editorial: String? = nil) {
        var notes = unit.notes.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
        let basis: String
        switch unit.basis {
        case .agreement(let coders):
            basis = coders.count == 1 ? "coded by \(coders[0])" : "coders agree: \(coders.joined(separator: ", "))"
        case .adjudication(let a):
            basis = "adjudicated \(a.value.rawValue) by \(a.adjudicator)"
            notes.append("adjudication (\(a.adjudicator)): \(a.rationale)")
        case .open:
            basis = "open disagreement"
        }
        // The unit's own standing: supporting evidence reads as established, contradicting as refuted.
        let status: CriterionStatus = switch unit.standing {
        case .supports?: .established
        case .contradicts?: .refuted
        case .untagged?: .notFound
        case nil: .contested
        }
        self.init(caseId: caseId, criterion: criterion, criterionLabel: criterionLabel, status: status,
                  passageId: unit.unit.passageId, excerpt: excerpt, notes: notes, citation: citation, page: page, basis: basis,
                  editorial: editorial)
    }
}
