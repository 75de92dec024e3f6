/// Weights for the kappa-type coefficients (Gwet 2014, ch. 3; irrCAC's `identity`, `linear`, `quadratic`).
///
/// Weights use the numeric category values when every category is a number, otherwise the
/// ranks 1…q of the categories in their declared order, exactly as irrCAC does:
/// linear `w = 1 − |k − l| / (max − min)`, quadratic `w = 1 − (k − l)² / (max − min)²`.
public enum AgreementWeights: String, CaseIterable, Sendable {
    case identity, linear, quadratic

    /// The q×q weight matrix (row-major) for the given category positions.
    func matrix(positions: [Double]) -> [Double] {
        let q = positions.count
        var w = [Double](repeating: 0, count: q * q)
        let span = (positions.max() ?? 0) - (positions.min() ?? 0)
        for k in 0..<q {
            for l in 0..<q {
                switch self {
                case .identity:
                    w[k * q + l] = k == l ? 1 : 0
                case .linear:
                    w[k * q + l] = span == 0 ? 1 : 1 - abs(positions[k] - positions[l]) / span
                case .quadratic:
                    let d = span == 0 ? 0 : (positions[k] - positions[l]) / span
                    w[k * q + l] = 1 - d * d
                }
            }
        }
        return w
    }
}
