import Codebook

/// One criterion of one case: its status and the units behind it.
///
/// - established: a unit settled as supporting evidence and none as contradicting, and no open
///   unit (coders disagree, not adjudicated) in which a coder saw contradicting evidence;
/// - refuted: the mirror image (contradicting evidence only); also a criterion the codebook marks
///   `absence_is_evidence` that was not found after a recorded full search of the case (see
///   ``inferredFrom``);
/// - contested: supporting and contradicting evidence both stand, or an open unit could still
///   tip the balance;
/// - not found: nothing either way in the finished units (or no unit finished).
public struct CriterionResolution: Sendable, Hashable, Codable {
    /// The criterion id.
    public var criterion: String
    /// Where the criterion stands for the case.
    public var status: CriterionStatus
    /// Every finished unit of the case, in passage order.
    public var units: [UnitResolution]
    /// When the status was inferred from a search that found nothing: the search record. The
    /// trail says so ("refuted: not found after full coverage").
    public var inferredFrom: CaseCoverage?

    public init(criterion: String, status: CriterionStatus, units: [UnitResolution], inferredFrom: CaseCoverage? = nil) {
        self.criterion = criterion
        self.status = status
        self.units = units
        self.inferredFrom = inferredFrom
    }

    /// The status these unit resolutions imply.
    static func status(of units: [UnitResolution]) -> CriterionStatus {
        let settledFor = units.contains { $0.standing == .supports }
        let settledAgainst = units.contains { $0.standing == .contradicts }
        let open = units.filter { $0.standing == nil }
        let openFor = open.contains { $0.values.values.contains(.supports) }
        let openAgainst = open.contains { $0.values.values.contains(.contradicts) }
        switch (settledFor, settledAgainst) {
        case (true, true): return .contested
        case (true, false): return openAgainst ? .contested : .established
        case (false, true): return openFor ? .contested : .refuted
        case (false, false): return openFor || openAgainst ? .contested : .notFound
        }
    }

    /// The units that support the criterion, as they stand.
    public var supporting: [UnitResolution] { units.filter { $0.standing == .supports } }
    /// The units that contradict it, as they stand.
    public var contradicting: [UnitResolution] { units.filter { $0.standing == .contradicts } }
    /// Units still open (coders disagree, nobody adjudicated) where some coder tagged the criterion.
    public var open: [UnitResolution] { units.filter { $0.standing == nil } }

    /// The units that establish the criterion (empty unless established).
    public var establishing: [UnitResolution] { status == .established ? supporting : [] }

    /// One line on why the criterion has its status, naming the passages.
    public var reason: String {
        func ids(_ units: [UnitResolution]) -> String { units.map { "\($0.unit.passageId)" }.joined(separator: ", ") }
        switch status {
        case .established: return "established by passage(s) \(ids(supporting))"
        case .refuted:
            if let c = inferredFrom {
                return "refuted: not found after full coverage (\(c.summary)); the codebook counts its absence as evidence"
            }
            return "refuted by passage(s) \(ids(contradicting))"
        case .contested:
            var parts: [String] = []
            if !supporting.isEmpty { parts.append("supported by \(ids(supporting))") }
            if !contradicting.isEmpty { parts.append("contradicted by \(ids(contradicting))") }
            if !open.isEmpty { parts.append("coders disagree on \(ids(open))") }
            return "contested: " + parts.joined(separator: "; ")
        case .notFound:
            return units.isEmpty ? "not found: no finished unit of this case" : "not found in \(units.count) finished unit(s)"
        }
    }
}
