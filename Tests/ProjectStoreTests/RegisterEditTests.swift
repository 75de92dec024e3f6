import Codebook
import Foundation
import Testing
@testable import ProjectStore

/// Single register edits are checked like a register file, and never overwrite by accident.
@Suite struct RegisterEditTests {
    @Test func addingAnExistingActorIsRefusedAndUpdateKeepsWhatItIsNotTold() throws {
        let (sample, _, _) = try openRoundProject()
        let register = RegisterStore(database: sample.database)
        let before = try #require(try register.register().actor("USA"))
        #expect(throws: StoreError.self) { try register.create(actor: Actor(id: "USA", name: "Somewhere else", kind: .state)) }
        #expect(try register.register().actor("USA") == before)
        let updated = try register.updateActor(id: "USA", name: "United States")
        #expect(updated.name == "United States" && updated.aliases == before.aliases && updated.iso3 == before.iso3)
        #expect(throws: StoreError.self) { try register.updateActor(id: "NOPE", name: "x") }
        try register.create(actor: Actor(id: "ZZZ", name: "Testland", kind: .state))
        #expect(try register.register().actor("ZZZ")?.name == "Testland")
    }

    @Test func aPaymentsSubtypeMustBelongToItsSchemeAndItsEvidenceMustExist() throws {
        let (sample, _, units) = try openRoundProject()
        let register = RegisterStore(database: sample.database)
        let caseId = units[0].caseId
        let before = try TestSupport.snapshot(sample.database)
        do {
            try register.add(payment: Payment(id: "T#1", caseID: caseId, payer: "USA", scheme: .sideDeal, subtype: .transport, status: .paid))
            Issue.record("a transport side deal was accepted")
        } catch let error as StoreError {
            #expect(error.errorDescription?.contains("is not a kind of side_deal") == true, "\(error)")
        }
        do {
            try register.add(payment: Payment(id: "T#2", caseID: caseId, payer: "USA", scheme: .deploymentSubsidy, subtype: .transport,
                                              status: .paid, evidence: ["p999999"]))
            Issue.record("evidence naming no passage was accepted")
        } catch let error as StoreError {
            #expect(error.errorDescription?.contains("evidence 'p999999' is not a passage") == true, "\(error)")
        }
        #expect(try TestSupport.snapshot(sample.database) == before)
        try register.add(payment: Payment(id: "T#3", caseID: caseId, payer: "USA", scheme: .deploymentSubsidy, subtype: .transport,
                                          status: .paid, evidence: ["p\(units[0].passageId)", "\(units[0].passageId)"]))
        #expect(try register.register().payments.contains { $0.id == "T#3" })
    }
}
