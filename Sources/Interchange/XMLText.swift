import Foundation

/// Writes XML text by hand, escaped, in a fixed order, so the same data always gives the same bytes.
struct XMLText {
    private(set) var text = "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>\n"
    private var open: [String] = []

    /// Escapes for an attribute value or element content. Characters XML 1.0 cannot carry at all
    /// (C0 controls other than tab, LF, CR) are dropped; CR and LF in attributes become references
    /// so a parser does not normalise them away.
    static func escape(_ s: String, attribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "\r": out += "&#13;"
            case "\n" where attribute: out += "&#10;"
            case "\t" where attribute: out += "&#9;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private func tag(_ name: String, _ attributes: [(String, String?)]) -> String {
        var t = "<" + name
        for (key, value) in attributes {
            if let value { t += " \(key)=\"\(Self.escape(value, attribute: true))\"" }
        }
        return t
    }

    private var indent: String { String(repeating: "  ", count: open.count) }

    /// Opens an element with children; attributes with a nil value are left out.
    mutating func start(_ name: String, _ attributes: [(String, String?)] = []) {
        text += indent + tag(name, attributes) + ">\n"
        open.append(name)
    }

    mutating func end() {
        let name = open.removeLast()
        text += indent + "</\(name)>\n"
    }

    /// An element without children.
    mutating func empty(_ name: String, _ attributes: [(String, String?)] = []) {
        text += indent + tag(name, attributes) + "/>\n"
    }

    /// An element holding text only.
    mutating func leaf(_ name: String, _ content: String, _ attributes: [(String, String?)] = []) {
        text += indent + tag(name, attributes) + ">" + Self.escape(content, attribute: false) + "</\(name)>\n"
    }
}
