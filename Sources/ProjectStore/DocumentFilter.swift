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

    /// Checks the date bounds are real calendar dates (`1965`, `1965-06`, `1965-06-30`; not `1965-13`
    /// or `1965-02-30`) and that `--from` is not after `--to`.
    public func validate() throws {
        for (name, value) in [("--from", dateFrom), ("--to", dateTo)] {
            guard let value else { continue }
            if let problem = Self.dateProblem(value) {
                throw StoreError.invalidFilter("\(name) \(value): \(problem); give a date as YYYY, YYYY-MM or YYYY-MM-DD (e.g. 1965, 1965-06, 1965-06-30).")
            }
        }
        if let dateFrom, let dateTo, dateFrom > dateTo, !dateTo.hasPrefix(dateFrom), !dateFrom.hasPrefix(dateTo) {
            throw StoreError.invalidFilter("--from \(dateFrom) is after --to \(dateTo); no document can match.")
        }
    }

    /// Why `value` is not a valid YYYY, YYYY-MM or YYYY-MM-DD date, or nil when it is.
    static func dateProblem(_ value: String) -> String? {
        guard value.range(of: #"^\d{4}(-\d{2}(-\d{2})?)?$"#, options: .regularExpression) != nil else {
            return "not a date in the form YYYY, YYYY-MM or YYYY-MM-DD"
        }
        let parts = value.split(separator: "-").map { Int($0)! }
        if parts.count > 1, !(1...12).contains(parts[1]) { return "there is no month \(parts[1])" }
        if parts.count > 2 {
            let year = parts[0], month = parts[1], day = parts[2]
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
            if !(1...days).contains(day) {
                return "\(Self.monthNames[month - 1]) \(year) has \(days) days, not \(day)"
            }
        }
        return nil
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                             "October", "November", "December"]

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
