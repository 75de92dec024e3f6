import Foundation
import ProjectStore

/// A round's codings as W3C Web Annotations (Web Annotation Data Model, JSON-LD): one annotation per
/// coding. The target is the passage's source (the FRUS canonical URL, else Dossier's document
/// identity as a URN) with a TextQuoteSelector (the quoted text and up to 32 code points either
/// side) and a TextPositionSelector (code points in the document's plain text as ``SourceText``
/// lays it out, 0-based, end exclusive: the quote, not the position, is what anchors on a web page);
/// the body is the criterion as a codebook URI, the case, and the coder's note; the creator is the coder.
public enum WebAnnotationExport {
    struct Collection: Encodable {
        let context = "http://www.w3.org/ns/anno.jsonld"
        var id: String
        let type = "AnnotationCollection"
        var label: String
        var total: Int
        var first: Page
        enum CodingKeys: String, CodingKey { case context = "@context", id, type, label, total, first }
    }
    struct Page: Encodable {
        let type = "AnnotationPage"
        var items: [Annotation]
    }
    struct Annotation: Encodable {
        var id: String
        let type = "Annotation"
        let motivation = "classifying"
        var created: String
        var creator: Creator
        var body: [Body]
        var target: Target
    }
    struct Creator: Encodable {
        var id: String
        let type = "Person"
        var name: String
        var nickname: String
    }
    struct Body: Encodable {
        var type: String
        var id: String?
        var value: String?
        var format: String?
        var purpose: String
    }
    struct Target: Encodable {
        var source: String
        var selector: [Selector]
    }
    struct Selector: Encodable {
        var type: String
        var exact: String?
        var prefix: String?
        var suffix: String?
        var start: Int?
        var end: Int?
    }

    /// The criterion's URI: `urn:dossier:codebook:ID:VERSION#CRITERION`.
    public static func criterionURI(codebook: String, version: String, criterion: String) -> String {
        "urn:dossier:codebook:\(codebook):\(version)#\(criterion)"
    }

    /// The annotation collection as JSON-LD text (keys sorted, so the same round gives the same bytes).
    public static func jsonLD(_ work: RoundWork) throws -> String {
        let iso = ISO8601DateFormatter()
        iso.timeZone = TimeZone(identifier: "UTC")
        let byDocument = Dictionary(grouping: work.passages, by: \.documentId)
        let texts = Dictionary(uniqueKeysWithValues: work.documents.map { ($0.id!, SourceText(document: $0, passages: byDocument[$0.id!] ?? [])) })
        let passageDocument = Dictionary(uniqueKeysWithValues: work.passages.map { ($0.id!, $0.documentId) })
        let passages = Dictionary(uniqueKeysWithValues: work.passages.map { ($0.id!, $0) })
        let names = Dictionary(uniqueKeysWithValues: work.coders.map { ($0.handle, $0.name) })
        let roundKey = "\(work.codebook.codebookId)|\(work.round.name)"
        var items: [Annotation] = []
        for c in work.codings {
            guard let documentId = passageDocument[c.passageId], let text = texts[documentId],
                  let range = text.range(passage: c.passageId, span: c.spanStart.flatMap { s in c.spanEnd.map { s..<$0 } }) else { continue }
            let d = text.document
            var body = [Body(type: "SpecificResource",
                             id: criterionURI(codebook: work.codebook.codebookId, version: work.codebook.version, criterion: c.criterionId),
                             value: nil, format: nil, purpose: "classifying"),
                        Body(type: "TextualBody", id: nil, value: c.caseId, format: "text/plain", purpose: "tagging")]
            if let passage = passages[c.passageId], let label = Editorial.label(passage, in: d) {
                body.append(Body(type: "TextualBody", id: nil, value: Editorial.marker(label) + ", written by the volume\u{2019}s editors, not archival text",
                                 format: "text/plain", purpose: "describing"))
            }
            if let note = c.note, !note.isEmpty {
                body.append(Body(type: "TextualBody", id: nil, value: note, format: "text/plain", purpose: "commenting"))
            }
            let prefix = text.slice(max(0, range.lowerBound - 32)..<range.lowerBound)
            let suffix = text.slice(range.upperBound..<min(text.length, range.upperBound + 32))
            items.append(Annotation(
                id: "urn:uuid:" + StableGUID.make(StableGUID.codingName(c, roundKey: roundKey)),
                created: iso.string(from: c.createdAt),
                creator: Creator(id: "urn:dossier:coder:\(c.coder)", name: names[c.coder] ?? c.coder, nickname: c.coder),
                body: body,
                target: Target(source: d.canonicalUrl ?? "urn:dossier:document:\(d.identity)", selector: [
                    Selector(type: "TextQuoteSelector", exact: text.slice(range), prefix: prefix, suffix: suffix),
                    Selector(type: "TextPositionSelector", start: range.lowerBound, end: range.upperBound),
                ])))
        }
        let collection = Collection(id: "urn:uuid:" + StableGUID.make("\(roundKey)|annotations"),
                                    label: "\(work.codebook.definition.title): round \(work.round.name)",
                                    total: items.count, first: Page(items: items))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(collection), as: UTF8.self) + "\n"
    }
}
