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
        Answer with criterion numbers (e.g. `1 4`) to tag them and finish the unit; `0` or `-` when none
        applies. `n` adds a note to the tags you enter next; `?N` shows criterion N's definition;
        `b` goes back to the previous unit; `s` skips this unit for now; `q` quits (you resume here).
        """

    /// Runs the queue until it is finished, the coder quits, or input ends. Returns units finished.
    @discardableResult
    public func run(input: () -> String?, output: (String) -> Void) throws -> Int {
        let roundRecord = try store.round(round)
        guard roundRecord.isOpen else { throw CodingError.roundClosed(round) }
        let codebook = try store.codebook(of: roundRecord).definition
        let criteria = codebook.allCriteria
        var queue = try store.queue(round: round, coder: coder)
        guard !queue.isEmpty else {
            output("No units are assigned to \(coder) in round \(round). Ask for an assignment (`dossier assign`).")
            return 0
        }
        var index = queue.firstIndex { !$0.done } ?? queue.count
        var finished = 0
        var skipped = Set<Int>()
        output("Round \(round) (\(roundRecord.purpose.rawValue)\(roundRecord.blind ? ", blind" : "")), codebook \(codebook.id) \(codebook.version). Type `h` for help.")
        while true {
            if index >= queue.count {
                // Wrap around to units not done and not skipped in this session; stop when none is left.
                if let next = queue.indices.first(where: { !queue[$0].done && !skipped.contains($0) }) {
                    index = next
                } else {
                    let remaining = queue.filter { !$0.done }.count
                    output(remaining == 0 ? "All \(queue.count) units are done. Thank you."
                                          : "\(queue.count - remaining)/\(queue.count) done; \(remaining) skipped unit(s) remain for next time.")
                    return finished
                }
            }
            let unit = queue[index].unit
            let tagged = try store.codings(round: round, viewer: coder, coder: coder, caseId: unit.caseId)
                .filter { $0.passageId == unit.passageId }
            output(try render(unit: unit, position: index, total: queue.count, done: queue.filter(\.done).count,
                              criteria: criteria, tagged: Set(tagged.map(\.criterionId))))
            var note: String?
            var advanced = false
            while !advanced {
                output("> ")
                guard let line = input()?.trimmingCharacters(in: .whitespaces) else {
                    output("\nInput ended; progress is saved. \(finished) unit(s) finished in this session.")
                    return finished
                }
                switch line.lowercased() {
                case "q":
                    output("Saved. \(queue.filter(\.done).count)/\(queue.count) done; run the session again to resume.")
                    return finished
                case "h", "help", "?":
                    output(Self.help)
                case "s":
                    skipped.insert(index)
                    index += 1
                    advanced = true
                case "b":
                    guard index > 0 else { output("This is the first unit."); continue }
                    index -= 1
                    if queue[index].done {
                        try store.reopen(coder: coder, round: round, unit: queue[index].unit)
                        queue[index].done = false
                    }
                    advanced = true
                case "n":
                    output("note: ")
                    note = input()?.trimmingCharacters(in: .whitespaces)
                    output(note.map { "Note kept for the next tags: \($0)" } ?? "No note.")
                case let l where l.hasPrefix("?"):
                    guard let n = Int(l.dropFirst().trimmingCharacters(in: .whitespaces)), criteria.indices.contains(n - 1) else {
                        output("Give a criterion number after ?, e.g. ?3."); continue
                    }
                    output(describe(criteria[n - 1]))
                case "0", "-", "":
                    if line.isEmpty { continue }
                    try store.markDone(coder: coder, round: round, unit: unit, origin: "session")
                    queue[index].done = true
                    finished += 1
                    index += 1
                    advanced = true
                default:
                    let tokens = line.split(whereSeparator: { $0 == " " || $0 == "," })
                    let numbers = tokens.map { Int($0) }
                    guard !numbers.isEmpty, numbers.allSatisfy({ $0 != nil && criteria.indices.contains($0! - 1) }) else {
                        output("Not understood: '\(line)'. Numbers 1–\(criteria.count), 0 for none, or h for help.")
                        continue
                    }
                    for n in numbers.compactMap({ $0 }) {
                        let id = criteria[n - 1].id
                        do {
                            try store.add(.init(coder: coder, round: round, unit: unit, criterion: id, note: note, origin: "session"))
                            output("  tagged \(n). \(id)")
                        } catch CodingError.duplicate {
                            output("  \(n). \(id) was already tagged")
                        }
                    }
                    try store.markDone(coder: coder, round: round, unit: unit, origin: "session")
                    queue[index].done = true
                    finished += 1
                    index += 1
                    advanced = true
                }
            }
        }
    }

    private func describe(_ c: Criterion) -> String {
        var s = "\(c.id) — \(c.label)\n\(c.definition)"
        if !c.include.isEmpty { s += "\nInclude: " + c.include.joined(separator: "; ") }
        if !c.exclude.isEmpty { s += "\nExclude: " + c.exclude.joined(separator: "; ") }
        return s
    }

    private func render(unit: CodingUnit, position: Int, total: Int, done: Int, criteria: [Criterion],
                        tagged: Set<String>) throws -> String {
        try store.database.writer.read { db in
            guard let passage = try PassageRecord.fetchOne(db, key: unit.passageId),
                  let document = try DocumentRecord.fetchOne(db, key: passage.documentId) else {
                throw CodingError.unknownPassage(unit.passageId)
            }
            let neighbours = try PassageRecord
                .filter(Column("document_id") == passage.documentId)
                .filter([passage.ordinal - 1, passage.ordinal + 1].contains(Column("ordinal")))
                .order(Column("ordinal")).fetchAll(db)
            let caseRow = try Row.fetchOne(db, sql: """
                SELECT c.id, a.name AS recipient, o.name AS operation FROM coalition_case c
                JOIN actor a ON a.id = c.recipient_id JOIN operation o ON o.id = c.operation_id WHERE c.id = ?
                """, arguments: [unit.caseId])
            let citation = Citation(document: document, passage: passage)
            var out = "\n── Unit \(position + 1)/\(total) (\(done) done) ─ passage \(passage.id!) ─ case \(unit.caseId)"
            if let caseRow { out += ": \(caseRow["recipient"] as String? ?? "") in \(caseRow["operation"] as String? ?? "")" }
            out += "\n\(citation.frusShort ?? citation.chicago)"
            if let date = document.dateMin { out += "\nDate: \(date.prefix(10))" }
            if let before = neighbours.first(where: { $0.ordinal < passage.ordinal }) {
                out += "\n  (before) \(String(before.text.prefix(240)))\(before.text.count > 240 ? "…" : "")"
            }
            out += "\n\n  ▶ \(passage.text)\n"
            if let after = neighbours.first(where: { $0.ordinal > passage.ordinal }) {
                out += "\n  (after) \(String(after.text.prefix(240)))\(after.text.count > 240 ? "…" : "")"
            }
            out += "\n\nCriteria:"
            for (i, c) in criteria.enumerated() {
                out += "\n  [\(tagged.contains(c.id) ? "x" : " ")] \(i + 1). \(c.id) — \(c.label)"
            }
            return out
        }
    }
}
