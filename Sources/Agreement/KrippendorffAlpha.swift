/// Krippendorff's alpha, α = 1 − D_o / D_e, for any number of coders, missing values allowed,
/// computed from the coincidence matrix (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability"):
///
///     D_o = Σ_c Σ_k o_ck δ²_ck / n..        D_e = Σ_c Σ_k n_c n_k δ²_ck / (n.. (n.. − 1))
///
/// Undefined (``value`` is nil, with ``undefinedReason``) when fewer than two units have two values, or when all pairable
/// values fall in one category (D_e = 0: there is no variation to compare disagreement against).
///
/// ``gwetEstimate`` adds Gwet's (2014) standard error and t interval for alpha (irrCAC `krippen.alpha.raw`),
/// using agreement weights w = 1 − δ²/max δ², which reproduce alpha exactly. For the sampling distribution
/// Krippendorff recommends, use ``bootstrap(replicates:seed:minimums:)`` (units resampled by default).
public struct KrippendorffAlpha: Sendable {
    /// The level of measurement (metric) used.
    public let level: MeasurementLevel
    /// Alpha, or nil when undefined.
    public let value: Double?
    /// Why alpha is undefined, in plain words.
    public let undefinedReason: String?
    /// D_o, the observed disagreement per pairable value.
    public let observedDisagreement: Double
    /// D_e, the disagreement expected by chance.
    public let expectedDisagreement: Double
    /// The coincidence matrix alpha was computed from.
    public let coincidences: CoincidenceMatrix
    /// The metric δ² between categories, row-major q×q.
    public let delta: [Double]
    /// Gwet's standard error and interval for alpha (nil value when alpha is undefined).
    public let gwetEstimate: AgreementEstimate
    /// Number of coders in the data (used by the bootstrap).
    let coderCount: Int
    /// The data alpha was computed from (shared storage, not a copy), for the unit bootstrap.
    let data: ReliabilityData

    /// The pairable units grouped by pattern, for recomputing alpha on resamples.
    var pairableUnits: PairableUnits { PairableUnits(data, level: level, delta: delta) }

    /// Number of pairable values, n...
    public var pairableValues: Int { Int(coincidences.pairableValues.rounded()) }

    /// Computes alpha. Interval and ratio levels need numeric categories; ratio values must not be negative.
    public init(_ data: ReliabilityData, level: MeasurementLevel) throws {
        if level.needsNumbers {
            guard let values = data.categoryValues else {
                let label = data.categories.first { Double($0.trimmingSpaces) == nil } ?? "?"
                throw AgreementError.notANumber(source: "data", row: 0, column: 0, value: label, level: level)
            }
            if level == .ratio, let bad = values.firstIndex(where: { $0 < 0 }) {
                throw AgreementError.negativeRatioValue(source: "data", row: 0, column: 0, value: data.categories[bad])
            }
        }
        self.level = level
        self.coderCount = data.coderCount
        self.data = data
        let cm = CoincidenceMatrix(data)
        coincidences = cm
        let q = data.categoryCount
        let d = KrippendorffAlpha.metric(level, values: data.categoryPositions, marginals: cm.marginals)
        delta = d
        let n = cm.pairableValues
        var num = 0.0, den = 0.0
        for c in 0..<q {
            for k in 0..<q where d[c * q + k] != 0 {
                num += cm.counts[c * q + k] * d[c * q + k]
                den += cm.marginals[c] * cm.marginals[k] * d[c * q + k]
            }
        }
        observedDisagreement = n > 0 ? num / n : 0
        expectedDisagreement = n > 1 ? den / (n * (n - 1)) : 0
        if n < 2 {
            value = nil
            undefinedReason = "no unit has two or more values, so no pair of values can be compared"
        } else if cm.pairableUnits < 2 {
            // With one unit, agreement within units cannot be set against agreement across units.
            value = nil
            undefinedReason = "only one unit has two or more values; alpha compares units, so it needs at least two"
        } else if den == 0 {
            value = nil
            undefinedReason = "all pairable values are in one category (no variation), so alpha is 0/0"
        } else {
            value = 1 - (n - 1) * num / den
            undefinedReason = nil
        }
        if let value {
            gwetEstimate = KrippendorffAlpha.gwetVariance(data, delta: d, alpha: value)
        } else {
            gwetEstimate = .undefined("krippendorff_alpha", undefinedReason ?? "")
        }
    }

    /// The δ² metric matrix for a level (Krippendorff 2011). Ordinal uses the marginals n_c.
    static func metric(_ level: MeasurementLevel, values: [Double], marginals: [Double]) -> [Double] {
        let q = values.count
        var d = [Double](repeating: 0, count: q * q)
        for c in 0..<q {
            for k in 0..<q where c != k {
                switch level {
                case .nominal:
                    d[c * q + k] = 1
                case .ordinal:
                    let lo = min(c, k), hi = max(c, k)
                    var s = 0.0
                    for g in lo...hi { s += marginals[g] }
                    s -= (marginals[c] + marginals[k]) / 2
                    d[c * q + k] = s * s
                case .interval:
                    let x = values[c] - values[k]
                    d[c * q + k] = x * x
                case .ratio:
                    let sum = values[c] + values[k]
                    let x = sum == 0 ? 0 : (values[c] - values[k]) / sum
                    d[c * q + k] = x * x
                }
            }
        }
        return d
    }

    /// Gwet's variance of alpha (irrCAC krippen.alpha.raw) with weights 1 − δ²/max δ².
    static func gwetVariance(_ data: ReliabilityData, delta: [Double], alpha: Double) -> AgreementEstimate {
        let q = data.categoryCount, m = data.coderCount
        let dmax = delta.max() ?? 0
        guard dmax > 0 else { return .undefined("krippendorff_alpha", "no disagreement is possible") }
        let w = delta.map { 1 - $0 / dmax }
        var counts = [Int](repeating: 0, count: q)
        var nUnits = 0, totalValues = 0
        var sumQOverRi = 0.0  // Σ sum_q / (r_i − 1)
        var nk = [Double](repeating: 0, count: q)
        func sumQ() -> Double {
            var s = 0.0
            for k in 0..<q where counts[k] != 0 {
                var cw = 0.0
                for l in 0..<q { cw += w[k * q + l] * Double(counts[l]) }
                s += Double(counts[k]) * (cw - 1)
            }
            return s
        }
        func load(_ u: Int) -> Int {
            for k in 0..<q { counts[k] = 0 }
            var ni = 0
            for g in 0..<m { let c = Int(data.codes[u * m + g]); if c >= 0 { counts[c] += 1; ni += 1 } }
            return ni
        }
        for u in 0..<data.unitCount {
            let ni = load(u)
            guard ni >= 2 else { continue }
            nUnits += 1; totalValues += ni
            sumQOverRi += sumQ() / Double(ni - 1)
            for k in 0..<q { nk[k] += Double(counts[k]) }
        }
        let n = Double(nUnits)
        let rMean = Double(totalValues) / n
        let eps = 1 / Double(totalValues)
        let paPrime = sumQOverRi / (rMean * n)
        let pa = (1 - eps) * paPrime + eps
        let pi = nk.map { $0 / (rMean * n) }
        var pe = 0.0
        for k in 0..<q { for l in 0..<q { pe += w[k * q + l] * pi[k] * pi[l] } }
        let alphaPrime = (paPrime - pe) / (1 - pe)
        var piw = [Double](repeating: 0, count: q)
        for k in 0..<q { for l in 0..<q { piw[k] += (w[k * q + l] + w[l * q + k]) / 2 * pi[l] } }
        var ss = 0.0
        for u in 0..<data.unitCount {
            let ni = load(u)
            guard ni >= 2 else { continue }
            let r = Double(ni)
            let paI = sumQ() / (rMean * (r - 1)) - pa * (r - rMean) / rMean
            let kI = (paI - pe) / (1 - pe)
            var peI = 0.0
            for k in 0..<q { peI += Double(counts[k]) * piw[k] }
            peI = peI / rMean - pe * (r - rMean) / rMean
            let x = kI - 2 * (1 - alphaPrime) * (peI - pe) / (1 - pe)
            ss += (x - alphaPrime) * (x - alphaPrime)
        }
        let variance: Double? = nUnits >= 2 ? ss / (n * (n - 1)) : nil
        return .make("krippendorff_alpha", value: alpha, variance: variance, units: nUnits, pa: pa, pe: pe)
    }

    /// The bootstrap of alpha's sampling distribution (units resampled, percentile interval); see ``AlphaBootstrap``.
    public func bootstrap(replicates: Int = 1000, seed: UInt64 = 1, minimums: [Double] = [0.667, 0.8]) -> AlphaBootstrap? {
        AlphaBootstrap(self, replicates: replicates, seed: seed, minimums: minimums)
    }

    /// The bootstrap with every option (method, interval, confidence); see ``AlphaBootstrap``.
    public func bootstrap(_ options: AlphaBootstrap.Options) -> AlphaBootstrap? {
        AlphaBootstrap(self, options: options)
    }
}
