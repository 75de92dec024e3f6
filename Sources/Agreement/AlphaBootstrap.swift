#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// The sampling distribution of Krippendorff's alpha by the bootstrap, its 95% interval, and the
/// probability of failing to reach a minimum alpha.
///
/// **Default: resample units** (``Method/units``). The pairable units (units with two or more values) are
/// drawn with replacement, each with all its values, as many as the data hold; each replicate's alpha is
/// recomputed from scratch, its expected disagreement (and, at the ordinal level, its metric) included.
/// Units are what a reliability sample samples, so they are what the bootstrap resamples (Efron &
/// Tibshirani 1993, ch. 6; Zapf et al. 2016, BMC Medical Research Methodology 16:93, who find good coverage
/// for this scheme). A replicate in which alpha is undefined (every resampled value in one category) is
/// dropped and counted in ``droppedReplicates``.
///
/// **Intervals.** ``Interval/percentile`` (default): the 2.5% and 97.5% quantiles of the valid replicates,
/// interpolated linearly between order statistics (Hyndman & Fan 1996 type 7, numpy's default).
/// ``Interval/bca``: Efron's (1987) bias-corrected and accelerated interval, bias z₀ = Φ⁻¹(share of
/// replicates below α̂, ties counted half) and acceleration from the jackknife over units
/// (Efron & Tibshirani 1993, §14.3, eq. 14.15).
///
/// **KALPHA** (``Method/kalpha``) reproduces Hayes' KALPHA macro (Hayes & Krippendorff 2007; Krippendorff's
/// "Algorithm for bootstrapping a distribution of α", rev. 2011) for anyone replicating published output:
/// pairs of values are drawn from the observed coincidence matrix with the expected disagreement held fixed,
/// M = min(25·Q, (m − 1)·n../2) pairs per replicate, replicates below −1 set to −1, α* = 1 with a single
/// diagonal category set to 0, up to round(X·Σ_c (o_cc/n..)^P) replicates of 1 reset to 0, and the interval
/// read at the (⌊.025X⌋)-th and (⌊.975X⌋ + 1)-th sorted replicates. It is known to give intervals that are too
/// narrow on small samples and too wide on large ones (Zapf et al. 2016); use it only to compare with KALPHA.
///
/// **Tails.** P(α < α_min) is the share of valid replicates below α_min. It is not reported when the data
/// hold no disagreement at all: every resample then agrees perfectly, and a probability would only restate that.
///
/// Reproducible from `seed` (SplitMix64). A unit's contribution to alpha depends only on its pattern (the
/// multiset of values it holds), so a replicate is summarised by how often each pattern was drawn; with many
/// units per pattern those counts are drawn at once as a multinomial (exactly the same distribution as drawing
/// the units one by one), which costs O(patterns) per replicate instead of O(units) — see `unitReplicates`.
public struct AlphaBootstrap: Sendable {
    /// What is resampled.
    public enum Method: String, CaseIterable, Sendable {
        /// Units with their values (default).
        case units
        /// Pairs of values from the coincidence matrix, as Hayes' KALPHA macro does.
        case kalpha
    }

    /// How the interval is read from the replicates.
    public enum Interval: String, CaseIterable, Sendable {
        /// Quantiles of the replicates (default).
        case percentile
        /// Bias-corrected and accelerated (Efron 1987).
        case bca
        /// KALPHA's order statistics (only with ``Method/kalpha``).
        case kalpha
    }

    /// What to run.
    public struct Options: Sendable, Equatable {
        /// Number of replicates.
        public var replicates = 1000
        /// Seed of the generator.
        public var seed: UInt64 = 1
        /// What is resampled.
        public var method: Method = .units
        /// How the interval is read (ignored for ``Method/kalpha``, which uses KALPHA's own reading).
        public var interval: Interval = .percentile
        /// Minimum alphas whose shortfall probability is reported.
        public var minimums: [Double] = [0.667, 0.8]
        /// Coverage of the interval.
        public var confidence = 0.95

        public init(replicates: Int = 1000, seed: UInt64 = 1, method: Method = .units, interval: Interval = .percentile,
                    minimums: [Double] = [0.667, 0.8], confidence: Double = 0.95) {
            self.replicates = replicates
            self.seed = seed
            self.method = method
            self.interval = interval
            self.minimums = minimums
            self.confidence = confidence
        }
    }

    /// Probability that alpha falls below a chosen minimum.
    public struct Tail: Sendable, Equatable {
        /// The minimum acceptable alpha, e.g. 0.667 or 0.800.
        public let minimum: Double
        /// Share of valid bootstrap replicates below `minimum`.
        public let probability: Double
    }

    /// The options used.
    public let options: Options
    /// Number of replicates run.
    public var replicates: Int { options.replicates }
    /// Seed of the generator.
    public var seed: UInt64 { options.seed }
    /// Replicates in which alpha was defined (and that the interval uses).
    public let validReplicates: Int
    /// Replicates dropped because alpha was undefined in them.
    public var droppedReplicates: Int { options.replicates - validReplicates }
    /// Units drawn per replicate (unit bootstrap) or pairs of values drawn (KALPHA's M).
    public let drawsPerReplicate: Int
    /// How the interval was actually read: BCa falls back to percentile when it cannot be computed (see ``note``).
    public let intervalMethod: Interval
    /// Lower limit of the interval.
    public let ciLow: Double
    /// Upper limit of the interval.
    public let ciHigh: Double
    /// Probability of failing to reach each minimum; empty when ``tailsOmittedReason`` says why.
    public let tails: [Tail]
    /// Why no shortfall probabilities are given (no disagreement at all).
    public let tailsOmittedReason: String?
    /// Mean of the valid replicates.
    public let mean: Double
    /// BCa's bias correction z₀, when BCa was used.
    public let biasCorrection: Double?
    /// BCa's acceleration a, when BCa was used.
    public let acceleration: Double?
    /// A caveat in plain words (e.g. BCa not computable), or nil.
    public let note: String?

    /// Runs the bootstrap for `alpha` (on the data it was computed from); nil when alpha is undefined,
    /// fewer than one replicate is asked for, or no replicate is valid.
    public init?(_ alpha: KrippendorffAlpha, options: Options = Options()) {
        guard let value = alpha.value, options.replicates >= 1 else { return nil }
        self.options = options
        var samples: [Double]
        var intervalUsed = options.method == .kalpha ? Interval.kalpha : options.interval
        var z0: Double? = nil, accel: Double? = nil, note: String? = nil
        switch options.method {
        case .kalpha:
            let k = Self.kalphaReplicates(alpha, replicates: options.replicates, seed: options.seed)
            samples = k.samples
            drawsPerReplicate = k.draws
        case .units:
            let units = alpha.pairableUnits
            samples = Self.unitReplicates(units, replicates: options.replicates, seed: options.seed)
            drawsPerReplicate = units.unitCount
            if options.interval == .bca {
                let j = Self.jackknife(units)
                if let a = j.acceleration {
                    accel = a
                } else {
                    note = j.reason
                }
            }
        }
        guard !samples.isEmpty else { return nil }
        samples.sort()
        validReplicates = samples.count
        let b = Double(samples.count)
        mean = samples.reduce(0, +) / b
        let tailProbability = (1 - options.confidence) / 2
        if intervalUsed == .bca {
            let below = Double(Self.countBelow(samples, value))
            let equal = Double(Self.countBelow(samples, value.nextUp)) - below
            let share = (below + equal / 2) / b
            if let a = accel, share > 0, share < 1 {
                z0 = StandardNormal.quantile(share)
                accel = a
            } else {
                if accel != nil {
                    note = "BCa interval not computable: every replicate lies on one side of alpha, so the bias correction is infinite; percentile interval given"
                }
                intervalUsed = .percentile
            }
        }
        switch intervalUsed {
        case .kalpha:
            let x = options.replicates, last = samples.count - 1
            ciLow = samples[min(max(Int(tailProbability * Double(x)) - 1, 0), last)]
            ciHigh = samples[min(max(Int((1 - tailProbability) * Double(x)), 0), last)]
        case .bca:
            let z = z0!, a = accel!
            func adjusted(_ p: Double) -> Double {
                let zp = StandardNormal.quantile(p)
                return StandardNormal.cdf(z + (z + zp) / (1 - a * (z + zp)))
            }
            ciLow = Self.quantile(samples, adjusted(tailProbability))
            ciHigh = Self.quantile(samples, adjusted(1 - tailProbability))
        case .percentile:
            ciLow = Self.quantile(samples, tailProbability)
            ciHigh = Self.quantile(samples, 1 - tailProbability)
        }
        intervalMethod = intervalUsed
        biasCorrection = intervalUsed == .bca ? z0 : nil
        acceleration = intervalUsed == .bca ? accel : nil
        self.note = note
        if alpha.observedDisagreement == 0 {
            tails = []
            tailsOmittedReason = "the coders never disagree, so every resample agrees perfectly; a probability of falling short would only restate that"
        } else {
            tails = options.minimums.map { Tail(minimum: $0, probability: Double(Self.countBelow(samples, $0)) / b) }
            tailsOmittedReason = nil
        }
    }

    /// Runs the default bootstrap (units, percentile) with `replicates` replicates.
    public init?(_ alpha: KrippendorffAlpha, replicates: Int, seed: UInt64, minimums: [Double] = [0.667, 0.8]) {
        self.init(alpha, options: Options(replicates: replicates, seed: seed, minimums: minimums))
    }

    /// The probability of failing to reach `minimum`, if it was asked for and is reported.
    public func probabilityBelow(_ minimum: Double) -> Double? {
        tails.first { abs($0.minimum - minimum) < 1e-12 }?.probability
    }

    // MARK: unit bootstrap

    /// Alpha of each replicate that defines it.
    ///
    /// A resample of units touches alpha only through how many units of each pattern it holds, so a replicate
    /// is fully described by those counts, which are Multinomial(n; f₁/n … f_k/n) for n units with pattern
    /// frequencies f. When there are many units per pattern (``drawsPatternCounts(_:)``) the counts are drawn
    /// directly, by conditional binomials (``BinomialVariate``): O(k) per replicate instead of O(n), with the
    /// same distribution as drawing the units one by one, exactly. Otherwise replicate x draws n unit indices
    /// uniformly with SplitMix64 (multiply-shift bounding, Lemire 2019; bias below units/2⁶⁴) and counts their
    /// patterns. Either way the seed determines every replicate.
    static func unitReplicates(_ units: PairableUnits, replicates: Int, seed: UInt64) -> [Double] {
        var rng = SplitMix64(seed: seed)
        let n = units.unitCount
        let bound = UInt64(n)
        let patternCounts = drawsPatternCounts(units)
        var weights = [Double](repeating: 0, count: units.patternCount)
        var counts = [Int](repeating: 0, count: units.patternCount)
        var samples: [Double] = []
        samples.reserveCapacity(replicates)
        units.patternOfUnit.withUnsafeBufferPointer { pattern in
            units.frequency.withUnsafeBufferPointer { frequency in
                for _ in 0..<replicates {
                    counts.withUnsafeMutableBufferPointer { c in
                        if patternCounts {
                            BinomialVariate.multinomial(trials: n, frequencies: frequency, into: c, using: &rng)
                        } else {
                            for i in c.indices { c[i] = 0 }
                            for _ in 0..<n {
                                let u = Int(rng.next().multipliedFullWidth(by: bound).high)
                                c[Int(pattern[u])] += 1
                            }
                        }
                    }
                    for p in 0..<counts.count { weights[p] = Double(counts[p]) }
                    if let a = units.alpha(weights: weights) { samples.append(a) }
                }
            }
        }
        return samples
    }

    /// Whether a replicate's pattern counts are drawn as one multinomial rather than unit by unit: when there
    /// are at least 64 units per pattern. One binomial variate costs about as much as 20 to 40 uniform unit
    /// draws (timed in a release build), so with fewer units per pattern the multinomial gains little, and the
    /// unit-by-unit draw, whose stream earlier results were computed with, is kept. Both give the same
    /// distribution; only the stream of a given seed differs.
    static func drawsPatternCounts(_ units: PairableUnits) -> Bool {
        units.unitCount >= 64 * units.patternCount
    }

    /// Alpha for one resample given as unit indices (into the pairable units, in data order); nil when
    /// undefined. Lets an independent implementation be checked on the very same resamples.
    static func alpha(_ units: PairableUnits, resample: [Int]) -> Double? {
        var weights = [Double](repeating: 0, count: units.patternCount)
        for u in resample { weights[Int(units.patternOfUnit[u])] += 1 }
        return units.alpha(weights: weights)
    }

    /// The jackknife over units: alpha with each pairable unit left out, and BCa's acceleration
    /// a = Σ (θ̄ − θ₍ᵢ₎)³ / (6 (Σ (θ̄ − θ₍ᵢ₎)²)^{3/2}) (Efron & Tibshirani 1993, eq. 14.15).
    static func jackknife(_ units: PairableUnits) -> (values: [Double?], acceleration: Double?, reason: String?) {
        var weights = units.observedWeights
        var perPattern = [Double?](repeating: nil, count: units.patternCount)
        for p in 0..<units.patternCount {
            weights[p] -= 1
            perPattern[p] = units.alpha(weights: weights)
            weights[p] += 1
        }
        let values = units.patternOfUnit.map { perPattern[Int($0)] }
        guard perPattern.allSatisfy({ $0 != nil }) else {
            return (values, nil, "BCa interval not computable: leaving some unit out makes alpha undefined; percentile interval given")
        }
        let n = Double(units.unitCount)
        var mean = 0.0
        for p in 0..<units.patternCount { mean += Double(units.frequency[p]) * perPattern[p]! }
        mean /= n
        var s2 = 0.0, s3 = 0.0
        for p in 0..<units.patternCount {
            let d = mean - perPattern[p]!, f = Double(units.frequency[p])
            s2 += f * d * d
            s3 += f * d * d * d
        }
        guard s2 > 0 else {
            return (values, nil, "BCa interval not computable: alpha does not change when any one unit is left out; percentile interval given")
        }
        return (values, s3 / (6 * pow(s2, 1.5)), nil)
    }

    // MARK: helpers

    /// Number of sorted samples strictly below x.
    static func countBelow(_ sorted: [Double], _ x: Double) -> Int {
        var lo = 0, hi = sorted.count
        while lo < hi { let mid = (lo + hi) / 2; if sorted[mid] < x { lo = mid + 1 } else { hi = mid } }
        return lo
    }

    /// The p-quantile of sorted samples, linear between order statistics (Hyndman & Fan type 7).
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let h = Double(sorted.count - 1) * min(max(p, 0), 1)
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }

    // MARK: KALPHA

    /// Hayes' KALPHA resampling of pairs of values (see the type's documentation), unsorted.
    static func kalphaReplicates(_ alpha: KrippendorffAlpha, replicates: Int, seed: UInt64) -> (samples: [Double], draws: Int) {
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
        return (samples, draws)
    }
}
