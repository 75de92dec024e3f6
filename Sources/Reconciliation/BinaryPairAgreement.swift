/// Two coders' values on a binary criterion as a 2×2 table, with the indices that make the "kappa
/// paradox" visible (Byrt, Bishop & Carlin 1993, J Clin Epidemiol 46:423–429):
///
/// - prevalence index PI = (a − d) / n: far from 0 when one value dominates, which lowers kappa
///   at high agreement;
/// - bias index BI = (b − c) / n: far from 0 when the coders use "present" at different rates,
///   which raises kappa;
/// - PABAK = 2·p_o − 1, kappa adjusted for both (= Brennan & Prediger's 1981 coefficient for two
///   categories); and kappa = (PABAK − PI² + BI²) / (1 − PI² + BI²).
///
/// a: both present, b: first present and second absent, c: the reverse, d: both absent, over the
/// units both coders finished. Defined only for criteria with the two values present and absent;
/// a criterion with contradicting evidence has three (``pairs(for:)`` returns none for it).
public struct BinaryPairAgreement: Sendable, Hashable {
    public var criterion: String
    public var first: String
    public var second: String
    /// a: both coders tagged the criterion.
    public var bothPresent: Int
    /// b: only the first did.
    public var firstOnly: Int
    /// c: only the second did.
    public var secondOnly: Int
    /// d: neither did.
    public var bothAbsent: Int

    public init(criterion: String, first: String, second: String, bothPresent: Int, firstOnly: Int, secondOnly: Int, bothAbsent: Int) {
        self.criterion = criterion
        self.first = first
        self.second = second
        self.bothPresent = bothPresent
        self.firstOnly = firstOnly
        self.secondOnly = secondOnly
        self.bothAbsent = bothAbsent
    }

    /// n: units both coders finished.
    public var units: Int { bothPresent + firstOnly + secondOnly + bothAbsent }

    /// p_o, the share of units on which the two agree; nil without units.
    public var observedAgreement: Double? {
        units == 0 ? nil : Double(bothPresent + bothAbsent) / Double(units)
    }

    /// PABAK = 2·p_o − 1.
    public var pabak: Double? { observedAgreement.map { 2 * $0 - 1 } }

    /// PI = (a − d) / n: +1 when both always tag, −1 when neither ever does.
    public var prevalenceIndex: Double? {
        units == 0 ? nil : Double(bothPresent - bothAbsent) / Double(units)
    }

    /// BI = (b − c) / n: positive when the first coder tags more often than the second.
    public var biasIndex: Double? {
        units == 0 ? nil : Double(firstOnly - secondOnly) / Double(units)
    }

    /// Cohen's kappa for this pair; nil when chance agreement is 1 (both coders used one value only).
    public var cohenKappa: Double? {
        guard let po = observedAgreement else { return nil }
        let n = Double(units)
        let firstPresent = Double(bothPresent + firstOnly) / n, secondPresent = Double(bothPresent + secondOnly) / n
        let pe = firstPresent * secondPresent + (1 - firstPresent) * (1 - secondPresent)
        return pe < 1 ? (po - pe) / (1 - pe) : nil
    }

    /// Every pair of the criterion's coders, in coder order; none when some coder tagged the
    /// criterion as contradicting evidence (three values: PI and BI are not defined).
    public static func pairs(for c: CriterionReliability) -> [BinaryPairAgreement] {
        guard c.values.allSatisfy({ $0.contradicting.isEmpty }) else { return [] }
        var out: [BinaryPairAgreement] = []
        for (i, first) in c.coders.enumerated() {
            for second in c.coders[(i + 1)...] {
                var table = (a: 0, b: 0, c: 0, d: 0)
                for v in c.values {
                    guard let x = v.values[first], let y = v.values[second] else { continue }
                    switch (x, y) {
                    case (true, true): table.a += 1
                    case (true, false): table.b += 1
                    case (false, true): table.c += 1
                    case (false, false): table.d += 1
                    }
                }
                out.append(BinaryPairAgreement(criterion: c.criterion, first: first, second: second, bothPresent: table.a,
                                               firstOnly: table.b, secondOnly: table.c, bothAbsent: table.d))
            }
        }
        return out
    }
}
