import Foundation
import Testing
@testable import Codebook

@Suite("Loading the case register")
struct RegisterTests {
    @Test("the buying-allies register loads cleanly and hangs together")
    func buyingAllies() throws {
        let data = try Fixtures.data("Imports/register/buying-allies.yaml")
        let issues = Register.validate(data: data, path: "Imports/register/buying-allies.yaml")
        #expect(issues.isEmpty, "\(issues.map(\.description).joined(separator: "\n"))")
        let register = try Register.load(data: data, path: "Imports/register/buying-allies.yaml")
        #expect(register.operations.count == 9)
        #expect(register.cases.count >= 33)
        let colombia = register.payments(inCase: "KOREA-1950/COL")
        #expect(colombia.first?.amount == Decimal(500_000))
        #expect(colombia.first?.basis == .perMonth)
        #expect(colombia.first?.years == YearSpan(from: 1950, to: 1951))
        let egypt = register.payments(inCase: "GULF-1990/EGY").first
        #expect(egypt?.amount == Decimal(string: "7100000000"))
        #expect(egypt?.subtype == .debtRelief && egypt?.scheme == .sideDeal)
        #expect(register.actor("KOR")?.aliases.contains("Republic of Korea") == true)
        #expect(register.operation("ECOMOG-1990")?.pivotalStates == ["USA"])
        // Every case's id follows OPERATION/RECIPIENT, every payment's CASE#N.
        for item in register.cases {
            #expect(item.id == "\(item.operation)\(item.subject == .operationActor ? "@" : "/")\(item.recipient)")
        }
        for payment in register.payments { #expect(payment.id.hasPrefix(payment.caseID + "#")) }
        // Codable round trip (a store keeps it as JSON).
        let json = try JSONEncoder().encode(register)
        #expect(try JSONDecoder().decode(Register.self, from: json) == register)
    }

    static let valid = """
    actors:
      - {id: USA, name: United States, kind: state, iso3: USA, aliases: ["=US"]}
      - {id: COL, name: Colombia, kind: state, iso3: COL}
    operations:
      - {id: KOREA-1950, name: Korean War, framework: us_led, start_year: 1950, end_year: 1953, pivotal_states: [USA]}
    cases:
      - {id: KOREA-1950/COL, operation: KOREA-1950, recipient: COL}
    payments:
      - id: "KOREA-1950/COL#1"
        case: KOREA-1950/COL
        payer: USA
        scheme: deployment_subsidy
        subtype: equipment
        amount: 500_000.50
        currency: USD
        period: 1950-1951
        status: paid
        evidence: [frus-1950-v07-d123-p4]
    """

    @Test("a small register loads")
    func small() throws {
        let register = try Register.load(data: Data(Self.valid.utf8), path: "r.yaml")
        #expect(register.payments.first?.amount == Decimal(string: "500000.5"))
        #expect(register.payments.first?.evidence == ["frus-1950-v07-d123-p4"])
        #expect(register.operations.first?.endYear == 1953)
    }

    @Test("every bad row is reported with its line, and nothing is half-loaded")
    func badRows() {
        let yaml = """
        actors:
          - {id: USA, name: United States, kind: state, iso3: USA}
          - {id: COL, name: Colombia, kind: country, iso3: COL}
          - {id: XYZ, name: Nowhere, kind: state, iso3: XYZ}
          - {id: USA, name: Duplicate, kind: state}
        operations:
          - {id: KOREA-1950, name: Korean War, framework: un_led, start_year: 1950, pivotal_states: [USA, GBR]}
        cases:
          - {id: KOREA-1950/COL, operation: KOREA-1950, recipient: COL}
          - {id: KOREA-1950/ETH, operation: KOREA-1950, recipient: ETH}
        payments:
          - id: "KOREA-1950/COL#1"
            case: KOREA-1950/COX
            payer: USA
            scheme: deployment_subsidy
            subtype: debt_relief
            amount: $500,000
            currency: US$
            year: 1951
            period: 1950-1951
            status: paid
          - id: "KOREA-1950/COL#2"
            case: KOREA-1950/COL
            payer: USA
            scheme: bribe
            amount: 12
            status: pending
        """
        let issues = Register.validate(data: Data(yaml.utf8), path: "Imports/register/bad.yaml")
        let errors = issues.filter { $0.severity == .error }.map { ($0.location.line, $0.problem) }
        let expected: [(Int, RegisterProblem)] = [
            (3, .unknownValue("country", field: "actor kind", allowed: ["state", "organisation"])),
            (4, .badCountryCode("XYZ", actor: "XYZ")),
            (5, .duplicateID("USA", kind: "actor", firstLine: 2)),
            (7, .unknownValue("un_led", field: "framework", allowed: MilitaryOperation.Framework.allCases.map(\.rawValue))),
            (7, .unknownReference("GBR", kind: "actor", from: "operation `KOREA-1950`")),
            (10, .unknownReference("ETH", kind: "actor", from: "case `KOREA-1950/ETH`")),
            (13, .unknownReference("KOREA-1950/COX", kind: "case", from: "payment `KOREA-1950/COL#1`")),
            (16, .subtypeSchemeMismatch(subtype: "debt_relief", scheme: "deployment_subsidy", payment: "KOREA-1950/COL#1")),
            (17, .badAmount("$500,000", payment: "KOREA-1950/COL#1")),
            (18, .badCurrencyCode("US$", payment: "KOREA-1950/COL#1")),
            (20, .yearAndPeriod(payment: "KOREA-1950/COL#1")),
            (25, .unknownValue("bribe", field: "payment scheme", allowed: ["deployment_subsidy", "side_deal"])),
            (26, .amountWithoutCurrency(payment: "KOREA-1950/COL#2")),
            (27, .unknownValue("pending", field: "payment status", allowed: ["offered", "agreed", "paid", "refused"])),
        ]
        for (line, problem) in expected {
            #expect(errors.contains { $0.0 == line && $0.1 == problem }, "missing line \(line): \(problem)\n\(errors)")
        }
        #expect(errors.count == expected.count, "\(errors)")

        do {
            _ = try Register.load(data: Data(yaml.utf8), path: "Imports/register/bad.yaml")
            Issue.record("a register with errors loaded")
        } catch {
            #expect(error.issues.count == expected.count)
            #expect(error.description.contains("Imports/register/bad.yaml:10:"))
            #expect(error.description.contains("refers to actor `ETH`, which the register does not define"))
        }
    }

    @Test("warnings (unknown keys, ambiguous aliases) do not stop loading")
    func warnings() throws {
        let yaml = Self.valid.replacingOccurrences(
            of: "  - {id: COL, name: Colombia, kind: state, iso3: COL}",
            with: "  - {id: COL, name: Colombia, kind: state, iso3: COL, aliases: [\"=US\"], flag: yellow}")
        let issues = Register.validate(data: Data(yaml.utf8), path: "r.yaml")
        #expect(issues.allSatisfy { $0.severity == .warning })
        #expect(issues.map(\.problem).contains(.shape(.unknownKey("flag", in: "an actor"))))
        #expect(issues.map(\.problem).contains(.ambiguousAlias("=US", actors: ["USA", "COL"])))
        #expect(issues.allSatisfy { $0.location.line == 3 })
        _ = try Register.load(data: Data(yaml.utf8), path: "r.yaml")
    }

    @Test("syntax errors and wrong shapes are reported, not crashed on")
    func shapes() {
        let syntax = Register.validate(data: Data("actors: [\n".utf8), path: "r.yaml")
        #expect(syntax.count == 1 && syntax[0].severity == .error)
        let notList = Register.validate(data: Data("actors: USA\n".utf8), path: "r.yaml")
        #expect(notList.map(\.problem) == [.shape(.notAList(what: "actors"))])
        let missing = Register.validate(data: Data("cases:\n  - {id: X}\n".utf8), path: "r.yaml")
        #expect(missing.map(\.problem) == [
            .shape(.missingKey("recipient", in: "a case")), .shape(.missingKey("operation", in: "a case")),
        ])
        #expect(missing.allSatisfy { $0.location.line == 2 })
    }

    @Test("year spans")
    func years() {
        #expect(YearSpan("1951") == YearSpan(from: 1951, to: 1951))
        #expect(YearSpan("1950-1953") == YearSpan(from: 1950, to: 1953))
        #expect(YearSpan("1950/1953")?.description == "1950-1953")
        #expect(YearSpan("1953-1950") == nil)
        #expect(YearSpan("51") == nil)
        #expect(YearSpan("1950-07") == nil)
    }
}
