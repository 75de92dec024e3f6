import Foundation
import ProjectStore

/// Every export of a round into one folder, under fixed names: what `dossier demo` leaves for the
/// other tools (`NAME.qdpx`, `NAME-codebook.qdc`, `NAME-annotations.jsonld`, `NAME-cases.csv` and
/// `.json`, `NAME-evidence.csv` and `.md`).
public enum RoundExports {
    /// Writes them as `viewer` may see the round; returns the files written.
    public static func write(database: ProjectDatabase, round: String, to folder: URL, name: String,
                             as viewer: Viewer = .anonymous) throws -> [URL] {
        let work = try RoundWork.load(database, round: round, as: viewer)
        let data = try RoundData.load(database, round: round, as: viewer, need: .visible)
        let classifications = try data.classifications()
        let table = CaseTable(classifications: classifications, codebook: data.codebook.definition,
                              register: try RegisterStore(database: database).register())
        let evidence = try EvidenceExport(database: database, classifications: classifications,
                                          codebook: data.codebook.definition, work: work)
        let qdpx = folder.appendingPathComponent("\(name).qdpx")
        try QDPXArchive.write(RefiProjectExport(work), to: qdpx)
        var files = [qdpx]
        let texts: [(String, String)] = [
            ("\(name)-codebook.qdc", RefiCodebook(work.codebook.definition).qdc()),
            ("\(name)-annotations.jsonld", try WebAnnotationExport.jsonLD(work)),
            ("\(name)-cases.csv", table.csv()),
            ("\(name)-cases.json", table.json()),
            ("\(name)-evidence.csv", evidence.csv()),
            ("\(name)-evidence.md", evidence.markdown()),
        ]
        for (file, text) in texts {
            let url = folder.appendingPathComponent(file)
            do { try Data(text.utf8).write(to: url, options: .atomic) } catch {
                throw InterchangeError.cannotWrite(path: url.path, reason: error.localizedDescription)
            }
            files.append(url)
        }
        return files
    }
}
