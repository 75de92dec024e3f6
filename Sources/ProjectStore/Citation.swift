import Foundation

/// Citations for a document or passage.
///
/// FRUS documents follow the Office of the Historian's "Citing the Foreign Relations series" with
/// the Chicago Manual's rule for correspondence in a published collection (17th ed., 14.111): the
/// item (the editors' head, which names type, sender and recipient: "Telegram From the Embassy in
/// Korea to the Department of State"), place and date, then the volume: series, subseries, volume
/// number and part, volume title, editors (never the general editor), city, publisher and year,
/// the document number (not the page), a passage locator (`para. 3`, `n. 2`), and the canonical
/// URL. Every part comes from the volume's TEI header and the document; a part the header lacks
/// is left out, never invented.
public struct Citation: Codable, Sendable, Equatable {
    /// Chicago-style full note.
    public var chicago: String
    /// FRUS short form (`FRUS, 1964–1968, vol. XXIX, pt. 1, Korea, Document 56`), FRUS only.
    public var frusShort: String?
    /// Stable URL where the source has one.
    public var url: String?
    /// Page the cited passage (or document) starts on, for finding it in print.
    public var page: String?
    /// Where in the document: `para. 33`, `n. 2`, `source note`; nil for a whole document.
    public var locator: String?
    /// True when the cited passage is editorial material (source note, editors' footnote, editorial note).
    public var editorial: Bool

    /// Builds the citation of a document, or of one of its passages when `passage` is given with its
    /// readable `locator` (see `PassageLocator`).
    public init(document d: DocumentRecord, passage: PassageRecord? = nil, locator: String? = nil) {
        let page = passage?.page ?? d.firstPage
        self.page = page
        self.url = d.canonicalUrl
        self.locator = passage == nil ? nil : locator
        self.editorial = passage.map { Editorial.isEditorial(kind: $0.kind, docType: d.docType) }
            ?? (d.docType.map { Editorial.documentTypes.contains($0) } ?? false)
        var parts: [String] = []
        let item = Self.itemDescription(d)
        let date = Self.formatDate(min: d.dateMin, max: d.dateMax, precision: d.datePrecision, raw: d.dateRaw)
        if d.format == "frus", d.volumeId != nil {
            if let item { parts.append(item) }
            // Some electronic volumes tag the whole dateline as the place ("Washington, May 11, 1970").
            if var place = d.place {
                if let date, let r = place.range(of: ", " + date) { place = String(place[..<r.lowerBound]) }
                if place != date { parts.append(place) }
            }
            if let date { parts.append(date) }
            var volume = "in " + Self.volumeTitle(d)
            if let eds = Self.editorPhrase(d.editors ?? []) { volume += ", \(eds)" }
            if let facts = Self.publicationFacts(d) { volume += " \(facts)" }
            parts.append(volume)
            if let n = d.docNumber { parts.append("Document \(n)") }
            if let l = self.locator { parts.append(l) }
            if let url = d.canonicalUrl { parts.append(url) }
            self.frusShort = Self.shortForm(d, locator: self.locator)
        } else {
            // Archival order: author to recipient, title, date, file, collection, repository.
            var who = d.authors.joined(separator: " and ")
            if !d.recipients.isEmpty { who += (who.isEmpty ? "" : " ") + "to " + d.recipients.joined(separator: " and ") }
            if !who.isEmpty { parts.append(who) }
            if let item { parts.append("\u{201C}\(item),\u{201D}") }
            if let place = d.place { parts.append(place) }
            if let date { parts.append(date) }
            if let file = d.fileIdentifier { parts.append(file) }
            if let collection = d.collection { parts.append(collection) }
            if let repository = d.repository { parts.append(repository) }
            if d.fileIdentifier == nil && d.collection == nil && d.repository == nil, let note = d.sourceNote {
                parts.append(note.hasPrefix("Source: ") ? String(note.dropFirst(8)) : note)
            }
            if let vt = d.volumeTitle { parts.append("in \(vt)") }
            if let page { parts.append("p. \(page)") }
            if let l = self.locator { parts.append(l) }
            if let url = d.canonicalUrl { parts.append(url) }
            self.frusShort = nil
        }
        var note = parts.joined(separator: ", ").replacingOccurrences(of: ",\u{201D},", with: ",\u{201D}")
        if !note.hasSuffix(".") { note += "." }
        self.chicago = note
    }

    /// The document's head without its printed number ("228. Memorandum…" → "Memorandum…").
    static func itemDescription(_ d: DocumentRecord) -> String? {
        guard let title = d.title else { return nil }
        let bare = d.docNumber == nil ? title
            : title.replacingOccurrences(of: #"^(No\.\s*)?\d+[A-Za-z]?\.\s*"#, with: "", options: .regularExpression)
        let t = bare.trimmingCharacters(in: CharacterSet(charactersIn: " .,;:"))
        return t.isEmpty ? nil : t
    }

    /// Series, subseries, volume number and part, volume title:
    /// `Foreign Relations of the United States, 1964–1968, vol. XXIX, pt. 1, Korea`.
    static func volumeTitle(_ d: DocumentRecord, abbreviated: Bool = true) -> String {
        var parts = [d.series ?? "Foreign Relations of the United States"]
        if let sub = d.subseries, !sub.isEmpty { parts.append(sub) }
        if let vol = numberedVolume(d.volumeNumber) { parts.append(abbreviated ? shortVolume(vol) : vol) }
        if let vt = d.volumeTitle, !vt.isEmpty { parts.append(vt) }
        return parts.joined(separator: ", ")
    }

    /// The volume number when it is one (`Volume XXIX, Part 1`, `Volumes VII/VIII/IX, Microfiche
    /// Supplement`); nil for an empty value or a label ending in "Volume" such as `Retrospective Volume`, which is not
    /// part of the title-page title (`Foreign Relations of the United States, 1952–1954, Guatemala`).
    static func numberedVolume(_ v: String?) -> String? {
        guard let v = v?.trimmingCharacters(in: .whitespaces), !v.isEmpty, !v.hasSuffix(" Volume") else { return nil }
        return v
    }

    /// `FRUS, 1964–1968, vol. XXIX, pt. 1, Korea, Document 56` (+ locator).
    static func shortForm(_ d: DocumentRecord, locator: String?) -> String {
        var short = "FRUS"
        if let sub = d.subseries, !sub.isEmpty { short += ", \(sub)" }
        if let vol = numberedVolume(d.volumeNumber) { short += ", \(shortVolume(vol))" }
        if let vt = d.volumeTitle, !vt.isEmpty { short += ", \(vt)" }
        if let n = d.docNumber { short += ", Document \(n)" }
        if let locator { short += ", \(locator)" }
        return short
    }

    /// `ed. Karen L. Gatz`, `eds. A and B`, `eds. A, B, and C`; four or more: `eds. A et al.`
    /// (Chicago 17th ed., 14.76).
    static func editorPhrase(_ editors: [String]) -> String? {
        switch editors.count {
        case 0: return nil
        case 1: return "ed. \(editors[0])"
        case 2: return "eds. \(editors[0]) and \(editors[1])"
        case 3: return "eds. \(editors[0]), \(editors[1]), and \(editors[2])"
        default: return "eds. \(editors[0]) et al."
        }
    }

    /// `(Washington: United States Government Printing Office, 2000)`, with what the header has.
    static func publicationFacts(_ d: DocumentRecord) -> String? {
        var inner = ""
        if let place = d.publicationPlace { inner += place }
        if let pub = d.publisher { inner += (inner.isEmpty ? "" : ": ") + pub }
        if let year = d.publicationYear, !year.isEmpty { inner += (inner.isEmpty ? "" : ", ") + year }
        return inner.isEmpty ? nil : "(\(inner))"
    }

    /// `Volume XXIX, Part 1` -> `vol. XXIX, pt. 1`; `Volumes VII/VIII/IX` -> `vols. VII/VIII/IX`.
    static func shortVolume(_ volume: String) -> String {
        // Plain string operations: this runs once per citation, and a report cites every passage.
        var v = volume
        if v.hasPrefix("Volumes ") { v = "vols. " + v.dropFirst(8) } else if v.hasPrefix("Volume ") { v = "vol. " + v.dropFirst(7) }
        return v.contains(", Part ") ? v.replacingOccurrences(of: ", Part ", with: ", pt. ") : v
    }

    static let months = ["January", "February", "March", "April", "May", "June", "July", "August",
                         "September", "October", "November", "December"]

    /// A date for a note: `June 30, 1965`, `June 1965`, `1965`, or a range `June 1–3, 1965`.
    static func formatDate(min: String?, max: String?, precision: String?, raw: String?) -> String? {
        guard let min else { return raw }
        func parts(_ s: String) -> (Int, Int?, Int?)? {
            let f = s.prefix(10).split(separator: "-").map { Int($0) }
            guard let y = f.first ?? nil else { return nil }
            return (y, f.count > 1 ? f[1] : nil, f.count > 2 ? f[2] : nil)
        }
        guard let a = parts(min) else { return raw }
        func long(_ p: (Int, Int?, Int?), level: String) -> String {
            guard level != "year", let m = p.1, (1...12).contains(m) else { return "\(p.0)" }
            guard level != "month", let d = p.2 else { return "\(months[m - 1]) \(p.0)" }
            return "\(months[m - 1]) \(d), \(p.0)"
        }
        switch precision {
        case "year": return "\(a.0)"
        case "month": return long(a, level: "month")
        case "range":
            guard let max, let b = parts(max) else { return long(a, level: "day") }
            if a.0 == b.0 && a.1 == b.1 && a.2 == b.2 { return long(a, level: "day") }
            return "\(long(a, level: "day"))\u{2013}\(long(b, level: "day"))"
        default: return long(a, level: "day")
        }
    }
}
