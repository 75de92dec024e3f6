import ArgumentParser
import Foundation
import ProjectStore

struct AssignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "Assign units (passage × case) to coders in a round.",
        discussion: """
        The candidate passages for the case come from --query (plain words and "phrases", or FTS5 \
        syntax with --fts), --documents (the body passages of those documents), or, when neither is \
        given, from the passages that mention the case's recipient by any alias (see `dossier \
        mentions`), limited to the years of the case's operation unless --from/--to or --any-date \
        is given. --from/--to, --volume, --type and --classification filter documents as in \
        `dossier documents`. Editorial material (source notes, editors' footnotes, editorial notes) \
        is left out unless --include-editorial is given. With --sample, a \
        seeded random share of them is drawn: the same seed always gives the same units. In a \
        reliability round every coder gets the same units; otherwise they are dealt out in turn. \
        Running the same assignment again adds nothing ("0 new unit(s) (14 already assigned)") and \
        leaves the round's sample description (population, fraction, seed, query) as it was. \
        Once the project has a lead, assigning needs --as a lead or adjudicator.

        Examples:
          dossier assign --round rel-1 --coders ana,ben --case KOR-1950/COL --sample 0.5 --seed 7 --as kim
          dossier assign --round prod-1 --coders ana,ben --case GULF-1990/EGY --query 'debt'
          dossier assign --round pilot --coders ana --case UNAMID/RWA --documents 4,5
          dossier assign --round rel-2 --coders ana,ben --case VN-1964/KOR --volume frus1964-68v29p1 --type telegram
        """
    )

    @OptionGroup var project: ProjectOptions
    @Option(help: "Round name.") var round: String
    @Option(help: ArgumentHelp("Coders, comma-separated.", valueName: "a,b,c")) var coders: String
    @Option(name: .customLong("case"), help: ArgumentHelp("The case the units are about.", valueName: "id")) var caseId: String
    @Option(help: ArgumentHelp("Full-text query selecting the passages (plain words and \"phrases\").", valueName: "words")) var query: String?
    @Flag(help: "Read --query as FTS5 syntax (NEAR, OR/AND/NOT, prefix*).") var fts = false
    @Option(help: ArgumentHelp("Documents, comma-separated: ids, or VOLUME/DOCID (d47 alone only when unambiguous).", valueName: "ids")) var documents: String?
    @Option(help: ArgumentHelp("Draw this share of the candidate units at random (0 < f ≤ 1).", valueName: "fraction")) var sample: Double?
    @Option(help: "Seed for --sample (default 1).") var seed: UInt64?
    @OptionGroup var filters: DocumentFilterOptions
    @Flag(help: "Keep editorial material (editors' footnotes, editorial notes) among the candidates.") var includeEditorial = false
    @Flag(help: "Mention-based candidates from any date, not only the operation's years.") var anyDate = false
    @OptionGroup var identity: IdentityOptions

    func run() throws {
        try reportingErrors {
            let db = try project.open()
            let selector = UnitSelector(database: db)
            let catalog = DocumentCatalog(database: db)
            let documentIds = try documents.map { list in
                try list.split(separator: ",").map { s -> Int64 in
                    let resolved = try DocumentReference.resolve(String(s), in: catalog)
                    if Int64(s.trimmingCharacters(in: .whitespaces)) == nil { printError("assign: \(s) read as \(resolved.form).") }
                    return resolved.document.id!
                }
            }
            let scope = UnitSelector.Scope(filter: filters.filter, includeEditorial: includeEditorial, anyDate: anyDate)
            let (units, method) = try selector.candidates(caseId: caseId, query: query, queryMode: fts ? .fts : .plain,
                                                          documentIds: documentIds, scope: scope)
            let handles = coders.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let s = try CodingStore(database: db).assign(round: round, coders: handles, units: units, method: method,
                                                         query: query, documentIds: documentIds, fraction: sample, seed: seed,
                                                         by: identity.viewer)
            let new = s.newUnits ?? s.units
            print("\(new) new unit\(new == 1 ? "" : "s") (\(s.alreadyAssigned ?? 0) already assigned) in round \(round) for \(handles.joined(separator: ", ")): " +
                  "\(s.units) unit(s) drawn from \(s.population) candidate(s) (\(method)\(sample.map { ", sample \($0), seed \(s.seed ?? 1)" } ?? "")).")
        }
    }
}
