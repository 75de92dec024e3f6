import Codebook

/// One criterion of one case: its status and the units behind it.
///
/// - established: some unit resolved to present (all its coders tagged it, or an adjudicator
///   decided present);
/// - absent: every finished unit of the case resolved to absent;
/// - contested: some unit is still open (coders disagree, no adjudication) and none established it;
/// - not yet coded: no unit of the case has been finished.
public struct CriterionResolution: Sendable, Hashable, Codable {
    /// The criterion id.
    public var criterion: String
    /// Where the criterion stands for the case.
    public var status: CriterionStatus
    /// Every finished unit of the case, in passage order.
    public var units: [UnitResolution]

    public init(criterion: String, status: CriterionStatus, units: [UnitResolution]) {
        self.criterion = criterion
        self.status = status
        self.units = units
    }

    /// The status these unit resolutions imply.
    static func status(of units: [UnitResolution]) -> CriterionStatus {
        if units.isEmpty { return .notYetCoded }
        if units.contains(where: { $0.present == true }) { return .established }
        if units.contains(where: { $0.present == nil }) { return .contested }
        return .absent
    }

    /// The units that establish the criterion (empty unless established).
    public var establishing: [UnitResolution] { units.filter { $0.present == true } }
}
