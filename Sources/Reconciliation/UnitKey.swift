/// One unit of coding: a passage read as evidence for one case.
///
/// The same passage can be evidence for several cases (a cable about two recipients), so a unit
/// is the pair, not the passage alone.
public struct UnitKey: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The passage's id in the project.
    public var passageId: Int64
    /// The case (e.g. `KOR-1965-VN`) the passage is read for.
    public var caseId: String

    public init(passageId: Int64, caseId: String) {
        self.passageId = passageId
        self.caseId = caseId
    }

    /// Case first, then passage: the order units appear in tables.
    public static func < (lhs: UnitKey, rhs: UnitKey) -> Bool {
        (lhs.caseId, lhs.passageId) < (rhs.caseId, rhs.passageId)
    }

    /// `case/passage`, e.g. `KOR-1965-VN/412`.
    public var description: String { "\(caseId)/\(passageId)" }
}
