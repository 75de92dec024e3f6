import ProjectStore

/// A passage as printed in JSON.
struct PassageView: Encodable {
    var id: Int64
    var ordinal: Int
    var kind: String
    var page: String?
    var anchor: String
    var start: Int
    var end: Int
    var annotates: Int64?
    var noteNumber: String?
    /// `source note (editorial)`, `editors’ footnote 2`, `editorial note`; absent for archival text.
    var editorialLabel: String?
    var text: String

    init(_ p: PassageRecord, in document: DocumentRecord) {
        id = p.id!; ordinal = p.ordinal; kind = p.kind; page = p.page; anchor = p.anchor
        start = p.startOffset; end = p.endOffset; annotates = p.annotatesId; noteNumber = p.noteNumber; text = p.text
        editorialLabel = Editorial.label(p, in: document)
    }
}
