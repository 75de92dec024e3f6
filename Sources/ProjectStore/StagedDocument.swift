import ArchiveIngest
import Foundation
import GRDB

/// A parsed document made ready to store, on the parsing thread: its identity, content hash and
/// column values are computed there, so the storing thread (which holds the write lock, and is the
/// slower of the two) only looks up the previous version and runs prepared inserts.
///
/// The values are exactly those `DocumentRecord`'s Codable encoding stored (JSON columns through
/// GRDB's own JSON encoder), so a document is stored byte for byte as before.
struct StagedDocument: Sendable {
    let identity: String
    let contentHash: String
    /// The document columns after `identity, version, is_current, batch_id, source_path,
    /// source_sha256`, in ``insertSQL`` order.
    let columns: [DatabaseValue]
    /// The file the document was read from (`source_path`).
    let path: String
    let passages: [ParsedPassage]

    /// The document insert; `?1…?4` are identity, version, is_current, batch_id.
    static let insertSQL = """
        INSERT INTO document (identity, version, is_current, batch_id, source_path, source_sha256, format, doc_key,
            title, doc_type, date_min, date_max, date_precision, date_raw, place, authors, recipients, source_note,
            repository, collection, file_identifier, classification, handling, series, subseries, volume_id,
            volume_number, volume_title, doc_number, first_page, canonical_url, publisher, publication_year,
            publication_place, editors, context, extra, content_hash, passage_count, char_count)
        VALUES (\(Array(repeating: "?", count: 40).joined(separator: ", ")))
        """

    /// Prepares `document` read from the file at `path`. The file's hash is given at insert time:
    /// parsing starts while the file is still being hashed.
    init(_ d: ParsedDocument, path: String, json: JSONColumns) throws {
        identity = DocumentRecord.identity(for: d, file: path)
        contentHash = ArchiveImporter.contentHash(of: d)
        passages = d.passages
        self.path = path
        var charCount = 0
        for p in d.passages { charCount += Self.scalarCount(p.text) }
        let note = d.sourceNote
        let e = d.edition
        columns = [
            d.format.rawValue.databaseValue, d.key.databaseValue,
            d.title.databaseValue, d.docType.databaseValue, d.date?.min.databaseValue ?? .null,
            d.date?.max.databaseValue ?? .null, d.date?.precision.rawValue.databaseValue ?? .null,
            d.date?.raw.databaseValue ?? .null, d.place.databaseValue,
            try json.text(d.authors).databaseValue, try json.text(d.recipients).databaseValue,
            note?.verbatim.databaseValue ?? .null, note?.repository.databaseValue ?? .null,
            note?.collection.databaseValue ?? .null, note?.fileIdentifier.databaseValue ?? .null,
            note?.classification.databaseValue ?? .null, try json.text(note?.handling ?? []).databaseValue,
            e.series.databaseValue, e.subseries.databaseValue, e.volumeId.databaseValue, e.volumeNumber.databaseValue,
            e.volumeTitle.databaseValue, e.documentNumber.databaseValue, e.firstPage.databaseValue,
            e.canonicalURL.databaseValue, e.publisher.databaseValue, e.publicationYear.databaseValue,
            e.publicationPlace.databaseValue, try json.text(e.editors).databaseValue,
            try json.text(d.context).databaseValue, try json.text(d.extra).databaseValue,
            contentHash.databaseValue, d.passages.count.databaseValue, charCount.databaseValue,
        ]
    }

    /// Every value of the document row, in ``insertSQL`` order (not current: staged documents stay
    /// invisible until their batch is published).
    func values(version: Int, batchId: Int64, sha256: String) -> [DatabaseValue] {
        [identity.databaseValue, version.databaseValue, false.databaseValue, batchId.databaseValue,
         path.databaseValue, sha256.databaseValue] + columns
    }

    /// Inserts the document row (see ``values(version:batchId:sha256:)``) and returns its id.
    func insert(version: Int, batchId: Int64, sha256: String, db: Database) throws -> Int64 {
        let statement = try PreparedInsert(db, sql: Self.insertSQL)
        for (i, value) in values(version: version, batchId: batchId, sha256: sha256).enumerated() {
            statement.bind(Int32(i + 1), value)
        }
        return try statement.run()
    }

    /// How many Unicode scalars `text` holds (`text.unicodeScalars.count`), counted as the UTF-8
    /// bytes that start a scalar rather than by decoding every scalar.
    static func scalarCount(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            var n = 0
            for b in bytes where b & 0xC0 != 0x80 { n += 1 }
            return n
        }
    }

    /// JSON text for the list and map columns, as GRDB's Codable encoding writes them (one encoder
    /// per parsing thread; `[]` and `{}`, what most documents hold, without it).
    final class JSONColumns {
        private let encoder = DocumentRecord.databaseJSONEncoder(for: "authors")

        func text(_ value: [String]) throws -> String {
            value.isEmpty ? "[]" : String(decoding: try encoder.encode(value), as: UTF8.self)
        }

        func text(_ value: [String: String]) throws -> String {
            value.isEmpty ? "{}" : String(decoding: try encoder.encode(value), as: UTF8.self)
        }
    }
}
