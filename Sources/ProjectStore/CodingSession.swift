import Codebook
import Foundation
import GRDB

/// The interactive coding queue behind `dossier code session`, written against plain input and
/// output functions so it runs the same on a terminal, from a pipe, and in tests.
///
/// Each tag is saved the moment it is entered and a unit is marked done when the coder moves on,
/// so a crash or Ctrl-C loses at most the unit being edited; the next session resumes at the first
/// unit not yet done.
public struct CodingSession {
    public let store: CodingStore
    public let coder: String
    public let round: String

    public init(store: CodingStore, coder: String, round: String) {
        self.store = store
        self.coder = coder
        self.round = round
    }

    static let help = """
        Criterion numbers (e.g. `1 4`) tag them, or untag them when already tagged; `-4` tags 4 as evidence
        that the criterion does NOT hold (contradicts), or turns a supporting tag round. An empty line (Enter)
        finishes the unit; `0` finishes it with none applying (asks first when it has tags).
        `u` undoes the last action, again and again. `/words` selects the passage text matching a few of
        its words as the span for the next tag (`/` alone: next match; `start … end` for long spans).
        `m TEXT` keeps a note for the next tag (or for the unit). `e N` sets criterion N's evidence test,
        direction, note and attributes. `?N` shows criterion N's definition, rules and examples.
        `n` next unit, `b` previous unit, `g N` go to unit N, `f` lists finished units, `q` quits (you resume
        at the first unfinished unit). Finished units are not shown again unless you go to them.
        """

    /// Runs the queue until it is finished, the coder quits, or input ends. Returns units finished.
    @discardableResult
    public func run(input: () -> String?, output: (String) -> Void) throws -> Int {
        let model = try SessionModel(store: store, coder: coder, round: round)
        guard !model.queue.isEmpty else {
            output("No units are assigned to \(coder) in round \(round). Ask for an assignment (`dossier assign`).")
            return 0
        }
        let codebook = model.codebook
        output("Round \(round) (\(model.round.purpose.rawValue)\(model.round.blind ? ", blind" : "")), codebook \(codebook.id) \(codebook.version). Type `h` for help.")
        var finished = 0
        var shown: Int?
        func ask(_ prompt: String) -> String? {
            output(prompt)
            return input()?.trimmingCharacters(in: .whitespaces)
        }
        while true {
            guard let view = try model.view() else {
                output("All \(model.queue.count) units are done. Thank you.")
                return finished
            }
            if shown != model.index {
                output(render(view, model: model))
                shown = model.index
            }
            guard let line = ask("> ") else {
                output("\nInput ended; progress is saved. \(finished) unit(s) finished in this session.")
                return finished
            }
            do {
                switch line.lowercased() {
                case "q":
                    output("Saved. \(model.doneCount)/\(model.queue.count) done; run the session again to resume.")
                    return finished
                case "h", "help", "?":
                    output(Self.help)
                case "":
                    output(try model.finish())
                    finished += 1
                case "0", "-":
                    if model.noneAppliesNeedsConfirmation {
                        let tags = try model.myCodings().count
                        guard ask("This unit has \(tags) tag(s). Clear them and record that none applies? (y/N): ")?.lowercased() == "y" else {
                            output("Kept the tags.")
                            continue
                        }
                    }
                    output(try model.noneApplies())
                    finished += 1
                case "u":
                    output(try model.undo())
                    shown = nil
                case "n", "s":
                    output(try model.next())
                case "b":
                    output(try model.back())
                case "f":
                    let done = model.finishedPositions()
                    output(done.isEmpty ? "No unit is finished yet." : "Finished units: " + done.map(String.init).joined(separator: ", ") + " (g N to go to one).")
                case let l where l.hasPrefix("g"):
                    guard let n = Int(l.dropFirst().trimmingCharacters(in: .whitespaces)) else { output("Give a unit number after g, e.g. g 3."); continue }
                    output(try model.go(to: n))
                    shown = nil
                case let l where l.hasPrefix("m"):
                    let text = line.dropFirst().trimmingCharacters(in: .whitespaces)
                    output(model.setNote(text.isEmpty ? (ask("note: ") ?? "") : text))
                case let l where l.hasPrefix("e"):
                    guard let n = Int(l.dropFirst().trimmingCharacters(in: .whitespaces)) else { output("Give a criterion number after e, e.g. e 3."); continue }
                    var values: [String: String] = [:]
                    for field in try model.detailFields(for: n) {
                        while true {
                            guard let answer = ask("\(field.prompt)\(field.current.map { " [\($0)]" } ?? ""): ") else { return finished }
                            if let problem = field.problem(with: answer) { output(problem); continue }
                            values[field.name] = answer
                            break
                        }
                    }
                    output(try model.applyDetails(n, values: values))
                case let l where l.hasPrefix("/"):
                    let query = line.dropFirst().trimmingCharacters(in: .whitespaces)
                    output(query.isEmpty ? model.nextMatch() : try model.select(query))
                    if let selection = model.selection {
                        let scalars = Array(view.passage.text.unicodeScalars)[selection.span]
                        output("  “\(String(String.UnicodeScalarView(scalars)))” (\(selection.span.lowerBound):\(selection.span.upperBound))")
                    }
                case let l where l.hasPrefix("?"):
                    guard let n = Int(l.dropFirst().trimmingCharacters(in: .whitespaces)), model.criteria.indices.contains(n - 1) else {
                        output("Give a criterion number after ?, e.g. ?3."); continue
                    }
                    output(describe(model.criteria[n - 1]))
                default:
                    // `-N` tags criterion N as contradicting evidence (or turns its tag round).
                    let numbers = line.split(whereSeparator: { $0 == " " || $0 == "," }).map { token -> (Int, EvidenceDirection)? in
                        let against = token.hasPrefix("-")
                        return Int(against ? token.dropFirst() : token[...]).map { ($0, against ? .contradicts : .supports) }
                    }
                    guard !numbers.isEmpty, numbers.allSatisfy({ $0 != nil && model.criteria.indices.contains($0!.0 - 1) }) else {
                        output("Not understood: '\(line)'. Numbers 1–\(model.criteria.count) to tag or untag (-N: contradicting), Enter to finish, 0 for none, h for help.")
                        continue
                    }
                    for (n, direction) in numbers.compactMap({ $0 }) { output("  " + (try model.toggle(n, direction: direction))) }
                }
            } catch let error as CodingError {
                output("Not saved: \(error.localizedDescription)")
            }
        }
    }

    private func describe(_ c: Criterion) -> String {
        var s = "\(c.id) — \(c.label)\n\(c.definition)"
        if !c.include.isEmpty { s += "\nInclude: " + c.include.joined(separator: "; ") }
        if !c.exclude.isEmpty { s += "\nExclude: " + c.exclude.joined(separator: "; ") }
        if !c.positiveExamples.isEmpty { s += "\nExamples: " + c.positiveExamples.joined(separator: "; ") }
        if !c.negativeExamples.isEmpty { s += "\nNot examples: " + c.negativeExamples.joined(separator: "; ") }
        if let test = c.test { s += "\nEvidence test: \(test.label)" }
        return s
    }

    private func render(_ view: UnitView, model: SessionModel) -> String {
        let passage = view.passage, document = view.document
        var out = "\n── Unit \(view.position + 1)/\(view.total) (\(view.done) done\(view.isDone ? ", this one finished" : "")) ─ passage \(passage.id!) ─ case \(view.unit.caseId)"
        if let label = view.caseLabel { out += ": \(label)" }
        if let title = document.title { out += "\n\(title)" }
        var facts: [String] = []
        if let date = document.dateMin { facts.append("Date: \(date.prefix(10))") }
        if !document.authors.isEmpty || !document.recipients.isEmpty {
            facts.append("\(document.authors.joined(separator: ", ")) → \(document.recipients.joined(separator: ", "))")
        }
        if let c = document.classification { facts.append(([c] + document.handling).joined(separator: "; ")) }
        if !facts.isEmpty { out += "\n" + facts.joined(separator: " · ") }
        out += "\n\(view.citation.frusShort ?? view.citation.chicago)"
        if let before = view.before.last {
            out += "\n  (before) \(String(before.text.prefix(240)))\(before.text.count > 240 ? "…" : "")"
        }
        let label = passage.editorialLabel(in: document).map { "[\($0.uppercased()), not archival text] " } ?? ""
        out += "\n\n  ▶ \(label)\(passage.text)\n"
        for note in view.footnotes {
            out += "\n  [editors' footnote\(note.noteNumber.map { " \($0)" } ?? "")] \(note.text)"
        }
        if let after = view.after.first {
            out += "\n  (after) \(String(after.text.prefix(240)))\(after.text.count > 240 ? "…" : "")"
        }
        for note in view.unitNotes { out += "\n  Note on this unit: \(note.note)" }
        out += "\n\nCriteria:"
        for (i, c) in model.criteria.enumerated() {
            let mine = view.codings.filter { $0.criterionId == c.id }
            let mark = mine.isEmpty ? " " : mine.contains { $0.spanStart != nil } ? "s" : "x"
            out += "\n  [\(mark)] \(i + 1). \(c.id) — \(c.label)"
            if mine.contains(where: { $0.direction == .contradicts }) { out += " (contradicts)" }
            for coding in mine {
                if let quote = coding.quote { out += "\n        span “\(quote)”" }
                if let note = coding.note { out += "\n        note: \(note)" }
            }
        }
        return out
    }
}
