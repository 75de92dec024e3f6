/// One thing a coder looks for in the evidence, with a stable id that codings refer to.
public struct Criterion: Sendable, Hashable, Codable, Identifiable {
    /// Stable id, `PREFIX.name` (`WIR.volunteered`). Never reuse an id for a different meaning.
    public var id: String
    /// A few words, shown in lists.
    public var label: String
    /// What the criterion means; the text coders apply.
    public var definition: String
    /// What counts, in words.
    public var include: [String]
    /// What does not count, in words.
    public var exclude: [String]
    /// Example passages or situations that meet the criterion.
    public var positiveExamples: [String]
    /// Example passages or situations that look similar but do not.
    public var negativeExamples: [String]
    /// The process-tracing test this evidence amounts to, if the codebook says.
    public var test: EvidenceTest?
    /// Per category id: how likely the evidence is if the case is, and is not, a member.
    public var likelihoods: [String: Likelihood]
    /// When true, a criterion not found after a recorded full search of the case's sources counts
    /// as refuted (the search would have turned it up); otherwise `not found` stays unknown.
    public var absenceIsEvidence: Bool

    public init(
        id: String, label: String, definition: String,
        include: [String] = [], exclude: [String] = [],
        positiveExamples: [String] = [], negativeExamples: [String] = [],
        test: EvidenceTest? = nil, likelihoods: [String: Likelihood] = [:], absenceIsEvidence: Bool = false
    ) {
        self.id = id
        self.label = label
        self.definition = definition
        self.include = include
        self.exclude = exclude
        self.positiveExamples = positiveExamples
        self.negativeExamples = negativeExamples
        self.test = test
        self.likelihoods = likelihoods
        self.absenceIsEvidence = absenceIsEvidence
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        label = try c.decode(String.self, forKey: .label)
        definition = try c.decode(String.self, forKey: .definition)
        include = try c.decodeIfPresent([String].self, forKey: .include) ?? []
        exclude = try c.decodeIfPresent([String].self, forKey: .exclude) ?? []
        positiveExamples = try c.decodeIfPresent([String].self, forKey: .positiveExamples) ?? []
        negativeExamples = try c.decodeIfPresent([String].self, forKey: .negativeExamples) ?? []
        test = try c.decodeIfPresent(EvidenceTest.self, forKey: .test)
        likelihoods = try c.decodeIfPresent([String: Likelihood].self, forKey: .likelihoods) ?? [:]
        // Stored definitions from before the field existed read as false.
        absenceIsEvidence = try c.decodeIfPresent(Bool.self, forKey: .absenceIsEvidence) ?? false
    }

    enum CodingKeys: String, CodingKey {
        case id, label, definition, include, exclude, test, likelihoods
        case positiveExamples = "positive_examples"
        case negativeExamples = "negative_examples"
        case absenceIsEvidence = "absence_is_evidence"
    }
}
