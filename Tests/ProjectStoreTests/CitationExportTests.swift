import Foundation
import Testing
@testable import ProjectStore

/// CSL-JSON, BibTeX and RIS for a real FRUS document; the CSL-JSON is rendered by a real citation
/// processor (citeproc-py, `pip install citeproc-py`) when python3 has it, else the test says so.
@Suite("Citation export", .enabled(if: TestSupport.corpusExists))
struct CitationExportTests {
    static func d56() throws -> (DocumentRecord, ProjectDatabase) {
        let db = try ProjectDatabase.inMemory()
        let r = ArchiveImporter(database: db).importFile(TestSupport.corpus.appendingPathComponent("frus/frus1964-68v29p1_d56.xml"))
        #expect(r.status == .imported)
        return (try #require(try DocumentCatalog(database: db).documents().first), db)
    }

    @Test func cslJSONCarriesTheVolumeAndTheArchive() throws {
        let (doc, _) = try Self.d56()
        let item = CitationExport(document: doc).cslJSON()
        #expect(item["id"] as? String == "frus1964-68v29p1/d56")
        #expect(item["type"] as? String == "chapter")
        #expect(item["container-title"] as? String == "Foreign Relations of the United States, 1964–1968, Volume XXIX, Part 1, Korea")
        #expect(item["collection-title"] as? String == "Foreign Relations of the United States")
        #expect((item["editor"] as? [[String: String]])?.first?["family"] == "Gatz")
        #expect(item["publisher-place"] as? String == "Washington")
        #expect(item["archive"] as? String == "National Archives and Records Administration")
        #expect((item["archive_location"] as? String)?.hasPrefix("RG 59, Central Files 1964–66") == true)
        #expect(item["archive-place"] as? String == "College Park, MD")
        #expect(item["URL"] as? String == "https://history.state.gov/historicaldocuments/frus1964-68v29p1/d56")
        let bib = CitationExport(document: doc).bibtex()
        #expect(bib.hasPrefix("@incollection{frus1964-68v29p1_d56,"))
        #expect(bib.contains("editor = {Gatz, Karen L.}"))
        let ris = CitationExport(document: doc).ris()
        #expect(ris.hasPrefix("TY  - CHAP"))
        #expect(ris.contains("A2  - Gatz, Karen L.") && ris.hasSuffix("ER  - "))
    }

    @Test func citeprocRendersTheCSLJSON() throws {
        let (doc, _) = try Self.d56()
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import citeproc"]
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { print("citation export: python3 not found; citeproc check skipped"); return }
        probe.waitUntilExit()
        guard probe.terminationStatus == 0 else { print("citation export: citeproc-py not installed; citeproc check skipped"); return }
        let json = try JSONSerialization.data(withJSONObject: [CitationExport(document: doc).cslJSON()])
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-csl-\(UUID().uuidString).json")
        try json.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = """
            import json, sys
            from citeproc import CitationStylesStyle, CitationStylesBibliography, Citation, CitationItem, formatter
            from citeproc.source.json import CiteProcJSON
            source = CiteProcJSON(json.load(open(sys.argv[1])))
            style = CitationStylesStyle('harvard-cite-them-right', validate=False)
            bib = CitationStylesBibliography(style, source, formatter.plain)
            bib.register(Citation([CitationItem('frus1964-68v29p1/d56')]))
            for item in bib.bibliography(): print(str(item))
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, file.path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let rendered = String(decoding: data, as: UTF8.self)
        #expect(p.terminationStatus == 0)
        #expect(rendered.contains("Telegram From the Embassy in Korea to the Department of State"))
        #expect(rendered.contains("Gatz"))
        #expect(rendered.contains("2000"))
        #expect(rendered.contains("Foreign Relations of the United States, 1964–1968, Volume XXIX, Part 1, Korea"))
    }
}

/// A project imported before the edition fields existed gets them when the unchanged file is
/// imported again, without new versions or new passages.
@Suite("Provenance refresh", .enabled(if: TestSupport.corpusExists))
struct ProvenanceRefreshTests {
    @Test func reimportFillsEditorsAndClassificationInPlace() throws {
        let db = try ProjectDatabase.inMemory()
        let file = TestSupport.corpus.appendingPathComponent("frus/frus1964-68v29p1_d56.xml")
        #expect(ArchiveImporter(database: db).importFile(file).status == .imported)
        // As an older version stored it: no editors, no place, no classification.
        try db.writer.write { db in
            try db.execute(sql: "UPDATE document SET editors = NULL, publication_place = NULL, classification = NULL, handling = '[]'")
        }
        let passagesBefore = try db.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM passage") }
        let again = ArchiveImporter(database: db).importFile(file)
        #expect(again.status == .unchanged)
        let doc = try #require(try DocumentCatalog(database: db).documents().first)
        #expect(doc.editors == ["Karen L. Gatz"])
        #expect(doc.publicationPlace == "Washington")
        #expect(doc.classification == "Secret")
        #expect(doc.version == 1)
        #expect(try db.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM passage") } == passagesBefore)
        #expect(try db.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM document") } == 1)
    }
}
