/// How far a binary posterior depends on the choices behind it (Fairfield & Charman 2022 ask
/// for exactly this: report how conclusions change over a range of reasonable priors and
/// likelihoods): the posterior over a grid of priors, the posterior with every weight moved toward
/// 0 dB by a stated factor, and the items whose removal alone would change which way it leans.
public struct Sensitivity: Sendable, Hashable, Codable {
    /// One prior of the grid and the posterior it gives.
    public struct Point: Sendable, Hashable, Codable {
        public var prior: Double
        public var posterior: Double
    }

    /// The priors 0.1, 0.2, … 0.9.
    public static let defaultGrid: [Double] = (1...9).map { Double($0) / 10 }

    /// The prior the weighing used, and which way its posterior leans.
    public var prior: Double
    public var leaning: Leaning
    /// The posterior at each prior of the grid, same weights.
    public var grid: [Point]
    /// True when every prior of the grid leans the same way as the chosen prior (never when it is even).
    public var survivesPriorGrid: Bool
    /// Every weight divided by this (likelihood ratios moved toward 1: the ratio's factor-th root).
    public var dampingFactor: Double
    /// The posterior at the chosen prior with damped weights.
    public var dampedPosterior: Double
    /// True when the damped posterior leans the same way.
    public var survivesDamping: Bool
    /// Positions (0-based, in the order given) of the items whose removal alone changes the leaning.
    public var decisiveItems: [Int]

    /// - Parameters:
    ///   - prior: The prior of the weighing, strictly between 0 and 1.
    ///   - weights: Each item's weight in decibans (0 for items that count for nothing).
    ///   - grid: Priors to try (each strictly between 0 and 1).
    ///   - dampingFactor: At least 1.
    public init(prior: Double, weights: [Double], grid: [Double] = Sensitivity.defaultGrid,
                dampingFactor: Double = 2) throws(WeighingError) {
        self.prior = prior
        let posterior = try Weighing.posterior(prior: prior, weights: weights)
        leaning = Leaning(posterior: posterior)
        var points: [Point] = []
        for p in grid { points.append(Point(prior: p, posterior: try Weighing.posterior(prior: p, weights: weights))) }
        self.grid = points
        let lean = leaning
        survivesPriorGrid = lean != .even && points.allSatisfy { Leaning(posterior: $0.posterior) == lean }
        self.dampingFactor = dampingFactor
        var damped: [Double] = []
        for w in weights { damped.append(try Weighing.damped(w, by: dampingFactor)) }
        dampedPosterior = try Weighing.posterior(prior: prior, weights: damped)
        survivesDamping = lean != .even && Leaning(posterior: dampedPosterior) == lean
        decisiveItems = try Self.decisiveItems(prior: prior, weights: weights, leaning: lean)
    }

    /// The items whose removal alone changes the leaning, in one pass over the weights plus one
    /// re-summation per near tie, so a case with tens of thousands of items costs linear time (it
    /// was one full re-summation per item, quadratic).
    ///
    /// Without item `i` the log-odds are the total less `w_i` (the finite total when `w_i` is the
    /// only infinite weight; still infinite when another infinite weight remains). Only where that
    /// difference lies within rounding of 0 dB could the order of summation decide the leaning, so
    /// there the rest is summed as before, item by item, and that sum decides.
    static func decisiveItems(prior: Double, weights: [Double], leaning lean: Leaning) throws(WeighingError) -> [Int] {
        let priorLogOdds = try Weighing.priorLogOdds(prior)
        var finite = priorLogOdds, magnitude = abs(priorLogOdds)
        var plus = 0, minus = 0
        for w in weights {
            if w == .infinity { plus += 1 } else if w == -.infinity { minus += 1 } else { finite += w; magnitude += abs(w) }
        }
        if plus > 0 && minus > 0 { throw .contradictoryCertainties("the weights") }
        // Rounding in a sum of n terms stays far below n·ulp(Σ|w|); anything closer to 0 is re-summed.
        let tolerance = Double(weights.count + 2) * magnitude.ulp * 16
        var decisive: [Int] = []
        for i in weights.indices where weights[i] != 0 {
            let w = weights[i]
            let rest: Double
            if w.isInfinite {
                rest = (w > 0 ? plus : minus) > 1 ? w : finite
            } else if plus > 0 || minus > 0 {
                rest = plus > 0 ? .infinity : -.infinity
            } else {
                rest = finite - w
            }
            let leaningWithout: Leaning
            if rest.isFinite && abs(rest) <= tolerance {
                var others = weights
                others.remove(at: i)
                leaningWithout = Leaning(posterior: try Weighing.posterior(prior: prior, weights: others))
            } else {
                leaningWithout = Leaning(posterior: Weighing.probability(logOdds: rest))
            }
            if leaningWithout != lean { decisive.append(i) }
        }
        return decisive
    }
}
