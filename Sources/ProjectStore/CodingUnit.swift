import Foundation

/// A unit of coding: one passage, read as evidence about one case.
public struct CodingUnit: Hashable, Codable, Sendable {
    public var passageId: Int64
    public var caseId: String

    public init(passageId: Int64, caseId: String) {
        self.passageId = passageId
        self.caseId = caseId
    }
}
