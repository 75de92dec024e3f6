import ArchiveIngest
import Foundation
import GRDB

/// A stored document version with its full provenance. Re-importing a changed file adds a new
/// version (`version` + 1) and clears `isCurrent` on the old one, which is kept.
public struct DocumentRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "document"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
    static let passages = hasMany(PassageRecord.self)

    public var id: Int64?
    public var identity: String
    public var version: Int
    public var isCurrent: Bool
    public var batchId: Int64
    public var sourcePath: String
    public var sourceSha256: String
    public var format: String
    public var docKey: String
    public var title: String?
    public var docType: String?
    public var dateMin: String?
    public var dateMax: String?
    public var datePrecision: String?
    public var dateRaw: String?
    public var place: String?
    public var authors: [String]
    public var recipients: [String]
    public var sourceNote: String?
    public var repository: String?
    public var collection: String?
    public var fileIdentifier: String?
    public var classification: String?
    public var handling: [String]
    public var series: String?
    public var subseries: String?
    public var volumeId: String?
    public var volumeNumber: String?
    public var volumeTitle: String?
    public var docNumber: String?
    public var firstPage: String?
    public var canonicalUrl: String?
    public var publisher: String?
    public var publicationYear: String?
    /// `publicationStmt/pubPlace` (nil until known; see the `i14-edition-fields` migration).
    public var publicationPlace: String?
    /// The volume's editors, without the general editor; nil for documents imported before the
    /// `i14-edition-fields` migration and not re-imported since.
    public var editors: [String]?
    public var context: [String]
    public var extra: [String: String]
    public var contentHash: String
    public var passageCount: Int
    public var charCount: Int

    /// Decoded by column name rather than through Codable: listings decode every matching
    /// document, and keyed decoding with snake_case key conversion was most of `documents --text`.
    /// The list and map columns are JSON text, as Codable stores them.
    public init(row: Row) throws {
        id = row["id"]
        identity = row["identity"]
        version = row["version"]
        isCurrent = row["is_current"]
        batchId = row["batch_id"]
        sourcePath = row["source_path"]
        sourceSha256 = row["source_sha256"]
        format = row["format"]
        docKey = row["doc_key"]
        title = row["title"]
        docType = row["doc_type"]
        dateMin = row["date_min"]
        dateMax = row["date_max"]
        datePrecision = row["date_precision"]
        dateRaw = row["date_raw"]
        place = row["place"]
        authors = try Self.json(row, "authors") ?? []
        recipients = try Self.json(row, "recipients") ?? []
        sourceNote = row["source_note"]
        repository = row["repository"]
        collection = row["collection"]
        fileIdentifier = row["file_identifier"]
        classification = row["classification"]
        handling = try Self.json(row, "handling") ?? []
        series = row["series"]
        subseries = row["subseries"]
        volumeId = row["volume_id"]
        volumeNumber = row["volume_number"]
        volumeTitle = row["volume_title"]
        docNumber = row["doc_number"]
        firstPage = row["first_page"]
        canonicalUrl = row["canonical_url"]
        publisher = row["publisher"]
        publicationYear = row["publication_year"]
        publicationPlace = row["publication_place"]
        editors = try Self.json(row, "editors")
        context = try Self.json(row, "context") ?? []
        extra = try Self.json(row, "extra") ?? [:]
        contentHash = row["content_hash"]
        passageCount = row["passage_count"]
        charCount = row["char_count"]
    }

    /// A JSON column: nil when NULL; `[]` and `{}`, what most documents store, without a decoder.
    private static func json<T: Decodable & ExpressibleByJSONEmpty>(_ row: Row, _ column: String) throws -> T? {
        guard let text: String = row[column] else { return nil }
        if text == "[]" || text == "{}" { return T.jsonEmpty }
        return try JSONDecoder().decode(T.self, from: Data(text.utf8))
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The identity under which re-imports of the same document are recognised: FRUS documents by
    /// volume and document id (so a moved file is still the same document), others by file and key.
    static func identity(for document: ParsedDocument, file: String) -> String {
        if let volume = document.edition.volumeId, document.format == .frus {
            return "frus:\(volume)/\(document.key)"
        }
        return "file:\(file)#\(document.key)"
    }

    init(_ d: ParsedDocument, identity: String, version: Int, batchId: Int64, sourcePath: String,
         sourceSha256: String, contentHash: String) {
        self.id = nil
        self.identity = identity
        self.version = version
        self.isCurrent = true
        self.batchId = batchId
        self.sourcePath = sourcePath
        self.sourceSha256 = sourceSha256
        self.format = d.format.rawValue
        self.docKey = d.key
        self.title = d.title
        self.docType = d.docType
        self.dateMin = d.date?.min
        self.dateMax = d.date?.max
        self.datePrecision = d.date?.precision.rawValue
        self.dateRaw = d.date?.raw
        self.place = d.place
        self.authors = d.authors
        self.recipients = d.recipients
        self.sourceNote = d.sourceNote?.verbatim
        self.repository = d.sourceNote?.repository
        self.collection = d.sourceNote?.collection
        self.fileIdentifier = d.sourceNote?.fileIdentifier
        self.classification = d.sourceNote?.classification
        self.handling = d.sourceNote?.handling ?? []
        self.series = d.edition.series
        self.subseries = d.edition.subseries
        self.volumeId = d.edition.volumeId
        self.volumeNumber = d.edition.volumeNumber
        self.volumeTitle = d.edition.volumeTitle
        self.docNumber = d.edition.documentNumber
        self.firstPage = d.edition.firstPage
        self.canonicalUrl = d.edition.canonicalURL
        self.publisher = d.edition.publisher
        self.publicationYear = d.edition.publicationYear
        self.publicationPlace = d.edition.publicationPlace
        self.editors = d.edition.editors
        self.context = d.context
        self.extra = d.extra
        self.contentHash = contentHash
        self.passageCount = d.passages.count
        self.charCount = d.passages.reduce(0) { $0 + $1.text.unicodeScalars.count }
    }
}

/// Types whose empty JSON form (`[]`, `{}`) ``DocumentRecord`` reads without a decoder.
protocol ExpressibleByJSONEmpty { static var jsonEmpty: Self { get } }
extension Array: ExpressibleByJSONEmpty { static var jsonEmpty: Self { [] } }
extension Dictionary: ExpressibleByJSONEmpty { static var jsonEmpty: Self { [:] } }
