import ArchiveIngest
import Foundation
import GRDB
import Testing
@testable import ProjectStore

@Suite struct ArchiveImporterTests {
    @Test func importsTheBundledSamples() throws {
        let (db, dir) = try TestSupport.temporaryProject()
        defer { try? FileManager.default.removeItem(at: dir) }
        let files = try ArchiveImporter.expand(paths: [TestSupport.samples.path])
        #expect(files.count == 7, "README.md must be skipped")
        let importer = ArchiveImporter(database: db)
        let results = files.map { importer.importFile($0) }
        for r in results { #expect(r.status == .imported, "\(r.path): \(r.error ?? "")") }

        let catalog = DocumentCatalog(database: db)
        let korea = try catalog.documents(filter: DocumentFilter(volume: "dossier-sample-korea"))
        #expect(korea.count == 3)
        let d1 = try #require(korea.first { $0.docKey == "d1" })
        #expect(d1.format == "frus")
        #expect(d1.docNumber == "1")
        #expect(d1.firstPage == "101")
        #expect(d1.place == "Bogotá")
        #expect(d1.dateMin?.hasPrefix("1950-10-15") == true)
        #expect(d1.classification == "Secret")
        #expect(d1.handling.contains("Priority"))
        #expect(d1.docType == "telegram")
        #expect(d1.canonicalUrl == "https://history.state.gov/historicaldocuments/dossier-sample-korea/d1")
        #expect(d1.sourceNote?.hasPrefix("Source: National Archives") == true)

        // Passages: offsets index the document's plain text in Unicode scalars.
        let passages = try catalog.passages(documentId: d1.id!)
        let plain = passages.map(\.text).joined(separator: "\n\n")
        let scalars = Array(plain.unicodeScalars)
        for p in passages {
            let slice = String(String.UnicodeScalarView(scalars[p.startOffset..<p.endOffset]))
            #expect(slice == p.text)
        }
        // Footnotes are their own passages, linked to the passage they annotate, not glued into it.
        let note = try #require(passages.first { $0.anchor == "d1fn2" })
        #expect(note.kind == "footnote")
        let host = try #require(passages.first { $0.id == note.annotatesId })
        #expect(host.text.contains("Almirante Padilla"))
        #expect(!host.text.contains("The frigate had been offered in September"))

        // persName/@corresp resolves through the volume's persons list.
        let links = try catalog.resolvedLinks(documentId: d1.id!)
        #expect(links.contains { $0.ref == "p_GL1" && $0.label == "Gómez, Laureano" })
    }

    @Test func reimportChangesNothingAndSaysSo() throws {
        let (db, dir) = try TestSupport.temporaryProject()
        defer { try? FileManager.default.removeItem(at: dir) }
        let importer = ArchiveImporter(database: db)
        let file = TestSupport.samples.appendingPathComponent("korea-1950-sample-volume.xml")
        #expect(importer.importFile(file).status == .imported)
        let before = try TestSupport.snapshot(db)
        let again = importer.importFile(file)
        #expect(again.status == .unchanged)
        #expect(try TestSupport.snapshot(db) == before)
    }

    @Test func aChangedFileBecomesANewVersionAndTheOldOneIsKept() throws {
        let (db, dir) = try TestSupport.temporaryProject()
        defer { try? FileManager.default.removeItem(at: dir) }
        let importer = ArchiveImporter(database: db)
        let original = try String(contentsOf: TestSupport.samples.appendingPathComponent("egypt-debt-1990.txt"), encoding: .utf8)
        let url = try TestSupport.write(original, named: "egypt.txt", in: dir)
        #expect(importer.importFile(url).status == .imported)
        try Data((original + "\nA paragraph added in a later transcription.\n").utf8).write(to: url)
        let second = importer.importFile(url)
        #expect(second.status == .imported)
        #expect(second.newVersions == 1)
        let all = try DocumentCatalog(database: db).documents(filter: DocumentFilter(includeOldVersions: true))
        #expect(all.map(\.version).sorted() == [1, 2])
        #expect(all.filter(\.isCurrent).map(\.version) == [2])
        let current = try DocumentCatalog(database: db).documents()
        #expect(current.count == 1)
    }

    @Test func aMalformedFileImportsNothingAndTheOthersGoOn() throws {
        let (db, dir) = try TestSupport.temporaryProject()
        defer { try? FileManager.default.removeItem(at: dir) }
        let importer = ArchiveImporter(database: db)
        let bad = try TestSupport.write("""
            <?xml version="1.0"?>
            <TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>
            <p>An unclosed paragraph
            </body></text></TEI>
            """, named: "bad.xml", in: dir)
        let before = try TestSupport.snapshot(db)
        let result = importer.importFile(bad)
        #expect(result.status == .failed)
        let message = try #require(result.error)
        #expect(message.contains("bad.xml:"), "the message names the file: \(message)")
        #expect(message.range(of: #"bad\.xml:\d+:\d+:"#, options: .regularExpression) != nil, "file:line:column in \(message)")
        #expect(try TestSupport.snapshot(db) == before)
        let good = importer.importFile(TestSupport.samples.appendingPathComponent("egypt-debt-1990.txt"))
        #expect(good.status == .imported)
    }

    @Test func emptyAndBinaryFilesFailClearly() throws {
        let (db, dir) = try TestSupport.temporaryProject()
        defer { try? FileManager.default.removeItem(at: dir) }
        let importer = ArchiveImporter(database: db)
        let empty = try TestSupport.write("", named: "empty.xml", in: dir)
        let binaryURL = dir.appendingPathComponent("blob.xml")
        try Data([0x00, 0x01, 0xFF, 0xFE, 0x00, 0x00, 0x7F, 0x10] + Array(repeating: 0, count: 64)).write(to: binaryURL)
        let before = try TestSupport.snapshot(db)
        for url in [empty, binaryURL] {
            let r = importer.importFile(url)
            #expect(r.status == .failed)
            #expect(r.error?.contains(url.lastPathComponent) == true)
        }
        #expect(try TestSupport.snapshot(db) == before)
    }

    @Test func expandingAMissingPathNamesIt() {
        #expect(throws: StoreError.self) { try ArchiveImporter.expand(paths: ["/no/such/folder"]) }
    }
}

@Suite(.enabled(if: TestSupport.corpusExists, "../shared/corpus is absent"))
struct CorpusImportTests {
    @Test func wholeFRUSVolumeGives44Documents() throws {
        let (db, dir) = try TestSupport.temporaryProject()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = TestSupport.corpus.appendingPathComponent("frus/whole/frus1917-72PubDip.xml")
        let result = ArchiveImporter(database: db).importFile(file)
        #expect(result.status == .imported, "\(result.error ?? "")")
        #expect(result.newDocuments == 44)
        #expect(try DocumentCatalog(database: db).counts().documents == 44)
    }

    @Test func everyCorpusFileImportsOrFailsCleanly() throws {
        let (db, dir) = try TestSupport.temporaryProject()
        defer { try? FileManager.default.removeItem(at: dir) }
        let importer = ArchiveImporter(database: db)
        let files = try ArchiveImporter.expand(paths: [TestSupport.corpus.path])
        #expect(files.count > 30)
        for file in files {
            let r = importer.importFile(file)
            if r.status == .failed {
                #expect(r.error?.contains(file.lastPathComponent) == true, "\(file.path): \(r.error ?? "")")
            }
        }
        #expect(try DocumentCatalog(database: db).counts().documents > 100)
    }
}
