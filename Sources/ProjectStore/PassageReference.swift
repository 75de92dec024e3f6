import Foundation
import GRDB

/// Resolves a passage named in a CSV row: by `passage` id, or by `document` plus `anchor`, where the
/// document is its id, its identity (`frus:VOLUME/DOCID`), `VOLUME/DOCID`, or the imported file's name.
enum PassageReference {
    static func resolve(_ row: [String: String], _ db: Database, _ fail: (String, String) -> Void) -> Int64? {
        if let p = row["passage"], !p.isEmpty {
            guard let id = Int64(p.hasPrefix("p") ? String(p.dropFirst()) : p) else {
                fail("passage", "passage must be a passage id such as 345, not '\(p)'.")
                return nil
            }
            return id
        }
        let document = row["document"] ?? "", anchor = row["anchor"] ?? ""
        guard !document.isEmpty, !anchor.isEmpty else {
            fail(document.isEmpty ? "document" : "anchor", "give a passage id, or both document and anchor.")
            return nil
        }
        let ids = (try? Int64.fetchAll(db, sql: """
            SELECT p.id FROM passage p JOIN document d ON d.id = p.document_id
            WHERE d.is_current = 1 AND p.anchor = ?1
              AND \(DocumentCatalog.matchesReference(parameter: 2))
            """, arguments: [anchor, document])) ?? []
        if ids.count == 1 { return ids[0] }
        fail("anchor", ids.isEmpty
             ? "no passage with anchor '\(anchor)' in a document matching '\(document)'."
             : "anchor '\(anchor)' matches \(ids.count) passages for '\(document)'; use the passage id instead.")
        return nil
    }

}
