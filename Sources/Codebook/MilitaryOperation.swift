/// A multilateral military operation whose coalition-building the register records.
public struct MilitaryOperation: Sendable, Hashable, Codable, Identifiable {
    /// Under whose flag the operation ran.
    public enum Framework: String, Sendable, Hashable, Codable, CaseIterable {
        case usLed = "us_led"
        case un
        case au
        case nato
        case ecowas
        case eu
        case other
    }

    /// Stable id, `NAME-YEAR` (`KOREA-1950`).
    public var id: String
    public var name: String
    public var framework: Framework
    public var startYear: Int
    /// Nil while the operation continues.
    public var endYear: Int?
    /// Actor ids of the pivotal state(s).
    public var pivotalStates: [String]
    public var note: String?
    /// Where the register's facts about this operation come from (article locator or full citation).
    public var source: String?

    public init(
        id: String, name: String, framework: Framework, startYear: Int, endYear: Int? = nil,
        pivotalStates: [String] = [], note: String? = nil, source: String? = nil
    ) {
        self.source = source
        self.id = id
        self.name = name
        self.framework = framework
        self.startYear = startYear
        self.endYear = endYear
        self.pivotalStates = pivotalStates
        self.note = note
    }

    enum CodingKeys: String, CodingKey {
        case id, name, framework, note, source
        case startYear = "start_year"
        case endYear = "end_year"
        case pivotalStates = "pivotal_states"
    }
}
