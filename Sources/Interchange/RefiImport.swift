import Codebook
import Foundation
import ProjectStore

/// Puts another tool's REFI-QDA work into a round: its users become coders (matched by handle,
/// then by name, else added), its codes map to the round's criteria (Dossier's own GUIDs, a code
/// named after a criterion id, or a mapping file), its text sources match documents already in the
/// project (by Dossier's content hash, else by identical text), and each coded selection becomes a
/// coding of the passage it lies in, with the span inside that passage (a selection crossing
/// passages becomes one coding per passage). Nothing is written unless everything matches; the
/// problems name the file, line and element.
public struct RefiImport: Sendable {
    public struct Options: Sendable {
        public var round: String
        /// Code name or GUID -> criterion id, from a mapping file.
        public var mapping: [String: String] = [:]
        /// The case for selections no REFI case or description places.
        public var defaultCase: String?
        /// Marks every imported unit finished (otherwise only those Dossier's own export marked finished).
        public var markFinished = false
        /// Imports a coded text source that matches no document as a new text document (its name as
        /// title, the REFI file as collection) instead of refusing it.
        public var addDocuments = false
        public init(round: String) { self.round = round }
    }

    public struct Report: Sendable {
        public var result: WorkBatch.Result
        public var matchedSources: [(source: String, document: String, how: String)] = []
        /// Sources imported as new text documents: the source's name and the new document's id.
        public var createdDocuments: [(source: String, documentId: Int64)] = []
        /// Things of the file Dossier does not carry over (other media, uncoded selections), in words.
        public var notCarried: [String] = []
    }

    public let database: ProjectDatabase

    public init(database: ProjectDatabase) { self.database = database }

    /// Reads a mapping file: lines `code,criterion` (a header line naming those columns is allowed;
    /// the code is its name or GUID; the last comma separates, so names may hold commas).
    public static func mapping(_ url: URL) throws -> [String: String] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw InterchangeError.cannotRead(path: url.path, reason: "not UTF-8 text")
        }
        var map: [String: String] = [:]
        for (i, raw) in text.components(separatedBy: .newlines).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || (i == 0 && line.lowercased().replacingOccurrences(of: " ", with: "") == "code,criterion") { continue }
            guard let comma = line.lastIndex(of: ",") else {
                throw InterchangeError.invalid(place: "\(url.path):\(i + 1)", message: "write each mapping as CODE,CRITERION")
            }
            let code = line[..<comma].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            map[code] = line[line.index(after: comma)...].trimmingCharacters(in: .whitespaces)
        }
        return map
    }

    /// A document made from a REFI source: the document, its text as stored, and where each code
    /// point of the source's text landed in it (text import folds whitespace).
    struct Created { var document: DocumentRecord, text: SourceText, offsets: [Int] }

    public func run(_ file: URL, options: Options, as viewer: Viewer) throws -> Report {
        let store = CodingStore(database: database)
        try WorkBatch.checkAllowed(store, as: viewer)
        let (refi, qdePath) = try Self.read(file)
        // First pass: everything checked, sources to add listed; nothing written.
        var (batch, report, problems, toCreate) = try plan(refi, qdePath: qdePath, file: file, options: options, created: [:])
        guard problems.isEmpty else { throw InterchangeError.unmatched(path: file.path, problems: problems) }
        var createdBatches: [Int64] = []
        let importer = ArchiveImporter(database: database)
        func withdraw() { for b in createdBatches.reversed() { _ = try? importer.withdraw(batchId: b) } }
        if !toCreate.isEmpty {
            var created: [String: Created] = [:]
            do {
                for source in toCreate {
                    let (made, batchId) = try create(source, from: file)
                    if let batchId { createdBatches.append(batchId) }
                    created[source.guid] = made
                    report.createdDocuments.append((source.name, made.document.id!))
                }
                (batch, report.matchedSources, problems, toCreate) = try {
                    let second = try plan(refi, qdePath: qdePath, file: file, options: options, created: created)
                    return (second.0, second.1.matchedSources, second.2, second.3)
                }()
            } catch {
                withdraw()
                throw error
            }
            guard problems.isEmpty else {
                withdraw()
                throw InterchangeError.unmatched(path: file.path, problems: problems)
            }
        }
        do {
            report.result = try batch.write(to: store, as: viewer)
        } catch let error as CodingImportError {
            withdraw()
            throw InterchangeError.unmatched(path: file.path, problems: error.problems)
        } catch {
            withdraw()
            throw error
        }
        return report
    }

    /// Imports `source`'s text as a new text document (title: the source's name; key
    /// `refi-GUID`, so importing the file again finds it); returns it with the offset map, and the
    /// import batch to withdraw if the rest fails (nil when it was already there).
    func create(_ source: RefiDocument.TextSource, from file: URL) throws -> (Created, Int64?) {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("dossier-refi-\(UUID().uuidString)")
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: dir) }
        func quoted(_ v: String) -> String { String(decoding: try! JSONEncoder().encode(v), as: UTF8.self) }
        let front = """
            ---
            title: \(quoted(source.name))
            key: \(quoted(Self.createdKey(source)))
            collection: \(quoted("REFI-QDA project \(file.lastPathComponent)"))
            file: \(quoted("text source \(source.guid)"))
            ---

            """
        let safe = String(source.name.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) && $0.isASCII ? Character($0) : "-" }.prefix(60))
        let url = dir.appendingPathComponent("\(safe.isEmpty ? "source" : safe).txt")
        try Data((front + source.text).utf8).write(to: url)
        let result = ArchiveImporter(database: database).importFile(url, format: .text)
        guard result.status == .imported || result.status == .unchanged else {
            throw InterchangeError.invalid(place: "\(file.lastPathComponent) <TextSource name=\"\(source.name)\">",
                                           message: "could not be imported as a text document: \(result.error ?? "unknown reason")")
        }
        let catalog = DocumentCatalog(database: database)
        guard let document = try catalog.documents(withKey: Self.createdKey(source)).last else {
            throw InterchangeError.invalid(place: "\(file.lastPathComponent) <TextSource name=\"\(source.name)\">",
                                           message: "its text holds no passage (only blank lines)")
        }
        let text = SourceText(document: document, passages: try catalog.passages(documentId: document.id!))
        guard let offsets = Self.align(source.text, to: text.text) else {
            throw InterchangeError.invalid(place: "\(file.lastPathComponent) <TextSource name=\"\(source.name)\">",
                                           message: "its text changed on import beyond whitespace, so its selections cannot be placed")
        }
        return (Created(document: document, text: text, offsets: offsets), result.status == .imported ? result.batchId : nil)
    }

    /// The key a document created from `source` carries.
    static func createdKey(_ source: RefiDocument.TextSource) -> String { "refi-\(source.guid.lowercased())" }

    /// Where each code point of `original` (and its end) lies in `folded`, when the two differ only
    /// in whitespace (runs folded to one space, passages joined by a blank line, ends trimmed); nil
    /// when they differ otherwise.
    static func align(_ original: String, to folded: String) -> [Int]? {
        let o = Array(original.unicodeScalars), t = Array(folded.unicodeScalars)
        var map = [Int](repeating: 0, count: o.count + 1)
        var i = 0, j = 0
        while i < o.count {
            if j < t.count && o[i] == t[j] { map[i] = j; i += 1; j += 1 }
            else if o[i].properties.isWhitespace { map[i] = j; i += 1 }
            else if j < t.count && t[j].properties.isWhitespace { j += 1 }
            else { return nil }
        }
        while j < t.count && t[j].properties.isWhitespace { j += 1 }
        guard j == t.count else { return nil }
        map[o.count] = j
        return map
    }

    /// One pass over the file: the batch to write, the report, the problems, and the coded sources
    /// that match no document (to be added when `addDocuments`; with `created`, those made).
    func plan(_ refi: RefiDocument, qdePath: String, file: URL, options: Options,
              created: [String: Created]) throws -> (WorkBatch, Report, [String], [RefiDocument.TextSource]) {
        let path = file.lastPathComponent
        let store = CodingStore(database: database)
        var toCreate: [RefiDocument.TextSource] = []
        let round = try store.round(options.round)
        let codebook = try store.codebook(of: round).definition
        var problems: [String] = []
        var report = Report(result: .init())

        // Codes -> criteria.
        var criterionOf: [String: String] = [:]
        for m in Self.matchCodes(refi.codes, codebook: codebook, mapping: options.mapping, problems: &problems) {
            if let id = m.criterion { criterionOf[m.guid] = id }
        }
        let codeByGUID = Dictionary(refi.codes.map { ($0.guid, $0) }, uniquingKeysWith: { a, _ in a })

        // Users -> coders.
        let coders = try store.coders()
        var handleOf: [String: String] = [:]
        var batch = WorkBatch(origin: "refi:\(path)")
        var taken = Set(coders.map(\.handle))
        for user in refi.users.values.sorted(by: { $0.guid < $1.guid }) {
            if let id = user.id, coders.contains(where: { $0.handle == id }) { handleOf[user.guid] = id; continue }
            if let name = user.name, let c = coders.first(where: { $0.name == name }) { handleOf[user.guid] = c.handle; continue }
            var handle = Self.handle(from: user.id ?? user.name ?? "coder")
            var n = 2
            while taken.contains(handle) { handle = "\(Self.handle(from: user.id ?? user.name ?? "coder").prefix(28))\(n)"; n += 1 }
            taken.insert(handle)
            handleOf[user.guid] = handle
            batch.coders.append(.init(handle: handle, name: user.name ?? handle))
        }

        // Sources -> documents.
        let catalog = DocumentCatalog(database: database)
        let documents = try catalog.documents()
        let register = try RegisterStore(database: database).register()
        let caseIds = Set(register.cases.map(\.id))
        var caseOfSelection: [String: String] = [:], caseOfSource: [String: String] = [:]
        for c in refi.cases {
            let id = caseIds.contains(c.name) ? c.name : nil
            for s in c.selectionRefs { caseOfSelection[s] = id ?? "?\(c.name)" }
            for s in c.sourceRefs { caseOfSource[s] = id ?? "?\(c.name)" }
        }
        for (kind, count) in refi.otherSources.sorted(by: { $0.key < $1.key }) {
            report.notCarried.append("\(count) \(kind) (Dossier codes text only)")
        }
        var unknownCases = Set<String>()
        for source in refi.sources {
            let codedSelections = source.selections.filter(Self.carriesWork)
            guard !codedSelections.isEmpty else { continue }
            let sourcePlace = "\(qdePath):\(source.line) <TextSource name=\"\(source.name)\">"
            var match: (DocumentRecord, SourceText, String)?
            var offsets: [Int]?
            if let made = created[source.guid] {
                match = (made.document, made.text, "new text document")
                offsets = made.offsets
            } else if let earlier = try catalog.documents(withKey: Self.createdKey(source)).last {
                // Made from this source by an earlier import of the file.
                let text = SourceText(document: earlier, passages: try catalog.passages(documentId: earlier.id!))
                if let map = Self.align(source.text, to: text.text) { match = (earlier, text, "text document from an earlier import"); offsets = map }
            }
            if match == nil, let hash = source.variables["Content hash"], let d = documents.first(where: { $0.contentHash == hash }) {
                let text = SourceText(document: d, passages: try catalog.passages(documentId: d.id!))
                if text.text == source.text { match = (d, text, "content hash") }
            }
            if match == nil {
                let length = source.text.unicodeScalars.count
                for d in documents where d.charCount + 2 * max(0, d.passageCount - 1) == length {
                    let text = SourceText(document: d, passages: try catalog.passages(documentId: d.id!))
                    if text.text == source.text { match = (d, text, "identical text"); break }
                }
            }
            var pending = false
            if match == nil {
                guard options.addDocuments else {
                    problems.append("\(sourcePlace): no document in the project has this text (\(source.text.unicodeScalars.count) characters); import the document first, or give --add-documents to import it as a new text document")
                    continue
                }
                // Checked now (codes, coders, cases); placed once the document exists.
                toCreate.append(source)
                pending = true
            }
            if let (document, _, how) = match { report.matchedSources.append((source.name, document.identity, how)) }
            let text = match?.1
            for selection in codedSelections {
                let place = "\(qdePath):\(selection.line) <PlainTextSelection \(selection.start)..<\(selection.end)>"
                let described = Self.described(selection.description)
                var caseId = caseOfSelection[selection.guid] ?? described["case"] ?? caseOfSource[source.guid] ?? options.defaultCase
                if let c = caseId, c.hasPrefix("?") {
                    guard let fallback = options.defaultCase else {
                        problems.append("\(place): its REFI case '\(c.dropFirst())' is not a case of the register; add it, or give --case")
                        continue
                    }
                    unknownCases.insert(String(c.dropFirst()))
                    caseId = fallback
                }
                if let c = caseId, !caseIds.contains(c) { problems.append("\(place): case \(c) is not in the register"); caseId = nil; continue }
                guard let caseId else {
                    problems.append("\(place): no case: attach the selection to a REFI case named after a register case, or give --case")
                    continue
                }
                let range = offsets.map { $0[selection.start]..<max($0[selection.start], $0[selection.end]) } ?? selection.start..<selection.end
                let pieces = text.map { Self.pieces(of: range, in: $0) } ?? []
                guard pending || !pieces.isEmpty else { problems.append("\(place): the selection covers no passage text (only the blank lines between passages)"); continue }
                let noteText = { (refs: [String]) in refs.compactMap { refi.notes[$0]?.text }.filter { !$0.isEmpty }.joined(separator: "\n") }
                let selectionUser = selection.user.flatMap { handleOf[$0] }
                for coding in selection.codings {
                    let codingPlace = "\(qdePath):\(coding.line) <Coding>"
                    guard let criterion = criterionOf[coding.code] else {
                        let name = codeByGUID[coding.code]?.name ?? coding.code
                        problems.append("\(codingPlace): code '\(name)' matches no criterion of \(codebook.id) \(codebook.version); map it with --mapping FILE (lines CODE,CRITERION)")
                        continue
                    }
                    guard let coder = coding.user.flatMap({ handleOf[$0] }) ?? selectionUser else {
                        problems.append("\(codingPlace): no creatingUser on the coding or its selection, so no coder to record it under")
                        continue
                    }
                    let note = noteText(coding.notes + selection.notes)
                    for (passage, piece, whole) in pieces {
                        // A selection over a whole passage is a tag without a span, unless Dossier's
                        // own export says the span was marked.
                        let span: Range<Int>? = whole && (described["span"] == "whole passage" || described["case"] == nil) ? nil : piece
                        let unit = CodingUnit(passageId: passage, caseId: caseId)
                        var attributes: [String: String] = [:]
                        for (k, v) in described where k.hasPrefix("attribute ") { attributes[String(k.dropFirst(10))] = v }
                        batch.codings.append(.init(CodingStore.NewCoding(coder: coder, round: options.round, unit: unit, criterion: criterion,
                                                                         span: span, note: note.isEmpty ? nil : note, test: described["test"],
                                                                         attributes: attributes), place: codingPlace))
                        if options.markFinished || described["finished"] == "yes" {
                            batch.done.append(.init(coder: coder, round: options.round, unit: unit, place: place))
                        }
                    }
                }
                if selection.codings.isEmpty, let coder = selectionUser {
                    for (passage, _, _) in pieces {
                        let unit = CodingUnit(passageId: passage, caseId: caseId)
                        let note = noteText(selection.notes)
                        if !note.isEmpty { batch.unitNotes.append(.init(coder: coder, round: options.round, unit: unit, note: note, place: place)) }
                        if options.markFinished || described["finished"] == "yes" {
                            batch.done.append(.init(coder: coder, round: options.round, unit: unit, place: place))
                        }
                    }
                }
            }
        }
        for c in unknownCases.sorted() {
            report.notCarried.append("REFI case '\(c)' is not a register case; its selections went to \(options.defaultCase ?? "")")
        }
        let attached = Set(refi.sources.flatMap { $0.selections.flatMap { $0.notes + $0.codings.flatMap(\.notes) } })
        let loose = refi.notes.keys.filter { !attached.contains($0) }.count
        if loose > 0 { report.notCarried.append("\(loose) note\(loose == 1 ? "" : "s") not attached to a text selection or coding") }
        let uncoded = refi.sources.flatMap(\.selections).filter { !Self.carriesWork($0) }.count
        if uncoded > 0 { report.notCarried.append("\(uncoded) selection\(uncoded == 1 ? "" : "s") with neither coding nor note") }
        return (batch, report, problems, toCreate)
    }

    /// How one code of a REFI-QDA codebook maps to a criterion.
    public struct CodeMatch: Sendable, Equatable {
        public var code: String, guid: String
        /// The criterion id, or nil when nothing maps the code.
        public var criterion: String?
        /// `mapping file (GUID)`, `mapping file (name)`, `Dossier GUID`, `criterion id in the name`, `none`.
        public var how: String
        /// False for codes the tool marks not codable (Dossier's dimensions, other tools' folders).
        public var codable: Bool
    }

    /// Maps `codes` to criteria of `codebook`, in this order: the mapping file by GUID, by name;
    /// Dossier's own GUID for the criterion; a name that is (or starts with `ID — `) a criterion id.
    /// A mapping line naming a criterion the codebook does not have is a problem.
    static func matchCodes(_ codes: [RefiDocument.Code], codebook: Codebook, mapping: [String: String],
                           problems: inout [String]) -> [CodeMatch] {
        let own = RefiCodebook(codebook)
        return codes.map { code in
            let named = code.name.components(separatedBy: " \u{2014} ").first?.trimmingCharacters(in: .whitespaces) ?? code.name
            let candidates: [(String?, String)] = [
                (mapping[code.guid], "mapping file (GUID)"), (mapping[code.name], "mapping file (name)"),
                (codebook.allCriteria.first { own.guid(criterion: $0.id).lowercased() == code.guid.lowercased() }?.id, "Dossier GUID"),
                (codebook.criterion(named)?.id, "criterion id in the name"),
            ]
            var match = CodeMatch(code: code.name, guid: code.guid, criterion: nil, how: "none", codable: code.isCodable)
            if let (id, how) = candidates.first(where: { $0.0 != nil }), let id {
                if codebook.criterion(id) == nil {
                    problems.append("mapping: code '\(code.name)' maps to \(id), which \(codebook.id) \(codebook.version) does not have")
                } else {
                    match.criterion = id
                    match.how = how
                }
            }
            return match
        }
    }

    /// The codebook import: how every code of a REFI-QDA codebook (`.qdc`, or the codebook of a
    /// `.qde`/`.qdpx`) maps to the criteria of `round`'s codebook, through `mapping` where the ids
    /// differ. Dossier's codebook itself (dimensions, categories, rules) stays the YAML one: a
    /// `.qdc` has no rules to derive categories from. Throws when a mapping line names a criterion
    /// the codebook does not have, or maps a code the file does not hold.
    public func codebookMatches(_ file: URL, round: String, mapping: [String: String]) throws -> (codebook: String, matches: [CodeMatch]) {
        let (refi, _) = try Self.read(file)
        let store = CodingStore(database: database)
        let codebook = try store.codebook(of: try store.round(round)).definition
        var problems: [String] = []
        let matches = Self.matchCodes(refi.codes, codebook: codebook, mapping: mapping, problems: &problems)
        let known = Set(refi.codes.flatMap { [$0.guid, $0.name] })
        for key in mapping.keys.sorted() where !known.contains(key) {
            problems.append("mapping: '\(key)' is neither the name nor the GUID of a code in \(file.lastPathComponent)")
        }
        guard problems.isEmpty else { throw InterchangeError.unmatched(path: file.path, problems: problems) }
        return ("\(codebook.id) \(codebook.version)", matches)
    }

    /// Matches as a mapping file `import refi --mapping` reads: `code,criterion` lines for the
    /// codes that map, a commented line for each codable code that does not (fill in, uncomment).
    public static func mappingFile(_ matches: [CodeMatch]) -> String {
        var lines = ["code,criterion"]
        func quoted(_ s: String) -> String { s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "") + "\"" : s }
        for m in matches where m.codable || m.criterion != nil {
            if let c = m.criterion { lines.append("\(quoted(m.code)),\(c)") } else { lines.append("# no criterion yet: \(quoted(m.code)),") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The project read from a `.qdpx`, a folder in its layout, a bare `.qde`, or a `.qdc` codebook.
    static func read(_ file: URL) throws -> (RefiDocument, String) {
        let ext = file.pathExtension.lowercased()
        if ext == "qdc" || ext == "qde" {
            guard let data = try? Data(contentsOf: file) else { throw InterchangeError.cannotRead(path: file.path, reason: "no such file") }
            return (try RefiDocument.parse(data, path: file.lastPathComponent), file.lastPathComponent)
        }
        let files = try QDPXArchive.read(file)
        guard let qde = files.first(where: { $0.key == "project.qde" }) ?? files.first(where: { $0.key.hasSuffix(".qde") && !$0.key.contains("/") }) else {
            throw InterchangeError.invalid(place: file.path, message: "holds no project.qde (REFI-QDA 1.5 §8.1)")
        }
        let (name, data) = (qde.key, qde.value)
        return (try RefiDocument.parse(data, path: "\(file.lastPathComponent)/\(name)", files: files), "\(file.lastPathComponent)/\(name)")
    }

    /// A selection worth importing: it holds a coding or a note, or Dossier's export marked its unit
    /// finished with nothing tagged.
    static func carriesWork(_ s: RefiDocument.Selection) -> Bool {
        !s.codings.isEmpty || !s.notes.isEmpty || described(s.description)["finished"] == "yes"
    }

    /// `key: value` lines of a selection's description (Dossier's own exports write them).
    static func described(_ description: String?) -> [String: String] {
        var out: [String: String] = [:]
        for line in (description ?? "").split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            out[line[..<colon].trimmingCharacters(in: .whitespaces)] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return out
    }

    /// The passages a document range overlaps, each with the span inside it (nil: the whole passage).
    static func pieces(of range: Range<Int>, in text: SourceText) -> [(passage: Int64, span: Range<Int>, whole: Bool)] {
        text.passages.compactMap { p in
            guard let r = text.passageRanges[p.id!], r.overlaps(range) else { return nil }
            let clipped = r.clamped(to: range)
            return (p.id!, (clipped.lowerBound - r.lowerBound)..<(clipped.upperBound - r.lowerBound), clipped == r)
        }
    }

    /// A coder handle from a name: letters, digits, `_ . -`, starting with a letter, at most 32.
    static func handle(from name: String) -> String {
        var h = String(name.lowercased().unicodeScalars.map { CharacterSet.alphanumerics.contains($0) && $0.isASCII ? Character($0) : "-" })
        while h.contains("--") { h = h.replacingOccurrences(of: "--", with: "-") }
        h = h.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        if h.isEmpty || !(h.first!.isLetter) { h = "u" + h }
        return String(h.prefix(32))
    }
}
