import Codebook
import Weighing

/// A case's evidence weighed category by category, Bayesian process tracing after Fairfield &
/// Charman (2022): for each category of each dimension that classifies the case, a prior, each item
/// of adjudicated evidence with its weight in decibans, the running log-odds and the posterior, set
/// beside the rule-based classification.
///
/// Choices, each with its source (README, "Weighing the evidence", says the same):
/// - Which criteria bear on a category: those its rule names (not under `not:`), and signs that no
///   rule names whose id prefix is the category's (`WIR.volunteered` for WIR). Their likelihoods
///   come from the codebook's `likelihoods:` for that category, else from ``DefaultLikelihoods``
///   for the criterion's test (Van Evera 1997; Collier 2011; Bennett 2015). A criterion with
///   neither adds nothing and is listed as unweighed.
/// - An item is a passage as it stands after adjudication (or coder agreement). Supporting
///   evidence weighs `10·log10 P(E|H)/P(E|¬H)`; contradicting evidence uses the likelihoods of the
///   evidence's absence, `P(¬E|H)/P(¬E|¬H)` (issue 18; Bennett 2015 on failed tests).
/// - `not found` adds nothing (unknown), unless the codebook marks the criterion
///   `absence_is_evidence` and a full search of the case was recorded: then the absence is one item.
/// - Units the coders still disagree on are not weighed until adjudicated; they are listed.
/// - Items that state the same fact count once: the same passage coded for several criteria that
///   bear on one category, and passages the caller says are one (identical text, or linked by the
///   coder). The item with the largest weight counts; the others show the one they restate.
/// - Items are independent given H and given not H, so weights add (Fairfield & Charman 2022,
///   ch. 4). That is an assumption, and ``assumption`` says so wherever the weighing is shown.
public struct CaseWeighing: Sendable, Hashable, Codable {
    /// The independence assumption, in words, for every output.
    public static let assumption = "Weights add only if the items are independent given each hypothesis (Fairfield & Charman 2022): two passages reporting one another count twice unless marked as one fact. Each category is weighed against its own negation: categories of a dimension may overlap, so their posteriors need not sum to 1. Likelihoods are the codebook's, or defaults per evidence test; see README, \"Weighing the evidence\"."

    public var caseId: String
    /// One per category of every dimension that classifies the case, in codebook order.
    public var hypotheses: [HypothesisWeighing]
    /// Categories whose evidence has no defined posterior: one item has probability 0 if the case is
    /// a member and another has probability 0 if it is not (two likelihoods of 0 that contradict
    /// each other on this evidence), so Bayes' rule divides 0 by 0. Listed, never guessed.
    public var unweighable: [Unweighable] = []

    /// A category that could not be weighed, and why.
    public struct Unweighable: Sendable, Hashable, Codable {
        public var dimension: String
        public var category: String
        public var prior: Double
        public var rules: Membership
        public var reason: String
        public init(dimension: String, category: String, prior: Double, rules: Membership, reason: String) {
            self.dimension = dimension
            self.category = category
            self.prior = prior
            self.rules = rules
            self.reason = reason
        }
    }

    /// Passages the caller knows to state one fact (identical text, linked by the coder): each maps
    /// to a representative passage and the reason.
    public struct SameFact: Sendable, Hashable, Codable {
        public var representative: Int64
        public var reason: String
        public init(representative: Int64, reason: String) {
            self.representative = representative
            self.reason = reason
        }
    }

    /// Priors, facts and sensitivity settings.
    public struct Options: Sendable, Hashable {
        /// Per category id, given by the caller: they win over everything else.
        public var priors: [String: Double]
        /// One prior for every category the caller gave none for; it wins over the codebook's.
        public var priorForAll: Double?
        /// Where `priors` and `priorForAll` came from, for the output (`--prior`).
        public var priorSource: String
        public var sameFacts: [Int64: SameFact]
        public var grid: [Double]
        public var dampingFactor: Double

        public init(priors: [String: Double] = [:], priorForAll: Double? = nil, priorSource: String = "--prior",
                    sameFacts: [Int64: SameFact] = [:], grid: [Double] = Sensitivity.defaultGrid, dampingFactor: Double = 2) {
            self.priors = priors
            self.priorForAll = priorForAll
            self.priorSource = priorSource
            self.sameFacts = sameFacts
            self.grid = grid
            self.dampingFactor = dampingFactor
        }
    }

    public init(caseId: String, hypotheses: [HypothesisWeighing]) {
        self.caseId = caseId
        self.hypotheses = hypotheses
    }

    /// Weighs one classified case.
    public static func weigh(_ classification: CaseClassification, codebook: Codebook,
                             options: Options = Options()) throws(WeighingError) -> CaseWeighing {
        var hypotheses: [HypothesisWeighing] = []
        var unweighable: [Unweighable] = []
        for result in classification.classifications {
            guard let dimension = codebook.dimension(result.dimension) else { continue }
            for entry in result.entries {
                guard let category = dimension.categories.first(where: { $0.id == entry.category }) else { continue }
                do {
                    hypotheses.append(try weigh(category: category, in: dimension, rules: entry.outcome.membership,
                                                classification: classification, options: options))
                } catch .contradictoryCertainties(let what) {
                    // Only this category's posterior is undefined; the case's other categories stand.
                    unweighable.append(Unweighable(dimension: dimension.id, category: category.id,
                                                   prior: try chosenPrior(for: category, options: options).0, rules: entry.outcome.membership,
                                                   reason: "\(WeighingError.contradictoryCertainties(what))"))
                }
            }
        }
        var out = CaseWeighing(caseId: classification.caseId, hypotheses: hypotheses)
        out.unweighable = unweighable
        return out
    }

    /// The caller's prior for this category, else the caller's prior for all, else the codebook's,
    /// else 1/2 (uniform over member and not member); and where it came from.
    static func chosenPrior(for category: Category, options: Options) throws(WeighingError) -> (Double, String) {
        let (prior, source): (Double, String) = if let given = options.priors[category.id] {
            (given, options.priorSource)
        } else if let all = options.priorForAll {
            (all, options.priorSource)
        } else if let codebook = category.prior {
            (codebook, "codebook")
        } else {
            (0.5, "uniform (member or not, 1/2 each)")
        }
        _ = try Weighing.priorLogOdds(prior, what: "the prior of \(category.id)")
        return (prior, source)
    }

    /// The likelihoods of evidence for `criterion` bearing on `category`, and their source; nil when
    /// the criterion does not bear on it or nothing says how strongly.
    public static func likelihood(of criterion: Criterion, for category: Category,
                                  in dimension: Dimension) -> (Likelihood, WeighedItem.LikelihoodSource)? {
        if let given = criterion.likelihoods[category.id] { return (given, .codebook) }
        guard let test = criterion.test, bears(criterion, on: category, in: dimension) else { return nil }
        return (DefaultLikelihoods.likelihood(for: test), .testDefault)
    }

    /// Whether a criterion speaks for a category by the codebook's structure: named (not negated) in
    /// its rule, or a sign no rule names whose id prefix is the category id.
    public static func bears(_ criterion: Criterion, on category: Category, in dimension: Dimension) -> Bool {
        let (positive, negative) = occurrences(in: category.rule)
        if positive.contains(criterion.id) { return true }
        if negative.contains(criterion.id) { return false }
        let namedAnywhere = dimension.categories.contains { $0.rule.criterionIDs.contains(criterion.id) }
        let prefix = criterion.id.split(separator: ".", maxSplits: 1).first.map(String.init)
        return !namedAnywhere && prefix == category.id
    }

    /// Criterion ids a rule names outside and inside an odd number of negations.
    static func occurrences(in rule: Rule, negated: Bool = false) -> (Set<String>, Set<String>) {
        switch rule {
        case .criterion(let id): return negated ? ([], [id]) : ([id], [])
        case .category: return ([], [])
        case .not(let part): return occurrences(in: part, negated: !negated)
        case .all(let parts), .any(let parts), .atLeast(_, let parts):
            return parts.reduce(into: (Set<String>(), Set<String>())) { acc, part in
                let (p, n) = occurrences(in: part, negated: negated)
                acc.0.formUnion(p)
                acc.1.formUnion(n)
            }
        }
    }

    static func basisText(_ unit: UnitResolution) -> String {
        switch unit.basis {
        case .agreement(let coders): "agreement of \(coders.joined(separator: ", "))"
        case .adjudication(let a): "adjudicated by \(a.adjudicator)"
        case .open: "open"
        }
    }

    static func weigh(category: Category, in dimension: Dimension, rules: Membership,
                      classification: CaseClassification, options: Options) throws(WeighingError) -> HypothesisWeighing {
        let (prior, priorSource) = try chosenPrior(for: category, options: options)
        let priorLogOdds = try Weighing.priorLogOdds(prior, what: "the prior of \(category.id)")
        var items: [WeighedItem] = []
        var keys: [String] = []
        var reasons: [String?] = []
        var unweighed: [HypothesisWeighing.Unweighed] = []
        for criterion in dimension.criteria {
            let resolution = classification.criteria.first { $0.criterion == criterion.id }
            guard let (likelihood, source) = likelihood(of: criterion, for: category, in: dimension) else {
                if bears(criterion, on: category, in: dimension), let r = resolution, r.status != .notFound {
                    unweighed.append(.init(criterion: criterion.id, passageId: nil,
                                           reason: "no likelihoods and no test in the codebook: adds nothing"))
                }
                continue
            }
            let found = try EvidenceLikelihood(ifTrue: likelihood.ifMember, ifFalse: likelihood.ifNotMember)
            func add(_ e: EvidenceLikelihood, passage: Int64?, reading: WeighedItem.Reading, basis: String) throws(WeighingError) {
                let w = try e.decibans
                items.append(WeighedItem(criterion: criterion.id, passageId: passage, reading: reading, test: criterion.test,
                                         likelihoodSource: source, ifMember: e.ifTrue, ifNotMember: e.ifFalse, weight: w,
                                         counted: w, runningLogOdds: 0, basis: basis))
                if let passage {
                    let fact = options.sameFacts[passage]
                    keys.append("p\(fact?.representative ?? passage)")
                    reasons.append(fact?.reason)
                } else {
                    keys.append("absence:\(criterion.id)")
                    reasons.append(nil)
                }
            }
            guard let resolution else { continue }
            for unit in resolution.units {
                switch unit.standing {
                case .supports?: try add(found, passage: unit.unit.passageId, reading: .supports, basis: basisText(unit))
                case .contradicts?: try add(found.absence, passage: unit.unit.passageId, reading: .contradicts, basis: basisText(unit))
                case .untagged?: break
                case nil:
                    if unit.values.values.contains(where: { $0 != .untagged }) {
                        unweighed.append(.init(criterion: criterion.id, passageId: unit.unit.passageId,
                                               reason: "coders disagree and nobody has adjudicated: not weighed until decided"))
                    }
                }
            }
            if let search = resolution.inferredFrom, resolution.status == .refuted {
                try add(found.absence, passage: nil, reading: .absentAfterSearch,
                        basis: "not found after a full search (\(search.summary)); the codebook counts its absence as evidence")
            } else if resolution.status == .notFound {
                unweighed.append(.init(criterion: criterion.id, passageId: nil,
                                       reason: criterion.absenceIsEvidence
                                           ? "not found, and no full search recorded (`dossier case coverage`): unknown, adds nothing"
                                           : HypothesisWeighing.Unweighed.notFound))
            }
        }
        // One fact, one count: within each group the item with the largest weight counts.
        var groups: [String: [Int]] = [:]
        for (i, key) in keys.enumerated() { groups[key, default: []].append(i) }
        for (_, members) in groups where members.count > 1 {
            let keep = members.max { abs(items[$0].weight) < abs(items[$1].weight) || (abs(items[$0].weight) == abs(items[$1].weight) && $0 > $1) }!
            for i in members where i != keep {
                items[i].counted = 0
                items[i].countedOnceWith = keep
                let samePassage = items[i].passageId == items[keep].passageId
                items[i].sameFact = samePassage
                    ? "the same passage, counted once with \(items[keep].criterion)"
                    : "same fact as passage \(items[keep].passageId.map(String.init) ?? "?") (\(reasons[i] ?? reasons[keep] ?? "marked as one"))"
            }
        }
        // A likelihood of 0 on each side (one item impossible for members, another for non-members):
        // the evidence as coded is impossible under these likelihoods and the posterior is 0/0.
        let certain = items.indices.filter { items[$0].counted == .infinity }
        let ruledOut = items.indices.filter { items[$0].counted == -.infinity }
        if let a = certain.first, let b = ruledOut.first {
            func name(_ i: Int) -> String {
                "item \(i + 1) (\(items[i].criterion) \(items[i].reading.rawValue.replacingOccurrences(of: "_", with: " "))\(items[i].passageId.map { ", passage \($0)" } ?? ""), \(items[i].ifMember)/\(items[i].ifNotMember))"
            }
            throw .contradictoryCertainties("\(category.id): \(name(a)) is impossible for a non-member and \(name(b)) impossible for a member, so the posterior is undefined (0/0)")
        }
        let running = try Weighing.runningLogOdds(prior: prior, weights: items.map(\.counted))
        for i in items.indices { items[i].runningLogOdds = running[i] }
        let posteriorLogOdds = running.last ?? priorLogOdds
        let posterior = Weighing.probability(logOdds: posteriorLogOdds)
        let leaning = Leaning(posterior: posterior)
        let sensitivity = try Sensitivity(prior: prior, weights: items.map(\.counted), grid: options.grid,
                                          dampingFactor: options.dampingFactor)
        return HypothesisWeighing(
            dimension: dimension.id, category: category.id, prior: prior,
            priorSource: priorSource,
            priorLogOdds: priorLogOdds, items: items, unweighed: unweighed, posteriorLogOdds: posteriorLogOdds,
            posterior: posterior, leaning: leaning, rules: rules,
            comparison: HypothesisWeighing.compare(rules: rules, leaning: leaning), sensitivity: sensitivity)
    }

    /// Each coder's own view: the case weighed from that coder's codings alone, before any
    /// adjudication (issue 18, "Each coder's view"). Keys are coder handles.
    public static func coderViews(codebook: Codebook, codings: [CoderUnitCoding], cases: [String],
                                  subjects: [String: SubjectKind] = [:], coverage: [String: [CaseCoverage]] = [:],
                                  options: Options = Options()) throws -> [String: [CaseWeighing]] {
        var out: [String: [CaseWeighing]] = [:]
        for coder in Set(codings.map(\.coder)).sorted() {
            let mine = codings.filter { $0.coder == coder }
            let classified = try CaseClassification.classify(codebook: codebook, codings: mine, cases: cases,
                                                             subjects: subjects, coverage: coverage)
            out[coder] = try classified.map { try weigh($0, codebook: codebook, options: options) }
        }
        return out
    }
}
