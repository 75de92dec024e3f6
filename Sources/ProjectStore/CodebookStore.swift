import ArchiveIngest
import Codebook
import Foundation
import GRDB

/// Stores codebook versions in the project. A codebook is identified by its `id`; loading a file
/// whose content differs from every stored version adds a new revision, and codings keep pointing
/// at the revision they were made under.
public struct CodebookStore: Sendable {
    public let database: ProjectDatabase

    public init(database: ProjectDatabase) {
        self.database = database
    }

    /// The outcome of `load`: the version now in the project, and whether it was new.
    public struct LoadResult: Sendable {
        public var version: CodebookVersionRecord
        public var isNew: Bool
        /// The revision this one replaces as latest, when it is new and not the first.
        public var previous: CodebookVersionRecord?
    }

    /// Validates and stores a codebook file. Invalid files throw ``CodebookError`` with every problem.
    public func load(file: URL, by who: String = "-") throws -> LoadResult {
        let data: Data
        do { data = try Data(contentsOf: file) } catch {
            throw StoreError.invalid("\(file.path): cannot read the codebook file (\(error.localizedDescription)).")
        }
        let hash = ContentHash.sha256Hex(data)
        let codebook = try Codebook.load(data: data, path: file.path, contentHash: hash)
        return try database.writer.write { db in
            if let existing = try CodebookVersionRecord
                .filter(Column("codebook_id") == codebook.id && Column("content_hash") == hash)
                .fetchOne(db) {
                return LoadResult(version: existing, isNew: false, previous: nil)
            }
            let previous = try CodebookVersionRecord.filter(Column("codebook_id") == codebook.id)
                .order(Column("revision").desc).fetchOne(db)
            var record = CodebookVersionRecord(
                id: nil, codebookId: codebook.id, revision: (previous?.revision ?? 0) + 1,
                version: codebook.version.description, title: codebook.title, contentHash: hash,
                sourcePath: file.path, yaml: String(decoding: data, as: UTF8.self), definition: codebook,
                loadedAt: Date())
            try record.insert(db)
            var position = 0
            for dimension in codebook.dimensions {
                for criterion in dimension.criteria {
                    try db.execute(sql: """
                        INSERT INTO codebook_criterion (codebook_version_id, criterion_id, dimension_id, label, position)
                        VALUES (?, ?, ?, ?, ?)
                        """, arguments: [record.id, criterion.id, dimension.id, criterion.label, position])
                    position += 1
                }
            }
            try AuditLog.record(db, who: who, action: "codebook.load", entity: "codebook",
                                id: "\(record.codebookId) r\(record.revision)",
                                detail: ["codebook": record.codebookId, "revision": "\(record.revision)",
                                         "version": record.version, "sha256": hash, "path": file.path])
            return LoadResult(version: record, isNew: true, previous: previous)
        }
    }

    /// All stored versions, oldest first.
    public func versions(codebookId: String? = nil) throws -> [CodebookVersionRecord] {
        try database.writer.read { db in
            var request = CodebookVersionRecord.order(Column("codebook_id"), Column("revision"))
            if let codebookId { request = request.filter(Column("codebook_id") == codebookId) }
            return try request.fetchAll(db)
        }
    }

    /// Finds a version by reference: `r2`, a semantic version `1.1.0`, a database id `#3`, or
    /// nil for the latest. With several codebooks in a project, `codebookId` picks one.
    public func version(_ reference: String? = nil, codebookId: String? = nil) throws -> CodebookVersionRecord {
        let all = try versions(codebookId: codebookId)
        guard !all.isEmpty else {
            throw StoreError.invalid("no codebook is loaded in this project. Load one with `dossier codebook load Codebooks/buying-allies.yaml`.")
        }
        let ids = Set(all.map(\.codebookId))
        guard let reference else {
            if ids.count > 1 {
                throw StoreError.invalid("this project has several codebooks (\(ids.sorted().joined(separator: ", "))); say which with --codebook.")
            }
            return all.last!
        }
        let matches: [CodebookVersionRecord]
        if reference.hasPrefix("r"), let n = Int(reference.dropFirst()) {
            matches = all.filter { $0.revision == n }
        } else if reference.hasPrefix("#"), let n = Int64(reference.dropFirst()) {
            matches = all.filter { $0.id == n }
        } else {
            // The newest revision declaring that semantic version.
            matches = all.filter { $0.version == reference }.suffix(1)
        }
        guard let found = matches.last else {
            let known = all.map { "\($0.version) (r\($0.revision))" }.joined(separator: ", ")
            throw StoreError.notFound(kind: "codebook version", id: "\(reference)' (loaded: \(known))")
        }
        if Set(matches.map(\.codebookId)).count > 1 {
            throw StoreError.invalid("codebook version '\(reference)' matches several codebooks; say which with --codebook.")
        }
        return found
    }
}
