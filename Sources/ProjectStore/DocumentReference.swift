import Foundation

/// A document (or passage) named the way a user names it, with the reading that was taken, so a
/// command can say which form it understood.
///
/// The forms: `12` (a document id), `p345` (a passage id), `frus1964-68v29p2/d12` or
/// `frus:frus1964-68v29p2/d12` (a FRUS document), a file name. `d47` alone is the one form with two
/// meanings (document id 47 as `documents show d47` once accepted it, or FRUS document 47 of some
/// volume): it is read as FRUS document d47 when exactly one volume has one, as document id 47 only
/// when no FRUS document is called d47, and refused, listing the readings, otherwise. It never
/// silently means database row 47 when a FRUS document d47 exists.
public struct DocumentReference: Sendable {
    public var document: DocumentRecord
    /// The passage, when the reference named one (`p345`).
    public var passage: PassageRecord?
    /// The reading taken, in words: "FRUS document frus1964-68v29p2/d47 (document id 812)".
    public var form: String

    /// Resolves `text` in `catalog` as described on the type.
    public static func resolve(_ text: String, in catalog: DocumentCatalog) throws -> DocumentReference {
        let r = text.trimmingCharacters(in: .whitespaces)
        let lower = r.lowercased()
        if lower.hasPrefix("p"), let pid = Int64(lower.dropFirst()), pid > 0 {
            let (passage, document) = try catalog.passage(id: pid)
            return .init(document: document, passage: passage, form: "passage id \(pid) (document id \(document.id!)\(frusName(document)))")
        }
        if let did = Int64(r), did > 0 {
            let d = try catalog.document(id: did)
            return .init(document: d, passage: nil, form: "document id \(did)\(frusName(d))")
        }
        if lower.hasPrefix("d"), let n = Int64(lower.dropFirst()), n > 0 {
            let byKey = try catalog.documents(withKey: "d\(n)")
            let byId = try? catalog.document(id: n)
            switch (byId, byKey.count) {
            case (nil, 0): throw StoreError.documentNotFound(r)
            case (let d?, 0):
                return .init(document: d, passage: nil, form: "document id \(n)\(frusName(d)): no FRUS document is called d\(n)")
            case (_, 1) where byId == nil || byId?.id == byKey[0].id:
                return .init(document: byKey[0], passage: nil, form: "FRUS document \(byKey[0].volumeId ?? "")/d\(n) (document id \(byKey[0].id!))")
            default:
                var readings = byKey.map { "FRUS document \($0.volumeId ?? "?")/d\(n) (write \($0.volumeId ?? "?")/d\(n))" }
                if byId != nil { readings.insert("document id \(n) (write \(n))", at: 0) }
                throw StoreError.invalid("'\(r)' is ambiguous: it could be \(readings.joined(separator: ", or ")).")
            }
        }
        let d = try catalog.resolve(r)
        return .init(document: d, passage: nil,
                     form: "\(d.identity.hasPrefix("frus:") ? "FRUS document" : "document") \(r) (document id \(d.id!))")
    }

    static func frusName(_ d: DocumentRecord) -> String {
        guard d.format == "frus", let v = d.volumeId else { return "" }
        return ", FRUS \(v)/\(d.docKey)"
    }
}
