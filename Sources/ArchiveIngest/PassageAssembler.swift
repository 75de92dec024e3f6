/// Collects a document's passages in reading order and computes their offsets.
///
/// Offsets index the document's `plainText` (passage texts joined by "\n\n") in Unicode scalars,
/// 0-based, end exclusive: passage *i* starts at the sum of (length + 2) of the passages before it.
struct PassageAssembler {
    private(set) var passages: [ParsedPassage] = []
    private var nextStart = 0

    var isEmpty: Bool { passages.isEmpty }

    /// Adds a passage from raw UTF-8 bytes. Returns its ordinal, or nil when its text is empty
    /// after whitespace folding (such passages are dropped).
    @discardableResult
    mutating func add(kind: PassageKind, raw: [UInt8], anchor: String, page: String?,
                      annotates: Int? = nil, noteNumber: String? = nil, links: [EntityLink] = []) -> Int? {
        let (text, count) = TextFold.fold(raw)
        if count == 0 { return nil }
        return append(kind: kind, text: text, count: count, rawText: TextFold.trimmed(raw), anchor: anchor,
                      page: page, annotates: annotates, noteNumber: noteNumber, links: links)
    }

    /// Adds a passage whose text is already folded.
    @discardableResult
    mutating func add(kind: PassageKind, text: String, rawText: String, anchor: String, page: String?,
                      annotates: Int? = nil, noteNumber: String? = nil, links: [EntityLink] = []) -> Int? {
        let count = text.unicodeScalars.count
        if count == 0 { return nil }
        return append(kind: kind, text: text, count: count, rawText: rawText, anchor: anchor,
                      page: page, annotates: annotates, noteNumber: noteNumber, links: links)
    }

    private mutating func append(kind: PassageKind, text: String, count: Int, rawText: String, anchor: String,
                                 page: String?, annotates: Int?, noteNumber: String?, links: [EntityLink]) -> Int {
        let ordinal = passages.count
        let start = ordinal == 0 ? 0 : nextStart + 2
        passages.append(ParsedPassage(ordinal: ordinal, kind: kind, text: text, rawText: rawText, start: start,
                                      end: start + count, page: page, anchor: anchor, annotates: annotates,
                                      noteNumber: noteNumber, links: links))
        nextStart = start + count
        return ordinal
    }

    mutating func take() -> [ParsedPassage] {
        defer { passages = []; nextStart = 0 }
        return passages
    }
}
