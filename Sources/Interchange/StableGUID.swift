import Crypto
import Foundation
import ProjectStore

/// GUIDs derived from Dossier's own ids (RFC 4122 version 5: SHA-1 of a namespace and a name), so
/// the same project exported twice gives the same GUIDs and another tool's re-import of a newer
/// export recognises the codes, users, sources and selections it already has. REFI-QDA only asks
/// that GUIDs be unique; tools that mint new ones on every export break that recognition.
public enum StableGUID {
    /// Dossier's namespace for version-5 GUIDs (itself a random version-4 UUID, fixed forever).
    static let namespace: [UInt8] = [0x5d, 0x0c, 0x1e, 0x8a, 0x3b, 0x47, 0x4e, 0x2f,
                                     0x9c, 0x61, 0x0a, 0x7e, 0x44, 0xd2, 0x19, 0xb3]

    /// The name a coding goes by in a round's exports (`roundKey` is `CODEBOOK|ROUND`): what it
    /// is (coder, passage, case, criterion, span), never its row id. Row ids are each project's
    /// own: the copies of a team project, and a single file holding the same codings, number them
    /// differently, and must still give the same coding the same GUID. A live coding is unique by
    /// these (a coder tags a span once, one way).
    public static func codingName(_ c: CodingRecord, roundKey: String) -> String {
        "\(roundKey)|coding|\(c.coder)|p\(c.passageId)|\(c.caseId)|\(c.criterionId)|\(c.spanStart.map(String.init) ?? "-"):\(c.spanEnd.map(String.init) ?? "-")"
    }

    /// The name a note on a whole unit goes by in a round's exports: its coder, unit and text (a
    /// packet merge, too, takes the same text on the same unit for the same note), never its row id.
    public static func unitNoteName(_ n: UnitNoteRecord, roundKey: String) -> String {
        "\(roundKey)|unitnote|\(n.coder)|p\(n.passageId)|\(n.caseId)|\(n.note)"
    }

    /// The GUID for `name` (e.g. `criterion|buying-allies|WIR.link`), lowercase with hyphens.
    public static func make(_ name: String) -> String {
        var hasher = Insecure.SHA1()
        hasher.update(data: namespace)
        hasher.update(data: Data(name.utf8))
        var bytes = Array(hasher.finalize().prefix(16))
        bytes[6] = (bytes[6] & 0x0f) | 0x50
        bytes[8] = (bytes[8] & 0x3f) | 0x80
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let h = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(h[$0]) }.joined(separator: "-")
    }
}
