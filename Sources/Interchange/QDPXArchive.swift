import Foundation
import ZIPFoundation

/// The REFI-QDA project exchange file: a ZIP holding `project.qde` and `sources/` (REFI-QDA 1.5,
/// §8). Entries are written in a fixed order with a fixed timestamp, so the same export gives
/// the same bytes. The same layout can be written as a plain folder, as the standard's example is.
public enum QDPXArchive {
    /// All entries carry this modification time (the DOS epoch's first representable day):
    /// a timestamp of the moment of export would make every export differ.
    static let fixedDate = Date(timeIntervalSince1970: 315_576_000) // 1980-01-01T12:00:00Z

    static func entries(_ export: RefiProjectExport) -> [(String, Data)] {
        [("project.qde", Data(export.qde.utf8))] + export.sources.sorted { $0.name < $1.name }.map { ("sources/\($0.name)", Data($0.text.utf8)) }
    }

    /// Writes a `.qdpx` file; the file appears whole or not at all.
    public static func write(_ export: RefiProjectExport, to url: URL) throws {
        let fm = FileManager.default
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        try? fm.removeItem(at: temp)
        do {
            let archive = try Archive(url: temp, accessMode: .create)
            for (path, data) in entries(export) {
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: fixedDate,
                                     compressionMethod: .deflate) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            if fm.fileExists(atPath: url.path) { _ = try fm.replaceItemAt(url, withItemAt: temp) } else { try fm.moveItem(at: temp, to: url) }
        } catch {
            try? fm.removeItem(at: temp)
            throw InterchangeError.cannotWrite(path: url.path, reason: error.localizedDescription)
        }
    }

    /// Writes `project.qde` and `sources/` into a folder (created if needed).
    public static func writeFolder(_ export: RefiProjectExport, to folder: URL) throws {
        do {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("sources"), withIntermediateDirectories: true)
            for (path, data) in entries(export) { try data.write(to: folder.appendingPathComponent(path), options: .atomic) }
        } catch {
            throw InterchangeError.cannotWrite(path: folder.path, reason: error.localizedDescription)
        }
    }

    /// The files of a `.qdpx` file or of a folder in its layout, by path inside it. Source folders
    /// are read as `sources/` whatever their case (some tools write `Sources/`).
    public static func read(_ url: URL) throws -> [String: Data] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw InterchangeError.cannotRead(path: url.path, reason: "no such file or folder")
        }
        var files: [String: Data] = [:]
        func normalise(_ path: String) -> String {
            path.lowercased().hasPrefix("sources/") ? "sources/" + path.dropFirst(8) : path
        }
        do {
            if isDirectory.boolValue {
                let base = url.standardizedFileURL.path
                let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey])
                while let file = enumerator?.nextObject() as? URL {
                    guard (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
                    let relative = String(file.standardizedFileURL.path.dropFirst(base.count + 1))
                    files[normalise(relative)] = try Data(contentsOf: file)
                }
            } else {
                let archive = try Archive(url: url, accessMode: .read)
                for entry in archive where entry.type == .file {
                    // Paths that climb out of the archive are never followed; they are read as data only.
                    var data = Data()
                    _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
                    files[normalise(entry.path)] = data
                }
            }
        } catch let error as InterchangeError {
            throw error
        } catch {
            throw InterchangeError.cannotRead(path: url.path, reason: "not a REFI-QDA project file or folder (\(error.localizedDescription))")
        }
        return files
    }
}
