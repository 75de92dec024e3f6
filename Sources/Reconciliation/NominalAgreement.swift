import Agreement

/// The nominal-level figures for one variable (criterion supports/contradicts/no tag or present/absent, category
/// member/not), computed with the Agreement module. Internal: results are copied into plain structs.
struct NominalAgreement {
    var alpha: Double?
    var alphaUndefinedReason: String?
    var alphaLow: Double?
    var alphaHigh: Double?
    var shortfalls: [CriterionReliability.Shortfall] = []
    var replicates = 0
    /// Bootstrap replicates dropped because alpha was undefined in them.
    var droppedReplicates = 0
    /// Why no shortfall probabilities are given.
    var shortfallsOmittedReason: String?
    /// Alpha with Gwet's analytic standard error and t interval.
    var alphaAnalytic: IntervalEstimate?
    /// Kappa and AC1 with Gwet's analytic standard errors and t intervals.
    var kappaInterval: IntervalEstimate?
    var ac1Interval: IntervalEstimate?
    /// Units with two or more values.
    var pairableUnits = 0
    /// Share of the least frequent value among the pairable values.
    var smallestShare: Double?
    var percentAgreement: Double?
    var kappa: Double?
    var ac1: Double?
    var pairableValues = 0
    var coincidences: CoincidenceTable
    /// Values of the second category (present / member) over all values.
    var prevalence: Double?

    /// - Parameters:
    ///   - rows: `rows[unit][coder]`: true, false or nil (no value).
    ///   - labels: labels of false and true, e.g. `["absent", "present"]`.
    /// The estimate as an interval labelled with its method (Gwet 2014's variance, t interval with units − 1 df).
    static func interval(_ e: AgreementEstimate) -> IntervalEstimate? {
        guard let v = e.value, v.isFinite else { return nil }
        return IntervalEstimate(value: v, standardError: e.standardError, low: e.ciLow, high: e.ciHigh,
                                method: NominalAgreement.analyticMethod)
    }

    static let analyticMethod = "Gwet (2014) analytic SE, t interval"
    static let bootstrapMethod = "bootstrap over units, percentile"

    /// Where the verdict's lower limit comes from: the bootstrap interval, else Gwet's analytic one.
    var verdictLowerLimit: Double? { alphaLow ?? alphaAnalytic?.low }

    func verdict(_ thresholds: ReliabilityThresholds) -> (verdict: ReliabilityVerdict, reason: String?) {
        ReliabilityVerdict.judge(alpha: alpha, lowerLimit: verdictLowerLimit, pairableUnits: pairableUnits,
                                 smallestShare: smallestShare, thresholds: thresholds)
    }

    init(rows: [[Bool?]], coders: [String], labels: [String], replicates: Int, seed: UInt64, minimums: [Double]) {
        self.init(codes: rows.map { $0.map { $0.map { $0 ? 1 : 0 } } }, coders: coders, labels: labels,
                  replicates: replicates, seed: seed, minimums: minimums)
    }

    /// The same figures for a nominal variable with `labels.count` values, coded 0..<labels.count
    /// (value 0 is the "nothing" value: no tag, not member). Prevalence is the share of values
    /// other than 0. Used for supports / contradicts / no tag.
    init(codes rows: [[Int?]], coders: [String], labels: [String], replicates: Int, seed: UInt64, minimums: [Double]) {
        let k = labels.count
        let codes: [Int32] = rows.flatMap { $0.map { $0.map(Int32.init) ?? ReliabilityData.missing } }
        let all = rows.flatMap { $0.compactMap { $0 } }
        prevalence = all.isEmpty ? nil : Double(all.filter { $0 != 0 }.count) / Double(all.count)
        let empty = Array(repeating: Array(repeating: 0.0, count: k), count: k)
        guard let data = try? ReliabilityData(codes: codes, unitCount: rows.count, coderNames: coders,
                                              categories: (0..<k).map(String.init), categoryValues: (0..<k).map(Double.init)),
              let a = try? KrippendorffAlpha(data, level: .nominal)
        else {
            coincidences = CoincidenceTable(labels: labels, counts: empty)
            alphaUndefinedReason = "the values could not be arranged as reliability data"
            return
        }
        let cm = a.coincidences
        coincidences = CoincidenceTable(labels: labels, counts: (0..<k).map { i in (0..<k).map { j in cm[i, j] } })
        pairableValues = a.pairableValues
        pairableUnits = cm.pairableUnits
        smallestShare = coincidences.smallestShare
        alpha = a.value.flatMap { $0.isFinite ? $0 : nil }
        alphaUndefinedReason = alpha == nil ? (a.undefinedReason ?? "alpha could not be computed") : nil
        if alpha != nil, replicates > 0, let b = a.bootstrap(replicates: replicates, seed: seed, minimums: minimums) {
            alphaLow = b.ciLow
            alphaHigh = b.ciHigh
            shortfalls = b.tails.map { .init(minimum: $0.minimum, probability: $0.probability) }
            shortfallsOmittedReason = b.tailsOmittedReason
            self.replicates = b.replicates
            droppedReplicates = b.droppedReplicates
        }
        alphaAnalytic = Self.interval(a.gwetEstimate)
        let kappaCoefficient: ChanceCorrectedAgreement.Coefficient = coders.count == 2 ? .cohenKappa : .fleissKappa
        let estimates = ChanceCorrectedAgreement.estimates(data, [.percentAgreement, kappaCoefficient, .gwetAC])
        func finite(_ x: Double?) -> Double? { x.flatMap { $0.isFinite ? $0 : nil } }
        percentAgreement = finite(estimates[0].value)
        kappa = finite(estimates[1].value)
        ac1 = finite(estimates[2].value)
        kappaInterval = Self.interval(estimates[1])
        ac1Interval = Self.interval(estimates[2])
    }
}
