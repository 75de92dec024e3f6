import Foundation
import Testing

/// Issue 14 and 15 as a user meets them on the command line: CSV listings flag editorial material;
/// a codebook (.qdc) import prints a mapping; a REFI project whose source the project lacks comes in
/// with --add-documents.
@Suite(.serialized) struct EditorialAndRefiCLITests {
    /// Rows of a CSV without quoted line breaks in the columns read here (the last column is read by name).
    static func rows(_ csv: String) -> (header: [String], rows: [[String]]) {
        var records: [[String]] = []
        var field = "", record: [String] = [], quoted = false
        var it = Array(csv).makeIterator()
        var pending: Character? = nil
        while let c = pending ?? it.next() {
            pending = nil
            if quoted {
                if c == "\"" { if let n = it.next() { if n == "\"" { field.append("\"") } else { quoted = false; pending = n } } else { quoted = false } }
                else { field.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { record.append(field); field = "" }
            else if c == "\n" || c == "\r\n" { record.append(field); records.append(record); record = []; field = "" }
            else if c != "\r" { field.append(c) }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        return (records.first ?? [], Array(records.dropFirst()))
    }

    @Test func listingsFlagEditorialMaterialAndCodebooksImportAsMappings() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let demo = try CLI.run(["demo", "--output", dir.appendingPathComponent("demo").path])
        #expect(demo.status == 0, "\(demo.stderr)")
        let db = dir.appendingPathComponent("demo/dossier.sqlite").path

        // code list: the editorial column is filled exactly for codings on source notes and footnotes.
        let list = try CLI.run(["code", "list", "--db", db, "--round", "rel-1", "--format", "csv"])
        let (header, rows) = Self.rows(list.stdout)
        let col = try #require(header.firstIndex(of: "editorial"), "\(header)")
        let pid = try #require(header.firstIndex(of: "passage_id"))
        #expect(rows.contains { $0[col].hasPrefix("EDITORIAL: editors\u{2019} footnote") }, "the sample codes editors' footnotes")
        #expect(rows.contains { $0[col].isEmpty })
        let distinct = Array(Dictionary(rows.map { ($0[pid], $0) }, uniquingKeysWith: { a, _ in a }).values).sorted { $0[pid] < $1[pid] }
        for row in distinct.filter({ !$0[col].isEmpty }).prefix(10) + distinct.filter({ $0[col].isEmpty }).prefix(10) {
            let shown = try CLI.run(["documents", "show", "--db", db, "--format", "csv",
                                     try #require(try Self.documentOf(passage: row[pid], db: db))])
            let (h, passages) = Self.rows(shown.stdout)
            let passage = passages.first { $0[h.firstIndex(of: "passage_id")!] == row[pid] }
            let kind = passage?[h.firstIndex(of: "kind")!]
            #expect((kind == "footnote" || kind == "source_note") == !row[col].isEmpty, "passage \(row[pid]) (\(kind ?? "?"))")
            // documents show says the same of the passage.
            #expect(passage?[try #require(h.firstIndex(of: "editorial"))] == row[col])
        }

        // code queue (coders working from a spreadsheet): the same column.
        let queue = try CLI.run(["code", "queue", "--db", db, "--round", "rel-1", "--as", "ana", "--format", "csv"])
        let (qh, qrows) = Self.rows(queue.stdout)
        let qcol = try #require(qh.firstIndex(of: "editorial"), "\(queue.stdout.prefix(200))\(queue.stderr)")
        #expect(qrows.contains { !$0[qcol].isEmpty } && qrows.contains { $0[qcol].isEmpty })

        // mentions: the same column, on real FRUS documents whose editors' footnotes name Korea.
        let corpus = CLI.repoRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/frus")
        if FileManager.default.fileExists(atPath: corpus.path) {
            let m = dir.appendingPathComponent("m.sqlite").path
            for args in [["import", "--no-progress", corpus.appendingPathComponent("frus1964-68v29p1_d56.xml").path,
                          corpus.appendingPathComponent("frus1964-68v29p1_d37.xml").path],
                         ["register", "load", "Imports/register/buying-allies.yaml"]] {
                let r = try CLI.run(args + ["--db", m])
                #expect(r.status == 0, "\(args): \(r.stderr)")
            }
            let mentions = try CLI.run(["mentions", "--db", m, "--actor", "KOR", "--format", "csv"])
            let (mh, mrows) = Self.rows(mentions.stdout)
            let mcol = try #require(mh.firstIndex(of: "editorial")), kind = try #require(mh.firstIndex(of: "kind"))
            #expect(mrows.contains { $0[kind] == "footnote" } && mrows.contains { $0[kind] == "body" }, "\(mentions.stdout)")
            for r in mrows { #expect((r[kind] == "footnote" || r[kind] == "source_note") == !r[mcol].isEmpty, "\(r)") }
        } else {
            print("mentions part skipped: ../shared/corpus is absent")
        }

        // The codebook import: every criterion of the demo's own .qdc maps back by GUID.
        let qdc = try CLI.run(["import", "refi", "--db", db, dir.appendingPathComponent("demo/rel-1-codebook.qdc").path, "--round", "rel-1"])
        #expect(qdc.status == 0, "\(qdc.stderr)")
        #expect(qdc.stdout.hasPrefix("code,criterion\n"))
        #expect(qdc.stdout.contains(",WIR.link\n") && !qdc.stdout.contains("# no criterion yet"))
        #expect(qdc.stderr.contains("codable codes map to criteria of buying-allies"), "\(qdc.stderr)")
    }

    static func documentOf(passage: String, db: String) throws -> String? {
        let r = try CLI.run(["cite", "--db", db, "p\(passage)", "--format", "json"])
        // stderr: "cite: pN read as passage id N (document id D, ...)."
        guard let range = r.stderr.range(of: #"document id (\d+)"#, options: .regularExpression) else { return nil }
        return String(r.stderr[range].split(separator: " ").last!)
    }

    @Test func aProjectWhoseSourceTheProjectLacksComesInWithAddDocuments() throws {
        let example = CLI.repoRoot.deletingLastPathComponent().appendingPathComponent("shared/refi-qda/example")
        guard FileManager.default.fileExists(atPath: example.path) else {
            print("skipped: no REFI-QDA example at \(example.path)")
            return
        }
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("p.sqlite").path
        for args in [["init"], ["codebook", "load", "Codebooks/buying-allies.yaml"],
                     ["register", "load", "Imports/register/buying-allies.yaml"], ["round", "create", "ext", "--purpose", "production"]] {
            let r = try CLI.run(args + ["--db", db])
            #expect(r.status == 0, "\(args): \(r.stderr)")
        }
        let mapping = dir.appendingPathComponent("codes.csv")
        try Data("Health,PAY.debt_relief\n20000000-0000-0000-0000-000000000003,WIR.link\n".utf8).write(to: mapping)
        let base = ["import", "refi", "--db", db, example.path, "--round", "ext", "--mapping", mapping.path, "--case", "GULF-1990/EGY"]
        let refused = try CLI.run(base)
        #expect(refused.status != 0 && refused.stderr.contains("--add-documents"), "\(refused.stderr)")
        let added = try CLI.run(base + ["--add-documents"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains("Added 1 text document"), "\(added.stdout)")
        #expect(added.stderr.contains("new text document"), "\(added.stderr)")
        let again = try CLI.run(base + ["--add-documents"])
        #expect(again.status == 0 && !again.stdout.contains("Added"), "\(again.stdout)")
        #expect(again.stdout.contains("Imported 0 codings (2 already present)"), "\(again.stdout)")
        let docs = try CLI.run(["documents", "--db", db, "--format", "csv"])
        #expect(docs.stdout.split(separator: "\n").count == 2, "\(docs.stdout)")
    }
}
