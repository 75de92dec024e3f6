/// A coefficient with its standard error and 95% interval, labelled with how the interval was obtained,
/// so that analytic and bootstrap figures are never mixed up in a table.
public struct IntervalEstimate: Sendable, Hashable, Codable {
    /// The coefficient.
    public var value: Double
    /// Standard error, when the method gives one.
    public var standardError: Double?
    /// Lower limit of the 95% interval.
    public var low: Double?
    /// Upper limit of the 95% interval.
    public var high: Double?
    /// How the interval was obtained, e.g. "Gwet analytic SE, t interval" or "bootstrap over units, percentile".
    public var method: String

    public init(value: Double, standardError: Double?, low: Double?, high: Double?, method: String) {
        self.value = value
        self.standardError = standardError
        self.low = low
        self.high = high
        self.method = method
    }
}
