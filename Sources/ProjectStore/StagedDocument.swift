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
    /// The document columns after `identity, version, is_current, batch_id`, in ``insertSQL`` order.
    let columns: [DatabaseValue]
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

    /// Prepares `document` read from the file at `path` (whose bytes hash to `sha256`).
    init(_ d: ParsedDocument, path: String, sha256: String, json: JSONColumns) throws {
        identity = DocumentRecord.identity(for: d, file: path)
        contentHash = ArchiveImporter.contentHash(of: d)
        passages = d.passages
        var charCount = 0
        for p in d.passages { charCount += p.text.unicodeScalars.count }
        let note = d.sourceNote
        let e = d.edition
        columns = [
            path.databaseValue, sha256.databaseValue, d.format.rawValue.databaseValue, d.key.databaseValue,
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

    /// Inserts the document row (not current: staged documents stay invisible until their batch is
    /// published) and returns its id.
    func insert(version: Int, batchId: Int64, db: Database) throws -> Int64 {
        let statement = try PreparedInsert(db, sql: Self.insertSQL)
        statement.bind(1, identity)
        statement.bind(2, version)
        statement.bind(3, 0 as Int)
        statement.bind(4, batchId)
        for (i, value) in columns.enumerated() { statement.bind(Int32(i + 5), value) }
        return try statement.run()
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
