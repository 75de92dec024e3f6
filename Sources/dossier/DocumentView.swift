import ProjectStore

/// A document as printed in JSON: every provenance field, plus citation and passages for `show`.
struct DocumentView: Encodable {
    var id: Int64
    var identity: String
    var version: Int
    var isCurrent: Bool
    var format: String
    var key: String
    var title: String?
    var docType: String?
    var dateMin: String?
    var dateMax: String?
    var datePrecision: String?
    var dateRaw: String?
    var place: String?
    var authors: [String]
    var recipients: [String]
    var sourceNote: String?
    var repository: String?
    var collection: String?
    var fileIdentifier: String?
    var classification: String?
    var handling: [String]
    var series: String?
    var subseries: String?
    var volumeId: String?
    var volumeNumber: String?
    var volumeTitle: String?
    var docNumber: String?
    var firstPage: String?
    var canonicalUrl: String?
    var context: [String]
    var extra: [String: String]
    var sourcePath: String
    var contentHash: String
    var passageCount: Int
    var citation: Citation?
    var passages: [PassageView]?
    var links: [ResolvedLink]?

    init(_ d: DocumentRecord) {
        id = d.id!; identity = d.identity; version = d.version; isCurrent = d.isCurrent; format = d.format
        key = d.docKey; title = d.title; docType = d.docType; dateMin = d.dateMin; dateMax = d.dateMax
        datePrecision = d.datePrecision; dateRaw = d.dateRaw; place = d.place; authors = d.authors
        recipients = d.recipients; sourceNote = d.sourceNote; repository = d.repository; collection = d.collection
        fileIdentifier = d.fileIdentifier; classification = d.classification; handling = d.handling
        series = d.series; subseries = d.subseries; volumeId = d.volumeId; volumeNumber = d.volumeNumber
        volumeTitle = d.volumeTitle; docNumber = d.docNumber; firstPage = d.firstPage; canonicalUrl = d.canonicalUrl
        context = d.context; extra = d.extra; sourcePath = d.sourcePath; contentHash = d.contentHash
        passageCount = d.passageCount
    }
}
