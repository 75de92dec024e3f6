import Foundation

/// What reading one file produced, besides its documents.
public struct FileReadSummary: Sendable {
    public var format: SourceFormat
    /// SHA-256 of the file's bytes, lowercase hex.
    public var sha256: String
    public var byteCount: Int
    public var documentCount: Int
    public var passageCount: Int
    /// FRUS volume id (`idno[@type='frus']`), EAD `eadid`/`recordid`.
    public var volumeId: String?
    public var volumeTitle: String?
    /// FRUS persons and terms lists.
    public var glossary: [GlossaryEntry]
    /// Non-fatal problems: libxml2 warnings and recoverable errors, unresolved entity references,
    /// text decoded as ISO-8859-1, content ignored by a reader.
    public var warnings: [String]

    public init(format: SourceFormat, sha256: String, byteCount: Int, documentCount: Int, passageCount: Int,
                volumeId: String? = nil, volumeTitle: String? = nil, glossary: [GlossaryEntry] = [],
                warnings: [String] = []) {
        self.format = format
        self.sha256 = sha256
        self.byteCount = byteCount
        self.documentCount = documentCount
        self.passageCount = passageCount
        self.volumeId = volumeId
        self.volumeTitle = volumeTitle
        self.glossary = glossary
        self.warnings = warnings
    }
}

/// Reads archive files (TEI/FRUS, EAD 2002/EAD3, other XML, plain text) into documents, streaming.
///
/// XML is read with libxml2's `xmlTextReader` straight from the file descriptor, hashing the bytes
/// as they pass; no tree is built, and each document is handed to `emit` as soon as its closing tag
/// is read, so memory stays flat however large the file.
///
/// Security: no network (`XML_PARSE_NONET`), no entity substitution (no `XML_PARSE_NOENT`), no DTD
/// loading, no XInclude, and a process-wide external entity loader that refuses every load. Entity
/// references other than the predefined ones are left out of the text (and reported in `warnings`);
/// entity loops and amplification (billion laughs) fail with `IngestError.entityExpansion`.
///
/// Errors: `read` throws `IngestError`. `emit` has then been called only for the documents completed
/// before the error; callers that need all-or-nothing semantics must roll those back. An error thrown
/// by `emit` stops the read and is rethrown as is.
public struct ArchiveReader {
    public var mapping: XMLMapping?

    public init(mapping: XMLMapping? = nil) {
        self.mapping = mapping
    }

    /// Detects the format from content (unless forced), reads the file streaming, and calls `emit` for each
    /// document as soon as it is complete, so memory stays flat. Throws IngestError on bad input.
    public func read(file: URL, format: SourceFormat? = nil, emit: (ParsedDocument) throws -> Void) throws -> FileReadSummary {
        try read(file: file, format: format, progress: nil, emit: emit)
    }

    /// `progress` observes the number of bytes consumed so far (for tests of streaming behaviour).
    func read(file: URL, format: SourceFormat?, progress: ((Int) -> Void)?,
              emit: (ParsedDocument) throws -> Void) throws -> FileReadSummary {
        let path = file.path
        let sniff = try ByteSniff(file: file, path: path)
        let fmt = try format ?? FormatDetector.detect(sniff: sniff, file: file, path: path)
        if fmt == .text {
            return try TextReader.read(file: file, path: path, sniff: sniff, emit: emit)
        }
        let stream = try XMLStream(file: file, path: path)
        stream.input.onRead = progress
        return try withoutActuallyEscaping(emit) { emit in
            switch fmt {
            case .frus, .tei:
                let reader = TEIReader(stream: stream, emit: emit)
                try reader.run()
                let (sha, bytes) = stream.finishHash()
                return FileReadSummary(format: reader.sawFRUS ? .frus : .tei, sha256: sha, byteCount: bytes,
                                       documentCount: reader.documentCount, passageCount: reader.passageCount,
                                       volumeId: reader.volumeID, volumeTitle: reader.volumeTitle,
                                       glossary: reader.glossary, warnings: stream.warnings)
            case .ead2002, .ead3:
                let reader = EADReader(stream: stream, dialect: fmt, emit: emit)
                try reader.run()
                let (sha, bytes) = stream.finishHash()
                return FileReadSummary(format: reader.dialect, sha256: sha, byteCount: bytes,
                                       documentCount: reader.documentCount, passageCount: reader.passageCount,
                                       volumeId: reader.volumeID, volumeTitle: reader.volumeTitle,
                                       warnings: stream.warnings + reader.warnings)
            case .xml, .text:
                let reader = GenericXMLReader(stream: stream, mapping: mapping ?? .default, emit: emit)
                try reader.run()
                let (sha, bytes) = stream.finishHash()
                return FileReadSummary(format: .xml, sha256: sha, byteCount: bytes,
                                       documentCount: reader.documentCount, passageCount: reader.passageCount,
                                       warnings: stream.warnings)
            }
        }
    }
}

/// The first bytes of a file: emptiness, binary content, byte-order mark.
struct ByteSniff {
    enum Encoding { case utf8, utf16LE, utf16BE, utf32, unknown }
    let head: [UInt8]
    let encoding: Encoding
    let bomLength: Int
    let fileSize: Int

    init(file: URL, path: String) throws {
        let fd = open(file.path, O_RDONLY)
        if fd < 0 { throw IngestError.unreadable(file: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) != 0 { throw IngestError.unreadable(file: path, reason: String(cString: strerror(errno))) }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw IngestError.unreadable(file: path, reason: "is a directory") }
        fileSize = Int(st.st_size)
        var buf = [UInt8](repeating: 0, count: 4096)
        let n = buf.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, 4096) }
        if n < 0 { throw IngestError.unreadable(file: path, reason: String(cString: strerror(errno))) }
        head = Array(buf[0..<n])
        if n == 0 { throw IngestError.emptyFile(file: path) }
        let b = head
        if b.count >= 4, (b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF) || (b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0) {
            encoding = .utf32; bomLength = 4
        } else if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF {
            encoding = .utf8; bomLength = 3
        } else if b.count >= 2, b[0] == 0xFF, b[1] == 0xFE {
            encoding = .utf16LE; bomLength = 2
        } else if b.count >= 2, b[0] == 0xFE, b[1] == 0xFF {
            encoding = .utf16BE; bomLength = 2
        } else if b.count >= 4, b[0] == 0x3C, b[1] == 0, b[2] == 0x3F, b[3] == 0 {
            encoding = .utf16LE; bomLength = 0
        } else if b.count >= 4, b[0] == 0, b[1] == 0x3C, b[2] == 0, b[3] == 0x3F {
            encoding = .utf16BE; bomLength = 0
        } else {
            encoding = .utf8; bomLength = 0
        }
        if encoding == .utf8, head.prefix(1024).contains(0) { throw IngestError.binaryFile(file: path) }
        // Whitespace only?
        if firstSignificantByte == nil {
            var rest = [UInt8](repeating: 0, count: 65536)
            while true {
                let m = rest.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, 65536) }
                if m <= 0 { throw IngestError.emptyFile(file: path) }
                if !TextFold.isBlank(Array(rest[0..<m])) { break }
            }
        }
    }

    /// The first non-whitespace character (ASCII view; UTF-16 code units narrowed).
    var firstSignificantByte: UInt8? {
        var units: [UInt8] = []
        switch encoding {
        case .utf16LE: units = stride(from: bomLength, to: head.count - 1, by: 2).compactMap { head[$0 + 1] == 0 ? head[$0] : 0xFF }
        case .utf16BE: units = stride(from: bomLength, to: head.count - 1, by: 2).compactMap { head[$0] == 0 ? head[$0 + 1] : 0xFF }
        case .utf32: return 0x3C
        default: units = Array(head[bomLength...])
        }
        var i = 0
        while i < units.count {
            let w = units.withUnsafeBufferPointer { TextFold.whitespaceLength($0, i) }
            if w == 0 { return units[i] }
            i += w
        }
        return nil
    }
}

/// Detects a file's format from its content.
///
/// - extension `.txt`, `.text` or `.md` → `text`;
/// - not starting with `<` (after a BOM and whitespace) → `text` (unless the extension is `.xml`,
///   `.tei` or `.ead`, in which case the XML parser reports what is wrong);
/// - root `TEI`, `TEI.2`, `teiCorpus` or any root in the TEI namespace → `frus` when the header has
///   `idno[@type='frus']`, else `tei`;
/// - root `ead` → the dialect from the element set: `eadheader` → `ead2002`, `control` → `ead3`
///   (the namespace alone is not trusted: EAD 2002 elements occur in the EAD3 namespace);
/// - anything else → `xml`.
public enum FormatDetector {
    public static func detect(file: URL) throws -> SourceFormat {
        let path = file.path
        return try detect(sniff: ByteSniff(file: file, path: path), file: file, path: path)
    }

    static func detect(sniff: ByteSniff, file: URL, path: String) throws -> SourceFormat {
        let ext = file.pathExtension.lowercased()
        if ["txt", "text", "md"].contains(ext) { return .text }
        if sniff.firstSignificantByte != 0x3C, !["xml", "tei", "ead"].contains(ext) { return .text }
        let stream = try XMLStream(file: file, path: path)
        let teiNS = "http://www.tei-c.org/ns/1.0"
        var depth = 0
        var rootName = ""
        var inHeader = false
        var isTEI = false
        var isEAD = false
        var rootNS: String?
        while try stream.read() {
            let type = stream.nodeType
            if type == NodeType.endElement { depth -= 1; if inHeader, depth == 1 { return .tei } ; continue }
            guard type == NodeType.element, let n = stream.localName?.string else { continue }
            let ns = stream.namespaceURI?.string
            if depth == 0 {
                rootName = n
                rootNS = ns
                if ["TEI", "TEI.2", "teiCorpus", "teiCorpus.2"].contains(n) || ns == teiNS { isTEI = true }
                else if n == "ead" { isEAD = true }
                else { return .xml }
            } else if isEAD {
                if n == "eadheader" { return .ead2002 }
                if n == "control" { return .ead3 }
                return rootNS == "http://ead3.archivists.org/schema/" ? .ead3 : .ead2002
            } else if isTEI {
                if n == "teiHeader" { inHeader = true }
                if n == "text" || n == "body" { return .tei }
                if n == "idno", stream.attribute("type") == "frus" { return .frus }
            }
            if !stream.isEmptyElement { depth += 1 }
        }
        _ = rootName
        if isEAD { return rootNS == "http://ead3.archivists.org/schema/" ? .ead3 : .ead2002 }
        return isTEI ? .tei : .xml
    }
}
