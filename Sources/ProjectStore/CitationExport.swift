import Foundation

/// A document or passage citation for reference managers: CSL-JSON (Zotero, citeproc), BibTeX and RIS.
///
/// A FRUS document is a chapter-like part of a book: the book is the volume (title, editors,
/// publisher, place, year), the part is the document (its head as title, document number, URL).
/// The archival source the editors cite goes to CSL `archive` (repository), `archive_location`
/// (collection and file), `archive-place` (where a well-known repository is), and the series to
/// `collection-title`. The document's own date is CSL `original-date`; `issued` is the volume's year.
public struct CitationExport: Sendable {
    public let document: DocumentRecord
    public let passage: PassageRecord?
    public let locator: String?

    public init(document: DocumentRecord, passage: PassageRecord? = nil, locator: String? = nil) {
        self.document = document
        self.passage = passage
        self.locator = locator
    }

    /// A stable citation key: `frus1964-68v29p1/d56` (FRUS) or `document-12`.
    public var key: String {
        if let v = document.volumeId, document.format == "frus" { return "\(v)/\(document.docKey)" }
        return "document-\(document.id ?? 0)"
    }

    /// Where the repositories FRUS source notes name most often are (for CSL `archive-place`).
    static let repositoryPlaces: [(String, String)] = [
        ("National Archives", "College Park, MD"), ("Washington National Records Center", "Suitland, MD"),
        ("Johnson Library", "Austin, TX"), ("Kennedy Library", "Boston, MA"), ("Eisenhower Library", "Abilene, KS"),
        ("Truman Library", "Independence, MO"), ("Nixon Presidential Materials", "College Park, MD"),
        ("Nixon Library", "Yorba Linda, CA"), ("Ford Library", "Ann Arbor, MI"), ("Carter Library", "Atlanta, GA"),
        ("Library of Congress", "Washington, DC"), ("Princeton University", "Princeton, NJ"),
    ]

    var archivePlace: String? {
        guard let repo = document.repository else { return nil }
        return Self.repositoryPlaces.first { repo.hasPrefix($0.0) }?.1
    }

    var archiveLocation: String? {
        let parts = [document.collection, document.fileIdentifier].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    /// The volume's title spelled out (`…, 1964–1968, Volume XXIX, Part 1, Korea`): a citation style
    /// abbreviates it as it wishes.
    var containerTitle: String { Citation.volumeTitle(document, abbreviated: false) }

    /// `Karen L. Gatz` → family `Gatz`, given `Karen L.`; suffixes (`Jr.`, `III`) kept with the family name.
    static func splitName(_ name: String) -> (family: String, given: String) {
        var words = name.split(separator: " ").map(String.init)
        guard words.count > 1 else { return (name, "") }
        var suffix = ""
        if let last = words.last, ["Jr.", "Jr", "Sr.", "II", "III", "IV"].contains(last) {
            suffix = last
            words.removeLast()
            if var w = words.last, w.hasSuffix(",") { w.removeLast(); words[words.count - 1] = w }
        }
        let family = words.removeLast()
        return (suffix.isEmpty ? family : "\(family), \(suffix)", words.joined(separator: " "))
    }

    static func dateParts(_ iso: String?) -> [[Int]]? {
        guard let iso else { return nil }
        let f = iso.prefix(10).split(separator: "-").compactMap { Int($0) }
        return f.isEmpty ? nil : [f]
    }

    var title: String {
        var t = Citation.itemDescription(document) ?? document.title ?? key
        if let locator { t += " (\(locator))" }
        return t
    }

    /// One CSL-JSON item (a dictionary ready for JSONSerialization).
    public func cslJSON() -> [String: Any] {
        let d = document
        var item: [String: Any] = ["id": key, "type": d.format == "frus" ? "chapter" : "manuscript", "title": title]
        if d.format == "frus" {
            item["container-title"] = containerTitle
            item["collection-title"] = d.series ?? "Foreign Relations of the United States"
            if let eds = d.editors, !eds.isEmpty {
                item["editor"] = eds.map { let n = Self.splitName($0); return ["family": n.family, "given": n.given] }
            }
            if let p = d.publisher { item["publisher"] = p }
            if let p = d.publicationPlace { item["publisher-place"] = p }
            if let y = d.publicationYear, let n = Int(y) { item["issued"] = ["date-parts": [[n]]] }
            if let n = d.docNumber { item["number"] = n; item["section"] = "Document \(n)" }
            if let o = Self.dateParts(d.dateMin) { item["original-date"] = ["date-parts": o] }
        } else if let o = Self.dateParts(d.dateMin) {
            item["issued"] = ["date-parts": o]
        }
        if !d.authors.isEmpty { item["author"] = d.authors.map { ["literal": $0] } }
        if !d.recipients.isEmpty { item["recipient"] = d.recipients.map { ["literal": $0] } }
        if let url = d.canonicalUrl { item["URL"] = url }
        if let r = d.repository { item["archive"] = r }
        if let l = archiveLocation { item["archive_location"] = l }
        if let p = archivePlace { item["archive-place"] = p }
        if let place = d.place { item["event-place"] = place }
        if let page = passage?.page ?? d.firstPage { item["page"] = page }
        var notes: [String] = []
        if let c = d.classification { notes.append(([c] + d.handling).joined(separator: "; ")) }
        if passage.map({ Editorial.isEditorial(kind: $0.kind, docType: d.docType) }) == true
            || (passage == nil && d.docType == "editorial note") {
            notes.append("editorial material, not archival text")
        }
        if !notes.isEmpty { item["note"] = notes.joined(separator: ". ") }
        return item
    }

    /// `@incollection` (FRUS) or `@misc` BibTeX entry.
    public func bibtex() -> String {
        let d = document
        func esc(_ s: String) -> String {
            s.replacingOccurrences(of: "\\", with: "\\textbackslash{}").replacingOccurrences(of: "&", with: "\\&")
                .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "#", with: "\\#")
                .replacingOccurrences(of: "_", with: "\\_").replacingOccurrences(of: "$", with: "\\$")
        }
        var fields: [(String, String)] = [("title", "{\(esc(title))}")]
        if !d.authors.isEmpty { fields.append(("author", d.authors.map { "{\(esc($0))}" }.joined(separator: " and "))) }
        if d.format == "frus" {
            fields.append(("booktitle", "{\(esc(containerTitle))}"))
            if let eds = d.editors, !eds.isEmpty {
                fields.append(("editor", eds.map { let n = Self.splitName($0); return esc("\(n.family), \(n.given)") }.joined(separator: " and ")))
            }
            if let p = d.publisher { fields.append(("publisher", "{\(esc(p))}")) }
            if let p = d.publicationPlace { fields.append(("address", esc(p))) }
            if let y = d.publicationYear { fields.append(("year", y)) }
            if let n = d.docNumber { fields.append(("chapter", "Document \(esc(n))")) }
        } else if let y = d.dateMin?.prefix(4) {
            fields.append(("year", String(y)))
        }
        if let url = d.canonicalUrl { fields.append(("url", url)) }
        var note: [String] = []
        if let place = d.place { note.append(place) }
        if let date = Citation.formatDate(min: d.dateMin, max: d.dateMax, precision: d.datePrecision, raw: d.dateRaw) { note.append(date) }
        if let src = [d.repository, archiveLocation].compactMap({ $0 }).joined(separator: ", ").nilIfEmpty { note.append("Source: \(src)") }
        if !note.isEmpty { fields.append(("note", "{\(esc(note.joined(separator: ", ")))}")) }
        let type = d.format == "frus" ? "incollection" : "misc"
        let bibKey = key.replacingOccurrences(of: "/", with: "_")
        return "@\(type){\(bibKey),\n" + fields.map { "  \($0.0) = {\($0.1)}" }.joined(separator: ",\n") + "\n}"
    }

    /// An RIS record (`TY  - CHAP` for FRUS).
    public func ris() -> String {
        let d = document
        var lines: [(String, String)] = [("TY", d.format == "frus" ? "CHAP" : "MANSCPT"), ("ID", key), ("TI", title)]
        for a in d.authors { lines.append(("AU", a)) }
        if d.format == "frus" {
            lines.append(("T2", containerTitle))
            lines.append(("T3", d.series ?? "Foreign Relations of the United States"))
            for e in d.editors ?? [] { let n = Self.splitName(e); lines.append(("A2", "\(n.family), \(n.given)")) }
            if let p = d.publisher { lines.append(("PB", p)) }
            if let p = d.publicationPlace { lines.append(("CY", p)) }
            if let y = d.publicationYear { lines.append(("PY", y)) }
            if let n = d.docNumber { lines.append(("SE", "Document \(n)")) }
        }
        if let date = d.dateMin?.prefix(10) { lines.append(("DA", date.replacingOccurrences(of: "-", with: "/"))) }
        if let url = d.canonicalUrl { lines.append(("UR", url)) }
        if let r = d.repository { lines.append(("AN", r)) }
        if let l = archiveLocation { lines.append(("AV", l)) }
        if let page = passage?.page ?? d.firstPage { lines.append(("SP", page)) }
        if let c = d.classification { lines.append(("N1", ([c] + d.handling).joined(separator: "; "))) }
        lines.append(("ER", ""))
        return lines.map { "\($0.0)  - \($0.1)" }.joined(separator: "\n")
    }
}

private extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
