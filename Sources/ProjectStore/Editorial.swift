import Foundation

/// What in a FRUS volume (or any edited collection) is the editors' writing, not the archive's:
/// source notes, editors' footnotes, and editorial notes (documents the editors wrote to summarize
/// what is not printed). Shown with a label wherever a passage is listed, exported or cited, and
/// left out of `assign` unless asked for, so it is never mistaken for archival text.
public enum Editorial {
    /// Passage kinds written by the editors.
    public static let passageKinds: Set<String> = ["source_note", "footnote"]
    /// Document types written by the editors.
    public static let documentTypes: Set<String> = ["editorial note"]

    /// True when a passage of this kind in a document of this type is editorial.
    public static func isEditorial(kind: String, docType: String?) -> Bool {
        passageKinds.contains(kind) || docType.map { documentTypes.contains($0) } == true
    }

    /// A short label for display: `source note (editorial)`, `editors' footnote 2`, `editorial note`;
    /// nil for archival text.
    public static func label(kind: String, docType: String?, noteNumber: String? = nil) -> String? {
        switch kind {
        case "source_note": return "source note (editorial)"
        case "footnote": return "editors\u{2019} footnote" + (noteNumber.map { " \($0)" } ?? "")
        default: return docType.map { documentTypes.contains($0) } == true ? "editorial note" : nil
        }
    }

    /// The label of `passage` of `document` (nil for archival text), for every export and citation.
    public static func label(_ passage: PassageRecord, in document: DocumentRecord) -> String? {
        label(kind: passage.kind, docType: document.docType, noteNumber: passage.noteNumber)
    }

    /// What an export writes beside editorial material: `EDITORIAL: <label>`.
    public static func marker(_ label: String) -> String { "EDITORIAL: \(label)" }

    /// SQL true when document `alias` is editorial as a whole.
    static func documentCondition(alias: String) -> String {
        "COALESCE(\(alias).doc_type, '') IN (\(documentTypes.map { "'\($0)'" }.joined(separator: ",")))"
    }
}
