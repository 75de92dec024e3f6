import ArgumentParser
import ProjectStore

/// Filters shared by `documents`, `search` and `assign`.
struct DocumentFilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only documents dated on or after this (YYYY, YYYY-MM or YYYY-MM-DD).", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Only documents dated on or before this (YYYY, YYYY-MM or YYYY-MM-DD).", valueName: "date"))
    var to: String?

    @Option(help: ArgumentHelp("Only this document type (telegram, memorandum, letter, …; % is a wildcard).", valueName: "type"))
    var type: String?

    @Option(help: ArgumentHelp("Only this FRUS volume id (e.g. frus1964-68v02).", valueName: "id"))
    var volume: String?

    @Option(help: ArgumentHelp("Only this classification or handling marking (Secret, Top Secret, Limdis, …).", valueName: "marking"))
    var classification: String?

    @Flag(help: "Include superseded versions of re-imported documents.")
    var allVersions = false

    var filter: DocumentFilter {
        DocumentFilter(dateFrom: from, dateTo: to, docType: type, volume: volume,
                       classification: classification, includeOldVersions: allVersions)
    }
}
