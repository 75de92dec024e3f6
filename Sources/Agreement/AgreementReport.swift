/// Everything `dossier agreement` reports for one reliability table: alpha (with bootstrap), the kappa
/// family with standard errors, matrices and marginals. Computing it is linear in the number of values.
public struct AgreementReport: Sendable {
    /// What to compute.
    public struct Options: Sendable {
        /// Level of measurement for alpha.
        public var level: MeasurementLevel = .nominal
        /// Weights for the kappa family.
        public var weights: AgreementWeights = .identity
        /// Whether to compute Krippendorff's alpha.
        public var alpha = true
        /// Kappa-type coefficients to compute.
        public var coefficients: [ChanceCorrectedAgreement.Coefficient] = ChanceCorrectedAgreement.Coefficient.allCases
        /// Bootstrap replicates for alpha (0 = none).
        public var bootstrapReplicates = 0
        /// Seed for the bootstrap.
        public var seed: UInt64 = 1
        /// What the bootstrap resamples (units by default; KALPHA's pairs to replicate published output).
        public var bootstrapMethod: AlphaBootstrap.Method = .units
        /// How the bootstrap interval is read (percentile by default, or BCa).
        public var bootstrapInterval: AlphaBootstrap.Interval = .percentile
        /// Minimum alphas whose failure probability is reported.
        public var minimums: [Double] = [0.667, 0.8]

        public init() {}
    }

    /// Units (rows) in the data, including units nobody coded.
    public let units: Int
    /// Coder names.
    public let coders: [String]
    /// Categories in order.
    public let categories: [String]
    /// n.., values in units with two or more values.
    public let pairableValues: Int
    /// Krippendorff's alpha, if asked.
    public let alpha: KrippendorffAlpha?
    /// Bootstrap of alpha, if asked and alpha is defined.
    public let bootstrap: AlphaBootstrap?
    /// Kappa-family estimates in the order asked.
    public let estimates: [AgreementEstimate]
    /// Coincidence matrix.
    public let coincidences: CoincidenceMatrix
    /// Confusion matrix, for exactly two coders.
    public let confusion: ConfusionMatrix?
    /// The options used.
    public let options: Options

    /// Computes the report.
    public init(_ data: ReliabilityData, options: Options = Options()) throws {
        self.options = options
        units = data.unitCount
        coders = data.coderNames
        categories = data.categories
        if options.alpha {
            let a = try KrippendorffAlpha(data, level: options.level)
            alpha = a
            coincidences = a.coincidences
            bootstrap = options.bootstrapReplicates > 0
                ? a.bootstrap(AlphaBootstrap.Options(replicates: options.bootstrapReplicates, seed: options.seed,
                                                     method: options.bootstrapMethod, interval: options.bootstrapInterval,
                                                     minimums: options.minimums)) : nil
        } else {
            alpha = nil
            bootstrap = nil
            coincidences = CoincidenceMatrix(data)
        }
        pairableValues = Int(coincidences.pairableValues.rounded())
        estimates = options.coefficients.isEmpty ? [] : ChanceCorrectedAgreement.estimates(data, weights: options.weights, options.coefficients)
        confusion = data.coderCount == 2 ? ConfusionMatrix(data) : nil
    }
}
