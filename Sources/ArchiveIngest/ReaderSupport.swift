import CLibXML2
import Foundation

/// A growable UTF-8 buffer that several frames can write to.
final class TextBuf {
    var bytes: [UInt8] = []
    var folded: String { TextFold.fold(bytes).text }
}

/// A passage being built (`p`, `item`, table `row`, …). Nested blocks split it into segments.
final class OpenBlock {
    let buf = TextBuf()
    let kind: PassageKind
    let anchor: String
    var page: String?
    var links: [EntityLink] = []
    var notes: [OpenNote] = []
    let isDocHead: Bool

    init(kind: PassageKind, anchor: String, page: String?, isDocHead: Bool = false) {
        self.kind = kind
        self.anchor = anchor
        self.page = page
        self.isDocHead = isDocHead
    }
}

/// A footnote or source note being built; emitted right after the passage it annotates.
final class OpenNote {
    let buf = TextBuf()
    let kind: PassageKind
    let anchor: String
    let number: String?
    let page: String?
    var links: [EntityLink] = []

    init(kind: PassageKind, anchor: String, number: String?, page: String?) {
        self.kind = kind
        self.anchor = anchor
        self.number = number
        self.page = page
    }
}

/// Element names seen so far, interned pointer → Swift string (for anchors).
struct NameCache {
    private var names: [UnsafeRawPointer: String] = [:]
    mutating func string(_ p: UnsafePointer<xmlChar>) -> String {
        if let s = names[UnsafeRawPointer(p)] { return s }
        let s = p.string
        names[UnsafeRawPointer(p)] = s
        return s
    }
}

/// Infers a document type from a FRUS-style head ("228. Memorandum by …", "Telegram From the Embassy …").
enum DocTypeInference {
    static let prefixes: [(String, String)] = [
        ("memorandum of conversation", "memorandum of conversation"),
        ("memorandum for the record", "memorandum for the record"),
        ("memorandum of telephone conversation", "telephone conversation"),
        ("transcript of telephone conversation", "telephone conversation"),
        ("transcript of a telephone conversation", "telephone conversation"),
        ("telephone conversation", "telephone conversation"),
        ("intelligence memorandum", "intelligence memorandum"),
        ("national intelligence estimate", "intelligence estimate"),
        ("special national intelligence estimate", "intelligence estimate"),
        ("intelligence estimate", "intelligence estimate"),
        ("intelligence note", "intelligence note"),
        ("intelligence report", "report"),
        ("research memorandum", "memorandum"),
        ("action memorandum", "memorandum"),
        ("information memorandum", "memorandum"),
        ("memorandum", "memorandum"),
        ("telegram", "telegram"),
        ("circular telegram", "telegram"),
        ("backchannel message", "backchannel message"),
        ("message", "message"),
        ("airgram", "airgram"),
        ("circular airgram", "airgram"),
        ("despatch", "despatch"),
        ("dispatch", "despatch"),
        ("letter", "letter"),
        ("editorial note", "editorial note"),
        ("summary of minutes", "minutes"),
        ("minutes", "minutes"),
        ("summary record", "minutes"),
        ("record of meeting", "minutes"),
        ("record of actions", "record of actions"),
        ("notes of meeting", "notes of meeting"),
        ("notes of a meeting", "notes of meeting"),
        ("notes", "notes"),
        ("note", "note"),
        ("report", "report"),
        ("paper", "paper"),
        ("study", "paper"),
        ("draft", "draft"),
        ("briefing paper", "paper"),
        ("talking points", "talking points"),
        ("position paper", "paper"),
        ("instruction", "instruction"),
        ("statement", "statement"),
        ("directive", "directive"),
        ("national security action memorandum", "memorandum"),
        ("national security decision memorandum", "memorandum"),
        ("national security study memorandum", "memorandum"),
        ("aide-mémoire", "aide-mémoire"),
        ("aide-memoire", "aide-mémoire"),
        ("diary entry", "diary entry"),
        ("editorial", "editorial note"),
        ("minute", "minutes"),
    ]

    static func infer(_ head: String?) -> String? {
        guard var h = head?.lowercased() else { return nil }
        // Strip a leading printed number: "56. ", "72.Telegram", "No. 140 ".
        if h.hasPrefix("no.") { h = String(h.dropFirst(3)) }
        h = String(h.drop(while: { $0 == " " || $0.isNumber }))
        if h.hasPrefix(".") { h = String(h.dropFirst()) }
        h = h.trimmed
        var best: (Int, String)?
        // Longest matching prefix first.
        for (p, t) in prefixes where h.hasPrefix(p) {
            if best == nil || p.count > best!.0 { best = (p.count, t) }
        }
        return best?.1
    }
}

/// Prefix-free XPath-ish anchor for elements without `xml:id`.
enum AnchorPath {
    /// Names that are unique among their siblings by schema; their `[1]` is left out.
    static let unique: Set<String> = ["teiHeader", "text", "body", "front", "back", "eadheader", "control",
                                      "archdesc", "dsc", "did", "fileDesc"]
}
