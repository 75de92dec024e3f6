import ArchiveIngest
import Foundation
import GRDB
import Testing
@testable import ProjectStore

/// The import's write path prepares documents on the parsing thread and stores them through
/// prepared statements in transactions bounded by time: what it stores must be exactly what the
/// Codable records stored before, and a file must still be all or nothing.
@Suite struct StagedImportTests {
    /// Every sample document, plus one whose list and map columns need real JSON (escaped slashes,
    /// quotes, non-ASCII, several keys to sort).
    static func documents() throws -> [(ParsedDocument, String)] {
        var out: [(ParsedDocument, String)] = []
        for file in try ArchiveImporter.expand(paths: [TestSupport.samples.path]) {
            _ = try ArchiveReader().read(file: file) { out.append(($0, file.path)) }
        }
        var odd = try #require(out.first).0
        odd.authors = ["Acheson/Dean \"D.A.\"", "Gómez, Laureano"]
        odd.recipients = ["Embassy in Bogotá", "</script>"]
        odd.context = ["Korea", "1950 \\ 1951"]
        odd.extra = ["zeta": "1/2", "alpha": "ü", "mid": "\u{1F}"]
        odd.edition.editors = ["Glennon, John P."]
        odd.sourceNote = SourceNote(verbatim: "Source: x", handling: ["Nodis", "Eyes Only"])
        out.append((odd, "/tmp/odd.xml"))
        return out
    }

    @Test func documentRowsAreTheValuesTheCodableRecordStored() throws {
        let json = StagedDocument.JSONColumns()
        for (document, path) in try Self.documents() {
            let staged = try StagedDocument(document, path: path, json: json)
            var record = DocumentRecord(document, identity: DocumentRecord.identity(for: document, file: path), version: 3,
                                        batchId: 7, sourcePath: path, sourceSha256: "abc",
                                        contentHash: ArchiveImporter.contentHash(of: document))
            record.isCurrent = false
            var expected = try record.databaseDictionary
            expected["id"] = nil
            let names = ["identity", "version", "is_current", "batch_id", "source_path", "source_sha256", "format", "doc_key",
                         "title", "doc_type", "date_min", "date_max", "date_precision", "date_raw", "place", "authors",
                         "recipients", "source_note", "repository", "collection", "file_identifier", "classification",
                         "handling", "series", "subseries", "volume_id", "volume_number", "volume_title", "doc_number",
                         "first_page", "canonical_url", "publisher", "publication_year", "publication_place", "editors",
                         "context", "extra", "content_hash", "passage_count", "char_count"]
            let values = staged.values(version: 3, batchId: 7, sha256: "abc")
            #expect(values.count == names.count)
            let actual = Dictionary(uniqueKeysWithValues: zip(names, values))
            #expect(Set(actual.keys) == Set(expected.keys))
            for name in names {
                #expect(actual[name] == expected[name], "\(document.key) \(name)")
                // Same storage class and bytes, not just an equal value.
                #expect(actual[name]?.description == expected[name]?.description, "\(document.key) \(name)")
            }
        }
    }

    @Test func scalarsAreCountedAsTheUnicodeScalarView() {
        for text in ["", "plain", "Gómez", "e\u{301}", "🇰🇷 flags", "\u{0}\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}",
                     String(repeating: "ü→𝄞a", count: 1000)] {
            #expect(StagedDocument.scalarCount(text) == text.unicodeScalars.count)
            // A bridged or sliced string too, which is not stored as contiguous UTF-8 to begin with.
            #expect(StagedDocument.scalarCount(String(text.dropFirst())) == text.unicodeScalars.dropFirst(text.isEmpty ? 0 : text.first!.unicodeScalars.count).count)
        }
    }

    @Test func theContentHashIsTheHashOfTheJoinedFields() throws {
        for (d, _) in try Self.documents() {
            // The definition the stored hashes were made with: every field joined by U+001F, hashed once.
            var fields: [String] = [d.format.rawValue, d.key, d.title ?? "", d.docType ?? "", d.date?.min ?? "", d.date?.max ?? "",
                                    d.date?.precision.rawValue ?? "", d.date?.raw ?? "", d.place ?? "",
                                    d.authors.joined(separator: "\u{1E}"), d.recipients.joined(separator: "\u{1E}"),
                                    d.sourceNote?.verbatim ?? "", d.sourceNote?.repository ?? "", d.sourceNote?.collection ?? "",
                                    d.sourceNote?.fileIdentifier ?? "", d.sourceNote?.classification ?? "",
                                    (d.sourceNote?.handling ?? []).joined(separator: "\u{1E}"),
                                    d.edition.series ?? "", d.edition.subseries ?? "", d.edition.volumeId ?? "",
                                    d.edition.volumeNumber ?? "", d.edition.volumeTitle ?? "", d.edition.documentNumber ?? "",
                                    d.edition.firstPage ?? "", d.edition.canonicalURL ?? "", d.edition.publisher ?? "",
                                    d.edition.publicationYear ?? "", d.edition.publicationPlace ?? "",
                                    d.edition.editors.joined(separator: "\u{1E}"), d.context.joined(separator: "\u{1E}"),
                                    d.extra.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\u{1E}")]
            for p in d.passages {
                fields += [String(p.ordinal), p.kind.rawValue, p.rawText, p.page ?? "", p.anchor, p.annotates.map(String.init) ?? "",
                           p.noteNumber ?? "", p.links.map { "\($0.kind.rawValue):\($0.ref):\($0.surface)" }.joined(separator: "\u{1E}")]
            }
            #expect(ArchiveImporter.contentHash(of: d) == ContentHash.sha256Hex(Data(fields.joined(separator: "\u{1F}").utf8)))
        }
    }

    /// A TEI volume of `documents` documents with 10 paragraphs each; `truncated` cuts it before
    /// its last closing tags, so it fails only after several staging transactions were written.
    static func volume(documents: Int, truncated: Bool = false) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Generated</title></titleStmt>
            <publicationStmt><idno type="frus">generated-staging</idno></publicationStmt></fileDesc></teiHeader><text><body>
            """
        for d in 1...documents {
            xml += "<div type=\"document\" xml:id=\"d\(d)\" n=\"\(d)\"><head>Document \(d)</head>"
            for p in 1...10 { xml += "<p>Paragraph \(p) of document \(d) on the staging of imports.</p>" }
            xml += "</div>\n"
        }
        return xml + (truncated ? "<div type=\"document\" xml:id=\"broken\"><p>unfinished" : "</body></text></TEI>\n")
    }

    @Test func aFileFailingAfterManyStagingTransactionsLeavesTheProjectAsItWas() throws {
        let (db, dir) = try TestSupport.temporaryProject()
        defer { try? FileManager.default.removeItem(at: dir) }
        let importer = ArchiveImporter(database: db)
        let sample = try #require(try ArchiveImporter.expand(paths: [TestSupport.samples.path]).first)
        #expect(importer.importFile(sample).status == .imported)
        let before = try TestSupport.snapshot(db)
        let bad = try TestSupport.write(Self.volume(documents: 400, truncated: true), named: "bad.xml", in: dir)
        let result = importer.importFile(bad)
        #expect(result.status == .failed)
        #expect(result.error?.contains("bad.xml") == true)
        #expect(try TestSupport.snapshot(db) == before)
        let fts = try db.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM passage_fts WHERE passage_fts MATCH 'staging'") }
        #expect(fts == 0)
    }

    @Test func aLargeFileIsStoredWholeAndFoundOnceAndReimportAddsNothing() throws {
        let (db, dir) = try TestSupport.temporaryProject()
        defer { try? FileManager.default.removeItem(at: dir) }
        let importer = ArchiveImporter(database: db)
        let file = try TestSupport.write(Self.volume(documents: 400), named: "big.xml", in: dir)
        let first = importer.importFile(file)
        #expect(first.status == .imported, "\(first.error ?? "")")
        #expect(first.newDocuments == 400)
        #expect(first.passages == 400 * 11)
        let counts = try db.writer.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM document WHERE is_current = 1"),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM passage"),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM passage_fts WHERE passage_fts MATCH 'staging'"),
             try Int.fetchOne(db, sql: "SELECT count(DISTINCT batch_id) FROM document"))
        }
        #expect(counts.0 == 400)
        #expect(counts.1 == 400 * 11)
        // Every paragraph once in the index: none lost or doubled across transactions.
        #expect(counts.2 == 400 * 10)
        #expect(counts.3 == 1)
        let snapshot = try TestSupport.snapshot(db)
        // Byte-different but equivalent file: same documents, nothing new.
        let copy = try TestSupport.write(Self.volume(documents: 400) + "\n", named: "big-copy.xml", in: dir)
        #expect(importer.importFile(copy).status == .unchanged)
        #expect(importer.importFile(file).status == .unchanged)
        #expect(try TestSupport.snapshot(db) == snapshot)
    }

    @Test func manyDocumentsWithoutPassagesAreHandedOverInChunksAndAllStored() throws {
        let (db, dir) = try TestSupport.temporaryProject()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Metadata-only letters (CMIF): no passages, so only the document count bounds a chunk.
        let letters = (1...1_050).map { n in
            "<correspDesc ref=\"http://example.org/L\(n)\"><correspAction type=\"sent\"><persName>Writer \(n)</persName>"
                + "<date when=\"1825-05-07\"/></correspAction><correspAction type=\"received\"><persName>Reader</persName>"
                + "</correspAction></correspDesc>"
        }.joined(separator: "\n")
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Letters</title></titleStmt></fileDesc>
            <profileDesc>\(letters)</profileDesc></teiHeader><text><body><p/></body></text></TEI>
            """
        #expect(1_050 > ArchiveImporter.documentsPerChunk * 5)
        let file = try TestSupport.write(xml, named: "letters.xml", in: dir)
        let result = ArchiveImporter(database: db).importFile(file)
        #expect(result.status == .imported, "\(result.error ?? "")")
        #expect(result.newDocuments == 1_050)
        let keys = try db.writer.read { try String.fetchAll($0, sql: "SELECT doc_key FROM document WHERE is_current = 1 ORDER BY id") }
        #expect(keys == (1...1_050).map { "http://example.org/L\($0)" })
    }

    /// The import binds its passage, link and document inserts through SQLite's C API: every value
    /// must be stored with the storage class and bytes GRDB's own arguments gave it.
    @Test func preparedInsertsStoreWhatGRDBArgumentsStored() throws {
        let db = try ProjectDatabase.inMemory()
        let values: [DatabaseValue] = [
            .null, 0.databaseValue, Int64.max.databaseValue, (-7).databaseValue, false.databaseValue, true.databaseValue,
            "".databaseValue, "plain".databaseValue, "Gómez \"quoted\" 'single' \u{1F}\u{1E} 🇰🇷 e\u{301}".databaseValue,
            2.5.databaseValue, Data([0, 1, 255]).databaseValue,
        ]
        try db.writer.write { db in
            try db.execute(sql: "CREATE TABLE a (v); CREATE TABLE b (v); CREATE TABLE c (s TEXT, i INTEGER)")
            let prepared = try PreparedInsert(db, sql: "INSERT INTO b (v) VALUES (?)")
            for value in values {
                try db.execute(sql: "INSERT INTO a (v) VALUES (?)", arguments: [value])
                prepared.bind(1, value)
                #expect(try prepared.run() == db.lastInsertedRowID)
            }
            // The typed overloads the importer uses, against GRDB's arguments for the same Swift values.
            let typed = try PreparedInsert(db, sql: "INSERT INTO c (s, i) VALUES (?, ?)")
            for (s, i) in [("x", 1), ("", 0)] as [(String?, Int?)] + [(nil, nil), ("ünïcode", Int.min)] {
                try db.execute(sql: "INSERT INTO c (s, i) VALUES (?, ?)", arguments: [s, i])
                typed.bind(1, s)
                typed.bind(2, i)
                try typed.run()
            }
            let dump = { (table: String) in
                try String.fetchAll(db, sql: "SELECT typeof(v) || ':' || quote(v) FROM \(table) ORDER BY rowid")
            }
            #expect(try dump("a") == dump("b"))
            #expect(try dump("a").count == values.count)
            let rows = try String.fetchAll(db, sql: "SELECT typeof(s) || ':' || quote(s) || '|' || typeof(i) || ':' || quote(i) FROM c ORDER BY rowid")
            #expect(rows.count == 8)
            for k in stride(from: 0, to: 8, by: 2) { #expect(rows[k] == rows[k + 1]) }
        }
        // A failing insert is an error naming the statement, and the statement is usable again.
        try db.writer.write { db in
            try db.execute(sql: "CREATE TABLE u (v UNIQUE)")
            let insert = try PreparedInsert(db, sql: "INSERT INTO u (v) VALUES (?)")
            insert.bind(1, "once")
            try insert.run()
            insert.bind(1, "once")
            #expect(throws: DatabaseError.self) { try insert.run() }
            insert.bind(1, "twice")
            try insert.run()
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM u") == 2)
        }
    }

    /// The import leaves longer gaps between its staging transactions once it sees another writer
    /// take the lock in one: that is seen through the count of this process's lock waits.
    @Test func waitingForTheWriteLockIsCounted() throws {
        let (db, dir) = try TestSupport.temporaryProject()
        defer { try? FileManager.default.removeItem(at: dir) }
        let other = try ProjectDatabase.open(path: dir.appendingPathComponent("project.sqlite").path)
        let before = ProjectDatabase.lockWaits.count
        let holding = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let thread = Thread {
            try? other.writer.write { _ in
                holding.signal()
                release.wait()
            }
        }
        thread.start()
        holding.wait()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.05) { release.signal() }
        try db.writer.write { try $0.execute(sql: "CREATE TABLE waited (x)") }
        #expect(ProjectDatabase.lockWaits.count > before)
    }

    @Test func theChannelHandsOverWhatIsReadyWithoutWaiting() {
        let channel = ChunkChannel<Int>(capacity: 2)
        #expect(channel.receiveIfReady() == nil)
        #expect(channel.send([1, 2]))
        #expect(channel.send([3]))
        #expect(channel.receiveIfReady() == [1, 2])
        #expect(channel.receive() == [3])
        #expect(channel.receiveIfReady() == nil)
        channel.finish()
        #expect(channel.receive() == nil)
    }
}
