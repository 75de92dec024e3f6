import Codebook
import Foundation
import GRDB

/// The coding actions of a session, shared by the full-screen coder and the line mode for pipes.
///
/// Every action is written at once (with its audit event) and pushed on an undo stack: untagging
/// is a retraction with the reason "untagged in session", undo retracts or re-adds, so the audit
/// log keeps every step. Only the coder's own codings are ever read: the session is blind.
public final class SessionModel {
    /// One assigned unit and whether the coder finished it.
    public struct Entry: Sendable {
        public var unit: CodingUnit
        public var done: Bool
    }

    /// A span chosen by typing some of its words (`/` in the session).
    public struct Selection: Sendable, Equatable {
        public var query: String
        public var matches: [Range<Int>]
        public var current: Int
        public var span: Range<Int> { matches[current] }
    }

    /// A value the coder may give a tag besides its criterion, asked one after the other by `e`.
    public struct DetailField: Sendable {
        public enum Kind: Sendable { case direction, test, note, attribute(AttributeDefinition) }
        public var kind: Kind
        public var name: String
        public var prompt: String
        public var current: String?

        /// Why `value` cannot be stored, or nil. An empty value keeps the current one.
        public func problem(with value: String) -> String? {
            let value = value.trimmingCharacters(in: .whitespaces)
            guard !value.isEmpty, value != "-" else { return nil }
            switch kind {
            case .direction:
                return SessionModel.direction(value) == nil ? "direction: give s (supports) or c (contradicts)" : nil
            case .test:
                return EvidenceTest(yamlValue: value) == nil && Int(value).map({ (1...EvidenceTest.allCases.count).contains($0) }) != true
                    ? "evidence test: give 1–\(EvidenceTest.allCases.count) or one of \(EvidenceTest.allCases.map(\.rawValue).joined(separator: ", "))" : nil
            case .note: return nil
            case .attribute(let definition): return definition.problem(with: value)
            }
        }
    }

    private enum Action {
        case tagged(CodingRecord, position: Int)
        case untagged([CodingRecord], position: Int)
        case finished(position: Int, wasDone: Bool, note: UnitNoteRecord?)
        case cleared([CodingRecord], position: Int, wasDone: Bool, note: UnitNoteRecord?)
        case edited(old: [CodingRecord], new: [CodingRecord], position: Int)
    }

    public let store: CodingStore
    public let coder: String
    public let round: RoundRecord
    public let codebook: Codebook
    /// The criteria in codebook order; criterion N on screen is `criteria[N - 1]`.
    public let criteria: [Criterion]
    public private(set) var queue: [Entry]
    /// Position in the queue; `queue.count` once every unit is finished.
    public private(set) var index: Int
    /// A note typed for the next tag; kept on the unit if no tag follows.
    public private(set) var pendingNote: String?
    public private(set) var selection: Selection?
    private var undoStack: [Action] = []
    private var cached: UnitView?

    /// Opens the coder's queue in an open round, at the first unit not finished.
    public init(store: CodingStore, coder: String, round name: String) throws {
        self.store = store
        self.coder = coder
        let round = try store.round(name)
        guard round.isOpen else { throw CodingError.roundClosed(name) }
        self.round = round
        self.codebook = try store.codebook(of: round).definition
        self.queue = try store.queue(round: name, coder: coder).map { Entry(unit: $0.unit, done: $0.done) }
        // Only the dimensions for the kinds of subject queued (cases, or actors in operations for
        // pivotal states): the numbers on screen are the criteria the coder can actually tag.
        let subjects = try store.subjects(of: queue.map(\.unit.caseId))
        let dimensions = codebook.dimensions.filter { subjects.contains($0.subject) }
        self.criteria = dimensions.isEmpty ? codebook.allCriteria : dimensions.flatMap(\.criteria)
        self.index = queue.firstIndex { !$0.done } ?? queue.count
    }

    // MARK: Where the coder is

    public var current: Entry? { queue.indices.contains(index) ? queue[index] : nil }
    public var doneCount: Int { queue.reduce(0) { $0 + ($1.done ? 1 : 0) } }
    public var canUndo: Bool { !undoStack.isEmpty }

    /// The current unit as the screen shows it, read once and kept until something changes.
    public func view() throws -> UnitView? {
        guard let entry = current else { return nil }
        if let cached, cached.position == index, cached.unit == entry.unit {
            if cached.isDone != entry.done || cached.done != doneCount {
                self.cached?.isDone = entry.done
                self.cached?.done = doneCount
            }
            return self.cached
        }
        let view = try UnitView.load(store: store, round: round, coder: coder, unit: entry.unit,
                                     position: index, total: queue.count, done: doneCount, isDone: entry.done)
        cached = view
        return view
    }

    private func invalidate() { cached = nil }

    /// The coder's own active codings on the current unit.
    public func myCodings() throws -> [CodingRecord] { try view()?.codings ?? [] }

    public func number(of criterionId: String) -> Int? { criteria.firstIndex { $0.id == criterionId }.map { $0 + 1 } }

    private func criterion(_ number: Int) throws -> Criterion {
        guard criteria.indices.contains(number - 1) else {
            throw CodingError.invalid("there is no criterion \(number); the codebook has 1–\(criteria.count).")
        }
        return criteria[number - 1]
    }

    private func requireUnit() throws -> Entry {
        guard let entry = current else { throw CodingError.invalid("every unit is finished; `g N` goes back to unit N.") }
        return entry
    }

    // MARK: Tagging

    /// Tags criterion `number` as evidence in `direction` (supports: the criterion holds;
    /// contradicts: it does not), or untags it when it is already tagged that way (with the selected
    /// span, if one is selected). Asking for the other direction of a tagged criterion turns its
    /// tags round (retracted with the reason "direction changed in session" and added again).
    /// Returns what happened, in words.
    @discardableResult
    public func toggle(_ number: Int, direction: EvidenceDirection = .supports) throws -> String {
        let criterion = try criterion(number)
        let entry = try requireUnit()
        let span = selection?.span
        let all = try myCodings().filter { $0.criterionId == criterion.id }
        defer { invalidate() }
        // A coder's tags of one criterion on a unit all point one way (the store insists), so
        // turning one round turns them all, spans, notes and details kept.
        if !all.isEmpty, all.allSatisfy({ $0.direction != direction }) {
            for coding in all { _ = try store.retract(codingId: coding.id!, by: coder, reason: "direction changed in session") }
            var added: [CodingRecord] = []
            do {
                for coding in all { added.append(try readd(coding, direction: direction)) }
            } catch {
                for coding in added { _ = try store.retract(codingId: coding.id!, by: coder, reason: "undone in session") }
                for coding in all { _ = try readd(coding) }
                throw error
            }
            undoStack.append(.edited(old: all, new: added, position: index))
            selection = nil
            return "\(number). \(criterion.id) now \(direction.rawValue)" + (all.count > 1 ? " (\(all.count) tags)" : "")
        }
        let existing = all.filter { span == nil || $0.span == span }
        if !existing.isEmpty {
            for coding in existing { _ = try store.retract(codingId: coding.id!, by: coder, reason: "untagged in session") }
            undoStack.append(.untagged(existing, position: index))
            if span != nil { selection = nil }
            return "untagged \(number). \(criterion.id)" + (existing.count > 1 ? " (\(existing.count) tags)" : "")
        }
        let record = try store.add(.init(coder: coder, round: round.name, unit: entry.unit, criterion: criterion.id,
                                         span: span, note: pendingNote, origin: "session", direction: direction))
        undoStack.append(.tagged(record, position: index))
        pendingNote = nil
        selection = nil
        var message = "tagged \(number). \(criterion.id)" + (direction == .contradicts ? " as contradicting" : "")
        if let quote = record.quote { message += " on “\(quote.count > 40 ? quote.prefix(39) + "…" : quote)”" }
        if record.note != nil { message += " with the note" }
        return message
    }

    /// Keeps a note for the next tag (or for the unit, if it is finished without another tag).
    public func setNote(_ text: String) -> String {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        pendingNote = text.isEmpty ? nil : text
        return pendingNote == nil ? "note dropped" : "note kept: it goes with the next tag, or on the unit if you finish it without one"
    }

    /// Saves a pending note on the unit itself, so that moving on never loses it.
    private func keepPendingNote() throws -> UnitNoteRecord? {
        guard let note = pendingNote, let entry = current else { return nil }
        let record = try store.addUnitNote(coder: coder, round: round.name, unit: entry.unit, note: note)
        pendingNote = nil
        invalidate()
        return record
    }

    // MARK: Spans by quote

    /// Selects the text of the current passage that `query` matches; repeated matches are cycled
    /// with ``nextMatch()``.
    @discardableResult
    public func select(_ query: String) throws -> String {
        guard let view = try view() else { return "no unit" }
        let matches = QuoteMatcher.matches(of: query, in: view.passage.text)
        guard !matches.isEmpty else {
            selection = nil
            return "“\(query)” is not in this passage (case, accents and spacing are ignored; use … between start and end words)"
        }
        selection = Selection(query: query, matches: matches, current: 0)
        return selectionMessage()
    }

    @discardableResult
    public func nextMatch() -> String {
        guard var s = selection else { return "no span selected: type / and a few words of the passage" }
        s.current = (s.current + 1) % s.matches.count
        selection = s
        return selectionMessage()
    }

    public func clearSelection() { selection = nil }

    private func selectionMessage() -> String {
        guard let s = selection else { return "" }
        let many = s.matches.count > 1 ? "match \(s.current + 1) of \(s.matches.count) (/ again for the next); " : ""
        return "span selected: \(many)type a criterion number to tag it with this span"
    }

    // MARK: Finishing

    /// Whether `0` would retract tags, so the screen asks first.
    public var noneAppliesNeedsConfirmation: Bool { ((try? myCodings()) ?? []).isEmpty == false }

    /// Finishes the unit with what is tagged and moves to the next unfinished unit.
    @discardableResult
    public func finish() throws -> String {
        let entry = try requireUnit()
        let note = try keepPendingNote()
        try store.markDone(coder: coder, round: round.name, unit: entry.unit, origin: "session")
        undoStack.append(.finished(position: index, wasDone: entry.done, note: note))
        queue[index].done = true
        let tags = try myCodings().count
        let from = index
        advanceToUnfinished()
        invalidate()
        return "unit \(from + 1) finished (\(tags == 0 ? "nothing applies" : "\(tags) tag\(tags == 1 ? "" : "s")")\(note == nil ? "" : ", note kept"))"
    }

    /// `0`: nothing applies. Retracts the unit's tags (ask first, see ``noneAppliesNeedsConfirmation``),
    /// keeps a pending note on the unit, and finishes it.
    @discardableResult
    public func noneApplies() throws -> String {
        let entry = try requireUnit()
        let tags = try myCodings()
        for coding in tags { _ = try store.retract(codingId: coding.id!, by: coder, reason: "cleared in session (none applies)") }
        let note = try keepPendingNote()
        try store.markDone(coder: coder, round: round.name, unit: entry.unit, origin: "session")
        undoStack.append(.cleared(tags, position: index, wasDone: entry.done, note: note))
        queue[index].done = true
        let from = index
        selection = nil
        advanceToUnfinished()
        invalidate()
        return "unit \(from + 1) finished: none applies" + (tags.isEmpty ? "" : " (\(tags.count) tag\(tags.count == 1 ? "" : "s") cleared)")
            + (note == nil ? "" : ", note kept")
    }

    /// After finishing: the next unit not finished, after this one first, then from the start.
    private func advanceToUnfinished() {
        let after = queue.indices.filter { $0 > index && !queue[$0].done }
        let before = queue.indices.filter { $0 < index && !queue[$0].done }
        index = after.first ?? before.first ?? queue.count
        selection = nil
    }

    // MARK: Moving

    /// `n`: the next unit in queue order, finished or not, leaving this one as it is.
    @discardableResult
    public func next() throws -> String {
        _ = try keepPendingNote()
        selection = nil
        guard index + 1 < queue.count else {
            if let first = queue.firstIndex(where: { !$0.done }), first != index {
                index = first
                return "back to the first unfinished unit"
            }
            return "this is the last unit"
        }
        index += 1
        return ""
    }

    /// `b`: the unit before, finished or not; it stays finished, and its tags can be changed.
    @discardableResult
    public func back() throws -> String {
        guard index > 0 else { return "this is the first unit" }
        _ = try keepPendingNote()
        selection = nil
        index = min(index, queue.count) - 1
        return queue[index].done ? "unit \(index + 1) is finished; changes are saved as you make them" : ""
    }

    /// `g N`: unit N of the queue (1-based), finished or not.
    @discardableResult
    public func go(to position: Int) throws -> String {
        guard (1...max(queue.count, 1)).contains(position), !queue.isEmpty else {
            return "there is no unit \(position); the queue has 1–\(queue.count)"
        }
        _ = try keepPendingNote()
        selection = nil
        index = position - 1
        return queue[index].done ? "unit \(position) is finished; changes are saved as you make them" : ""
    }

    /// The finished units, by position (1-based), for `f`.
    public func finishedPositions() -> [Int] { queue.indices.filter { queue[$0].done }.map { $0 + 1 } }

    // MARK: Details of a tag

    /// What `e` asks about criterion `number`: the evidence test, a note, and the attributes its
    /// dimension defines, each with the value the latest tag has.
    public func detailFields(for number: Int) throws -> [DetailField] {
        let criterion = try criterion(number)
        let latest = try myCodings().last { $0.criterionId == criterion.id }
        let tests = EvidenceTest.allCases.enumerated().map { "\($0.offset + 1) \($0.element.label)" }.joined(separator: ", ")
        var fields = [
            DetailField(kind: .direction, name: "direction", prompt: "direction (s supports, c contradicts)",
                        current: latest?.direction.rawValue ?? EvidenceDirection.supports.rawValue),
            DetailField(kind: .test, name: "test", prompt: "evidence test (\(tests); - for none)",
                        current: latest?.test ?? criterion.test?.rawValue),
            DetailField(kind: .note, name: "note", prompt: "note", current: latest?.note),
        ]
        let dimension = codebook.dimensions.first { $0.criteria.contains { $0.id == criterion.id } }
        for attribute in dimension?.attributes ?? [] {
            var prompt = attribute.name
            var hints: [String] = [attribute.type.rawValue]
            if let unit = attribute.unit { hints.append(unit) }
            if !attribute.allowedValues.isEmpty { hints = [attribute.allowedValues.joined(separator: "/")] }
            prompt += " (\(hints.joined(separator: ", ")))"
            fields.append(DetailField(kind: .attribute(attribute), name: attribute.name, prompt: prompt,
                                      current: latest?.attributes[attribute.name]))
        }
        return fields
    }

    /// Stores the details for criterion `number`: its latest tag is replaced (retracted with the
    /// reason "edited in session" and added again with the details), or the criterion is tagged.
    /// `values` holds what the coder typed per field name; empty keeps the current value, `-` clears it.
    @discardableResult
    public func applyDetails(_ number: Int, values: [String: String]) throws -> String {
        let criterion = try criterion(number)
        let entry = try requireUnit()
        let fields = try detailFields(for: number)
        for field in fields {
            if let value = values[field.name], let problem = field.problem(with: value) { throw CodingError.invalid(problem) }
        }
        let latest = try myCodings().last { $0.criterionId == criterion.id }
        func resolved(_ name: String, _ current: String?) -> String? {
            guard let typed = values[name]?.trimmingCharacters(in: .whitespaces), !typed.isEmpty else { return current }
            return typed == "-" ? nil : typed
        }
        var test = resolved("test", latest?.test)
        if let t = test, let n = Int(t), EvidenceTest.allCases.indices.contains(n - 1) { test = EvidenceTest.allCases[n - 1].rawValue }
        var attributes = latest?.attributes ?? [:]
        for field in fields {
            guard case .attribute = field.kind else { continue }
            attributes[field.name] = resolved(field.name, latest?.attributes[field.name])
        }
        let direction = resolved("direction", nil).flatMap(Self.direction) ?? latest?.direction ?? .supports
        let new = CodingStore.NewCoding(coder: coder, round: round.name, unit: entry.unit, criterion: criterion.id,
                                        span: latest?.span, note: resolved("note", latest?.note), test: test,
                                        attributes: attributes, origin: "session", direction: direction)
        defer { invalidate() }
        // Retract first: the new coding has the same span, which the store would refuse as a duplicate.
        if let latest { _ = try store.retract(codingId: latest.id!, by: coder, reason: "edited in session") }
        do {
            let record = try store.add(new)
            undoStack.append(.edited(old: latest.map { [$0] } ?? [], new: [record], position: index))
            return "\(number). \(criterion.id): details saved"
        } catch {
            if let latest { _ = try readd(latest) }
            throw error
        }
    }

    // MARK: Undo

    /// Reverses the last action of this session, and goes to its unit.
    @discardableResult
    public func undo() throws -> String {
        guard let action = undoStack.popLast() else { return "nothing to undo in this session" }
        defer { invalidate() }
        selection = nil
        switch action {
        case .tagged(let record, let position):
            index = position
            try retractActive(like: record)
            return "undone: tag \(number(of: record.criterionId).map { "\($0). " } ?? "")\(record.criterionId)"
        case .untagged(let records, let position):
            index = position
            for record in records { _ = try readd(record) }
            return "undone: untag of \(records.first.map(\.criterionId) ?? "")"
        case .finished(let position, let wasDone, let note):
            index = position
            if !wasDone { try reopen(position) }
            if let note { try store.retractUnitNote(id: note.id!, by: coder); pendingNote = note.note }
            return "undone: finishing unit \(position + 1)"
        case .cleared(let records, let position, let wasDone, let note):
            index = position
            if !wasDone { try reopen(position) }
            for record in records { _ = try readd(record) }
            if let note { try store.retractUnitNote(id: note.id!, by: coder); pendingNote = note.note }
            return "undone: none applies on unit \(position + 1)" + (records.isEmpty ? "" : " (\(records.count) tag\(records.count == 1 ? "" : "s") back)")
        case .edited(let old, let new, let position):
            index = position
            for record in new { try retractActive(like: record) }
            for record in old { _ = try readd(record) }
            return "undone: change of \(new.first?.criterionId ?? old.first?.criterionId ?? "")"
        }
    }

    /// Retracts the active coding an undone action created. Matched by unit, criterion and span
    /// rather than id: an undo of a later untag may have added it again under a new id.
    private func retractActive(like record: CodingRecord) throws {
        let active = try store.database.writer.read { db in
            try CodingRecord
                .filter(Column("round_id") == record.roundId && Column("coder") == coder)
                .filter(Column("passage_id") == record.passageId && Column("case_id") == record.caseId)
                .filter(Column("criterion_id") == record.criterionId && Column("retracted_at") == nil)
                .filter(Column("span_start") == record.spanStart && Column("span_end") == record.spanEnd)
                .fetchAll(db)
        }
        for coding in active { _ = try store.retract(codingId: coding.id!, by: coder, reason: "undone in session") }
    }

    private func reopen(_ position: Int) throws {
        try store.reopen(coder: coder, round: round.name, unit: queue[position].unit)
        queue[position].done = false
    }

    /// A direction as typed at a prompt: `s`/`c` or anything ``EvidenceDirection/init(text:)`` reads.
    public static func direction(_ text: String) -> EvidenceDirection? {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "s": .supports
        case "c": .contradicts
        case let other: EvidenceDirection(text: other)
        }
    }

    /// Adds `record` again as it was (direction included), or turned to `direction`.
    private func readd(_ record: CodingRecord, direction: EvidenceDirection? = nil) throws -> CodingRecord {
        try store.add(.init(coder: coder, round: round.name, unit: CodingUnit(passageId: record.passageId, caseId: record.caseId),
                            criterion: record.criterionId, span: record.span, note: record.note, test: record.test,
                            attributes: record.attributes, origin: "session", direction: direction ?? record.direction))
    }
}

extension CodingRecord {
    /// The span as a range, when the coding has one.
    public var span: Range<Int>? {
        guard let start = spanStart, let end = spanEnd else { return nil }
        return start..<end
    }
}
