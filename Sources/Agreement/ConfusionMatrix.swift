/// A two-coder confusion (contingency) table: `counts[a * q + b]` is the number of units that the first
/// coder put in category a and the second in category b. Units either coder left empty are not counted.
public struct ConfusionMatrix: Sendable, Equatable {
    /// Category labels; rows are the first coder, columns the second.
    public let categories: [String]
    /// Names of the two coders compared.
    public let coders: (String, String)
    /// Row-major q×q counts.
    public let counts: [Int]

    /// Cross-tabulates coder `first` against coder `second` (indices into ``ReliabilityData/coderNames``).
    public init(_ data: ReliabilityData, first: Int = 0, second: Int = 1) {
        let q = data.categoryCount, m = data.coderCount
        var t = [Int](repeating: 0, count: q * q)
        for u in 0..<data.unitCount {
            let a = data.codes[u * m + first], b = data.codes[u * m + second]
            if a >= 0, b >= 0 { t[Int(a) * q + Int(b)] += 1 }
        }
        categories = data.categories
        coders = (data.coderNames[first], data.coderNames[second])
        counts = t
    }

    /// Number of units both coders coded.
    public var total: Int { counts.reduce(0, +) }

    public static func == (l: ConfusionMatrix, r: ConfusionMatrix) -> Bool {
        l.categories == r.categories && l.coders == r.coders && l.counts == r.counts
    }
}
