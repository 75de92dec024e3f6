/// The bootstrap of alpha by Hayes & Krippendorff (2007), as in Hayes' KALPHA macro (v3.0, 2011) and
/// Krippendorff's "Algorithm for bootstrapping a distribution of α" (2006, rev. 2011):
///
/// 1. Pairs of values c–k are drawn with replacement with probabilities o_cc/n.. (diagonal) and
///    2·o_ck/n.. (c < k) from the observed coincidence matrix.
/// 2. Each replicate draws M = min(25·Q, (m − 1)·n.. / 2) pairs, where Q is the number of non-empty cells of
///    the coincidence matrix and m the number of coders, and sets α* = 1 − Σ δ²/(M · D_e), keeping the
///    observed D_e. α* below −1 is set to −1; α* = 1 when only one category is on the diagonal is set to 0.
/// 3. As in KALPHA, up to round(X · Σ_c (o_cc/n..)^P) replicates with α* = 1 are set to 0 (P is the number
///    of pairs of values in the data), correcting for samples that could not have varied.
/// 4. The 95% interval is the (⌊.025·X⌋)-th and (⌊.975·X⌋ + 1)-th sorted replicates (1-based, clamped), and
///    q(α_min) is the share of replicates below α_min: the probability of failing to reach α_min.
///
/// Each replicate costs O(M log Q), independent of the number of units. Reproducible from `seed` (SplitMix64).
public struct AlphaBootstrap: Sendable {
    /// Probability that alpha falls below a chosen minimum.
    public struct Tail: Sendable, Equatable {
        /// The minimum acceptable alpha, e.g. 0.667 or 0.800.
        public let minimum: Double
        /// Share of bootstrap replicates below `minimum`.
        public let probability: Double
    }

    /// Number of replicates X.
    public let replicates: Int
    /// Seed of the generator.
    public let seed: UInt64
    /// Number of pairs M drawn per replicate.
    public let drawsPerReplicate: Int
    /// Lower limit of the 95% interval.
    public let ciLow: Double
    /// Upper limit of the 95% interval.
    public let ciHigh: Double
    /// Probability of failing to reach each minimum.
    public let tails: [Tail]
    /// Mean of the replicates.
    public let mean: Double

    /// Runs the bootstrap; nil when alpha is undefined or `replicates` < 1.
    public init?(_ alpha: KrippendorffAlpha, replicates: Int, seed: UInt64, minimums: [Double] = [0.667, 0.8]) {
        guard alpha.value != nil, replicates >= 1 else { return nil }
        let cm = alpha.coincidences
        let q = cm.categories.count
        let n = cm.pairableValues
        var cumulative: [Double] = []
        var deltas: [Double] = []
        var total = 0.0
        var nonZeroCells = 0
        var diagonalCategories = 0
        var allSame = 0.0
        for c in 0..<q {
            if cm[c, c] > 0 {
                diagonalCategories += 1
                // (o_cc / n)^P underflows to 0 for large data, as it should.
                allSame += pow(cm[c, c] / n, cm.pairCount)
            }
            for k in c..<q {
                if cm[c, k] > 0 { nonZeroCells += c == k ? 1 : 2 }
                let p = (c == k ? cm[c, c] : 2 * cm[c, k]) / n
                if p > 0 {
                    total += p
                    cumulative.append(total)
                    deltas.append(alpha.delta[c * q + k])
                }
            }
        }
        let m = Double(alpha.coderCount)
        let draws = max(1, Int(min(25 * Double(nonZeroCells), ((m - 1) * n / 2).rounded(.down))))
        let de = alpha.expectedDisagreement
        var rng = SplitMix64(seed: seed)
        var samples = [Double](repeating: 0, count: replicates)
        var ones = 0
        let last = cumulative.count - 1
        for x in 0..<replicates {
            var sum = 0.0
            for _ in 0..<draws {
                let r = rng.nextUnit() * total
                var lo = 0, hi = last
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if cumulative[mid] > r { hi = mid } else { lo = mid + 1 }
                }
                sum += deltas[lo]
            }
            var a = 1 - sum / (de * Double(draws))
            if a < -1 { a = -1 }
            if a == 1 {
                if diagonalCategories == 1 { a = 0 } else { ones += 1 }
            }
            samples[x] = a
        }
        let expectedOnes = Int((Double(replicates) * allSame).rounded())
        if expectedOnes > 0, diagonalCategories > 1 {
            var toReset = min(expectedOnes, ones)
            for i in samples.indices where toReset > 0 && samples[i] == 1 {
                samples[i] = 0; toReset -= 1
            }
        }
        samples.sort()
        let lowIndex = min(max(Int(0.025 * Double(replicates)) - 1, 0), replicates - 1)
        let highIndex = min(max(Int(0.975 * Double(replicates)), 0), replicates - 1)
        self.replicates = replicates
        self.seed = seed
        self.drawsPerReplicate = draws
        self.ciLow = samples[lowIndex]
        self.ciHigh = samples[highIndex]
        self.mean = samples.reduce(0, +) / Double(replicates)
        self.tails = minimums.map { minimum in
            // samples are sorted: count those below the minimum.
            var lo = 0, hi = samples.count
            while lo < hi { let mid = (lo + hi) / 2; if samples[mid] < minimum { lo = mid + 1 } else { hi = mid } }
            return Tail(minimum: minimum, probability: Double(lo) / Double(replicates))
        }
    }

    /// The probability of failing to reach `minimum`, if it was asked for.
    public func probabilityBelow(_ minimum: Double) -> Double? {
        tails.first { abs($0.minimum - minimum) < 1e-12 }?.probability
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif
