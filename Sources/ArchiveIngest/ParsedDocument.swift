import Foundation

/// The dialect a file was read as. Stored with every document so a citation knows its source.
public enum SourceFormat: String, Codable, Sendable, CaseIterable {
    /// TEI P5 (or P4) with FRUS conventions (`idno[@type='frus']`, `div[@type='document']`).
    case frus
    /// Generic TEI: letters, manuscripts, `teiCorpus`.
    case tei
    /// Encoded Archival Description 2002 (DTD or schema flavour).
    case ead2002
    /// Encoded Archival Description 3.
    case ead3
    /// Any other XML, read by paragraph-like elements or a YAML mapping.
    case xml
    /// Plain text, optionally with YAML front matter.
    case text
}

/// What a passage is within its document.
public enum PassageKind: String, Codable, Sendable, CaseIterable {
    case head
    case sourceNote = "source_note"
    case body
    case footnote
}

/// How precisely a document's date is known.
public enum DatePrecision: String, Codable, Sendable {
    case year, month, day, minute, second
    /// A range (`@from/@to`, `@notBefore/@notAfter`, FRUS min/max spanning more than a day).
    case range
    /// The raw value did not parse; only `raw` is kept.
    case unknown
}

/// A document's date as an interval. Bounds are ISO 8601 strings as they appear in the
/// source, completed to a full day where the source gives only a year or month
/// (`1965-06` becomes `1965-06-01` ... `1965-06-30`) so that range filters compare as text.
public struct DocumentDate: Codable, Sendable, Equatable {
    public var min: String?
    public var max: String?
    public var precision: DatePrecision
    /// The value exactly as the source wrote it (attribute value or front-matter field).
    public var raw: String?

    public init(min: String?, max: String?, precision: DatePrecision, raw: String?) {
        self.min = min
        self.max = max
        self.precision = precision
        self.raw = raw
    }
}

/// The archival citation of a document: the source note verbatim and what could be parsed from it.
public struct SourceNote: Codable, Sendable, Equatable {
    /// Flattened text of the note, whitespace folded, exactly as printed.
    public var verbatim: String
    public var repository: String?
    /// Record group or collection (`RG 59`, `National Security File`).
    public var collection: String?
    /// File series and designation (`Central Files 1964–66, POL 27–3 VIET S`, `795.00/8–1550`).
    public var fileIdentifier: String?
    /// Top Secret, Secret, Confidential, Limited Official Use, Unclassified, No classification marking.
    public var classification: String?
    /// Handling caveats and precedence: Nodis, Exdis, Limdis, Eyes Only, Priority, Immediate...
    public var handling: [String]

    public init(verbatim: String, repository: String? = nil, collection: String? = nil,
                fileIdentifier: String? = nil, classification: String? = nil, handling: [String] = []) {
        self.verbatim = verbatim
        self.repository = repository
        self.collection = collection
        self.fileIdentifier = fileIdentifier
        self.classification = classification
        self.handling = handling
    }
}

/// Where a document was published (FRUS series, volume, number, page).
public struct Edition: Codable, Sendable, Equatable {
    public var series: String?
    /// e.g. `1964–1968` (FRUS sub-series).
    public var subseries: String?
    /// FRUS volume id from `idno[@type='frus']`, e.g. `frus1964-68v02`.
    public var volumeId: String?
    /// e.g. `Volume II`.
    public var volumeNumber: String?
    /// e.g. `Vietnam, January–June 1965`.
    public var volumeTitle: String?
    /// Printed document number (`@n`).
    public var documentNumber: String?
    /// Page the document starts on: the nearest preceding `pb/@n`.
    public var firstPage: String?
    /// `https://history.state.gov/historicaldocuments/VOLUME/DOCID` for FRUS.
    public var canonicalURL: String?
    /// Publisher and year, where the header has them.
    public var publisher: String?
    public var publicationYear: String?
    /// Place of publication (`publicationStmt/pubPlace`, e.g. `Washington`).
    public var publicationPlace: String?
    /// The volume's editors as the title page names them (`titleStmt/editor`), without the series'
    /// general editor (`@role='general'`), whom a citation does not name.
    public var editors: [String] = []

    public init(series: String? = nil, subseries: String? = nil, volumeId: String? = nil,
                volumeNumber: String? = nil, volumeTitle: String? = nil, documentNumber: String? = nil,
                firstPage: String? = nil, canonicalURL: String? = nil, publisher: String? = nil,
                publicationYear: String? = nil) {
        self.series = series
        self.subseries = subseries
        self.volumeId = volumeId
        self.volumeNumber = volumeNumber
        self.volumeTitle = volumeTitle
        self.documentNumber = documentNumber
        self.firstPage = firstPage
        self.canonicalURL = canonicalURL
        self.publisher = publisher
        self.publicationYear = publicationYear
    }
}

/// A link from a passage's text to a volume's person or term list (`persName/@corresp`, `gloss/@target`).
public struct EntityLink: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case person, term }
    public var kind: Kind
    /// The id in the volume's list, without `#` (e.g. `p_BWG1`).
    public var ref: String
    /// The words in the text (e.g. `Brown`).
    public var surface: String

    public init(kind: Kind, ref: String, surface: String) {
        self.kind = kind
        self.ref = ref
        self.surface = surface
    }
}

/// One citable unit of a document, in reading order.
public struct ParsedPassage: Codable, Sendable, Equatable {
    /// 0-based position in the document's reading order.
    public var ordinal: Int
    public var kind: PassageKind
    /// Display text: whitespace runs folded to one space, trimmed.
    public var text: String
    /// The text before folding (line breaks and tabs kept), for fidelity to the source.
    public var rawText: String
    /// Offsets of `text` in the document's plain text, in Unicode scalars, 0-based, end exclusive.
    public var start: Int
    public var end: Int
    /// Printed page the passage starts on (`pb/@n` in force), if the source is paginated.
    public var page: String?
    /// `xml:id` of the element, or a path with ordinals (`/TEI/text/body/div[1]/p[4]`), or `para[N]` for text.
    public var anchor: String
    /// For footnotes: the ordinal of the passage the note annotates.
    public var annotates: Int?
    /// For footnotes: the printed note number (`@n`).
    public var noteNumber: String?
    public var links: [EntityLink]

    public init(ordinal: Int, kind: PassageKind, text: String, rawText: String, start: Int, end: Int,
                page: String?, anchor: String, annotates: Int? = nil, noteNumber: String? = nil,
                links: [EntityLink] = []) {
        self.ordinal = ordinal
        self.kind = kind
        self.text = text
        self.rawText = rawText
        self.start = start
        self.end = end
        self.page = page
        self.anchor = anchor
        self.annotates = annotates
        self.noteNumber = noteNumber
        self.links = links
    }
}

/// A document read from an archive file, with its provenance and passages.
public struct ParsedDocument: Codable, Sendable, Equatable {
    public var format: SourceFormat
    /// Identifies the document within its file: `xml:id` of the FRUS document div (`d228`), the EAD
    /// component id, or `doc[N]`. Together with the file (or FRUS volume) it is the document's identity
    /// across re-imports.
    public var key: String
    public var title: String?
    /// telegram, memorandum, memorandum of conversation, letter, minutes, editorial note, report...
    public var docType: String?
    public var date: DocumentDate?
    public var place: String?
    public var authors: [String]
    public var recipients: [String]
    public var sourceNote: SourceNote?
    public var edition: Edition
    /// Heads of the enclosing chapters/sections, outermost first.
    public var context: [String]
    public var passages: [ParsedPassage]
    /// Extra fields a format has that the columns above do not cover (EAD unitid, CMIF certainty...).
    public var extra: [String: String]

    public init(format: SourceFormat, key: String, title: String? = nil, docType: String? = nil,
                date: DocumentDate? = nil, place: String? = nil, authors: [String] = [],
                recipients: [String] = [], sourceNote: SourceNote? = nil, edition: Edition = Edition(),
                context: [String] = [], passages: [ParsedPassage] = [], extra: [String: String] = [:]) {
        self.format = format
        self.key = key
        self.title = title
        self.docType = docType
        self.date = date
        self.place = place
        self.authors = authors
        self.recipients = recipients
        self.sourceNote = sourceNote
        self.edition = edition
        self.context = context
        self.passages = passages
        self.extra = extra
    }

    /// The document's plain text: passage texts joined by a blank line, in reading order.
    /// Passage offsets index into this string in Unicode scalars.
    public var plainText: String {
        passages.map(\.text).joined(separator: "\n\n")
    }
}

/// An entry of a FRUS volume's persons or terms list.
public struct GlossaryEntry: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case person, term }
    public var kind: Kind
    /// `xml:id`, e.g. `p_BWG1` or `t_MND1`.
    public var id: String
    /// The name or abbreviation (`Brown, Winthrop G.`, `MND`).
    public var label: String
    /// The rest of the item (`Ambassador to Korea ...`, `Minister/Ministry of National Defense`).
    public var description: String

    public init(kind: Kind, id: String, label: String, description: String) {
        self.kind = kind
        self.id = id
        self.label = label
        self.description = description
    }
}
