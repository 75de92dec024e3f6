import Foundation
import Yams

/// How to read "other XML": a small YAML file of XPath-like rules.
///
/// ```yaml
/// # every key is optional
/// document: /export/record   # elements that each make one document (default: the root element)
/// key: "@id"                 # attribute of the document element used as its key (default: doc[N])
/// title: [title, head]       # first match inside the document; "path/@attr" takes an attribute
/// date: date/@when           # ISO 8601 value or a/b interval; printed English dates also work
/// place: place
/// authors: author            # every match
/// recipients: addressee
/// passages: [p, para, item]  # elements whose text becomes passages, in reading order
/// skip: [script, style]      # subtrees ignored
/// ```
///
/// Paths are local names (namespaces ignored) separated by `/`; `*` matches any element.
/// A leading `/` anchors the path at the root element; otherwise the path matches wherever the
/// element's ancestor chain ends with it (as XPath `//`, which is also accepted). A final `@name` step
/// selects an attribute instead of text. A value may be one path or a list of paths.
/// Passages nested in passages split their parent (the parent's text before and after becomes
/// passages of its own). Text outside passage elements is not imported.
public struct XMLMapping: Sendable, Equatable {
    public struct Path: Sendable, Equatable, CustomStringConvertible {
        public var absolute: Bool
        public var steps: [String]
        public var attribute: String?

        public init(_ text: String) throws {
            var t = text.trimmingCharacters(in: .whitespaces)
            absolute = false
            if t.hasPrefix("//") { t.removeFirst(2) } else if t.hasPrefix("/") { absolute = true; t.removeFirst() }
            var parts = t.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            attribute = nil
            if let last = parts.last, last.hasPrefix("@") {
                attribute = String(last.dropFirst())
                parts.removeLast()
                if attribute!.isEmpty { throw MappingProblem("empty attribute name in '\(text)'") }
            }
            for p in parts where p.isEmpty || p.contains("@") || p.contains("[") || p.contains(" ") {
                throw MappingProblem("unsupported path step '\(p)' in '\(text)' (use names, '*', and a final '@attribute')")
            }
            steps = parts
            if steps.isEmpty && attribute == nil { throw MappingProblem("empty path") }
        }

        /// Does the element whose ancestor chain (root first, element last) is `chain` match?
        func matches(_ chain: ArraySlice<String>) -> Bool {
            if steps.isEmpty { return true }
            if absolute && chain.count != steps.count { return false }
            if chain.count < steps.count { return false }
            var i = chain.endIndex - 1
            for s in steps.reversed() {
                if s != "*" && s != chain[i] { return false }
                i -= 1
            }
            return true
        }

        public var description: String {
            (absolute ? "/" : "") + steps.joined(separator: "/") + (attribute.map { (steps.isEmpty ? "@" : "/@") + $0 } ?? "")
        }
    }

    struct MappingProblem: Error { let message: String; init(_ m: String) { message = m } }

    public var document: [Path]
    public var key: Path?
    public var title: [Path]
    public var date: [Path]
    public var place: [Path]
    public var authors: [Path]
    public var recipients: [Path]
    public var passages: [Path]
    public var skip: [Path]

    /// Without a mapping file: the root is the document; title from `title`/`head`/`h1`; paragraph-like
    /// elements are passages; `script` and `style` are skipped.
    public static let `default`: XMLMapping = {
        func paths(_ s: [String]) -> [Path] { s.map { try! Path($0) } }
        return XMLMapping(document: [], key: nil, title: paths(["title", "head", "h1"]), date: paths(["date/@when", "date"]),
                          place: [], authors: [], recipients: [],
                          passages: paths(["p", "para", "simpara", "item", "li", "listitem", "ab", "blockquote", "dd", "dt",
                                           "h1", "h2", "h3", "h4", "h5", "h6", "head", "note", "entry"]),
                          skip: paths(["script", "style"]))
    }()

    public init(document: [Path] = [], key: Path? = nil, title: [Path] = [], date: [Path] = [], place: [Path] = [],
                authors: [Path] = [], recipients: [Path] = [], passages: [Path] = [], skip: [Path] = []) {
        self.document = document
        self.key = key
        self.title = title
        self.date = date
        self.place = place
        self.authors = authors
        self.recipients = recipients
        self.passages = passages
        self.skip = skip
    }

    public static func load(contentsOf url: URL) throws -> XMLMapping {
        let path = url.path
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw IngestError.unreadable(file: path, reason: error.localizedDescription)
        }
        return try parse(text, file: path)
    }

    /// Parses mapping YAML; `file` names the source in errors.
    public static func parse(_ yaml: String, file: String = "<mapping>") throws -> XMLMapping {
        let root: Node?
        do { root = try Yams.compose(yaml: yaml) } catch let e as YamlError {
            throw IngestError.invalidMapping(file: file, line: TextReader.yamlLine(e), message: TextReader.yamlMessage(e))
        } catch {
            throw IngestError.invalidMapping(file: file, line: 1, message: "\(error)")
        }
        var m = XMLMapping.default
        guard let root else { return m }
        guard let map = root.mapping else {
            throw IngestError.invalidMapping(file: file, line: root.mark?.line ?? 1, message: "the mapping must be a YAML mapping of keys")
        }
        for (k, v) in map {
            let line = k.mark?.line ?? 1
            guard let key = k.string else { throw IngestError.invalidMapping(file: file, line: line, message: "keys must be strings") }
            func paths() throws -> [Path] {
                var texts: [String] = []
                if let s = v.scalar?.string { texts = [s] }
                else if let seq = v.sequence {
                    for item in seq {
                        guard let s = item.scalar?.string else {
                            throw IngestError.invalidMapping(file: file, line: item.mark?.line ?? line, message: "'\(key)' entries must be paths")
                        }
                        texts.append(s)
                    }
                } else {
                    throw IngestError.invalidMapping(file: file, line: line, message: "'\(key)' must be a path or a list of paths")
                }
                do { return try texts.filter { !$0.isEmpty }.map(Path.init) } catch let p as MappingProblem {
                    throw IngestError.invalidMapping(file: file, line: v.mark?.line ?? line, message: "'\(key)': \(p.message)")
                }
            }
            switch key {
            case "document": m.document = try paths()
            case "key":
                let p = try paths()
                guard p.count == 1, p[0].attribute != nil else {
                    throw IngestError.invalidMapping(file: file, line: line, message: "'key' must be one attribute path such as '@id'")
                }
                m.key = p[0]
            case "title": m.title = try paths()
            case "date": m.date = try paths()
            case "place": m.place = try paths()
            case "authors", "author": m.authors = try paths()
            case "recipients", "recipient": m.recipients = try paths()
            case "passages": m.passages = try paths()
            case "skip": m.skip = try paths()
            default:
                throw IngestError.invalidMapping(file: file, line: line,
                                                 message: "unknown key '\(key)' (known: document, key, title, date, place, authors, recipients, passages, skip)")
            }
        }
        if m.passages.isEmpty { throw IngestError.invalidMapping(file: file, line: 1, message: "'passages' must not be empty") }
        return m
    }
}
