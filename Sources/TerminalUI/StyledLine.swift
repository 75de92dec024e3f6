/// One screen line: runs of text, each with its style.
public struct StyledLine: Equatable, Sendable {
    public struct Run: Equatable, Sendable {
        public var text: String
        public var style: TextStyle
    }

    public var runs: [Run] = []

    public init() {}

    public init(_ text: String, _ style: TextStyle = .plain) {
        if !text.isEmpty { runs = [Run(text: text, style: style)] }
    }

    /// The text without styles, as a test or a text capture reads it.
    public var plain: String { runs.map(\.text).joined() }

    /// Columns taken on a terminal.
    public var width: Int { runs.reduce(0) { $0 + DisplayWidth.of($1.text) } }

    public mutating func append(_ text: String, _ style: TextStyle = .plain) {
        guard !text.isEmpty else { return }
        if let last = runs.last, last.style == style {
            runs[runs.count - 1].text += text
        } else {
            runs.append(Run(text: text, style: style))
        }
    }

    public mutating func append(_ line: StyledLine) {
        for run in line.runs { append(run.text, run.style) }
    }

    /// Cut to at most `columns` columns (ending in `…` when something was cut), then padded with
    /// spaces in `fill` style to exactly `columns`, so every line overwrites the whole row.
    public func fitted(to columns: Int, fill: TextStyle? = nil) -> StyledLine {
        var out = StyledLine()
        var used = 0
        let total = width
        outer: for run in runs {
            var piece = ""
            for character in run.text {
                let w = DisplayWidth.of(character)
                if total > columns && used + w > columns - 1 {
                    out.append(piece, run.style)
                    if used < columns { out.append("…", run.style); used += 1 }
                    piece = ""
                    break outer
                }
                piece.append(character)
                used += w
            }
            out.append(piece, run.style)
        }
        if used < columns { out.append(String(repeating: " ", count: columns - used), fill ?? .plain) }
        return out
    }

    /// The line as bytes for a terminal: SGR per run, reset at the end.
    public var ansi: String {
        var s = ""
        for run in runs { s += run.style.sgr + run.text }
        return s + "\u{1B}[0m"
    }
}
