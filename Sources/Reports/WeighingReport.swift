import Codebook
import Foundation
import ProjectStore
import Reconciliation
import Weighing

/// `dossier weigh` as people and programs read it: a table per case, one CSV row per item, and a
/// JSON document with everything, each number traceable to the passage behind it.
public struct WeighingReport: Sendable {
    public var round: String
    public var weighings: [CaseWeighing]
    /// Per coder, their own weighing of each case before adjudication.
    public var views: [String: [CaseWeighing]]
    /// Citation of every passage weighed.
    public var citations: [Int64: Citation]
    /// Text of every passage weighed (source text, never a coder's work).
    public var texts: [Int64: String] = [:]
    public var register: Register
    public var options: CaseWeighing.Options

    public init(round: String, weighings: [CaseWeighing], views: [String: [CaseWeighing]], citations: [Int64: Citation],
                register: Register, options: CaseWeighing.Options) {
        self.round = round
        self.weighings = weighings
        self.views = views
        self.citations = citations
        self.register = register
        self.options = options
    }

    /// Per case and category, each coder's posterior (coders who finished a unit of the case).
    public func coderPosteriors(_ caseId: String, _ h: HypothesisWeighing) -> [(coder: String, posterior: Double)] {
        views.keys.sorted().compactMap { coder in
            views[coder]?.first { $0.caseId == caseId }?.hypotheses
                .first { $0.dimension == h.dimension && $0.category == h.category }
                .map { (coder, $0.posterior) }
        }
    }

    /// How far the coders' own posteriors for a category lie apart before adjudication: the range
    /// (highest minus lowest) and whether they lean different ways; nil with fewer than two coders.
    public func coderSpread(_ caseId: String, _ h: HypothesisWeighing) -> (range: Double, leaningsDiffer: Bool)? {
        let views = coderPosteriors(caseId, h).map(\.posterior)
        guard views.count > 1, let lo = views.min(), let hi = views.max() else { return nil }
        return (hi - lo, Leaning(posterior: lo) != Leaning(posterior: hi))
    }

    /// A coder spread in words for tables: `0.600 (lean differently)`, `0` or `—`.
    public func coderSpreadText(_ caseId: String, _ h: HypothesisWeighing) -> String {
        guard let s = coderSpread(caseId, h) else { return ReportFormat.undefined }
        return HypothesisWeighing.format(s.range) + (s.leaningsDiffer ? " (lean differently)" : "")
    }

    /// Decibans with a sign and two decimals (`+9.03`, `-1.76`, `+inf`).
    public static func db(_ x: Double) -> String {
        guard x.isFinite else { return x > 0 ? "+inf" : "-inf" }
        let s = String(format: "%+.2f", x)
        return s == "-0.00" ? "+0.00" : s
    }

    static func number(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
        return "\(x)"
    }

    func heading(_ w: CaseWeighing) -> String {
        let c = register.coalitionCase(w.caseId)
        let recipient = c.flatMap { register.actor($0.recipient)?.name }
        let operation = c.flatMap { register.operation($0.operation)?.name }
        return recipient.map { "\(w.caseId): \($0) in \(operation ?? "?")" } ?? w.caseId
    }

    func citation(_ passage: Int64?) -> String? {
        passage.flatMap { citations[$0] }.map { $0.frusShort ?? $0.chicago }
    }

    // MARK: table

    /// For people: per case, per category, the items with their weights and citations, the
    /// posterior, the comparison with the rules, the sensitivity and each coder's view.
    public func table() -> String {
        var out: [String] = []
        out.append("Assumption: \(CaseWeighing.assumption)")
        out.append("")
        for w in weighings {
            out.append(heading(w))
            for h in w.hypotheses {
                out.append("  \(h.dimension) · \(h.category): prior \(HypothesisWeighing.format(h.prior)) [\(h.priorSource)], log-odds \(Self.db(h.priorLogOdds)) dB")
                for (i, item) in h.items.enumerated() {
                    let source = "\(item.likelihoodSourceText) \(Self.short(item.ifMember))/\(Self.short(item.ifNotMember))"
                    let what = item.passageId.map { "passage \($0)" } ?? "no passage"
                    var line = "    \(i + 1). \(Self.db(item.counted).padding(toLength: 7, withPad: " ", startingAt: 0)) dB → \(Self.db(item.runningLogOdds)) dB  \(item.criterion) \(item.reading.rawValue.replacingOccurrences(of: "_", with: " ")) (\(source)), \(what)"
                    if let cite = citation(item.passageId) { line += " — \(cite)" }
                    out.append(line)
                    if let with = item.countedOnceWith {
                        out.append("       counted once with item \(with + 1) (\(item.sameFact ?? "same fact")); alone it would weigh \(Self.db(item.weight)) dB")
                    }
                    if item.passageId == nil { out.append("       \(item.basis)") }
                }
                if h.items.isEmpty { out.append("    no evidence weighed: the posterior is the prior") }
                out.append("    posterior \(HypothesisWeighing.format(h.posterior)) (\(Self.db(h.posteriorLogOdds)) dB): \(h.comparisonText)")
                let s = h.sensitivity
                if let i = h.items.firstIndex(where: { $0.counted.isInfinite }) {
                    out.append("    certain: item \(i + 1) has likelihood 0 \(h.items[i].counted > 0 ? "outside" : "inside") the category (a weight of \(Self.db(h.items[i].counted)) dB), so no prior and no damping moves the posterior (the root of 0 is 0)")
                }
                if !h.items.isEmpty {
                    let lo = s.grid.map(\.posterior).min().map(HypothesisWeighing.format) ?? "?"
                    let hi = s.grid.map(\.posterior).max().map(HypothesisWeighing.format) ?? "?"
                    var line = "    sensitivity: priors \(s.grid.first.map { HypothesisWeighing.format($0.prior) } ?? "")–\(s.grid.last.map { HypothesisWeighing.format($0.prior) } ?? "") give \(lo)–\(hi) (\(s.survivesPriorGrid ? "leaning holds" : "leaning changes"))"
                    line += "; weights ÷\(Self.short(s.dampingFactor)) give \(HypothesisWeighing.format(s.dampedPosterior)) (\(s.survivesDamping ? "holds" : "changes"))"
                    let decisive = s.decisiveItems.map { "item \($0 + 1)" }
                    line += decisive.isEmpty ? "; no single item decides it" : "; decided by \(decisive.joined(separator: ", ")) alone"
                    out.append(line)
                }
                // Plain "not found" is the common case: one line for all of them.
                let plain = h.unweighed.filter { $0.passageId == nil && $0.reason == HypothesisWeighing.Unweighed.notFound }
                if !plain.isEmpty {
                    out.append("    not found (unknown, adds nothing): \(plain.map(\.criterion).joined(separator: ", "))")
                }
                for u in h.unweighed where !plain.contains(u) {
                    out.append("    not weighed: \(u.criterion)\(u.passageId.map { " (passage \($0))" } ?? ""): \(u.reason)")
                }
                let coders = coderPosteriors(w.caseId, h)
                if !coders.isEmpty {
                    out.append("    each coder before adjudication: " + coders.map { "\($0.coder) \(HypothesisWeighing.format($0.posterior))" }.joined(separator: ", "))
                }
            }
            for u in w.unweighable {
                out.append("  \(u.dimension) · \(u.category): prior \(HypothesisWeighing.format(u.prior)), CANNOT BE WEIGHED: \(u.reason)")
            }
            out.append("")
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func short(_ x: Double) -> String {
        var s = String(format: "%.3f", x)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    // MARK: CSV

    /// CSV columns, one row per item (a category with no item gets one row without item columns).
    public static let csvHeaders = [
        "case_id", "dimension", "category", "prior", "prior_source", "item", "criterion", "reading", "passage_id", "test",
        "likelihood_source", "p_if_member", "p_if_not_member", "weight_db", "counted_db", "counted_once_with", "same_fact",
        "running_log_odds_db", "citation", "posterior_log_odds_db", "posterior", "rules", "comparison",
        "survives_prior_grid", "damped_posterior", "survives_damping", "decisive", "coder_posteriors",
    ]

    /// RFC 4180 rows (header first).
    public func csvRows() -> [[String]] {
        var rows: [[String]] = [Self.csvHeaders]
        for w in weighings {
            // A category whose posterior is undefined: its row says so in `comparison`; `dossier weigh`
            // (table or JSON) gives the reason.
            for u in w.unweighable {
                rows.append([w.caseId, u.dimension, u.category, Self.number(u.prior), ""] + Array(repeating: "", count: 14)
                            + ["", "", u.rules.rawValue, "undefined", "", "", "", "", ""])
            }
            for h in w.hypotheses {
                let tail = [Self.number(h.posteriorLogOdds), Self.number(h.posterior), h.rules.rawValue, h.comparison.rawValue,
                            h.sensitivity.survivesPriorGrid ? "yes" : "no", Self.number(h.sensitivity.dampedPosterior),
                            h.sensitivity.survivesDamping ? "yes" : "no"]
                let head = [w.caseId, h.dimension, h.category, Self.number(h.prior), h.priorSource]
                // Each coder's own posterior, before adjudication: `ana=0.923;ben=0.5`.
                let coders = coderPosteriors(w.caseId, h).map { "\($0.coder)=\(Self.number($0.posterior))" }.joined(separator: ";")
                if h.items.isEmpty {
                    rows.append(head + Array(repeating: "", count: 14) + tail + ["", coders])
                }
                for (i, item) in h.items.enumerated() {
                    rows.append(head + [
                        "\(i + 1)", item.criterion, item.reading.rawValue, item.passageId.map(String.init) ?? "",
                        item.test?.rawValue ?? "", item.likelihoodSource.rawValue, Self.number(item.ifMember),
                        Self.number(item.ifNotMember), Self.number(item.weight), Self.number(item.counted),
                        item.countedOnceWith.map { "\($0 + 1)" } ?? "", item.sameFact ?? "", Self.number(item.runningLogOdds),
                        item.passageId.flatMap { citations[$0]?.chicago } ?? item.basis,
                    ] + tail + [h.sensitivity.decisiveItems.contains(i) ? "yes" : "no", coders])
                }
            }
        }
        return rows
    }

    // MARK: JSON

    /// Everything, for programs.
    public var view: View {
        View(round: round, assumption: CaseWeighing.assumption,
             defaultLikelihoods: EvidenceTest.allCases.map {
                 let l = DefaultLikelihoods.likelihood(for: $0)
                 return .init(test: $0.rawValue, pIfMember: l.ifMember, pIfNotMember: l.ifNotMember, source: DefaultLikelihoods.source)
             },
             priorForAll: options.priorForAll, priors: options.priors, dampingFactor: options.dampingFactor,
             cases: weighings.map { w in
                 View.Case(caseId: w.caseId, heading: heading(w), unweighable: w.unweighable, hypotheses: w.hypotheses.map { h in
                     View.Hypothesis(
                         weighing: h,
                         citations: h.items.map { item in item.passageId.flatMap { citations[$0]?.chicago } },
                         excerpts: h.items.map { item in item.passageId.flatMap { texts[$0] }.map { $0.count > 300 ? String($0.prefix(299)) + "…" : $0 } },
                         coders: Dictionary(uniqueKeysWithValues: coderPosteriors(w.caseId, h).map { ($0.coder, $0.posterior) }))
                 })
             })
    }

    public struct View: Encodable, Sendable {
        public struct DefaultLikelihood: Encodable, Sendable {
            var test: String
            var pIfMember: Double
            var pIfNotMember: Double
            var source: String
        }
        /// An item as JSON: positions count from 1, as in the table and the CSV; weights in decibans.
        public struct Item: Encodable, Sendable {
            var item: Int
            var criterion: String
            var reading: WeighedItem.Reading
            var passageId: Int64?
            var test: EvidenceTest?
            var likelihoodSource: WeighedItem.LikelihoodSource
            var pIfMember: Double
            var pIfNotMember: Double
            var weightDb: Double
            var countedDb: Double
            var countedOnceWith: Int?
            var sameFact: String?
            var runningLogOddsDb: Double
            var basis: String
            var citation: String?
            /// The passage's text, cut at 300 characters.
            var excerpt: String?
            var decisive: Bool
        }
        public struct SensitivityView: Encodable, Sendable {
            var grid: [Sensitivity.Point]
            var survivesPriorGrid: Bool
            var dampingFactor: Double
            var dampedPosterior: Double
            var survivesDamping: Bool
            /// Items (from 1) whose removal alone changes the leaning.
            var decisiveItems: [Int]
        }
        public struct Hypothesis: Encodable, Sendable {
            var dimension: String
            var category: String
            var prior: Double
            var priorSource: String
            var priorLogOddsDb: Double
            var items: [Item]
            var unweighed: [HypothesisWeighing.Unweighed]
            var posteriorLogOddsDb: Double
            var posterior: Double
            var leaning: Leaning
            var rules: Membership
            var comparison: HypothesisWeighing.Comparison
            var comparisonText: String
            var sensitivity: SensitivityView
            var coders: [String: Double]
            init(weighing h: HypothesisWeighing, citations: [String?], excerpts: [String?], coders: [String: Double]) {
                dimension = h.dimension; category = h.category; prior = h.prior; priorSource = h.priorSource
                priorLogOddsDb = h.priorLogOdds
                let decisive = Set(h.sensitivity.decisiveItems)
                items = zip(h.items.indices, zip(h.items, citations)).map { i, pair in
                    let (e, citation) = pair
                    return Item(item: i + 1, criterion: e.criterion, reading: e.reading, passageId: e.passageId, test: e.test,
                                likelihoodSource: e.likelihoodSource, pIfMember: e.ifMember, pIfNotMember: e.ifNotMember,
                                weightDb: e.weight, countedDb: e.counted, countedOnceWith: e.countedOnceWith.map { $0 + 1 },
                                sameFact: e.sameFact, runningLogOddsDb: e.runningLogOdds, basis: e.basis, citation: citation,
                                excerpt: excerpts[i], decisive: decisive.contains(i))
                }
                unweighed = h.unweighed; posteriorLogOddsDb = h.posteriorLogOdds; posterior = h.posterior
                leaning = h.leaning; rules = h.rules; comparison = h.comparison; comparisonText = h.comparisonText
                let s = h.sensitivity
                sensitivity = SensitivityView(grid: s.grid, survivesPriorGrid: s.survivesPriorGrid, dampingFactor: s.dampingFactor,
                                          dampedPosterior: s.dampedPosterior, survivesDamping: s.survivesDamping,
                                          decisiveItems: s.decisiveItems.map { $0 + 1 })
                self.coders = coders
            }
        }
        public struct Case: Encodable, Sendable {
            var caseId: String
            var heading: String
            /// Categories whose posterior is undefined (likelihoods of 0 on both sides), with why.
            var unweighable: [CaseWeighing.Unweighable]
            var hypotheses: [Hypothesis]
        }
        var round: String
        var assumption: String
        var defaultLikelihoods: [DefaultLikelihood]
        var priorForAll: Double?
        var priors: [String: Double]
        var dampingFactor: Double
        var cases: [Case]
    }
}

extension WeighingReport {
    /// Weighs a round's cases as `data` holds them (in an open blind round, the viewer's own
    /// codings only): the classifications with adjudications applied, each coder's own view, the
    /// citation of every passage weighed, and passages with identical text marked as one fact.
    /// `classifications`, when the caller has them already (`report` does), are `data`'s own:
    /// at 200,000 codings a second copy cost some 200 MB and seconds.
    public static func build(database: ProjectDatabase, data: RoundData, caseId: String? = nil,
                             options: CaseWeighing.Options = CaseWeighing.Options(),
                             classifications known: [CaseClassification]? = nil) throws -> WeighingReport {
        let codebook = data.codebook.definition
        let classifications = try known.map { all in caseId.map { id in all.filter { $0.caseId == id } } ?? all }
            ?? data.classifications(caseId: caseId)
        let catalog = DocumentCatalog(database: database)
        var texts: [Int64: String] = [:]
        var citations: [Int64: Citation] = [:]
        let weighed = Set(classifications.flatMap { $0.evidence.map(\.unit.unit.passageId) })
        let found = try catalog.passages(ids: weighed)
        for id in weighed {
            guard let (passage, document) = found[id] else { throw StoreError.passageNotFound(String(id)) }
            texts[id] = passage.text
            citations[id] = Citation(document: document, passage: passage)
        }
        var options = options
        options.sameFacts = sameFacts(texts: texts, links: try CodingStore(database: database)
            .sameFactLinks(roundId: data.round.id!, onlyCoder: data.onlyCoder))
        let weighings = try classifications.map { try CaseWeighing.weigh($0, codebook: codebook, options: options) }
        let wanted = Set(classifications.map(\.caseId))
        let views = try CaseWeighing.coderViews(
            codebook: codebook, codings: data.codings.filter { wanted.contains($0.unit.caseId) },
            cases: data.cases.filter { wanted.contains($0) }, subjects: data.subjects, coverage: data.coverage, options: options)
        var report = WeighingReport(round: data.round.name, weighings: weighings, views: views, citations: citations,
                                    register: try RegisterStore(database: database).register(), options: options)
        report.texts = texts
        return report
    }

    /// Which passages state one fact: passages whose text is the same once spacing is folded (one
    /// telegram printed in two volumes), and passages a coder linked. Links chain (44 ~ 45 ~ 46 is
    /// one fact); the lowest passage id represents each group, and the reason names why.
    public static func sameFacts(texts: [Int64: String], links: [SameFactLink] = [])
        -> [Int64: CaseWeighing.SameFact] {
        var parent: [Int64: Int64] = [:]
        func root(_ a: Int64) -> Int64 {
            var a = a
            while let p = parent[a], p != a { a = p }
            return a
        }
        func join(_ a: Int64, _ b: Int64) {
            let (ra, rb) = (root(a), root(b))
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }
        var why: [Int64: String] = [:]
        let folded = Dictionary(grouping: texts.keys) { texts[$0]!.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        for (_, ids) in folded where ids.count > 1 {
            let first = ids.min()!
            for id in ids where id != first {
                join(first, id)
                why[id] = "identical text to passage \(first)"
            }
        }
        for link in links where link.passageId != link.otherPassageId {
            join(link.passageId, link.otherPassageId)
            let text = "linked as one item by \(link.coder) (\(CodingStore.sameFactAttribute)=p\(link.otherPassageId))"
            why[link.passageId] = why[link.passageId].map { $0 + "; " + text } ?? text
            if why[link.otherPassageId] == nil { why[link.otherPassageId] = "linked as one item with passage \(link.passageId) by \(link.coder)" }
        }
        var out: [Int64: CaseWeighing.SameFact] = [:]
        for id in Set(parent.keys).union(parent.values) {
            let r = root(id)
            out[id] = CaseWeighing.SameFact(representative: r, reason: why[id] ?? why.first { root($0.key) == r }?.value ?? "one fact")
        }
        return out
    }
}
