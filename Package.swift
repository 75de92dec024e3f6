// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Dossier",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "dossier", targets: ["dossier"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // libxml2 from the system (Debian: libxml2-dev), read through xmlTextReader.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // Statistics only: no dependencies, no database.
        .target(name: "Agreement"),
        // Bayesian weighing of evidence only (decibans, log-odds, posteriors, sensitivity): no dependencies.
        .target(name: "Weighing"),
        // Archive readers: TEI/FRUS, EAD, other XML, plain text -> documents and passages.
        .target(
            name: "ArchiveIngest",
            dependencies: [
                "CLibXML2",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Codebooks as data: YAML parsing, validation, decision rules, diffs.
        .target(
            name: "Codebook",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        // The project file: schema, migrations, records, imports, search, citations.
        .target(
            name: "ProjectStore",
            dependencies: [
                "Agreement",
                "ArchiveIngest",
                "Codebook",
                "Reconciliation",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API for the import's passage inserts (bound without GRDB's per-row arguments).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        // Reliability per criterion and category, adjudicated statuses, derived classifications.
        .target(name: "Reconciliation", dependencies: ["Agreement", "Codebook", "Weighing"]),
        // Reliability reports and evidence tables (HTML with inline SVG, Markdown, CSV).
        .target(name: "Reports", dependencies: ["Reconciliation", "Codebook", "ProjectStore", "Weighing"]),
        // The full-screen coder: termios/ANSI terminal driver, key decoder, pure screen renderer.
        .target(name: "TerminalUI", dependencies: ["ProjectStore", "Codebook"]),
        // Moving a project's work to and from other tools: REFI-QDA, W3C annotations, analysis tables.
        .target(
            name: "Interchange",
            dependencies: [
                "CLibXML2",
                "Codebook",
                "ProjectStore",
                "Reconciliation",
                "Reports",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // The team server: a project published to PostgreSQL, blindness enforced by row-level security,
        // coders' working copies synchronised by packets.
        .target(
            name: "TeamServer",
            dependencies: [
                "ArchiveIngest",
                "ProjectStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .executableTarget(
            name: "dossier",
            dependencies: [
                "Agreement",
                "ArchiveIngest",
                "Codebook",
                "ProjectStore",
                "Reconciliation",
                "Reports",
                "TerminalUI",
                "Interchange",
                "Weighing",
                "TeamServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "AgreementTests", dependencies: ["Agreement"], resources: [.copy("Fixtures")]),
        .testTarget(name: "WeighingTests", dependencies: ["Weighing"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ArchiveIngestTests", dependencies: ["ArchiveIngest"], resources: [.copy("Fixtures")]),
        .testTarget(name: "CodebookTests", dependencies: ["Codebook"]),
        .testTarget(name: "ReconciliationTests", dependencies: ["Reconciliation", "Agreement", "Codebook", "Weighing"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Reconciliation", "Codebook", "ProjectStore", "Agreement"]),
        // Runs the built `dossier` binary: exit codes, messages, concurrent writers, piped sessions.
        .testTarget(name: "DossierCLITests", dependencies: ["dossier", .product(name: "GRDB", package: "GRDB.swift")],
                    exclude: ["Fixtures"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "ProjectStore", "ArchiveIngest", "Codebook",
                                                    .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "InterchangeTests", dependencies: ["Interchange", "ProjectStore", "Codebook", "CLibXML2"]),
        .testTarget(name: "TeamServerTests", dependencies: ["TeamServer", "ProjectStore", "ArchiveIngest", "Codebook",
                                                    .product(name: "PostgresNIO", package: "postgres-nio")]),
        .testTarget(name: "ProjectStoreTests", dependencies: ["ProjectStore", "ArchiveIngest", "Codebook"]),
    ]
)
