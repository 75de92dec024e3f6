import Foundation
import GRDB

/// Finds the candidate units (passages for a case) that `assign` can draw from.
public struct UnitSelector: Sendable {
    public let database: ProjectDatabase

    public init(database: ProjectDatabase) {
        self.database = database
    }

    /// Passage kinds that carry evidence: body text and footnotes (not heads or source notes).
    static let codableKinds = ["body", "footnote"]

    /// Candidates for a case from a full-text query, a list of documents, or (neither given) the
    /// passages mentioning the case's recipient. Returns the units and a description of the method.
    public func candidates(caseId: String, query: String?, documentIds: [Int64]?) throws -> ([CodingUnit], String) {
        let exists = try database.writer.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM coalition_case WHERE id = ?)", arguments: [caseId]) ?? false
        }
        guard exists else { throw CodingError.unknownCase(caseId) }
        let kinds = Self.codableKinds.map { "'\($0)'" }.joined(separator: ",")
        if let query {
            let ids = try PassageSearch.translatingQueryErrors(query: query) {
                try database.writer.read { db in
                    try Int64.fetchAll(db, sql: """
                        SELECT p.id FROM passage_fts JOIN passage p ON p.id = passage_fts.rowid
                        JOIN document d ON d.id = p.document_id
                        WHERE passage_fts MATCH ? AND d.is_current = 1 AND p.kind IN (\(kinds)) ORDER BY p.id
                        """, arguments: [query])
                }
            }
            return (ids.map { CodingUnit(passageId: $0, caseId: caseId) }, "full-text query")
        }
        if let documentIds {
            let ids = try database.writer.read { db in
                for id in documentIds where try DocumentRecord.fetchOne(db, key: id) == nil {
                    throw StoreError.documentNotFound(String(id))
                }
                return try Int64.fetchAll(db, sql: """
                    SELECT id FROM passage WHERE document_id IN (\(documentIds.map(String.init).joined(separator: ",")))
                    AND kind IN (\(kinds)) ORDER BY id
                    """)
            }
            return (ids.map { CodingUnit(passageId: $0, caseId: caseId) }, "documents")
        }
        let mentions = try MentionFinder(database: database).mentions(ofCase: caseId)
        let ids = Array(Set(mentions.filter { Self.codableKinds.contains($0.kind) }.map(\.passageId))).sorted()
        return (ids.map { CodingUnit(passageId: $0, caseId: caseId) }, "mentions of the recipient")
    }
}
