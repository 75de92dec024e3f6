/// Krippendorff's coincidence matrix for one criterion, as plain numbers: how often, within a unit,
/// a value of one kind was paired with a value of another (each unit's pairs weighted by
/// 1/(values in the unit − 1), so every pairable value counts once).
public struct CoincidenceTable: Sendable, Hashable, Codable {
    /// Row and column labels, e.g. `["absent", "present"]`.
    public var labels: [String]
    /// `counts[row][column]`; symmetric.
    public var counts: [[Double]]

    public init(labels: [String], counts: [[Double]]) {
        self.labels = labels
        self.counts = counts
    }

    /// Row sums: the number of pairable values of each kind.
    public var marginals: [Double] { counts.map { $0.reduce(0, +) } }

    /// All pairable values, n...
    public var total: Double { marginals.reduce(0, +) }

    /// Share of the least frequent value among the pairable values (Krippendorff's p_c for the sample-size
    /// rule): what the verdict's `insufficient data`, `plan --round` and the report's sample notes all use;
    /// nil without pairable values.
    public var smallestShare: Double? {
        let t = total
        return t > 0 ? (marginals.min() ?? 0) / t : nil
    }
}
