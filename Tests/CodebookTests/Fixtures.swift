import Foundation
@testable import Codebook

/// Files of the repository, found from this source file (symlinks resolved, so a scratch
/// package that links the test folder still finds them).
enum Fixtures {
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .resolvingSymlinksInPath()
        .deletingLastPathComponent() // CodebookTests
        .deletingLastPathComponent() // Tests
        .deletingLastPathComponent() // repository

    static func data(_ relativePath: String) throws -> Data {
        try Data(contentsOf: repositoryRoot.appendingPathComponent(relativePath))
    }

    static func codebook(_ yaml: String, path: String = "test.yaml") throws(CodebookError) -> Codebook {
        try Codebook.load(data: Data(yaml.utf8), path: path)
    }

    static func issues(_ yaml: String, path: String = "test.yaml") -> [CodebookIssue] {
        Codebook.validate(data: Data(yaml.utf8), path: path)
    }

    /// A small valid codebook; tests change a line or two.
    static let minimal = """
    id: mini
    version: "1.2.0"
    title: Minimal
    dimensions:
      - id: type
        label: Type
        categories:
          - id: A
            label: Alpha
            rule:
              all: [X.one, {any: [X.two, X.three]}]
          - id: B
            label: Beta
            rule: {not: {category: A}}
        criteria:
          - id: X.one
            label: One
            definition: The first thing.
          - id: X.two
            label: Two
            definition: The second thing.
          - id: X.three
            label: Three
            definition: The third thing.
    """
}
