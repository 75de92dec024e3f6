/// What a methodologist looks at after the coefficients: how each coder used the categories, how each
/// pair of coders agreed (confusion matrix, prevalence and bias indices, PABAK), how alpha changes when
/// a coder is left out, and which units carry the disagreement.
///
/// - Prevalence index PI = (a − d)/N and bias index BI = (b − c)/N for two categories, and PABAK = 2p_o − 1
///   (Byrt, Bishop & Carlin 1993, J Clin Epidemiol 46:423–429), where Byrt et al.'s "yes" is the second
///   category in the data's order (1 of 0/1 data, as `reconcile` and the report count "present"): a = both
///   coders give it, d = both give the first, b = the first coder gives it and the second does not, c the
///   reverse. PI > 0 when "yes" dominates, BI > 0 when the first coder says "yes" more often. For q categories
///   PABAK generalises to
///   (q·p_o − 1)/(q − 1), Brennan & Prediger's (1981) coefficient. A large |PI| with low kappa is the
///   "kappa paradox" (Feinstein & Cicchetti 1990): agreement is high but concentrated in one category.
/// - A unit's share of the disagreement is its part of D_o: Σ_ck o^u_ck δ²_ck / Σ_u Σ_ck o^u_ck δ²_ck.
public struct AgreementDiagnostics: Sendable {
    /// How often one coder used each category.
    public struct CoderMarginals: Sendable, Equatable {
        public let coder: String
        /// Values given, per category (in ``AgreementDiagnostics/categories`` order).
        public let counts: [Int]
        /// Units the coder gave a value.
        public var total: Int { counts.reduce(0, +) }
    }

    /// Agreement of one pair of coders on the units both coded.
    public struct PairAgreement: Sendable, Equatable {
        public let first: String
        public let second: String
        /// Row-major q×q: rows the first coder's category, columns the second's.
        public let confusion: [Int]
        /// Units both coded.
        public let units: Int
        /// Observed proportion of agreement p_o.
        public let observedAgreement: Double?
        /// Prevalence index (a − d)/N, "yes" being the second category (two categories only).
        public let prevalenceIndex: Double?
        /// Bias index (b − c)/N: the first coder's "yes" against the second's "no", minus the reverse (two categories only).
        public let biasIndex: Double?
        /// PABAK = (q·p_o − 1)/(q − 1).
        public let pabak: Double?
        /// Cohen's kappa for the pair, p_e from each coder's own marginals.
        public let cohenKappa: Double?
    }

    /// Alpha without one coder.
    public struct LeaveOneOut: Sendable, Equatable {
        public let coder: String
        public let alpha: Double?
    }

    /// A unit's part in the observed disagreement.
    public struct UnitDisagreement: Sendable, Equatable {
        /// Index of the unit in the data.
        public let unit: Int
        /// The unit's id, when the data have ids.
        public let unitID: String?
        /// Share of the total observed disagreement, 0…1.
        public let share: Double
    }

    public let categories: [String]
    public let marginals: [CoderMarginals]
    public let pairs: [PairAgreement]
    public let leaveOneOut: [LeaveOneOut]
    /// Units with disagreement, largest share first.
    public let disagreementUnits: [UnitDisagreement]

    /// Computes every diagnostic; `level` decides alpha's metric for the leave-one-out figures and the
    /// units' disagreement.
    public init(_ data: ReliabilityData, level: MeasurementLevel = .nominal) throws {
        let q = data.categoryCount, m = data.coderCount
        categories = data.categories
        marginals = (0..<m).map { g in
            var counts = [Int](repeating: 0, count: q)
            for u in 0..<data.unitCount { let c = data.code(unit: u, coder: g); if c >= 0 { counts[Int(c)] += 1 } }
            return CoderMarginals(coder: data.coderNames[g], counts: counts)
        }
        var pairs: [PairAgreement] = []
        for a in 0..<m {
            for b in (a + 1)..<m where b < m {
                pairs.append(Self.pair(data, a, b))
            }
        }
        self.pairs = pairs
        if m >= 3 {
            leaveOneOut = try (0..<m).map { g in
                let keep = (0..<m).filter { $0 != g }
                var codes: [Int32] = []
                codes.reserveCapacity(data.unitCount * keep.count)
                for u in 0..<data.unitCount { for k in keep { codes.append(data.code(unit: u, coder: k)) } }
                let reduced = try ReliabilityData(codes: codes, unitCount: data.unitCount, coderNames: keep.map { data.coderNames[$0] },
                                                  categories: data.categories, categoryValues: data.categoryValues, unitIDs: data.unitIDs)
                return LeaveOneOut(coder: data.coderNames[g], alpha: try KrippendorffAlpha(reduced, level: level).value)
            }
        } else {
            leaveOneOut = []
        }
        let alpha = try KrippendorffAlpha(data, level: level)
        let d = alpha.delta
        var perUnit: [(Int, Double)] = []
        var total = 0.0
        var counts = [Int](repeating: 0, count: q)
        for u in 0..<data.unitCount {
            for k in 0..<q { counts[k] = 0 }
            var n = 0
            for g in 0..<m { let c = data.code(unit: u, coder: g); if c >= 0 { counts[Int(c)] += 1; n += 1 } }
            guard n >= 2 else { continue }
            var s = 0.0
            for c in 0..<q where counts[c] > 0 {
                for k in 0..<q where counts[k] > 0 && k != c { s += Double(counts[c] * counts[k]) * d[c * q + k] }
            }
            s /= Double(n - 1)
            total += s
            if s > 0 { perUnit.append((u, s)) }
        }
        disagreementUnits = perUnit.sorted { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }.map { u, s in
            UnitDisagreement(unit: u, unitID: data.unitIDs?[u], share: s / total)
        }
    }

    static func pair(_ data: ReliabilityData, _ a: Int, _ b: Int) -> PairAgreement {
        let q = data.categoryCount
        let conf = ConfusionMatrix(data, first: a, second: b)
        let n = conf.total
        var agree = 0
        for c in 0..<q { agree += conf.counts[c * q + c] }
        let po: Double? = n > 0 ? Double(agree) / Double(n) : nil
        var pi: Double? = nil, bi: Double? = nil
        if q == 2, n > 0 {
            // Rows are the first coder, columns the second; index 1 is "yes" (Byrt et al.'s a, b, c, d).
            let a = conf.counts[3], b = conf.counts[2], c = conf.counts[1], d = conf.counts[0]
            pi = Double(a - d) / Double(n)
            bi = Double(b - c) / Double(n)
        }
        let pabak = po.flatMap { p in q >= 2 ? (Double(q) * p - 1) / Double(q - 1) : nil }
        var kappa: Double? = nil
        if let po, n > 0 {
            var pe = 0.0
            for c in 0..<q {
                var row = 0, col = 0
                for k in 0..<q { row += conf.counts[c * q + k]; col += conf.counts[k * q + c] }
                pe += Double(row) * Double(col) / Double(n * n)
            }
            kappa = pe < 1 ? (po - pe) / (1 - pe) : nil
        }
        return PairAgreement(first: data.coderNames[a], second: data.coderNames[b], confusion: conf.counts, units: n,
                             observedAgreement: po, prevalenceIndex: pi, biasIndex: bi, pabak: pabak, cohenKappa: kappa)
    }
}
