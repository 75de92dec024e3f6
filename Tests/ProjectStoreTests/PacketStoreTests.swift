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
        let first = try PacketStore(database: main.database).merge(read, file: file.path, as: Viewer("ana"))
        #expect(first == .init(added: 1, alreadyPresent: 0, unitsDone: 1))
        let before = try TestSupport.snapshot(main.database)
        let second = try PacketStore(database: main.database).merge(read, file: file.path, as: Viewer("ana"))
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
            try target.merge(otherCorpus, file: "p.json", as: Viewer("ana"))
        }
        var otherCodebook = packet
        otherCodebook.codebookHash = "feed"
        #expect(throws: PacketError.self) { try target.merge(otherCodebook, file: "p.json", as: Viewer("ana")) }
        var tampered = packet
        tampered.documents.removeLast()
        #expect(throws: PacketError.fingerprintMismatch(file: "p.json")) { try target.merge(tampered, file: "p.json", as: Viewer("ana")) }
        #expect(try TestSupport.snapshot(main.database) == before)
    }
}

/// Corrections travel: retractions, notes, done marks; conflicts are reported and stored only by choice.
@Suite struct PacketCorrectionTests {
    func roundTrip(_ packet: CoderPacket) throws -> CoderPacket {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("packet-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("p.json")
        try PacketStore.write(packet, to: file)
        return try PacketStore.read(file)
    }

    @Test func aRetractionAndANoteMadeOnTheLaptopTravelAndMergingTwiceChangesNothing() throws {
        let (main, mainStore, _) = try openRoundProject()
        let (laptop, laptopStore, units) = try openRoundProject()
        let wrong = try laptopStore.add(.init(coder: "ana", round: "rel-1", unit: units[0], criterion: "WIR.link"))
        try laptopStore.add(.init(coder: "ana", round: "rel-1", unit: units[0], criterion: "WIR.volunteered"))
        let target = PacketStore(database: main.database)
        let ana = Viewer("ana")
        _ = try target.merge(try roundTrip(try PacketStore(database: laptop.database).export(coder: "ana", round: "rel-1", as: ana)),
                             file: "first.json", as: ana)
        #expect(Set(try mainStore.codings(round: "rel-1", viewer: "ana").map(\.criterionId)) == ["WIR.link", "WIR.volunteered"])
        // On the laptop: withdraw one tag, leave a note, finish the unit.
        _ = try laptopStore.retract(codingId: wrong.id!, by: "ana", reason: "misread the speaker")
        try laptopStore.addUnitNote(coder: "ana", round: "rel-1", unit: units[0], note: "speaker is the Thai envoy")
        try laptopStore.markDone(coder: "ana", round: "rel-1", unit: units[0])
        let packet = try roundTrip(try PacketStore(database: laptop.database).export(coder: "ana", round: "rel-1", as: ana))
        #expect(packet.format == 2 && packet.retractions?.count == 1 && packet.notes?.count == 1)
        let dry = try target.merge(packet, file: "second.json", dryRun: true, as: ana)
        #expect(dry.retracted == 1 && dry.notesAdded == 1 && dry.unitsDone == 1 && dry.conflicts.isEmpty)
        let before = try TestSupport.snapshot(main.database)
        let second = try target.merge(packet, file: "second.json", dryRun: true, as: ana)
        #expect(second == dry)
        #expect(try TestSupport.snapshot(main.database) == before, "a dry run writes nothing")
        let merged = try target.merge(packet, file: "second.json", as: ana)
        #expect(merged == dry)
        let live = try mainStore.codings(round: "rel-1", viewer: "ana")
        #expect(live.map(\.criterionId) == ["WIR.volunteered"])
        let withdrawn = try mainStore.codings(round: "rel-1", viewer: "ana", includeRetracted: true).first { $0.criterionId == "WIR.link" }
        #expect(withdrawn?.retractionReason?.contains("misread the speaker") == true)
        #expect(try mainStore.unitNotes(round: "rel-1", coder: "ana", unit: units[0]).map(\.note) == ["speaker is the Thai envoy"])
        let settled = try TestSupport.snapshot(main.database)
        let again = try target.merge(packet, file: "second.json", as: ana)
        #expect(again == .init(added: 0, alreadyPresent: 1, unitsDone: 0))
        #expect(try TestSupport.snapshot(main.database) == settled)
    }

    /// The same unit finished on both sides with different tags.
    func conflicting() throws -> (SampleProject, CodingStore, CoderPacket, CodingUnit) {
        let (main, mainStore, units) = try openRoundProject()
        let (laptop, laptopStore, _) = try openRoundProject()
        try mainStore.add(.init(coder: "ana", round: "rel-1", unit: units[0], criterion: "WIR.link"))
        try mainStore.markDone(coder: "ana", round: "rel-1", unit: units[0])
        try laptopStore.add(.init(coder: "ana", round: "rel-1", unit: units[0], criterion: "CRC.leverage"))
        try laptopStore.markDone(coder: "ana", round: "rel-1", unit: units[0])
        return (main, mainStore, try PacketStore(database: laptop.database).export(coder: "ana", round: "rel-1", as: Viewer("ana")), units[0])
    }

    @Test func conflictsAreListedAndNothingIsStoredWithoutAPreference() throws {
        let (main, _, packet, unit) = try conflicting()
        let before = try TestSupport.snapshot(main.database)
        do {
            _ = try PacketStore(database: main.database).merge(packet, file: "ana.json", as: Viewer("ana"))
            Issue.record("a conflicting packet merged")
        } catch let error as PacketError {
            guard case .conflicts(_, let coder, let conflicts) = error else { Issue.record("\(error)"); return }
            #expect(coder == "ana")
            #expect(conflicts == ["passage \(unit.passageId) for \(unit.caseId), CRC.leverage: tagged in the packet, not here (the unit is finished here)",
                                  "passage \(unit.passageId) for \(unit.caseId), WIR.link: tagged here, not in the packet (the unit is finished in the packet)"])
            #expect(error.errorDescription?.contains("--prefer packet or --prefer project") == true)
        }
        #expect(try TestSupport.snapshot(main.database) == before)
        let dry = try PacketStore(database: main.database).merge(packet, file: "ana.json", dryRun: true, as: Viewer("ana"))
        #expect(dry.conflicts.count == 2)
    }

    @Test func preferringThePacketTakesItsTagsAndWithdrawsTheOthers() throws {
        let (main, store, packet, _) = try conflicting()
        let r = try PacketStore(database: main.database).merge(packet, file: "ana.json", prefer: .packet, as: Viewer("ana"))
        #expect(r.added == 1 && r.retracted == 1 && r.conflicts.count == 2)
        #expect(try store.codings(round: "rel-1", viewer: "ana").map(\.criterionId) == ["CRC.leverage"])
        let settled = try TestSupport.snapshot(main.database)
        let again = try PacketStore(database: main.database).merge(packet, file: "ana.json", prefer: .packet, as: Viewer("ana"))
        #expect(again.conflicts.isEmpty && again.added == 0)
        #expect(try TestSupport.snapshot(main.database) == settled)
    }

    @Test func preferringTheProjectKeepsItsTags() throws {
        let (main, store, packet, _) = try conflicting()
        let r = try PacketStore(database: main.database).merge(packet, file: "ana.json", prefer: .project, as: Viewer("ana"))
        #expect(r.added == 0 && r.retracted == 0 && r.conflicts.count == 2)
        #expect(try store.codings(round: "rel-1", viewer: "ana").map(\.criterionId) == ["WIR.link"])
    }

    @Test func anotherCoderCannotMergeYourPacketWhileTheRoundIsBlind() throws {
        let (main, _, packet, _) = try conflicting()
        #expect(throws: CodingError.blind(round: "rel-1", viewer: "ben")) {
            try PacketStore(database: main.database).merge(packet, file: "ana.json", dryRun: true, as: Viewer("ben"))
        }
        #expect(throws: CodingError.blindNeedsViewer(round: "rel-1")) {
            try PacketStore(database: main.database).merge(packet, file: "ana.json", dryRun: true)
        }
        #expect(try PacketStore(database: main.database).merge(packet, file: "ana.json", dryRun: true, as: Viewer("lee")).conflicts.count == 2)
    }

    @Test func aFormatOnePacketStillMerges() throws {
        let (main, store, _) = try openRoundProject()
        let (laptop, laptopStore, units) = try openRoundProject()
        try laptopStore.add(.init(coder: "ana", round: "rel-1", unit: units[0], criterion: "WIR.link"))
        var packet = try PacketStore(database: laptop.database).export(coder: "ana", round: "rel-1", as: Viewer("ana"))
        packet.format = 1
        packet.retractions = nil
        packet.notes = nil
        let r = try PacketStore(database: main.database).merge(try roundTrip(packet), file: "old.json", as: Viewer("ana"))
        #expect(r.added == 1)
        #expect(try store.codings(round: "rel-1", viewer: "ana").count == 1)
    }

    @Test func aMalformedPacketIsNamedNotDumped() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("packet-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let (laptop, laptopStore, units) = try openRoundProject()
        try laptopStore.add(.init(coder: "ana", round: "rel-1", unit: units[0], criterion: "WIR.link"))
        let good = dir.appendingPathComponent("good.json")
        try PacketStore.write(try PacketStore(database: laptop.database).export(coder: "ana", round: "rel-1", as: Viewer("ana")), to: good)
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: good)) as? [String: Any])
        var codings = try #require(object["codings"] as? [[String: Any]])
        codings[0].removeValue(forKey: "criterion")
        object["codings"] = codings
        let cases: [(String, Data, String)] = [
            ("notes.txt", Data("these are my notes".utf8), "it is not JSON"),
            ("other.json", Data(#"{"name": "something else"}"#.utf8), "no packet header"),
            ("broken.json", try JSONSerialization.data(withJSONObject: object), "field codings[0].criterion is missing"),
        ]
        for (name, data, reason) in cases {
            let file = dir.appendingPathComponent(name)
            try data.write(to: file)
            do {
                _ = try PacketStore.read(file)
                Issue.record("\(name) was read as a packet")
            } catch let error as PacketError {
                let message = error.errorDescription ?? ""
                #expect(message.hasPrefix("not a Dossier packet: \(file.path)"), "\(message)")
                #expect(message.contains(reason), "\(message)")
                #expect(!message.contains("DecodingError") && !message.contains("CodingKeys"), "\(message)")
            }
        }
    }
}
