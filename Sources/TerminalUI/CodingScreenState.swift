import Codebook
import ProjectStore

/// Everything the coding screen draws, gathered by ``CodingScreen`` from the session and handed to
/// ``CodingScreenRenderer``: plain data, so the renderer is a pure function that tests can call.
public struct CodingScreenState: Sendable {
    /// A text box drawn over the passage and criteria (help, a definition, the finished units).
    public struct Overlay: Sendable, Equatable {
        public var title: String
        public var text: String
        public init(title: String, text: String) {
            self.title = title
            self.text = text
        }
    }

    /// The unit on screen; nil once every unit is finished.
    public var view: UnitView?
    public var criteria: [Criterion]
    public var groups: [CriteriaGroup]
    public var total: Int
    public var done: Int
    /// `rel-1 (reliability, blind) · ana`
    public var roundLabel: String
    /// The span chosen with `/`, and which of how many matches it is.
    public var selection: Range<Int>?
    public var selectionPosition: (current: Int, count: Int)?
    public var pendingNote: String?
    /// Digits typed so far for a criterion number.
    public var numberBuffer: String = ""
    /// `-` was typed: the number being typed tags contradicting evidence.
    public var against: Bool = false
    /// What the last action did, or why it was refused.
    public var message: String = ""
    /// A question being answered on the status line: its label and what was typed.
    public var prompt: (label: String, text: String)?
    public var overlay: Overlay?
    /// Lines scrolled from where the passage is shown by default (PgUp negative, PgDn positive).
    public var passageScroll: Int = 0
    public var criteriaScroll: Int = 0

    public init(view: UnitView?, criteria: [Criterion], groups: [CriteriaGroup], total: Int, done: Int, roundLabel: String) {
        self.view = view
        self.criteria = criteria
        self.groups = groups
        self.total = total
        self.done = done
        self.roundLabel = roundLabel
    }
}

/// Criteria that belong together on screen: those of one category (`WIR.*`), or of one dimension
/// when their prefix is no category (the payment kinds).
public struct CriteriaGroup: Sendable, Equatable {
    /// The criteria ids' prefix (`WIR`).
    public var key: String
    public var title: String
    /// Criterion numbers, 1-based, in codebook order.
    public var numbers: [Int]

    /// Groups numbered as the session numbers `shown` (the criteria of the queued subjects; nil: all).
    public static func groups(for codebook: Codebook, shown: [Criterion]? = nil) -> [CriteriaGroup] {
        var groups: [CriteriaGroup] = []
        var number = 0
        let visible = shown.map { Set($0.map(\.id)) }
        for dimension in codebook.dimensions {
            for criterion in dimension.criteria where visible?.contains(criterion.id) ?? true {
                number += 1
                let key = criterion.id.split(separator: ".").first.map(String.init) ?? dimension.id
                if groups.last?.key == key {
                    groups[groups.count - 1].numbers.append(number)
                } else {
                    let title = dimension.categories.first { $0.id == key }?.label ?? dimension.label
                    groups.append(CriteriaGroup(key: key, title: title, numbers: [number]))
                }
            }
        }
        return groups
    }
}
