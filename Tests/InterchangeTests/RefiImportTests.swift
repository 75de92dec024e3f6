import Codebook
import Foundation
import GRDB
import Testing
@testable import Interchange
import ProjectStore

@Suite struct RefiImportTests {
    static let root = SchemaValidation.repoRoot

    static func temporaryFolder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("refi-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A project with the sample transcripts, codebook and register, and an open production round `ext`.
    static func freshProject() throws -> ProjectDatabase {
        let db = try ProjectDatabase.inMemory()
        let importer = ArchiveImporter(database: db)
        for file in try ArchiveImporter.expand(paths: [root.appendingPathComponent("Imports/transcripts").path]) {
            #expect(importer.importFile(file).status != .failed)
        }
        let codebook = try CodebookStore(database: db).load(file: root.appendingPathComponent("Codebooks/buying-allies.yaml")).version
        _ = try RegisterStore(database: db).load(file: root.appendingPathComponent("Imports/register/buying-allies.yaml"))
        _ = try CodingStore(database: db).createRound(name: "ext", purpose: .production, codebook: codebook, blind: false)
        return db
    }

    /// What makes a coding the same in two projects: passage by document identity and anchor.
    static func signature(_ db: ProjectDatabase, round: String) throws -> [String] {
        try db.writer.read { db in
            try String.fetchAll(db, sql: """
                SELECT c.coder || '|' || d.identity || '|' || p.anchor || '|' || c.case_id || '|' || c.criterion_id || '|'
                       || COALESCE(c.span_start, '-') || ':' || COALESCE(c.span_end, '-') || '|' || COALESCE(c.quote, '') || '|'
                       || COALESCE(c.note, '') || '|' || COALESCE(c.test, '') || '|' || c.attributes || '|' || k.name
                FROM coding c JOIN coding_round r ON r.id = c.round_id JOIN passage p ON p.id = c.passage_id
                JOIN document d ON d.id = p.document_id JOIN coder k ON k.handle = c.coder
                WHERE r.name = ? AND c.retracted_at IS NULL
                """, arguments: [round]).sorted()
        }
    }

    static func doneUnits(_ db: ProjectDatabase, round: String) throws -> [String] {
        try db.writer.read { db in
            try String.fetchAll(db, sql: """
                SELECT u.coder || '|' || d.identity || '|' || p.anchor || '|' || u.case_id FROM unit_done u
                JOIN coding_round r ON r.id = u.round_id JOIN passage p ON p.id = u.passage_id JOIN document d ON d.id = p.document_id
                WHERE r.name = ?
                """, arguments: [round]).sorted()
        }
    }

    @Test func exportThenImportIntoAFreshProjectGivesTheSameCodingsSpansCodersAndNotes() throws {
        let sample = try SampleProject(root: Self.root)
        try sample.build()
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("rel-1.qdpx")
        try QDPXArchive.write(RefiProjectExport(try RoundWork.load(sample.database, round: SampleProject.round)), to: file)

        let fresh = try Self.freshProject()
        let report = try RefiImport(database: fresh).run(file, options: .init(round: "ext"), as: .anonymous)
        let before = try Self.signature(sample.database, round: SampleProject.round)
        #expect(before.count > 20)
        #expect(before.contains { $0.contains("|89:110|") })
        let after = try Self.signature(fresh, round: "ext")
        #expect(after == before)
        #expect(report.result.added == before.count)
        #expect(report.result.codersAdded == 2)
        #expect(report.matchedSources.allSatisfy { $0.how == "content hash" })
        let doneAfter = try Self.doneUnits(fresh, round: "ext"), doneBefore = try Self.doneUnits(sample.database, round: SampleProject.round)
        #expect(doneAfter == doneBefore, "missing: \(Set(doneBefore).subtracting(doneAfter).sorted().prefix(5)); extra: \(Set(doneAfter).subtracting(doneBefore).sorted().prefix(5))")

        // Again: nothing new.
        let again = try RefiImport(database: fresh).run(file, options: .init(round: "ext"), as: .anonymous)
        #expect(again.result.added == 0 && again.result.skipped == before.count && again.result.unitsDone == 0)
        #expect(try Self.signature(fresh, round: "ext") == before)
    }

    @Test func aCodeThatMatchesNoCriterionImportsNothingAndNamesTheLine() throws {
        let sample = try SampleProject(root: Self.root)
        try sample.build()
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let export = RefiProjectExport(try RoundWork.load(sample.database, round: SampleProject.round))
        try QDPXArchive.writeFolder(export, to: dir)
        // Rename one criterion code so it no longer names a criterion, and give it a foreign GUID.
        let code = RefiCodebook(try CodingStore(database: sample.database).codebook(of: try CodingStore(database: sample.database).round(SampleProject.round)).definition)
        let guid = code.guid(criterion: "WIR.volunteered")
        var qde = export.qde.replacingOccurrences(of: guid, with: "00000000-0000-4000-8000-000000000001")
        qde = qde.replacingOccurrences(of: "name=\"WIR.volunteered \u{2014}", with: "name=\"Volunteering \u{2014}")
        try Data(qde.utf8).write(to: dir.appendingPathComponent("project.qde"))
        let fresh = try Self.freshProject()
        do {
            _ = try RefiImport(database: fresh).run(dir, options: .init(round: "ext"), as: .anonymous)
            Issue.record("an unmapped code was imported")
        } catch {
            let message = (error as? LocalizedError)?.errorDescription ?? ""
            #expect(message.contains("nothing imported"), "\(message)")
            #expect(message.range(of: #"project\.qde:\d+ <Coding>: code 'Volunteering"#, options: .regularExpression) != nil, "\(message)")
        }
        #expect(try Self.signature(fresh, round: "ext").isEmpty)
        #expect(try CodingStore(database: fresh).coders().isEmpty)

        // With a mapping file, it goes in.
        let mapping = dir.appendingPathComponent("map.csv")
        try Data("code,criterion\nVolunteering \u{2014} Volunteered,WIR.volunteered\n".utf8).write(to: mapping)
        var options = RefiImport.Options(round: "ext")
        options.mapping = try RefiImport.mapping(mapping)
        let report = try RefiImport(database: fresh).run(dir, options: options, as: .anonymous)
        #expect(report.result.added == (try Self.signature(sample.database, round: SampleProject.round)).count)
    }

    @Test func malformedProjectFileIsReportedWithItsLine() throws {
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("<?xml version=\"1.0\"?>\n<Project name=\"x\">\n<Users>\n</Project>\n".utf8).write(to: dir.appendingPathComponent("project.qde"))
        let fresh = try Self.freshProject()
        do {
            _ = try RefiImport(database: fresh).run(dir, options: .init(round: "ext"), as: .anonymous)
            Issue.record("a malformed project file was imported")
        } catch {
            let message = (error as? LocalizedError)?.errorDescription ?? ""
            #expect(message.range(of: #"project\.qde:\d+: not well-formed XML"#, options: .regularExpression) != nil, "\(message)")
        }
    }

    @Test func theStandardsExampleProjectImportsItsTextCodings() throws {
        guard SchemaValidation.refiExists else {
            print("skipped: no REFI-QDA example at \(SchemaValidation.refi.path)")
            return
        }
        let example = SchemaValidation.refi.appendingPathComponent("example")
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The interview's text as a plain-text document of the project.
        let source = try #require(try FileManager.default.contentsOfDirectory(atPath: example.appendingPathComponent("sources").path).first)
        let text = dir.appendingPathComponent("Interview 1.txt")
        try FileManager.default.copyItem(at: example.appendingPathComponent("sources/\(source)"), to: text)
        let fresh = try Self.freshProject()
        #expect(ArchiveImporter(database: fresh).importFile(text).status != .failed)
        let mapping = dir.appendingPathComponent("map.csv")
        try Data("Health,PAY.debt_relief\n20000000-0000-0000-0000-000000000003,WIR.link\n".utf8).write(to: mapping)
        var options = RefiImport.Options(round: "ext")
        options.mapping = try RefiImport.mapping(mapping)
        options.defaultCase = "GULF-1990/EGY"
        options.markFinished = true
        let report = try RefiImport(database: fresh).run(example, options: options, as: .anonymous)
        #expect(report.result.added == 2)
        #expect(report.result.codersAdded == 1)
        #expect(report.notCarried.contains { $0.contains("PictureSource") })
        let codings = try CodingStore(database: fresh).codings(round: "ext", as: .anonymous)
        let byCriterion = Dictionary(uniqueKeysWithValues: codings.map { ($0.criterionId, $0) })
        #expect(byCriterion["PAY.debt_relief"]?.quote == "Diet and health")
        #expect(byCriterion["WIR.link"]?.quote == "health are clo")
        #expect(byCriterion["WIR.link"]?.spanStart == 9)
        #expect(Set(codings.map(\.coder)) == ["researcher-a"])
    }

    @Test func sourcesThatMatchNoDocumentComeInAsNewTextDocuments() throws {
        guard SchemaValidation.refiExists else {
            print("skipped: no REFI-QDA example at \(SchemaValidation.refi.path)")
            return
        }
        let example = SchemaValidation.refi.appendingPathComponent("example")
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fresh = try Self.freshProject()
        let documentsBefore = try DocumentCatalog(database: fresh).documents().count
        let mapping = dir.appendingPathComponent("map.csv")
        try Data("Health,PAY.debt_relief\n20000000-0000-0000-0000-000000000003,WIR.link\n".utf8).write(to: mapping)
        var options = RefiImport.Options(round: "ext")
        options.mapping = try RefiImport.mapping(mapping)
        options.defaultCase = "GULF-1990/EGY"

        // Without --add-documents: refused, the way to proceed named, nothing written.
        let untouched = try TestSnapshot.of(fresh)
        #expect(throws: InterchangeError.self) { _ = try RefiImport(database: fresh).run(example, options: options, as: .anonymous) }
        do { _ = try RefiImport(database: fresh).run(example, options: options, as: .anonymous) } catch {
            #expect("\(error.localizedDescription)".contains("--add-documents"), "\(error.localizedDescription)")
        }
        #expect(try TestSnapshot.of(fresh) == untouched)

        // A problem elsewhere in the file (an unmapped code) stops it before any document is made.
        var unmapped = options
        unmapped.mapping = ["Health": "PAY.debt_relief"]
        unmapped.addDocuments = true
        #expect(throws: InterchangeError.self) { _ = try RefiImport(database: fresh).run(example, options: unmapped, as: .anonymous) }
        #expect(try TestSnapshot.of(fresh) == untouched)

        options.addDocuments = true
        let report = try RefiImport(database: fresh).run(example, options: options, as: .anonymous)
        #expect(report.createdDocuments.count == 1)
        #expect(report.result.added == 2)
        let made = try DocumentCatalog(database: fresh).document(id: try #require(report.createdDocuments.first?.documentId))
        #expect(made.title == report.createdDocuments.first?.source)
        #expect(made.collection?.contains("REFI-QDA project example") == true)
        #expect(try DocumentCatalog(database: fresh).documents().count == documentsBefore + 1)
        // The selections land on the same words as in the source, although text import folds whitespace.
        let codings = try CodingStore(database: fresh).codings(round: "ext", as: .anonymous)
        let byCriterion = Dictionary(uniqueKeysWithValues: codings.map { ($0.criterionId, $0) })
        #expect(byCriterion["PAY.debt_relief"]?.quote == "Diet and health")
        #expect(byCriterion["WIR.link"]?.quote == "health are clo")
        #expect(codings.allSatisfy { c in (try? DocumentCatalog(database: fresh).passage(id: c.passageId).1.id) == made.id })

        // Importing the same file again finds the document it made: nothing new.
        let again = try RefiImport(database: fresh).run(example, options: options, as: .anonymous)
        #expect(again.createdDocuments.isEmpty)
        #expect(again.result.added == 0 && again.result.skipped == 2)
        #expect(again.matchedSources.contains { $0.how == "text document from an earlier import" })
        #expect(try DocumentCatalog(database: fresh).documents().count == documentsBefore + 1)
    }

    @Test func alignmentMapsAcrossFoldedWhitespaceOnly() {
        let map = RefiImport.align("  One  two\r\n\r\nthree ", to: "One two\n\nthree")
        #expect(map == [0, 0, 0, 1, 2, 3, 4, 4, 5, 6, 7, 7, 8, 8, 9, 10, 11, 12, 13, 14, 14])
        #expect(RefiImport.align("One two", to: "One too") == nil)
    }
}

/// Every row of the tables an import writes, to show a refused import changed nothing.
enum TestSnapshot {
    static func of(_ db: ProjectDatabase) throws -> String {
        try db.writer.read { db in
            var out = ""
            for table in ["document", "passage", "import_batch", "coding", "coder", "unit_note", "unit_done"] {
                out += "\(table): " + (try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY rowid").map(\.description).joined(separator: "\n")) + "\n"
            }
            return out
        }
    }
}
