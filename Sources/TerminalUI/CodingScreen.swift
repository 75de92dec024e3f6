import Codebook
import Foundation
import ProjectStore

/// The full-screen coder: reads keys from a ``Terminal``, applies them to the ``SessionModel``
/// (which saves each action at once), and redraws with ``CodingScreenRenderer``.
public final class CodingScreen {
    enum Prompt {
        case quote
        case note
        case goTo
        case help
        case detailsFor
        case detail(criterion: Int, fields: [SessionModel.DetailField], index: Int, values: [String: String])

        var label: String {
            switch self {
            case .quote: "span: type a few words of the passage (… between start and end words)"
            case .note: "note (for the next tag, or for this unit)"
            case .goTo: "go to unit"
            case .help: "criterion number for its definition (Enter: all keys)"
            case .detailsFor: "details for criterion"
            case .detail(let criterion, let fields, let index, _):
                "\(criterion). \(fields[index].prompt)" + (fields[index].current.map { " [\($0)]" } ?? "")
            }
        }
    }

    enum Mode {
        case normal
        case prompt(Prompt, text: String)
        case confirmNone
        case overlay(CodingScreenState.Overlay)
    }

    public let model: SessionModel
    let groups: [CriteriaGroup]
    var mode: Mode = .normal
    var numberBuffer = ""
    /// `-` was typed: the next criterion number is tagged as contradicting evidence.
    var against = false
    var message = ""
    var passageScroll = 0
    var criteriaScroll = 0
    var overlayScroll = 0
    var lastFrame: CodingScreenRenderer.Frame?
    var shownIndex: Int?
    var lastTagged: Int?
    /// Units finished in this run.
    public private(set) var finished = 0

    public init(model: SessionModel) {
        self.model = model
        self.groups = CriteriaGroup.groups(for: model.codebook, shown: model.criteria)
        self.message = "Round \(model.round.name): \(model.doneCount) of \(model.queue.count) finished. ? for help."
    }

    // MARK: Drawing

    /// The screen's data as it stands.
    public func state() throws -> CodingScreenState {
        let view = try model.view()
        if shownIndex != model.index {
            // A new unit starts at its passage, criteria from the top.
            shownIndex = model.index
            passageScroll = 0
            criteriaScroll = 0
        }
        var state = CodingScreenState(view: view, criteria: model.criteria, groups: groups, total: model.queue.count,
                                      done: model.doneCount,
                                      roundLabel: "\(model.round.name) (\(model.round.purpose.rawValue)\(model.round.blind ? ", blind" : "")) · \(model.coder)")
        state.selection = model.selection?.span
        state.selectionPosition = model.selection.map { ($0.current, $0.matches.count) }
        state.pendingNote = model.pendingNote
        state.numberBuffer = numberBuffer
        state.against = against
        state.message = message
        state.passageScroll = passageScroll
        state.criteriaScroll = criteriaScroll
        switch mode {
        case .prompt(let prompt, let text): state.prompt = (prompt.label, text)
        case .confirmNone:
            let n = view?.codings.count ?? 0
            state.prompt = ("\(n) tag\(n == 1 ? "" : "s") on this unit: clear \(n == 1 ? "it" : "them") and record that none applies? y/n", "")
        case .overlay(let overlay):
            state.overlay = overlay
            state.passageScroll = overlayScroll
        case .normal: break
        }
        return state
    }

    /// Renders the screen for `size`, keeping the scroll offsets within what the content allows.
    public func frame(size: TerminalSize) throws -> CodingScreenRenderer.Frame {
        let frame = CodingScreenRenderer.render(try state(), size: size)
        if case .overlay = mode {} else {
            passageScroll = min(max(passageScroll, frame.passageScroll.lowerBound), frame.passageScroll.upperBound)
            criteriaScroll = min(max(criteriaScroll, frame.criteriaScroll.lowerBound), frame.criteriaScroll.upperBound)
        }
        lastFrame = frame
        return frame
    }

    /// The bytes that draw `frame`: each row addressed, written whole, so nothing stale remains.
    public static func ansi(_ frame: CodingScreenRenderer.Frame) -> String {
        var out = "\u{1B}[?25l"
        for (row, line) in frame.lines.enumerated() { out += "\u{1B}[\(row + 1);1H" + line.ansi }
        return out
    }

    // MARK: Running

    /// Runs until the coder quits or input ends. Returns the units finished.
    @discardableResult
    public func run(on terminal: Terminal) throws -> Int {
        try terminal.enter()
        defer { terminal.leave() }
        var decoder = KeyDecoder()
        var size = terminal.size
        terminal.write("\u{1B}[2J" + Self.ansi(try frame(size: size)))
        while true {
            guard let bytes = terminal.read(timeoutMilliseconds: 50) else { return finished }
            var keys = decoder.feed(bytes)
            if bytes.isEmpty { keys += decoder.flush() }
            var redraw = false
            // SIGWINCH says the size changed; a paused tick also asks, for terminals whose signal was blocked.
            if terminal.takeResize() || (bytes.isEmpty && terminal.size != size) {
                size = terminal.size
                terminal.write("\u{1B}[2J")
                redraw = true
            }
            for key in keys {
                if try !handle(key) { return finished }
                redraw = true
            }
            if redraw { terminal.write(Self.ansi(try frame(size: size))) }
        }
    }

    // MARK: Keys

    /// Applies one key. Returns false when the coder quits.
    public func handle(_ key: Key) throws -> Bool {
        do {
            switch mode {
            case .normal: return try normal(key)
            case .prompt(let prompt, let text): try promptKey(key, prompt: prompt, text: text)
            case .confirmNone:
                mode = .normal
                if key == .character("y") || key == .character("Y") {
                    message = try model.noneApplies()
                    finished += 1
                } else {
                    message = "kept the tags"
                }
            case .overlay:
                switch key {
                case .up: overlayScroll = max(0, overlayScroll - 1)
                case .down: overlayScroll += 1
                case .pageUp: overlayScroll = max(0, overlayScroll - 10)
                case .pageDown, .character(" "): overlayScroll += 10
                default: mode = .normal
                }
            }
        } catch let error as CodingError {
            message = "not saved: " + (error.errorDescription ?? "\(error)")
        }
        return true
    }

    private var pageSize: Int { max(3, (lastFrame?.lines.count ?? 24) / 2) }

    private func normal(_ key: Key) throws -> Bool {
        if case .character(let c) = key, let digit = c.wholeNumberValue, c.isASCII {
            if numberBuffer.isEmpty && digit == 0 {
                if against { against = false; message = "no criterion 0"; return true }
                return try noneApplies()
            }
            numberBuffer.append(c)
            // Toggle at once when no longer number starts with what was typed (4 of 33 criteria).
            if let n = Int(numberBuffer), n * 10 > model.criteria.count { try applyNumber() }
            return true
        }
        switch key {
        case .enter:
            if !numberBuffer.isEmpty { try applyNumber() } else if model.current != nil {
                message = try model.finish()
                finished += 1
            }
        case .character(" "):
            if !numberBuffer.isEmpty { try applyNumber() }
        case .backspace:
            if !numberBuffer.isEmpty { numberBuffer.removeLast() } else { against = false }
        case .character("-"):
            // `-` then a number: evidence that the criterion does not hold; `-` again cancels.
            if numberBuffer.isEmpty { against.toggle() }
        case .escape:
            numberBuffer = ""
            against = false
            model.clearSelection()
            message = ""
        case .character("q"), .control("c"), .control("d"):
            return false
        case .character("u"):
            numberBuffer = ""
            against = false
            message = try model.undo()
        case .character("n"), .character("s"), .right:
            message = try model.next()
        case .character("b"), .left:
            message = try model.back()
        case .character("g"):
            mode = .prompt(.goTo, text: "")
        case .character("f"):
            let done = model.finishedPositions()
            mode = .overlay(.init(title: "Finished units (\(done.count) of \(model.queue.count))",
                                  text: done.isEmpty ? "No unit is finished yet." :
                                    done.map(String.init).joined(separator: ", ") + "\n\nPress g and a number to go to one of them."))
            overlayScroll = 0
        case .character("m"):
            mode = .prompt(.note, text: model.pendingNote ?? "")
        case .character("e"):
            mode = .prompt(.detailsFor, text: lastTagged.map(String.init) ?? "")
        case .character("/"):
            if model.selection != nil { message = model.nextMatch() } else { mode = .prompt(.quote, text: "") }
        case .tab:
            if model.selection != nil { message = model.nextMatch() }
        case .character("?"):
            mode = .prompt(.help, text: "")
        case .pageUp: passageScroll -= pageSize
        case .pageDown: passageScroll += pageSize
        case .up: passageScroll -= 1
        case .down: passageScroll += 1
        case .home: passageScroll = 0
        case .character("["): criteriaScroll -= 1
        case .character("]"): criteriaScroll += 1
        case .control("l"): break
        default:
            message = "? shows the keys"
        }
        return true
    }

    private func noneApplies() throws -> Bool {
        guard model.current != nil else { return true }
        if model.noneAppliesNeedsConfirmation { mode = .confirmNone } else {
            message = try model.noneApplies()
            finished += 1
        }
        return true
    }

    private func applyNumber() throws {
        let direction: EvidenceDirection = against ? .contradicts : .supports
        defer { numberBuffer = ""; against = false }
        guard let n = Int(numberBuffer), model.criteria.indices.contains(n - 1) else {
            message = "no criterion \(numberBuffer): the codebook has 1–\(model.criteria.count)"
            return
        }
        message = try model.toggle(n, direction: direction)
        lastTagged = n
    }

    private func promptKey(_ key: Key, prompt: Prompt, text: String) throws {
        switch key {
        case .escape:
            mode = .normal
            message = "cancelled"
        case .backspace:
            mode = .prompt(prompt, text: String(text.dropLast()))
        case .character(let c):
            mode = .prompt(prompt, text: text + String(c))
        case .enter:
            mode = .normal
            try submit(prompt, text.trimmingCharacters(in: .whitespaces))
        default:
            break
        }
    }

    private func submit(_ prompt: Prompt, _ text: String) throws {
        switch prompt {
        case .quote:
            if text.isEmpty { message = model.selection == nil ? "no span selected" : model.nextMatch() } else {
                message = try model.select(text)
            }
        case .note:
            message = model.setNote(text)
        case .goTo:
            guard let n = Int(text) else { message = "give a unit number"; return }
            message = try model.go(to: n)
        case .help:
            if text.isEmpty {
                mode = .overlay(.init(title: "Keys", text: Self.help(criteria: model.criteria.count)))
            } else if let n = Int(text), model.criteria.indices.contains(n - 1) {
                mode = .overlay(.init(title: "Criterion \(n)", text: Self.describe(model.criteria[n - 1], groups: groups, number: n)))
            } else {
                message = "no criterion \(text): the codebook has 1–\(model.criteria.count)"
            }
            overlayScroll = 0
        case .detailsFor:
            guard let n = Int(text), model.criteria.indices.contains(n - 1) else {
                message = "no criterion \(text): the codebook has 1–\(model.criteria.count)"; return
            }
            let fields = try model.detailFields(for: n)
            mode = .prompt(.detail(criterion: n, fields: fields, index: 0, values: [:]), text: "")
        case .detail(let criterion, let fields, let index, var values):
            if let problem = fields[index].problem(with: text) {
                message = "not saved: " + problem
                mode = .prompt(.detail(criterion: criterion, fields: fields, index: index, values: values), text: text)
                return
            }
            values[fields[index].name] = text
            if index + 1 < fields.count {
                mode = .prompt(.detail(criterion: criterion, fields: fields, index: index + 1, values: values), text: "")
                message = "Enter keeps the value in [ ], - clears it"
            } else {
                message = try model.applyDetails(criterion, values: values)
                lastTagged = criterion
            }
        }
    }

    // MARK: Texts

    static func help(criteria: Int) -> String {
        """
        1–\(criteria)     tag a criterion as supporting evidence, or untag it when it is tagged (untagging is
                  kept in the audit log); two-digit numbers: both digits, or one digit and Enter/Space
        -N        tag N as contradicting evidence (the passage shows the criterion does NOT hold),
                  or turn a supporting tag round (N turns it back; the same key again untags)
        Enter     finish the unit and go to the next unfinished one
        0         none applies: finish the unit (asks first when it has tags, which are then cleared)
        u         undo the last action; again for the one before
        /         span: type a few words of the passage; the matching text is the span of the next tag
                  (/ or Tab again: next match; "start … end" for long spans; Esc drops it)
        m         a note for the next tag, or kept on the unit if you finish without one
        e         details of a tag: direction, evidence test, note and the codebook's attributes (validated)
        ?N        criterion N: definition, include and exclude rules, examples (? then N, Enter)
        n  b      next / previous unit (→ ←); finished units stay finished and can be corrected
        g  f      go to unit N / list finished units
        PgUp PgDn scroll the passage and its neighbours (↑ ↓ by line, Home back); [ ] scroll the criteria
        q         quit; every action is already saved, and the next session resumes where you stopped
        """
    }

    static func describe(_ c: Criterion, groups: [CriteriaGroup], number: Int) -> String {
        var s = "\(c.id): \(c.label)"
        if let group = groups.first(where: { $0.numbers.contains(number) }) { s += "  (\(group.key): \(group.title))" }
        s += "\n\n\(c.definition)"
        if !c.include.isEmpty { s += "\n\nInclude:\n" + c.include.map { "  + \($0)" }.joined(separator: "\n") }
        if !c.exclude.isEmpty { s += "\n\nExclude:\n" + c.exclude.map { "  − \($0)" }.joined(separator: "\n") }
        if !c.positiveExamples.isEmpty { s += "\n\nExamples:\n" + c.positiveExamples.map { "  • \($0)" }.joined(separator: "\n") }
        if !c.negativeExamples.isEmpty { s += "\n\nNot examples:\n" + c.negativeExamples.map { "  • \($0)" }.joined(separator: "\n") }
        if let test = c.test { s += "\n\nEvidence test: \(test.label)" }
        return s
    }
}
