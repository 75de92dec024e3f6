import Foundation
import ProjectStore

/// Draws the coding screen: a pure function from ``CodingScreenState`` and a terminal size to
/// exactly `rows` lines of exactly `columns` columns.
///
/// From top to bottom: the header (progress, case, document title, date, from → to,
/// classification, citation and page), the passage pane (the passage with its spans, its editors'
/// footnotes and the neighbouring passages dimmed, scrollable), the criteria checklist (grouped,
/// as many columns as fit, scrollable when even short labels do not fit), and two status lines.
/// The criteria never take more than about 40% of the rows, so the passage stays readable at 24.
public enum CodingScreenRenderer {
    /// The drawn lines, and how far each pane can scroll (for the screen to clamp its offsets).
    public struct Frame: Sendable {
        public var lines: [StyledLine]
        public var passageScroll: ClosedRange<Int>
        public var criteriaScroll: ClosedRange<Int>
        public var plain: [String] { lines.map(\.plain) }
    }

    static let bar = TextStyle(bold: true, reverse: true)
    static let editorial = TextStyle(italic: true, foreground: .yellow)
    static let coded = TextStyle(underline: true, foreground: .green)
    static let selected = TextStyle(reverse: true, foreground: .yellow)
    static let tagged = TextStyle(bold: true, foreground: .green)
    static let contradicting = TextStyle(bold: true, foreground: .red)

    public static func render(_ state: CodingScreenState, size: TerminalSize) -> Frame {
        let columns = max(size.columns, 20)
        let rows = max(size.rows, 8)
        var top = header(state, columns: columns)
        let status = statusLines(state, columns: columns)
        let available = rows - top.count - status.count
        var middle: [StyledLine]
        var passageRange = 0...0
        var criteriaRange = 0...0
        if let overlay = state.overlay {
            middle = overlayLines(overlay, columns: columns, height: available, scroll: state.passageScroll)
        } else if state.view == nil {
            middle = TextWrapper.wrap("\nEvery unit in your queue is finished (\(state.done) of \(state.total)). Thank you.\n\n"
                                      + "g N goes back to unit N, f lists them, u undoes the last action, q quits.",
                                      width: columns - 2).map { indent($0) }
        } else {
            let criteria = criteriaLines(state, columns: columns, budget: max(3, available * 2 / 5))
            let shown = Array(criteria.lines.dropFirst(min(max(state.criteriaScroll, 0), criteria.scrollMax)).prefix(criteria.height))
            criteriaRange = 0...criteria.scrollMax
            let passageHeight = available - 1 - shown.count
            let passage = passageLines(state, columns: columns, height: passageHeight)
            passageRange = passage.range
            var rule = "── criteria "
            if criteria.scrollMax > 0 { rule += "[ ] scroll \(min(state.criteriaScroll, criteria.scrollMax) + criteria.height)/\(criteria.lines.count) " }
            if passage.total > passageHeight { rule += "── passage \(passage.first + 1)–\(min(passage.first + passageHeight, passage.total))/\(passage.total) PgUp/PgDn " }
            rule += "── ✓ supports ✗ contradicts ◆ span * details "
            let padding = Array(repeating: StyledLine(), count: max(0, passageHeight - passage.lines.count))
            middle = passage.lines + padding + [StyledLine(rule + String(repeating: "─", count: max(0, columns)), .dim)] + shown
        }
        while middle.count < available { middle.append(StyledLine()) }
        top += middle.prefix(available)
        top += status
        let lines = top.prefix(rows).map { $0.fitted(to: columns) }
        return Frame(lines: Array(lines), passageScroll: passageRange, criteriaScroll: criteriaRange)
    }

    // MARK: Header

    static func header(_ state: CodingScreenState, columns: Int) -> [StyledLine] {
        var first = StyledLine()
        let position = state.view.map { "unit \($0.position + 1) of \(state.total)" } ?? "all \(state.total) units"
        first.append(" \(position) · \(state.done) finished", bar)
        if state.view?.isDone == true { first.append(" · THIS UNIT IS FINISHED", TextStyle(bold: true, reverse: true, foreground: .green)) }
        if let view = state.view {
            first.append(" │ \(view.unit.caseId)" + (view.caseLabel.map { ": \($0)" } ?? ""), bar)
        }
        first.append(" │ \(state.roundLabel) ", bar)
        var lines = [first.fitted(to: columns, fill: bar)]
        guard let view = state.view else { return lines }
        let d = view.document
        lines.append(StyledLine(d.title ?? "(untitled document)", .bold))
        var facts = StyledLine()
        func add(_ text: String, _ style: TextStyle = .plain) {
            if facts.width > 0 { facts.append(" · ", .dim) }
            facts.append(text, style)
        }
        add(dateText(d) ?? "no date", d.dateMin == nil ? .dim : .plain)
        if !d.authors.isEmpty || !d.recipients.isEmpty {
            add((d.authors.isEmpty ? "?" : d.authors.joined(separator: ", ")) + " → " + (d.recipients.isEmpty ? "?" : d.recipients.joined(separator: ", ")))
        }
        if let c = d.classification { add(([c] + d.handling).joined(separator: "; "), TextStyle(bold: true, foreground: .red)) }
        if let place = d.place { add(place) }
        var citation = view.citation.frusShort ?? view.citation.chicago
        if view.citation.frusShort != nil, !citation.contains(", p. "), let page = view.citation.page { citation += ", p. \(page)" }
        if facts.width + 3 + DisplayWidth.of(citation) <= columns {
            facts.append(" · ", .dim)
            facts.append(citation, TextStyle(italic: true))
            lines.append(facts)
        } else {
            lines.append(facts)
            lines.append(StyledLine(citation, TextStyle(italic: true)))
        }
        return lines
    }

    static func dateText(_ d: DocumentRecord) -> String? {
        guard let min = d.dateMin else { return d.dateRaw }
        if let max = d.dateMax, d.datePrecision == "range", max.prefix(10) != min.prefix(10) { return "\(min.prefix(10))–\(max.prefix(10))" }
        return String(min.prefix(10))
    }

    // MARK: Passage pane

    struct PassagePane {
        var lines: [StyledLine]
        var range: ClosedRange<Int>
        var first: Int
        var total: Int
    }

    static func passageLines(_ state: CodingScreenState, columns: Int, height: Int) -> PassagePane {
        guard let view = state.view, height > 0 else { return PassagePane(lines: [], range: 0...0, first: 0, total: 0) }
        let width = columns - 2
        var all: [StyledLine] = []
        func block(_ passage: PassageRecord, context: Bool) {
            let label = passage.editorialLabel(in: view.document)
            var style = label == nil ? TextStyle.plain : TextStyle(italic: true)
            if context { style = style.merged(with: .dim) }
            if let label {
                all.append(indent(StyledLine("[\(label) · not archival text]", context ? editorial.merged(with: .dim) : editorial)))
            }
            all += TextWrapper.wrap(passage.text, style: style, width: width).map { indent($0) }
            all.append(StyledLine())
        }
        for passage in view.before { block(passage, context: true) }
        let start = all.count
        let passage = view.passage
        if let label = passage.editorialLabel(in: view.document) {
            all.append(indent(StyledLine(" \(label.uppercased()): written by the editors, not archival text ",
                                         TextStyle(bold: true, reverse: true, foreground: .yellow)), gutter: "▌ "))
        }
        let base = passage.editorialLabel(in: view.document) == nil ? TextStyle.plain : TextStyle(italic: true)
        all += TextWrapper.wrap(cells(passage.text, base: base, codings: view.codings, selection: state.selection), width: width)
            .map { indent($0, gutter: "▌ ") }
        for note in view.footnotes {
            all.append(indent(StyledLine("[editors' footnote\(note.noteNumber.map { " \($0)" } ?? "") · not archival text]", editorial), gutter: "▌ "))
            all += TextWrapper.wrap(note.text, style: TextStyle(italic: true), width: width).map { indent($0, gutter: "▌ ") }
        }
        for note in view.unitNotes {
            all += TextWrapper.wrap("note on this unit: \(note.note)", style: TextStyle(foreground: .magenta), width: width).map { indent($0, gutter: "▌ ") }
        }
        for coding in view.codings where coding.note != nil || !coding.attributes.isEmpty || coding.test != nil
            || coding.direction == .contradicts {
            var parts: [String] = []
            // Counter-evidence is named in words, not only by a mark and a colour.
            if coding.direction == .contradicts {
                parts.append("CONTRADICTS" + (coding.quote.map { " on “\(truncate($0, to: 40))”" } ?? ""))
            }
            if let test = coding.test { parts.append(test.replacingOccurrences(of: "_", with: " ")) }
            parts += coding.attributes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            if let note = coding.note { parts.append("“\(note)”") }
            all += TextWrapper.wrap("\(coding.criterionId): " + parts.joined(separator: ", "), style: TextStyle(foreground: .magenta), width: width)
                .map { indent($0, gutter: "▌ ") }
        }
        all.append(StyledLine())
        for passage in view.after { block(passage, context: true) }
        // By default the passage starts near the top, under one line of what came before it.
        let preferred = max(0, start - 2)
        let maxTop = max(0, all.count - height)
        let lower = -preferred, upper = maxTop - preferred
        let top = min(max(preferred + state.passageScroll, 0), maxTop)
        return PassagePane(lines: Array(all[top..<min(all.count, top + height)]), range: min(lower, 0)...max(upper, 0),
                           first: top, total: all.count)
    }

    /// The passage's characters with spans underlined and the selection in reverse video.
    static func cells(_ text: String, base: TextStyle, codings: [CodingRecord], selection: Range<Int>?) -> [TextWrapper.Cell] {
        let spans = codings.compactMap(\.span)
        var out: [TextWrapper.Cell] = []
        out.reserveCapacity(text.count)
        var offset = 0
        for character in text {
            var style = base
            if !spans.isEmpty, spans.contains(where: { $0.contains(offset) }) { style = style.merged(with: coded) }
            if let selection, selection.contains(offset) { style = style.merged(with: selected) }
            out.append(TextWrapper.Cell(character, style))
            offset += character.unicodeScalars.count
        }
        return out
    }

    static func indent(_ line: StyledLine, gutter: String = "  ") -> StyledLine {
        var out = StyledLine(gutter, gutter == "  " ? .plain : TextStyle(bold: true, foreground: .cyan))
        out.append(line)
        return out
    }

    // MARK: Criteria pane

    struct CriteriaPane {
        var lines: [StyledLine]
        var height: Int
        var scrollMax: Int
    }

    /// The checklist in as many columns as fit, with the longest labels that keep it within
    /// `budget` lines; when even short labels do not fit, it scrolls.
    static func criteriaLines(_ state: CodingScreenState, columns: Int, budget: Int) -> CriteriaPane {
        let tagged = Dictionary(grouping: state.view?.codings ?? [], by: \.criterionId)
        let keyWidth = max(3, state.groups.map { DisplayWidth.of($0.key) }.max() ?? 3) + 1
        func layout(labelWidth: Int) -> [StyledLine] {
            let entryWidth = 2 + 1 + labelWidth + 1 + 1
            let perLine = max(1, (columns - keyWidth) / entryWidth)
            var lines: [StyledLine] = []
            for group in state.groups {
                for (row, chunk) in stride(from: 0, to: group.numbers.count, by: perLine).enumerated() {
                    var line = StyledLine(row == 0 ? group.key.padding(toLength: keyWidth, withPad: " ", startingAt: 0)
                                                   : String(repeating: " ", count: keyWidth), .bold)
                    for number in group.numbers[chunk..<min(chunk + perLine, group.numbers.count)] {
                        let criterion = state.criteria[number - 1]
                        let mine = tagged[criterion.id] ?? []
                        let against = mine.contains { $0.direction == .contradicts }
                        let mark = mine.isEmpty ? " " : against ? "✗" : mine.contains { $0.span != nil } ? "◆" : "✓"
                        let style = mine.isEmpty ? TextStyle.plain : against ? contradicting : tagged_
                        let detail = mine.contains { $0.note != nil || $0.test != nil || !$0.attributes.isEmpty } ? "*" : " "
                        let typing = !state.numberBuffer.isEmpty && String(number).hasPrefix(state.numberBuffer)
                        var numberStyle = TextStyle.bold
                        if typing { numberStyle = numberStyle.merged(with: TextStyle(reverse: true)) }
                        line.append(String(number).leftPadded(to: 2), numberStyle)
                        line.append(mark, style)
                        line.append(truncate(criterion.label, to: labelWidth).padded(to: labelWidth), style)
                        line.append(detail + " ", style)
                    }
                    lines.append(line)
                }
            }
            return lines
        }
        var best: [StyledLine] = []
        for labelWidth in [32, 26, 22, 18, 15, 13, 12, 11, 10] {
            best = layout(labelWidth: labelWidth)
            if best.count <= budget { return CriteriaPane(lines: best, height: best.count, scrollMax: 0) }
        }
        best = layout(labelWidth: 13)
        return CriteriaPane(lines: best, height: budget, scrollMax: max(0, best.count - budget))
    }

    private static let tagged_ = tagged

    static func truncate(_ text: String, to width: Int) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        var out = ""
        var used = 0
        for character in text {
            let w = DisplayWidth.of(character)
            if used + w > width - 1 { break }
            out.append(character)
            used += w
        }
        while out.last == " " { out.removeLast() }
        return out + "…"
    }

    // MARK: Overlay and status

    static func overlayLines(_ overlay: CodingScreenState.Overlay, columns: Int, height: Int, scroll: Int) -> [StyledLine] {
        var lines = [StyledLine(" \(overlay.title) — Esc or q closes, ↑/↓ scroll ", bar).fitted(to: columns, fill: bar)]
        // Lines that fit are kept as written (the help aligns its columns); longer ones are wrapped.
        let body = overlay.text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line in
            DisplayWidth.of(line) <= columns - 4 ? [StyledLine(String(line))] : TextWrapper.wrap(String(line), width: columns - 4)
        }.map { indent(indent($0)) }
        let top = min(max(scroll, 0), max(0, body.count - (height - 1)))
        lines += body.dropFirst(top).prefix(height - 1)
        return lines
    }

    static func statusLines(_ state: CodingScreenState, columns: Int) -> [StyledLine] {
        var message = StyledLine()
        if let prompt = state.prompt {
            message.append(prompt.label + ": ", .bold)
            message.append(prompt.text)
            message.append("█", TextStyle(foreground: .cyan))
        } else if state.against {
            message.append("against: criterion \(state.numberBuffer)", contradicting)
            message.append("█  tags it as contradicting evidence (Enter or Space; - or Esc cancels)", .dim)
        } else if !state.numberBuffer.isEmpty {
            message.append("criterion \(state.numberBuffer)", .bold)
            message.append("█  Enter or Space to toggle it, Esc to cancel", .dim)
        } else {
            let refused = state.message.hasPrefix("not saved") || state.message.hasPrefix("no ") || state.message.contains(" is not ")
            message.append(state.message, refused ? TextStyle(bold: true, foreground: .red) : .plain)
            if let position = state.selectionPosition {
                if message.width > 0 { message.append("  ") }
                message.append("[span \(position.current + 1)/\(position.count): / next, Esc drop]", TextStyle(foreground: .yellow))
            }
            if let note = state.pendingNote {
                if message.width > 0 { message.append("  ") }
                message.append("[note ready: \(truncate(note, to: 30))]", TextStyle(foreground: .magenta))
            }
        }
        let n = state.criteria.count
        let wide = " 1–\(n) tag/untag  -N against  ⏎ finish  0 none  u undo  / span  m note  e details  ?N definition  n/b next/prev  g go  f finished  PgUp/PgDn scroll  ? help  q quit "
        let middle = " 1–\(n) tag  -N against  ⏎ finish  0 none  u undo  / span  m note  e details  n/b move  g f  ? help  q quit "
        let narrow = " N tag -N against ⏎ finish 0 none u undo / span m note e edit n/b ? help q quit "
        let keys = [wide, middle].first { DisplayWidth.of($0) <= columns } ?? narrow
        return [message, StyledLine(keys, bar).fitted(to: columns, fill: bar)]
    }
}

extension String {
    func padded(to width: Int) -> String {
        let w = DisplayWidth.of(self)
        return w >= width ? self : self + String(repeating: " ", count: width - w)
    }

    func leftPadded(to width: Int) -> String {
        let w = DisplayWidth.of(self)
        return w >= width ? self : String(repeating: " ", count: width - w) + self
    }
}
