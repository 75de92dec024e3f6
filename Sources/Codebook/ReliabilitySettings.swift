/// The reliability standards a codebook's project commits to, in its `reliability:` section:
///
/// ```yaml
/// reliability:
///   reliable: 0.8        # lower limit of alpha's 95% interval needed for "reliable"
///   tentative: 0.667     # ... for "tentative" (and the alpha_min of the sample-size test)
///   significance: 0.05   # of the sample-size test
///   min_units: 50        # fewer pairable units: "insufficient data", whatever alpha says
/// ```
///
/// Krippendorff (2004, §11.4; 2019, ch. 12) proposes .800 and .667 but asks researchers to set the
/// minimums by the costs of drawing wrong conclusions; a project that does so writes them here, and
/// every verdict (`reconcile`, `report`, `plan`) then uses them. Every key is optional.
public struct ReliabilitySettings: Sendable, Hashable, Codable {
    public var reliable: Double?
    public var tentative: Double?
    public var significance: Double?
    public var minimumUnits: Int?

    public init(reliable: Double? = nil, tentative: Double? = nil, significance: Double? = nil, minimumUnits: Int? = nil) {
        self.reliable = reliable
        self.tentative = tentative
        self.significance = significance
        self.minimumUnits = minimumUnits
    }

    enum CodingKeys: String, CodingKey {
        case reliable, tentative, significance
        case minimumUnits = "min_units"
    }
}
