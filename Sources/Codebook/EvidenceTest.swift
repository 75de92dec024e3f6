/// Van Evera's four process-tracing tests: how much finding (or not finding) the evidence
/// a criterion describes says about a category.
public enum EvidenceTest: String, Sendable, Hashable, Codable, CaseIterable {
    /// Neither necessary nor sufficient: raises or lowers plausibility a little.
    case strawInTheWind = "straw_in_the_wind"
    /// Necessary, not sufficient: failing it rules the category out, passing it does not confirm.
    case hoop
    /// Sufficient, not necessary: passing it confirms, failing it says little.
    case smokingGun = "smoking_gun"
    /// Necessary and sufficient.
    case doublyDecisive = "doubly_decisive"

    /// Reads `straw_in_the_wind`, `straw-in-the-wind`, `Straw in the wind`, ...
    public init?(yamlValue: String) {
        let key = yamlValue.lowercased()
            .replacingOccurrences(of: "-", with: "_")
            .replacingOccurrences(of: " ", with: "_")
        self.init(rawValue: key)
    }

    /// Words for the coder's manual.
    public var label: String {
        switch self {
        case .strawInTheWind: "straw in the wind"
        case .hoop: "hoop test"
        case .smokingGun: "smoking gun"
        case .doublyDecisive: "doubly decisive"
        }
    }
}
