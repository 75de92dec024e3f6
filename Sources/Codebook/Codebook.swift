import Foundation

/// A codebook as data: header, dimensions with their categories, criteria and decision rules.
///
/// Load one from YAML with ``load(data:path:contentHash:)``; check one without loading with
/// ``validate(data:path:)``. The type is `Codable` so a store can keep it as JSON.
public struct Codebook: Sendable, Hashable, Codable, Identifiable {
    /// The publication a codebook operationalises.
    public struct Publication: Sendable, Hashable, Codable {
        /// Full reference as it would appear in a bibliography.
        public var citation: String
        public var doi: String?
        public var year: Int?

        public init(citation: String, doi: String? = nil, year: Int? = nil) {
            self.citation = citation
            self.doi = doi
            self.year = year
        }
    }

    /// One version's entry in the changelog.
    public struct ChangelogEntry: Sendable, Hashable, Codable {
        public var version: SemanticVersion
        /// `YYYY-MM-DD`, as written.
        public var date: String?
        public var changes: [String]

        public init(version: SemanticVersion, date: String? = nil, changes: [String]) {
            self.version = version
            self.date = date
            self.changes = changes
        }
    }

    /// Stable id (`buying-allies`); together with `version` it names what a coding was made under.
    public var id: String
    public var version: SemanticVersion
    public var title: String
    public var authors: [String]
    public var publication: Publication?
    public var licence: String?
    public var changelog: [ChangelogEntry]
    public var dimensions: [Dimension]
    /// The project's reliability standards (thresholds of the verdicts), when the codebook sets them.
    public var reliability: ReliabilitySettings?
    /// SHA-256 of the file's bytes, lowercase hex, as the caller computed it; nil if not given.
    public var contentHash: String?

    public init(
        id: String, version: SemanticVersion, title: String, authors: [String] = [],
        publication: Publication? = nil, licence: String? = nil, changelog: [ChangelogEntry] = [],
        dimensions: [Dimension] = [], contentHash: String? = nil, reliability: ReliabilitySettings? = nil
    ) {
        self.reliability = reliability
        self.id = id
        self.version = version
        self.title = title
        self.authors = authors
        self.publication = publication
        self.licence = licence
        self.changelog = changelog
        self.dimensions = dimensions
        self.contentHash = contentHash
    }

    enum CodingKeys: String, CodingKey {
        case id, version, title, authors, publication, licence, changelog, dimensions, reliability
        case contentHash = "content_hash"
    }

    // MARK: Loading

    /// Reads and validates a codebook. Throws every error at once (warnings alone do not stop
    /// loading; get them from ``validate(data:path:)``).
    ///
    /// - Parameters:
    ///   - data: The file's bytes (UTF-8 YAML).
    ///   - path: Used only in messages (`Codebooks/buying-allies.yaml:12:5`).
    ///   - contentHash: SHA-256 of `data`, computed by the caller; stored as ``contentHash``.
    public static func load(data: Data, path: String, contentHash: String? = nil) throws(CodebookError) -> Codebook {
        let (codebook, issues) = CodebookParser.parse(data: data, path: path)
        let errors = issues.filter { $0.severity == .error }
        guard errors.isEmpty, var codebook else { throw CodebookError(issues: errors) }
        codebook.contentHash = contentHash
        return codebook
    }

    /// Every problem in a codebook file, errors and warnings, in file order. Empty when clean.
    public static func validate(data: Data, path: String) -> [CodebookIssue] {
        CodebookParser.parse(data: data, path: path).issues
    }

    // MARK: Lookup

    /// All criteria of all dimensions, in file order.
    public var allCriteria: [Criterion] { dimensions.flatMap(\.criteria) }

    /// All categories of all dimensions, in file order.
    public var allCategories: [Category] { dimensions.flatMap(\.categories) }

    /// The criterion with this id, in any dimension.
    public func criterion(_ id: String) -> Criterion? { allCriteria.first { $0.id == id } }

    /// The category with this id, in any dimension.
    public func category(_ id: String) -> Category? { allCategories.first { $0.id == id } }

    /// The dimension with this id.
    public func dimension(_ id: String) -> Dimension? { dimensions.first { $0.id == id } }
}
