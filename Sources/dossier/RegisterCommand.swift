import ArgumentParser
import Codebook
import Foundation
import ProjectStore

struct RegisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Bulk-load the case register (actors, operations, cases, payments) from YAML.",
        discussion: """
        The whole file is validated first; every problem is reported with file:line and nothing is
        loaded unless the file is clean. Loading again updates entries by id and deletes nothing.

        Examples:
          dossier register validate Imports/register/buying-allies.yaml
          dossier register load Imports/register/buying-allies.yaml
        """,
        subcommands: [Load.self, Validate.self]
    )

    struct Load: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Validate and load a register file.")
        @OptionGroup var project: ProjectOptions
        @Argument(help: "The register YAML file.") var file: String

        func run() throws {
            try reportingErrors {
                let r = try RegisterStore(database: try project.open()).load(file: URL(fileURLWithPath: file))
                print("\(file): \(r.actors) actor(s), \(r.operations) operation(s), \(r.cases) case(s), \(r.payments) payment(s) loaded.")
            }
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check a register file without loading it.")
        @Argument(help: "The register YAML file.") var file: String

        func run() throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                printError("error: \(file): cannot read the file.")
                throw ExitCode.failure
            }
            let issues = Register.validate(data: data, path: file)
            for issue in issues { printError("\(issue)") }
            if issues.contains(where: { $0.severity == .error }) { throw ExitCode.failure }
            print("\(file): valid.")
        }
    }
}

struct ActorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actor",
        abstract: "Add, list and show actors (states and organisations) and their aliases.",
        discussion: """
        Examples:
          dossier actor add KOR --name "South Korea" --iso3 KOR --alias ROK --alias "Republic of Korea"
          dossier actor list --format csv
          dossier actor show KOR
        """,
        subcommands: [Add.self, List.self, Show.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add or update an actor.")
        @OptionGroup var project: ProjectOptions
        @Argument(help: "Actor id (ISO 3166 alpha-3 for states, e.g. COL).") var id: String
        @Option(help: "Name.") var name: String
        @Option(help: "state or organisation (others: \(Actor.Kind.allCases.map(\.rawValue).joined(separator: ", "))).") var kind: String = "state"
        @Option(help: "ISO 3166 alpha-3 code.") var iso3: String?
        @Option(help: "Another name (repeatable); end with * to match word starts (Korea* matches Koreans).") var alias: [String] = []

        func run() throws {
            try reportingErrors {
                guard let k = Actor.Kind(rawValue: kind) else {
                    throw ValidationError("--kind must be one of \(Actor.Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
                }
                if let iso3, !ISOCodes.isCountry(iso3) { throw ValidationError("--iso3 \(iso3) is not an ISO 3166 alpha-3 code.") }
                try RegisterStore(database: try project.open()).add(actor: Actor(id: id, name: name, kind: k, iso3: iso3, aliases: alias))
                print("Saved actor \(id) (\(name)).")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List actors.")
        @OptionGroup var project: ProjectOptions
        @OptionGroup var output: OutputOptions
        func run() throws {
            try reportingErrors {
                let r = try RegisterStore(database: try project.open()).register()
                print(RowPrinter(headers: ["id", "name", "kind", "iso3", "aliases"],
                                 rows: r.actors.map { [$0.id, $0.name, $0.kind.rawValue, $0.iso3, $0.aliases.joined(separator: "; ")] })
                    .render(output.format))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show an actor with its cases.")
        @OptionGroup var project: ProjectOptions
        @Argument(help: "Actor id.") var id: String
        func run() throws {
            try reportingErrors {
                let r = try RegisterStore(database: try project.open()).register()
                guard let a = r.actor(id) else { throw StoreError.notFound(kind: "actor", id: id) }
                print(JSONText.encode(["actor": AnyEncodable(a), "cases": AnyEncodable(r.cases.filter { $0.recipient == id })]))
            }
        }
    }
}

struct OperationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "operation",
        abstract: "Add, list and show operations.",
        discussion: """
        Examples:
          dossier operation add KOREA --name "Korean War" --framework un --start 1950 --end 1953 --pivotal USA
          dossier operation list
        """,
        subcommands: [Add.self, List.self, Show.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add or update an operation.")
        @OptionGroup var project: ProjectOptions
        @Argument(help: "Operation id.") var id: String
        @Option(help: "Name.") var name: String
        @Option(help: "Framework: \(MilitaryOperation.Framework.allCases.map(\.rawValue).joined(separator: ", ")).") var framework: String
        @Option(help: "First year.") var start: Int
        @Option(help: "Last year.") var end: Int?
        @Option(help: "Pivotal state actor id (repeatable).") var pivotal: [String] = []

        func run() throws {
            try reportingErrors {
                guard let f = MilitaryOperation.Framework(rawValue: framework) else {
                    throw ValidationError("--framework must be one of \(MilitaryOperation.Framework.allCases.map(\.rawValue).joined(separator: ", ")).")
                }
                try RegisterStore(database: try project.open()).add(operation: MilitaryOperation(
                    id: id, name: name, framework: f, startYear: start, endYear: end, pivotalStates: pivotal))
                print("Saved operation \(id) (\(name)).")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List operations.")
        @OptionGroup var project: ProjectOptions
        @OptionGroup var output: OutputOptions
        func run() throws {
            try reportingErrors {
                let r = try RegisterStore(database: try project.open()).register()
                print(RowPrinter(headers: ["id", "name", "framework", "start_year", "end_year", "pivotal_states"],
                                 rows: r.operations.map { [$0.id, $0.name, $0.framework.rawValue, "\($0.startYear)", $0.endYear.map(String.init), $0.pivotalStates.joined(separator: ";")] })
                    .render(output.format))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show an operation with its cases.")
        @OptionGroup var project: ProjectOptions
        @Argument(help: "Operation id.") var id: String
        func run() throws {
            try reportingErrors {
                let r = try RegisterStore(database: try project.open()).register()
                guard let o = r.operation(id) else { throw StoreError.notFound(kind: "operation", id: id) }
                print(JSONText.encode(["operation": AnyEncodable(o), "cases": AnyEncodable(r.cases.filter { $0.operation == id })]))
            }
        }
    }
}

struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "Add, list and show cases (a recipient state in an operation).",
        discussion: """
        Examples:
          dossier case add KOREA/COL --recipient COL --operation KOREA
          dossier case list --format csv
          dossier case show KOREA/COL
        """,
        subcommands: [Add.self, List.self, Show.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add or update a case.")
        @OptionGroup var project: ProjectOptions
        @Argument(help: "Case id.") var id: String
        @Option(help: "Recipient actor id.") var recipient: String
        @Option(help: "Operation id.") var operation: String
        @Option(help: "Note.") var note: String?
        func run() throws {
            try reportingErrors {
                try RegisterStore(database: try project.open()).add(case: CoalitionCase(id: id, recipient: recipient, operation: operation, note: note))
                print("Saved case \(id).")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List cases.")
        @OptionGroup var project: ProjectOptions
        @OptionGroup var output: OutputOptions
        func run() throws {
            try reportingErrors {
                let r = try RegisterStore(database: try project.open()).register()
                print(RowPrinter(headers: ["id", "recipient", "recipient_name", "operation", "payments"],
                                 rows: r.cases.map { c in [c.id, c.recipient, r.actor(c.recipient)?.name, c.operation, "\(r.payments(inCase: c.id).count)"] })
                    .render(output.format))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a case with its payments.")
        @OptionGroup var project: ProjectOptions
        @Argument(help: "Case id.") var id: String
        func run() throws {
            try reportingErrors {
                let r = try RegisterStore(database: try project.open()).register()
                guard let c = r.coalitionCase(id) else { throw StoreError.notFound(kind: "case", id: id) }
                print(JSONText.encode(["case": AnyEncodable(c), "recipient": AnyEncodable(r.actor(c.recipient)),
                                       "operation": AnyEncodable(r.operation(c.operation)), "payments": AnyEncodable(r.payments(inCase: id))]))
            }
        }
    }
}

struct PaymentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payment",
        abstract: "Add, list and show payments in the ledger.",
        discussion: """
        Examples:
          dossier payment add KOREA/COL-transport --case KOREA/COL --payer USA --scheme deployment_subsidy \\
              --subtype transport --amount 500000 --currency USD --basis per_month --years 1951-1953 --status paid
          dossier payment list --case KOREA/COL --format csv
        """,
        subcommands: [Add.self, List.self, Show.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add or update a payment.")
        @OptionGroup var project: ProjectOptions
        @Argument(help: "Payment id.") var id: String
        @Option(name: .customLong("case"), help: "Case id.") var caseId: String
        @Option(help: "Payer actor id.") var payer: String
        @Option(help: "Scheme: \(PaymentScheme.allCases.map(\.rawValue).joined(separator: ", ")).") var scheme: String
        @Option(help: "Subtype: \(PaymentSubtype.allCases.map(\.rawValue).joined(separator: ", ")).") var subtype: String?
        @Option(help: "Amount (a number).") var amount: String?
        @Option(help: "ISO 4217 currency.") var currency: String?
        @Option(help: "Basis: \(Payment.Basis.allCases.map(\.rawValue).joined(separator: ", ")).") var basis: String = "total"
        @Option(help: "Years, e.g. 1951 or 1951-1953.") var years: String?
        @Option(help: "Status: \(Payment.Status.allCases.map(\.rawValue).joined(separator: ", ")).") var status: String
        @Option(help: "Note.") var note: String?
        @Option(help: "Source of the information.") var source: String?
        @Option(help: "Evidence passage id (repeatable).") var evidence: [String] = []

        func run() throws {
            try reportingErrors {
                guard let s = PaymentScheme(rawValue: scheme) else { throw ValidationError("--scheme must be one of \(PaymentScheme.allCases.map(\.rawValue).joined(separator: ", ")).") }
                let st = try subtype.map { v -> PaymentSubtype in
                    guard let t = PaymentSubtype(rawValue: v) else { throw ValidationError("--subtype must be one of \(PaymentSubtype.allCases.map(\.rawValue).joined(separator: ", ")).") }
                    return t
                }
                guard let b = Payment.Basis(rawValue: basis) else { throw ValidationError("--basis must be one of \(Payment.Basis.allCases.map(\.rawValue).joined(separator: ", ")).") }
                guard let stat = Payment.Status(rawValue: status) else { throw ValidationError("--status must be one of \(Payment.Status.allCases.map(\.rawValue).joined(separator: ", ")).") }
                let amt = try amount.map { v -> Decimal in
                    guard let d = Decimal(string: v), v.allSatisfy({ "0123456789.".contains($0) }) else { throw ValidationError("--amount must be a number such as 500000, not '\(v)'.") }
                    return d
                }
                if let currency, !ISOCodes.isCurrency(currency) { throw ValidationError("--currency \(currency) is not an ISO 4217 code.") }
                let span = try years.map { v -> YearSpan in
                    guard let y = YearSpan(v) else { throw ValidationError("--years takes 1951 or 1951-1953, not '\(v)'.") }
                    return y
                }
                try RegisterStore(database: try project.open()).add(payment: Payment(
                    id: id, caseID: caseId, payer: payer, scheme: s, subtype: st, amount: amt, currency: currency,
                    basis: b, years: span, status: stat, note: note, source: source, evidence: evidence))
                print("Saved payment \(id).")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List payments.")
        @OptionGroup var project: ProjectOptions
        @Option(name: .customLong("case"), help: "Only this case.") var caseId: String?
        @OptionGroup var output: OutputOptions
        func run() throws {
            try reportingErrors {
                let r = try RegisterStore(database: try project.open()).register()
                let payments = r.payments.filter { caseId == nil || $0.caseID == caseId }
                print(RowPrinter(headers: ["id", "case", "payer", "scheme", "subtype", "amount", "currency", "basis", "years", "status", "note"],
                                 rows: payments.map { p in
                                     [p.id, p.caseID, p.payer, p.scheme.rawValue, p.subtype?.rawValue, p.amount.map { "\($0)" }, p.currency,
                                      p.basis.rawValue, p.years?.description, p.status.rawValue, p.note]
                                 }).render(output.format))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a payment.")
        @OptionGroup var project: ProjectOptions
        @Argument(help: "Payment id.") var id: String
        func run() throws {
            try reportingErrors {
                let r = try RegisterStore(database: try project.open()).register()
                guard let p = r.payments.first(where: { $0.id == id }) else { throw StoreError.notFound(kind: "payment", id: id) }
                print(JSONText.encode(p))
            }
        }
    }
}

struct MentionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mentions",
        abstract: "List passages that name an actor by any alias (candidate evidence for its cases).",
        discussion: """
        Matching is on word boundaries, ignoring case and accents: "Korea" does not match
        "Koreans" unless the alias is written "Korea*". FRUS persName/gloss links whose
        persons or terms entry names the actor count too.

        Examples:
          dossier mentions --actor ROK
          dossier mentions --case KOREA/COL --format csv
        """
    )
    @OptionGroup var project: ProjectOptions
    @Option(help: "Actor id or any alias.") var actor: String?
    @Option(name: .customLong("case"), help: "A case: mentions of its recipient.") var caseId: String?
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingErrors {
            let finder = MentionFinder(database: try project.open())
            let mentions: [Mention]
            if let caseId { mentions = try finder.mentions(ofCase: caseId) }
            else if let actor { mentions = try finder.mentions(ofActor: actor) }
            else { throw ValidationError("give --actor or --case.") }
            if output.format == .json { print(JSONText.encode(mentions)); return }
            print(RowPrinter(headers: ["passage_id", "document_id", "kind", "actor_id", "alias", "start", "end", "text"],
                             rows: mentions.map { [String($0.passageId), String($0.documentId), $0.kind, $0.actorId, $0.alias,
                                                   $0.start.map(String.init), $0.end.map(String.init), $0.text] }).render(output.format))
            if output.format == .table { printError("\(mentions.count) mention(s) in \(Set(mentions.map(\.passageId)).count) passage(s).") }
        }
    }
}

/// Type erasure so heterogeneous values can be printed as one JSON object.
struct AnyEncodable: Encodable {
    let encodeValue: (Encoder) throws -> Void
    init<T: Encodable>(_ value: T) { encodeValue = value.encode }
    func encode(to encoder: Encoder) throws { try encodeValue(encoder) }
}
