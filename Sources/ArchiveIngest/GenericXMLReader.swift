import CLibXML2
import Foundation

/// "Other XML", read with an `XMLMapping` (see there). Streaming: each document element is emitted
/// when it closes.
final class GenericXMLReader {
    struct Frame {
        let name: String
        var childCounts: [String: Int] = [:]
        let ordinal: Int
        var popsTarget = false
        var block: OpenBlock?
        var isDocument = false
        var capture: (TextBuf, (String) -> Void)?
    }

    final class Doc {
        var key: String
        var assembler = PassageAssembler()
        var blocks: [OpenBlock] = []
        var title: String?
        var date: DocumentDate?
        var place: String?
        var authors: [String] = []
        var recipients: [String] = []
        init(key: String) { self.key = key }
    }

    let stream: XMLStream
    let mapping: XMLMapping
    let emit: (ParsedDocument) throws -> Void
    private var names = NameCache()
    private var frames: [Frame] = []
    private var chain: [String] = []
    private var targets: [[TextBuf]] = [[]]
    private var doc: Doc?
    private(set) var documentCount = 0
    private(set) var passageCount = 0

    init(stream: XMLStream, mapping: XMLMapping, emit: @escaping (ParsedDocument) throws -> Void) {
        self.stream = stream
        self.mapping = mapping
        self.emit = emit
    }

    private func matches(_ rules: [XMLMapping.Path]) -> XMLMapping.Path? {
        rules.first { $0.matches(chain[...]) }
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
            case NodeType.processingInstruction:
                if stream.localName?.string == "lb" { for b in targets.last ?? [] { b.bytes.append(0x0A) } }
            case NodeType.entityReference:
                stream.noteEntityReference()
            default:
                break
            }
            more = try stream.read()
        }
    }

    /// `xml:id`/`id` of the current element, else its path with ordinals (the current element is not
    /// on the frame stack yet).
    private func anchor(_ name: String, _ ordinal: Int) -> String {
        if let id = stream.xmlID ?? stream.attribute("id") { return id }
        var s = ""
        for (i, f) in frames.enumerated() { s += "/" + f.name + (i == 0 ? "" : "[\(f.ordinal)]") }
        return s + "/" + name + (frames.isEmpty ? "" : "[\(ordinal)]")
    }

    private func start() throws -> Bool {
        guard let np = stream.localName else { return false }
        let name = names.string(np)
        var ordinal = 1
        if !frames.isEmpty {
            ordinal = (frames[frames.count - 1].childCounts[name] ?? 0) + 1
            frames[frames.count - 1].childCounts[name] = ordinal
        }
        chain.append(name)
        if !frames.isEmpty, matches(mapping.skip) != nil {
            chain.removeLast()
            return true
        }
        frames.append(Frame(name: name, ordinal: ordinal))
        var f = frames.removeLast()
        defer { frames.append(f) }
        if doc == nil, mapping.document.isEmpty ? frames.isEmpty : matches(mapping.document) != nil {
            documentCount += 1
            let key = mapping.key.flatMap { $0.attribute.flatMap { stream.attribute($0) } } ?? "doc[\(documentCount)]"
            doc = Doc(key: key)
            f.isDocument = true
            f.popsTarget = true
            targets.append([])
        }
        guard let d = doc else { return false }
        var tee: [TextBuf] = []
        func metadata(_ rules: [XMLMapping.Path], _ set: @escaping (String) -> Void) {
            guard let rule = matches(rules) else { return }
            if let a = rule.attribute {
                if let v = stream.attribute(a) { set(TextFold.fold(v)) }
            } else {
                let buf = TextBuf()
                tee.append(buf)
                f.capture = (buf, set)
            }
        }
        if d.title == nil { metadata(mapping.title) { s in if d.title == nil, !s.isEmpty { d.title = s } } }
        if d.date == nil {
            metadata(mapping.date) { s in
                if d.date == nil, !s.isEmpty {
                    let parsed = DateParser.parse(s)
                    d.date = parsed?.precision == .unknown ? (DateParser.parseText(s) ?? parsed) : parsed
                }
            }
        }
        if d.place == nil { metadata(mapping.place) { s in if d.place == nil, !s.isEmpty { d.place = s } } }
        metadata(mapping.authors) { s in if !s.isEmpty { d.authors.append(s) } }
        metadata(mapping.recipients) { s in if !s.isEmpty { d.recipients.append(s) } }
        if matches(mapping.passages) != nil {
            if let outer = d.blocks.last { flush(outer, d) }
            let b = OpenBlock(kind: .body, anchor: anchor(name, ordinal), page: nil)
            d.blocks.append(b)
            f.block = b
            tee.append(b.buf)
            targets.append(tee)
            f.popsTarget = true
        } else if !tee.isEmpty {
            targets.append((targets.last ?? []) + tee)
            f.popsTarget = true
        }
        return false
    }

    private func flush(_ b: OpenBlock, _ d: Doc) {
        d.assembler.add(kind: b.kind, raw: b.buf.bytes, anchor: b.anchor, page: nil)
        b.buf.bytes.removeAll(keepingCapacity: true)
    }

    private func end() throws {
        guard let f = frames.popLast() else { return }
        chain.removeLast()
        if f.popsTarget { targets.removeLast() }
        if let (buf, set) = f.capture { set(buf.folded) }
        if let b = f.block, let d = doc {
            flush(b, d)
            if d.blocks.last === b { d.blocks.removeLast() }
        }
        if f.isDocument, let d = doc {
            doc = nil
            let passages = d.assembler.take()
            passageCount += passages.count
            try emit(ParsedDocument(format: .xml, key: d.key, title: d.title, docType: DocTypeInference.infer(d.title),
                                    date: d.date, place: d.place, authors: d.authors, recipients: d.recipients,
                                    passages: passages))
        }
    }
}
