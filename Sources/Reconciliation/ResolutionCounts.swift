/// How the disagreements of a round were resolved.
public struct ResolutionCounts: Sendable, Hashable, Codable {
    /// Disagreements in all (unit × criterion where coders differ).
    public var disagreements: Int
    /// Settled by an adjudicator as present.
    public var adjudicatedPresent: Int
    /// Settled by an adjudicator as absent.
    public var adjudicatedAbsent: Int
    /// Not yet adjudicated: the criterion stays contested in that unit.
    public var open: Int
    /// Adjudications of units where the coders had agreed (the adjudicator overrode them).
    public var overrides: Int

    public init(disagreements: Int, adjudicatedPresent: Int, adjudicatedAbsent: Int, open: Int, overrides: Int = 0) {
        self.disagreements = disagreements
        self.adjudicatedPresent = adjudicatedPresent
        self.adjudicatedAbsent = adjudicatedAbsent
        self.open = open
        self.overrides = overrides
    }

    /// Counts for these disagreements under these adjudications (the latest per unit and criterion counts).
    public init(disagreements: [Disagreement], adjudications: [Adjudication]) {
        let decisions = Adjudication.latest(adjudications)
        var present = 0, absent = 0, open = 0
        var disputed = Set<Adjudication.Target>()
        for d in disagreements {
            let key = Adjudication.Target(unit: d.unit, criterion: d.criterion)
            disputed.insert(key)
            switch decisions[key]?.present {
            case true?: present += 1
            case false?: absent += 1
            case nil: open += 1
            }
        }
        self.init(disagreements: disagreements.count, adjudicatedPresent: present, adjudicatedAbsent: absent,
                  open: open, overrides: decisions.keys.filter { !disputed.contains($0) }.count)
    }
}
