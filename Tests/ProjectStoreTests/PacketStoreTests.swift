import Foundation
import Testing
@testable import ProjectStore

@Suite struct PacketStoreTests {
    @Test func aLaptopPacketMergesOnceAndOnlyOnce() throws {
        let (main, mainStore, _) = try openRoundProject()
        let (laptop, laptopStore, units) = try openRoundProject()
        try laptopStore.add(.init(coder: "ana", round: "rel-1", unit: units[0], criterion: "WIR.volunteered", span: 0..<20, note: "n"))
        try laptopStore.add(.init(coder: "ben", round: "rel-1", unit: units[0], criterion: "WIR.link"))
        try laptopStore.markDone(coder: "ana", round: "rel-1", unit: units[0])
        let packet = try PacketStore(database: laptop.database).export(coder: "ana", round: "rel-1", as: Viewer("ana"))
        #expect(packet.codings.count == 1, "only ana's own codings travel")
        #expect(packet.done.count == 1)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("packet-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("ana.json")
        try PacketStore.write(packet, to: file)
        let read = try PacketStore.read(file)
        let first = try PacketStore(database: main.database).merge(read, file: file.path)
        #expect(first == .init(added: 1, alreadyPresent: 0, unitsDone: 1))
        let before = try TestSupport.snapshot(main.database)
        let second = try PacketStore(database: main.database).merge(read, file: file.path)
        #expect(second == .init(added: 0, alreadyPresent: 1, unitsDone: 0))
        #expect(try TestSupport.snapshot(main.database) == before)
        let merged = try mainStore.codings(round: "rel-1", viewer: "ana")
        #expect(merged.first?.quote == packet.codings.first?.quote)
    }

    @Test func packetsFromAnotherCorpusOrCodebookAreRefused() throws {
        let (main, _, _) = try openRoundProject()
        let (laptop, laptopStore, units) = try openRoundProject()
        try laptopStore.add(.init(coder: "ana", round: "rel-1", unit: units[0], criterion: "WIR.volunteered"))
        let packet = try PacketStore(database: laptop.database).export(coder: "ana", round: "rel-1", as: Viewer("ana"))
        let target = PacketStore(database: main.database)
        let before = try TestSupport.snapshot(main.database)

        var otherCorpus = packet
        otherCorpus.documents[0].contentHash = String(repeating: "0", count: 64)
        otherCorpus.corpusFingerprint = PacketStore.fingerprint(otherCorpus.documents)
        #expect(throws: PacketError.corpusMismatch(file: "p.json", documents: [packet.documents[0].identity])) {
            try target.merge(otherCorpus, file: "p.json")
        }
        var otherCodebook = packet
        otherCodebook.codebookHash = "feed"
        #expect(throws: PacketError.self) { try target.merge(otherCodebook, file: "p.json") }
        var tampered = packet
        tampered.documents.removeLast()
        #expect(throws: PacketError.fingerprintMismatch(file: "p.json")) { try target.merge(tampered, file: "p.json") }
        #expect(try TestSupport.snapshot(main.database) == before)
    }
}
