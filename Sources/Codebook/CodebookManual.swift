extension Codebook {
    /// The coder's manual as Markdown: header, then per dimension its categories with their
    /// decision rules in words, its attributes, and its criteria with definition, guidance,
    /// examples, test type and likelihoods.
    public func markdownManual() -> String {
        var out: [String] = []
        out.append("# \(title)")
        out.append("")
        out.append("Codebook `\(id)`, version \(version)." + (contentHash.map { " Content hash `\($0)`." } ?? ""))
        out.append("")
        if !authors.isEmpty { out.append("- **Authors:** \(authors.joined(separator: "; "))") }
        if let publication {
            var line = "- **Operationalises:** \(publication.citation)"
            if let doi = publication.doi { line += " doi:\(doi)" }
            out.append(line)
        }
        if let licence { out.append("- **Licence:** \(licence)") }
        out.append("")
        out.append("## How categories are decided")
        out.append("")
        out.append("Tag a passage as evidence that a criterion holds (*supports*, the default) or that it does not "
            + "(*contradicts*). For a case, each criterion is then *established* (support, nothing against), *refuted* "
            + "(evidence against only), *contested* (both, or coders disagree) or *not found* (nothing either way). "
            + "Categories are computed from these by the rules below, in three-valued logic: *not found* is unknown, "
            + "never false, so a category is *indeterminate* when its answer depends on criteria that are contested or "
            + "not found. Only a criterion marked *absence is evidence* counts as refuted when not found after a recorded "
            + "full search of the case. Categories of one dimension may overlap.")
        out.append("")
        for dimension in dimensions {
            out.append("## \(dimension.label) (`\(dimension.id)`)")
            out.append("")
            if let description = dimension.description { out.append(description); out.append("") }
            if !dimension.categories.isEmpty {
                out.append("### Categories")
                out.append("")
                for category in dimension.categories {
                    out.append("#### \(category.label) (`\(category.id)`)")
                    out.append("")
                    if let description = category.description { out.append(description); out.append("") }
                    out += ruleInWords(category.rule)
                    out.append("")
                    if let prior = category.prior { out += ["**Prior** for weighing the evidence: \(prior).", ""] }
                }
            }
            if !dimension.attributes.isEmpty {
                out.append("### Attributes")
                out.append("")
                out.append("| Name | Type | Unit | Allowed values | Description |")
                out.append("| --- | --- | --- | --- | --- |")
                for attribute in dimension.attributes {
                    out.append("| `\(attribute.name)` | \(attribute.type.rawValue) | \(cell(attribute.unit ?? "")) | "
                        + "\(cell(attribute.allowedValues.joined(separator: ", "))) | \(cell(attribute.description ?? "")) |")
                }
                out.append("")
            }
            if !dimension.criteria.isEmpty {
                out.append("### Criteria")
                out.append("")
                for criterion in dimension.criteria {
                    out += manualEntry(criterion)
                }
            }
        }
        if !changelog.isEmpty {
            out.append("## Changelog")
            out.append("")
            for entry in changelog {
                out.append("- **\(entry.version)**" + (entry.date.map { " (\($0))" } ?? ""))
                out += entry.changes.map { "  - \($0)" }
            }
            out.append("")
        }
        while out.last == "" { out.removeLast() }
        return out.joined(separator: "\n") + "\n"
    }

    private func manualEntry(_ criterion: Criterion) -> [String] {
        var out = ["#### `\(criterion.id)`: \(criterion.label)", ""]
        if let test = criterion.test { out += ["*Evidence test: \(test.label).*", ""] }
        if criterion.absenceIsEvidence { out += ["*Absence is evidence: not found after a full search counts as refuted.*", ""] }
        out += [criterion.definition, ""]
        for (title, items) in [
            ("Include", criterion.include), ("Exclude", criterion.exclude),
            ("Positive examples", criterion.positiveExamples), ("Negative examples", criterion.negativeExamples),
        ] where !items.isEmpty {
            out.append("**\(title)**")
            out.append("")
            out += items.map { "- \($0)" }
            out.append("")
        }
        if !criterion.likelihoods.isEmpty {
            out += ["**Likelihoods**", "", "| Category | if member | if not member |", "| --- | --- | --- |"]
            for key in criterion.likelihoods.keys.sorted() {
                let l = criterion.likelihoods[key]!
                out.append("| `\(key)` | \(l.ifMember) | \(l.ifNotMember) |")
            }
            out.append("")
        }
        return out
    }

    private func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    /// A rule as Markdown sentences and nested bullets.
    func ruleInWords(_ rule: Rule) -> [String] {
        switch rule {
        case .all(let parts), .any(let parts), .atLeast(_, let parts):
            return ["**Rule.** A case is a member when \(quantifier(rule)) of the following hold:", ""]
                + parts.flatMap { bullets($0, depth: 0) }
        default:
            return ["**Rule.** A case is a member when \(phrase(rule))."]
        }
    }

    private func quantifier(_ rule: Rule) -> String {
        switch rule {
        case .all: "all"
        case .any: "at least one"
        case .atLeast(let n, _): "at least \(n)"
        default: ""
        }
    }

    private func phrase(_ rule: Rule) -> String {
        switch rule {
        case .criterion(let id):
            return "\(criterionName(id)) is established"
        case .category(let id):
            return "it is a member of \(categoryName(id))"
        case .not(.criterion(let id)):
            return "\(criterionName(id)) is **not** established"
        case .not(.category(let id)):
            return "it is **not** a member of \(categoryName(id))"
        case .not(let inner):
            return "it is **not** the case that \(phrase(inner))"
        case .all(let parts), .any(let parts), .atLeast(_, let parts):
            let joiner = if case .all = rule { " and " } else { " or " }
            let list = parts.map(phrase).joined(separator: joiner)
            if case .atLeast(let n, _) = rule { return "at least \(n) of (\(list))" }
            return parts.count == 1 ? list : "(\(list))"
        }
    }

    private func bullets(_ rule: Rule, depth: Int) -> [String] {
        let indent = String(repeating: "  ", count: depth)
        switch rule {
        case .all(let parts), .any(let parts), .atLeast(_, let parts):
            return ["\(indent)- \(quantifier(rule)) of:"] + parts.flatMap { bullets($0, depth: depth + 1) }
        case .not(let inner) where !isLeaf(inner):
            return ["\(indent)- **not** the following:"] + bullets(inner, depth: depth + 1)
        default:
            return ["\(indent)- \(phrase(rule))"]
        }
    }

    private func isLeaf(_ rule: Rule) -> Bool {
        switch rule {
        case .criterion, .category: true
        default: false
        }
    }

    private func criterionName(_ id: String) -> String {
        criterion(id).map { "*\($0.label)* (`\(id)`)" } ?? "`\(id)`"
    }

    private func categoryName(_ id: String) -> String {
        category(id).map { "*\($0.label)* (`\(id)`)" } ?? "`\(id)`"
    }
}
