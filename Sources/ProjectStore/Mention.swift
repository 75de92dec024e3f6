import Foundation

/// One passage that names an actor.
public struct Mention: Codable, Sendable, Equatable {
    public var passageId: Int64
    public var documentId: Int64
    public var kind: String
    public var actorId: String
    /// The alias that matched, or `persName`/`gloss` link id for FRUS links.
    public var alias: String
    /// Where in the passage (Unicode scalars, end exclusive); nil for link-only mentions.
    public var start: Int?
    public var end: Int?
    public var text: String
}
