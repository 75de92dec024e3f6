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
        var decisive: [Int] = []
        for i in weights.indices where weights[i] != 0 {
            var rest = weights
            rest.remove(at: i)
            if Leaning(posterior: try Weighing.posterior(prior: prior, weights: rest)) != lean { decisive.append(i) }
        }
        decisiveItems = decisive
    }
}
