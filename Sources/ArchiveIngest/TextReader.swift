import Foundation
import Yams

/// Plain text: optional YAML front matter between `---` lines, then paragraphs split on blank lines.
///
/// Front-matter fields (all optional): `title`, `type`, `date` (ISO 8601 value or `a/b` interval;
/// anything else is kept raw), `place`, `authors`, `recipients` (string or list), `source` or
/// `source_note` (parsed like a FRUS source note), `repository`, `collection`, `file`,
/// `classification` (override the parsed note), `series`, `volume`, `number`, `page`, `url`,
/// `key`. Other keys are kept in `extra`.
///
/// Line endings are normalized (CRLF and CR → LF) before anything else, so offsets do not depend on
/// them. The text is decoded as UTF-8 (a BOM is dropped); invalid UTF-8 is decoded as ISO-8859-1
/// with a warning. Anchors are `para[N]` (1-based).
enum TextReader {
    static let known: Set<String> = ["title", "type", "date", "place", "authors", "author", "recipients", "recipient",
                                     "source", "source_note", "repository", "collection", "file", "classification",
                                     "series", "volume", "number", "page", "url", "key"]

    static func read(file: URL, path: String, sniff: ByteSniff,
                     emit: (ParsedDocument) throws -> Void) throws -> FileReadSummary {
        let data: Data
        do { data = try Data(contentsOf: file) } catch {
            throw IngestError.unreadable(file: path, reason: error.localizedDescription)
        }
        var warnings: [String] = []
        var bytes = [UInt8](data)
        var text: String
        switch sniff.encoding {
        case .utf16LE, .utf16BE, .utf32:
            let enc: String.Encoding = sniff.encoding == .utf32 ? .utf32 : (sniff.encoding == .utf16LE ? .utf16LittleEndian : .utf16BigEndian)
            guard let t = String(data: Data(bytes[sniff.bomLength...]), encoding: enc) else {
                throw IngestError.unknownEncoding(file: path, encoding: "\(enc)")
            }
            text = t
        default:
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            if let t = String(validating: bytes, as: UTF8.self) {
                text = t
            } else {
                text = String(bytes.map { Character(Unicode.Scalar($0)) })
                warnings.append("not valid UTF-8; decoded as ISO-8859-1")
            }
        }
        text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var doc = ParsedDocument(format: .text, key: "doc[1]")
        var bodyStartLine = 1
        if lines.first?.trimmingCharacters(in: .whitespaces) == "---" {
            guard let end = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" || $0 == "..." }) else {
                throw IngestError.invalidFrontMatter(file: path, line: 1, message: "front matter opened with '---' is never closed")
            }
            let yaml = lines[1..<end].joined(separator: "\n")
            try applyFrontMatter(yaml, to: &doc, path: path)
            lines.removeSubrange(0...end)
            bodyStartLine = end + 2
        }
        _ = bodyStartLine
        var assembler = PassageAssembler()
        var para: [String] = []
        var n = 0
        func flush() {
            guard !para.isEmpty else { return }
            n += 1
            let raw = Array(para.joined(separator: "\n").utf8)
            assembler.add(kind: .body, raw: raw, anchor: "para[\(n)]", page: nil)
            para = []
        }
        for line in lines {
            if line.allSatisfy({ $0.isWhitespace }) { flush() } else { para.append(line) }
        }
        flush()
        doc.passages = assembler.take()
        let summary = FileReadSummary(format: .text, sha256: ContentHash.sha256Hex(data), byteCount: data.count,
                                      documentCount: 1, passageCount: doc.passages.count,
                                      volumeTitle: nil, warnings: warnings)
        try emit(doc)
        return summary
    }

    static func applyFrontMatter(_ yaml: String, to doc: inout ParsedDocument, path: String) throws {
        let node: Node?
        do { node = try Yams.compose(yaml: yaml) } catch let e as YamlError {
            throw IngestError.invalidFrontMatter(file: path, line: yamlLine(e) + 1, message: yamlMessage(e))
        } catch {
            throw IngestError.invalidFrontMatter(file: path, line: 2, message: "\(error)")
        }
        guard let node else { return }
        guard let map = node.mapping else {
            throw IngestError.invalidFrontMatter(file: path, line: 2, message: "front matter must be a mapping of fields")
        }
        var source: String?
        var overrides: [String: String] = [:]
        for (k, v) in map {
            guard let key = k.string else { continue }
            let line = (k.mark?.line ?? 1) + 1
            func scalar() throws -> String {
                guard let s = v.scalar?.string else {
                    throw IngestError.invalidFrontMatter(file: path, line: line, message: "'\(key)' must be a single value")
                }
                return s
            }
            func list() throws -> [String] {
                if let s = v.scalar?.string { return s.isEmpty ? [] : [s] }
                if let seq = v.sequence {
                    return try seq.map {
                        guard let s = $0.scalar?.string else {
                            throw IngestError.invalidFrontMatter(file: path, line: line, message: "'\(key)' must be a list of names")
                        }
                        return s
                    }
                }
                throw IngestError.invalidFrontMatter(file: path, line: line, message: "'\(key)' must be a name or a list of names")
            }
            switch key {
            case "title": doc.title = try scalar()
            case "type": doc.docType = try scalar()
            case "date":
                let s = try scalar()
                doc.date = DateParser.parse(s).flatMap { $0.precision == .unknown ? (DateParser.parseText(s) ?? $0) : $0 }
            case "place": doc.place = try scalar()
            case "authors", "author": doc.authors += try list()
            case "recipients", "recipient": doc.recipients += try list()
            case "source", "source_note": source = try scalar()
            case "repository", "collection", "file", "classification": overrides[key] = try scalar()
            case "series": doc.edition.series = try scalar()
            case "volume": doc.edition.volumeNumber = try scalar()
            case "number": doc.edition.documentNumber = try scalar()
            case "page": doc.edition.firstPage = try scalar()
            case "url": doc.edition.canonicalURL = try scalar()
            case "key": doc.key = try scalar()
            default:
                if let s = v.scalar?.string { doc.extra[key] = s }
                else if let seq = v.sequence { doc.extra[key] = seq.compactMap { $0.scalar?.string }.joined(separator: "; ") }
            }
        }
        if source != nil || !overrides.isEmpty {
            var note = source.map(SourceNoteParser.parse) ?? SourceNote(verbatim: "")
            if let r = overrides["repository"] { note.repository = r }
            if let c = overrides["collection"] { note.collection = c }
            if let f = overrides["file"] { note.fileIdentifier = f }
            if let c = overrides["classification"] { note.classification = c }
            doc.sourceNote = note
        }
        if doc.docType == nil { doc.docType = DocTypeInference.infer(doc.title) }
    }

    /// The problem without Yams' echo of the source.
    static func yamlMessage(_ e: YamlError) -> String {
        switch e {
        case let .scanner(context, problem, _, _), let .parser(context, problem, _, _):
            return problem + (context.map { " (\($0.text))" } ?? "")
        case let .composer(context, problem, _, _):
            return problem + (context.map { " (\($0.text))" } ?? "")
        default:
            return "\(e)"
        }
    }

    static func yamlLine(_ e: YamlError) -> Int {
        switch e {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _):
            return mark.line
        default:
            return 1
        }
    }
}
