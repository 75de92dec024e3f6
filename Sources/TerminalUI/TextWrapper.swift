/// Wraps styled text on word boundaries to a number of columns, measuring each character's
/// display width (wide characters take two columns, combining accents none). A word longer than
/// the line is the only thing ever broken inside.
public enum TextWrapper {
    /// One character with the style it is drawn in.
    public struct Cell: Sendable {
        public var character: Character
        public var style: TextStyle
        public init(_ character: Character, _ style: TextStyle) {
            self.character = character
            self.style = style
        }
    }

    public static func wrap(_ text: String, style: TextStyle = .plain, width: Int) -> [StyledLine] {
        wrap(text.map { Cell($0, style) }, width: width)
    }

    /// Lines of at most `width` columns. Runs of spaces between words become one break or one
    /// space; `\n` always breaks.
    public static func wrap(_ cells: [Cell], width: Int) -> [StyledLine] {
        let width = max(width, 1)
        var lines: [StyledLine] = []
        var line = StyledLine()
        var used = 0
        var word: [Cell] = []
        var wordWidth = 0
        var space: Cell?

        func flushLine() {
            lines.append(line)
            line = StyledLine()
            used = 0
        }
        func place(_ cells: [Cell]) {
            var piece = ""
            var style: TextStyle?
            for cell in cells {
                if let s = style, s != cell.style { line.append(piece, s); piece = "" }
                style = cell.style
                piece.append(cell.character)
            }
            if let style { line.append(piece, style) }
        }
        func flushWord() {
            guard !word.isEmpty else { return }
            if used > 0 && used + 1 + wordWidth <= width {
                place([space ?? Cell(" ", .plain)])
                used += 1
            } else if used > 0 {
                flushLine()
            }
            if wordWidth <= width - used {
                place(word)
                used += wordWidth
            } else {
                // Only a word wider than the whole line is cut, at the column where it must be.
                for cell in word {
                    let w = DisplayWidth.of(cell.character)
                    if used + w > width { flushLine() }
                    place([cell])
                    used += w
                }
            }
            word = []
            wordWidth = 0
        }

        for cell in cells {
            if cell.character == "\n" {
                flushWord()
                flushLine()
                space = nil
            } else if cell.character == " " || cell.character == "\t" {
                flushWord()
                space = Cell(" ", cell.style)
            } else {
                word.append(cell)
                wordWidth += DisplayWidth.of(cell.character)
            }
        }
        flushWord()
        if used > 0 || lines.isEmpty { lines.append(line) }
        return lines
    }
}
