import Codebook
import Foundation
import GRDB
import Testing
@testable import ProjectStore

/// Stored mentions (`MentionStore`) against the live search that defines them: after every kind of
/// write that changes what `mentions` prints, every actor's stored rows must be current and equal
/// to the live search's, row for row.
@Suite struct MentionStoreTests {
    static let volume = try! String(contentsOf: TestSupport.repoRoot
        .appendingPathComponent("Tests/ArchiveIngestTests/Fixtures/frus-volume.xml"), encoding: .utf8)

    /// A second volume of the same kind: another id, its ambassador accredited elsewhere, and a
    /// document that names Colombia and Korea.
    static var secondVolume: String {
        volume.replacingOccurrences(of: "frus1964-68v99", with: "frus1964-68v98")
            .replacingOccurrences(of: "to Korea</item>", with: "to Colombia</item>")
            // A passage naming Colombia in its text and through the Ambassador's link: listed once, by its text.
            .replacingOccurrences(of: "MND</gloss> today.", with: "MND</gloss> today in Colombia.")
            .replacingOccurrences(of: "Text of the second document.",
                                  with: "Text of the second document about the Republic of Korea, Colombia and the US.")
    }

    static let register = Register(actors: [
        Actor(id: "KOR", name: "South Korea", kind: .state, iso3: "KOR", aliases: ["Korea", "Republic of Korea", "=ROK"]),
        Actor(id: "COL", name: "Colombia", kind: .state, iso3: "COL", aliases: []),
        Actor(id: "USA", name: "United States", kind: .state, iso3: "USA", aliases: ["=US", "Department of State"]),
    ], operations: [], cases: [], payments: [])

    /// Every actor's stored mentions are current and the same as the live search's.
    func expectStoredEqualsLive(_ db: ProjectDatabase, _ step: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let finder = MentionFinder(database: db)
        for actor in try RegisterStore(database: db).register().actors {
            #expect(try MentionStore(database: db).isCurrent(actorId: actor.id), "\(step): \(actor.id) not current",
                    sourceLocation: sourceLocation)
            let stored = try finder.mentions(ofActor: actor.id)
            let live = try finder.liveMentions(ofActor: actor.id)
            #expect(stored == live, "\(step): \(actor.id) stored \(stored) live \(live)", sourceLocation: sourceLocation)
        }
    }

    func importText(_ text: String, named name: String, _ db: ProjectDatabase, in dir: URL) throws -> FileImportResult {
        let result = ArchiveImporter(database: db).importFile(try TestSupport.write(text, named: name, in: dir))
        #expect(result.status == .imported, "\(result.error ?? "")")
        #expect(result.warnings.allSatisfy { !$0.contains("stored mentions") }, "\(result.warnings)")
        return result
    }

    @Test func storedMentionsFollowImportsRegisterEditsRetirementsAndNewVersions() throws {
        let (db, dir) = try TestSupport.temporaryProject()
        try RegisterStore(database: db).store(Self.register)
        _ = try importText(Self.volume, named: "v99.xml", db, in: dir)
        try expectStoredEqualsLive(db, "first import")
        let korea = try MentionFinder(database: db).mentions(ofActor: "KOR")
        // Text mentions and a FRUS link mention (the Ambassador, "Ambassador to Korea" in the persons list).
        #expect(korea.contains { $0.start != nil && $0.text == "Korea" })
        #expect(korea.contains { $0.start == nil && $0.alias == "p_BWG1" && $0.text == "Ambassador" })

        _ = try importText(Self.secondVolume, named: "v98.xml", db, in: dir)
        try expectStoredEqualsLive(db, "second import")
        let colombia = try MentionFinder(database: db).mentions(ofActor: "COL")
        #expect(colombia.contains { $0.text == "Colombia" && $0.kind == "body" })
        // The Ambassador's link names Colombia too, but that passage is listed by its text only.
        #expect(!colombia.contains { m in m.start == nil && colombia.contains { $0.passageId == m.passageId && $0.start != nil } })

        // A register edit that adds an alias; a new actor named through a glossary term.
        try RegisterStore(database: db).updateActor(id: "KOR", aliases: ["Korea", "Republic of Korea", "=ROK", "Deptel"])
        try RegisterStore(database: db).create(actor: Actor(id: "MND", name: "Ministry of National Defense", kind: .organisation))
        try expectStoredEqualsLive(db, "register edit")
        // The generation made before the edit is gone, rows and coverage.
        #expect(try db.writer.read { db in
            try Int.fetchOne(db, sql: """
                SELECT (SELECT COUNT(*) FROM actor_mention a WHERE a.actor_id = 'KOR' AND a.generation < m.generation)
                     + (SELECT COUNT(*) FROM mention_coverage c WHERE c.actor_id = 'KOR' AND c.generation < m.generation)
                FROM mention_actor m WHERE m.actor_id = 'KOR'
                """)
        } == 0)
        #expect(try MentionFinder(database: db).mentions(ofActor: "KOR").contains { $0.text == "Deptel" })
        #expect(try MentionFinder(database: db).mentions(ofActor: "MND").contains { $0.alias == "t_MND1" && $0.start == nil })

        // Retiring and restoring a document changes what is listed, not what is stored.
        let retired = try #require(korea.first?.documentId)
        try CodingStore(database: db).addCoder(handle: "lee", name: "Lee", role: .lead)
        let retirement = DocumentRetirement(database: db)
        try retirement.retire(documentId: retired, reason: "test", force: true, as: Viewer("lee"))
        try expectStoredEqualsLive(db, "retirement")
        #expect(try !MentionFinder(database: db).mentions(ofActor: "KOR").contains { $0.documentId == retired })
        try retirement.restore(documentId: retired, as: Viewer("lee"))
        try expectStoredEqualsLive(db, "restore")

        // A new version of one document (the file's glossary is saved again, so the batch of the
        // first version is recomputed), then one whose glossary changes and links the changed entry.
        _ = try importText(Self.volume.replacingOccurrences(of: "Text of the second document.",
                                                            with: "Text of the second document, from Korea."), named: "v99.xml", db, in: dir)
        try expectStoredEqualsLive(db, "new version")
        let changedGlossary = Self.volume
            .replacingOccurrences(of: "Special Assistant</item>", with: "Special Assistant on Korea</item>")
            .replacingOccurrences(of: "Text of the second document.",
                                  with: "Text of the second document; <persName corresp=\"#p_BMG1\">Bundy</persName> agreed.")
        _ = try importText(changedGlossary, named: "v99.xml", db, in: dir)
        try expectStoredEqualsLive(db, "glossary change")
        #expect(try MentionFinder(database: db).mentions(ofActor: "KOR").contains { $0.alias == "p_BMG1" && $0.text == "Bundy" })
    }

    @Test func aRegisterLoadedAfterTheImportsComputesEveryActor() throws {
        let (db, dir) = try TestSupport.temporaryProject()
        _ = try importText(Self.volume, named: "v99.xml", db, in: dir)
        _ = try importText(Self.secondVolume, named: "v98.xml", db, in: dir)
        #expect(try !MentionStore(database: db).isCurrent(actorId: "KOR"))
        try RegisterStore(database: db).store(Self.register)
        try expectStoredEqualsLive(db, "register load")
        // Loading the same register again computes nothing.
        #expect(try MentionStore(database: db).refresh() == MentionStore.RefreshSummary())
    }

    /// The stored rows are what `mentions` reads when current (a row changed behind the store's
    /// back shows), and a change they do not account for (a glossary entry written directly) makes
    /// the read fall back to the live search.
    @Test func currentRowsAreReadAndStaleOnesAreNot() throws {
        let (db, dir) = try TestSupport.temporaryProject()
        try RegisterStore(database: db).store(Self.register)
        _ = try importText(Self.volume, named: "v99.xml", db, in: dir)
        try db.writer.write { try $0.execute(sql: "UPDATE actor_mention SET text = 'tampered' WHERE actor_id = 'KOR'") }
        #expect(try MentionFinder(database: db).mentions(ofActor: "KOR").allSatisfy { $0.text == "tampered" })
        #expect(try MentionFinder(database: db).liveMentions(ofActor: "KOR").allSatisfy { $0.text != "tampered" })

        try db.writer.write { db in
            try GlossaryRecord(volumeId: "frus1964-68v99", kind: "term", ref: "t_X", label: "X", description: "y").save(withSearchForm: db)
        }
        #expect(try !MentionStore(database: db).isCurrent(actorId: "KOR"))
        try expectStoredEqualsLiveOrLive(db)
        // The next write that refreshes brings them back, computed anew for that batch.
        try MentionStore(database: db).refresh()
        try expectStoredEqualsLive(db, "after refresh")
    }

    func expectStoredEqualsLiveOrLive(_ db: ProjectDatabase) throws {
        let finder = MentionFinder(database: db)
        #expect(try finder.mentions(ofActor: "KOR") == finder.liveMentions(ofActor: "KOR"))
    }

    /// A project read through a read-only handle reads the stored rows and writes nothing.
    @Test func readOnlyReadersUseStoredRows() throws {
        let (db, dir) = try TestSupport.temporaryProject()
        try RegisterStore(database: db).store(Self.register)
        _ = try importText(Self.volume, named: "v99.xml", db, in: dir)
        let before = try TestSupport.snapshot(db)
        let reader = try ProjectDatabase.openForReading(path: dir.appendingPathComponent("project.sqlite").path)
        #expect(try MentionStore(database: reader).isCurrent(actorId: "KOR"))
        #expect(try MentionFinder(database: reader).mentions(ofActor: "KOR") == MentionFinder(database: db).liveMentions(ofActor: "KOR"))
        #expect(try MentionStore(database: reader).refresh() == MentionStore.RefreshSummary())
        #expect(try TestSupport.snapshot(db) == before)
    }
}
