import Testing
@testable import Codebook

/// A category's `prior:` for weighing: read, checked (strictly between 0 and 1), and a change is
/// a structural change in `codebook diff`.
@Suite struct CategoryPriorTests {
    /// The minimal codebook with `prior: VALUE` under category B's label (line 13 of the file).
    func withPrior(_ value: String) -> String {
        let lines = Fixtures.minimal.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let i = lines.firstIndex { $0.hasSuffix("label: Beta") }!
        let indent = lines[i].prefix { $0 == " " }
        return (lines[...i] + ["\(indent)prior: \(value)"] + lines[(i + 1)...]).joined(separator: "\n")
    }

    @Test("a category may give a prior strictly between 0 and 1")
    func prior() throws {
        let good = withPrior("0.25")
        let codebook = try Fixtures.codebook(good)
        #expect(codebook.category("B")?.prior == 0.25)
        #expect(codebook.category("A")?.prior == nil)
        for bad in ["0", "1", "1.5"] {
            let yaml = withPrior(bad)
            let found = Fixtures.issues(yaml).filter { $0.severity == .error }
            #expect(found.contains { $0.location.line == 14 && $0.problem == .priorOutOfRange(Double(bad)!, category: "B") }, "\(bad): \(found)")
        }
        let diff = CodebookDiff(from: try Fixtures.codebook(Fixtures.minimal), to: codebook)
        #expect(diff.changedCategories.first { $0.id == "B" }?.fields == ["prior"])
        #expect(diff.suggestedBump == .major)
    }
}
