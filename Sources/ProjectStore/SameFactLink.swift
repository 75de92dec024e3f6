import GRDB

/// A coder's word that two passages state one fact (`--attr same_fact=p44` on a coding of
/// `passageId`): weighing counts them as one item of evidence.
public struct SameFactLink: Sendable, Hashable {
    public var passageId: Int64
    public var otherPassageId: Int64
    public var coder: String

    public init(passageId: Int64, otherPassageId: Int64, coder: String) {
        self.passageId = passageId
        self.otherPassageId = otherPassageId
        self.coder = coder
    }
}

extension CodingStore {
    /// The `same_fact` links on a round's codings that are not retracted; `onlyCoder` limits them to
    /// one coder's own (what an open blind round lets that coder see).
    public func sameFactLinks(roundId: Int64, onlyCoder: String?) throws -> [SameFactLink] {
        try database.writer.read { db in
            var request = CodingRecord.filter(Column("round_id") == roundId && Column("retracted_at") == nil)
                .filter(sql: "attributes LIKE ?", arguments: ["%\"\(Self.sameFactAttribute)\"%"])
            if let onlyCoder { request = request.filter(Column("coder") == onlyCoder) }
            return try request.fetchAll(db).compactMap { c in
                guard let value = c.attributes[Self.sameFactAttribute], let other = Self.passageNumber(value) else { return nil }
                return SameFactLink(passageId: c.passageId, otherPassageId: other, coder: c.coder)
            }
        }
    }
}
