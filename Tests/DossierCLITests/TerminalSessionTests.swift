import Foundation
import GRDB
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real `dossier` binary on a pseudo-terminal, as a coder at a terminal runs it: stdin and
/// stdout are the terminal, so the session is full screen and keys arrive one by one.
final class PseudoTerminal {
    let master: Int32
    let process = Process()
    private(set) var output: [UInt8] = []
    /// How much of the output the last `expect` consumed.
    private var mark = 0

    init(_ args: [String], columns: Int = 80, rows: Int = 24) throws {
        // posix_openpt and friends sit behind _XOPEN_SOURCE in glibc's headers, which Swift's Glibc
        // module does not define; they are ordinary libc symbols, so they are looked up by name.
        typealias OpenPT = @convention(c) (Int32) -> Int32
        typealias PTCall = @convention(c) (Int32) -> Int32
        typealias PTSName = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?
        let libc = dlopen(nil, RTLD_NOW)
        guard let o = dlsym(libc, "posix_openpt"), let g = dlsym(libc, "grantpt"), let u = dlsym(libc, "unlockpt"),
              let p = dlsym(libc, "ptsname") else { throw CocoaError(.featureUnsupported) }
        master = unsafeBitCast(o, to: OpenPT.self)(O_RDWR | O_NOCTTY)
        guard master >= 0, unsafeBitCast(g, to: PTCall.self)(master) == 0, unsafeBitCast(u, to: PTCall.self)(master) == 0,
              let name = unsafeBitCast(p, to: PTSName.self)(master) else {
            throw CocoaError(.featureUnsupported)
        }
        let slave = open(String(cString: name), O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw CocoaError(.featureUnsupported) }
        resize(columns: columns, rows: rows)
        process.executableURL = try #require(CLI.binary, "the dossier binary was not built")
        process.arguments = args
        process.currentDirectoryURL = CLI.repoRoot
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "DOSSIER_DB")
        environment["TERM"] = "xterm-256color"
        process.environment = environment
        let handle = FileHandle(fileDescriptor: slave, closeOnDealloc: true)
        process.standardInput = handle
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        try handle.close()
    }

    deinit {
        if process.isRunning { process.terminate() }
        close(master)
    }

    func resize(columns: Int, rows: Int) {
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = withUnsafeMutablePointer(to: &size) { ioctl(master, UInt(TIOCSWINSZ), $0) }
    }

    func send(_ keys: String) {
        let bytes = Array(keys.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Reads what is there; false at end of output.
    @discardableResult
    func pump(milliseconds: Int32 = 200) -> Bool {
        var fds = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&fds, 1, milliseconds) > 0 else { return true }
        var buffer = [UInt8](repeating: 0, count: 8192)
        let n = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
        if n <= 0 { return false }
        output += buffer[0..<n]
        return true
    }

    /// The screen output since the last expectation.
    var recent: String { String(decoding: output[mark...], as: UTF8.self) }

    /// Reads until `text` appears in what the program wrote since the last expectation. The
    /// deadline only keeps a broken build from hanging the test run; it measures nothing.
    func expect(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let deadline = Date().addingTimeInterval(60)
        while !recent.contains(text) && Date() < deadline {
            if !pump() { break }
        }
        let seen = recent
        #expect(seen.contains(text), "never showed '\(text)'; last output: \(seen.suffix(600))", sourceLocation: sourceLocation)
        // The next expectation reads on from just after this match, which may be mid-screen.
        if let found = seen.range(of: text) { mark += seen.utf8.distance(from: seen.startIndex, to: found.upperBound) }
    }

    /// Reads to the end and waits for the program to exit; returns its status.
    func finish() -> Int32 {
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning && Date() < deadline { pump(milliseconds: 50) }
        while pump(milliseconds: 50) && output.count > 0 && Date() < deadline { if !process.isRunning { break } }
        process.waitUntilExit()
        return process.terminationStatus
    }
}

@Suite(.serialized) struct TerminalSessionTests {
    func project() throws -> (URL, String) {
        let dir = try CLI.tempDir()
        let db = dir.appendingPathComponent("p.sqlite").path
        for args in [["import", "--db", db, CLI.repoRoot.appendingPathComponent("Imports/transcripts").path],
                     ["codebook", "load", "--db", db, "Codebooks/buying-allies.yaml"],
                     ["register", "load", "--db", db, "Imports/register/buying-allies.yaml"],
                     ["coder", "add", "--db", db, "ana"], ["coder", "add", "--db", db, "ben"],
                     ["round", "create", "--db", db, "r", "--purpose", "reliability"],
                     ["assign", "--db", db, "--round", "r", "--coders", "ana,ben", "--case", "GULF-1990/EGY", "--query", "debt"]] {
            let r = try CLI.run(args)
            #expect(r.status == 0, "\(args): \(r.stderr)")
        }
        return (dir, db)
    }

    /// Criterion numbers by id, read from the session's own numbered list (the line mode prints
    /// `[ ] N. ID — label`, numbered as the screen numbers them), so a codebook that renumbers its
    /// criteria does not break the key sequences below.
    func numbers(db: String) throws -> [String: Int] {
        let r = try CLI.run(["code", "session", "--db", db, "--as", "ana", "--round", "r", "--plain"], stdin: "q\n")
        #expect(r.status == 0, "\(r.stderr)")
        var out: [String: Int] = [:]
        for line in r.stdout.split(separator: "\n") {
            let t = line.trimmingCharacters(in: .whitespaces)
            guard t.hasPrefix("["), let close = t.firstIndex(of: "]") else { continue }
            let rest = t[t.index(after: close)...].trimmingCharacters(in: .whitespaces)
            let parts = rest.split(separator: " ", maxSplits: 2)
            guard parts.count >= 2, parts[0].hasSuffix("."), let n = Int(parts[0].dropLast()) else { continue }
            out[String(parts[1])] = n
        }
        return out
    }

    @Test func keysOnARealTerminalAreSavedAndLoggedAndTheNextSessionResumes() throws {
        let (dir, db) = try project()
        defer { try? FileManager.default.removeItem(at: dir) }
        let session = ["code", "session", "--db", db, "--as", "ana", "--round", "r"]
        let number = try numbers(db: db)
        let debt = try #require(number["PAY.debt_relief"]), military = try #require(number["PAY.military_aid"])
        let volunteered = try #require(number["WIR.volunteered"])
        // Two-digit numbers are typed with Space after them, so a prefix of a longer number never waits.
        func key(_ n: Int) -> String { "\(n) " }

        let tty = try PseudoTerminal(session)
        tty.expect("\u{1B}[?1049h")                    // the alternate screen: full-screen mode
        tty.expect("unit 1 of 5")
        tty.send(key(debt)); tty.expect("tagged \(debt). PAY.debt_relief")
        tty.send(key(debt)); tty.expect("untagged \(debt). PAY.debt_relief")
        tty.send("u"); tty.expect("undone: untag of PAY.debt_relief")
        tty.send("/MILITARY  debt\r"); tty.expect("span selected")
        tty.send(key(military)); tty.expect("tagged \(military). PAY.military_aid on “military debt”")
        tty.send("m"); tty.expect("note (for the next tag")
        tty.send("asked as a quid pro quo?\r"); tty.expect("note kept")
        tty.send(key(volunteered)); tty.expect("tagged \(volunteered). WIR.volunteered with the note")
        tty.send("\u{1B}[6~"); tty.expect("── criteria")   // Page Down redraws; the checklist stays
        tty.resize(columns: 100, rows: 30)
        kill(tty.process.processIdentifier, SIGWINCH)
        tty.expect("\u{1B}[30;1H")                     // redrawn to the new size
        tty.send("\r"); tty.expect("unit 2 of 5"); tty.expect("unit 1 finished (3 tags)")
        tty.send("q")
        #expect(tty.finish() == 0)
        #expect(tty.recent.contains("\u{1B}[?1049l"))   // terminal given back
        #expect(tty.recent.contains("Saved. 1/5 units finished"))

        // The next session resumes at unit 2, the first unfinished; 0 there finishes it with none.
        let again = try PseudoTerminal(session)
        again.expect("unit 2 of 5 · 1 finished")
        again.send("0"); again.expect("unit 3 of 5"); again.expect("unit 2 finished: none applies")
        again.send("b"); again.expect("unit 2 is finished")
        again.send("q")
        #expect(again.finish() == 0)

        let queue = try DatabaseQueue(path: db)
        try queue.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT criterion_id, quote, note, retraction_reason FROM coding WHERE coder = 'ana' ORDER BY id
                """)
            let active = rows.filter { ($0["retraction_reason"] as String?) == nil }
            #expect(Set(active.map { $0["criterion_id"] as String }) == ["PAY.debt_relief", "PAY.military_aid", "WIR.volunteered"])
            #expect(active.first { ($0["criterion_id"] as String) == "PAY.military_aid" }?["quote"] as String? == "military debt")
            #expect(active.first { ($0["criterion_id"] as String) == "WIR.volunteered" }?["note"] as String? == "asked as a quid pro quo?")
            #expect(rows.compactMap { $0["retraction_reason"] as String? } == ["untagged in session"])
            let actions = try String.fetchAll(db, sql: "SELECT action FROM audit_event WHERE who = 'ana' AND entity IN ('coding', 'unit') ORDER BY id")
            #expect(actions == ["coding.add", "coding.retract", "coding.add", "coding.add", "coding.add", "unit.done", "unit.done"])
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM unit_done WHERE coder = 'ana'") == 2)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM coding WHERE coder = 'ben'") == 0)
        }
    }

    @Test func plainKeepsTheLineModeOnATerminal() throws {
        let (dir, db) = try project()
        defer { try? FileManager.default.removeItem(at: dir) }
        let tty = try PseudoTerminal(["code", "session", "--db", db, "--as", "ana", "--round", "r", "--plain"])
        tty.expect("Criteria:")
        let debt = try #require(try numbers(db: db)["PAY.debt_relief"])
        tty.send("\(debt)\n"); tty.expect("tagged \(debt). PAY.debt_relief")
        tty.send("q\n")
        #expect(tty.finish() == 0)
        #expect(!String(decoding: tty.output, as: UTF8.self).contains("\u{1B}[?1049h"))
    }
}

/// Issue 12's "done when": twenty units of a real FRUS volume coded at 80×24 in one run of the
/// screen, every kind of mistake corrected in place (a wrong tag untagged, a direction turned round,
/// an undo, tags cleared by `0`, a finished unit corrected after going back), and every action
/// found, in order, in the audit log.
@Suite(.serialized) struct TerminalWalkthroughTests {
    static let volume: URL? = [CLI.repoRoot.deletingLastPathComponent(), CLI.repoRoot.deletingLastPathComponent().deletingLastPathComponent()]
        .map { $0.appendingPathComponent("shared/corpus/frus/whole/frus1917-72PubDip.xml") }
        .first { FileManager.default.fileExists(atPath: $0.path) }

    @Test(.enabled(if: volume != nil, "../shared/corpus/frus/whole/frus1917-72PubDip.xml is absent"))
    func twentyUnitsOfAFRUSVolumeAreCodedAndCorrectedWithoutLeavingTheScreen() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("p.sqlite").path
        for args in [["import", "--db", db, Self.volume!.path],
                     ["codebook", "load", "--db", db, "Codebooks/buying-allies.yaml"],
                     ["register", "load", "--db", db, "Imports/register/buying-allies.yaml"],
                     ["coder", "add", "--db", db, "ana"],
                     ["round", "create", "--db", db, "prod", "--purpose", "production"],
                     ["assign", "--db", db, "--round", "prod", "--coders", "ana", "--case", "KOREA-1950/COL", "--documents", "1,2,3"]] {
            let r = try CLI.run(args)
            #expect(r.status == 0, "\(args): \(r.stderr)")
        }
        // The queue in the screen's order, and the passages' text for spans by quote.
        let queueCSV = try CLI.run(["code", "queue", "--db", db, "--as", "ana", "--round", "prod", "--format", "csv"]).stdout
        let passageIds = queueCSV.split(separator: "\n").dropFirst().compactMap { Int64($0.split(separator: ",")[1]) }
        let total = passageIds.count
        try #require(total >= 21, "the first three documents should give more than 20 units")
        let texts = try DatabaseQueue(path: db).read { db in
            try passageIds.map { try String.fetchOne(db, sql: "SELECT text FROM passage WHERE id = ?", arguments: [$0])! }
        }
        let listing = try CLI.run(["code", "session", "--db", db, "--as", "ana", "--round", "prod", "--plain"], stdin: "q\n").stdout
        func number(_ id: String) throws -> Int {
            let line = try #require(listing.split(separator: "\n").first { $0.contains(". \(id) — ") })
            return try #require(Int(line.split(separator: "]")[1].split(separator: ".")[0].trimmingCharacters(in: .whitespaces)))
        }
        let (genuine, volunteered, leverage) = (try number("WIR.genuine_interest"), try number("WIR.volunteered"), try number("CRC.leverage"))

        var expectedLog: [String] = []
        var expectedTags: [Int: [String: String]] = [:]    // unit → criterion id → direction
        let tty = try PseudoTerminal(["code", "session", "--db", db, "--as", "ana", "--round", "prod"], columns: 80, rows: 24)
        tty.expect("unit 1 of \(total) · 0 finished")
        func key(_ n: Int, against: Bool = false) { tty.send((against ? "-" : "") + "\(n) ") }
        for unit in 1...20 {
            switch unit % 5 {
            case 1:   // a wrong tag, untagged
                key(genuine); tty.expect("tagged \(genuine). WIR.genuine_interest")
                key(volunteered); tty.expect("tagged \(volunteered). WIR.volunteered")
                key(volunteered); tty.expect("untagged \(volunteered). WIR.volunteered")
                expectedLog += ["coding.add", "coding.add", "coding.retract"]
                expectedTags[unit] = ["WIR.genuine_interest": "supports"]
            case 2:   // a span by quote, tagged as supporting, then turned round to contradicting
                let words = texts[unit - 1].split(whereSeparator: \.isWhitespace).prefix(3).joined(separator: " ")
                tty.send("/\(words)\r"); tty.expect("span selected")
                key(leverage); tty.expect("tagged \(leverage). CRC.leverage on “")
                key(leverage, against: true); tty.expect("\(leverage). CRC.leverage now contradicts")
                expectedLog += ["coding.add", "coding.retract", "coding.add"]
                expectedTags[unit] = ["CRC.leverage": "contradicts"]
            case 3:   // a tag undone, another one instead
                key(volunteered); tty.expect("tagged \(volunteered). WIR.volunteered")
                tty.send("u"); tty.expect("undone: tag \(volunteered). WIR.volunteered")
                key(genuine, against: true); tty.expect("tagged \(genuine). WIR.genuine_interest as contradicting")
                expectedLog += ["coding.add", "coding.retract", "coding.add"]
                expectedTags[unit] = ["WIR.genuine_interest": "contradicts"]
            case 4:   // tags cleared: none applies, after confirming
                key(genuine); tty.expect("tagged \(genuine). WIR.genuine_interest")
                tty.send("0"); tty.expect("clear it and record that none applies? y/n")
                tty.send("y"); tty.expect("unit \(unit) finished: none applies (1 tag cleared)")
                expectedLog += ["coding.add", "coding.retract", "unit.done"]
                expectedTags[unit] = [:]
                continue
            default:  // back to the finished unit before, its tag removed there, then on
                key(volunteered); tty.expect("tagged \(volunteered). WIR.volunteered")
                expectedLog += ["coding.add"]
                expectedTags[unit] = ["WIR.volunteered": "supports"]
                tty.send("b"); tty.expect("unit \(unit - 1) is finished")
                key(genuine); tty.expect("tagged \(genuine). WIR.genuine_interest")
                key(genuine); tty.expect("untagged \(genuine). WIR.genuine_interest")
                expectedLog += ["coding.add", "coding.retract"]
                tty.send("n")
            }
            tty.send("\r"); tty.expect("unit \(unit + 1) of \(total) · \(unit) finished")
            expectedLog += ["unit.done"]
        }
        tty.send("q")
        #expect(tty.finish() == 0)
        #expect(tty.recent.contains("Saved. 20/\(total) units finished"))

        let queue = try DatabaseQueue(path: db)
        try queue.read { db in
            let actions = try String.fetchAll(db, sql: "SELECT action FROM audit_event WHERE who = 'ana' AND entity IN ('coding', 'unit') ORDER BY id")
            #expect(actions == expectedLog)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM unit_done WHERE coder = 'ana'") == 20)
            for (unit, tags) in expectedTags {
                let rows = try Row.fetchAll(db, sql: """
                    SELECT criterion_id, direction FROM coding WHERE coder = 'ana' AND passage_id = ? AND retracted_at IS NULL
                    """, arguments: [passageIds[unit - 1]])
                let found = Dictionary(uniqueKeysWithValues: rows.map { ($0["criterion_id"] as String, $0["direction"] as String) })
                #expect(found == tags, "unit \(unit)")
            }
            // The spans chosen by quote are stored with their quote.
            let quotes = try String.fetchAll(db, sql: "SELECT quote FROM coding WHERE coder = 'ana' AND retracted_at IS NULL AND criterion_id = 'CRC.leverage'")
            #expect(quotes.count == 4 && quotes.allSatisfy { !$0.isEmpty })
        }
    }
}
