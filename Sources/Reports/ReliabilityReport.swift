import Codebook
import Reconciliation

/// Everything a reliability report shows, as plain values: who coded what sample under which
/// codebook, the figures per criterion and category, how disagreements were resolved, and the
/// classifications with their evidence. Render it with ``HTMLReport`` or ``MarkdownReport``.
public struct ReliabilityReport: Sendable {
    /// The coding round the report is about.
    public struct Round: Sendable, Hashable {
        /// E.g. `pilot-2`.
        public var name: String
        /// Why the round was run, e.g. "test the revised WIR criteria before full coding".
        public var purpose: String?

        public init(name: String, purpose: String? = nil) {
            self.name = name
            self.purpose = purpose
        }
    }

    /// Which codebook, exactly, the codings were made under.
    public struct CodebookReference: Sendable, Hashable {
        /// Codebook id.
        public var id: String
        /// Semantic version, as written (`1.2.0`).
        public var version: String
        /// SHA-256 of the codebook file, if known.
        public var contentHash: String?
        /// Codebook title.
        public var title: String?

        public init(id: String, version: String, contentHash: String? = nil, title: String? = nil) {
            self.id = id
            self.version = version
            self.contentHash = contentHash
            self.title = title
        }

        /// The reference of a loaded codebook.
        public init(_ codebook: Codebook) {
            self.init(id: codebook.id, version: codebook.version.description, contentHash: codebook.contentHash, title: codebook.title)
        }
    }

    /// How the reliability sample was drawn, so a reader can judge and repeat it.
    public struct Sample: Sendable, Hashable {
        /// E.g. "simple random sample of passages, stratified by case".
        public var method: String
        /// Seed of the random draw.
        public var seed: UInt64?
        /// Share of the population drawn (0–1).
        public var fraction: Double?
        /// Units in the population drawn from.
        public var population: Int?
        /// Units in the sample.
        public var units: Int
        /// Anything else a reader should know (what the population is, exclusions).
        public var description: String?

        public init(method: String, seed: UInt64? = nil, fraction: Double? = nil, population: Int? = nil,
                    units: Int, description: String? = nil) {
            self.method = method
            self.seed = seed
            self.fraction = fraction
            self.population = population
            self.units = units
            self.description = description
        }
    }

    /// A training or pilot round and what it achieved.
    public struct TrainingRound: Sendable, Hashable {
        public var name: String
        /// `training` or `pilot`.
        public var purpose: String
        /// `open` or `closed`.
        public var status: String
        /// Units at least two coders finished.
        public var units: Int
        public var coders: [String]
        /// The results in one line (alpha's median and range over the criteria with variation, verdicts
        /// counted), or why there are none.
        public var results: String

        public init(name: String, purpose: String, status: String, units: Int, coders: [String], results: String) {
            self.name = name
            self.purpose = purpose
            self.status = status
            self.units = units
            self.coders = coders
            self.results = results
        }

        /// The results line of a round's reliability.
        public static func summary(_ r: ReliabilityResult) -> String {
            let alphas = r.criteria.compactMap(\.alpha).sorted()
            guard !alphas.isEmpty else { return "no criterion varied: alpha undefined throughout" }
            let median = alphas.count % 2 == 1 ? alphas[alphas.count / 2] : (alphas[alphas.count / 2 - 1] + alphas[alphas.count / 2]) / 2
            let counts = ReliabilityVerdict.allCases.compactMap { v -> String? in
                let k = r.criteria.filter { $0.verdict == v }.count
                return k == 0 ? nil : "\(k) \(v.rawValue)"
            }
            return "alpha median \(ReportFormat.number(median)) (range \(ReportFormat.number(alphas.first!))–\(ReportFormat.number(alphas.last!))) over \(alphas.count) criteria with variation; verdicts: \(counts.joined(separator: ", "))"
        }
    }

    /// Title shown at the top.
    public var title: String
    /// The project's name.
    public var project: String
    /// The round assessed.
    public var round: Round
    /// The codebook the codings were made under.
    public var codebook: CodebookReference
    /// Coders of the round.
    public var coders: [String]
    /// How the units were drawn.
    public var sample: Sample
    /// Per-criterion results, in codebook order.
    public var criteria: [CriterionReliability]
    /// Per-category results, in codebook order.
    public var categories: [CategoryReliability]
    /// How the round's disagreements were resolved.
    public var resolution: ResolutionCounts
    /// Classified cases with the evidence for their established criteria.
    public var cases: [CaseReport]
    /// Labels of criteria by id (ids are shown where a label is missing).
    public var criterionLabels: [String: String]
    /// Labels of categories by id.
    public var categoryLabels: [String: String]
    /// The minimum alphas drawn as reference lines and used for P(α < minimum); lowest first.
    public var minimums: [Double]
    /// When the report was made, as the caller wants it shown (e.g. ISO 8601); omitted if nil.
    public var generatedAt: String?
    /// How the round was run, one sentence each: closings forced over unfinished units, reopenings,
    /// adjudicators' overrides of agreed units. Shown as "Round history" when not empty.
    public var roundHistory: [String] = []
    /// Units each coder finished in the round (Lombard et al. 2002: coders and the amount each coded).
    public var codingAmounts: [String: Int] = [:]
    /// Per dimension: nominal and MASI alpha over membership sets.
    public var dimensions: [DimensionReliability] = []
    /// Where the data behind the figures are (files written beside the report), one line each.
    public var dataLocations: [String] = []
    /// The cases' evidence weighed (Bayesian process tracing), when the caller weighed it.
    public var weighing: WeighingReport?
    /// Per coder handle: full name and role (coder, adjudicator, lead), as the project records them
    /// (Lombard et al. 2002: who the coders were).
    public var coderDetails: [String: (name: String, role: String)] = [:]
    /// Training and pilot rounds run under the same codebook before or beside this one, with their
    /// results (Lombard et al. 2002: the amount of training and the pilot's reliability).
    public var trainingRounds: [TrainingRound] = []
    /// Undecided disagreements whose resolution would change a case's categories, by case.
    public var decisiveDisagreements: [DecisiveDisagreement] = []
    /// The thresholds the verdicts used (the codebook's `reliability:` section, or the defaults).
    public var thresholds = ReliabilityThresholds()

    public init(
        title: String, project: String, round: Round, codebook: CodebookReference, coders: [String], sample: Sample,
        criteria: [CriterionReliability], categories: [CategoryReliability] = [], resolution: ResolutionCounts,
        cases: [CaseReport] = [], criterionLabels: [String: String] = [:], categoryLabels: [String: String] = [:],
        minimums: [Double] = [0.667, 0.8], generatedAt: String? = nil
    ) {
        self.title = title
        self.project = project
        self.round = round
        self.codebook = codebook
        self.coders = coders
        self.sample = sample
        self.criteria = criteria
        self.categories = categories
        self.resolution = resolution
        self.cases = cases
        self.criterionLabels = criterionLabels
        self.categoryLabels = categoryLabels
        self.minimums = minimums
        self.generatedAt = generatedAt
    }

    /// A report whose codebook reference and labels come from the codebook itself.
    public init(
        title: String, project: String, round: Round, codebook: Codebook, sample: Sample,
        reliability: ReliabilityResult, resolution: ResolutionCounts, cases: [CaseReport] = [],
        minimums: [Double]? = nil, generatedAt: String? = nil
    ) {
        self.init(
            title: title, project: project, round: round, codebook: CodebookReference(codebook), coders: reliability.coders,
            sample: sample, criteria: reliability.criteria, categories: reliability.categories, resolution: resolution,
            cases: cases,
            criterionLabels: Dictionary(codebook.allCriteria.map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a }),
            categoryLabels: Dictionary(codebook.allCategories.map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a }),
            minimums: minimums ?? reliability.thresholds.minimums, generatedAt: generatedAt)
        dimensions = reliability.dimensions
        thresholds = reliability.thresholds
    }

    /// The label of a criterion, or its id.
    func label(criterion id: String) -> String { criterionLabels[id] ?? id }

    /// The label of a category, or its id.
    func label(category id: String) -> String { categoryLabels[id] ?? id }

    /// The three criteria with the lowest (defined) alpha, lowest first.
    var weakest: [CriterionReliability] {
        Array(criteria.filter { $0.alpha != nil }.sorted { ($0.alpha!, $0.criterion) < ($1.alpha!, $1.criterion) }.prefix(3))
    }

    /// Per binary criterion and pair of coders: the 2×2 table with prevalence and bias indices and
    /// PABAK (Byrt, Bishop & Carlin 1993). Criteria nobody tagged are left out (see ``untaggedCriteria``).
    public var binaryPairs: [BinaryPairAgreement] {
        criteria.flatMap { BinaryPairAgreement.pairs(for: $0) }.filter { $0.bothPresent + $0.firstOnly + $0.secondOnly > 0 }
    }

    /// Binary criteria no coder tagged in any unit: PI −1 and PABAK 1 for every pair, said once.
    public var untaggedCriteria: [String] {
        criteria.filter { c in c.values.allSatisfy { $0.values.values.allSatisfy { !$0 } } }.map(\.criterion)
    }

    /// Minimums sorted, lowest first (Krippendorff's defaults when empty).
    var sortedMinimums: [Double] { minimums.isEmpty ? [0.667, 0.8] : minimums.sorted() }
}
