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
    /// project exactly as it was.
    public func importFile(_ url: URL, format: SourceFormat? = nil) -> FileImportResult {
        let path = url.path
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        var result = FileImportResult(path: path, status: .failed, format: format, bytes: bytes)
        do {
            let data = try Data(contentsOf: url, options: .mappedIfSafe)
            let sha = ContentHash.sha256Hex(data)
            if let previous = try database.writer.read({ db in
                try ImportBatch.filter(Column("path") == path && Column("sha256") == sha).fetchOne(db)
            }) {
                result.status = .unchanged
                result.format = SourceFormat(rawValue: previous.format)
                result.documents = previous.documents
                result.unchangedDocuments = previous.documents
                result.batchId = previous.id
                return result
            }
            try database.writer.write { db in
                try store(url: url, sha256: sha, size: data.count, format: format, into: &result, db: db)
            }
        } catch {
            result.status = .failed
            result.error = (error as? LocalizedError)?.errorDescription ?? "\(path): \(error)"
            result.newDocuments = 0
            result.newVersions = 0
            result.passages = 0
            result.batchId = nil
        }
        return result
    }

    private func store(url: URL, sha256: String, size: Int, format: SourceFormat?,
                       into result: inout FileImportResult, db: Database) throws {
        let path = url.path
        var batch = ImportBatch(id: nil, path: path, sha256: sha256, size: size,
                                format: format?.rawValue ?? "unknown", startedAt: Date(), finishedAt: nil,
                                documents: 0, newDocuments: 0, newVersions: 0, unchangedDocuments: 0,
                                passages: 0, status: "imported", error: nil, warnings: nil)
        try batch.insert(db)
        let batchId = batch.id!
        var counts = (documents: 0, new: 0, versions: 0, unchanged: 0, passages: 0)

        let reader = ArchiveReader(mapping: mapping)
        let summary = try reader.read(file: url, format: format) { document in
            counts.documents += 1
            let identity = DocumentRecord.identity(for: document, file: path)
            let hash = Self.contentHash(of: document)
            let latest = try DocumentRecord
                .filter(Column("identity") == identity)
                .order(Column("version").desc)
                .fetchOne(db)
            if let latest, latest.contentHash == hash {
                counts.unchanged += 1
                return
            }
            if latest != nil {
                try db.execute(sql: "UPDATE document SET is_current = 0 WHERE identity = ?", arguments: [identity])
                counts.versions += 1
            } else {
                counts.new += 1
            }
            var record = DocumentRecord(document, identity: identity, version: (latest?.version ?? 0) + 1,
                                        batchId: batchId, sourcePath: path, sourceSha256: sha256,
                                        contentHash: hash)
            try record.insert(db)
            counts.passages += try insertPassages(of: document, documentId: record.id!, db: db)
        }

        // Index this file's new passages in one statement (see ProjectMigrations).
        try db.execute(sql: """
            INSERT INTO passage_fts(rowid, text)
            SELECT p.id, p.text FROM passage p JOIN document d ON d.id = p.document_id WHERE d.batch_id = ?
            """, arguments: [batchId])
        if let volume = summary.volumeId {
            for entry in summary.glossary {
                try GlossaryRecord(volumeId: volume, kind: entry.kind.rawValue, ref: entry.id,
                                   label: entry.label, description: entry.description).save(db)
            }
        }
        result.format = summary.format
        result.documents = counts.documents
        result.newDocuments = counts.new
        result.newVersions = counts.versions
        result.unchangedDocuments = counts.unchanged
        result.passages = counts.passages
        result.warnings = summary.warnings

        if counts.new == 0 && counts.versions == 0 && counts.documents > 0 {
            // Same documents under a new file name or a byte-different but equivalent file:
            // nothing new, so keep no batch for it.
            try batch.delete(db)
            result.status = .unchanged
            return
        }
        batch.format = summary.format.rawValue
        batch.finishedAt = Date()
        batch.documents = counts.documents
        batch.newDocuments = counts.new
        batch.newVersions = counts.versions
        batch.unchangedDocuments = counts.unchanged
        batch.passages = counts.passages
        batch.warnings = summary.warnings.isEmpty ? nil : summary.warnings.joined(separator: "\n")
        try batch.update(db)
        result.batchId = batchId
        result.status = .imported
    }

    private func insertPassages(of document: ParsedDocument, documentId: Int64, db: Database) throws -> Int {
        // Cached raw statements: a large volume has tens of thousands of passages and links, and
        // Codable record encoding per row would dominate the import.
        let insertPassage = try db.cachedStatement(sql: """
            INSERT INTO passage (document_id, ordinal, kind, text, raw_text, start_offset, end_offset, page, anchor,
                                 annotates_id, note_number)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let insertLink = try db.cachedStatement(sql: "INSERT INTO passage_link (passage_id, kind, ref, surface) VALUES (?, ?, ?, ?)")
        var idByOrdinal: [Int: Int64] = [:]
        idByOrdinal.reserveCapacity(document.passages.count)
        for p in document.passages {
            try insertPassage.execute(arguments: [documentId, p.ordinal, p.kind.rawValue, p.text, p.rawText, p.start, p.end,
                                                  p.page, p.anchor, p.annotates.flatMap { idByOrdinal[$0] }, p.noteNumber])
            let id = db.lastInsertedRowID
            idByOrdinal[p.ordinal] = id
            for link in p.links {
                try insertLink.execute(arguments: [id, link.kind.rawValue, link.ref, link.surface])
            }
        }
        return document.passages.count
    }

    /// A fingerprint of everything stored for a document (metadata and passages), so a re-import
    /// can tell an unchanged document from a changed one.
    static func contentHash(of d: ParsedDocument) -> String {
        var fields: [String] = [d.format.rawValue, d.key, d.title ?? "", d.docType ?? "", d.date?.min ?? "", d.date?.max ?? "",
                                d.date?.precision.rawValue ?? "", d.date?.raw ?? "", d.place ?? "",
                                d.authors.joined(separator: "\u{1E}"), d.recipients.joined(separator: "\u{1E}"),
                                d.sourceNote?.verbatim ?? "", d.sourceNote?.repository ?? "", d.sourceNote?.collection ?? "",
                                d.sourceNote?.fileIdentifier ?? "", d.sourceNote?.classification ?? "",
                                (d.sourceNote?.handling ?? []).joined(separator: "\u{1E}"),
                                d.edition.series ?? "", d.edition.subseries ?? "", d.edition.volumeId ?? "",
                                d.edition.volumeNumber ?? "", d.edition.volumeTitle ?? "", d.edition.documentNumber ?? "",
                                d.edition.firstPage ?? "", d.edition.canonicalURL ?? "", d.edition.publisher ?? "",
                                d.edition.publicationYear ?? "", d.context.joined(separator: "\u{1E}"),
                                d.extra.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\u{1E}")]
        for p in d.passages {
            fields += [String(p.ordinal), p.kind.rawValue, p.rawText, p.page ?? "", p.anchor, p.annotates.map(String.init) ?? "",
                       p.noteNumber ?? "", p.links.map { "\($0.kind.rawValue):\($0.ref):\($0.surface)" }.joined(separator: "\u{1E}")]
        }
        return ContentHash.sha256Hex(Data(fields.joined(separator: "\u{1F}").utf8))
    }
}
