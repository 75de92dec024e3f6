/// Krippendorff's matrix of observed coincidences: o_ck counts the pairs of values c–k found in the same
/// unit, each unit's pairs weighted by 1/(m_u − 1) so that every pairable value counts once.
/// Units with fewer than two values contribute nothing. Built from per-unit value counts in
/// O(units × coders + units × categories²) time.
public struct CoincidenceMatrix: Sendable, Equatable {
    /// Category labels; rows and columns follow this order.
    public let categories: [String]
    /// Coincidences, row-major q×q; symmetric.
    public let counts: [Double]
    /// n_c: row sums, the number of pairable values in each category.
    public let marginals: [Double]
    /// n..: the number of pairable values.
    public let pairableValues: Double
    /// Number of units with at least two values.
    public let pairableUnits: Int
    /// Σ_u m_u(m_u − 1)/2: the number of pairs of values within units.
    public let pairCount: Double

    /// Builds the matrix from reliability data.
    public init(_ data: ReliabilityData) {
        let q = data.categoryCount, m = data.coderCount
        var o = [Double](repeating: 0, count: q * q)
        var counts = [Int](repeating: 0, count: q)
        var used = [Int](repeating: 0, count: q)
        var units = 0
        var pairs = 0.0
        data.codes.withUnsafeBufferPointer { codes in
            for u in 0..<data.unitCount {
                var ni = 0, nUsed = 0
                for g in 0..<m {
                    let c = Int(codes[u * m + g])
                    if c >= 0 {
                        if counts[c] == 0 { used[nUsed] = c; nUsed += 1 }
                        counts[c] += 1; ni += 1
                    }
                }
                if ni >= 2 {
                    units += 1
                    pairs += Double(ni * (ni - 1)) / 2
                    let inv = 1 / Double(ni - 1)
                    for a in 0..<nUsed {
                        let k = used[a]
                        for b in 0..<nUsed {
                            let l = used[b]
                            o[k * q + l] += Double(counts[k] * (counts[l] - (k == l ? 1 : 0))) * inv
                        }
                    }
                }
                for a in 0..<nUsed { counts[used[a]] = 0 }
            }
        }
        self.categories = data.categories
        self.counts = o
        self.marginals = (0..<q).map { k in (0..<q).reduce(0.0) { $0 + o[k * q + $1] } }
        self.pairableValues = marginals.reduce(0, +)
        self.pairableUnits = units
        self.pairCount = pairs
    }

    /// o_ck.
    public subscript(c: Int, k: Int) -> Double { counts[c * categories.count + k] }

    /// Prevalence of each category among pairable values, n_c / n.. (nil when nothing is pairable).
    public var prevalence: [Double?] {
        marginals.map { pairableValues > 0 ? $0 / pairableValues : nil }
    }

    /// Per-category agreement o_cc / n_c: the share of values in category c that were matched by another
    /// coder's c in the same unit (nil for a category with no pairable values).
    public var perCategoryAgreement: [Double?] {
        let q = categories.count
        return (0..<q).map { c in marginals[c] > 0 ? counts[c * q + c] / marginals[c] : nil }
    }
}
