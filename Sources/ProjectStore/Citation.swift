import Foundation

/// Citations for a document or passage: a Chicago-style note and, for FRUS, the short form
/// historians use (`FRUS, 1964–1968, vol. II, Vietnam, January–June 1965, Document 228`).
public struct Citation: Codable, Sendable, Equatable {
    /// Chicago-style full note.
    public var chicago: String
    /// FRUS short form, for FRUS documents only.
    public var frusShort: String?
    /// Stable URL where the source has one.
    public var url: String?
    /// Page the cited passage (or document) starts on.
    public var page: String?

    /// Builds the citation of a document, or of one of its passages when `passage` is given.
    public init(document d: DocumentRecord, passage: PassageRecord? = nil) {
        let page = passage?.page ?? d.firstPage
        self.page = page
        self.url = d.canonicalUrl
        var parts: [String] = []
        // The printed number belongs to the edition ("doc. 228"), not to the title ("228. Memorandum…").
        let bareTitle = d.docNumber == nil ? d.title
            : d.title?.replacingOccurrences(of: #"^(No\.\s*)?\d+[A-Za-z]?\.\s*"#, with: "", options: .regularExpression)
        let title = bareTitle.map { "\u{201C}\($0.trimmingCharacters(in: CharacterSet(charactersIn: " .,;:"))),\u{201D}" }
        let date = Self.formatDate(min: d.dateMin, max: d.dateMax, precision: d.datePrecision, raw: d.dateRaw)
        if d.format == "frus", let volume = d.volumeId {
            // Title, place, date, edition, document, page, URL.
            if let title { parts.append(title) }
            if let place = d.place { parts.append(place) }
            if let date { parts.append(date) }
            var edition = "in " + (d.series ?? "Foreign Relations of the United States")
            if let sub = d.subseries { edition += ", \(sub)" }
            if let vol = d.volumeNumber { edition += ", \(Self.shortVolume(vol))" }
            if let vt = d.volumeTitle { edition += ", \(vt)" }
            parts.append(edition)
            if let n = d.docNumber { parts.append("doc. \(n)") }
            if let page { parts.append("p. \(page)") }
            if let p = passage { parts.append("para. \(p.anchor)") }
            parts.append(d.canonicalUrl ?? "volume \(volume)")
            var short = "FRUS"
            if let sub = d.subseries { short += ", \(sub)" }
            if let vol = d.volumeNumber { short += ", \(Self.shortVolume(vol))" }
            if let vt = d.volumeTitle { short += ", \(vt)" }
            if let n = d.docNumber { short += ", Document \(n)" }
            if let page, passage != nil { short += ", p. \(page)" }
            self.frusShort = short
        } else {
            // Archival order: author to recipient, title, date, file, collection, repository.
            var who = d.authors.joined(separator: " and ")
            if !d.recipients.isEmpty { who += (who.isEmpty ? "" : " ") + "to " + d.recipients.joined(separator: " and ") }
            if !who.isEmpty { parts.append(who) }
            if let title { parts.append(title) }
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
            if let p = passage { parts.append("para. \(p.anchor)") }
            if let url = d.canonicalUrl { parts.append(url) }
            self.frusShort = nil
        }
        var note = parts.joined(separator: ", ").replacingOccurrences(of: ",\u{201D},", with: ",\u{201D}")
        if !note.hasSuffix(".") { note += "." }
        self.chicago = note
    }

    /// `Volume XXIX, Part 1` -> `vol. XXIX, pt. 1`.
    static func shortVolume(_ volume: String) -> String {
        volume.replacingOccurrences(of: #"^Volume "#, with: "vol. ", options: .regularExpression)
            .replacingOccurrences(of: #", Part "#, with: ", pt. ", options: .regularExpression)
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
