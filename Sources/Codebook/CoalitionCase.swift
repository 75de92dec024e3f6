/// One case: a recipient actor's participation in one operation.
public struct CoalitionCase: Sendable, Hashable, Codable, Identifiable {
    /// Stable id, `OPERATION/RECIPIENT` (`KOREA-1950/COL`).
    public var id: String
    /// Actor id of the recipient.
    public var recipient: String
    /// Operation id.
    public var operation: String
    public var note: String?

    public init(id: String, recipient: String, operation: String, note: String? = nil) {
        self.id = id
        self.recipient = recipient
        self.operation = operation
        self.note = note
    }
}
