import Foundation
import GRDB
import Testing
@testable import ProjectStore

/// A document imported by mistake is retired: hidden from search, mentions and assignment, kept in
/// the project, logged, and brought back by `restore`.
@Suite struct DocumentRetirementTests {
    static func sample() throws -> SampleProject {
        let sample = try SampleProject(root: TestSupport.repoRoot)
        try sample.build(adjudicate: false)
        return sample
    }

    @Test func retiredDocumentLeavesSearchMentionsAndAssignmentUntilRestored() throws {
        // The sample transcripts and register, no codings; lee leads, ana codes.
        let (db, dir) = try TestSupport.temporaryProject()
        defer { try? FileManager.default.removeItem(at: dir) }
        for file in try ArchiveImporter.expand(paths: [TestSupport.samples.path]) { _ = ArchiveImporter(database: db).importFile(file) }
        try RegisterStore(database: db).load(file: TestSupport.repoRoot.appendingPathComponent("Imports/register/buying-allies.yaml"))
        try CodingStore(database: db).addCoder(handle: "lee", name: "Lee", role: .lead)
        try CodingStore(database: db).addCoder(handle: "ana", name: "Ana", role: .coder, by: Viewer("lee"))
        let egypt = try DocumentCatalog(database: db).resolve("egypt-debt-1990.txt")
        let id = try #require(egypt.id)
        func visible() throws -> (search: Bool, mentions: Bool, candidates: Bool, listed: Bool) {
            let hits = try PassageSearch(database: db).search("debt", limit: 1000)
            let mentions = try MentionFinder(database: db).mentions(ofCase: "GULF-1990/EGY")
            let (units, _) = try UnitSelector(database: db).candidates(caseId: "GULF-1990/EGY", query: "debt", documentIds: nil)
            let passages = Set(try db.writer.read { try Int64.fetchAll($0, sql: "SELECT id FROM passage WHERE document_id = ?", arguments: [id]) })
            let listed = try DocumentCatalog(database: db).documents(filter: DocumentFilter(), text: nil, textMode: .plain, limit: nil)
            return (hits.contains { $0.documentId == id }, mentions.contains { $0.documentId == id },
                    units.contains { passages.contains($0.passageId) }, listed.contains { $0.id == id })
        }
        let before = try visible()
        #expect(before.search && before.mentions && before.candidates && before.listed, "\(before)")

        let retirement = DocumentRetirement(database: db)
        #expect(throws: StoreError.self) { try retirement.retire(documentId: id, reason: "  ", as: Viewer("lee")) }
        #expect(throws: CodingError.self) { try retirement.retire(documentId: id, reason: "mine", as: Viewer("ana")) }
        let outcome = try retirement.retire(documentId: id, reason: "imported from a draft", as: Viewer("lee"))
        #expect(outcome.record.codings == 0 && outcome.record.retiredBy == "lee")
        let after = try visible()
        #expect(!after.search && !after.mentions && !after.candidates && !after.listed, "\(after)")
        #expect(try retirement.retirement(documentId: id)?.reason == "imported from a draft")
        let problems = try ProjectCheck.run(db).problems
        #expect(problems.isEmpty, "\(problems)")
        do {
            try retirement.retire(documentId: id, reason: "again", as: Viewer("lee"))
            Issue.record("a retired document was retired twice")
        } catch let error as StoreError {
            #expect(error.errorDescription?.contains("already retired") == true && error.errorDescription?.contains("by lee") == true)
        }

        // Importing the same file again does not bring it back.
        _ = ArchiveImporter(database: db).importFile(TestSupport.samples.appendingPathComponent("egypt-debt-1990.txt"))
        #expect(try visible().search == false)

        // Coders may not retire or restore.
        #expect(throws: CodingError.self) { try retirement.restore(documentId: id, as: Viewer("ana")) }
        #expect(try retirement.restore(documentId: id, reason: "it belongs after all", as: Viewer("lee")) == id)
        let restored = try visible()
        #expect(restored.search && restored.mentions && restored.candidates && restored.listed)
        #expect(try retirement.retirement(documentId: id) == nil)
        #expect(try ProjectCheck.run(db).problems.isEmpty)
        let actions = try db.writer.read { try String.fetchAll($0, sql: "SELECT action FROM audit_event WHERE entity = 'document' ORDER BY id") }
        #expect(actions == ["document.retire", "document.restore"])
    }

    @Test func aCodedDocumentIsRetiredOnlyWithForceAndItsCodingsStay() throws {
        let sample = try Self.sample()
        let db = sample.database
        let (id, codings) = try db.writer.read { db -> (Int64, Int) in
            let row = try #require(try Row.fetchOne(db, sql: """
                SELECT p.document_id, COUNT(*) AS n FROM coding c JOIN passage p ON p.id = c.passage_id
                WHERE c.retracted_at IS NULL GROUP BY p.document_id ORDER BY n DESC LIMIT 1
                """))
            return (row["document_id"], row["n"])
        }
        let retirement = DocumentRetirement(database: db)
        let snapshot = try TestSupport.snapshot(db)
        do {
            try retirement.retire(documentId: id, reason: "wrong volume", as: Viewer("lee"))
            Issue.record("a coded document was retired without --force")
        } catch let error as StoreError {
            #expect(error.errorDescription?.contains("has \(codings) coding(s)") == true, "\(error)")
            #expect(error.errorDescription?.contains("--force") == true)
        }
        #expect(try TestSupport.snapshot(db) == snapshot)
        #expect(throws: CodingError.self) { try retirement.retire(documentId: id, reason: "wrong volume", force: true, as: Viewer("ana")) }
        let outcome = try retirement.retire(documentId: id, reason: "wrong volume", force: true, as: Viewer("lee"))
        #expect(outcome.record.codings == codings)
        let standing = try db.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM coding WHERE retracted_at IS NULL") }
        #expect(standing ?? 0 >= codings)
    }
}
