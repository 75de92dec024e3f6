import CLibXML2
import Foundation

/// What Dossier reads of a REFI-QDA project (`project.qde`) or codebook (`.qdc`): users, codes,
/// cases, text sources with their plain-text selections and codings, notes. Other source kinds
/// (pictures, PDF, audio, video) are counted, not read: Dossier codes text.
///
/// Parsed with libxml2 from memory, without network access, DTDs or external entities.
public struct RefiDocument: Sendable {
    public struct User: Sendable { public var guid: String, name: String?, id: String? }
    public struct Code: Sendable { public var guid: String, name: String, description: String?, isCodable: Bool, line: Int }
    public struct Case: Sendable { public var guid: String, name: String, selectionRefs: [String], sourceRefs: [String] }
    public struct Coding: Sendable { public var guid: String, code: String, user: String?, created: String?, notes: [String], line: Int }
    public struct Selection: Sendable {
        public var guid: String, start: Int, end: Int, user: String?, created: String?, description: String?
        public var codings: [Coding], notes: [String], line: Int
    }
    public struct TextSource: Sendable {
        public var guid: String, name: String, text: String, variables: [String: String]
        public var selections: [Selection], line: Int
    }
    public struct Note: Sendable { public var guid: String, text: String, user: String? }

    public var users: [String: User] = [:]
    public var codes: [Code] = []
    public var cases: [Case] = []
    public var sources: [TextSource] = []
    public var notes: [String: Note] = [:]
    /// Sources of other kinds, by element name, with their count.
    public var otherSources: [String: Int] = [:]

    /// Reads `project.qde` (with `files`, the archive's other entries, for `internal://` sources)
    /// or a `.qdc` codebook. `path` names the file in messages.
    public static func parse(_ data: Data, path: String, files: [String: Data] = [:]) throws -> RefiDocument {
        let options = Int32(XML_PARSE_NONET.rawValue) | Int32(XML_PARSE_NOERROR.rawValue) | Int32(XML_PARSE_NOWARNING.rawValue)
        xmlResetLastError()
        let doc: xmlDocPtr? = data.withUnsafeBytes { raw in
            raw.baseAddress.flatMap { xmlReadMemory($0.assumingMemoryBound(to: CChar.self), Int32(raw.count), path, nil, options) }
        }
        guard let doc else {
            if let e = xmlGetLastError() {
                let message = e.pointee.message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? "not XML"
                throw InterchangeError.invalid(place: "\(path):\(e.pointee.line)", message: "not well-formed XML: \(message)")
            }
            throw InterchangeError.invalid(place: path, message: "not well-formed XML")
        }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc) else { throw InterchangeError.invalid(place: path, message: "empty document") }
        var result = RefiDocument()
        let reader = Reader(path: path, files: files)
        switch name(root) {
        case "Project": try reader.project(root, into: &result)
        case "CodeBook": for codes in children(root, "Codes") { try reader.codes(codes, into: &result) }
        default:
            throw InterchangeError.invalid(place: "\(path):\(xmlGetLineNo(root))",
                                           message: "<\(name(root))> is neither a REFI-QDA <Project> nor a <CodeBook>")
        }
        return result
    }

    // MARK: libxml2 tree helpers

    static func name(_ node: xmlNodePtr) -> String { node.pointee.name.map { String(cString: $0) } ?? "" }

    static func children(_ node: xmlNodePtr, _ wanted: String? = nil) -> [xmlNodePtr] {
        var out: [xmlNodePtr] = []
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE, wanted == nil || name(c) == wanted { out.append(c) }
            child = c.pointee.next
        }
        return out
    }

    static func attribute(_ node: xmlNodePtr, _ wanted: String) -> String? {
        var attr = node.pointee.properties
        while let a = attr {
            if a.pointee.name.map({ String(cString: $0) }) == wanted {
                var value = ""
                var child = a.pointee.children
                while let c = child {
                    if let content = c.pointee.content { value += String(cString: content) }
                    child = c.pointee.next
                }
                return value
            }
            attr = a.pointee.next
        }
        return nil
    }

    static func text(_ node: xmlNodePtr) -> String {
        var value = ""
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_TEXT_NODE || c.pointee.type == XML_CDATA_SECTION_NODE, let content = c.pointee.content {
                value += String(cString: content)
            }
            child = c.pointee.next
        }
        return value
    }

    struct Reader {
        var path: String
        var files: [String: Data]

        func place(_ node: xmlNodePtr) -> String { "\(path):\(xmlGetLineNo(node)) <\(RefiDocument.name(node))>" }

        func required(_ node: xmlNodePtr, _ attribute: String) throws -> String {
            guard let v = RefiDocument.attribute(node, attribute), !v.isEmpty else {
                throw InterchangeError.invalid(place: place(node), message: "missing the required attribute \(attribute)")
            }
            return v
        }

        func integer(_ node: xmlNodePtr, _ attribute: String) throws -> Int {
            let v = try required(node, attribute)
            guard let n = Int(v.trimmingCharacters(in: .whitespaces)), n >= 0 else {
                throw InterchangeError.invalid(place: place(node), message: "\(attribute)=\"\(v)\" is not a position (a whole number, 0 or more)")
            }
            return n
        }

        func project(_ root: xmlNodePtr, into result: inout RefiDocument) throws {
            for users in RefiDocument.children(root, "Users") {
                for u in RefiDocument.children(users, "User") {
                    let guid = try required(u, "guid")
                    result.users[guid] = User(guid: guid, name: RefiDocument.attribute(u, "name"), id: RefiDocument.attribute(u, "id"))
                }
            }
            for book in RefiDocument.children(root, "CodeBook") { for codes in RefiDocument.children(book, "Codes") { try self.codes(codes, into: &result) } }
            for cases in RefiDocument.children(root, "Cases") {
                for c in RefiDocument.children(cases, "Case") {
                    result.cases.append(Case(guid: try required(c, "guid"), name: RefiDocument.attribute(c, "name") ?? "",
                                             selectionRefs: try RefiDocument.children(c, "SelectionRef").map { try required($0, "targetGUID") },
                                             sourceRefs: try RefiDocument.children(c, "SourceRef").map { try required($0, "targetGUID") }))
                }
            }
            var variableNames: [String: String] = [:]
            for variables in RefiDocument.children(root, "Variables") {
                for v in RefiDocument.children(variables, "Variable") { variableNames[try required(v, "guid")] = RefiDocument.attribute(v, "name") }
            }
            for sources in RefiDocument.children(root, "Sources") {
                for s in RefiDocument.children(sources) {
                    guard RefiDocument.name(s) == "TextSource" else {
                        result.otherSources[RefiDocument.name(s), default: 0] += 1
                        continue
                    }
                    result.sources.append(try textSource(s, variableNames: variableNames))
                }
            }
            for notes in RefiDocument.children(root, "Notes") {
                for n in RefiDocument.children(notes, "Note") {
                    let guid = try required(n, "guid")
                    let content = RefiDocument.children(n, "PlainTextContent").first.map(RefiDocument.text) ?? (try? sourceText(n)) ?? ""
                    result.notes[guid] = Note(guid: guid, text: content, user: RefiDocument.attribute(n, "creatingUser"))
                }
            }
        }

        func codes(_ node: xmlNodePtr, into result: inout RefiDocument) throws {
            for c in RefiDocument.children(node, "Code") {
                result.codes.append(Code(guid: try required(c, "guid"), name: try required(c, "name"),
                                         description: RefiDocument.children(c, "Description").first.map(RefiDocument.text),
                                         isCodable: RefiDocument.attribute(c, "isCodable") != "false", line: Int(xmlGetLineNo(c))))
                try codes(c, into: &result)
            }
        }

        /// The text of a source: `PlainTextContent`, or the file `plainTextPath` names inside the archive.
        func sourceText(_ s: xmlNodePtr) throws -> String {
            if let content = RefiDocument.children(s, "PlainTextContent").first { return RefiDocument.text(content) }
            guard let path = RefiDocument.attribute(s, "plainTextPath") else {
                throw InterchangeError.invalid(place: place(s), message: "a text source needs PlainTextContent or plainTextPath")
            }
            guard path.hasPrefix("internal://") else {
                throw InterchangeError.invalid(place: place(s), message: "plainTextPath \(path) lies outside the project file; only internal:// sources can be read")
            }
            let name = String(path.dropFirst("internal://".count))
            guard let data = files["sources/\(name)"] ?? files.first(where: { $0.key.hasSuffix("/\(name)") })?.value else {
                throw InterchangeError.invalid(place: place(s), message: "the project file holds no sources/\(name)")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw InterchangeError.invalid(place: place(s), message: "sources/\(name) is not UTF-8 text (REFI-QDA 1.5 §9.1.2)")
            }
            // A byte-order mark is not part of the text the positions count.
            return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        }

        func textSource(_ s: xmlNodePtr, variableNames: [String: String]) throws -> TextSource {
            let guid = try required(s, "guid")
            let content = try sourceText(s)
            var variables: [String: String] = [:]
            for v in RefiDocument.children(s, "VariableValue") {
                guard let ref = RefiDocument.children(v, "VariableRef").first.flatMap({ RefiDocument.attribute($0, "targetGUID") }),
                      let name = variableNames[ref] else { continue }
                if let value = RefiDocument.children(v).first(where: { RefiDocument.name($0).hasSuffix("Value") }) { variables[name] = RefiDocument.text(value) }
            }
            let length = content.unicodeScalars.count
            var selections: [Selection] = []
            for sel in RefiDocument.children(s, "PlainTextSelection") {
                let start = try integer(sel, "startPosition"), end = try integer(sel, "endPosition")
                guard start < end, end <= length else {
                    throw InterchangeError.invalid(place: place(sel), message: "selection \(start)..<\(end) lies outside its source's \(length) characters")
                }
                let codings = try RefiDocument.children(sel, "Coding").map { c in
                    guard let ref = RefiDocument.children(c, "CodeRef").first else {
                        throw InterchangeError.invalid(place: place(c), message: "a coding without a CodeRef")
                    }
                    return Coding(guid: try required(c, "guid"), code: try required(ref, "targetGUID"), user: RefiDocument.attribute(c, "creatingUser"),
                                  created: RefiDocument.attribute(c, "creationDateTime"),
                                  notes: try RefiDocument.children(c, "NoteRef").map { try required($0, "targetGUID") }, line: Int(xmlGetLineNo(c)))
                }
                selections.append(Selection(guid: try required(sel, "guid"), start: start, end: end, user: RefiDocument.attribute(sel, "creatingUser"),
                                            created: RefiDocument.attribute(sel, "creationDateTime"), description: RefiDocument.children(sel, "Description").first.map(RefiDocument.text),
                                            codings: codings, notes: try RefiDocument.children(sel, "NoteRef").map { try required($0, "targetGUID") },
                                            line: Int(xmlGetLineNo(sel))))
            }
            return TextSource(guid: guid, name: RefiDocument.attribute(s, "name") ?? guid, text: content, variables: variables,
                              selections: selections, line: Int(xmlGetLineNo(s)))
        }
    }
}
