import Foundation
import GRDB
import Testing
@testable import ProjectStore

/// `assign`'s candidates: document filters, editorial material left out, mentions within the
/// operation's years.
@Suite struct UnitSelectorTests {
    /// Sample transcripts and register, plus the FRUS excerpts of the shared corpus when present.
    static func project() throws -> (ProjectDatabase, URL) {
        let (db, dir) = try TestSupport.temporaryProject()
        var paths = [TestSupport.samples.path]
        if TestSupport.corpusExists { paths.append(TestSupport.corpus.appendingPathComponent("frus").path) }
        for file in try ArchiveImporter.expand(paths: paths) where !file.path.contains("/frus/whole") && !file.path.contains("/series/") && !file.path.contains("/modern/") {
            _ = ArchiveImporter(database: db).importFile(file)
        }
        try RegisterStore(database: db).load(file: TestSupport.repoRoot.appendingPathComponent("Imports/register/buying-allies.yaml"))
        return (db, dir)
    }

    struct Facts { var kind: String; var docType: String?; var dateMin: String?; var dateMax: String?; var volume: String? }

    static func facts(_ units: [CodingUnit], _ db: ProjectDatabase) throws -> [Facts] {
        try db.writer.read { db in
            try units.map { u in
                let row = try Row.fetchOne(db, sql: """
                    SELECT p.kind, d.doc_type, d.date_min, d.date_max, d.volume_id FROM passage p
                    JOIN document d ON d.id = p.document_id WHERE p.id = ?
                    """, arguments: [u.passageId])!
                return Facts(kind: row["kind"], docType: row["doc_type"], dateMin: row["date_min"], dateMax: row["date_max"],
                             volume: row["volume_id"])
            }
        }
    }

    @Test(.enabled(if: TestSupport.corpusExists, "../shared/corpus is absent: the sample transcripts alone have no editorial passages outside the operation's years"))
    func mentionsStayInTheOperationsYearsAndLeaveEditorialMaterialOut() throws {
        let (db, dir) = try Self.project()
        defer { try? FileManager.default.removeItem(at: dir) }
        let selector = UnitSelector(database: db)
        // VIETNAM-1964 runs 1964–1973 in the register.
        let (units, method) = try selector.candidates(caseId: "VIETNAM-1964/PHL", query: nil, documentIds: nil)
        #expect(method.contains("1964–1973"))
        #expect(!units.isEmpty)
        for f in try Self.facts(units, db) {
            #expect(f.kind == "body")
            #expect(f.docType != "editorial note")
            #expect((f.dateMax ?? f.dateMin ?? "") >= "1964" && (f.dateMin ?? "9999") <= "1973\u{10FFFF}")
        }
        let (wide, wideMethod) = try selector.candidates(caseId: "VIETNAM-1964/PHL", query: nil, documentIds: nil,
                                                         scope: .init(includeEditorial: true, anyDate: true))
        #expect(wideMethod.contains("editorial material included"))
        #expect(Set(units).isSubset(of: Set(wide)))
        #expect(wide.count > units.count)
        let wideFacts = try Self.facts(wide, db)
        #expect(wideFacts.contains { Editorial.isEditorial(kind: $0.kind, docType: $0.docType) })
        // Explicit dates replace the operation's years.
        let (in1966, _) = try selector.candidates(caseId: "VIETNAM-1964/PHL", query: nil, documentIds: nil,
                                                  scope: .init(filter: DocumentFilter(dateFrom: "1966", dateTo: "1966")))
        #expect(try Self.facts(in1966, db).allSatisfy { ($0.dateMin ?? "").hasPrefix("1966") || ($0.dateMax ?? "") >= "1966" })
        #expect(in1966.count <= units.count)
    }

    @Test func queryAndDocumentCandidatesTakeTheDocumentFilters() throws {
        let (db, dir) = try Self.project()
        defer { try? FileManager.default.removeItem(at: dir) }
        let selector = UnitSelector(database: db)
        let (all, _) = try selector.candidates(caseId: "VIETNAM-1964/PHL", query: "troops", documentIds: nil)
        let (telegrams, _) = try selector.candidates(caseId: "VIETNAM-1964/PHL", query: "troops", documentIds: nil,
                                                     scope: .init(filter: DocumentFilter(docType: "telegram")))
        #expect(try Self.facts(telegrams, db).allSatisfy { $0.docType == "telegram" })
        #expect(telegrams.count <= all.count)
        if TestSupport.corpusExists {
            #expect(!telegrams.isEmpty && telegrams.count < all.count)
            let (v02, _) = try selector.candidates(caseId: "VIETNAM-1964/PHL", query: "troops", documentIds: nil,
                                                   scope: .init(filter: DocumentFilter(volume: "frus1964-68v02")))
            #expect(!v02.isEmpty)
            #expect(try Self.facts(v02, db).allSatisfy { $0.volume == "frus1964-68v02" })
        }
        #expect(throws: StoreError.self) {
            try selector.candidates(caseId: "VIETNAM-1964/PHL", query: "troops", documentIds: nil,
                                    scope: .init(filter: DocumentFilter(dateFrom: "1965-13")))
        }
    }
}
