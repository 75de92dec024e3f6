import Foundation
import GRDB

/// Filters shared by `dossier documents` and `dossier search`. Dates compare as ISO 8601 text
/// against the document's date interval: a document matches `from...to` when its interval overlaps it.
public struct DocumentFilter: Sendable {
    public var dateFrom: String?
    public var dateTo: String?
    public var docType: String?
    public var volume: String?
    public var classification: String?
    /// Include superseded versions of re-imported documents (off: only current versions).
    public var includeOldVersions = false

    public init(dateFrom: String? = nil, dateTo: String? = nil, docType: String? = nil, volume: String? = nil,
                classification: String? = nil, includeOldVersions: Bool = false) {
        self.dateFrom = dateFrom
        self.dateTo = dateTo
        self.docType = docType
        self.volume = volume
        self.classification = classification
        self.includeOldVersions = includeOldVersions
    }

    /// Checks the date bounds look like ISO dates (`1965`, `1965-06`, `1965-06-30`).
    public func validate() throws {
        for (name, value) in [("--from", dateFrom), ("--to", dateTo)] {
            guard let value else { continue }
            if value.range(of: #"^\d{4}(-\d{2}(-\d{2})?)?$"#, options: .regularExpression) == nil {
                throw StoreError.invalidFilter("\(name) \(value): give a date as YYYY, YYYY-MM or YYYY-MM-DD.")
            }
        }
    }

    /// SQL conditions over the `document` table aliased as `d`, with their arguments.
    func sql() -> (String, StatementArguments) {
        var clauses: [String] = []
        var args: [any DatabaseValueConvertible] = []
        if !includeOldVersions {
            clauses.append("d.is_current = 1")
        } else {
            // Old versions, but never an import still being staged (see ArchiveImporter).
            clauses.append("d.batch_id IN (SELECT id FROM import_batch WHERE finished_at IS NOT NULL)")
        }
        if let dateFrom {
            // The interval ends on or after the start of the filter.
            clauses.append("COALESCE(d.date_max, d.date_min) >= ?")
            args.append(dateFrom)
        }
        if let dateTo {
            // The interval starts on or before the end of the filter ("1965" covers all of 1965).
            clauses.append("d.date_min <= ?")
            args.append(dateTo + "\u{10FFFF}")
        }
        if let docType {
            clauses.append("d.doc_type LIKE ?")
            args.append(docType)
        }
        if let volume {
            clauses.append("d.volume_id = ?")
            args.append(volume)
        }
        if let classification {
            clauses.append("(d.classification LIKE ? OR d.handling LIKE ?)")
            args.append(classification)
            args.append("%\"\(classification)\"%")
        }
        return (clauses.isEmpty ? "1" : clauses.joined(separator: " AND "), StatementArguments(args))
    }
}
