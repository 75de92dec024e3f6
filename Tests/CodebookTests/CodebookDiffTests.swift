import Foundation
import Testing
@testable import Codebook

@Suite("Diffs between codebook versions, and the coder's manual")
struct CodebookDiffTests {
    @Test("load, change, diff")
    func diff() throws {
        let old = try Fixtures.codebook(Fixtures.minimal)
        let changedYAML = Fixtures.minimal
            .replacingOccurrences(of: "version: \"1.2.0\"", with: "version: \"2.0.0\"")
            .replacingOccurrences(of: "definition: The second thing.", with: "definition: The second thing, reworded.\n        test: hoop")
            .replacingOccurrences(of: "all: [X.one, {any: [X.two, X.three]}]", with: "all: [X.one, X.four]")
            .replacingOccurrences(of: """
                  - id: X.three
                    label: Three
                    definition: The third thing.
            """, with: """
                  - id: X.four
                    label: Four
                    definition: The fourth thing.
            """)
            .replacingOccurrences(of: "label: Beta", with: "label: Beta type")
        let new = try Fixtures.codebook(changedYAML)
        let diff = CodebookDiff(from: old, to: new)
        #expect(diff.fromVersion.description == "1.2.0")
        #expect(diff.toVersion.description == "2.0.0")
        #expect(diff.addedCriteria == ["X.four"])
        #expect(diff.removedCriteria == ["X.three"])
        #expect(diff.changedCriteria == [.init(id: "X.two", fields: ["definition", "test"])])
        #expect(diff.changedCategories == [.init(id: "A", fields: ["rule"]), .init(id: "B", fields: ["label"])])
        #expect(diff.addedCategories.isEmpty && diff.removedCategories.isEmpty)
        #expect(diff.header.isEmpty)
        #expect(diff.suggestedBump == .major)
        #expect(diff.versionStepIsSufficient)
        #expect(diff.lines.contains("~ criterion X.two: definition, test"))
        #expect(diff.lines.contains("- criterion X.three"))

        #expect(CodebookDiff(from: old, to: old).isEmpty)
        #expect(CodebookDiff(from: old, to: old).suggestedBump == .none)

        // Adding a criterion without touching rules is a minor step; a patch number is not enough.
        var added = old
        added.dimensions[0].criteria.append(Criterion(id: "X.five", label: "Five", definition: "Fifth."))
        added.version = SemanticVersion("1.2.1")!
        let minor = CodebookDiff(from: old, to: added)
        #expect(minor.suggestedBump == .minor)
        #expect(!minor.versionStepIsSufficient)
    }

    @Test("the manual renders header, rules in words, attributes and criteria")
    func manual() throws {
        let codebook = try Codebook.load(data: try Fixtures.data("Codebooks/buying-allies.yaml"), path: "b.yaml", contentHash: "deadbeef")
        let text = codebook.markdownManual()
        #expect(text.hasPrefix("# Buying Allies"))
        #expect(text.contains("Codebook `buying-allies`, version 2.0.0. Content hash `deadbeef`."))
        #expect(text.contains("#### Willing but inadequately resourced (`WIR`)"))
        #expect(text.contains("**Rule.** A case is a member when all of the following hold:"))
        #expect(text.contains("- *Genuine interest in the operation* (`WIR.genuine_interest`) is established"))
        #expect(text.contains("- at least one of:\n  - *Recruits third parties* (`PIV.recruits`) is established"))
        #expect(text.contains("*Absence is evidence: not found after a full search counts as refuted.*"))
        #expect(text.contains("| `troop_count` | integer | troops |"))
        #expect(text.contains("#### `OPP.withdrawal_threat`: Threat to reduce or withdraw"))
        #expect(text.contains("*Evidence test: smoking gun.*"))
        #expect(text.contains("**Negative examples**"))
        #expect(text.contains("## Changelog"))

        let small = try Fixtures.codebook(Fixtures.minimal)
        #expect(small.markdownManual().contains("**Rule.** A case is a member when it is **not** a member of *Alpha* (`A`)."))
    }
}
