import CLibXML2
import Crypto
import Foundation

/// Bytes fed to libxml2, hashed as they stream past (one pass over the file, flat memory).
final class InputSource {
    let fd: Int32
    var hasher = SHA256()
    var bytesRead = 0
    /// Observes progress (bytes consumed so far); used by tests to prove streaming.
    var onRead: ((Int) -> Void)?

    init(fd: Int32) { self.fd = fd }

    func read(into buffer: UnsafeMutablePointer<CChar>, count: Int) -> Int32 {
        var n: Int
        repeat { n = Foundation.read(fd, buffer, count) } while n < 0 && errno == EINTR
        if n > 0 {
            hasher.update(bufferPointer: UnsafeRawBufferPointer(start: buffer, count: n))
            bytesRead += n
            onRead?(bytesRead)
        }
        return Int32(n)
    }

    /// Reads whatever libxml2 left unread (trailing misc after the root), so the hash covers the file.
    func drain() {
        let size = 64 * 1024
        let buf = UnsafeMutablePointer<CChar>.allocate(capacity: size)
        defer { buf.deallocate() }
        while read(into: buf, count: size) > 0 {}
    }

    func finish() -> String { ContentHash.hex(hasher.finalize()) }
}

/// libxml2 errors and warnings collected through the structured error handler.
final class ErrorSink {
    struct Entry {
        var level: Int32
        var code: Int32
        var message: String
        var line: Int
        var column: Int
        var str1: String?
    }
    var fatal: Entry?
    var firstError: Entry?
    var warnings: [String] = []

    func record(_ e: UnsafeMutablePointer<xmlError>) {
        let err = e.pointee
        let message = err.message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? "unknown error"
        let entry = Entry(level: Int32(err.level.rawValue), code: err.code, message: message, line: Int(err.line),
                          column: Int(err.int2), str1: err.str1.map { String(cString: $0) })
        switch entry.level {
        case 3: if fatal == nil { fatal = entry }
        case 2: if firstError == nil { firstError = entry }
            if warnings.count < 50 { warnings.append("line \(entry.line): \(message)") }
        default: if warnings.count < 50 { warnings.append("line \(entry.line): \(message)") }
        }
    }
}

private let structuredHandler: xmlStructuredErrorFunc = { ctx, error in
    guard let ctx, let error else { return }
    Unmanaged<ErrorSink>.fromOpaque(ctx).takeUnretainedValue().record(error)
}

/// A no-op for libxml2's variadic generic error function (the callee ignores the varargs).
private let silentGeneric: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Void = { _, _ in }

/// One-time global setup: refuse every external load (DTDs, external entities, XInclude),
/// whatever options a caller passes.
let libxmlSetup: Void = {
    xmlInitParser()
    xmlSetExternalEntityLoader { _, _, _ in nil }
}()

/// libxml2's `xmlReaderTypes`, as `XMLStream.nodeType` returns them.
enum NodeType {
    static let element: Int32 = 1
    static let text: Int32 = 3
    static let cdata: Int32 = 4
    static let entityReference: Int32 = 5
    static let processingInstruction: Int32 = 7
    static let whitespace: Int32 = 13
    static let significantWhitespace: Int32 = 14
    static let endElement: Int32 = 15
}

/// Thin wrapper over `xmlTextReader`: streaming, namespace-aware, no tree.
final class XMLStream {
    let path: String
    let reader: xmlTextReaderPtr
    let sink = ErrorSink()
    let input: InputSource
    private var sinkRef: Unmanaged<ErrorSink>
    private var inputRef: Unmanaged<InputSource>
    private(set) var unresolvedEntities: [String] = []

    static let options: Int32 = Int32(XML_PARSE_NONET.rawValue) | Int32(XML_PARSE_NOCDATA.rawValue)
        | Int32(XML_PARSE_NOERROR.rawValue) | Int32(XML_PARSE_NOWARNING.rawValue) | Int32(XML_PARSE_COMPACT.rawValue)
    // Deliberately absent: XML_PARSE_NOENT, XML_PARSE_DTDLOAD, XML_PARSE_DTDATTR, XML_PARSE_XINCLUDE, XML_PARSE_HUGE.

    init(file: URL, path: String) throws {
        _ = libxmlSetup
        self.path = path
        let fd = open(file.path, O_RDONLY)
        if fd < 0 { throw IngestError.unreadable(file: path, reason: String(cString: strerror(errno))) }
        input = InputSource(fd: fd)
        inputRef = Unmanaged.passRetained(input)
        sinkRef = Unmanaged.passRetained(sink)
        let readCB: xmlInputReadCallback = { ctx, buffer, len in
            guard let ctx, let buffer else { return -1 }
            return Unmanaged<InputSource>.fromOpaque(ctx).takeUnretainedValue().read(into: buffer, count: Int(len))
        }
        let closeCB: xmlInputCloseCallback = { _ in 0 }
        XMLStream.silence(sinkRef.toOpaque())
        guard let r = xmlReaderForIO(readCB, closeCB, inputRef.toOpaque(), path, nil, XMLStream.options) else {
            XMLStream.unsilence()
            close(fd)
            inputRef.release()
            sinkRef.release()
            throw IngestError.unreadable(file: path, reason: "libxml2 could not create a reader")
        }
        reader = r
        xmlTextReaderSetStructuredErrorHandler(reader, structuredHandler, sinkRef.toOpaque())
    }

    deinit {
        xmlFreeTextReader(reader)
        XMLStream.unsilence()
        close(input.fd)
        inputRef.release()
        sinkRef.release()
    }

    /// Routes this thread's libxml2 messages to the sink so nothing is printed to stderr.
    static func silence(_ ctx: UnsafeMutableRawPointer) {
        xmlSetStructuredErrorFunc(ctx, structuredHandler)
        xmlSetGenericErrorFunc(nil, unsafeBitCast(silentGeneric, to: xmlGenericErrorFunc.self))
    }

    static func unsilence() {
        xmlSetStructuredErrorFunc(nil, nil)
    }

    /// Advances to the next node. Returns false at the end; throws on a fatal parse error.
    @inline(__always)
    func read() throws -> Bool {
        let r = xmlTextReaderRead(reader)
        if r == 1 { return true }
        if r == 0 { return false }
        throw failure()
    }

    /// Skips the current element's subtree and moves to the node after it.
    @inline(__always)
    func skip() throws -> Bool {
        let r = xmlTextReaderNext(reader)
        if r == 1 { return true }
        if r == 0 { return false }
        throw failure()
    }

    func failure() -> IngestError {
        let e = sink.fatal ?? sink.firstError
        guard let e else {
            return .malformedXML(file: path, line: Int(xmlTextReaderGetParserLineNumber(reader)),
                                 column: Int(xmlTextReaderGetParserColumnNumber(reader)), message: "parse error")
        }
        switch e.code {
        case Int32(XML_ERR_UNSUPPORTED_ENCODING.rawValue):
            let enc = e.str1 ?? e.message.components(separatedBy: " ").last ?? "?"
            return .unknownEncoding(file: path, encoding: enc)
        case Int32(XML_ERR_ENTITY_LOOP.rawValue), Int32(XML_ERR_ENTITY_BOUNDARY.rawValue):
            // libxml2 reports the position inside the entity's replacement text; the parser's position in
            // the file is more useful.
            return .entityExpansion(file: path, line: max(Int(xmlTextReaderGetParserLineNumber(reader)), e.line, 1),
                                    column: max(Int(xmlTextReaderGetParserColumnNumber(reader)), 1))
        default:
            if e.message.localizedCaseInsensitiveContains("encoding") && e.message.localizedCaseInsensitiveContains("unsupported") {
                return .unknownEncoding(file: path, encoding: e.str1 ?? "?")
            }
            return .malformedXML(file: path, line: max(e.line, 1), column: max(e.column, 1), message: e.message)
        }
    }

    func finishHash() -> (sha: String, bytes: Int) {
        input.drain()
        return (input.finish(), input.bytesRead)
    }

    // MARK: node accessors


    @inline(__always) var nodeType: Int32 { xmlTextReaderNodeType(reader) }
    @inline(__always) var localName: UnsafePointer<xmlChar>? { xmlTextReaderConstLocalName(reader) }
    @inline(__always) var namespaceURI: UnsafePointer<xmlChar>? { xmlTextReaderConstNamespaceUri(reader) }
    @inline(__always) var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }
    @inline(__always) var value: UnsafePointer<xmlChar>? { xmlTextReaderConstValue(reader) }
    var line: Int { Int(xmlTextReaderGetParserLineNumber(reader)) }
    var column: Int { Int(xmlTextReaderGetParserColumnNumber(reader)) }

    /// Interns a name in the reader's dictionary: compare names by pointer afterwards.
    func intern(_ s: String) -> UnsafePointer<xmlChar> {
        s.withCString { xmlTextReaderConstString(reader, UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self))! }
    }

    func attribute(_ name: String) -> String? {
        name.withCString { n -> String? in
            guard let v = xmlTextReaderGetAttribute(reader, UnsafeRawPointer(n).assumingMemoryBound(to: xmlChar.self)) else { return nil }
            defer { free(v) }
            return String(cString: UnsafeRawPointer(v).assumingMemoryBound(to: CChar.self))
        }
    }

    func attribute(_ name: String, ns: String) -> String? {
        name.withCString { n in
            ns.withCString { u -> String? in
                guard let v = xmlTextReaderGetAttributeNs(reader, UnsafeRawPointer(n).assumingMemoryBound(to: xmlChar.self),
                                                          UnsafeRawPointer(u).assumingMemoryBound(to: xmlChar.self)) else { return nil }
                defer { free(v) }
                return String(cString: UnsafeRawPointer(v).assumingMemoryBound(to: CChar.self))
            }
        }
    }

    var xmlID: String? { attribute("id", ns: "http://www.w3.org/XML/1998/namespace") }

    /// Records an entity reference that was left unexpanded (libxml2 reports non-predefined
    /// entities as reference nodes because XML_PARSE_NOENT is off).
    func noteEntityReference() {
        if let n = localName, unresolvedEntities.count < 20 {
            let name = String(cString: UnsafeRawPointer(n).assumingMemoryBound(to: CChar.self))
            if !unresolvedEntities.contains(name) { unresolvedEntities.append(name) }
        }
    }

    var warnings: [String] {
        sink.warnings + unresolvedEntities.map { "unresolved entity reference &\($0); left out of the text" }
    }
}

extension UnsafePointer where Pointee == xmlChar {
    var string: String { String(cString: UnsafeRawPointer(self).assumingMemoryBound(to: CChar.self)) }
}

extension Array where Element == UInt8 {
    @inline(__always)
    mutating func appendC(_ p: UnsafePointer<xmlChar>) {
        append(contentsOf: UnsafeBufferPointer(start: p, count: strlen(UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self))))
    }
}
