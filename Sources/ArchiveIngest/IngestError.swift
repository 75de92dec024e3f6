import Foundation

/// Why a file could not be read. Every case names the file; `errorDescription` reads
/// `path:line:column: message` where a position is known, otherwise `path: message`.
///
/// A reader calls `emit` only for documents completed *before* the error was found; callers that
/// need all-or-nothing imports (the project store does) wrap a file in a transaction and roll back
/// when `read` throws.
public enum IngestError: Error, LocalizedError, Equatable {
    /// The XML is not well-formed; position and message come from libxml2.
    case malformedXML(file: String, line: Int, column: Int, message: String)
    /// 0 bytes, or whitespace only.
    case emptyFile(file: String)
    /// NUL bytes in the first kilobyte of a file that is not UTF-16/UTF-32.
    case binaryFile(file: String)
    /// The declared (or detected) encoding is not supported.
    case unknownEncoding(file: String, encoding: String)
    /// Entity expansion refused (billion laughs, entity loops, undeclared or non-predefined entities).
    case entityExpansion(file: String, line: Int, column: Int)
    /// The file could not be opened or read.
    case unreadable(file: String, reason: String)
    /// A YAML mapping file for "other XML" is invalid.
    case invalidMapping(file: String, line: Int, message: String)
    /// The YAML front matter of a text file is invalid.
    case invalidFrontMatter(file: String, line: Int, message: String)

    public var file: String {
        switch self {
        case let .malformedXML(file, _, _, _), let .emptyFile(file), let .binaryFile(file),
             let .unknownEncoding(file, _), let .entityExpansion(file, _, _), let .unreadable(file, _),
             let .invalidMapping(file, _, _), let .invalidFrontMatter(file, _, _):
            return file
        }
    }

    public var errorDescription: String? {
        switch self {
        case let .malformedXML(file, line, column, message):
            return "\(file):\(line):\(column): malformed XML: \(message)"
        case let .emptyFile(file):
            return "\(file): empty file (no content to import)"
        case let .binaryFile(file):
            return "\(file): binary file (NUL bytes in the first kilobyte); not XML or text"
        case let .unknownEncoding(file, encoding):
            return "\(file): unsupported character encoding '\(encoding)'"
        case let .entityExpansion(file, line, column):
            return "\(file):\(line):\(column): entity expansion refused (entity declarations other than the predefined ones are not expanded; possible billion-laughs or external-entity attack)"
        case let .unreadable(file, reason):
            return "\(file): cannot read file: \(reason)"
        case let .invalidMapping(file, line, message):
            return "\(file):\(line):1: invalid XML mapping: \(message)"
        case let .invalidFrontMatter(file, line, message):
            return "\(file):\(line):1: invalid front matter: \(message)"
        }
    }
}
