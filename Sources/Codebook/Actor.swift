/// A state or an organisation in the case register.
public struct Actor: Sendable, Hashable, Codable, Identifiable {
    /// What kind of actor this is.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case state
        case organisation
    }

    /// Stable id: the ISO 3166 alpha-3 code for states (`KOR`), a short acronym for organisations (`NATO`).
    public var id: String
    /// Name in current English usage.
    public var name: String
    public var kind: Kind
    /// ISO 3166-1 (or, for former states, ISO 3166-3) alpha-3 code, where one exists.
    public var iso3: String?
    /// Other names found in sources, historical names included (`ROK`, `Republic of Korea`).
    /// Matching is word-bounded and ignores case and accents; `Korea*` also matches `Koreans`;
    /// `=US` matches only with that exact capitalisation (so not the word "us"). See ``AliasMatcher``.
    public var aliases: [String]
    /// Where the register's facts about this actor come from: an article locator (`Henke 2019, n. 85`)
    /// or a full citation.
    public var source: String?

    public init(id: String, name: String, kind: Kind, iso3: String? = nil, aliases: [String] = [], source: String? = nil) {
        self.source = source
        self.id = id
        self.name = name
        self.kind = kind
        self.iso3 = iso3
        self.aliases = aliases
    }
}
