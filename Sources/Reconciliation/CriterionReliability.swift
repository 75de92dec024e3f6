/// How reliably the round's coders applied one criterion: present (1) or absent (0) per coder per
/// unit, over the units at least two coders finished.
///
/// Several coefficients are reported because they answer different questions and fail differently:
///
/// - **Percent agreement** is the share of agreeing pairs of values; it ignores chance.
/// - **Krippendorff's alpha** (nominal) corrects for the agreement expected from the pooled
///   distribution of values; the verdict rests on the lower limit of its 95% interval (see
///   ``ReliabilityVerdict``). The interval and the probabilities of falling below .667 and .800 come
///   from the bootstrap over units (``AlphaBootstrap``); Gwet's analytic standard error and t interval
///   are given beside it as a separate figure (``alphaAnalytic``).
/// - **Cohen's kappa** (two coders) or **Fleiss' kappa** (three or more) correct for chance in
///   the same spirit with slightly different expected agreement.
/// - **Gwet's AC1** estimates chance agreement as if coders guessed only on hard units.
///
/// *Rare criteria.* When nearly every value is "absent" (prevalence near 0) or "present" (near 1),
/// expected agreement is close to observed agreement, so alpha and kappa swing widely on one or two
/// disagreements and can be low even though coders agree on almost every unit (the "kappa
/// paradox"); AC1 stays high there. A low alpha with high AC1 and extreme prevalence says the sample
/// holds too few positive units to judge the criterion, not necessarily that coders apply it
/// differently: add units where the criterion is likely present before concluding. When every value
/// is the same, alpha and kappa are 0/0 and reported as undefined, never as a number.
public struct CriterionReliability: Sendable, Hashable, Codable {
    /// Which chance-corrected kappa was computed.
    public enum KappaKind: String, Sendable, Hashable, Codable {
        /// Cohen's kappa, for exactly two coders.
        case cohen
        /// Fleiss' kappa, for three or more coders.
        case fleiss

        /// `Cohen's kappa` or `Fleiss' kappa`.
        public var label: String { self == .cohen ? "Cohen's kappa" : "Fleiss' kappa" }
    }

    /// Probability, from the bootstrap, that alpha falls below a minimum.
    public struct Shortfall: Sendable, Hashable, Codable {
        /// The minimum, e.g. 0.667.
        public var minimum: Double
        /// Share of bootstrap replicates below it.
        public var probability: Double

        public init(minimum: Double, probability: Double) {
            self.minimum = minimum
            self.probability = probability
        }
    }

    /// The criterion id.
    public var criterion: String
    /// Units in the computation (finished by at least two coders).
    public var units: Int
    /// Coders with at least one value, sorted.
    public var coders: [String]
    /// Values in units with two or more values (n..).
    public var pairableValues: Int
    /// Share of the values that are "present"; nil with no values.
    public var prevalence: Double?
    /// Share of agreeing pairs of values within units.
    public var percentAgreement: Double?
    /// Krippendorff's alpha (nominal), nil when undefined.
    public var alpha: Double?
    /// Why alpha is undefined, in plain words.
    public var alphaUndefinedReason: String?
    /// Lower limit of alpha's bootstrap 95% interval.
    public var alphaLow: Double?
    /// Upper limit of alpha's bootstrap 95% interval.
    public var alphaHigh: Double?
    /// Probability that alpha is below each minimum of the request, from the bootstrap.
    public var shortfalls: [Shortfall]
    /// Number of bootstrap replicates run (0 when none, or alpha undefined).
    public var bootstrapReplicates: Int
    /// Which kappa ``kappa`` is.
    public var kappaKind: KappaKind
    /// Cohen's or Fleiss' kappa, nil when undefined.
    public var kappa: Double?
    /// Gwet's AC1, nil when undefined.
    public var ac1: Double?
    /// Alpha with Gwet's (2014) analytic standard error and t interval (a separate figure from the bootstrap's).
    public var alphaAnalytic: IntervalEstimate?
    /// Kappa with its analytic standard error and interval.
    public var kappaInterval: IntervalEstimate?
    /// AC1 with its analytic standard error and interval.
    public var ac1Interval: IntervalEstimate?
    /// How alpha's interval (``alphaLow``…``alphaHigh``) was obtained.
    public var alphaIntervalMethod: String?
    /// Bootstrap replicates dropped because alpha was undefined in them.
    public var droppedReplicates: Int
    /// Why no shortfall probabilities are given (e.g. no disagreement at all).
    public var shortfallsOmittedReason: String?
    /// Units with two or more values.
    public var pairableUnits: Int
    /// Why the verdict is what it is, when not simply the interval's lower limit (insufficient data).
    public var verdictReason: String?
    /// Unitizing alpha over the spans marked; nil when no coder marked a span for this criterion.
    public var unitizing: UnitizingResult?
    /// The coincidence matrix behind alpha (`absent`, `present`).
    public var coincidences: CoincidenceTable
    /// What alpha says.
    public var verdict: ReliabilityVerdict
    /// Plain-words caveats: why the verdict is undefined, or that the criterion is rare.
    public var explanation: String?
    /// Every unit and value that entered the figures, in unit order.
    public var values: [UnitValues]

    public init(
        criterion: String, units: Int, coders: [String], pairableValues: Int, prevalence: Double?,
        percentAgreement: Double?, alpha: Double?, alphaUndefinedReason: String? = nil,
        alphaLow: Double? = nil, alphaHigh: Double? = nil, shortfalls: [Shortfall] = [], bootstrapReplicates: Int = 0,
        kappaKind: KappaKind, kappa: Double?, ac1: Double?, unitizing: UnitizingResult? = nil,
        coincidences: CoincidenceTable, verdict: ReliabilityVerdict, explanation: String? = nil, values: [UnitValues] = [],
        alphaAnalytic: IntervalEstimate? = nil, kappaInterval: IntervalEstimate? = nil, ac1Interval: IntervalEstimate? = nil,
        alphaIntervalMethod: String? = nil, droppedReplicates: Int = 0, shortfallsOmittedReason: String? = nil,
        pairableUnits: Int? = nil, verdictReason: String? = nil
    ) {
        self.alphaAnalytic = alphaAnalytic
        self.kappaInterval = kappaInterval
        self.ac1Interval = ac1Interval
        self.alphaIntervalMethod = alphaIntervalMethod
        self.droppedReplicates = droppedReplicates
        self.shortfallsOmittedReason = shortfallsOmittedReason
        self.pairableUnits = pairableUnits ?? units
        self.verdictReason = verdictReason
        self.criterion = criterion
        self.units = units
        self.coders = coders
        self.pairableValues = pairableValues
        self.prevalence = prevalence
        self.percentAgreement = percentAgreement
        self.alpha = alpha
        self.alphaUndefinedReason = alphaUndefinedReason
        self.alphaLow = alphaLow
        self.alphaHigh = alphaHigh
        self.shortfalls = shortfalls
        self.bootstrapReplicates = bootstrapReplicates
        self.kappaKind = kappaKind
        self.kappa = kappa
        self.ac1 = ac1
        self.unitizing = unitizing
        self.coincidences = coincidences
        self.verdict = verdict
        self.explanation = explanation
        self.values = values
    }

    /// The bootstrap probability that alpha is below `minimum`, if it was computed.
    public func probabilityBelow(_ minimum: Double) -> Double? {
        shortfalls.first { abs($0.minimum - minimum) < 1e-9 }?.probability
    }

    /// Units whose coders disagree.
    public var disagreements: [UnitValues] { values.filter(\.disagree) }
}
