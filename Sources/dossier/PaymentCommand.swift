import ArgumentParser
import Codebook
import Foundation
import ProjectStore

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
        @OptionGroup var identity: IdentityOptions
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
                    basis: b, years: span, status: stat, note: note, source: source, evidence: evidence), by: identity.editor)
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
                let r = try RegisterStore(database: try project.openForReading()).register()
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
                let r = try RegisterStore(database: try project.openForReading()).register()
                guard let p = r.payments.first(where: { $0.id == id }) else { throw StoreError.notFound(kind: "payment", id: id) }
                print(JSONText.encode(p))
            }
        }
    }
}
