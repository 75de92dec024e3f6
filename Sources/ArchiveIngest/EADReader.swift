import CLibXML2
import Foundation

/// Streaming EAD reader (EAD 2002, DTD or schema flavour, and EAD3).
///
/// One document per described unit: the `archdesc` itself and every component (`c`, `c01`…`c12`),
/// in document order; a component is emitted when its first child component starts (EAD puts child
/// components last) or when it closes. Each document gets:
/// - title from `did/unittitle` (also its `head` passage), date from `unitdate/@normal` (2002) or
///   `unitdatestructured` (EAD3; `datesingle/@standarddate`, `daterange/fromdate|todate`), else the
///   printed unitdate;
/// - authors from `origination`; a synthesized source note (repository, collection = the archdesc
///   title, file identifier = unitid and containers);
/// - passages: `abstract` and `did/note`, then the descriptive notes (`scopecontent`, `bioghist`,
///   `arrangement`, `odd`, `note`, `acqinfo`, `custodhist`, access and use restrictions, …) by
///   paragraph (`p`, list `item`, `chronitem`, `defitem`, table `row`, `head`);
/// - context: the titles of the enclosing units; extra: `unitid`, `level`, `container`, `extent`,
///   `physloc`, `eadid`.
/// `controlaccess`, `dao`, `index` and the header are not turned into passages.
final class EADReader {
    final class Unit {
        let key: String
        let level: String?
        var emitted = false
        var assembler = PassageAssembler()
        var blocks: [OpenBlock] = []
        var title: String?
        var date: DocumentDate?
        var dateText: String?
        var unitid: String?
        var containers: [String] = []
        var origination: [String] = []
        var repository: String?
        var extent: String?
        var physloc: String?
        var context: [String] = []
        init(key: String, level: String?) { self.key = key; self.level = level }
    }

    struct Frame {
        let name: String
        let ordinal: Int
        var childCounts: [String: Int] = [:]
        var popsTarget = false
        var unit: Unit?
        var block: OpenBlock?
        var capture: (TextBuf, (String) -> Void)?
        var isDid = false
        var isNote = false
        var isHeader = false
    }

    static let componentNames: Set<String> = ["c", "c01", "c02", "c03", "c04", "c05", "c06", "c07", "c08", "c09", "c10", "c11", "c12"]
    static let noteNames: Set<String> = ["scopecontent", "bioghist", "abstract", "note", "didnote", "odd", "arrangement",
                                         "acqinfo", "custodhist", "accessrestrict", "userestrict", "processinfo",
                                         "relatedmaterial", "separatedmaterial", "altformavail", "originalsloc",
                                         "appraisal", "accruals", "otherfindaid", "prefercite", "phystech", "fileplan",
                                         "bibliography", "legalstatus", "materialspec", "langmaterial"]
    static let blockNames: Set<String> = ["p", "head", "item", "chronitem", "defitem", "row", "addressline", "event"]
    static let skipNames: Set<String> = ["controlaccess", "dao", "daogrp", "daoset", "index", "ptrgrp", "frontmatter"]

    let stream: XMLStream
    private(set) var dialect: SourceFormat
    let emit: (ParsedDocument) throws -> Void
    private var names = NameCache()
    private var frames: [Frame] = []
    private var targets: [[TextBuf]] = [[]]
    private var units: [Unit] = []
    private var inHeader = false
    private(set) var volumeID: String?
    private(set) var volumeTitle: String?
    private var collectionTitle: String?
    private var collectionRepository: String?
    private(set) var documentCount = 0
    private(set) var passageCount = 0
    private(set) var warnings: [String] = []

    init(stream: XMLStream, dialect: SourceFormat, emit: @escaping (ParsedDocument) throws -> Void) {
        self.stream = stream
        self.dialect = dialect
        self.emit = emit
    }

    func run() throws {
        var more = try stream.read()
        while more {
            switch stream.nodeType {
            case NodeType.element:
                if try start() { more = try stream.skip(); continue }
                if stream.isEmptyElement { try end() }
            case NodeType.endElement:
                try end()
            case NodeType.text, NodeType.cdata, NodeType.whitespace, NodeType.significantWhitespace:
                if let top = targets.last, !top.isEmpty, let v = stream.value { for b in top { b.bytes.appendC(v) } }
            case NodeType.entityReference:
                stream.noteEntityReference()
            default:
                break
            }
            more = try stream.read()
        }
    }

    private func anchor(_ name: String, _ ordinal: Int) -> String {
        if let id = stream.attribute("id") ?? stream.xmlID { return id }
        var s = ""
        for (i, f) in frames.enumerated() {
            s += "/" + f.name + (i == 0 || (f.ordinal == 1 && AnchorPath.unique.contains(f.name)) ? "" : "[\(f.ordinal)]")
        }
        return s + "/" + name + (ordinal == 1 && AnchorPath.unique.contains(name) ? "" : "[\(ordinal)]")
    }

    private var parent: Frame? { frames.last }

    private func start() throws -> Bool {
        guard let np = stream.localName else { return false }
        let name = names.string(np)
        var ordinal = 1
        if !frames.isEmpty {
            ordinal = (frames[frames.count - 1].childCounts[name] ?? 0) + 1
            frames[frames.count - 1].childCounts[name] = ordinal
        }
        if frames.count == 1 {
            if name == "eadheader" { dialect = .ead2002 }
            if name == "control" { dialect = .ead3 }
        }
        var f = Frame(name: name, ordinal: ordinal)
        if EADReader.skipNames.contains(name) { return true }
        if frames.count == 1, name == "eadheader" || name == "control" {
            inHeader = true
            f.isHeader = true
            f.popsTarget = true
            targets.append([])
            frames.append(f)
            return false
        }
        if inHeader {
            if (name == "eadid" || name == "recordid"), volumeID == nil { capture(&f) { [weak self] s in self?.volumeID = s } }
            if name == "titleproper", volumeTitle == nil { capture(&f) { [weak self] s in if self?.volumeTitle == nil { self?.volumeTitle = s } } }
            frames.append(f)
            return false
        }
        if name == "archdesc" || EADReader.componentNames.contains(name) {
            if let parentUnit = units.last, !parentUnit.emitted { try emitUnit(parentUnit) }
            let u = Unit(key: anchor(name, ordinal), level: stream.attribute("level"))
            u.context = units.compactMap(\.title)
            units.append(u)
            f.unit = u
            f.popsTarget = true
            targets.append([])
            frames.append(f)
            return false
        }
        guard let u = units.last, !u.emitted else {
            frames.append(f)
            return false
        }
        let unitFrame = frames.last?.unit != nil
        if name == "did", unitFrame {
            f.isDid = true
        } else if frames.last?.isDid == true {
            switch name {
            case "unittitle":
                if u.title == nil { openBlock(&f, u, kind: .head, name: name, ordinal: ordinal) { s in if u.title == nil, !s.isEmpty { u.title = s } } }
            case "unitdate":
                if u.date == nil, let normal = stream.attribute("normal") { u.date = DateParser.parse(normal) }
                capture(&f) { s in if u.dateText == nil, !s.isEmpty { u.dateText = s } }
            case "unitdatestructured":
                break
            case "unitid":
                if u.unitid == nil { capture(&f) { s in if u.unitid == nil, !s.isEmpty { u.unitid = s } } }
            case "container":
                let type = stream.attribute("type") ?? stream.attribute("localtype")
                capture(&f) { s in
                    guard !s.isEmpty else { return }
                    u.containers.append(type.map { t in s.lowercased().hasPrefix(t.lowercased()) ? s : "\(t.capitalized) \(s)" } ?? s)
                }
            case "origination":
                capture(&f) { s in if !s.isEmpty { u.origination.append(s) } }
            case "repository":
                capture(&f) { s in if u.repository == nil, !s.isEmpty { u.repository = s } }
            case "physdesc", "physdescstructured", "physdescset":
                capture(&f) { s in if u.extent == nil, !s.isEmpty { u.extent = s } }
            case "physloc":
                capture(&f) { s in if u.physloc == nil, !s.isEmpty { u.physloc = s } }
            case "abstract", "note", "didnote", "langmaterial", "materialspec":
                if name != "langmaterial" { openBlock(&f, u, kind: .body, name: name, ordinal: ordinal) }
                f.isNote = true
            default:
                break
            }
        } else if EADReader.noteNames.contains(name), !isInNote {
            openBlock(&f, u, kind: .body, name: name, ordinal: ordinal)
            f.isNote = true
        } else if isInNote, EADReader.blockNames.contains(name) {
            openBlock(&f, u, kind: .body, name: name, ordinal: ordinal)
        } else if isInNote, name == "entry" || name == "cell" {
            if let b = u.blocks.last, !TextFold.isBlank(b.buf.bytes) { b.buf.bytes.append(contentsOf: [0x20, 0x7C, 0x20]) }
        } else if name == "lb" {
            for b in targets.last ?? [] { b.bytes.append(0x0A) }
        } else if ["datesingle", "fromdate", "todate"].contains(name), frames.contains(where: { $0.name == "unitdatestructured" }) {
            if let sd = stream.attribute("standarddate") {
                switch name {
                case "datesingle": if u.date == nil { u.date = DateParser.parse(sd) }
                case "fromdate": if u.date == nil { u.date = DateParser.parse(sd + "/") }
                default:
                    if let d = u.date, d.precision == .range || d.max == nil, let lo = d.raw?.split(separator: "/").first {
                        u.date = DateParser.parse(String(lo) + "/" + sd)
                    } else if u.date == nil {
                        u.date = DateParser.parse("/" + sd)
                    }
                }
            }
            capture(&f) { s in if u.dateText == nil, !s.isEmpty, name == "datesingle" { u.dateText = s } }
        }
        frames.append(f)
        return false
    }

    private var isInNote: Bool { frames.contains { $0.isNote } }

    private func capture(_ f: inout Frame, _ done: @escaping (String) -> Void) {
        let buf = TextBuf()
        f.capture = (buf, done)
        targets.append((targets.last ?? []) + [buf])
        f.popsTarget = true
    }

    private func openBlock(_ f: inout Frame, _ u: Unit, kind: PassageKind, name: String, ordinal: Int,
                           done: ((String) -> Void)? = nil) {
        if let outer = u.blocks.last { flush(outer, u) }
        let b = OpenBlock(kind: kind, anchor: anchor(name, ordinal), page: nil)
        u.blocks.append(b)
        f.block = b
        if let done { f.capture = (b.buf, done) }
        targets.append([b.buf])
        f.popsTarget = true
    }

    private func flush(_ b: OpenBlock, _ u: Unit) {
        u.assembler.add(kind: b.kind, raw: b.buf.bytes, anchor: b.anchor, page: nil)
        b.buf.bytes.removeAll(keepingCapacity: true)
    }

    private func end() throws {
        guard let f = frames.popLast() else { return }
        if f.popsTarget { targets.removeLast() }
        if let (buf, done) = f.capture { done(buf.folded) }
        if f.isHeader { inHeader = false }
        if let b = f.block, let u = units.last {
            flush(b, u)
            if u.blocks.last === b { u.blocks.removeLast() }
        }
        if let u = f.unit {
            if !u.emitted { try emitUnit(u) }
            units.removeLast()
        }
    }

    private func emitUnit(_ u: Unit) throws {
        u.emitted = true
        while let b = u.blocks.popLast() { flush(b, u) }
        if units.first === u {
            collectionTitle = u.title
            collectionRepository = u.repository
            if volumeTitle == nil { volumeTitle = u.title }
        }
        let repository = u.repository ?? collectionRepository
        let collection = units.first === u ? nil : collectionTitle
        var fileParts: [String] = []
        if let id = u.unitid { fileParts.append(id) }
        fileParts += u.containers
        let file = fileParts.isEmpty ? nil : fileParts.joined(separator: ", ")
        let verbatim = [repository, collection ?? u.title, file].compactMap { $0 }.joined(separator: ", ")
        var extra: [String: String] = [:]
        if let v = u.unitid { extra["unitid"] = v }
        if let v = u.level { extra["level"] = v }
        if !u.containers.isEmpty { extra["container"] = u.containers.joined(separator: ", ") }
        if let v = u.extent { extra["extent"] = v }
        if let v = u.physloc { extra["physloc"] = v }
        if let v = volumeID { extra["eadid"] = v }
        let date = u.date ?? u.dateText.flatMap { t in DateParser.parseText(t).map { d in
            var d = d
            // Printed ranges such as "1820-1972" are not a single day.
            if t.contains("-") || t.contains("–") { d = DateParser.parse(rangeFromText(t) ?? "") ?? d }
            return d
        } ?? DocumentDate(min: nil, max: nil, precision: .unknown, raw: t) }
        let passages = u.assembler.take()
        documentCount += 1
        passageCount += passages.count
        try emit(ParsedDocument(format: dialect, key: u.key, title: u.title, docType: u.level ?? "archival description",
                                date: date, authors: u.origination,
                                sourceNote: verbatim.isEmpty ? nil : SourceNote(verbatim: verbatim, repository: repository,
                                                                                collection: collection, fileIdentifier: file),
                                edition: Edition(volumeId: volumeID, volumeTitle: volumeTitle), context: u.context,
                                passages: passages, extra: extra))
    }

    /// "1820-1972", "bulk 1900–1950" → "1820/1972".
    private func rangeFromText(_ t: String) -> String? {
        let years = t.split(whereSeparator: { !$0.isNumber }).filter { $0.count == 4 }
        guard years.count >= 2 else { return nil }
        return "\(years[0])/\(years[years.count - 1])"
    }
}
