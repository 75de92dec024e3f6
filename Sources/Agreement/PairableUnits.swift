#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// The pairable units of reliability data (units with two or more values), grouped by their pattern of
/// values, so that alpha can be recomputed for any reweighting of the units: a bootstrap resample
/// (weights = how often each unit was drawn) or a jackknife (one unit left out).
///
/// A unit's pattern is its multiset of values (how many values of each category it holds); units with the
/// same pattern contribute identically to the coincidence matrix, so the work per recomputation grows with
/// the number of distinct patterns, not the number of units. Alpha for weights w is computed exactly as
/// ``KrippendorffAlpha`` computes it for the data the weights describe, expected disagreement included
/// (and, at the ordinal level, the metric, which depends on the marginals).
struct PairableUnits: Sendable {
    let level: MeasurementLevel
    let categoryCount: Int
    let positions: [Double]
    /// Pattern of each pairable unit, in data order.
    let patternOfUnit: [Int32]
    /// Index of each pairable unit in the data.
    let unitIndex: [Int]
    /// Number of pairable units with each pattern.
    let frequency: [Int]
    /// Pattern p's categories and counts: `entryCategory[entryStart[p]..<entryStart[p + 1]]`.
    let entryStart: [Int]
    let entryCategory: [Int]
    let entryCount: [Double]
    /// m_p − 1 for each pattern: the unit's values minus one.
    let pairDivisor: [Double]
    /// Σ_ck o^p_ck δ²_ck with the data's metric (all levels but ordinal, whose metric moves with the marginals).
    let fixedDisagreement: [Double]
    /// The data's metric (row-major q×q); recomputed per weighting at the ordinal level.
    let delta: [Double]

    var patternCount: Int { frequency.count }
    var unitCount: Int { patternOfUnit.count }

    init(_ data: ReliabilityData, level: MeasurementLevel, delta: [Double]) {
        let q = data.categoryCount, m = data.coderCount
        self.level = level
        categoryCount = q
        // Interval sums use positions shifted to their mean: the metric is unchanged and the
        // closed form for expected disagreement loses no precision to cancellation.
        let raw = data.categoryPositions
        let shift = level == .interval && !raw.isEmpty ? raw.reduce(0, +) / Double(raw.count) : 0
        positions = raw.map { $0 - shift }
        self.delta = delta
        // A unit's pattern is packed into one integer (counts in base m + 1) when that fits, which avoids
        // an array allocation per unit; otherwise the counts themselves are the key.
        var packedIndex: [Int: Int32] = [:]
        var index: [[Int32]: Int32] = [:]
        let base = Double(m + 1)
        let packable = pow(base, Double(q)) < 9.0e18
        var patternOfUnit: [Int32] = [], unitIndex: [Int] = []
        var frequency: [Int] = [], entryStart = [0], entryCategory: [Int] = [], entryCount: [Double] = []
        var pairDivisor: [Double] = []
        var counts = [Int32](repeating: 0, count: q)
        for u in 0..<data.unitCount {
            var ni = 0
            for g in 0..<m { let c = Int(data.codes[u * m + g]); if c >= 0 { counts[c] += 1; ni += 1 } }
            defer { for k in 0..<q { counts[k] = 0 } }
            guard ni >= 2 else { continue }
            var packed = 0
            if packable { for k in stride(from: q - 1, through: 0, by: -1) { packed = packed * (m + 1) + Int(counts[k]) } }
            let p: Int32
            if let known = packable ? packedIndex[packed] : index[counts] {
                p = known
            } else {
                p = Int32(frequency.count)
                if packable { packedIndex[packed] = p } else { index[counts] = p }
                frequency.append(0)
                for k in 0..<q where counts[k] > 0 { entryCategory.append(k); entryCount.append(Double(counts[k])) }
                entryStart.append(entryCategory.count)
                pairDivisor.append(Double(ni - 1))
            }
            frequency[Int(p)] += 1
            patternOfUnit.append(p)
            unitIndex.append(u)
        }
        self.patternOfUnit = patternOfUnit
        self.unitIndex = unitIndex
        self.frequency = frequency
        self.entryStart = entryStart
        self.entryCategory = entryCategory
        self.entryCount = entryCount
        self.pairDivisor = pairDivisor
        var fixed = [Double](repeating: 0, count: frequency.count)
        for p in 0..<frequency.count {
            fixed[p] = Self.observed(p, delta: delta, q: q, start: entryStart, cat: entryCategory, count: entryCount, divisor: pairDivisor)
        }
        fixedDisagreement = fixed
    }

    /// Σ_ck o^p_ck δ²_ck for pattern p: o^p_ck = n_c (n_k − [c = k]) / (m_p − 1).
    @inline(__always)
    private static func observed(_ p: Int, delta: [Double], q: Int, start: [Int], cat: [Int], count: [Double], divisor: [Double]) -> Double {
        var s = 0.0
        for a in start[p]..<start[p + 1] {
            for b in start[p]..<start[p + 1] where a != b {
                s += count[a] * count[b] * delta[cat[a] * q + cat[b]]
            }
        }
        return s / divisor[p]
    }

    /// Alpha for units weighted by `weights` (one weight per pattern); nil when undefined
    /// (fewer than two pairable values, or no variation: expected disagreement 0).
    func alpha(weights w: [Double]) -> Double? {
        let q = categoryCount
        var marginals = [Double](repeating: 0, count: q)
        for p in 0..<patternCount where w[p] != 0 {
            for e in entryStart[p]..<entryStart[p + 1] { marginals[entryCategory[e]] += w[p] * entryCount[e] }
        }
        var n = 0.0
        for k in 0..<q { n += marginals[k] }
        guard n >= 2 else { return nil }
        var numerator = 0.0
        let d: [Double]
        if level == .ordinal {
            d = KrippendorffAlpha.metric(.ordinal, values: positions, marginals: marginals)
            for p in 0..<patternCount where w[p] != 0 {
                numerator += w[p] * Self.observed(p, delta: d, q: q, start: entryStart, cat: entryCategory, count: entryCount, divisor: pairDivisor)
            }
        } else {
            d = delta
            for p in 0..<patternCount where w[p] != 0 { numerator += w[p] * fixedDisagreement[p] }
        }
        var denominator = 0.0
        switch level {
        case .nominal:
            var squares = 0.0
            for k in 0..<q { squares += marginals[k] * marginals[k] }
            denominator = n * n - squares
        case .interval:
            // Σ_ck n_c n_k (v_c − v_k)² = 2 (n Σ n_c v_c² − (Σ n_c v_c)²)
            var s1 = 0.0, s2 = 0.0
            for k in 0..<q { s1 += marginals[k] * positions[k]; s2 += marginals[k] * positions[k] * positions[k] }
            denominator = 2 * (n * s2 - s1 * s1)
        case .ordinal, .ratio:
            for c in 0..<q where marginals[c] != 0 {
                for k in 0..<q where marginals[k] != 0 { denominator += marginals[c] * marginals[k] * d[c * q + k] }
            }
        }
        // Rounding can leave a tiny positive remainder where there is no variation at all.
        guard denominator > 1e-12 * n * n * (d.max() ?? 1) else { return nil }
        return 1 - (n - 1) * numerator / denominator
    }

    /// The data's own weights: every pattern at its frequency.
    var observedWeights: [Double] { frequency.map(Double.init) }
}
