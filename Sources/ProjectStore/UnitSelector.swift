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

    /// Which passages may become units, besides the method's own choice.
    public struct Scope: Sendable {
        /// Document filters, as for `documents` and `search`.
        public var filter: DocumentFilter
        /// Keep editorial material (editors' footnotes, editorial notes); off by default so the units
        /// are archival text only (see `Editorial`).
        public var includeEditorial: Bool
        /// For mention-based candidates: do not limit them to the years of the case's operation
        /// when no `--from/--to` is given.
        public var anyDate: Bool

        public init(filter: DocumentFilter = DocumentFilter(), includeEditorial: Bool = false, anyDate: Bool = false) {
            self.filter = filter
            self.includeEditorial = includeEditorial
            self.anyDate = anyDate
        }
    }

    /// Candidates for a case from a full-text query, a list of documents, or (neither given) the
    /// passages mentioning the case's recipient, within `scope`. Returns the units and a description
    /// of the method (with the filters applied, for the sample's record).
    public func candidates(caseId: String, query: String?, queryMode: SearchQuery.Mode = .plain, documentIds: [Int64]?,
                           scope: Scope = Scope()) throws -> ([CodingUnit], String) {
        try scope.filter.validate()
        let operation = try database.writer.read { db in
            try Row.fetchOne(db, sql: """
                SELECT o.id, o.start_year, o.end_year FROM coalition_case c JOIN operation o ON o.id = c.operation_id
                WHERE c.id = ?
                """, arguments: [caseId])
        }
        guard let operation else {
            let exists = try database.writer.read { db in
                try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM coalition_case WHERE id = ?)", arguments: [caseId]) ?? false
            }
            guard exists else { throw CodingError.unknownCase(caseId) }
            return try candidates(caseId: caseId, query: query, queryMode: queryMode, documentIds: documentIds,
                                  scope: scope, operationYears: nil)
        }
        let start: Int? = operation["start_year"]
        let end: Int? = operation["end_year"]
        return try candidates(caseId: caseId, query: query, queryMode: queryMode, documentIds: documentIds, scope: scope,
                              operationYears: start.map { s in (s, end ?? s) })
    }

    private func candidates(caseId: String, query: String?, queryMode: SearchQuery.Mode, documentIds: [Int64]?,
                            scope: Scope, operationYears: (Int, Int)?) throws -> ([CodingUnit], String) {
        var filter = scope.filter
        var notes: [String] = []
        let byMentions = query == nil && documentIds == nil
        if byMentions, !scope.anyDate, filter.dateFrom == nil, filter.dateTo == nil, let (from, to) = operationYears {
            // A case's evidence lies in its operation's years: a Vietnam 1964–73 case should not draw
            // passages from a 1917 volume that happens to name the recipient.
            filter.dateFrom = String(from)
            filter.dateTo = String(to)
            notes.append("dated \(from)–\(to), the operation's years")
        } else {
            if let f = filter.dateFrom { notes.append("from \(f)") }
            if let t = filter.dateTo { notes.append("to \(t)") }
        }
        if let v = filter.volume { notes.append("volume \(v)") }
        if let t = filter.docType { notes.append("type \(t)") }
        if let c = filter.classification { notes.append("marking \(c)") }
        notes.append(scope.includeEditorial ? "editorial material included" : "archival text only")
        let (conditions, args) = filter.sql()
        var kinds = Self.codableKinds
        var editorialClause = ""
        if !scope.includeEditorial {
            kinds = kinds.filter { !Editorial.passageKinds.contains($0) }
            editorialClause = " AND NOT \(Editorial.documentCondition(alias: "d"))"
        }
        let kindList = kinds.map { "'\($0)'" }.joined(separator: ",")
        let scoped = "d.is_current = 1 AND p.kind IN (\(kindList))\(editorialClause) AND \(conditions)"

        if let query {
            let q = SearchQuery(query, mode: queryMode)
            let expression = try q.ftsExpression()
            let ids = try PassageSearch.translatingQueryErrors(query: q) {
                try database.writer.read { db in
                    try Int64.fetchAll(db, sql: """
                        SELECT p.id FROM passage_fts JOIN passage p ON p.id = passage_fts.rowid
                        JOIN document d ON d.id = p.document_id
                        WHERE passage_fts MATCH ? AND \(scoped) ORDER BY p.id
                        """, arguments: [expression] + args)
                }
            }
            return (ids.map { CodingUnit(passageId: $0, caseId: caseId) }, describe("full-text query", notes))
        }
        if let documentIds {
            let ids = try database.writer.read { db in
                for id in documentIds where try DocumentRecord.fetchOne(db, key: id) == nil {
                    throw StoreError.documentNotFound(String(id))
                }
                return try Int64.fetchAll(db, sql: """
                    SELECT p.id FROM passage p JOIN document d ON d.id = p.document_id
                    WHERE p.document_id IN (\(documentIds.map(String.init).joined(separator: ",")))
                    AND \(scoped.replacingOccurrences(of: "d.is_current = 1 AND ", with: "")) ORDER BY p.id
                    """, arguments: args)
            }
            return (ids.map { CodingUnit(passageId: $0, caseId: caseId) }, describe("documents", notes))
        }
        let mentions = try MentionFinder(database: database).mentions(ofCase: caseId)
        let mentioned = Set(mentions.map(\.passageId))
        let allowed = try database.writer.read { db in
            try Set(Int64.fetchAll(db, sql: """
                SELECT p.id FROM passage p JOIN document d ON d.id = p.document_id WHERE \(scoped)
                """, arguments: args))
        }
        let ids = mentioned.intersection(allowed).sorted()
        return (ids.map { CodingUnit(passageId: $0, caseId: caseId) }, describe("mentions of the recipient", notes))
    }

    private func describe(_ method: String, _ notes: [String]) -> String {
        notes.isEmpty ? method : "\(method); \(notes.joined(separator: ", "))"
    }
}
