/// Turns terminal input bytes into keys: UTF-8 text, control keys, and the CSI / SS3 escape
/// sequences xterm-compatible terminals send for arrows, Page Up/Down, Home and End.
///
/// Bytes may arrive split across reads; an incomplete sequence waits for the next `feed`. A lone
/// ESC is a key of its own once ``flush()`` says no more bytes followed it.
public struct KeyDecoder: Sendable {
    private var pending: [UInt8] = []

    public init() {}

    /// Adds bytes and returns the keys they complete.
    public mutating func feed(_ bytes: [UInt8]) -> [Key] {
        pending += bytes
        var keys: [Key] = []
        while let (key, used) = Self.decode(pending) {
            pending.removeFirst(used)
            if let key { keys.append(key) }
        }
        return keys
    }

    /// Called when input paused: whatever is pending (a lone ESC, say) is taken as typed.
    public mutating func flush() -> [Key] {
        var keys: [Key] = []
        if pending.first == 0x1B {
            keys.append(.escape)
            pending.removeFirst()
            keys += feed([])
        }
        pending.removeAll()
        return keys
    }

    /// The first key in `bytes` and how many bytes it used; nil when more bytes are needed.
    /// A nil key with a count skips bytes that mean nothing here.
    static func decode(_ b: [UInt8]) -> (Key?, Int)? {
        guard let first = b.first else { return nil }
        switch first {
        case 0x0D, 0x0A: return (.enter, 1)
        case 0x09: return (.tab, 1)
        case 0x7F, 0x08: return (.backspace, 1)
        case 0x1B:
            guard b.count >= 2 else { return nil }
            if b[1] == UInt8(ascii: "[") || b[1] == UInt8(ascii: "O") {
                // CSI/SS3: parameters (digits, ';') then a final byte in 0x40...0x7E.
                var i = 2
                while i < b.count, (0x30...0x3F).contains(b[i]) { i += 1 }
                guard i < b.count else { return nil }
                let params = String(decoding: b[2..<i], as: UTF8.self)
                let key: Key?
                switch (b[i], params.split(separator: ";").first.map(String.init) ?? "") {
                case (UInt8(ascii: "A"), _): key = .up
                case (UInt8(ascii: "B"), _): key = .down
                case (UInt8(ascii: "C"), _): key = .right
                case (UInt8(ascii: "D"), _): key = .left
                case (UInt8(ascii: "H"), _): key = .home
                case (UInt8(ascii: "F"), _): key = .end
                case (UInt8(ascii: "~"), "1"), (UInt8(ascii: "~"), "7"): key = .home
                case (UInt8(ascii: "~"), "4"), (UInt8(ascii: "~"), "8"): key = .end
                case (UInt8(ascii: "~"), "3"): key = .delete
                case (UInt8(ascii: "~"), "5"): key = .pageUp
                case (UInt8(ascii: "~"), "6"): key = .pageDown
                default: key = nil
                }
                return (key, i + 1)
            }
            // ESC followed by something else: the ESC is a key, the rest decodes on its own.
            return (.escape, 1)
        case 0x01...0x1A:
            return (.control(Character(Unicode.Scalar(first + 0x60))), 1)
        case 0x00, 0x1C...0x1F:
            return (nil, 1)
        default:
            // UTF-8: the lead byte says how many bytes the character takes.
            let length = first < 0x80 ? 1 : first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1
            guard b.count >= length else { return nil }
            let text = String(decoding: b[0..<length], as: UTF8.self)
            return (text.first.map(Key.character), length)
        }
    }
}
