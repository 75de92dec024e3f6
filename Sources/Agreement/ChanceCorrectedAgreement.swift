/// Percent agreement and the kappa family for any number of coders with missing values, in the
/// formulations of Gwet's irrCAC (`pa.coeff.raw`, `fleiss.raw`, `conger.raw`, `bp.raw`, `gwet.raw`),
/// including their standard errors (Gwet 2014; variance conditional on the units, f = 0).
///
/// Conventions (as irrCAC): units no coder coded are dropped; observed agreement averages over units with
/// two or more values; chance agreement uses every value. With exactly two coders, Cohen's kappa is Conger's
/// kappa and Scott's pi is Fleiss' kappa in this missing-data formulation (irrCAC's `cohen.kappa.raw` and
/// `scott.raw` reduce to them). The categories are those of ``ReliabilityData/categories``
/// (the observed ones unless declared), which matters for Brennan–Prediger and Gwet's AC.
public enum ChanceCorrectedAgreement {
    /// The coefficients this type computes.
    public enum Coefficient: String, CaseIterable, Sendable {
        case percentAgreement = "percent_agreement"
        case cohenKappa = "cohen_kappa"
        case scottPi = "scott_pi"
        case fleissKappa = "fleiss_kappa"
        case congerKappa = "conger_kappa"
        case brennanPrediger = "brennan_prediger"
        case gwetAC = "gwet_ac1"
    }

    /// Weighted percent agreement (irrCAC `pa.coeff.raw`).
    public static func percentAgreement(_ data: ReliabilityData, weights: AgreementWeights = .identity) -> AgreementEstimate {
        estimates(data, weights: weights, [.percentAgreement])[0]
    }
    /// Fleiss' generalized kappa (irrCAC `fleiss.raw`).
    public static func fleissKappa(_ data: ReliabilityData, weights: AgreementWeights = .identity) -> AgreementEstimate {
        estimates(data, weights: weights, [.fleissKappa])[0]
    }
    /// Conger's kappa (irrCAC `conger.raw`).
    public static func congerKappa(_ data: ReliabilityData, weights: AgreementWeights = .identity) -> AgreementEstimate {
        estimates(data, weights: weights, [.congerKappa])[0]
    }
    /// Cohen's kappa for exactly two coders (linear/quadratic weights give weighted kappa).
    public static func cohenKappa(_ data: ReliabilityData, weights: AgreementWeights = .identity) -> AgreementEstimate {
        estimates(data, weights: weights, [.cohenKappa])[0]
    }
    /// Scott's pi for exactly two coders.
    public static func scottPi(_ data: ReliabilityData, weights: AgreementWeights = .identity) -> AgreementEstimate {
        estimates(data, weights: weights, [.scottPi])[0]
    }
    /// Brennan–Prediger coefficient (irrCAC `bp.raw`).
    public static func brennanPrediger(_ data: ReliabilityData, weights: AgreementWeights = .identity) -> AgreementEstimate {
        estimates(data, weights: weights, [.brennanPrediger])[0]
    }
    /// Gwet's AC1 (identity weights) or AC2 (other weights) (irrCAC `gwet.raw`).
    public static func gwetAC(_ data: ReliabilityData, weights: AgreementWeights = .identity) -> AgreementEstimate {
        estimates(data, weights: weights, [.gwetAC])[0]
    }

    /// Several coefficients from two shared passes over the data, in the order asked.
    public static func estimates(_ data: ReliabilityData, weights: AgreementWeights = .identity,
                                 _ which: [Coefficient] = Coefficient.allCases) -> [AgreementEstimate] {
        let q = data.categoryCount, m = data.coderCount
        let w = weights.matrix(positions: data.categoryPositions)
        let isIdentity = weights == .identity || q < 2
        // ---- Pass 1: tallies.
        var n = 0, n2more = 0
        var paSum = 0.0
        var piSum = [Double](repeating: 0, count: q)
        var classif = [Double](repeating: 0, count: m * q)
        var counts = [Int](repeating: 0, count: q)
        func sumQ(_ counts: [Int], _ ni: Int) -> Double {
            var s = 0.0
            for k in 0..<q where counts[k] != 0 {
                var cw = 0.0
                if isIdentity { cw = Double(counts[k]) } else { for l in 0..<q { cw += w[k * q + l] * Double(counts[l]) } }
                s += Double(counts[k]) * (cw - 1)
            }
            return s
        }
        data.codes.withUnsafeBufferPointer { codes in
            for u in 0..<data.unitCount {
                for k in 0..<q { counts[k] = 0 }
                var ni = 0
                for g in 0..<m {
                    let c = Int(codes[u * m + g])
                    if c >= 0 { counts[c] += 1; classif[g * q + c] += 1; ni += 1 }
                }
                if ni == 0 { continue }
                n += 1
                let inv = 1 / Double(ni)
                for k in 0..<q where counts[k] != 0 { piSum[k] += Double(counts[k]) * inv }
                if ni >= 2 {
                    n2more += 1
                    paSum += sumQ(counts, ni) / Double(ni * (ni - 1))
                }
            }
        }
        let names = which.map { $0 == .gwetAC && weights != .identity ? "gwet_ac2" : $0.rawValue }
        if n == 0 { return names.map { .undefined($0, "no unit has any value") } }
        if n2more == 0 { return names.map { .undefined($0, "no unit was coded by two or more coders") } }
        let nD = Double(n)
        let pa = paSum / Double(n2more)
        let pi = piSum.map { $0 / nD }
        let wSum = w.reduce(0, +)

        // Chance agreement per coefficient.
        var peFleiss = 0.0
        for k in 0..<q { for l in 0..<q { peFleiss += w[k * q + l] * pi[k] * pi[l] } }
        var piw = [Double](repeating: 0, count: q)
        for k in 0..<q { for l in 0..<q { piw[k] += (w[k * q + l] + w[l * q + k]) / 2 * pi[l] } }
        let gwetScale = q >= 2 ? wSum / Double(q * (q - 1)) : 0
        var peGwet = 0.0
        for k in 0..<q { peGwet += pi[k] * (1 - pi[k]) }
        peGwet *= gwetScale
        let peBP = q >= 2 ? wSum / Double(q * q) : 1

        // Conger: per-coder marginals.
        var congerProblem: String? = nil
        var peConger = 0.0
        var congerTerm = [Double](repeating: 0, count: m * (q + 1))  // [coder][code + 1]
        if which.contains(.congerKappa) || which.contains(.cohenKappa) {
            let ng = (0..<m).map { g in (0..<q).reduce(0.0) { $0 + classif[g * q + $1] } }
            if let g = ng.firstIndex(of: 0) {
                congerProblem = "coder \"\(data.coderNames[g])\" gave no values"
            } else {
                let r = Double(m)
                var p = [Double](repeating: 0, count: m * q)
                for g in 0..<m { for k in 0..<q { p[g * q + k] = classif[g * q + k] / ng[g] } }
                var pbar = [Double](repeating: 0, count: q)
                for k in 0..<q { for g in 0..<m { pbar[k] += p[g * q + k] }; pbar[k] /= r }
                for k in 0..<q {
                    for l in 0..<q {
                        var s2 = 0.0
                        for g in 0..<m { s2 += p[g * q + k] * p[g * q + l] }
                        s2 = (s2 - r * pbar[k] * pbar[l]) / (r - 1)
                        peConger += w[k * q + l] * (pbar[k] * pbar[l] - s2 / r)
                    }
                }
                // lambda_ig: depends only on coder g and the code given (or missing).
                for g in 0..<m {
                    for c in -1..<q {
                        let eps = c >= 0 ? 1.0 : 0.0
                        var total = 0.0
                        for k in 0..<q {
                            var inner = 0.0
                            for l in 0..<q {
                                let delta = c == l ? 1.0 : 0.0
                                inner += w[k * q + l] * (delta - (eps - ng[g] / nD) * p[g * q + l])
                            }
                            total += nD / ng[g] * inner * (r * pbar[k] - p[g * q + k])
                        }
                        congerTerm[g * (q + 1) + c + 1] = total / (r * (r - 1))
                    }
                }
            }
        }

        func coefficient(_ pe: Double) -> Double? { 1 - pe == 0 ? nil : (pa - pe) / (1 - pe) }
        let kPA = pa
        let kBP = q >= 2 ? coefficient(peBP) : nil
        let kF = coefficient(peFleiss)
        let kG = q >= 2 ? coefficient(peGwet) : nil
        let kC = congerProblem == nil ? coefficient(peConger) : nil

        // ---- Pass 2: variances.
        var ssPA = 0.0, ssBP = 0.0, ssF = 0.0, ssG = 0.0, ssC = 0.0
        let scale = nD / Double(n2more)
        data.codes.withUnsafeBufferPointer { codes in
            for u in 0..<data.unitCount {
                for k in 0..<q { counts[k] = 0 }
                var ni = 0
                var peC = 0.0
                for g in 0..<m {
                    let c = Int(codes[u * m + g])
                    peC += congerTerm[g * (q + 1) + c + 1]
                    if c >= 0 { counts[c] += 1; ni += 1 }
                }
                if ni == 0 { continue }
                let two = ni >= 2
                let paI = two ? sumQ(counts, ni) / Double(ni * (ni - 1)) : 0
                let xPA = scale * paI
                ssPA += (xPA - kPA) * (xPA - kPA)
                if let kBP {
                    let x = scale * (paI - (two ? peBP : 0)) / (1 - peBP)
                    ssBP += (x - kBP) * (x - kBP)
                }
                if let kF {
                    var peI = 0.0
                    for k in 0..<q where counts[k] != 0 { peI += Double(counts[k]) * piw[k] }
                    peI /= Double(ni)
                    let kI = scale * (paI - (two ? peFleiss : 0)) / (1 - peFleiss)
                    let x = kI - 2 * (1 - kF) * (peI - peFleiss) / (1 - peFleiss)
                    ssF += (x - kF) * (x - kF)
                }
                if let kG {
                    var peI = 0.0
                    for k in 0..<q where counts[k] != 0 { peI += Double(counts[k]) * (1 - pi[k]) }
                    peI *= gwetScale / Double(ni)
                    let kI = scale * (paI - (two ? peGwet : 0)) / (1 - peGwet)
                    let x = kI - 2 * (1 - kG) * (peI - peGwet) / (1 - peGwet)
                    ssG += (x - kG) * (x - kG)
                }
                if let kC {
                    let kI = scale * (paI - (two ? peConger : 0)) / (1 - peConger)
                    let x = kI - 2 * (1 - kC) * (peC - peConger) / (1 - peConger)
                    ssC += (x - kC) * (x - kC)
                }
            }
        }
        let varScale: Double? = n >= 2 ? 1 / (nD * (nD - 1)) : nil
        func v(_ ss: Double) -> Double? { varScale.map { ss * $0 } }
        let oneCategory = "chance agreement is 1 (all values fall in one category), so the coefficient is 0/0"

        return which.enumerated().map { i, kind in
            let name = names[i]
            switch kind {
            case .percentAgreement:
                return .make(name, value: kPA, variance: v(ssPA), units: n, pa: pa, pe: nil)
            case .brennanPrediger:
                guard let kBP else { return .undefined(name, "only one category is in use, so chance agreement 1/q is 1") }
                return .make(name, value: kBP, variance: v(ssBP), units: n, pa: pa, pe: peBP)
            case .fleissKappa, .scottPi:
                if kind == .scottPi, m != 2 { return .undefined(name, "Scott's pi is defined for exactly two coders (found \(m)); see Fleiss' kappa") }
                guard let kF else { return .undefined(name, oneCategory) }
                return .make(name, value: kF, variance: v(ssF), units: n, pa: pa, pe: peFleiss)
            case .gwetAC:
                guard let kG else { return .undefined(name, q < 2 ? "only one category is in use" : oneCategory) }
                return .make(name, value: kG, variance: v(ssG), units: n, pa: pa, pe: peGwet)
            case .congerKappa, .cohenKappa:
                if kind == .cohenKappa, m != 2 { return .undefined(name, "Cohen's kappa is defined for exactly two coders (found \(m)); see Conger's kappa") }
                if let congerProblem { return .undefined(name, congerProblem) }
                guard let kC else { return .undefined(name, oneCategory) }
                return .make(name, value: kC, variance: v(ssC), units: n, pa: pa, pe: peConger)
            }
        }
    }
}
