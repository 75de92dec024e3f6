import ArgumentParser
import Codebook
import Foundation
import ProjectStore

/// Identifies one unit on the command line: `--passage P --case K`.
struct UnitOptions: ParsableArguments {
    @Option(name: .customLong("passage"), help: ArgumentHelp("Passage id (from `dossier search` or `dossier documents show`), as printed: 345 or p345.", valueName: "id"))
    var passageId: PassageID
    @Option(name: .customLong("case"), help: ArgumentHelp("Case id (from `dossier case list`).", valueName: "id"))
    var caseId: String

    var passage: Int64 { passageId.value }
    var unit: CodingUnit { CodingUnit(passageId: passage, caseId: caseId) }
}

struct CodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "code",
        abstract: "Record evidence: tag passages for criteria, mark units done, retract, list, import.",
        discussion: """
        A coding says: this passage is evidence for this criterion, for this case — supporting it \
        (the default) or, with --direction contradicts, evidence that it does not hold. Marking the \
        unit done records every criterion you did not tag as "no tag" (agreement needs them); at \
        case level a criterion nobody tagged is "not found", which is unknown, not false. \
        Every change goes to the audit log; a retraction keeps the old coding.

        Examples:
          dossier code add --as ana --round rel-1 --passage 12 --case KOR-1950/COL \\
              --criterion WIR.volunteered --span 0:84 --note "Gómez offers on his own initiative"
          export DOSSIER_CODER=ana      # then --as can be left out
          dossier code add --round rel-1 --passage 13 --case KOR-1950/COL \\
              --criterion PAY.transport --attr amount=500000 --attr currency=USD
          dossier code add --round rel-1 --passage 14 --case VIETNAM-1964/AUS \\
              --criterion PAY.allowances --direction contradicts --note "Asked for no compensation"
          dossier code done --round rel-1 --passage 12 --case KOR-1950/COL
          dossier code session --round rel-1
          dossier code list --round rel-1 --as ana --format csv
          dossier code queue --round rel-1 --as ana --format csv
          dossier code import Imports/codings/reliability-round.csv
        """,
        subcommands: [Add.self, Done.self, Retract.self, List.self, Queue.self, Import.self, SessionCommand.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Tag a passage as evidence for a criterion for a case.")
        @OptionGroup var project: ProjectOptions
        @OptionGroup var identity: IdentityOptions
        @Option(help: ArgumentHelp("Same as --as (older spelling).", visibility: .hidden)) var coder: String?
        @Option(help: "Round name.") var round: String
        @OptionGroup var unit: UnitOptions
        @Option(help: ArgumentHelp("Criterion id from the round's codebook (e.g. WIR.volunteered).", valueName: "id")) var criterion: String
        @Option(help: ArgumentHelp("Exact span within the passage, START:END in Unicode characters, 0-based, end exclusive.", valueName: "S:E")) var span: String?
        @Option(help: "Analytic note: why this passage meets the criterion.") var note: String?
        @Option(help: "Evidence test: straw-in-the-wind, hoop, smoking-gun, doubly-decisive.") var test: String?
        @Option(help: "supports (default): the passage shows the criterion holds; contradicts: it shows it does not.") var direction: String = "supports"
        @Option(name: .customLong("attr"), help: ArgumentHelp("A codebook attribute, name=value (repeatable); same_fact=p44 on any criterion says this passage states the same fact as passage 44 (weighed once).", valueName: "name=value")) var attributes: [String] = []

        func run() throws {
            try reportingErrors {
                let coder = try identity.acting(legacy: coder)
                guard let direction = EvidenceDirection(text: direction) else {
                    throw ValidationError("--direction takes supports or contradicts, not '\(self.direction)'.")
                }
                let store = CodingStore(database: try project.open())
                let record = try store.add(.init(coder: coder, round: round, unit: unit.unit, criterion: criterion,
                                                 span: try parseSpan(span), note: note, test: test,
                                                 attributes: try parseAttributes(attributes), direction: direction))
                print("Coding \(record.id!): \(coder) tagged passage \(record.passageId) for \(record.caseId) as \(record.criterionId)" +
                      (direction == .contradicts ? " (contradicts)" : "") +
                      (record.quote.map { " — “\($0)”" } ?? "") + ".")
            }
            sendToTeamServer(project)
        }
    }

    struct Done: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark a unit finished: untagged criteria count as \"no tag\".")
        @OptionGroup var project: ProjectOptions
        @OptionGroup var identity: IdentityOptions
        @Option(help: ArgumentHelp("Same as --as (older spelling).", visibility: .hidden)) var coder: String?
        @Option(help: "Round name.") var round: String
        @OptionGroup var unit: UnitOptions

        func run() throws {
            try reportingErrors {
                let coder = try identity.acting(legacy: coder)
                try CodingStore(database: try project.open()).markDone(coder: coder, round: round, unit: unit.unit)
                print("Done: passage \(unit.passage) for \(unit.caseId).")
            }
            sendToTeamServer(project)
        }
    }

    struct Retract: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Retract a coding (kept in the record, with who, when and why).")
        @OptionGroup var project: ProjectOptions
        @Argument(help: "Coding id (from `dossier code list`).") var id: Int64
        @OptionGroup var identity: IdentityOptions
        @Option(help: ArgumentHelp("Same as --as (older spelling).", visibility: .hidden)) var coder: String?
        @Option(help: "Why it is retracted.") var reason: String?

        func run() throws {
            try reportingErrors {
                let coder = try identity.acting(legacy: coder)
                let r = try CodingStore(database: try project.open()).retract(codingId: id, by: coder, reason: reason)
                print("Retracted coding \(r.id!) (\(r.criterionId) on passage \(r.passageId) for \(r.caseId)).")
            }
            sendToTeamServer(project)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List codings of a round (blind rounds: only your own while the round is open).")
        @OptionGroup var project: ProjectOptions
        @Option(help: "Round name.") var round: String
        @OptionGroup var identity: IdentityOptions
        @Option(help: "Only this coder's codings.") var coder: String?
        @Option(name: .customLong("case"), help: "Only this case.") var caseId: String?
        @Option(help: "Only this criterion.") var criterion: String?
        @Flag(help: "Include retracted codings.") var includeRetracted = false
        @OptionGroup var output: OutputOptions

        func run() throws {
            noteIfBehindTeamServer(project)
            try reportingErrors {
                let codings = try CodingStore(database: try project.openForReading())
                    .codings(round: round, as: identity.viewer, coder: coder, caseId: caseId, criterion: criterion,
                             includeRetracted: includeRetracted)
                if output.format == .json {
                    print(JSONText.encode(codings))
                    return
                }
                // Codings on editorial material (source notes, editors' footnotes, editorial notes) say so.
                let catalog = DocumentCatalog(database: try project.openForReading())
                var labels: [Int64: String?] = [:]
                for id in Set(codings.map(\.passageId)) {
                    let (passage, document) = try catalog.passage(id: id)
                    labels[id] = .some(Editorial.label(passage, in: document).map(Editorial.marker))
                }
                print(RowPrinter(headers: ["id", "coder", "passage_id", "case_id", "criterion_id", "direction", "span_start", "span_end", "quote", "note", "test", "attributes", "retracted_at", "editorial"],
                                 rows: codings.map { c in
                                     ["\(c.id!)", c.coder, "\(c.passageId)", c.caseId, c.criterionId, c.direction.rawValue, c.spanStart.map(String.init),
                                      c.spanEnd.map(String.init), c.quote, c.note, c.test,
                                      c.attributes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";"),
                                      c.retractedAt.map { ISO8601DateFormatter().string(from: $0) }, labels[c.passageId] ?? nil]
                                 }).render(output.format))
            }
        }
    }

    struct Queue: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A coder's assigned units in order: unit, passage, document citation, case, finished or not.",
            discussion: """
            For coders who work from a spreadsheet: the units to code, in the order `code session` \
            shows them. Your own queue by default; a lead or adjudicator may look at anyone's. In a \
            team working copy, finished means finished on the team server.

            Examples:
              dossier code queue --round rel-1 --as ana
              dossier code queue --round rel-1 --as kim --coder ana --format csv > ana-queue.csv
            """)
        @OptionGroup var project: ProjectOptions
        @OptionGroup var identity: IdentityOptions
        @Option(help: "Round name.") var round: String
        @Option(help: "Whose queue (default: yours).") var coder: String?
        @Flag(help: "Only units not finished yet.") var remaining = false
        @OptionGroup var output: OutputOptions

        func run() throws {
            try reportingErrors {
                let db = try project.openForReading()
                let who = try coder ?? identity.acting(legacy: nil)
                let reading = try project.workStore.queue(round: round, coder: who, as: identity.viewer)
                let queue = reading.value
                if let notice = reading.notice { printError(notice) }
                let catalog = DocumentCatalog(database: db)
                var rows: [[String?]] = []
                for (i, entry) in queue.enumerated() where !(remaining && entry.done) {
                    let (passage, document) = try catalog.passage(id: entry.unit.passageId)
                    let citation = Citation(document: document, passage: passage)
                    rows.append(["\(i + 1)", "\(entry.unit.passageId)", "\(document.id!)", citation.frusShort ?? citation.chicago,
                                 entry.unit.caseId, entry.done ? "yes" : "no", Editorial.label(passage, in: document).map(Editorial.marker)])
                }
                print(RowPrinter(headers: ["unit", "passage_id", "document_id", "citation", "case_id", "done", "editorial"], rows: rows)
                    .render(output.format))
                if output.format == .table {
                    printError("\(who): \(queue.filter(\.done).count) of \(queue.count) unit(s) finished in round \(round).")
                }
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import codings from CSV, all or nothing.",
            discussion: """
            Columns (header row, any order): coder, round, case, and either passage (id) or \
            document + anchor; criterion; optional direction (supports or contradicts), span_start, \
            span_end, note, test, attributes \
            (name=value;name=value) and done (yes marks the unit finished). Every bad row is \
            reported as file:row:column and nothing is imported. See README for an example.

            With --as (or DOSSIER_CODER), each row's coder must be you, unless you are a lead or \
            adjudicator importing a file a coder sent you. Into an open blind round a file must be \
            imported with --as; elsewhere, without --as, the coder column is taken at its word.

            Example:
              dossier code import ana-rel-1.csv --as ana
            """)
        @OptionGroup var project: ProjectOptions
        @Argument(help: "The CSV file.") var file: String
        @OptionGroup var identity: IdentityOptions

        func run() throws {
            try reportingErrors {
                let store = CodingStore(database: try project.open())
                let r = try CodingCSVImporter(store: store).importFile(URL(fileURLWithPath: file), as: identity.viewer)
                print("\(file): \(r.added) coding(s) added, \(r.skipped) already present, \(r.unitsDone) unit(s) marked done.")
            }
            sendToTeamServer(project)
        }
    }
}

func parseSpan(_ text: String?) throws -> Range<Int>? {
    guard let text else { return nil }
    let parts = text.split(separator: ":").map { Int($0) }
    guard parts.count == 2, let a = parts[0], let b = parts[1], a >= 0, a < b else {
        throw ValidationError("--span takes START:END with 0 <= START < END, e.g. --span 0:84, not '\(text)'.")
    }
    return a..<b
}

func parseAttributes(_ pairs: [String]) throws -> [String: String] {
    var out: [String: String] = [:]
    for pair in pairs {
        let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
        guard kv.count == 2, !kv[0].isEmpty else { throw ValidationError("--attr takes name=value, e.g. --attr amount=500000, not '\(pair)'.") }
        out[kv[0]] = kv[1]
    }
    return out
}
