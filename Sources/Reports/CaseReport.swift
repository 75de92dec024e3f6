import Reconciliation

/// A classified case as a report shows it: who and what it is, where it stands, and its evidence.
public struct CaseReport: Sendable, Hashable {
    /// The case id.
    public var caseId: String
    /// The recipient state, e.g. `Republic of Korea`.
    public var recipient: String?
    /// The operation or coalition, e.g. `Vietnam War`.
    public var operation: String?
    /// Statuses, categories and evidence trail from reconciliation.
    public var classification: CaseClassification
    /// Evidence items for the established criteria, in codebook order.
    public var evidence: [EvidenceItem]

    public init(caseId: String, recipient: String? = nil, operation: String? = nil,
                classification: CaseClassification, evidence: [EvidenceItem] = []) {
        self.caseId = caseId
        self.recipient = recipient
        self.operation = operation
        self.classification = classification
        self.evidence = evidence
    }
}
