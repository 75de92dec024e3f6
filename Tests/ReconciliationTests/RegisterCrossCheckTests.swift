import Codebook
import Testing
@testable import Reconciliation

@Suite("Codings that name a register payment, checked against it")
struct RegisterCrossCheckTests {
    static let register = Register(
        actors: [Actor(id: "USA", name: "United States", kind: .state), Actor(id: "COL", name: "Colombia", kind: .state)],
        operations: [MilitaryOperation(id: "KOREA-1950", name: "Korea", framework: .usLed, startYear: 1950)],
        cases: [CoalitionCase(id: "KOREA-1950/COL", recipient: "COL", operation: "KOREA-1950")],
        payments: [
            Payment(id: "KOREA-1950/COL#1", caseID: "KOREA-1950/COL", payer: "USA", scheme: .deploymentSubsidy,
                    subtype: .otherDeploymentCost, status: .paid),
            Payment(id: "KOREA-1950/COL#2", caseID: "KOREA-1950/COL", payer: "USA", scheme: .sideDeal, status: .paid),
        ])

    func reference(_ criterion: String, _ payment: String, _ direction: EvidenceDirection = .supports, passage: Int64 = 7,
                   coder: String = "ana") -> PaymentReference {
        PaymentReference(caseId: "KOREA-1950/COL", passageId: passage, coder: coder, criterion: criterion, direction: direction, payment: payment)
    }

    @Test func agreeingReferencesGiveNothing() {
        let refs = [reference("PAY.other_deployment_cost", "KOREA-1950/COL#1"), reference("PAY.loan", "KOREA-1950/COL#2")]
        #expect(RegisterCrossCheck.paymentReferences(refs, caseId: "KOREA-1950/COL", register: Self.register).isEmpty)
    }

    @Test func anotherKindAnotherSchemeOrAContradictionIsListed() {
        let refs = [reference("PAY.equipment", "KOREA-1950/COL#1"),
                    reference("PAY.transport", "KOREA-1950/COL#2", passage: 8),
                    reference("PAY.other_deployment_cost", "KOREA-1950/COL#1", .contradicts, passage: 9, coder: "ben"),
                    reference("PAY.equipment", "KOREA-1950/COL#1", passage: 7, coder: "ana")]
        let lines = RegisterCrossCheck.paymentReferences(refs, caseId: "KOREA-1950/COL", register: Self.register).map(\.line)
        #expect(lines == [
            "KOREA-1950/COL: register records KOREA-1950/COL#1 as other_deployment_cost; evidence passage 7 (ana) documents it as PAY.equipment",
            "KOREA-1950/COL: register records KOREA-1950/COL#1 as other_deployment_cost; evidence passage 9 (ben) contradicts it (PAY.other_deployment_cost)",
            "KOREA-1950/COL: register records KOREA-1950/COL#2 as side_deal; evidence passage 8 (ana) documents it as PAY.transport, a deployment_subsidy, not a side_deal",
        ])
        #expect(RegisterCrossCheck.paymentReferences(refs, caseId: "OTHER", register: Self.register).isEmpty)
    }
}
