import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A text file written as it is produced, through a 1 MiB buffer.
///
/// A report at 200,000 codings writes evidence and reliability files of some 80 MB each; built as
/// one string and copied into `Data` before writing, each cost two or three times its size in
/// memory. Writers that take any `TextOutputStream` write here instead, and a `String` still
/// collects the same text for tests and for printing.
public final class TextFileStream: TextOutputStream {
    /// Where the text goes, for messages.
    public let path: String
    private let file: UnsafeMutablePointer<FILE>
    private var buffer: [UInt8] = []
    private var failure: Int32?
    private static let capacity = 1 << 20

    /// Creates (or truncates) the file at `url`.
    public init(creating url: URL) throws {
        guard let f = fopen(url.path, "wb") else { throw TextFileError.cannotCreate(url.path, reason: Self.describe(errno)) }
        file = f
        path = url.path
        buffer.reserveCapacity(Self.capacity)
    }

    /// Standard output, for commands that print a long table. What `print` had buffered is
    /// flushed first, so the order of the output is kept.
    public static func standardOutput() throws -> TextFileStream {
        fflush(nil)
        let fd = dup(STDOUT_FILENO)
        guard fd >= 0, let f = fdopen(fd, "w") else { throw TextFileError.cannotWrite("standard output", reason: describe(errno)) }
        return TextFileStream(file: f, path: "standard output")
    }

    private init(file: UnsafeMutablePointer<FILE>, path: String) {
        self.file = file
        self.path = path
        buffer.reserveCapacity(Self.capacity)
    }

    public func write(_ string: String) {
        buffer.append(contentsOf: string.utf8)
        if buffer.count >= Self.capacity { flush() }
    }

    /// Writes what is buffered and closes the file; throws if any write failed (a full disk).
    public func close() throws {
        flush()
        if fflush(file) != 0, failure == nil { failure = errno }
        if fclose(file) != 0, failure == nil { failure = errno }
        if let failure { throw TextFileError.cannotWrite(path, reason: Self.describe(failure)) }
    }

    private func flush() {
        guard !buffer.isEmpty else { return }
        let written = buffer.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
        if written != buffer.count, failure == nil { failure = errno }
        buffer.removeAll(keepingCapacity: true)
    }

    private static func describe(_ code: Int32) -> String { String(cString: strerror(code)) }

    /// Writes one file through a stream, closing it whether or not `body` throws.
    public static func write(to url: URL, _ body: (TextFileStream) throws -> Void) throws {
        let stream = try TextFileStream(creating: url)
        do { try body(stream) } catch { try? stream.close(); throw error }
        try stream.close()
    }
}

/// Why a report file could not be written.
public enum TextFileError: Error, CustomStringConvertible {
    case cannotCreate(String, reason: String)
    case cannotWrite(String, reason: String)

    public var description: String {
        switch self {
        case .cannotCreate(let path, let reason): "cannot create \(path): \(reason)"
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        }
    }
}
