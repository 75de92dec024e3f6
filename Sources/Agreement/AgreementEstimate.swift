/// One agreement coefficient with its uncertainty, or the reason it is undefined.
///
/// Undefined coefficients have `value == nil` and a `undefinedReason` (never NaN). The standard error
/// and interval are Gwet's (2014) variance conditional on the sample of units, with finite population
/// correction f = 0, and a Student t interval with (units − 1) degrees of freedom, as irrCAC reports them;
/// the upper limit is capped at 1 like irrCAC.
public struct AgreementEstimate: Sendable, Equatable {
    /// Short name, e.g. "fleiss_kappa".
    public var name: String
    /// The coefficient, or nil when undefined.
    public var value: Double?
    /// Standard error, or nil when it cannot be estimated (e.g. a single unit).
    public var standardError: Double?
    /// Lower limit of the 95% interval.
    public var ciLow: Double?
    /// Upper limit of the 95% interval (capped at 1).
    public var ciHigh: Double?
    /// Observed (weighted) agreement p_a.
    public var observedAgreement: Double?
    /// Chance agreement p_e.
    public var chanceAgreement: Double?
    /// Why the value (or its standard error) is missing, in plain words.
    public var undefinedReason: String?

    /// An undefined coefficient with a reason.
    public static func undefined(_ name: String, _ reason: String) -> AgreementEstimate {
        AgreementEstimate(name: name, value: nil, standardError: nil, ciLow: nil, ciHigh: nil,
                          observedAgreement: nil, chanceAgreement: nil, undefinedReason: reason)
    }

    /// Builds an estimate from a value and a variance over `n` units (t interval with n − 1 df).
    static func make(_ name: String, value: Double, variance: Double?, units n: Int, pa: Double?, pe: Double?) -> AgreementEstimate {
        var e = AgreementEstimate(name: name, value: value, standardError: nil, ciLow: nil, ciHigh: nil,
                                  observedAgreement: pa, chanceAgreement: pe, undefinedReason: nil)
        if let variance, n >= 2, variance.isFinite {
            let se = max(0, variance).squareRoot()
            let t = StudentT.quantile(0.975, degreesOfFreedom: Double(n - 1))
            e.standardError = se
            e.ciLow = value - t * se
            e.ciHigh = min(1, value + t * se)
        } else if n < 2 {
            e.undefinedReason = "standard error needs at least two units"
        }
        return e
    }
}
