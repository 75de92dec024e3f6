import Codebook
import Foundation

/// The codebook as REFI-QDA codes: each dimension a parent code (not codable), its criteria codes
/// under it with the definition, include and exclude rules as description; each category a set
/// whose members are the criteria its decision rule reads (REFI-QDA has no rules, so the rule is
/// the set's description). GUIDs derive from the codebook id and the criterion or category id.
public struct RefiCodebook: Sendable {
    public let codebook: Codebook

    public init(_ codebook: Codebook) { self.codebook = codebook }

    public func guid(criterion id: String) -> String { StableGUID.make("criterion|\(codebook.id)|\(id)") }
    func guid(dimension id: String) -> String { StableGUID.make("dimension|\(codebook.id)|\(id)") }
    func guid(category id: String) -> String { StableGUID.make("category|\(codebook.id)|\(id)") }

    /// The code's name: the criterion id, then its label (`WIR.link — Link to the coalition`);
    /// an import reads the id back from before the dash.
    public static func codeName(_ c: Criterion) -> String { "\(c.id) \u{2014} \(c.label)" }

    static func description(_ c: Criterion) -> String {
        var d = c.definition
        if !c.include.isEmpty { d += "\n\nInclude:\n" + c.include.map { "- \($0)" }.joined(separator: "\n") }
        if !c.exclude.isEmpty { d += "\n\nExclude:\n" + c.exclude.map { "- \($0)" }.joined(separator: "\n") }
        if let t = c.test { d += "\n\nEvidence test: \(t.rawValue)" }
        return d
    }

    /// Writes `<Codes>` (and, with `sets`, the categories as `<Sets>`) into `xml`.
    /// `memberAttribute` is `targetGUID` in a project and `guid` in a stand-alone codebook: the two schemas differ.
    func writeCodes(_ xml: inout XMLText) {
        xml.start("Codes")
        for dimension in codebook.dimensions {
            xml.start("Code", [("guid", guid(dimension: dimension.id)), ("name", dimension.label), ("isCodable", "false")])
            xml.leaf("Description", [dimension.description, "Dimension \(dimension.id) of \(codebook.id) \(codebook.version)."]
                .compactMap { $0 }.joined(separator: "\n\n"))
            for c in dimension.criteria {
                xml.start("Code", [("guid", guid(criterion: c.id)), ("name", Self.codeName(c)), ("isCodable", "true")])
                xml.leaf("Description", Self.description(c))
                xml.end()
            }
            xml.end()
        }
        xml.end()
    }

    func writeSets(_ xml: inout XMLText, memberAttribute: String) {
        let categories = codebook.allCategories
        guard !categories.isEmpty else { return }
        xml.start("Sets")
        for category in categories {
            xml.start("Set", [("guid", guid(category: category.id)), ("name", "\(category.id) \u{2014} \(category.label)")])
            xml.leaf("Description", [category.description, "Rule: \(category.rule)"].compactMap { $0 }.joined(separator: "\n\n"))
            for id in category.rule.criterionIDs where codebook.criterion(id) != nil {
                xml.empty("MemberCode", [(memberAttribute, guid(criterion: id))])
            }
            xml.end()
        }
        xml.end()
    }

    /// A REFI-QDA codebook file (`.qdc`, Codebook.xsd).
    public func qdc() -> String {
        var xml = XMLText()
        xml.start("CodeBook", [("xmlns", "urn:QDA-XML:codebook:1.0"),
                               ("origin", "Dossier: \(codebook.id) \(codebook.version), \(codebook.title)")])
        writeCodes(&xml)
        writeSets(&xml, memberAttribute: "guid")
        xml.end()
        return xml.text
    }
}
