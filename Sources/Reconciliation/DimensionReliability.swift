import Agreement

/// Agreement on a whole dimension (e.g. recipient type): per case, each coder's value is the set of the
/// dimension's categories their own evidence makes the case a member of. Per-category figures can hide
/// how the dimension fares as a whole; these two figures show it:
///
/// - **nominal alpha**: each distinct set is one value ("CRC", "CRC+OPP", "none"), so a case that is
///   both critical contributor and opportunist for one coder and only critical contributor for the
///   other disagrees fully;
/// - **MASI alpha**: alpha with the MASI distance between sets (``SetValuedAlpha``; Passonneau 2006),
///   which counts such a partial overlap as a partial disagreement.
///
/// A coder has no value for a case when they finished none of its units or a category's outcome is
/// indeterminate for them, as in ``CategoryReliability``.
public struct DimensionReliability: Sendable, Hashable, Codable {
    /// Dimension id.
    public var dimension: String
    /// Cases compared.
    public var cases: Int
    /// Values (case × coder) that hold two or more categories.
    public var multiValued: Int
    /// Nominal alpha over the membership sets, nil when undefined.
    public var nominalAlpha: Double?
    /// MASI alpha over the membership sets, nil when undefined.
    public var masiAlpha: Double?
    /// Why a figure is undefined, in plain words.
    public var undefinedReason: String?

    public init(dimension: String, cases: Int, multiValued: Int, nominalAlpha: Double?, masiAlpha: Double?, undefinedReason: String?) {
        self.dimension = dimension
        self.cases = cases
        self.multiValued = multiValued
        self.nominalAlpha = nominalAlpha
        self.masiAlpha = masiAlpha
        self.undefinedReason = undefinedReason
    }

    /// One figure per dimension, in the order the categories list them.
    public static func assess(_ categories: [CategoryReliability]) -> [DimensionReliability] {
        var order: [String] = []
        for c in categories where !order.contains(c.dimension) { order.append(c.dimension) }
        return order.map { dimension in
            let members = categories.filter { $0.dimension == dimension }
            let coders = members.first?.coders ?? []
            let caseIds = members.first?.memberships.map(\.caseId) ?? []
            var sets: [[Set<String>?]] = []
            var multi = 0
            for (i, _) in caseIds.enumerated() {
                let row: [Set<String>?] = coders.map { coder in
                    var set = Set<String>()
                    for category in members {
                        guard i < category.memberships.count, let m = category.memberships[i].values[coder] else { return nil }
                        switch m {
                        case .member: set.insert(category.category)
                        case .notMember: break
                        case .indeterminate: return nil
                        }
                    }
                    return set
                }
                multi += row.filter { ($0?.count ?? 0) >= 2 }.count
                sets.append(row)
            }
            var nominal: Double? = nil, masi: Double? = nil, reason: String? = nil
            if coders.count >= 2, !sets.isEmpty {
                let labels: [[String?]] = sets.map { $0.map { $0.map { $0.isEmpty ? "none" : $0.sorted().joined(separator: "+") } } }
                if let data = try? ReliabilityData(units: labels, coderNames: coders),
                   let a = try? KrippendorffAlpha(data, level: .nominal) {
                    nominal = a.value
                    reason = a.undefinedReason
                }
                if let m = try? SetValuedAlpha(units: sets) {
                    masi = m.value
                    reason = reason ?? m.undefinedReason
                }
            } else {
                reason = "fewer than two coders or no cases"
            }
            return DimensionReliability(dimension: dimension, cases: caseIds.count, multiValued: multi,
                                        nominalAlpha: nominal, masiAlpha: masi, undefinedReason: reason)
        }
    }
}
