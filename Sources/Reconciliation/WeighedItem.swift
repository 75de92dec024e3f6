import Codebook

/// One item of evidence weighed for one hypothesis (a category of a case): a passage as it
/// stands for a criterion, or a criterion's absence after a recorded full search.
public struct WeighedItem: Sendable, Hashable, Codable {
    /// What the item says about its criterion.
    public enum Reading: String, Sendable, Hashable, Codable {
        /// The passage is evidence that the criterion holds: weighed with the criterion's likelihoods.
        case supports
        /// The passage is evidence that it does not: weighed with the likelihoods of the evidence's absence.
        case contradicts
        /// Not found after a recorded full search, for a criterion whose absence is evidence:
        /// weighed with the likelihoods of the evidence's absence.
        case absentAfterSearch = "absent_after_search"
    }

    /// Where the likelihoods come from.
    public enum LikelihoodSource: String, Sendable, Hashable, Codable {
        /// The codebook's `likelihoods:` for this criterion and category.
        case codebook
        /// ``DefaultLikelihoods`` for the criterion's test.
        case testDefault = "test_default"
    }

    public var criterion: String
    /// The passage; nil for an absence after search.
    public var passageId: Int64?
    public var reading: Reading
    /// The criterion's process-tracing test, if the codebook gives one.
    public var test: EvidenceTest?
    public var likelihoodSource: LikelihoodSource
    /// `P(this item | member)`: for a contradicting or absent item, already `1 − P(E | member)`.
    public var ifMember: Double
    /// `P(this item | not member)`, likewise.
    public var ifNotMember: Double
    /// The item's own weight of evidence, decibans.
    public var weight: Double
    /// What the item adds to the log-odds: its weight, or 0 when another item states the same fact.
    public var counted: Double
    /// When the item restates another one's fact: the position (in the hypothesis's items) of the
    /// item that counts for both, and why they are one fact.
    public var countedOnceWith: Int?
    public var sameFact: String?
    /// The log-odds (decibans) after this item.
    public var runningLogOdds: Double
    /// How the item's value was settled: `agreement of ana, ben`, `adjudicated by kim`, or the search.
    public var basis: String

    public init(criterion: String, passageId: Int64?, reading: Reading, test: EvidenceTest?,
                likelihoodSource: LikelihoodSource, ifMember: Double, ifNotMember: Double, weight: Double,
                counted: Double, countedOnceWith: Int? = nil, sameFact: String? = nil, runningLogOdds: Double, basis: String) {
        self.criterion = criterion
        self.passageId = passageId
        self.reading = reading
        self.test = test
        self.likelihoodSource = likelihoodSource
        self.ifMember = ifMember
        self.ifNotMember = ifNotMember
        self.weight = weight
        self.counted = counted
        self.countedOnceWith = countedOnceWith
        self.sameFact = sameFact
        self.runningLogOdds = runningLogOdds
        self.basis = basis
    }

    /// Where the likelihoods come from, in words.
    public var likelihoodSourceText: String {
        switch likelihoodSource {
        case .codebook: "codebook likelihoods"
        case .testDefault: test.map { "\($0.label) default" } ?? "default"
        }
    }
}
