import Foundation
import GRDB
import Testing
@testable import ProjectStore

/// `ArchiveImporter.withdraw(batchId:)`, which `import refi --add-documents` uses to take back the
/// documents it made when the rest of the file fails: only a batch of new documents nobody works on.
@Suite struct ImportWithdrawalTests {
    @Test func aNewUnusedBatchIsTakenBackWhole() throws {
        let (db, dir) = try TestSupport.temporaryProject()
        defer { try? FileManager.default.removeItem(at: dir) }
        let importer = ArchiveImporter(database: db)
        let kept = importer.importFile(TestSupport.samples.appendingPathComponent("egypt-debt-1990.txt"))
        #expect(kept.status == .imported)
        let before = try TestSupport.snapshot(db)
        let file = try TestSupport.write("First paragraph.\n\nSecond paragraph about debt.\n", named: "new.txt", in: dir)
        let made = importer.importFile(file)
        #expect(made.status == .imported)
        #expect(try PassageSearch(database: db).search("\"Second paragraph\"").count == 1)
        #expect(try importer.withdraw(batchId: try #require(made.batchId)))
        #expect(try TestSupport.snapshot(db) == before)
        #expect(try PassageSearch(database: db).search("\"Second paragraph\"").isEmpty, "the search index follows")
        // Nothing to take back twice.
        #expect(try importer.withdraw(batchId: made.batchId!) == false)
    }

    @Test func aBatchOfNewVersionsOrOneAlreadyAssignedStays() throws {
        let (db, dir) = try TestSupport.temporaryProject()
        defer { try? FileManager.default.removeItem(at: dir) }
        let importer = ArchiveImporter(database: db)
        let file = try TestSupport.write("One.\n\nTwo.\n", named: "doc.txt", in: dir)
        let first = importer.importFile(file)
        try Data("One.\n\nTwo, changed.\n".utf8).write(to: file)
        let second = importer.importFile(file)
        #expect(second.status == .imported && second.newVersions == 1)
        let snapshot = try TestSupport.snapshot(db)
        #expect(try importer.withdraw(batchId: try #require(second.batchId)) == false, "an earlier version exists")
        #expect(try TestSupport.snapshot(db) == snapshot)
        _ = first

        let other = try TestSupport.write("Alone.\n", named: "alone.txt", in: dir)
        let made = importer.importFile(other)
        let passage = try #require(try DocumentCatalog(database: db).documents().first { $0.title == nil && $0.sourcePath.hasSuffix("alone.txt") })
        let pid = try #require(try DocumentCatalog(database: db).passages(documentId: passage.id!).first?.id)
        let codebook = try CodebookStore(database: db).load(file: TestSupport.repoRoot.appendingPathComponent("Codebooks/buying-allies.yaml")).version
        _ = try RegisterStore(database: db).load(file: TestSupport.repoRoot.appendingPathComponent("Imports/register/buying-allies.yaml"))
        let store = CodingStore(database: db)
        try store.addCoder(handle: "ana", name: "Ana", role: .coder)
        _ = try store.createRound(name: "r", purpose: .production, codebook: codebook, blind: false)
        try store.assign(round: "r", coders: ["ana"], units: [CodingUnit(passageId: pid, caseId: "GULF-1990/EGY")], method: "test")
        let assigned = try TestSupport.snapshot(db)
        #expect(try importer.withdraw(batchId: try #require(made.batchId)) == false, "a unit of it is assigned")
        #expect(try TestSupport.snapshot(db) == assigned)

        // A coding on a passage of the batch, in a round without assignments, keeps it too.
        let lone = importer.importFile(try TestSupport.write("Single.\n", named: "single.txt", in: dir))
        let loneDoc = try #require(try DocumentCatalog(database: db).documents().first { $0.sourcePath.hasSuffix("/single.txt") })
        let lonePassage = try #require(try DocumentCatalog(database: db).passages(documentId: loneDoc.id!).first?.id)
        _ = try store.createRound(name: "free", purpose: .production, codebook: codebook, blind: false)
        _ = try store.add(.init(coder: "ana", round: "free", unit: CodingUnit(passageId: lonePassage, caseId: "GULF-1990/EGY"),
                                criterion: "WIR.link"))
        let coded = try TestSupport.snapshot(db)
        #expect(try importer.withdraw(batchId: try #require(lone.batchId)) == false, "a passage of it is coded")
        #expect(try TestSupport.snapshot(db) == coded)
    }
}
