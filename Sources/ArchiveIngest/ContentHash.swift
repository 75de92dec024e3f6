import Crypto
import Foundation

/// SHA-256 of file contents, as lowercase hex. Used as a file's identity across re-imports.
public enum ContentHash {
    public static func sha256Hex(_ data: some DataProtocol) -> String {
        hex(SHA256.hash(data: data))
    }

    /// SHA-256 of a file's bytes, read in 1 MB chunks so memory does not grow with the file.
    /// Returns the hash and the number of bytes read.
    public static func sha256Hex(fileAt url: URL) throws -> (sha256: String, bytes: Int) {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hasher = SHA256()
        var total = 0
        while true {
            guard let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty else { break }
            hasher.update(data: chunk)
            total += chunk.count
        }
        return (hex(hasher.finalize()), total)
    }

    static func hex(_ digest: SHA256.Digest) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// SHA-256 (lowercase hex) of text fields joined by a separator byte, hashed field by field
/// instead of joined into one string first: the same digest as hashing the joined string.
public struct FieldHasher {
    private var hasher = SHA256()
    private var first = true
    private let separator: UInt8

    public init(separator: UInt8) {
        self.separator = separator
    }

    public mutating func add(_ field: String) {
        if !first { withUnsafeBytes(of: separator) { hasher.update(bufferPointer: $0) } }
        first = false
        var field = field
        field.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
    }

    public func finish() -> String { ContentHash.hex(hasher.finalize()) }
}
