import ArchiveIngest
import Foundation
import GRDB

/// What happened to one file in an import run.
public struct FileImportResult: Sendable {
    public enum Status: String, Sendable {
        /// New documents or new versions were stored.
        case imported
        /// The file (or every document in it) was already in the project; nothing changed.
        case unchanged
        /// The file could not be read; nothing of it was stored.
        case failed
    }

    public var path: String
    public var status: Status
    public var format: SourceFormat?
    public var bytes: Int
    public var documents: Int = 0
    public var newDocuments: Int = 0
    public var newVersions: Int = 0
    public var unchangedDocuments: Int = 0
    public var passages: Int = 0
    public var batchId: Int64?
    public var warnings: [String] = []
    /// The reason a file failed, as `file:line:column: message` where the reader knows the place.
    public var error: String?

    public init(path: String, status: Status, format: SourceFormat?, bytes: Int) {
        self.path = path
        self.status = status
        self.format = format
        self.bytes = bytes
    }
}

/// Imports archive files into a project, one transaction per file: a file is stored whole or not
/// at all, and the other files of the run go on regardless.
public struct ArchiveImporter: Sendable {
    public let database: ProjectDatabase
    public let mapping: XMLMapping?

    public init(database: ProjectDatabase, mapping: XMLMapping? = nil) {
        self.database = database
        self.mapping = mapping
    }

    /// File extensions picked up when a folder is given. Other files (README.md, images) are skipped.
    public static let importableExtensions: Set<String> = ["xml", "tei", "ead", "txt"]

    /// Expands files and folders (recursively, in name order) into the files to import.
    /// A path that does not exist is an error naming it.
    public static func expand(paths: [String]) throws -> [URL] {
        var files: [URL] = []
        let fm = FileManager.default
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                throw StoreError.invalid("\(path): no such file or folder.")
            }
            let url = URL(fileURLWithPath: path).standardizedFileURL
            if !isDir.boolValue {
                files.append(url)
                continue
            }
            guard let walker = fm.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey],
                                             options: [.skipsHiddenFiles]) else { continue }
            var found: [URL] = []
            for case let file as URL in walker
            where importableExtensions.contains(file.pathExtension.lowercased()) {
                if (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                    found.append(file.standardizedFileURL)
                }
            }
            files += found.sorted { $0.path < $1.path }
        }
        return files
    }

    /// Imports one file. Never throws: a failure is reported in the result and leaves the
    /// project exactly as it was (as every reader sees it).
    ///
    /// The file is staged in short write transactions (a few hundred passages each, so a coder's
    /// `code add` never waits long for the write lock) under an import batch that no reader sees:
    /// its documents are stored as not current, and every read goes through current documents.
    /// One short final transaction publishes the batch (the new versions become current, the old
    /// ones stop being current). A failure discards the staged rows; a batch left unpublished by a
    /// crash is discarded by the next import (``recoverAbandonedImports()``). Parsing runs on its
    /// own thread, overlapping with storing.
    public func importFile(_ url: URL, format: SourceFormat? = nil) -> FileImportResult {
        let path = url.path
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        var result = FileImportResult(path: path, status: .failed, format: format, bytes: bytes)
        var staged: Int64?
        // Parsing starts at once, on its own thread, while this one hashes the file and prepares
        // the batch; it is stopped (having stored nothing) when the file turns out to be in the
        // project already or cannot be imported.
        let parsing = startParsing(url: url, format: format)
        defer { parsing.stop() }
        do {
            // Hashed streaming (never the whole file in memory): the hash decides, before anything
            // is stored, whether this exact file is already in the project.
            let (sha, size) = try ContentHash.sha256Hex(fileAt: url)
            if let previous = try database.writer.read({ db in
                try ImportBatch.filter(Column("path") == path && Column("sha256") == sha && Column("finished_at") != nil).fetchOne(db)
            }) {
                result.status = .unchanged
                result.format = SourceFormat(rawValue: previous.format)
                result.documents = previous.documents
                result.unchangedDocuments = previous.documents
                result.batchId = previous.id
                // Documents stored before a reader learned new provenance fields get them now.
                try ProvenanceRefresh(database: database).refreshIfNeeded(file: url)
                return result
            }
            try recoverAbandonedImports()
            let batchId = try database.writer.write { db -> Int64 in
                var batch = ImportBatch(id: nil, path: path, sha256: sha, size: size,
                                        format: format?.rawValue ?? "unknown", startedAt: Date(), finishedAt: nil,
                                        documents: 0, newDocuments: 0, newVersions: 0, unchangedDocuments: 0,
                                        passages: 0, status: ImportBatch.staging, error: nil, warnings: nil)
                try batch.insert(db)
                try db.execute(sql: "UPDATE import_batch SET owner = ? WHERE id = ?", arguments: [ImportBatch.currentOwner, batch.id])
                return batch.id!
            }
            staged = batchId
            let staging = try withFewerCheckpoints { try stage(parsing, sha256: sha, format: format, batchId: batchId) }
            try publish(staging, batchId: batchId, into: &result)
            staged = nil
            // The new passages' mentions of the register's actors, after publishing and in
            // transactions of their own (until then `mentions` searches live). The import itself
            // has succeeded, so a failure here is a warning.
            if result.status == .imported {
                do { try MentionStore(database: database).refresh() } catch {
                    result.warnings.append("stored mentions not updated (`mentions` will search live): \(error)")
                }
            }
        } catch {
            if let staged { try? discard(batchId: staged) }
            result.status = .failed
            result.error = (error as? LocalizedError)?.errorDescription ?? "\(path): \(error)"
            result.newDocuments = 0
            result.newVersions = 0
            result.passages = 0
            result.batchId = nil
        }
        return result
    }

    /// What staging a file produced, for the publishing transaction.
    struct Staging {
        var summary: FileReadSummary
        var documents = 0, new = 0, versions = 0, unchanged = 0, passages = 0
    }

    /// How many passages the parsing thread hands over at a time.
    static let passagesPerTransaction = 500

    /// How many passages the first hand-over carries: a small one, so storing starts while the
    /// parser reads on (the storing thread is the slower of the two, and waited for a whole chunk).
    static let passagesInFirstChunk = 100

    /// At most this many documents per hand-over, whatever their passages.
    static let documentsPerChunk = 200

    /// The longest a staging transaction goes on taking further chunks (wall clock): short enough
    /// that a coder's write waiting for the lock gets it within the 250 ms target even on a loaded
    /// machine, long enough that the pauses between transactions cost little. Timing by the clock
    /// rather than by a passage count keeps the lock short however slow the machine is.
    static let transactionBudget: TimeInterval = 0.04

    /// The gap between two staging transactions while writers of other processes are taking the
    /// lock in those gaps (a coder coding beside the import): long enough for a writer retrying every
    /// 2 ms (see `ProjectDatabase`) to get in even on a loaded machine.
    static let pauseWhileWritersWait: TimeInterval = 0.010

    /// The gap otherwise: a writer retrying every 2 ms that starts waiting gets the lock in it, and
    /// from then on the longer gap is kept. Pausing 10 ms after every transaction when nobody
    /// waits cost a fifth of the storing thread's time.
    static let pauseWhenNoWriterWaits: TimeInterval = 0.003

    /// How long after a writer was last seen taking the lock in a gap the longer gap is kept.
    static let writerMemory: TimeInterval = 2

    /// SQLite's automatic checkpoint during an import, in pages (64 MB with 4 KB pages; SQLite's
    /// default is 1,000). Each checkpoint writes the WAL's pages into the database file and waits
    /// for both on disk (two `fdatasync`s) on the storing thread; fewer, larger checkpoints write
    /// fewer copies of pages that change again soon (index and full-text pages) and wait less,
    /// while the WAL stays bounded.
    static let importCheckpointPages = 16_384

    /// Starts parsing `url` on a second thread, which also prepares each document for storing
    /// (identity, content hash, column values; see ``StagedDocument``) and hands them over in chunks.
    private func startParsing(url: URL, format: SourceFormat?) -> Parsing {
        let path = url.path
        let parsed = Parsing()
        let channel = parsed.channel
        let mapping = self.mapping
        let parser = Thread {
            do {
                let reader = ArchiveReader(mapping: mapping)
                let json = StagedDocument.JSONColumns()
                var chunk: [StagedDocument] = []
                var passages = 0
                var limit = Self.passagesInFirstChunk
                let summary = try reader.read(file: url, format: format) { document in
                    chunk.append(try StagedDocument(document, path: path, json: json))
                    passages += document.passages.count
                    // Documents without passages (metadata-only letters) count too, so a chunk
                    // stays small however many of them a file holds.
                    if passages >= limit || chunk.count >= Self.documentsPerChunk {
                        guard channel.send(chunk) else { throw ChunkChannelClosed() }
                        chunk = []
                        passages = 0
                        limit = Self.passagesPerTransaction
                    }
                }
                if !chunk.isEmpty { _ = channel.send(chunk) }
                parsed.summary = summary
            } catch {
                parsed.error = error
            }
            channel.finish()
        }
        parser.stackSize = 8 << 20
        parser.start()
        return parsed
    }

    /// Stores what `parsed` hands over, chunk by chunk, on this thread.
    private func stage(_ parsed: Parsing, sha256: String, format: SourceFormat?, batchId: Int64) throws -> Staging {
        let channel = parsed.channel
        var staging = Staging(summary: FileReadSummary(format: format ?? .xml, sha256: sha256, byteCount: 0,
                                                       documentCount: 0, passageCount: 0))
        do {
            var lastCommit: UInt64?
            var writerSeen: UInt64?
            while var chunk = channel.receive() {
                // A gap between staging transactions, so a coder's write waiting for the lock
                // (retrying every 2 ms, see `ProjectDatabase`) gets it before the next one; none
                // after the last, which the short publishing transaction follows. Waiting for the
                // parser is a gap too, so only what is missing of it is slept.
                if let lastCommit {
                    let now = DispatchTime.now().uptimeNanoseconds
                    let writersWait = writerSeen.map { now - $0 < UInt64(Self.writerMemory * 1e9) } ?? false
                    let gap = UInt64((writersWait ? Self.pauseWhileWritersWait : Self.pauseWhenNoWriterWaits) * 1e9)
                    if now - lastCommit < gap { usleep(useconds_t((gap - (now - lastCommit)) / 1000)) }
                }
                let started = DispatchTime.now().uptimeNanoseconds
                let budget = UInt64(Self.transactionBudget * 1e9)
                let lockWaitsBefore = ProjectDatabase.lockWaits.count
                try database.writer.write { db in
                    // Our BEGIN had to wait: another writer took the lock in the gap.
                    if ProjectDatabase.lockWaits.count != lockWaitsBefore { writerSeen = DispatchTime.now().uptimeNanoseconds }
                    var passages: ClosedRange<Int64>?
                    while true {
                        if let range = try store(chunk, batchId: batchId, sha256: sha256, staging: &staging, db: db) {
                            passages = (passages?.lowerBound ?? range.lowerBound)...range.upperBound
                        }
                        // More chunks in the same transaction while it is young and the parser
                        // has some ready; never wait for the parser with the lock held.
                        guard DispatchTime.now().uptimeNanoseconds - started < budget,
                              let next = channel.receiveIfReady() else { break }
                        chunk = next
                    }
                    // Index the transaction's passages in one statement (see ProjectMigrations);
                    // they stay out of every search until their documents are current.
                    if let passages {
                        try db.execute(sql: "INSERT INTO passage_fts(rowid, text) SELECT id, text FROM passage WHERE id BETWEEN ? AND ?",
                                       arguments: [passages.lowerBound, passages.upperBound])
                    }
                }
                lastCommit = DispatchTime.now().uptimeNanoseconds
            }
        } catch {
            channel.close()
            channel.waitUntilFinished()
            throw error
        }
        channel.waitUntilFinished()
        if let error = parsed.error { throw error }
        staging.summary = parsed.summary!
        return staging
    }

    /// Stores a chunk of documents; returns the range of passage ids written.
    private func store(_ chunk: [StagedDocument], batchId: Int64, sha256: String, staging: inout Staging,
                       db: Database) throws -> ClosedRange<Int64>? {
        // The newest published version, or one staged earlier from this same file (a file may carry
        // a document twice): looked up in the database rather than kept in memory, so memory
        // does not grow with the number of documents in a file.
        let latestVersion = try db.cachedStatement(sql: """
            SELECT d.version, d.content_hash FROM document d JOIN import_batch b ON b.id = d.batch_id
            WHERE d.identity = ?1 AND (b.finished_at IS NOT NULL OR b.id = ?2) ORDER BY d.version DESC LIMIT 1
            """)
        var firstPassage: Int64?
        var lastPassage: Int64?
        for document in chunk {
            staging.documents += 1
            var latest: (version: Int, hash: String)?
            if let row = try Row.fetchOne(latestVersion, arguments: [document.identity, batchId]) {
                latest = (row[0], row[1])
            }
            if let latest, latest.hash == document.contentHash {
                staging.unchanged += 1
                continue
            }
            if latest != nil { staging.versions += 1 } else { staging.new += 1 }
            // Invisible until the batch is published.
            let documentId = try document.insert(version: (latest?.version ?? 0) + 1, batchId: batchId, sha256: sha256, db: db)
            if let range = try insertPassages(document.passages, documentId: documentId, db: db) {
                firstPassage = firstPassage ?? range.lowerBound
                lastPassage = range.upperBound
            }
            staging.passages += document.passages.count
        }
        guard let firstPassage, let lastPassage else { return nil }
        return firstPassage...lastPassage
    }

    /// A file's parsing thread: the chunks it hands over, and what it leaves behind (read only
    /// after `ChunkChannel.waitUntilFinished()`).
    private final class Parsing: @unchecked Sendable {
        let channel = ChunkChannel<StagedDocument>(capacity: 4)
        var summary: FileReadSummary?
        var error: Error?

        /// Stops the parser (its next hand-over fails) and waits for it to end; nothing once it has.
        func stop() {
            channel.close()
            channel.waitUntilFinished()
        }
    }

    /// The one short transaction that makes a staged file visible, or drops an empty batch.
    private func publish(_ staging: Staging, batchId: Int64, into result: inout FileImportResult) throws {
        let summary = staging.summary
        result.format = summary.format
        result.documents = staging.documents
        result.newDocuments = staging.new
        result.newVersions = staging.versions
        result.unchangedDocuments = staging.unchanged
        result.passages = staging.passages
        result.warnings = summary.warnings
        if staging.new == 0 && staging.versions == 0 && staging.documents > 0 {
            // Same documents under a new file name or a byte-different but equivalent file:
            // nothing new, so keep no batch for it.
            try database.writer.write { db in _ = try ImportBatch.deleteOne(db, key: batchId) }
            result.status = .unchanged
            return
        }
        try database.writer.write { db in
            try db.execute(sql: """
                UPDATE document SET is_current = 0
                WHERE is_current = 1 AND identity IN (SELECT identity FROM document WHERE batch_id = ?1)
                """, arguments: [batchId])
            // The newest version of each identity this file carries (a file may carry one twice).
            try db.execute(sql: """
                UPDATE document SET is_current = 1
                WHERE batch_id = ?1
                  AND version = (SELECT MAX(d2.version) FROM document d2 WHERE d2.identity = document.identity)
                  AND identity NOT IN (SELECT identity FROM document_retirement)
                """, arguments: [batchId])
            if let volume = summary.volumeId {
                for entry in summary.glossary {
                    try GlossaryRecord(volumeId: volume, kind: entry.kind.rawValue, ref: entry.id,
                                       label: entry.label, description: entry.description).save(withSearchForm: db)
                }
            }
            try db.execute(sql: """
                UPDATE import_batch SET format = ?, finished_at = ?, documents = ?, new_documents = ?, new_versions = ?,
                    unchanged_documents = ?, passages = ?, warnings = ?, status = 'imported', owner = NULL
                WHERE id = ?
                """, arguments: [summary.format.rawValue, Date(), staging.documents, staging.new, staging.versions,
                                 staging.unchanged, staging.passages,
                                 summary.warnings.isEmpty ? nil : summary.warnings.joined(separator: "\n"), batchId])
        }
        result.batchId = batchId
        result.status = .imported
    }

    /// Runs `body` with SQLite's automatic checkpoint every ``importCheckpointPages`` pages instead of
    /// its default, restored afterwards (a connection setting: nothing in the file changes).
    private func withFewerCheckpoints<T>(_ body: () throws -> T) throws -> T {
        let previous = try database.writer.writeWithoutTransaction { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") ?? 1000
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(Self.importCheckpointPages)")
            return pages
        }
        defer { try? database.writer.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_autocheckpoint = \(previous)") } }
        return try body()
    }

    /// Removes a batch that was never published, a few documents per transaction (their passages,
    /// links and index entries go with them).
    func discard(batchId: Int64) throws {
        while try database.writer.write({ db -> Bool in
            try db.execute(sql: """
                DELETE FROM document WHERE id IN (SELECT id FROM document WHERE batch_id = ? AND is_current = 0 LIMIT 50)
                """, arguments: [batchId])
            return db.changesCount > 0
        }) {}
        try database.writer.write { db in
            try db.execute(sql: "DELETE FROM import_batch WHERE id = ? AND finished_at IS NULL", arguments: [batchId])
        }
    }

    /// Takes back a published batch whose documents are all new (no earlier version) and that no
    /// coding, note or assignment uses yet: its documents, passages and the batch go, as if the
    /// file had never been imported. For imports that bring documents and work on them together
    /// (REFI-QDA), so a failure in the second half leaves the project as it was. Returns false,
    /// changing nothing, when the batch does not qualify.
    @discardableResult
    public func withdraw(batchId: Int64) throws -> Bool {
        try database.writer.write { db in
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM document WHERE batch_id = ?", arguments: [batchId])
            guard !ids.isEmpty else { return false }
            let list = ids.map(String.init).joined(separator: ",")
            let older = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM document d JOIN document n ON n.identity = d.identity
                WHERE n.id IN (\(list)) AND d.batch_id <> ?
                """, arguments: [batchId]) ?? 0
            guard older == 0 else { return false }
            // The storage tables of codings and finished units (`coding` and `unit_done` are views):
            // a row staged by a `code import` not yet published uses the passage too.
            for table in ["coding_store", "unit_note", "assignment", "unit_done_store", "adjudication"] {
                guard try db.tableExists(table), try db.columns(in: table).contains(where: { $0.name == "passage_id" }) else { continue }
                let used = try Int.fetchOne(db, sql: """
                    SELECT COUNT(*) FROM \(table) WHERE passage_id IN (SELECT id FROM passage WHERE document_id IN (\(list)))
                    """) ?? 0
                if used > 0 { return false }
            }
            try db.execute(sql: "DELETE FROM document WHERE id IN (\(list))")
            try db.execute(sql: "DELETE FROM import_batch WHERE id = ?", arguments: [batchId])
            return true
        }
    }

    /// Discards import batches left unpublished by an import that died (killed, crashed, power
    /// lost): batches of this machine whose process is gone. An import still running in another
    /// process is left alone. Returns the ids discarded.
    @discardableResult
    public func recoverAbandonedImports() throws -> [Int64] {
        let pending = try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT id, owner FROM import_batch WHERE finished_at IS NULL ORDER BY id")
        }
        var discarded: [Int64] = []
        for row in pending {
            let id: Int64 = row["id"]
            guard ImportBatch.ownerIsGone(row["owner"]) else { continue }
            try discard(batchId: id)
            discarded.append(id)
        }
        return discarded
    }

    /// Inserts a document's passages and links; returns the range of passage ids written.
    private func insertPassages(_ passages: [ParsedPassage], documentId: Int64, db: Database) throws -> ClosedRange<Int64>? {
        // Cached raw statements: a large volume has tens of thousands of passages and links, and
        // Codable record encoding per row would dominate the import.
        let insertPassage = try PreparedInsert(db, sql: """
            INSERT INTO passage (document_id, ordinal, kind, text, raw_text, start_offset, end_offset, page, anchor,
                                 annotates_id, note_number)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let insertLink = try PreparedInsert(db, sql: "INSERT INTO passage_link (passage_id, kind, ref, surface) VALUES (?, ?, ?, ?)")
        var idByOrdinal: [Int: Int64] = [:]
        idByOrdinal.reserveCapacity(passages.count)
        var first: Int64?
        var last: Int64 = 0
        for p in passages {
            // raw_text is stored only where it differs from text (an empty raw_text means "as text"):
            // it almost never does, and storing both doubled the passage table.
            insertPassage.bind(1, documentId)
            insertPassage.bind(2, p.ordinal)
            insertPassage.bind(3, p.kind.rawValue)
            insertPassage.bind(4, p.text)
            insertPassage.bind(5, p.rawText == p.text ? "" : p.rawText)
            insertPassage.bind(6, p.start)
            insertPassage.bind(7, p.end)
            insertPassage.bind(8, p.page)
            insertPassage.bind(9, p.anchor)
            insertPassage.bind(10, p.annotates.flatMap { idByOrdinal[$0] })
            insertPassage.bind(11, p.noteNumber)
            let id = try insertPassage.run()
            first = first ?? id
            last = id
            idByOrdinal[p.ordinal] = id
            for link in p.links {
                insertLink.bind(1, id)
                insertLink.bind(2, link.kind.rawValue)
                insertLink.bind(3, link.ref)
                insertLink.bind(4, link.surface)
                try insertLink.run()
            }
        }
        return first.map { $0...last }
    }

    /// A fingerprint of everything stored for a document (metadata and passages), so a re-import
    /// can tell an unchanged document from a changed one.
    static func contentHash(of d: ParsedDocument) -> String {
        let fields: [String] = [d.format.rawValue, d.key, d.title ?? "", d.docType ?? "", d.date?.min ?? "", d.date?.max ?? "",
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
        // The fields joined by U+001F, hashed as they come rather than joined into one string first.
        var hasher = FieldHasher(separator: 0x1F)
        func add(_ field: String) { hasher.add(field) }
        fields.forEach(add)
        for p in d.passages {
            add(String(p.ordinal)); add(p.kind.rawValue); add(p.rawText); add(p.page ?? ""); add(p.anchor)
            add(p.annotates.map(String.init) ?? ""); add(p.noteNumber ?? "")
            add(p.links.map { "\($0.kind.rawValue):\($0.ref):\($0.surface)" }.joined(separator: "\u{1E}"))
        }
        return hasher.finish()
    }
}
