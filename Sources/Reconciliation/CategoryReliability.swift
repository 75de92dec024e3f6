import Codebook

/// Does each coder's evidence lead to the same derived category for a case?
///
/// For each coder and case, the coder's own codings imply a status per criterion: established if
/// the coder tagged it as supporting in any unit of the case they finished (contested if also as
/// contradicting), refuted if they finished units of the case and never tagged it supporting. (Only units at least two coders finished count, the same units
/// as the criterion figures, so coders are compared on the same evidence.) The codebook's decision
/// rules turn these statuses into a membership per category, and agreement on membership is measured
/// across coders with cases as units: member and not member are the two values; a coder who finished
/// no unit of a case, or whose rule outcome is indeterminate (it depends on a criterion outside the
/// assessed list), has no value for that case.
///
/// A category can be unreliable even when each of its criteria is fairly reliable (disagreements on
/// different criteria add up through `all`), and reliable when its criteria are not (disagreements
/// that do not change the outcome, e.g. in one branch of an `any` that holds anyway).
public struct CategoryReliability: Sendable, Hashable, Codable {
    /// One case's membership per coder.
    public struct CaseMemberships: Sendable, Hashable, Codable {
        /// The case.
        public var caseId: String
        /// Per coder who finished units of the case.
        public var values: [String: Membership]

        public init(caseId: String, values: [String: Membership]) {
            self.caseId = caseId
            self.values = values
        }
    }

    /// Category id.
    public var category: String
    /// Category label from the codebook.
    public var label: String
    /// Dimension id the category belongs to.
    public var dimension: String
    /// Cases compared.
    public var cases: Int
    /// Coders, sorted.
    public var coders: [String]
    /// Membership values in cases with two or more values.
    public var pairableValues: Int
    /// Share of values that are "member".
    public var prevalence: Double?
    /// Share of agreeing pairs of values within cases.
    public var percentAgreement: Double?
    /// Krippendorff's alpha (nominal), nil when undefined.
    public var alpha: Double?
    /// Why alpha is undefined.
    public var alphaUndefinedReason: String?
    /// Lower limit of alpha's 95% bootstrap interval (units = cases resampled).
    public var alphaLow: Double?
    /// Upper limit of alpha's 95% bootstrap interval.
    public var alphaHigh: Double?
    /// Alpha with Gwet's analytic standard error and t interval.
    public var alphaAnalytic: IntervalEstimate?
    /// What the interval of alpha says (see ``ReliabilityVerdict``).
    public var verdict: ReliabilityVerdict
    /// Why the verdict is what it is, when not simply the interval's lower limit.
    public var verdictReason: String?
    /// Plain-words caveat (undefined, rare).
    public var explanation: String?
    /// Every case and membership that entered the figures.
    public var memberships: [CaseMemberships]

    public init(category: String, label: String, dimension: String, cases: Int, coders: [String], pairableValues: Int,
                prevalence: Double?, percentAgreement: Double?, alpha: Double?, alphaUndefinedReason: String? = nil,
                verdict: ReliabilityVerdict, explanation: String? = nil, memberships: [CaseMemberships] = [],
                alphaLow: Double? = nil, alphaHigh: Double? = nil, alphaAnalytic: IntervalEstimate? = nil, verdictReason: String? = nil) {
        self.alphaLow = alphaLow
        self.alphaHigh = alphaHigh
        self.alphaAnalytic = alphaAnalytic
        self.verdictReason = verdictReason
        self.category = category
        self.label = label
        self.dimension = dimension
        self.cases = cases
        self.coders = coders
        self.pairableValues = pairableValues
        self.prevalence = prevalence
        self.percentAgreement = percentAgreement
        self.alpha = alpha
        self.alphaUndefinedReason = alphaUndefinedReason
        self.verdict = verdict
        self.explanation = explanation
        self.memberships = memberships
    }

    static func assess(codebook: Codebook, criteria: [String], units: [UnitKey], coders: [String],
                       index: CodingIndex, request: ReliabilityRequest) -> [CategoryReliability] {
        let cases = Array(Set(units.map(\.caseId))).sorted()
        // classifications[case][coder] = [category: membership]
        var outcomes: [String: [String: [String: Membership]]] = [:]
        for caseId in cases {
            let caseUnits = units.filter { $0.caseId == caseId }
            for coder in coders {
                let finished = caseUnits.compactMap { index.codings[$0]![coder] }
                guard !finished.isEmpty else { continue }
                var statuses: [String: CriterionStatus] = [:]
                for id in criteria {
                    // Each coder's own reading, closed-world as before counter-evidence existed: a
                    // criterion they never tagged counts as refuted, so two-valued rounds read as before.
                    let values = Set(finished.map { $0.value(of: id) })
                    statuses[id] = values.contains(.supports)
                        ? (values.contains(.contradicts) ? .contested : .established)
                        : .refuted
                }
                var memberships: [String: Membership] = [:]
                for classification in codebook.classify(statuses: statuses) {
                    for entry in classification.entries { memberships[entry.category] = entry.outcome.membership }
                }
                outcomes[caseId, default: [:]][coder] = memberships
            }
        }
        return codebook.dimensions.flatMap { dimension in
            dimension.categories.map { category in
                let traces = cases.map { caseId in
                    CaseMemberships(caseId: caseId, values: (outcomes[caseId] ?? [:]).compactMapValues { $0[category.id] })
                }
                let rows: [[Bool?]] = traces.map { trace in
                    coders.map { coder in
                        switch trace.values[coder] {
                        case .member?: true
                        case .notMember?: false
                        case .indeterminate?, nil: nil
                        }
                    }
                }
                let f = NominalAgreement(rows: rows, coders: coders, labels: ["not member", "member"],
                                         replicates: request.bootstrapReplicates, seed: request.seed,
                                         minimums: request.thresholds.minimums)
                let (verdict, verdictReason) = f.verdict(request.thresholds)
                return CategoryReliability(
                    category: category.id, label: category.label, dimension: dimension.id, cases: cases.count,
                    coders: coders, pairableValues: f.pairableValues, prevalence: f.prevalence,
                    percentAgreement: f.percentAgreement, alpha: f.alpha, alphaUndefinedReason: f.alphaUndefinedReason,
                    verdict: verdict,
                    explanation: ReliabilityResult.explain(f, verdict: verdict, subject: "category", present: "member", absent: "not member"),
                    memberships: traces, alphaLow: f.alphaLow, alphaHigh: f.alphaHigh, alphaAnalytic: f.alphaAnalytic,
                    verdictReason: verdictReason)
            }
        }
    }
}
