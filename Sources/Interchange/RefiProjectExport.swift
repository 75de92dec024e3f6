import Codebook
import Foundation
import ProjectStore

/// A round's work as a REFI-QDA 1.5 project: `project.qde` and one UTF-8 text file per document.
///
/// Documents become text sources with their provenance as variables; the codebook becomes codes
/// (see ``RefiCodebook``); each coding a plain-text selection at code-point positions in the
/// document (0-based, end exclusive; a coding without a span covers its passage) holding one coding
/// by its coder; notes become REFI notes referenced from the coding; cases become REFI cases with
/// their register attributes as variables and their selections as references. A finished unit the
/// coder left untagged, or a note on a unit as a whole, becomes a selection over the passage
/// without a coding. Every GUID derives from Dossier's ids, so exporting again gives the same bytes.
public struct RefiProjectExport: Sendable {
    /// `project.qde`.
    public let qde: String
    /// Source files by their name inside `sources/`.
    public let sources: [(name: String, text: String)]
    /// Counts, for the command's summary.
    public let documentCount: Int, selectionCount: Int, codingCount: Int, noteCount: Int

    /// The variables a text source carries, in order, with how each is read from a document.
    static let documentVariables: [(name: String, value: @Sendable (DocumentRecord) -> String?)] = [
        ("Dossier identity", { $0.identity }),
        ("Content hash", { $0.contentHash }),
        ("Title", { $0.title }),
        ("Document type", { $0.docType }),
        ("Date", { d in d.dateMin.map { min in d.dateMax.flatMap { $0 == min ? nil : "\(min)/\($0)" } ?? min } ?? d.dateRaw }),
        ("Place", { $0.place }),
        ("Authors", { $0.authors.isEmpty ? nil : $0.authors.joined(separator: "; ") }),
        ("Recipients", { $0.recipients.isEmpty ? nil : $0.recipients.joined(separator: "; ") }),
        ("Classification", { $0.classification }),
        ("Source note", { $0.sourceNote }),
        ("Repository", { $0.repository }),
        ("Collection", { $0.collection }),
        ("File", { $0.fileIdentifier }),
        ("Series", { $0.series }),
        ("Volume", { $0.volumeId }),
        ("Document number", { $0.docNumber }),
        ("First page", { $0.firstPage }),
        ("URL", { $0.canonicalUrl }),
        ("Citation", { Citation(document: $0).chicago }),
    ]
    static let caseVariables = ["Recipient", "Recipient name", "Operation", "Operation name", "Framework", "Start year", "End year"]

    static func variableGUID(_ name: String) -> String { StableGUID.make("variable|\(name)") }
    public static func userGUID(_ handle: String) -> String { StableGUID.make("user|\(handle)") }
    static func documentGUID(_ d: DocumentRecord) -> String { StableGUID.make("document|\(d.identity)|v\(d.version)|\(d.contentHash)") }
    static func caseGUID(_ id: String) -> String { StableGUID.make("case|\(id)") }

    public init(_ work: RoundWork) {
        let codebook = RefiCodebook(work.codebook.definition)
        let roundKey = "\(work.codebook.codebookId)|\(work.round.name)"
        let iso = ISO8601DateFormatter()
        iso.timeZone = TimeZone(identifier: "UTC")
        let passagesByDocument = Dictionary(grouping: work.passages, by: \.documentId)
        let texts = work.documents.map { SourceText(document: $0, passages: passagesByDocument[$0.id!] ?? []) }
        let textByPassage = Dictionary(uniqueKeysWithValues: texts.flatMap { t in t.passages.map { ($0.id!, t) } })
        let done = Set(work.doneUnits.map { "\($0.coder)|\($0.unit.passageId)|\($0.unit.caseId)" })
        let passageById = Dictionary(uniqueKeysWithValues: work.passages.map { ($0.id!, $0) })

        // Selections per document and per case, built first so cases can reference them.
        struct Selection { var guid: String, start: Int, end: Int, name: String, user: String, created: Date
                           var description: String, coding: (guid: String, code: String)?, notes: [String] }
        struct Note { var guid: String, name: String, user: String, created: Date, text: String }
        var selectionsByDocument: [Int64: [Selection]] = [:]
        var selectionsByCase: [String: [String]] = [:]
        var notes: [Note] = []
        func unitDescription(_ passage: Int64, _ caseId: String, coder: String, extra: [String]) -> String {
            var lines = ["case: \(caseId)", "passage: \(passage)" + (passageById[passage].map { " (\($0.anchor))" } ?? "")]
            // Editorial material says so in every selection on it, so no other tool reads it as archival text.
            if let p = passageById[passage], let d = textByPassage[passage]?.document, let label = Editorial.label(p, in: d) {
                lines.append("editorial: \(label), written by the volume\u{2019}s editors, not archival text")
            }
            lines += extra
            lines.append("finished: \(done.contains("\(coder)|\(passage)|\(caseId)") ? "yes" : "no")")
            return lines.joined(separator: "\n")
        }
        for c in work.codings {
            guard let text = textByPassage[c.passageId], let range = text.range(passage: c.passageId, span: c.spanStart.flatMap { s in c.spanEnd.map { s..<$0 } }) else { continue }
            let key = StableGUID.codingName(c, roundKey: roundKey)
            var noteRefs: [String] = []
            if let note = c.note, !note.isEmpty {
                let guid = StableGUID.make("\(key)|note")
                notes.append(Note(guid: guid, name: "\(c.coder) on \(c.criterionId), passage \(c.passageId)", user: c.coder, created: c.createdAt, text: note))
                noteRefs.append(guid)
            }
            var extra: [String] = []
            if let t = c.test { extra.append("test: \(t)") }
            for (k, v) in c.attributes.sorted(by: { $0.key < $1.key }) { extra.append("attribute \(k): \(v)") }
            if c.spanStart == nil { extra.append("span: whole passage") }
            let selection = Selection(guid: StableGUID.make("\(key)|selection"), start: range.lowerBound, end: range.upperBound,
                                      name: Self.selectionName(text.slice(range)), user: c.coder, created: c.createdAt,
                                      description: unitDescription(c.passageId, c.caseId, coder: c.coder, extra: extra),
                                      coding: (StableGUID.make(key), codebook.guid(criterion: c.criterionId)), notes: noteRefs)
            selectionsByDocument[text.document.id!, default: []].append(selection)
            selectionsByCase[c.caseId, default: []].append(selection.guid)
        }
        // Units finished with nothing tagged, and notes on units as a whole.
        let tagged = Set(work.codings.map { "\($0.coder)|\($0.passageId)|\($0.caseId)" })
        let notesByUnit = Dictionary(grouping: work.unitNotes) { "\($0.coder)|\($0.passageId)|\($0.caseId)" }
        var unitKeys = Set(work.doneUnits.map { "\($0.coder)|\($0.unit.passageId)|\($0.unit.caseId)" }).subtracting(tagged)
        unitKeys.formUnion(notesByUnit.keys)
        for key in unitKeys.sorted() {
            let parts = key.split(separator: "|", maxSplits: 2).map(String.init)
            guard parts.count == 3, let passage = Int64(parts[1]), let text = textByPassage[passage],
                  let range = text.range(passage: passage, span: nil) else { continue }
            let (coder, caseId) = (parts[0], parts[2])
            let unitKey = "\(roundKey)|unit|\(key)"
            var refs: [String] = []
            let unitNotes = notesByUnit[key] ?? []
            for n in unitNotes {
                let guid = StableGUID.make(StableGUID.unitNoteName(n, roundKey: roundKey))
                notes.append(Note(guid: guid, name: "\(coder) on passage \(passage)", user: coder, created: n.createdAt, text: n.note))
                refs.append(guid)
            }
            let created = unitNotes.first?.createdAt ?? work.round.createdAt
            let selection = Selection(guid: StableGUID.make(unitKey), start: range.lowerBound, end: range.upperBound,
                                      name: Self.selectionName(text.slice(range)), user: coder, created: created,
                                      description: unitDescription(passage, caseId, coder: coder,
                                                                   extra: tagged.contains(key) ? [] : ["no criterion applies"]),
                                      coding: nil, notes: refs)
            selectionsByDocument[text.document.id!, default: []].append(selection)
            selectionsByCase[caseId, default: []].append(selection.guid)
        }

        var xml = XMLText()
        xml.start("Project", [("xmlns", "urn:QDA-XML:project:1.0"),
                              ("name", "\(work.codebook.definition.title): round \(work.round.name)"),
                              ("origin", "Dossier 0.1.0"),
                              ("creationDateTime", iso.string(from: work.round.createdAt))])
        if !work.coders.isEmpty {
            xml.start("Users")
            for coder in work.coders { xml.empty("User", [("guid", Self.userGUID(coder.handle)), ("name", coder.name), ("id", coder.handle)]) }
            xml.end()
        }
        xml.start("CodeBook")
        codebook.writeCodes(&xml)
        xml.end()
        let variables = Self.documentVariables.map(\.name) + ["Editorial material"] + Self.caseVariables
        xml.start("Variables")
        for name in variables {
            let integer = name == "Start year" || name == "End year"
            xml.empty("Variable", [("guid", Self.variableGUID(name)), ("name", name), ("typeOfVariable", integer ? "Integer" : "Text")])
        }
        xml.end()
        func value(_ name: String, _ v: String?, integer: Bool = false) {
            guard let v, !v.isEmpty else { return }
            xml.start("VariableValue")
            xml.empty("VariableRef", [("targetGUID", Self.variableGUID(name))])
            xml.leaf(integer ? "IntegerValue" : "TextValue", v)
            xml.end()
        }
        if !work.cases.isEmpty {
            xml.start("Cases")
            let operations = Dictionary(uniqueKeysWithValues: work.operations.map { ($0.id, $0) })
            let actors = Dictionary(uniqueKeysWithValues: work.actors.map { ($0.id, $0) })
            for k in work.cases {
                xml.start("Case", [("guid", Self.caseGUID(k.id)), ("name", k.id)])
                if let note = k.note { xml.leaf("Description", note) }
                let op = operations[k.operation]
                value("Recipient", k.recipient)
                value("Recipient name", actors[k.recipient]?.name)
                value("Operation", k.operation)
                value("Operation name", op?.name)
                value("Framework", op?.framework.rawValue)
                value("Start year", op.map { "\($0.startYear)" }, integer: true)
                value("End year", op?.endYear.map { "\($0)" }, integer: true)
                for guid in selectionsByCase[k.id] ?? [] { xml.empty("SelectionRef", [("targetGUID", guid)]) }
                xml.end()
            }
            xml.end()
        }
        var sources: [(String, String)] = []
        var selectionCount = 0
        if !texts.isEmpty {
            xml.start("Sources")
            for text in texts {
                let d = text.document
                let guid = Self.documentGUID(d)
                let name = [d.volumeId.flatMap { v in d.docNumber.map { "\(v) doc. \($0)" } }, d.title].compactMap { $0 }.joined(separator: ": ")
                xml.start("TextSource", [("guid", guid), ("name", name.isEmpty ? d.identity : name), ("plainTextPath", "internal://\(guid).txt")])
                let selections = (selectionsByDocument[d.id!] ?? []).sorted { ($0.start, $0.end, $0.guid) < ($1.start, $1.end, $1.guid) }
                for s in selections {
                    xml.start("PlainTextSelection", [("guid", s.guid), ("name", s.name), ("startPosition", "\(s.start)"), ("endPosition", "\(s.end)"),
                                                     ("creatingUser", Self.userGUID(s.user)), ("creationDateTime", iso.string(from: s.created))])
                    xml.leaf("Description", s.description)
                    if let coding = s.coding {
                        xml.start("Coding", [("guid", coding.guid), ("creatingUser", Self.userGUID(s.user)), ("creationDateTime", iso.string(from: s.created))])
                        xml.empty("CodeRef", [("targetGUID", coding.code)])
                        xml.end()
                    }
                    for n in s.notes { xml.empty("NoteRef", [("targetGUID", n)]) }
                    xml.end()
                }
                selectionCount += selections.count
                for (name, read) in Self.documentVariables { value(name, read(d)) }
                value("Editorial material", Self.editorialRanges(text))
                xml.end()
                sources.append(("\(guid).txt", text.text))
            }
            xml.end()
        }
        if !notes.isEmpty {
            xml.start("Notes")
            for n in notes.sorted(by: { $0.guid < $1.guid }) {
                xml.start("Note", [("guid", n.guid), ("name", n.name), ("creatingUser", Self.userGUID(n.user)), ("creationDateTime", iso.string(from: n.created))])
                xml.leaf("PlainTextContent", n.text)
                xml.end()
            }
            xml.end()
        }
        codebook.writeSets(&xml, memberAttribute: "targetGUID")
        xml.end()
        self.qde = xml.text
        self.sources = sources
        self.documentCount = texts.count
        self.selectionCount = selectionCount
        self.codingCount = work.codings.count
        self.noteCount = notes.count
    }

    /// The source's editorial material as code-point ranges of its text with their labels
    /// (`source note (editorial) 0..<212; editors’ footnote 1 1840..<1902`), or the whole text when
    /// the document is an editorial note; nil when it holds none.
    static func editorialRanges(_ text: SourceText) -> String? {
        let parts = text.passages.compactMap { p -> String? in
            guard let label = Editorial.label(p, in: text.document), let r = text.passageRanges[p.id!] else { return nil }
            return "\(label) \(r.lowerBound)..<\(r.upperBound)"
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// A selection's name: its first words, as other tools list selections by name.
    static func selectionName(_ text: String) -> String {
        let folded = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return folded.count <= 60 ? folded : String(folded.prefix(59)) + "\u{2026}"
    }
}
