import CLibXML2
import Foundation

/// Streaming TEI reader (FRUS volumes and excerpts, generic TEI letters, `teiCorpus`, TEI P4).
///
/// Documents:
/// - every `div[@type='document']` is a document (FRUS and TEI letter collections);
/// - a `TEI` element without such divs is one document made of its `text` (letters, manuscripts),
///   or, for a metadata-only CMIF file, one document per `correspDesc` with no passages;
/// - a FRUS volume whose body has no document divs (stub) yields no documents;
/// - microfiche-supplement entries (a head plus `frus:file`/`frus:pdf`) are emitted with their head
///   passage only, no body passages, and `extra["supplement"] = "microfiche"`, so they can be listed
///   and filtered out; they are not text to code.
///
/// Text directly inside a document div but outside any paragraph-like element is not imported;
/// dateline and opener text feed date, place and classification rather than passages.
///
/// Elements outside the file's TEI namespace are skipped with their subtrees (XHTML, `egXML`,
/// `frus:file`…), except `frus:attachment`, whose TEI content is read as part of the document.
final class TEIReader {
    enum Tag: UInt8 {
        case TEI, teiCorpus, teiHeader, text, div, head, p, ab, item, row, cell, l, speaker, label,
             quote, closer, postscript, salute, signed, trailer, byline, note, pb, lb, dateline, date,
             placeName, persName, orgName, gloss, term, title, idno, publisher, opener, correspDesc,
             correspAction, author, titleStmt, publicationStmt, sourceDesc, creation, fw, editor, pubPlace, other
    }

    enum Action {
        case none
        case tei
        case header
        case titleStmt, publicationStmt, sourceDesc, creation
        case correspDesc
        case correspAction
        case fallbackRoot
        case document(DocState)
        case block(OpenBlock)
        case note(OpenNote)
        case nestedNote
        case contextDiv
        case glossaryDiv
        case glossaryItem(GlossItem)
        case capture(TextBuf, (String) -> Void)
        case cell(Int)
        case dateline
        case opener
    }

    struct Frame {
        let name: UnsafePointer<xmlChar>
        let tag: Tag
        let ordinal: Int
        var childCounts: [(UnsafePointer<xmlChar>, Int)] = []
        var popsTarget = false
        var action: Action = .none
        // Entity link / sender-recipient mark in an owner's buffer.
        var markBuf: TextBuf?
        var mark = 0
        var link: (EntityLink.Kind, String)?
        var linkBlock: OpenBlock?
        var linkNote: OpenNote?
        var party: Int8 = 0
    }

    final class GlossItem {
        var id: String?
        var kind: GlossaryEntry.Kind = .person
        let label = TextBuf()
        let rest = TextBuf()
        var labelDone = false
    }

    final class Header {
        var titles: [String: String] = [:]
        var firstTitle: String?
        var frusID: String?
        var publisher: String?
        var pubYear: String?
        var pubPlace: String?
        var editors: [String] = []
        var created: DocumentDate?
        var creation: DocumentDate?
        var authors: [String] = []
        var corresp: [Corresp] = []
        var xmlID: String?
        var inTitleStmt = false, inPublicationStmt = false, inSourceDesc = false, inCreation = false
        var actionType: String?

        var title: String? { titles["complete"] ?? titles["main"] ?? firstTitle }
    }

    final class Corresp {
        var ref: String?
        var senders: [String] = []
        var receivers: [String] = []
        var sentPlace: String?
        var receivedPlace: String?
        var sentDate: DocumentDate?
        var receivedDate: DocumentDate?
        var cert: String?
    }

    final class DocState {
        let key: String
        let isFallback: Bool
        var assembler = PassageAssembler()
        var blocks: [OpenBlock] = []
        var noteDepth = 0
        var currentNote: OpenNote?
        var title: String?
        var headDone = false
        var authors: [String] = []
        var recipients: [String] = []
        var frusMin: String?
        var frusMax: String?
        var date: DocumentDate?
        var dateAttrsSeen = false
        var datelineBuf: TextBuf?
        var datelineDone = false
        var inDateline = false
        var place: String?
        var sourceNote: String?
        var firstPage: String?
        var context: [String] = []
        var number: String?
        var xmlID: String?
        let openerBuf = TextBuf()
        var microfiche = false
        var abandoned = false

        init(key: String, isFallback: Bool) {
            self.key = key
            self.isFallback = isFallback
        }
    }

    let stream: XMLStream
    let emit: (ParsedDocument) throws -> Void
    private var names = NameCache()
    private var tags: [UnsafeRawPointer: Tag] = [:]
    private let nsFRUS: UnsafePointer<xmlChar>
    private let nsFRUSOld: UnsafePointer<xmlChar>
    private let nameAttachment: UnsafePointer<xmlChar>
    private let nameFile: UnsafePointer<xmlChar>
    private let namePdf: UnsafePointer<xmlChar>
    private let nameLbPI: UnsafePointer<xmlChar>
    private var teiNS: UnsafePointer<xmlChar>?

    private var frames: [Frame] = []
    private var targets: [[TextBuf]] = [[]]
    private var doc: DocState?
    private var fallback: DocState?
    private var header = Header()
    private var volumeHeader: Header?
    private var inHeader = false
    private var currentPage: String?
    private var contextHeads: [TextBuf?] = []
    private var glossaryKind: GlossaryEntry.Kind?
    private var glossItems: [GlossItem] = []
    private var currentCorresp: Corresp?
    private(set) var frusMode = false
    private var documentOrdinal = 0

    // Summary
    private(set) var glossary: [GlossaryEntry] = []
    private(set) var documentCount = 0
    private(set) var passageCount = 0
    private(set) var sawFRUS = false
    var volumeID: String? { volumeHeader?.frusID }
    var volumeTitle: String? { volumeHeader.flatMap { $0.titles["volume"] ?? $0.title } }

    init(stream: XMLStream, emit: @escaping (ParsedDocument) throws -> Void) {
        self.stream = stream
        self.emit = emit
        nsFRUS = stream.intern("http://history.state.gov/frus/ns/1.0")
        nsFRUSOld = stream.intern("http://history.state.gov/ns/1.0")
        nameAttachment = stream.intern("attachment")
        nameFile = stream.intern("file")
        namePdf = stream.intern("pdf")
        nameLbPI = stream.intern("lb")
        let table: [(String, Tag)] = [
            ("TEI", .TEI), ("TEI.2", .TEI), ("teiCorpus", .teiCorpus), ("teiCorpus.2", .teiCorpus),
            ("teiHeader", .teiHeader), ("text", .text), ("div", .div), ("div0", .div), ("div1", .div), ("div2", .div),
            ("div3", .div), ("div4", .div), ("div5", .div), ("div6", .div), ("div7", .div),
            ("head", .head), ("p", .p), ("ab", .ab), ("item", .item), ("row", .row), ("cell", .cell), ("l", .l),
            ("speaker", .speaker), ("label", .label), ("quote", .quote), ("closer", .closer), ("postscript", .postscript),
            ("salute", .salute), ("signed", .signed), ("trailer", .trailer), ("byline", .byline), ("note", .note),
            ("pb", .pb), ("lb", .lb), ("dateline", .dateline), ("date", .date), ("placeName", .placeName),
            ("persName", .persName), ("orgName", .orgName), ("gloss", .gloss), ("term", .term), ("title", .title),
            ("idno", .idno), ("publisher", .publisher), ("opener", .opener), ("correspDesc", .correspDesc),
            ("correspAction", .correspAction), ("author", .author), ("titleStmt", .titleStmt),
            ("publicationStmt", .publicationStmt), ("sourceDesc", .sourceDesc), ("creation", .creation), ("fw", .fw),
            ("editor", .editor), ("pubPlace", .pubPlace),
        ]
        for (n, t) in table { tags[UnsafeRawPointer(stream.intern(n))] = t }
    }

    // MARK: main loop

    func run() throws {
        var more = try stream.read()
        while more {
            switch stream.nodeType {
            case NodeType.element:
                if startElement() {
                    more = try stream.skip()
                    continue
                }
                if stream.isEmptyElement { try endElement() }
            case NodeType.endElement:
                try endElement()
            case NodeType.text, NodeType.cdata, NodeType.whitespace, NodeType.significantWhitespace:
                if let top = targets.last, !top.isEmpty, let v = stream.value {
                    for b in top { b.bytes.appendC(v) }
                }
            case NodeType.processingInstruction:
                if stream.localName == nameLbPI { appendText("\n") }
            case NodeType.entityReference:
                stream.noteEntityReference()
            default:
                break
            }
            more = try stream.read()
        }
    }

    @inline(__always)
    private func appendText(_ s: StaticString) {
        guard let top = targets.last, !top.isEmpty else { return }
        let p = UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount)
        for b in top { b.bytes.append(contentsOf: p) }
    }

    private func push(_ t: [TextBuf], _ frame: inout Frame) {
        targets.append(t)
        frame.popsTarget = true
    }

    private func bumpChild(_ name: UnsafePointer<xmlChar>) -> Int {
        guard !frames.isEmpty else { return 1 }
        let i = frames.count - 1
        for k in 0..<frames[i].childCounts.count where frames[i].childCounts[k].0 == name {
            frames[i].childCounts[k].1 += 1
            return frames[i].childCounts[k].1
        }
        frames[i].childCounts.append((name, 1))
        return 1
    }

    /// Path with ordinals to the element on top of the frame stack.
    private func anchorPath() -> String {
        var s = ""
        for (i, f) in frames.enumerated() {
            let n = names.string(f.name)
            s += "/" + n
            if i > 0, !(f.ordinal == 1 && AnchorPath.unique.contains(n)) { s += "[\(f.ordinal)]" }
        }
        return s
    }

    private var topBlock: OpenBlock? { doc?.blocks.last }

    // MARK: element start

    /// Returns true when the element's subtree must be skipped.
    private func startElement() -> Bool {
        guard let name = stream.localName else { return false }
        let ns = stream.namespaceURI
        let ordinal = bumpChild(name)
        if frames.isEmpty { teiNS = ns }
        if ns != teiNS {
            if ns == nsFRUS || ns == nsFRUSOld {
                if name == nameAttachment {
                    frames.append(Frame(name: name, tag: .other, ordinal: ordinal))
                    return false
                }
                if name == nameFile || name == namePdf { doc?.microfiche = true }
            }
            return true
        }
        let tag = tags[UnsafeRawPointer(name)] ?? .other
        var frame = Frame(name: name, tag: tag, ordinal: ordinal)
        let skip = start(tag, &frame)
        if !skip { frames.append(frame) }
        return skip
    }

    private func start(_ tag: Tag, _ f: inout Frame) -> Bool {
        if frames.isEmpty, tag != .TEI, tag != .teiCorpus {
            // A bare TEI fragment (e.g. a root <div>): the root is the document.
            let d = DocState(key: stream.xmlID ?? "doc[\(documentOrdinal + 1)]", isFallback: true)
            fallback = d
            doc = d
            f.action = .fallbackRoot
            push([], &f)
            return false
        }
        if inHeader { return startHeader(tag, &f) }
        switch tag {
        case .TEI:
            header = Header()
            header.xmlID = stream.xmlID
            f.action = .tei
        case .teiHeader:
            inHeader = true
            f.action = .header
        case .text:
            if doc == nil, !frusMode {
                let d = DocState(key: header.xmlID ?? "doc[\(documentOrdinal + 1)]", isFallback: true)
                fallback = d
                doc = d
                f.action = .fallbackRoot
                push([], &f)
            }
        case .div:
            return startDivLike(tag, &f)
        case .head:
            startHead(&f)
        case .p, .ab, .item, .row, .l, .speaker, .label:
            if let d = doc {
                if d.noteDepth > 0 {
                    if tag != .label { appendText("\n") }
                } else {
                    openBlock(&f, kind: .body)
                    if tag == .row { f.action = .block(d.blocks.last!) }
                }
            } else if tag == .item, glossaryKind != nil {
                let item = GlossItem()
                glossItems.append(item)
                f.action = .glossaryItem(item)
                push([item.rest], &f)
            }
        case .quote, .closer, .postscript, .salute, .signed, .trailer, .byline:
            if let d = doc, d.noteDepth == 0, d.blocks.isEmpty { openBlock(&f, kind: .body) }
        case .cell:
            if let d = doc, d.noteDepth == 0, let b = d.blocks.last {
                let pos = b.buf.bytes.count
                if !TextFold.isBlank(b.buf.bytes) { b.buf.bytes.append(contentsOf: [0x20, 0x7C, 0x20]) }
                f.action = .cell(pos)
            }
        case .note:
            guard let d = doc else { return true }
            if d.noteDepth > 0 {
                d.noteDepth += 1
                f.action = .nestedNote
                appendText(" ")
            } else {
                let type = stream.attribute("type")
                let note = OpenNote(kind: type == "source" ? .sourceNote : .footnote,
                                    anchor: stream.xmlID ?? anchorPathWith(f), number: stream.attribute("n"),
                                    page: currentPage)
                d.noteDepth = 1
                d.currentNote = note
                f.action = .note(note)
                push([note.buf], &f)
            }
        case .pb:
            if let n = stream.attribute("n") { pageBreak(n) }
        case .lb:
            appendText("\n")
        case .dateline:
            if let d = doc, d.noteDepth == 0, !d.datelineDone {
                let buf = TextBuf()
                d.datelineBuf = buf
                d.inDateline = true
                f.action = .dateline
                push((targets.last ?? []) + [buf], &f)
            }
        case .date:
            if let d = doc, d.inDateline, !d.dateAttrsSeen {
                d.dateAttrsSeen = true
                d.date = DateParser.parse(when: stream.attribute("when"), from: stream.attribute("from"),
                                          to: stream.attribute("to"), notBefore: stream.attribute("notBefore"),
                                          notAfter: stream.attribute("notAfter"))
            }
        case .placeName:
            if let d = doc, d.inDateline, d.place == nil {
                capture(&f, tee: true) { [weak d] s in if !s.isEmpty { d?.place = s } }
            }
        case .opener:
            if let d = doc, d.noteDepth == 0, d.blocks.isEmpty {
                f.action = .opener
                push([d.openerBuf], &f)
            }
        case .persName, .gloss, .term, .orgName:
            startName(tag, &f)
        case .fw:
            return true
        default:
            break
        }
        return false
    }

    private func anchorPathWith(_ f: Frame) -> String {
        frames.append(f)
        defer { frames.removeLast() }
        return anchorPath()
    }

    private func startDivLike(_ tag: Tag, _ f: inout Frame) -> Bool {
        let type = stream.attribute("type")
        if type == "document", doc == nil || doc!.isFallback {
            if let fb = doc, fb.isFallback { fb.abandoned = true }
            documentOrdinal += 1
            let id = stream.xmlID
            let d = DocState(key: id ?? "doc[\(documentOrdinal)]", isFallback: false)
            d.xmlID = id
            d.number = stream.attribute("n")
            d.frusMin = stream.attribute("doc-dateTime-min", ns: "http://history.state.gov/frus/ns/1.0")
                ?? stream.attribute("doc-dateTime-min", ns: "http://history.state.gov/ns/1.0")
            d.frusMax = stream.attribute("doc-dateTime-max", ns: "http://history.state.gov/frus/ns/1.0")
                ?? stream.attribute("doc-dateTime-max", ns: "http://history.state.gov/ns/1.0")
            d.firstPage = currentPage
            d.context = contextHeads.compactMap { $0.map(\.folded) }.filter { !$0.isEmpty }
            doc = d
            f.action = .document(d)
            push([], &f)
            return false
        }
        if doc == nil || doc!.isFallback {
            let id = stream.xmlID
            if id == "persons" { glossaryKind = .person; f.action = .glossaryDiv }
            else if id == "terms" { glossaryKind = .term; f.action = .glossaryDiv }
            else { f.action = .contextDiv }
            contextHeads.append(nil)
        }
        return false
    }

    private func startHead(_ f: inout Frame) {
        if let d = doc {
            guard d.noteDepth == 0 else { appendText("\n"); return }
            let parentIsDoc: Bool
            if case .document = frames.last?.action { parentIsDoc = true } else { parentIsDoc = false }
            if parentIsDoc, !d.headDone, !d.isFallback {
                d.headDone = true
                openBlock(&f, kind: .head, isDocHead: true)
            } else {
                openBlock(&f, kind: .body)
            }
            if !d.isFallback { return }
        }
        // Chapter/compilation heads give the documents' context.
        if let last = frames.last, case .contextDiv = last.action, let slot = contextHeads.last, slot == nil {
            let buf = TextBuf()
            contextHeads[contextHeads.count - 1] = buf
            if doc == nil { push([buf], &f) } else { targets[targets.count - 1].append(buf) }
        }
    }

    private func startName(_ tag: Tag, _ f: inout Frame) {
        // Glossary labels in the persons/terms lists.
        if doc == nil || doc!.isFallback, let item = glossItems.last, !item.labelDone, tag == .persName || tag == .term,
           let id = stream.xmlID {
            item.id = id
            item.kind = tag == .term ? .term : .person
            item.labelDone = true
            push([item.label], &f)
            return
        }
        guard let d = doc else { return }
        var ref: (EntityLink.Kind, String)?
        if tag == .persName, let c = stream.attribute("corresp") { ref = (.person, stripHash(c)) }
        if tag == .gloss, let t = stream.attribute("target") { ref = (.term, stripHash(t)) }
        var party: Int8 = 0
        if d.noteDepth == 0, let b = d.blocks.last, b.isDocHead, tag != .term, let type = stream.attribute("type") {
            if type == "from" { party = 1 } else if type == "to" { party = 2 }
        }
        guard ref != nil || party != 0 else { return }
        if d.noteDepth > 0, let n = d.currentNote {
            f.linkNote = n
            f.markBuf = n.buf
        } else if let b = d.blocks.last {
            f.linkBlock = b
            f.markBuf = b.buf
        } else {
            return
        }
        f.mark = f.markBuf!.bytes.count
        f.link = ref
        f.party = party
    }

    private func stripHash(_ s: String) -> String {
        let t = s.trimmed
        return t.hasPrefix("#") ? String(t.dropFirst()) : t
    }

    private func capture(_ f: inout Frame, tee: Bool = false, _ done: @escaping (String) -> Void) {
        let buf = TextBuf()
        f.action = .capture(buf, done)
        push(tee ? (targets.last ?? []) + [buf] : [buf], &f)
    }

    private func openBlock(_ f: inout Frame, kind: PassageKind, isDocHead: Bool = false) {
        guard let d = doc else { return }
        if let outer = d.blocks.last { flush(outer, in: d) }
        let b = OpenBlock(kind: kind, anchor: stream.xmlID ?? anchorPathWith(f), page: currentPage, isDocHead: isDocHead)
        d.blocks.append(b)
        f.action = .block(b)
        push([b.buf], &f)
    }

    /// Emits the block's current segment and its notes, then resets it for a continuation.
    private func flush(_ b: OpenBlock, in d: DocState) {
        let (text, count) = TextFold.fold(b.buf.bytes)
        var host: Int?
        if count > 0 {
            host = d.assembler.add(kind: b.kind, text: text, rawText: TextFold.trimmed(b.buf.bytes), anchor: b.anchor,
                                   page: b.page, links: b.links)
            if b.isDocHead, d.title == nil { d.title = text }
        }
        for n in b.notes {
            d.assembler.add(kind: n.kind, raw: n.buf.bytes, anchor: n.anchor, page: n.page, annotates: host,
                            noteNumber: n.number, links: n.links)
        }
        b.buf.bytes.removeAll(keepingCapacity: true)
        b.links = []
        b.notes = []
        b.page = currentPage
    }

    private func pageBreak(_ n: String) {
        currentPage = n
        guard let d = doc else { return }
        if let b = d.blocks.last, TextFold.isBlank(b.buf.bytes) { b.page = n }
        if d.assembler.isEmpty, d.blocks.allSatisfy({ TextFold.isBlank($0.buf.bytes) && $0.notes.isEmpty }), d.noteDepth == 0 {
            d.firstPage = n
        }
    }

    // MARK: header

    private func startHeader(_ tag: Tag, _ f: inout Frame) -> Bool {
        let h = header
        switch tag {
        case .titleStmt: h.inTitleStmt = true; f.action = .titleStmt
        case .publicationStmt: h.inPublicationStmt = true; f.action = .publicationStmt
        case .sourceDesc: h.inSourceDesc = true; f.action = .sourceDesc
        case .creation: h.inCreation = true; f.action = .creation
        case .title:
            if h.inTitleStmt, !h.inSourceDesc {
                let type = stream.attribute("type") ?? ""
                capture(&f) { s in
                    if h.titles[type] == nil { h.titles[type] = s }
                    if h.firstTitle == nil { h.firstTitle = s }
                }
            }
        case .author:
            if h.inTitleStmt, !h.inSourceDesc { capture(&f) { s in if !s.isEmpty { h.authors.append(s) } } }
        case .idno:
            if stream.attribute("type") == "frus", h.frusID == nil { capture(&f) { s in h.frusID = s } }
        case .publisher:
            if h.inPublicationStmt, h.publisher == nil { capture(&f) { s in h.publisher = s } }
        case .pubPlace:
            if h.inPublicationStmt, h.pubPlace == nil { capture(&f) { s in if !s.isEmpty { h.pubPlace = s } } }
        case .editor:
            if h.inTitleStmt, !h.inSourceDesc, stream.attribute("role") != "general" {
                capture(&f) { s in if !s.isEmpty, !h.editors.contains(s) { h.editors.append(s) } }
            }
        case .lb:
            // "Office of the Historian<lb/>Bureau of Public Affairs" in a publisher.
            if h.inPublicationStmt { appendText(", ") }
        case .date:
            let type = stream.attribute("type")
            if let c = currentCorresp, let action = h.actionType {
                let date = DateParser.parse(when: stream.attribute("when"), from: stream.attribute("from"),
                                            to: stream.attribute("to"), notBefore: stream.attribute("notBefore"),
                                            notAfter: stream.attribute("notAfter"))
                if let cert = stream.attribute("cert"), action == "sent" { c.cert = cert }
                if action == "sent", c.sentDate == nil { c.sentDate = date }
                if action == "received", c.receivedDate == nil { c.receivedDate = date }
            } else if h.inPublicationStmt {
                if type == "created" {
                    h.created = DateParser.parse(when: stream.attribute("when"), from: stream.attribute("from"),
                                                 to: stream.attribute("to"), notBefore: stream.attribute("notBefore"),
                                                 notAfter: stream.attribute("notAfter"))
                } else if type == nil || type == "publication-date", h.pubYear == nil {
                    if let w = stream.attribute("when") { h.pubYear = String(w.prefix(4)) }
                    else { capture(&f) { s in if h.pubYear == nil, !s.isEmpty { h.pubYear = s } } }
                }
            } else if h.inCreation, h.creation == nil {
                h.creation = DateParser.parse(when: stream.attribute("when"), from: stream.attribute("from"),
                                              to: stream.attribute("to"), notBefore: stream.attribute("notBefore"),
                                              notAfter: stream.attribute("notAfter"))
            }
        case .correspDesc:
            let c = Corresp()
            c.ref = stream.attribute("ref") ?? stream.attribute("key")
            h.corresp.append(c)
            currentCorresp = c
            f.action = .correspDesc
        case .correspAction:
            h.actionType = stream.attribute("type")
            f.action = .correspAction
        case .persName, .orgName:
            if let c = currentCorresp, let action = h.actionType {
                capture(&f) { s in
                    guard !s.isEmpty else { return }
                    if action == "sent" { c.senders.append(s) } else if action == "received" { c.receivers.append(s) }
                }
            }
        case .placeName:
            if let c = currentCorresp, let action = h.actionType {
                capture(&f) { s in
                    if action == "sent", c.sentPlace == nil { c.sentPlace = s }
                    if action == "received", c.receivedPlace == nil { c.receivedPlace = s }
                }
            }
        case .note:
            return true
        default:
            break
        }
        return false
    }

    // MARK: element end

    private func endElement() throws {
        guard var f = frames.popLast() else { return }
        if let buf = f.markBuf {
            let start = min(f.mark, buf.bytes.count)
            let surface = TextFold.fold(Array(buf.bytes[start...])).text
            if !surface.isEmpty, let d = doc {
                if let (kind, ref) = f.link {
                    let link = EntityLink(kind: kind, ref: ref, surface: surface)
                    if let n = f.linkNote { n.links.append(link) } else { f.linkBlock?.links.append(link) }
                }
                if f.party == 1 { d.authors.append(surface) }
                if f.party == 2 { d.recipients.append(surface) }
            }
            f.markBuf = nil
        }
        if f.popsTarget { targets.removeLast() }
        switch f.action {
        case .none:
            break
        case .tei:
            if volumeHeader == nil || volumeHeader?.frusID == nil && header.frusID != nil { volumeHeader = header }
        case .header:
            inHeader = false
            if header.frusID != nil { frusMode = true; sawFRUS = true }
            if volumeHeader == nil { volumeHeader = header }
        case .titleStmt: header.inTitleStmt = false
        case .publicationStmt: header.inPublicationStmt = false
        case .sourceDesc: header.inSourceDesc = false
        case .creation: header.inCreation = false
        case .correspDesc: currentCorresp = nil
        case .correspAction: header.actionType = nil
        case let .capture(buf, done):
            done(buf.folded)
        case .fallbackRoot:
            if let d = fallback {
                fallback = nil
                if doc === d { doc = nil }
                if !d.abandoned { try finishFallback(d) }
            }
        case let .document(d):
            while let b = d.blocks.popLast() { flush(b, in: d) }
            try finishDocument(d)
            doc = fallback.flatMap { $0.abandoned ? nil : $0 }
        case let .block(b):
            if let d = doc {
                flush(b, in: d)
                if d.blocks.last === b { d.blocks.removeLast() }
                if let outer = d.blocks.last { outer.page = currentPage }
            }
        case .cell(let pos):
            if let b = doc?.blocks.last, TextFold.isBlank(b.buf.bytes, from: pos), pos <= b.buf.bytes.count {
                b.buf.bytes.removeSubrange(pos...)
            }
        case let .note(n):
            guard let d = doc else { break }
            d.noteDepth = 0
            d.currentNote = nil
            if n.kind == .sourceNote, d.sourceNote == nil { d.sourceNote = n.buf.folded }
            if let b = d.blocks.last {
                b.notes.append(n)
            } else {
                d.assembler.add(kind: n.kind, raw: n.buf.bytes, anchor: n.anchor, page: n.page, noteNumber: n.number,
                                links: n.links)
            }
        case .nestedNote:
            doc?.noteDepth -= 1
        case .contextDiv:
            contextHeads.removeLast()
        case .glossaryDiv:
            contextHeads.removeLast()
            glossaryKind = nil
        case let .glossaryItem(item):
            glossItems.removeLast()
            if let id = item.id {
                var desc = item.rest.folded
                while let c = desc.first, c == "," || c == ":" || c == " " || c == ";" { desc.removeFirst() }
                glossary.append(GlossaryEntry(kind: item.kind, id: id, label: item.label.folded, description: desc))
            }
        case .dateline:
            if let d = doc {
                d.inDateline = false
                d.datelineDone = true
            }
        case .opener:
            break
        }
    }

    // MARK: documents

    private func edition(_ d: DocState, _ h: Header) -> Edition {
        var e = Edition()
        e.series = h.titles["series"]
        e.subseries = h.titles["subseries"] ?? h.titles["sub-series"]
        e.volumeId = h.frusID
        e.volumeNumber = h.titles["volumenumber"] ?? h.titles["volume-number"]
        e.volumeTitle = h.titles["volume"]
        e.documentNumber = d.number
        e.firstPage = d.firstPage
        if let v = h.frusID, let id = d.xmlID {
            e.canonicalURL = "https://history.state.gov/historicaldocuments/\(v)/\(id)"
        }
        e.publisher = h.publisher
        e.publicationYear = h.pubYear
        e.publicationPlace = h.pubPlace
        e.editors = h.editors
        // An empty volume number (frus1917-72PubDip) is no number; "Part 2" encoded at the head of the
        // volume title instead of the number (frus1969-76ve05p2) belongs to the number.
        if e.volumeNumber?.isEmpty == true { e.volumeNumber = nil }
        if e.volumeTitle?.isEmpty == true { e.volumeTitle = nil }
        (e.volumeNumber, e.volumeTitle) = volumeParts(number: e.volumeNumber, title: e.volumeTitle)
        return e
    }

    /// The last `volumeParts` answer: every document of a volume asks the same question, and the
    /// regular expression behind it costs more than the rest of the document's metadata.
    private var lastVolumeParts: (number: String?, title: String?, result: (String?, String?))?

    private func volumeParts(number: String?, title: String?) -> (String?, String?) {
        // Compared byte for byte (String's == would equate canonically equivalent spellings).
        func same(_ a: String?, _ b: String?) -> Bool {
            guard let a, let b else { return a == nil && b == nil }
            return a.utf8.elementsEqual(b.utf8)
        }
        if let last = lastVolumeParts, same(last.number, number), same(last.title, title) { return last.result }
        var result = (number, title)
        if let t = title, let r = t.range(of: #"^Part [0-9IVX]+, "#, options: .regularExpression),
           let n = number, !n.contains("Part") {
            result = (n + ", " + t[r].dropLast(2), String(t[r.upperBound...]))
        }
        lastVolumeParts = (number, title, result)
        return result
    }

    private func sourceNote(_ d: DocState, passages: [ParsedPassage]) -> SourceNote? {
        var note = d.sourceNote.map(SourceNoteParser.parse)
        if note?.classification == nil {
            // 1951: classification in the opener (`<seg>confidential</seg>`); 1952–54: a short paragraph
            // ("Secret<lb/>Priority") before the text.
            var candidates = [d.openerBuf.folded]
            candidates += passages.filter { $0.kind == .body }.prefix(3).map(\.text)
            for c in candidates {
                let words = c.split(separator: " ")
                // The opener also holds the dateline; try its last words too.
                for k in stride(from: min(words.count, 6), through: 1, by: -1) {
                    let tail = words.suffix(k).joined(separator: " ")
                    if let m = SourceNoteParser.markings(in: tail), let cls = m.classification {
                        if note == nil { note = SourceNote(verbatim: "") }
                        note!.classification = cls
                        for hnd in m.handling where !note!.handling.contains(hnd) { note!.handling.append(hnd) }
                        return note
                    }
                }
            }
        }
        return note
    }

    private func finishDocument(_ d: DocState) throws {
        let passages = d.assembler.take()
        var date = DateParser.parseFRUS(min: d.frusMin, max: d.frusMax) ?? d.date
        if date == nil, let t = d.datelineBuf?.folded, !t.isEmpty { date = DateParser.parseText(t) }
        var extra: [String: String] = [:]
        if d.microfiche { extra["supplement"] = "microfiche" }
        let document = ParsedDocument(
            format: frusMode ? .frus : .tei, key: d.key, title: d.title, docType: DocTypeInference.infer(d.title),
            date: date, place: d.place, authors: d.authors, recipients: d.recipients,
            sourceNote: sourceNote(d, passages: passages), edition: edition(d, header), context: d.context,
            passages: passages, extra: extra)
        try deliver(document)
    }

    private func finishFallback(_ d: DocState) throws {
        while let b = d.blocks.popLast() { flush(b, in: d) }
        let passages = d.assembler.take()
        let h = header
        if passages.isEmpty {
            // Metadata-only correspondence files (CMIF): one document per correspDesc.
            for (i, c) in h.corresp.enumerated() {
                documentOrdinal += 1
                var extra: [String: String] = [:]
                if let r = c.ref { extra["ref"] = r }
                if let cert = c.cert { extra["cert"] = cert }
                if let rp = c.receivedPlace { extra["receivedPlace"] = rp }
                let title = c.senders.isEmpty && c.receivers.isEmpty ? h.title
                    : "\(c.senders.joined(separator: "; ")) to \(c.receivers.joined(separator: "; "))"
                try deliver(ParsedDocument(format: .tei, key: c.ref ?? "correspDesc[\(i + 1)]", title: title, docType: "letter",
                                       date: c.sentDate ?? c.receivedDate, place: c.sentPlace, authors: c.senders,
                                       recipients: c.receivers, edition: edition(d, h), passages: [], extra: extra))
            }
            return
        }
        documentOrdinal += 1
        let c = h.corresp.first
        var date = c?.sentDate ?? h.created ?? h.creation ?? d.date
        if date == nil, let t = d.datelineBuf?.folded, !t.isEmpty { date = DateParser.parseText(t) }
        var extra: [String: String] = [:]
        if let cert = c?.cert { extra["cert"] = cert }
        let title = h.title ?? passages.first(where: { $0.kind == .head || $0.kind == .body })?.text
        try deliver(ParsedDocument(format: .tei, key: d.key, title: title, docType: DocTypeInference.infer(title),
                               date: date, place: c?.sentPlace ?? d.place, authors: c?.senders ?? h.authors,
                               recipients: c?.receivers ?? [], sourceNote: sourceNote(d, passages: passages),
                               edition: edition(d, h), passages: passages, extra: extra))
    }

    private func deliver(_ document: ParsedDocument) throws {
        documentCount += 1
        passageCount += document.passages.count
        try emit(document)
    }
}
