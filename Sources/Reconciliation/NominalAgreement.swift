import Agreement

/// The nominal-level figures for one binary variable (criterion present/absent, category
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
        let codes: [Int32] = rows.flatMap { $0.map { $0.map { $0 ? 1 : 0 } ?? ReliabilityData.missing } }
        let all = rows.flatMap { $0.compactMap { $0 } }
        prevalence = all.isEmpty ? nil : Double(all.filter { $0 }.count) / Double(all.count)
        guard let data = try? ReliabilityData(codes: codes, unitCount: rows.count, coderNames: coders,
                                              categories: ["0", "1"], categoryValues: [0, 1]),
              let a = try? KrippendorffAlpha(data, level: .nominal)
        else {
            coincidences = CoincidenceTable(labels: labels, counts: [[0, 0], [0, 0]])
            alphaUndefinedReason = "the values could not be arranged as reliability data"
            return
        }
        let cm = a.coincidences
        coincidences = CoincidenceTable(labels: labels, counts: [[cm[0, 0], cm[0, 1]], [cm[1, 0], cm[1, 1]]])
        pairableValues = a.pairableValues
        pairableUnits = cm.pairableUnits
        if cm.pairableValues > 0 { smallestShare = (cm.marginals.min() ?? 0) / cm.pairableValues }
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
