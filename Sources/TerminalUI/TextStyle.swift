/// How a run of text looks: the few SGR attributes the coding screen uses.
public struct TextStyle: Hashable, Sendable {
    /// The eight standard terminal colours, which every terminal and theme maps to something legible.
    public enum Color: Int, Sendable {
        case black = 0, red, green, yellow, blue, magenta, cyan, white
    }

    public var bold = false
    public var dim = false
    public var italic = false
    public var underline = false
    public var reverse = false
    public var foreground: Color?
    public var background: Color?

    public init(bold: Bool = false, dim: Bool = false, italic: Bool = false, underline: Bool = false,
                reverse: Bool = false, foreground: Color? = nil, background: Color? = nil) {
        self.bold = bold
        self.dim = dim
        self.italic = italic
        self.underline = underline
        self.reverse = reverse
        self.foreground = foreground
        self.background = background
    }

    public static let plain = TextStyle()
    public static let bold = TextStyle(bold: true)
    public static let dim = TextStyle(dim: true)
    public static let reverse = TextStyle(reverse: true)

    /// The SGR sequence that sets exactly this style from the default.
    public var sgr: String {
        var codes = ["0"]
        if bold { codes.append("1") }
        if dim { codes.append("2") }
        if italic { codes.append("3") }
        if underline { codes.append("4") }
        if reverse { codes.append("7") }
        if let foreground { codes.append("\(30 + foreground.rawValue)") }
        if let background { codes.append("\(40 + background.rawValue)") }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }

    /// This style with another laid over it (attributes add up; colours of `other` win).
    public func merged(with other: TextStyle) -> TextStyle {
        TextStyle(bold: bold || other.bold, dim: dim || other.dim, italic: italic || other.italic,
                  underline: underline || other.underline, reverse: reverse || other.reverse,
                  foreground: other.foreground ?? foreground, background: other.background ?? background)
    }
}
