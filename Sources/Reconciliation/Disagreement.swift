import Codebook

/// Coders who finished the same unit tagged a criterion differently.
public struct Disagreement: Sendable, Hashable, Codable {
    /// The unit the coders disagree on.
    public var unit: UnitKey
    /// The criterion id they disagree on.
    public var criterion: String
    /// Per coder who finished the unit: whether they tagged the criterion present.
    public var values: [String: Bool]
    /// Per coder, their analytic note on this criterion in this unit, where they wrote one.
    public var notes: [String: String]
    /// Coders whose tag was contradicting evidence (`values` is true for them), sorted.
    public var contradicting: [String]

    public init(unit: UnitKey, criterion: String, values: [String: Bool], notes: [String: String] = [:],
                contradicting: [String] = []) {
        self.unit = unit
        self.criterion = criterion
        self.values = values
        self.notes = notes
        self.contradicting = contradicting
    }

    /// One coder's value in words: `supports`, `contradicts` or `no tag`.
    public func value(of coder: String) -> String {
        guard values[coder] == true else { return "no tag" }
        return contradicting.contains(coder) ? "contradicts" : "supports"
    }

    /// Coders who tagged it present, sorted.
    public var sayPresent: [String] { values.filter { $0.value }.map(\.key).sorted() }
    /// Coders who did not, sorted.
    public var sayAbsent: [String] { values.filter { !$0.value }.map(\.key).sorted() }
}

/// Every disagreement in the codings, by unit then criterion (in the order of `criteria`).
///
/// A disagreement needs two coders: units one coder finished have none. Criteria tagged but not
/// in `criteria` are ignored.
public func disagreements(in codings: [CoderUnitCoding], criteria: [String]) -> [Disagreement] {
    let byUnit = Dictionary(grouping: codings, by: \.unit)
    var out: [Disagreement] = []
    for unit in byUnit.keys.sorted() {
        let finished = byUnit[unit]!
        guard finished.count >= 2 else { continue }
        for id in criteria {
            var values: [String: Bool] = [:]
            var notes: [String: String] = [:]
            var directions = Set<EvidenceValue>()
            for c in finished {
                let value = c.value(of: id)
                values[c.coder] = value != .untagged
                directions.insert(value)
                if let note = c.notes[id], !note.isEmpty { notes[c.coder] = note }
            }
            if directions.count > 1 {
                let contradicting = finished.filter { $0.value(of: id) == .contradicts }.map(\.coder).sorted()
                out.append(Disagreement(unit: unit, criterion: id, values: values, notes: notes, contradicting: contradicting))
            }
        }
    }
    return out
}
