import Foundation
import ProjectStore

/// The per-file table and the closing line of an import run.
struct ImportSummary: Encodable {
    struct File: Encodable {
        var path: String, status: String, format: String?, documents: Int, newDocuments: Int
        var newVersions: Int, unchangedDocuments: Int, passages: Int, batchId: Int64?, error: String?
    }
    var files: [File]
    var documents: Int
    var passages: Int
    var failed: Int
    var unchanged: Int
    var megabytes: Double
    var seconds: Double
    var megabytesPerSecond: Double

    init(results: [FileImportResult], seconds: Double) {
        files = results.map {
            File(path: $0.path, status: $0.status.rawValue, format: $0.format?.rawValue, documents: $0.documents,
                 newDocuments: $0.newDocuments, newVersions: $0.newVersions,
                 unchangedDocuments: $0.unchangedDocuments, passages: $0.passages, batchId: $0.batchId, error: $0.error)
        }
        documents = results.reduce(0) { $0 + $1.newDocuments + $1.newVersions }
        passages = results.reduce(0) { $0 + $1.passages }
        failed = results.filter { $0.status == .failed }.count
        unchanged = results.filter { $0.status == .unchanged }.count
        megabytes = Double(results.reduce(0) { $0 + $1.bytes }) / 1_000_000
        self.seconds = seconds
        megabytesPerSecond = seconds > 0 ? megabytes / seconds : 0
    }

    var printer: RowPrinter {
        RowPrinter(headers: ["path", "status", "format", "documents", "new", "new_versions", "unchanged", "passages"],
                   rows: files.map { [$0.path, $0.status, $0.format, "\($0.documents)", "\($0.newDocuments)",
                                      "\($0.newVersions)", "\($0.unchangedDocuments)", "\($0.passages)"] })
    }

    var line: String {
        let rate = String(format: "%.1f", megabytesPerSecond)
        let mb = String(format: "%.2f", megabytes)
        var s = "\(files.count) file(s): \(documents) document(s) stored, \(passages) passage(s), \(mb) MB in \(String(format: "%.2f", seconds)) s (\(rate) MB/s)"
        if unchanged > 0 { s += "; \(unchanged) unchanged (already imported, nothing changed)" }
        if failed > 0 { s += "; \(failed) failed" }
        return s + "."
    }
}
