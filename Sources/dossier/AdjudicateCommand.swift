import ArgumentParser
import Codebook
import Foundation
import ProjectStore
import Reconciliation

struct AdjudicateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adjudicate",
        abstract: "Resolve coders' disagreements in a closed round, with a rationale for each decision.",
        discussion: """
        Without options, walks the queue of open disagreements: for each, the unit, criterion, \
        each coder's value and note, and the passage with its citation. Answer `y` (supports), \
        `c` (contradicts) or `n` (no tag) and then a rationale; `s` skips, `q` quits. Works with piped input. \
        Decisions are logged and never overwrite the coders' codings: reliability figures stay \
        as they were; classifications use the decisions.

        A unit where every coder who finished it gave the criterion the same value has no \
        disagreement: deciding it overrules the coders and needs --override --reason TEXT (in an \
        imported CSV, an override_reason column). Overrides are listed by --list --all and in the \
        report. Importing the same file again records nothing new. With --as, each row's \
        adjudicator must be you (a lead may import an adjudicator's file).

        Examples:
          dossier adjudicate --round rel-1 --as lee
          dossier adjudicate --round rel-1 --list --all --format json
          dossier adjudicate --round rel-1 --as lee --passage 21 --case KOREA-1950/THA \\
              --criterion CRC.leverage --present contradicts --rationale "Annex B states the opposite." \\
              --override --reason "both coders missed Annex B"
          dossier adjudicate --round rel-1 --as lee --passage 21 --case KOREA-1950/THA \\
              --criterion OPP.quid_pro_quo --present no --rationale "Timing remark is not a demand."
          dossier adjudicate --import Imports/codings/adjudications.csv
        """
    )

    @OptionGroup var project: ProjectOptions
    @Option(help: "Round name.") var round: String?
    @OptionGroup var identity: IdentityOptions
    @Flag(help: "List disagreements and their decisions instead of deciding.") var list = false
    @Flag(help: "With --list, include disagreements already decided, and overrides.") var all = false
    @Option(name: .customLong("passage"), help: "Decide one unit directly: the passage id (345 or p345).") var passageId: PassageID?
    @Option(name: .customLong("case"), help: "Decide one unit directly: the case id.") var caseId: String?
    @Option(help: "Decide one unit directly: the criterion.") var criterion: String?
    @Option(help: "Decide one unit directly: yes (supports), contradicts, or no (no tag).") var present: String?
    @Option(help: "Why (shown in the evidence appendix).") var rationale: String?
    @Option(name: .customLong("import"), help: ArgumentHelp("Import decisions from CSV (round,passage|document+anchor,case,criterion,present,rationale,adjudicator).", valueName: "file")) var importFile: String?
    @Flag(help: "Decide a unit the coders agreed on (needs --reason; listed as an override).") var override = false
    @Option(help: "With --override: why the coders are overruled (shown in the report).") var reason: String?
    @OptionGroup var output: OutputOptions

    func run() throws {
        noteIfBehindTeamServer(project)
        // Decisions recorded in a team working copy go on to the server (an adjudicator's own).
        defer { if !list { sendToTeamServer(project) } }
        try reportingErrors {
            let db = try project.open()
            let store = AdjudicationStore(database: db)
            if let importFile {
                let r = try store.importDecisions(URL(fileURLWithPath: importFile), as: identity.viewer)
                print("\(importFile): \(r.recorded) decision(s) recorded, \(r.alreadyRecorded) already recorded.")
                return
            }
            guard let round else { throw ValidationError("give --round (or --import FILE).") }
            let data = try RoundData.load(db, round: round, as: identity.viewer)
            if list {
                var views = data.disagreements().filter { all || $0.1 == nil }
                    .map { DisagreementView(disagreement: $0.0, decision: $0.1) }
                // With --all, the decisions on agreed units too: the overrides.
                if all { views += data.overrides.map { DisagreementView(override: $0, data: data) } }
                if output.format == .json {
                    print(JSONText.encode(views))
                } else {
                    print(RowPrinter(headers: ["passage_id", "case_id", "criterion", "values", "notes", "decision", "rationale", "override_reason"],
                                     rows: views.map { v in
                                         [String(v.passageId), v.caseId, v.criterion,
                                          v.values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; "),
                                          v.notes.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; "),
                                          v.decision.map { $0.value.rawValue }, v.decision?.rationale, v.overrideReason]
                                     }).render(output.format))
                }
                return
            }
            guard let adjudicator = identity.viewer.handle else { throw ValidationError("say who is adjudicating with --as HANDLE (or DOSSIER_CODER).") }
            if let passage = passageId?.value, let caseId, let criterion {
                let choices: [String: EvidenceValue] = ["yes": .supports, "present": .supports, "supports": .supports,
                                                        "contradicts": .contradicts, "no": .untagged, "absent": .untagged]
                guard let present, let value = choices[present.lowercased()] else {
                    throw ValidationError("--present takes yes (supports), contradicts or no.")
                }
                guard let rationale else { throw ValidationError("give --rationale.") }
                if override && (reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                    throw ValidationError("--override needs --reason TEXT: overrides are listed in the report.")
                }
                if !override && reason != nil { throw ValidationError("--reason goes with --override.") }
                try store.decide(round: round, unit: CodingUnit(passageId: passage, caseId: caseId), criterion: criterion,
                                 present: value != .untagged, rationale: rationale, adjudicator: adjudicator,
                                 direction: value.direction ?? .supports, overrideReason: override ? reason : nil)
                print("Recorded: \(criterion) \(value.rawValue) in passage \(passage) for \(caseId)\(override ? " (override)" : "").")
                return
            }
            try interactive(data: data, store: store, adjudicator: adjudicator, round: round, db: db)
        }
    }

    private func interactive(data: RoundData, store: AdjudicationStore, adjudicator: String, round: String,
                             db: ProjectDatabase) throws {
        let open = data.disagreements().filter { $0.1 == nil }.map(\.0)
        guard !open.isEmpty else { print("No open disagreements in round \(round)."); return }
        let catalog = DocumentCatalog(database: db)
        var decided = 0
        for (i, d) in open.enumerated() {
            let (passage, document) = try catalog.passage(id: d.unit.passageId)
            let citation = Citation(document: document, passage: passage)
            print("\n── Disagreement \(i + 1)/\(open.count): \(d.criterion) · passage \(d.unit.passageId) · case \(d.unit.caseId)")
            print(citation.frusShort ?? citation.chicago)
            print(DocumentText.wrap(passage.text, indent: "  "))
            for coder in d.values.keys.sorted() {
                print("  \(coder): \(d.value(of: coder))\(d.notes[coder].map { " — \($0)" } ?? "")")
            }
            print("supports (y), contradicts (c), no tag (n), skip (s), quit (q)? ", terminator: ""); fflush(nil)
            guard let answer = readLine()?.lowercased().trimmingCharacters(in: .whitespaces) else { break }
            if answer == "q" { break }
            guard answer == "y" || answer == "n" || answer == "c" else { continue }
            print("rationale: ", terminator: ""); fflush(nil)
            guard let why = readLine(), !why.trimmingCharacters(in: .whitespaces).isEmpty else {
                print("No rationale given; not recorded.")
                continue
            }
            try store.decide(round: round, unit: CodingUnit(passageId: d.unit.passageId, caseId: d.unit.caseId),
                             criterion: d.criterion, present: answer != "n", rationale: why, adjudicator: adjudicator,
                             direction: answer == "c" ? .contradicts : .supports)
            decided += 1
        }
        print("\n\(decided) decision(s) recorded.")
    }
}

/// A disagreement as JSON, with the decision taken on it if any.
struct DisagreementView: Encodable {
    var passageId: Int64
    var caseId: String
    var criterion: String
    var values: [String: String]
    var notes: [String: String]
    var decision: Adjudication?
    /// Set for a decision on a unit the coders agreed on: why they were overruled.
    var overrideReason: String?

    init(disagreement d: Disagreement, decision: Adjudication?) {
        passageId = d.unit.passageId; caseId = d.unit.caseId; criterion = d.criterion
        values = Dictionary(uniqueKeysWithValues: d.values.keys.map { ($0, d.value(of: $0)) })
        notes = d.notes; self.decision = decision
    }

    init(override o: AdjudicationStore.Override, data: RoundData) {
        passageId = o.passageId; caseId = o.caseId; criterion = o.criterion
        let codings = data.codings.filter { $0.unit == o.decision.unit }
        values = Dictionary(codings.map { ($0.coder, $0.value(of: o.criterion).rawValue) }, uniquingKeysWith: { a, _ in a })
        notes = Dictionary(codings.compactMap { c in c.notes[o.criterion].map { (c.coder, $0) } }, uniquingKeysWith: { a, _ in a })
        decision = o.decision
        overrideReason = o.reason
    }
}
