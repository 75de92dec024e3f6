/// One subject of coding: a recipient actor's participation in one operation (a case), or, for
/// dimensions coded at the operation-actor level (pivotal states), an actor in an operation.
public struct CoalitionCase: Sendable, Hashable, Codable, Identifiable {
    /// Stable id, `OPERATION/RECIPIENT` (`KOREA-1950/COL`); for an operation-actor subject
    /// `OPERATION@ACTOR` (`KFOR-1999@USA`).
    public var id: String
    /// Actor id of the recipient (or of the actor, for an operation-actor subject).
    public var recipient: String
    /// Operation id.
    public var operation: String
    public var note: String?
    /// What the subject is; only the codebook's dimensions for that subject classify it.
    public var subject: Dimension.Subject
    /// Where the register's facts about the case come from (article locator or full citation).
    public var source: String?

    public init(id: String, recipient: String, operation: String, note: String? = nil,
                subject: Dimension.Subject = .coalitionCase, source: String? = nil) {
        self.id = id
        self.recipient = recipient
        self.operation = operation
        self.note = note
        self.subject = subject
        self.source = source
    }

    /// The actor the subject is about (the recipient of a case, the actor of an operation-actor pair).
    public var actor: String { recipient }
}
