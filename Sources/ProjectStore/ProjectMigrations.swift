import Codebook
import GRDB

/// The project schema, one migration per step. Migrations are append-only: a released migration is
/// never edited, so every project file can be brought up to date by `DatabaseMigrator`.
enum ProjectMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-archive") { db in
            try createArchiveTables(db)
        }
        migrator.registerMigration("v2-codebooks") { db in
            try createCodebookTables(db)
        }
        migrator.registerMigration("v3-register") { db in
            try createRegisterTables(db)
        }
        migrator.registerMigration("v4-coding") { db in
            try createCodingTables(db)
        }
        migrator.registerMigration("i9-roles") { db in
            // Roles decide what a person may see and do (see AccessPolicy); refuse unknown ones at the source.
            try db.execute(sql: """
                CREATE TRIGGER coder_role_known BEFORE INSERT ON coder
                WHEN NEW.role NOT IN ('coder', 'adjudicator', 'lead')
                BEGIN SELECT RAISE(ABORT, 'a coder role is coder, adjudicator or lead'); END;
                CREATE TRIGGER coder_role_known_update BEFORE UPDATE OF role ON coder
                WHEN NEW.role NOT IN ('coder', 'adjudicator', 'lead')
                BEGIN SELECT RAISE(ABORT, 'a coder role is coder, adjudicator or lead'); END;
                """)
        }
        migrator.registerMigration("i12-unit-notes") { db in
            try createUnitNoteTable(db)
        }
        migrator.registerMigration("i13-audit-no-replace") { db in
            try closeAuditReplace(db)
        }
        migrator.registerMigration("i13-staged-import") { db in
            // Imports are staged in short transactions under an unpublished batch (see
            // ArchiveImporter); `owner` (pid@host) tells a running import from a dead one.
            try db.alter(table: "import_batch") { t in t.add(column: "owner", .text) }
        }
        migrator.registerMigration("i13-glossary-folded") { db in
            try addGlossarySearchForm(db)
        }
        migrator.registerMigration("i13-coding-evidence-index") { db in
            // Reports look up the quotes behind each evidence item by passage, case and criterion
            // across rounds; without this index every lookup scanned the coding table.
            try db.create(index: "coding_on_evidence", on: "coding", columns: ["passage_id", "case_id", "criterion_id"])
        }
        migrator.registerMigration("i14-edition-fields") { db in
            // The volume's editors and place of publication, for citations. NULL editors means the
            // document was imported before this migration: re-importing its file fills them
            // (ProvenanceRefresh), with the classification parsed by the current reader.
            try db.alter(table: "document") { t in
                t.add(column: "editors", .jsonText)
                t.add(column: "publication_place", .text)
            }
        }
        migrator.registerMigration("i13-passage-annotates-index") { db in
            // The coding screen shows each unit's footnotes (passages annotating it); without an
            // index each unit scanned every passage of the project.
            try db.create(index: "passage_on_annotates", on: "passage", columns: ["annotates_id"])
        }
        migrator.registerMigration("i10-evidence-direction") { db in
            try addEvidenceDirection(db)
        }
        migrator.registerMigration("i10-round-subject") { db in
            // A round codes one kind of subject (recipient cases, or actors in operations), set by its
            // first unit; pivotal states get rounds, agreement and classifications of their own.
            try db.alter(table: "coding_round") { t in t.add(column: "subject", .text) }
        }
        migrator.registerMigration("i9-adjudication-override") { db in
            // A decision where the coders agreed overrules them: it keeps its reason, and reports
            // list it, so a reader can tell settled disagreements from overruled agreement.
            try db.alter(table: "adjudication") { t in t.add(column: "override_reason", .text) }
        }
        migrator.registerMigration("i9-document-retirement") { db in
            // A document imported by mistake is retired, not deleted (codings may point at it):
            // it keeps no current version while its identity is listed here (see DocumentRetirement).
            try db.create(table: "document_retirement") { t in
                t.primaryKey("identity", .text)
                t.column("document_id", .integer).notNull()
                t.column("reason", .text).notNull()
                t.column("retired_by", .text).notNull()
                t.column("retired_at", .datetime).notNull()
                t.column("codings", .integer).notNull()
            }
        }
        migrator.registerMigration("i13-staged-coding-import") { db in
            try stageCodingImports(db)
        }
        migrator.registerMigration("i13-stored-mentions") { db in
            try createMentionTables(db)
        }
        return migrator
    }

    /// Import batches, documents (versioned), passages, entity links, volume glossaries, and the
    /// FTS5 index over passage text.
    private static func createArchiveTables(_ db: Database) throws {
        try db.create(table: "import_batch") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("path", .text).notNull()
            t.column("sha256", .text).notNull()
            t.column("size", .integer).notNull()
            t.column("format", .text).notNull()
            t.column("started_at", .datetime).notNull()
            t.column("finished_at", .datetime)
            t.column("documents", .integer).notNull().defaults(to: 0)
            t.column("new_documents", .integer).notNull().defaults(to: 0)
            t.column("new_versions", .integer).notNull().defaults(to: 0)
            t.column("unchanged_documents", .integer).notNull().defaults(to: 0)
            t.column("passages", .integer).notNull().defaults(to: 0)
            // Only completed imports are recorded: a failed file is rolled back whole and leaves no row.
            t.column("status", .text).notNull().defaults(to: "imported")
            t.column("error", .text)
            t.column("warnings", .text)
        }
        try db.create(index: "import_batch_on_path_sha", on: "import_batch", columns: ["path", "sha256"])

        try db.create(table: "document") { t in
            t.autoIncrementedPrimaryKey("id")
            // Stable identity across re-imports: `frus:VOLUME/DOCID`, or `file:PATH#KEY`.
            t.column("identity", .text).notNull()
            t.column("version", .integer).notNull()
            t.column("is_current", .boolean).notNull().defaults(to: true)
            t.column("batch_id", .integer).notNull().references("import_batch")
            t.column("source_path", .text).notNull()
            t.column("source_sha256", .text).notNull()
            t.column("format", .text).notNull()
            t.column("doc_key", .text).notNull()
            t.column("title", .text)
            t.column("doc_type", .text)
            t.column("date_min", .text)
            t.column("date_max", .text)
            t.column("date_precision", .text)
            t.column("date_raw", .text)
            t.column("place", .text)
            t.column("authors", .jsonText).notNull()
            t.column("recipients", .jsonText).notNull()
            t.column("source_note", .text)
            t.column("repository", .text)
            t.column("collection", .text)
            t.column("file_identifier", .text)
            t.column("classification", .text)
            t.column("handling", .jsonText).notNull()
            t.column("series", .text)
            t.column("subseries", .text)
            t.column("volume_id", .text)
            t.column("volume_number", .text)
            t.column("volume_title", .text)
            t.column("doc_number", .text)
            t.column("first_page", .text)
            t.column("canonical_url", .text)
            t.column("publisher", .text)
            t.column("publication_year", .text)
            t.column("context", .jsonText).notNull()
            t.column("extra", .jsonText).notNull()
            t.column("content_hash", .text).notNull()
            t.column("passage_count", .integer).notNull()
            t.column("char_count", .integer).notNull()
            t.uniqueKey(["identity", "version"])
        }
        try db.create(index: "document_on_current", on: "document", columns: ["is_current", "date_min"])
        try db.create(index: "document_on_volume", on: "document", columns: ["volume_id", "doc_number"])
        try db.create(index: "document_on_batch", on: "document", columns: ["batch_id"])

        try db.create(table: "passage") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("document_id", .integer).notNull().references("document", onDelete: .cascade)
            t.column("ordinal", .integer).notNull()
            t.column("kind", .text).notNull()
            t.column("text", .text).notNull()
            t.column("raw_text", .text).notNull()
            // Unicode scalar offsets into the document's plain text, 0-based, end exclusive.
            t.column("start_offset", .integer).notNull()
            t.column("end_offset", .integer).notNull()
            t.column("page", .text)
            t.column("anchor", .text).notNull()
            t.column("annotates_id", .integer).references("passage")
            t.column("note_number", .text)
            t.uniqueKey(["document_id", "ordinal"])
        }
        try db.create(index: "passage_on_anchor", on: "passage", columns: ["document_id", "anchor"])

        try db.create(table: "passage_link") { t in
            t.column("passage_id", .integer).notNull().references("passage", onDelete: .cascade)
            t.column("kind", .text).notNull()
            t.column("ref", .text).notNull()
            t.column("surface", .text).notNull()
        }
        try db.create(index: "passage_link_on_passage", on: "passage_link", columns: ["passage_id"])
        try db.create(index: "passage_link_on_ref", on: "passage_link", columns: ["ref"])

        try db.create(table: "glossary_entry") { t in
            t.column("volume_id", .text).notNull()
            t.column("kind", .text).notNull()
            t.column("ref", .text).notNull()
            t.column("label", .text).notNull()
            t.column("description", .text).notNull()
            t.primaryKey(["volume_id", "ref"])
        }

        // External-content FTS5 index over passage text. unicode61 with diacritics removed, so
        // "Cote d'Ivoire" finds "Côte d'Ivoire". New passages are indexed by the importer in one
        // INSERT … SELECT per file (a per-row trigger made imports several times slower);
        // deletes and text updates are kept in step by triggers.
        try db.execute(sql: """
            CREATE VIRTUAL TABLE passage_fts USING fts5(
                text, content='passage', content_rowid='id',
                tokenize="unicode61 remove_diacritics 2");
            CREATE TRIGGER passage_fts_ad AFTER DELETE ON passage BEGIN
                INSERT INTO passage_fts(passage_fts, rowid, text) VALUES ('delete', old.id, old.text);
            END;
            CREATE TRIGGER passage_fts_au AFTER UPDATE OF text ON passage BEGIN
                INSERT INTO passage_fts(passage_fts, rowid, text) VALUES ('delete', old.id, old.text);
                INSERT INTO passage_fts(rowid, text) VALUES (new.id, new.text);
            END;
            """)
    }

    /// Codebook versions as loaded (YAML verbatim plus the parsed form) and their criteria, so that
    /// codings can reference the exact version they were made under.
    private static func createCodebookTables(_ db: Database) throws {
        try db.create(table: "codebook_version") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("codebook_id", .text).notNull()
            // 1, 2, 3… per codebook id in load order; `version` is the semantic version the file declares.
            t.column("revision", .integer).notNull()
            t.column("version", .text).notNull()
            t.column("title", .text).notNull()
            t.column("content_hash", .text).notNull()
            t.column("source_path", .text).notNull()
            t.column("yaml", .text).notNull()
            t.column("definition", .jsonText).notNull()
            t.column("loaded_at", .datetime).notNull()
            t.uniqueKey(["codebook_id", "revision"])
            t.uniqueKey(["codebook_id", "content_hash"])
        }
        try db.create(table: "codebook_criterion") { t in
            t.column("codebook_version_id", .integer).notNull().references("codebook_version", onDelete: .cascade)
            t.column("criterion_id", .text).notNull()
            t.column("dimension_id", .text).notNull()
            t.column("label", .text).notNull()
            t.column("position", .integer).notNull()
            t.primaryKey(["codebook_version_id", "criterion_id"])
        }
    }

    /// The case register: actors with aliases, operations, cases (recipient x operation), payments.
    private static func createRegisterTables(_ db: Database) throws {
        // Key columns for joins and filters; `definition` keeps the whole register entry as loaded.
        try db.create(table: "actor") { t in
            t.primaryKey("id", .text)
            t.column("name", .text).notNull()
            t.column("kind", .text).notNull()
            t.column("iso3", .text)
            t.column("definition", .jsonText).notNull()
        }
        try db.create(table: "actor_alias") { t in
            t.column("actor_id", .text).notNull().references("actor", onDelete: .cascade)
            t.column("alias", .text).notNull()
            t.primaryKey(["actor_id", "alias"])
        }
        try db.create(table: "operation") { t in
            t.primaryKey("id", .text)
            t.column("name", .text).notNull()
            t.column("framework", .text).notNull()
            t.column("start_year", .integer)
            t.column("end_year", .integer)
            t.column("definition", .jsonText).notNull()
        }
        try db.create(table: "coalition_case") { t in
            t.primaryKey("id", .text)
            t.column("recipient_id", .text).notNull().references("actor")
            t.column("operation_id", .text).notNull().references("operation")
            t.column("note", .text)
        }
        try db.create(table: "payment") { t in
            t.primaryKey("id", .text)
            t.column("case_id", .text).notNull().references("coalition_case")
            t.column("payer_id", .text).notNull().references("actor")
            t.column("scheme", .text).notNull()
            t.column("subtype", .text)
            t.column("amount", .double)
            t.column("currency", .text)
            t.column("basis", .text).notNull()
            t.column("years", .text)
            t.column("status", .text).notNull()
            t.column("definition", .jsonText).notNull()
        }
    }

    /// Issue 10: a coding (and an adjudication) points for or against its criterion; a subject of
    /// coding can be an operation-actor pair (pivotal states); leads record how a case was searched;
    /// register cases carry a source.
    private static func addEvidenceDirection(_ db: Database) throws {
        try db.alter(table: "coding") { t in t.add(column: "direction", .text).notNull().defaults(to: "supports") }
        try db.alter(table: "adjudication") { t in t.add(column: "direction", .text).notNull().defaults(to: "supports") }
        try db.alter(table: "coalition_case") { t in
            t.add(column: "subject", .text).notNull().defaults(to: "case")
            t.add(column: "source", .text)
        }
        try db.create(table: "case_coverage") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("round_id", .integer).notNull().references("coding_round")
            t.column("case_id", .text).notNull().references("coalition_case")
            t.column("queries", .jsonText).notNull()
            t.column("volumes", .jsonText).notNull()
            t.column("date_ranges", .jsonText).notNull()
            t.column("candidates", .integer).notNull()
            t.column("coded", .integer).notNull()
            t.column("note", .text)
            t.column("recorded_by", .text).notNull()
            t.column("recorded_at", .datetime).notNull()
        }
    }

    /// Coders, rounds, assignments, codings, finished units, the append-only audit log and
    /// adjudications. Codings are never deleted: a retraction stamps `retracted_at`.
    private static func createCodingTables(_ db: Database) throws {
        try db.create(table: "coder") { t in
            t.primaryKey("handle", .text)
            t.column("name", .text).notNull()
            t.column("role", .text).notNull()
            t.column("created_at", .datetime).notNull()
        }
        try db.create(table: "coding_round") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("name", .text).notNull().unique()
            t.column("purpose", .text).notNull()
            t.column("codebook_version_id", .integer).notNull().references("codebook_version")
            t.column("blind", .boolean).notNull()
            t.column("status", .text).notNull()
            t.column("sample", .jsonText)
            t.column("created_at", .datetime).notNull()
            t.column("closed_at", .datetime)
        }
        try db.create(table: "assignment") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("round_id", .integer).notNull().references("coding_round")
            t.column("coder", .text).notNull().references("coder")
            t.column("passage_id", .integer).notNull().references("passage")
            t.column("case_id", .text).notNull().references("coalition_case")
            t.column("position", .integer).notNull()
            t.uniqueKey(["round_id", "coder", "passage_id", "case_id"])
        }
        try db.create(table: "coding") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("round_id", .integer).notNull().references("coding_round")
            t.column("coder", .text).notNull().references("coder")
            t.column("passage_id", .integer).notNull().references("passage")
            t.column("case_id", .text).notNull().references("coalition_case")
            t.column("criterion_id", .text).notNull()
            // Unicode scalar offsets within the passage text, 0-based, end exclusive; quote kept to re-anchor.
            t.column("span_start", .integer)
            t.column("span_end", .integer)
            t.column("quote", .text)
            t.column("note", .text)
            t.column("test", .text)
            t.column("attributes", .jsonText).notNull()
            t.column("created_at", .datetime).notNull()
            t.column("retracted_at", .datetime)
            t.column("retraction_reason", .text)
            t.column("origin", .text).notNull()
        }
        try db.create(index: "coding_on_unit", on: "coding", columns: ["round_id", "passage_id", "case_id", "coder"])
        try db.create(table: "unit_done") { t in
            t.column("round_id", .integer).notNull().references("coding_round")
            t.column("coder", .text).notNull().references("coder")
            t.column("passage_id", .integer).notNull().references("passage")
            t.column("case_id", .text).notNull().references("coalition_case")
            t.column("done_at", .datetime).notNull()
            t.primaryKey(["round_id", "coder", "passage_id", "case_id"])
        }
        try db.create(table: "audit_event") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("at", .datetime).notNull()
            t.column("who", .text).notNull()
            t.column("action", .text).notNull()
            t.column("entity", .text).notNull()
            t.column("entity_id", .text).notNull()
            t.column("round_id", .integer)
            t.column("detail", .jsonText)
            t.column("previous", .jsonText)
        }
        // The log is append-only: SQLite refuses to change or remove an event.
        try db.execute(sql: """
            CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            """)
        try db.create(table: "adjudication") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("round_id", .integer).notNull().references("coding_round")
            t.column("passage_id", .integer).notNull().references("passage")
            t.column("case_id", .text).notNull().references("coalition_case")
            t.column("criterion_id", .text).notNull()
            t.column("present", .boolean).notNull()
            t.column("rationale", .text).notNull()
            t.column("adjudicator", .text).notNull().references("coder")
            t.column("decided_at", .datetime).notNull()
        }
    }

    /// Notes a coder keeps on a unit as a whole (a note typed and then `0`, none applies), which
    /// belong to no tag. Retracted rather than deleted, like codings.
    private static func createUnitNoteTable(_ db: Database) throws {
        try db.create(table: "unit_note") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("round_id", .integer).notNull().references("coding_round")
            t.column("coder", .text).notNull().references("coder")
            t.column("passage_id", .integer).notNull().references("passage")
            t.column("case_id", .text).notNull().references("coalition_case")
            t.column("note", .text).notNull()
            t.column("created_at", .datetime).notNull()
            t.column("retracted_at", .datetime)
        }
        try db.create(index: "unit_note_on_unit", on: "unit_note", columns: ["round_id", "passage_id", "case_id", "coder"])
    }

    /// `INSERT OR REPLACE` with an existing event id deletes the old event without firing the
    /// DELETE trigger (REPLACE deletions fire no triggers unless recursive triggers are on), so the
    /// log could be silently rewritten. Refuse any insert that names an id already in the log.
    private static func closeAuditReplace(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TRIGGER audit_event_no_replace BEFORE INSERT ON audit_event
            WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM audit_event WHERE id = NEW.id)
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            """)
    }

    /// Each glossary entry's label and description folded once, at import, as alias matching folds
    /// text (`AliasMatcher.searchForm`), so `mentions` narrows the entries naming an actor in SQL
    /// instead of folding every label of the corpus on every call.
    private static func addGlossarySearchForm(_ db: Database) throws {
        try db.alter(table: "glossary_entry") { t in t.add(column: "folded", .text) }
        let rows = try Row.fetchAll(db, sql: "SELECT rowid, label, description FROM glossary_entry")
        let update = try db.makeStatement(sql: "UPDATE glossary_entry SET folded = ? WHERE rowid = ?")
        for row in rows {
            try update.execute(arguments: [GlossaryRecord.searchForm(label: row["label"], description: row["description"]), row["rowid"]])
        }
    }

    /// `code import` stages its rows in short transactions under a coding batch nobody sees until
    /// one short transaction publishes it (see ``CodingCSVImporter``). Codings, finished units and
    /// audit events are stored in `coding_store`, `unit_done_store` and `audit_event_store`, each
    /// row with the batch that staged it (0: written directly, visible at once); `coding`,
    /// `unit_done` and `audit_event` become views of the rows that are visible (written directly,
    /// or staged by a published batch), so no reader can forget the filter. SQLite flattens these
    /// views into the queries that use them, and the tables' indexes apply as before.
    private static func stageCodingImports(_ db: Database) throws {
        try db.create(table: "coding_batch") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("path", .text).notNull()
            // pid@host of the importing process, so a later import can tell a dead one from a running one.
            t.column("owner", .text)
            t.column("started_at", .datetime).notNull()
            // NULL while staging; set by the one short transaction that publishes the batch.
            t.column("published_at", .datetime)
            // staging, published, or discarded (abandoned or superseded: its rows were removed).
            t.column("status", .text).notNull()
            t.column("codings", .integer).notNull().defaults(to: 0)
            t.column("units_done", .integer).notNull().defaults(to: 0)
        }
        // A published batch stays published: what it made visible cannot be hidden again.
        try db.execute(sql: """
            CREATE TRIGGER coding_batch_stays_published BEFORE UPDATE OF published_at ON coding_batch
            WHEN OLD.published_at IS NOT NULL AND NEW.published_at IS NOT OLD.published_at
            BEGIN SELECT RAISE(ABORT, 'a published coding batch stays published'); END;
            CREATE TRIGGER coding_batch_published_kept BEFORE DELETE ON coding_batch
            WHEN OLD.published_at IS NOT NULL
            BEGIN SELECT RAISE(ABORT, 'a published coding batch stays published'); END;
            """)
        let visible = "batch_id = 0 OR batch_id IN (SELECT id FROM coding_batch WHERE published_at IS NOT NULL)"

        try db.execute(sql: "ALTER TABLE coding RENAME TO coding_store")
        try db.execute(sql: "ALTER TABLE coding_store ADD COLUMN batch_id INTEGER NOT NULL DEFAULT 0")
        try db.execute(sql: """
            CREATE VIEW coding AS SELECT id, round_id, coder, passage_id, case_id, criterion_id, span_start, span_end, quote,
                note, test, attributes, created_at, retracted_at, retraction_reason, origin, direction
            FROM coding_store WHERE \(visible)
            """)

        try db.execute(sql: "ALTER TABLE audit_event RENAME TO audit_event_store")
        try db.execute(sql: "ALTER TABLE audit_event_store ADD COLUMN batch_id INTEGER NOT NULL DEFAULT 0")
        try db.execute(sql: """
            CREATE VIEW audit_event AS SELECT id, at, who, action, entity, entity_id, round_id, detail, previous
            FROM audit_event_store WHERE \(visible)
            """)

        // The batch joins the primary key, so a unit staged as finished never collides with the same
        // coder finishing it meanwhile (the publishing transaction then sees that and checks again).
        try db.create(table: "unit_done_store") { t in
            t.column("round_id", .integer).notNull().references("coding_round")
            t.column("coder", .text).notNull().references("coder")
            t.column("passage_id", .integer).notNull().references("passage")
            t.column("case_id", .text).notNull().references("coalition_case")
            t.column("done_at", .datetime).notNull()
            t.column("batch_id", .integer).notNull().defaults(to: 0)
            t.primaryKey(["round_id", "coder", "passage_id", "case_id", "batch_id"])
        }
        try db.execute(sql: """
            INSERT INTO unit_done_store (round_id, coder, passage_id, case_id, done_at, batch_id)
            SELECT round_id, coder, passage_id, case_id, done_at, 0 FROM unit_done ORDER BY rowid;
            DROP TABLE unit_done;
            CREATE VIEW unit_done AS SELECT round_id, coder, passage_id, case_id, done_at FROM unit_done_store WHERE \(visible);
            """)
    }

    /// Stored mentions (see MentionStore): rows per actor and generation, the register entry each
    /// actor's current generation was made for, which batches it covers under which glossary stamp,
    /// and per-volume glossary versions kept by triggers, so a glossary change is seen, not assumed.
    /// Created empty: a project from before this migration searches live until a register load,
    /// register edit or import computes its mentions. The triggers use no conflict clause of their
    /// own: an outer `INSERT OR REPLACE` (how glossary entries are saved) would override it.
    private static func createMentionTables(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE actor_mention (
                actor_id TEXT NOT NULL, generation INTEGER NOT NULL, passage_id INTEGER NOT NULL,
                start INTEGER NOT NULL, "end" INTEGER, document_id INTEGER NOT NULL, kind TEXT NOT NULL,
                alias TEXT NOT NULL, text TEXT NOT NULL,
                PRIMARY KEY (actor_id, generation, passage_id, start));
            CREATE TABLE mention_actor (
                actor_id TEXT PRIMARY KEY, alias_key TEXT NOT NULL, generation INTEGER NOT NULL);
            CREATE TABLE mention_coverage (
                actor_id TEXT NOT NULL, generation INTEGER NOT NULL,
                batch_id INTEGER NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE, stamp INTEGER NOT NULL,
                PRIMARY KEY (actor_id, generation, batch_id));
            CREATE INDEX mention_coverage_on_batch ON mention_coverage(batch_id);
            CREATE TABLE mention_sequence (next INTEGER NOT NULL);
            INSERT INTO mention_sequence (next) VALUES (0);
            CREATE TABLE glossary_volume_version (volume_id TEXT PRIMARY KEY, version INTEGER NOT NULL);
            INSERT INTO glossary_volume_version (volume_id, version) SELECT DISTINCT volume_id, 1 FROM glossary_entry;
            CREATE TRIGGER glossary_version_ai AFTER INSERT ON glossary_entry BEGIN
                INSERT INTO glossary_volume_version (volume_id, version)
                    SELECT NEW.volume_id, 0 WHERE NOT EXISTS (SELECT 1 FROM glossary_volume_version WHERE volume_id = NEW.volume_id);
                UPDATE glossary_volume_version SET version = version + 1 WHERE volume_id = NEW.volume_id;
            END;
            CREATE TRIGGER glossary_version_au AFTER UPDATE ON glossary_entry BEGIN
                INSERT INTO glossary_volume_version (volume_id, version)
                    SELECT OLD.volume_id, 0 WHERE NOT EXISTS (SELECT 1 FROM glossary_volume_version WHERE volume_id = OLD.volume_id);
                UPDATE glossary_volume_version SET version = version + 1 WHERE volume_id = OLD.volume_id;
                INSERT INTO glossary_volume_version (volume_id, version)
                    SELECT NEW.volume_id, 0 WHERE NOT EXISTS (SELECT 1 FROM glossary_volume_version WHERE volume_id = NEW.volume_id);
                UPDATE glossary_volume_version SET version = version + 1 WHERE volume_id = NEW.volume_id;
            END;
            CREATE TRIGGER glossary_version_ad AFTER DELETE ON glossary_entry BEGIN
                INSERT INTO glossary_volume_version (volume_id, version)
                    SELECT OLD.volume_id, 0 WHERE NOT EXISTS (SELECT 1 FROM glossary_volume_version WHERE volume_id = OLD.volume_id);
                UPDATE glossary_volume_version SET version = version + 1 WHERE volume_id = OLD.volume_id;
            END;
            """)
    }
}
