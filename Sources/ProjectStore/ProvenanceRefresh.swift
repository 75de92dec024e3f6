import ArchiveIngest
import Foundation
import GRDB

/// Fills provenance that an older reader did not store (the volume's editors and place of
/// publication, classification and handling parsed from every source-note form) into documents
/// already in a project, when their unchanged file is imported again.
///
/// Only metadata columns are updated, and only for a document whose stored passages are exactly the
/// ones the current reader produces, so codings keep pointing at the same text; its content hash is
/// set to the current one, so a later import of a moved copy is still recognised as unchanged.
/// Documents whose passages would differ are left for a normal re-import (a new version).
struct ProvenanceRefresh {
    let database: ProjectDatabase

    /// Refreshes the current documents imported from `file` when any lacks the edition fields.
    /// Returns how many documents were updated.
    @discardableResult
    func refreshIfNeeded(file: URL) throws -> Int {
        let path = file.path
        let stale = try database.writer.read { db in
            try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM document WHERE source_path = ? AND is_current = 1 AND editors IS NULL
                """, arguments: [path]) ?? 0
        }
        guard stale > 0 else { return 0 }
        var parsed: [ParsedDocument] = []
        _ = try ArchiveReader().read(file: file) { parsed.append($0) }
        return try database.writer.write { db in
            var updated = 0
            for d in parsed {
                let identity = DocumentRecord.identity(for: d, file: path)
                guard let row = try Row.fetchOne(db, sql: """
                    SELECT id FROM document WHERE identity = ? AND is_current = 1 AND source_path = ?
                    """, arguments: [identity, path]) else { continue }
                let id: Int64 = row["id"]
                // Compare the display text (raw_text is stored only where it differs from text).
                let stored = try String.fetchAll(db, sql: "SELECT text FROM passage WHERE document_id = ? ORDER BY ordinal",
                                                 arguments: [id])
                guard stored == d.passages.map(\.text) else { continue }
                let note = d.sourceNote
                let handling = String(decoding: try JSONEncoder().encode(note?.handling ?? []), as: UTF8.self)
                let editors = String(decoding: try JSONEncoder().encode(d.edition.editors), as: UTF8.self)
                try db.execute(sql: """
                    UPDATE document SET editors = ?, publication_place = ?, publisher = ?, publication_year = ?,
                        volume_number = ?, volume_title = ?, classification = ?, handling = ?, repository = ?,
                        collection = ?, file_identifier = ?, content_hash = ?
                    WHERE id = ?
                    """, arguments: [editors, d.edition.publicationPlace, d.edition.publisher, d.edition.publicationYear,
                                     d.edition.volumeNumber, d.edition.volumeTitle, note?.classification, handling,
                                     note?.repository, note?.collection, note?.fileIdentifier,
                                     ArchiveImporter.contentHash(of: d), id])
                updated += 1
            }
            return updated
        }
    }
}
