/// Whitespace folding on UTF-8 bytes, the hot path of every reader.
enum TextFold {
    /// Folds runs of whitespace (ASCII whitespace and the Unicode White_Space characters such as
    /// U+00A0, U+2003, U+2007, U+3000) to one space and trims both ends.
    /// Returns the folded text and its length in Unicode scalars.
    static func fold(_ bytes: [UInt8]) -> (text: String, scalars: Int) {
        bytes.withUnsafeBufferPointer { fold($0) }
    }

    static func fold(_ src: UnsafeBufferPointer<UInt8>) -> (text: String, scalars: Int) {
        var out = [UInt8]()
        out.reserveCapacity(src.count)
        var scalars = 0
        var pendingSpace = false
        var i = 0
        let n = src.count
        while i < n {
            let w = whitespaceLength(src, i)
            if w > 0 {
                pendingSpace = true
                i += w
                continue
            }
            if pendingSpace {
                if !out.isEmpty {
                    out.append(0x20)
                    scalars += 1
                }
                pendingSpace = false
            }
            let b = src[i]
            out.append(b)
            if b & 0xC0 != 0x80 { scalars += 1 }
            i += 1
        }
        return (String(decoding: out, as: UTF8.self), scalars)
    }

    static func fold(_ s: String) -> String {
        var s = s
        return s.withUTF8 { fold($0).text }
    }

    /// Length in bytes of the whitespace character at `i`, or 0.
    @inline(__always)
    static func whitespaceLength(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let b = p[i]
        switch b {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C:
            return 1
        case 0xC2:
            if i + 1 < p.count, p[i + 1] == 0x85 || p[i + 1] == 0xA0 { return 2 }
            return 0
        case 0xE1:
            if i + 2 < p.count, p[i + 1] == 0x9A, p[i + 2] == 0x80 { return 3 }
            return 0
        case 0xE2:
            guard i + 2 < p.count else { return 0 }
            let b1 = p[i + 1], b2 = p[i + 2]
            if b1 == 0x80, (b2 >= 0x80 && b2 <= 0x8A) || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF { return 3 }
            if b1 == 0x81, b2 == 0x9F { return 3 }
            return 0
        case 0xE3:
            if i + 2 < p.count, p[i + 1] == 0x80, p[i + 2] == 0x80 { return 3 }
            return 0
        default:
            return 0
        }
    }

    /// True when the bytes from `start` on are all whitespace.
    static func isBlank(_ bytes: [UInt8], from start: Int = 0) -> Bool {
        bytes.withUnsafeBufferPointer { p in
            var i = start
            while i < p.count {
                let w = whitespaceLength(p, i)
                if w == 0 { return false }
                i += w
            }
            return true
        }
    }

    /// Trims whitespace at both ends, keeping inner whitespace (for `rawText`).
    static func trimmed(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { p -> String in
            var lo = 0
            while lo < p.count {
                let w = whitespaceLength(p, lo)
                if w == 0 { break }
                lo += w
            }
            // Find the end of the last non-whitespace character.
            var hi = lo
            var i = lo
            while i < p.count {
                let w = whitespaceLength(p, i)
                if w > 0 { i += w } else {
                    i += 1
                    while i < p.count, p[i] & 0xC0 == 0x80 { i += 1 }
                    hi = i
                }
            }
            return String(decoding: UnsafeBufferPointer(rebasing: p[lo..<hi]), as: UTF8.self)
        }
    }
}
