/// Krippendorff's alpha for codings that are sets of labels (a case that is both "critical contributor"
/// and "opportunist"), with the MASI distance between sets (Passonneau 2006), as NLTK's
/// `nltk.metrics.distance.masi_distance` defines it:
///
///     δ(A, B) = 1 − (|A ∩ B| / |A ∪ B|) · M,   M = 1 if A = B, .67 if one contains the other,
///                                                   .33 if they overlap otherwise, 0 if disjoint
///
/// (NLTK rounds Passonneau's 2/3 and 1/3 to .67 and .33; Dossier follows NLTK so results can be checked
/// against it). The empty set is a value ("no category"): δ(∅, ∅) = 0 and δ(∅, B) = 1 for non-empty B.
/// Alpha is the general form α = 1 − (n.. − 1) Σ o_ck δ_ck / Σ n_c n_k δ_ck over the coincidences of the
/// distinct sets (Krippendorff 2011), with δ used as is (it is already a distance, not squared).
public struct SetValuedAlpha: Sendable {
    /// Alpha, nil when undefined.
    public let value: Double?
    /// Why alpha is undefined.
    public let undefinedReason: String?
    /// D_o and D_e.
    public let observedDisagreement: Double
    public let expectedDisagreement: Double
    /// Number of pairable values.
    public let pairableValues: Int

    /// - Parameter units: `units[unit][coder]`, nil for no value.
    public init(units: [[Set<String>?]]) throws {
        let m = units.first?.count ?? 0
        var index: [Set<String>: Int32] = [:]
        var sets: [Set<String>] = []
        var codes: [Int32] = []
        for (u, row) in units.enumerated() {
            guard row.count == m else { throw AgreementError.raggedRow(source: "sets", row: u + 1, expected: m, found: row.count) }
            for cell in row {
                guard let cell else { codes.append(ReliabilityData.missing); continue }
                if let c = index[cell] { codes.append(c) } else {
                    index[cell] = Int32(sets.count); codes.append(Int32(sets.count)); sets.append(cell)
                }
            }
        }
        let labels = sets.map { $0.sorted().joined(separator: "+") }
        let data = try ReliabilityData(codes: codes, unitCount: units.count, coderNames: (0..<m).map { "coder\($0 + 1)" },
                                       categories: labels.enumerated().map { "\($0.offset):\($0.element)" })
        let cm = CoincidenceMatrix(data)
        let q = sets.count
        var num = 0.0, den = 0.0
        for c in 0..<q {
            for k in 0..<q where c != k {
                let d = Self.masiDistance(sets[c], sets[k])
                num += cm[c, k] * d
                den += cm.marginals[c] * cm.marginals[k] * d
            }
        }
        let n = cm.pairableValues
        pairableValues = Int(n.rounded())
        observedDisagreement = n > 0 ? num / n : 0
        expectedDisagreement = n > 1 ? den / (n * (n - 1)) : 0
        if n < 2 {
            value = nil; undefinedReason = "no unit has two or more values"
        } else if cm.pairableUnits < 2 {
            value = nil; undefinedReason = "only one unit has two or more values; alpha compares units, so it needs at least two"
        } else if den == 0 {
            value = nil; undefinedReason = "every pairable value is the same set (no variation), so alpha is 0/0"
        } else {
            value = 1 - (n - 1) * num / den; undefinedReason = nil
        }
    }

    /// NLTK's MASI distance.
    public static func masiDistance(_ a: Set<String>, _ b: Set<String>) -> Double {
        let inter = a.intersection(b).count, union = a.union(b).count
        if union == 0 { return 0 }
        let m: Double
        if a.count == b.count && a.count == inter { m = 1 } else if inter == min(a.count, b.count) { m = 0.67 } else if inter > 0 { m = 0.33 } else { m = 0 }
        return 1 - Double(inter) / Double(union) * m
    }
}
