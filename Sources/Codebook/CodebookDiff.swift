/// What changed between two codebooks (usually two versions of one): criteria, categories and
/// their rules, dimensions, header fields.
public struct CodebookDiff: Sendable, Hashable, Codable {
    /// Something present in both versions whose fields differ.
    public struct Change: Sendable, Hashable, Codable {
        public var id: String
        /// Names of the fields that differ, as in the YAML (`definition`, `rule`, `include`, ...).
        public var fields: [String]
    }

    /// How large a version step the changes call for, by the codebook's own convention.
    public enum Bump: Int, Sendable, Hashable, Codable, Comparable {
        /// Nothing that codings depend on changed.
        case none
        /// Wording only: labels, definitions, guidance, examples, header.
        case patch
        /// Something was added; existing codings stay valid.
        case minor
        /// Something codings depend on was removed, moved, or a rule changed.
        case major

        public static func < (lhs: Bump, rhs: Bump) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public var fromVersion: SemanticVersion
    public var toVersion: SemanticVersion
    /// Header fields that differ (`title`, `authors`, `publication`, `licence`, `changelog`, `id`).
    public var header: [String] = []
    public var addedDimensions: [String] = []
    public var removedDimensions: [String] = []
    public var changedDimensions: [Change] = []
    public var addedCategories: [String] = []
    public var removedCategories: [String] = []
    public var changedCategories: [Change] = []
    public var addedCriteria: [String] = []
    public var removedCriteria: [String] = []
    public var changedCriteria: [Change] = []
    /// The newer codebook's changelog entries for versions after the older one, newest last:
    /// what the authors say changed, beside what the comparison finds.
    public var changelog: [Codebook.ChangelogEntry] = []

    /// Compares `old` with `new`. Lists follow file order (removed items: the old file's order).
    public init(from old: Codebook, to new: Codebook) {
        fromVersion = old.version
        toVersion = new.version
        header = [
            ("id", old.id != new.id), ("title", old.title != new.title), ("authors", old.authors != new.authors),
            ("publication", old.publication != new.publication), ("licence", old.licence != new.licence),
            ("changelog", old.changelog != new.changelog),
        ].filter(\.1).map(\.0)

        (addedDimensions, removedDimensions, changedDimensions) = Self.compare(old.dimensions, new.dimensions) { a, b in
            [("label", a.label != b.label), ("description", a.description != b.description),
             ("attributes", a.attributes != b.attributes), ("subject", a.subject != b.subject)]
        }
        let oldHome = Self.homes(old, \.categories)
        let newHome = Self.homes(new, \.categories)
        (addedCategories, removedCategories, changedCategories) = Self.compare(old.allCategories, new.allCategories) { a, b in
            [("dimension", oldHome[a.id] != newHome[b.id]), ("label", a.label != b.label),
             ("description", a.description != b.description), ("rule", a.rule != b.rule), ("prior", a.prior != b.prior)]
        }
        let oldCriterionHome = Self.homes(old, \.criteria)
        let newCriterionHome = Self.homes(new, \.criteria)
        (addedCriteria, removedCriteria, changedCriteria) = Self.compare(old.allCriteria, new.allCriteria) { a, b in
            [("dimension", oldCriterionHome[a.id] != newCriterionHome[b.id]), ("label", a.label != b.label),
             ("definition", a.definition != b.definition), ("include", a.include != b.include),
             ("exclude", a.exclude != b.exclude), ("positive_examples", a.positiveExamples != b.positiveExamples),
             ("negative_examples", a.negativeExamples != b.negativeExamples), ("test", a.test != b.test),
             ("likelihoods", a.likelihoods != b.likelihoods),
             ("absence_is_evidence", a.absenceIsEvidence != b.absenceIsEvidence)]
        }
        changelog = new.changelog.filter { $0.version > old.version && $0.version <= new.version }
            .sorted { $0.version < $1.version }
    }

    /// True when the two codebooks have the same content (versions aside).
    public var isEmpty: Bool {
        header.isEmpty && addedDimensions.isEmpty && removedDimensions.isEmpty && changedDimensions.isEmpty
            && addedCategories.isEmpty && removedCategories.isEmpty && changedCategories.isEmpty
            && addedCriteria.isEmpty && removedCriteria.isEmpty && changedCriteria.isEmpty
    }

    /// The version step these changes call for: removing or moving criteria or categories,
    /// changing a rule or the likelihoods is major; adding is minor; rewording is a patch.
    public var suggestedBump: Bump {
        let structural = ["dimension", "rule", "likelihoods", "prior", "test", "attributes", "subject", "absence_is_evidence"]
        if !removedDimensions.isEmpty || !removedCategories.isEmpty || !removedCriteria.isEmpty
            || (changedCategories + changedCriteria + changedDimensions).contains(where: { !Set($0.fields).isDisjoint(with: structural) }) {
            return .major
        }
        if !addedDimensions.isEmpty || !addedCategories.isEmpty || !addedCriteria.isEmpty { return .minor }
        return isEmpty ? .none : .patch
    }

    /// Whether `toVersion` is at least the step ``suggestedBump`` calls for over `fromVersion`.
    public var versionStepIsSufficient: Bool {
        let step: Bump
        if toVersion.major != fromVersion.major { step = toVersion.major > fromVersion.major ? .major : .none }
        else if toVersion.minor != fromVersion.minor { step = toVersion.minor > fromVersion.minor ? .minor : .none }
        else if toVersion.patch != fromVersion.patch { step = toVersion.patch > fromVersion.patch ? .patch : .none }
        else { step = .none }
        // Before 1.0.0 anything may change in a minor step.
        if fromVersion.major == 0 && toVersion.major == 0 && step >= .minor { return true }
        return step >= suggestedBump
    }

    /// One line per change, for a terminal.
    public var lines: [String] {
        var out: [String] = []
        if !header.isEmpty { out.append("header changed: \(header.joined(separator: ", "))") }
        for (kind, added, removed, changed) in [
            ("dimension", addedDimensions, removedDimensions, changedDimensions),
            ("category", addedCategories, removedCategories, changedCategories),
            ("criterion", addedCriteria, removedCriteria, changedCriteria),
        ] {
            out += added.map { "+ \(kind) \($0)" }
            out += removed.map { "- \(kind) \($0)" }
            out += changed.map { "~ \(kind) \($0.id): \($0.fields.joined(separator: ", "))" }
        }
        for entry in changelog {
            out += entry.changes.map { "changelog \(entry.version): \($0)" }
        }
        return out
    }

    private static func homes<T: Identifiable>(_ codebook: Codebook, _ items: KeyPath<Dimension, [T]>) -> [T.ID: String] {
        var home: [T.ID: String] = [:]
        for dimension in codebook.dimensions {
            for item in dimension[keyPath: items] where home[item.id] == nil { home[item.id] = dimension.id }
        }
        return home
    }

    private static func compare<T: Identifiable>(
        _ old: [T], _ new: [T], fields: (T, T) -> [(String, Bool)]
    ) -> ([String], [String], [Change]) where T.ID == String {
        var oldByID: [String: T] = [:]
        for item in old where oldByID[item.id] == nil { oldByID[item.id] = item }
        let newIDs = Set(new.map(\.id))
        var added: [String] = []
        var changed: [Change] = []
        var seen = Set<String>()
        for item in new where seen.insert(item.id).inserted {
            guard let before = oldByID[item.id] else {
                added.append(item.id)
                continue
            }
            let differing = fields(before, item).filter(\.1).map(\.0)
            if !differing.isEmpty { changed.append(Change(id: item.id, fields: differing)) }
        }
        var removedSeen = Set<String>()
        let removed = old.map(\.id).filter { !newIDs.contains($0) && removedSeen.insert($0).inserted }
        return (added, removed, changed)
    }
}
