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
}
