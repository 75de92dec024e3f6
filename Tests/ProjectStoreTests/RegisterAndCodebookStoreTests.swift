import Codebook
import Foundation
import Testing
@testable import ProjectStore

@Suite struct RegisterAndCodebookStoreTests {
    @Test func codebookVersionsLoadChangeReloadDiff() throws {
        let db = try ProjectDatabase.inMemory()
        let store = CodebookStore(database: db)
        let url = TestSupport.repoRoot.appendingPathComponent("Codebooks/buying-allies.yaml")
        let first = try store.load(file: url)
        #expect(first.isNew && first.version.revision == 1)
        #expect(try store.load(file: url).isNew == false, "the same content is not a new version")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cb-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let changed = try String(contentsOf: url, encoding: .utf8)
            .replacingOccurrences(of: "version: \"2.0.0\"", with: "version: \"2.1.0\"")
            .replacingOccurrences(of: "label: Volunteered", with: "label: Volunteered first")
        let second = try store.load(file: try TestSupport.write(changed, named: "b.yaml", in: dir))
        #expect(second.isNew && second.version.revision == 2 && second.previous?.revision == 1)
        #expect(try store.version("2.0.0").revision == 1)
        #expect(try store.version("r2").version == "2.1.0")
        #expect(try store.version().revision == 2)
        let diff = CodebookDiff(from: try store.version("r1").definition, to: try store.version("r2").definition)
        #expect(diff.changedCriteria.map(\.id) == ["WIR.volunteered"])
        #expect(throws: StoreError.self) { try store.version("9.9.9") }
    }

    @Test func anInvalidCodebookIsNotStored() throws {
        let db = try ProjectDatabase.inMemory()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cb-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = try TestSupport.write("id: x\nversion: \"1.0.0\"\ntitle: t\ndimensions:\n  - id: d\n    label: D\n    categories:\n      - id: A\n        label: A\n        rule: NOPE.x\n    criteria: []\n", named: "bad.yaml", in: dir)
        #expect(throws: CodebookError.self) { try CodebookStore(database: db).load(file: bad) }
        #expect(try CodebookStore(database: db).versions().isEmpty)
    }

    @Test func aBadRegisterLoadsNothing() throws {
        let db = try ProjectDatabase.inMemory()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("reg-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let yaml = """
            actors:
              - {id: COL, name: Colombia, kind: state, iso3: COL}
              - {id: USA, name: United States, kind: state, iso3: USA}
            operations:
              - {id: KOREA-1950, name: Korean War, framework: un, start_year: 1950, pivotal_states: [USA]}
            cases:
              - {id: KOREA-1950/COL, recipient: COL, operation: KOREA-1950}
              - {id: KOREA-1950/XXX, recipient: XXX, operation: KOREA-1950}
            """
        let file = try TestSupport.write(yaml, named: "r.yaml", in: dir)
        do {
            try RegisterStore(database: db).load(file: file)
            Issue.record("a register with an unknown actor was loaded")
        } catch let error as RegisterError {
            #expect(error.issues.contains { $0.location.line == 8 }, "\(error)")
        }
        #expect(try RegisterStore(database: db).register().actors.isEmpty)
    }

    @Test func mentionsRespectWordBoundariesAndFRUSLinks() throws {
        let (sample, _, _) = try openRoundProject()
        let finder = MentionFinder(database: sample.database)
        let colombia = try finder.mentions(ofActor: "Colombia")
        #expect(colombia.contains { $0.alias == "Colombia" && $0.start != nil })
        // Every matched span is exactly an alias of the actor, not part of a longer word.
        let (passage, _) = try DocumentCatalog(database: sample.database).passage(id: colombia[0].passageId)
        let scalars = Array(passage.text.unicodeScalars)
        let m = colombia[0]
        #expect(String(String.UnicodeScalarView(scalars[m.start!..<m.end!])) == m.text)
        if m.end! < scalars.count { #expect(!CharacterSet.letters.contains(scalars[m.end!])) }
        #expect(throws: StoreError.self) { try finder.mentions(ofActor: "Atlantis") }
        // An actor can be named by a marked alias ("=ROK" in the register), and "Korea" never
        // matches inside "Koreans".
        #expect(try finder.mentions(ofActor: "ROK").allSatisfy { $0.actorId == "KOR" })
        let korea = try finder.mentions(ofActor: "KOR")
        #expect(korea.allSatisfy { !$0.text.lowercased().hasPrefix("korean") })
    }
}
