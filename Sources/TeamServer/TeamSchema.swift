import PostgresNIO

/// The team project's schema on PostgreSQL, one named migration per step, applied in order inside
/// one transaction under an advisory lock (two leads running `team init` at once cannot interleave).
/// Like the project file's migrations, a released step is never edited.
///
/// Blindness is the database's business here, not the command line's: coders' work sits in tables
/// with row-level security, so a coder connected with `psql` sees exactly what `dossier` shows
/// them. Every table belongs to the role that ran `team init` (the owner, who bypasses row-level
/// security as PostgreSQL owners do); members reach the tables through the `dossier_team` group role.
enum TeamSchema {
    /// The group role every member belongs to; grants go to it, never to members one by one.
    static let memberGroup = "dossier_team"

    static let migrations: [(name: String, statements: [String])] = [
        ("team-1-schema", schema),
        ("team-2-blindness", blindness),
        ("team-3-audit-append-only", auditAppendOnly),
        ("team-4-progress", progress),
        ("team-5-last-activity", lastActivity),
        ("team-6-decisions", decisions),
    ]

    /// Tables. `team_work` holds each coder's whole work in a round as last sent (a packet, the
    /// JSON of `packet export`), from which working copies are rebuilt; `team_coding` keeps one row
    /// per coding ever sent, withdrawn ones marked, never deleted, for the lab's own queries (`psql`,
    /// R's RPostgres); `team_audit` records every send with the packet's hash.
    static let schema: [String] = [
        """
        CREATE TABLE team_member (
            handle text PRIMARY KEY,
            pg_role name UNIQUE NOT NULL,
            role text NOT NULL CHECK (role IN ('coder', 'adjudicator', 'lead')),
            added_at timestamptz NOT NULL DEFAULT now(),
            added_by name NOT NULL DEFAULT session_user)
        """,
        """
        CREATE TABLE team_snapshot (
            version serial PRIMARY KEY,
            content_hash text UNIQUE NOT NULL,
            corpus_fingerprint text NOT NULL,
            documents int NOT NULL,
            passages int NOT NULL,
            bytes bytea NOT NULL,
            published_at timestamptz NOT NULL DEFAULT now(),
            published_by name NOT NULL DEFAULT session_user)
        """,
        """
        CREATE TABLE team_round (
            name text PRIMARY KEY,
            purpose text NOT NULL,
            blind boolean NOT NULL,
            status text NOT NULL CHECK (status IN ('open', 'closed')),
            closed_at timestamptz,
            closed_by text,
            close_reason text)
        """,
        """
        CREATE TABLE team_assignment (
            round text NOT NULL REFERENCES team_round (name),
            coder text NOT NULL REFERENCES team_member (handle),
            units int NOT NULL,
            PRIMARY KEY (round, coder))
        """,
        """
        CREATE TABLE team_work (
            round text NOT NULL REFERENCES team_round (name),
            coder text NOT NULL REFERENCES team_member (handle),
            content_hash text NOT NULL,
            packet jsonb NOT NULL,
            codings int NOT NULL,
            finished int NOT NULL,
            pushed_at timestamptz NOT NULL DEFAULT now(),
            pushed_by name NOT NULL DEFAULT session_user,
            PRIMARY KEY (round, coder))
        """,
        """
        CREATE TABLE team_coding (
            key text PRIMARY KEY,
            round text NOT NULL REFERENCES team_round (name),
            coder text NOT NULL REFERENCES team_member (handle),
            document text NOT NULL,
            anchor text NOT NULL,
            case_id text NOT NULL,
            criterion text NOT NULL,
            direction text NOT NULL,
            span_start int,
            span_end int,
            quote text,
            note text,
            created_at timestamptz NOT NULL,
            retracted_at timestamptz,
            written_by name NOT NULL DEFAULT session_user)
        """,
        "CREATE INDEX team_coding_by_round ON team_coding (round, coder)",
        """
        CREATE TABLE team_audit (
            id bigserial PRIMARY KEY,
            at timestamptz NOT NULL DEFAULT now(),
            pg_role name NOT NULL DEFAULT session_user,
            handle text,
            round text,
            action text NOT NULL,
            detail jsonb NOT NULL DEFAULT '{}')
        """,
        // Who wrote a row is the login role, whatever the client claims.
        """
        CREATE FUNCTION dossier_stamp_writer() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_TABLE_NAME = 'team_audit' THEN NEW.pg_role := session_user;
            ELSIF TG_TABLE_NAME = 'team_work' THEN NEW.pushed_by := session_user;
            ELSIF TG_TABLE_NAME = 'team_coding' THEN NEW.written_by := session_user;
            END IF;
            RETURN NEW;
        END $$
        """,
        "CREATE TRIGGER team_audit_writer BEFORE INSERT ON team_audit FOR EACH ROW EXECUTE FUNCTION dossier_stamp_writer()",
        "CREATE TRIGGER team_work_writer BEFORE INSERT OR UPDATE ON team_work FOR EACH ROW EXECUTE FUNCTION dossier_stamp_writer()",
        "CREATE TRIGGER team_coding_writer BEFORE INSERT OR UPDATE ON team_coding FOR EACH ROW EXECUTE FUNCTION dossier_stamp_writer()",
    ]

    /// Row-level security. Who a connection is comes from `session_user` through `team_member`;
    /// the helper functions are SECURITY DEFINER so that policies can read the member and round
    /// tables whatever the caller may read.
    static let blindness: [String] = [
        """
        DO $$ BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dossier_team') THEN
                CREATE ROLE dossier_team NOLOGIN;
            END IF;
        END $$
        """,
        """
        CREATE FUNCTION dossier_handle() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
            SELECT handle FROM team_member WHERE pg_role = session_user
        $$
        """,
        """
        CREATE FUNCTION dossier_role() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
            SELECT role FROM team_member WHERE pg_role = session_user
        $$
        """,
        // Leads and adjudicators read a round's work once it is not blind and open; coders only ever their own.
        """
        CREATE FUNCTION dossier_sees_round(r text) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
            SELECT coalesce((SELECT role IN ('lead', 'adjudicator') FROM team_member WHERE pg_role = session_user), false)
               AND EXISTS (SELECT 1 FROM team_round WHERE name = r AND (NOT blind OR status = 'closed'))
        $$
        """,
        """
        CREATE FUNCTION dossier_round_open(r text) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
            SELECT EXISTS (SELECT 1 FROM team_round WHERE name = r AND status = 'open')
        $$
        """,
        // Progress without content: how many units each coder finished, for `team status` and `team close`.
        """
        CREATE FUNCTION dossier_round_progress(r text)
        RETURNS TABLE (coder text, assigned int, finished int, last_push timestamptz)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
            SELECT a.coder, a.units,
                   coalesce((SELECT w.finished FROM team_work w WHERE w.round = a.round AND w.coder = a.coder), 0),
                   (SELECT w.pushed_at FROM team_work w WHERE w.round = a.round AND w.coder = a.coder)
            FROM team_assignment a
            WHERE a.round = r
              AND (a.coder = (SELECT handle FROM team_member WHERE pg_role = session_user)
                   OR (SELECT role FROM team_member WHERE pg_role = session_user) IN ('lead', 'adjudicator'))
            ORDER BY a.coder
        $$
        """,
        "ALTER TABLE team_member ENABLE ROW LEVEL SECURITY",
        "CREATE POLICY member_read ON team_member FOR SELECT USING (dossier_handle() IS NOT NULL)",
        "CREATE POLICY member_add ON team_member FOR INSERT WITH CHECK (dossier_role() = 'lead')",
        "ALTER TABLE team_snapshot ENABLE ROW LEVEL SECURITY",
        "CREATE POLICY snapshot_read ON team_snapshot FOR SELECT USING (dossier_handle() IS NOT NULL)",
        "CREATE POLICY snapshot_publish ON team_snapshot FOR INSERT WITH CHECK (dossier_role() = 'lead')",
        "ALTER TABLE team_round ENABLE ROW LEVEL SECURITY",
        "CREATE POLICY round_read ON team_round FOR SELECT USING (dossier_handle() IS NOT NULL)",
        "CREATE POLICY round_create ON team_round FOR INSERT WITH CHECK (dossier_role() = 'lead')",
        "CREATE POLICY round_manage ON team_round FOR UPDATE USING (dossier_role() IN ('lead', 'adjudicator'))",
        "ALTER TABLE team_assignment ENABLE ROW LEVEL SECURITY",
        "CREATE POLICY assignment_read ON team_assignment FOR SELECT USING (dossier_handle() IS NOT NULL)",
        "CREATE POLICY assignment_write ON team_assignment FOR INSERT WITH CHECK (dossier_role() = 'lead')",
        "CREATE POLICY assignment_update ON team_assignment FOR UPDATE USING (dossier_role() = 'lead')",
        "ALTER TABLE team_work ENABLE ROW LEVEL SECURITY",
        "CREATE POLICY work_read ON team_work FOR SELECT USING (coder = dossier_handle() OR dossier_sees_round(round))",
        "CREATE POLICY work_send ON team_work FOR INSERT WITH CHECK (coder = dossier_handle() AND dossier_round_open(round))",
        "CREATE POLICY work_resend ON team_work FOR UPDATE USING (coder = dossier_handle()) WITH CHECK (coder = dossier_handle() AND dossier_round_open(round))",
        "ALTER TABLE team_coding ENABLE ROW LEVEL SECURITY",
        "CREATE POLICY coding_read ON team_coding FOR SELECT USING (coder = dossier_handle() OR dossier_sees_round(round))",
        "CREATE POLICY coding_write ON team_coding FOR INSERT WITH CHECK (coder = dossier_handle() AND dossier_round_open(round))",
        "CREATE POLICY coding_retract ON team_coding FOR UPDATE USING (coder = dossier_handle()) WITH CHECK (coder = dossier_handle() AND dossier_round_open(round))",
        "ALTER TABLE team_audit ENABLE ROW LEVEL SECURITY",
        "CREATE POLICY audit_read ON team_audit FOR SELECT USING (pg_role = session_user OR (dossier_role() IN ('lead', 'adjudicator') AND (round IS NULL OR dossier_sees_round(round))))",
        "CREATE POLICY audit_write ON team_audit FOR INSERT WITH CHECK (dossier_handle() IS NOT NULL)",
        "GRANT USAGE ON SCHEMA public TO dossier_team",
        "GRANT SELECT ON dossier_migration TO dossier_team",
        "GRANT SELECT ON team_member, team_snapshot, team_round, team_assignment, team_work, team_coding, team_audit TO dossier_team",
        "GRANT INSERT ON team_member, team_snapshot, team_round, team_assignment, team_work, team_coding, team_audit TO dossier_team",
        "GRANT UPDATE (status, closed_at, closed_by, close_reason) ON team_round TO dossier_team",
        "GRANT UPDATE (units) ON team_assignment TO dossier_team",
        "GRANT UPDATE (retracted_at, written_by) ON team_coding TO dossier_team",
        "GRANT UPDATE (content_hash, packet, codings, finished, pushed_at, pushed_by) ON team_work TO dossier_team",
        "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO dossier_team",
        "GRANT EXECUTE ON FUNCTION dossier_handle(), dossier_role(), dossier_sees_round(text), dossier_round_open(text), dossier_round_progress(text) TO dossier_team",
    ]

    /// The audit log is append-only for every member: no UPDATE, DELETE or TRUNCATE is granted,
    /// and triggers refuse them even for a role that was granted more (the owner too, short of
    /// dropping the trigger). Codings are never deleted either: no DELETE is granted on them.
    static let auditAppendOnly: [String] = [
        """
        CREATE FUNCTION dossier_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '% is append-only: events are never changed or removed', TG_TABLE_NAME;
        END $$
        """,
        "CREATE TRIGGER team_audit_append_only BEFORE UPDATE OR DELETE ON team_audit FOR EACH ROW EXECUTE FUNCTION dossier_append_only()",
        "CREATE TRIGGER team_audit_no_truncate BEFORE TRUNCATE ON team_audit FOR EACH STATEMENT EXECUTE FUNCTION dossier_append_only()",
    ]

    /// Progress as the server holds it, for `round status` and `code queue` in a working copy:
    /// per coder units assigned, finished and codings live, and which units each has finished.
    /// Never coding content. Who may see whose progress follows the project file's own rule
    /// (``AccessPolicy``): your own always; everyone's for leads and adjudicators, and for every
    /// member once the round is not blind or is closed. So while a blind round is open a coder's
    /// role reads no line but its own, here as in `psql`.
    static let progress: [String] = [
        """
        CREATE FUNCTION dossier_sees_progress(r text, who text) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
            SELECT EXISTS (SELECT 1 FROM team_member m WHERE m.pg_role = session_user
                           AND (m.handle = who OR m.role IN ('lead', 'adjudicator')
                                OR EXISTS (SELECT 1 FROM team_round WHERE name = r AND (NOT blind OR status = 'closed'))))
        $$
        """,
        """
        CREATE FUNCTION dossier_round_tally(r text)
        RETURNS TABLE (coder text, assigned int, finished int, tagged int, last_push timestamptz)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
            SELECT a.coder, a.units, coalesce(w.finished, 0), coalesce(w.codings, 0), w.pushed_at
            FROM team_assignment a LEFT JOIN team_work w ON w.round = a.round AND w.coder = a.coder
            WHERE a.round = r AND dossier_sees_progress(r, a.coder)
            ORDER BY a.coder
        $$
        """,
        """
        CREATE FUNCTION dossier_round_done(r text)
        RETURNS TABLE (coder text, document text, anchor text, case_id text)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
            SELECT w.coder, u->>'document', u->>'anchor', u->>'case_id'
            FROM team_work w CROSS JOIN LATERAL jsonb_array_elements(w.packet->'done') AS u
            WHERE w.round = r AND dossier_sees_progress(r, w.coder)
            ORDER BY w.coder
        $$
        """,
        "GRANT EXECUTE ON FUNCTION dossier_sees_progress(text, text), dossier_round_tally(text), dossier_round_done(text) TO dossier_team",
    ]

    /// When each coder last worked in a round, as their own copy logged it (the latest audit event
    /// of theirs in the round when the work was sent), beside when it was sent: `round status` in a
    /// working copy gives the same `last_activity` as in a single project file, not the moment of sending.
    static let lastActivity: [String] = [
        "ALTER TABLE team_work ADD COLUMN last_activity timestamptz",
        "GRANT UPDATE (last_activity) ON team_work TO dossier_team",
        "DROP FUNCTION dossier_round_tally(text)",
        """
        CREATE FUNCTION dossier_round_tally(r text)
        RETURNS TABLE (coder text, assigned int, finished int, tagged int, last_push timestamptz, last_activity timestamptz)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
            SELECT a.coder, a.units, coalesce(w.finished, 0), coalesce(w.codings, 0), w.pushed_at, w.last_activity
            FROM team_assignment a LEFT JOIN team_work w ON w.round = a.round AND w.coder = a.coder
            WHERE a.round = r AND dossier_sees_progress(r, a.coder)
            ORDER BY a.coder
        $$
        """,
        "GRANT EXECUTE ON FUNCTION dossier_round_tally(text) TO dossier_team",
    ]

    /// Adjudicators' decisions, one row per adjudicator and round: the CSV `adjudicate --import`
    /// reads (passages named by document and anchor), as last sent. Only an adjudicator writes their
    /// own; leads and adjudicators read them once the round is closed (or not blind), as they read
    /// the codings; coders do not.
    static let decisions: [String] = [
        """
        CREATE TABLE team_decision (
            round text NOT NULL REFERENCES team_round (name),
            adjudicator text NOT NULL REFERENCES team_member (handle),
            content_hash text NOT NULL,
            decisions text NOT NULL,
            pushed_at timestamptz NOT NULL DEFAULT now(),
            pushed_by name NOT NULL DEFAULT session_user,
            PRIMARY KEY (round, adjudicator))
        """,
        "ALTER TABLE team_decision ENABLE ROW LEVEL SECURITY",
        "CREATE POLICY decision_read ON team_decision FOR SELECT USING (adjudicator = dossier_handle() OR dossier_sees_round(round))",
        "CREATE POLICY decision_send ON team_decision FOR INSERT WITH CHECK (adjudicator = dossier_handle() AND dossier_role() = 'adjudicator')",
        "CREATE POLICY decision_resend ON team_decision FOR UPDATE USING (adjudicator = dossier_handle()) WITH CHECK (adjudicator = dossier_handle() AND dossier_role() = 'adjudicator')",
        "GRANT SELECT, INSERT ON team_decision TO dossier_team",
        "GRANT UPDATE (content_hash, decisions, pushed_at, pushed_by) ON team_decision TO dossier_team",
    ]

    /// Applies the migrations this database has not seen; returns their names.
    static func migrate(_ connection: TeamConnection) async throws -> [String] {
        try await connection.transaction("set up the team schema") { c in
            try await c.run("SELECT pg_advisory_xact_lock(4242170017)", "lock the team schema")
            try await c.run("""
                CREATE TABLE IF NOT EXISTS dossier_migration (
                    name text PRIMARY KEY,
                    applied_at timestamptz NOT NULL DEFAULT now(),
                    applied_by name NOT NULL DEFAULT session_user)
                """, "set up the team schema")
            var applied = Set<String>()
            for row in try await c.run("SELECT name FROM dossier_migration", "read the team schema version") {
                applied.insert(try row.decode(String.self))
            }
            let known = Set(migrations.map(\.name))
            if let unknown = applied.subtracting(known).sorted().first {
                throw TeamError.schemaTooNew(database: connection.endpoint.database, migration: unknown)
            }
            var ran: [String] = []
            for migration in migrations where !applied.contains(migration.name) {
                for statement in migration.statements {
                    try await c.run(PostgresQuery(unsafeSQL: statement), "apply \(migration.name)")
                }
                try await c.run("INSERT INTO dossier_migration (name) VALUES (\(migration.name))", "record \(migration.name)")
                ran.append(migration.name)
            }
            return ran
        }
    }

    /// True when `team init` has run on this database; a newer schema than this dossier knows is an error.
    static func check(_ connection: TeamConnection) async throws {
        let rows = try await connection.run("SELECT to_regclass('public.dossier_migration') IS NOT NULL", "read the team schema")
        guard let exists = try rows.first?.decode(Bool.self), exists else {
            throw TeamError.notInitialised(database: connection.endpoint.database)
        }
        let names = try await connection.run("SELECT name FROM dossier_migration", "read the team schema version")
            .map { try $0.decode(String.self) }
        let known = Set(migrations.map(\.name))
        if let unknown = names.first(where: { !known.contains($0) }) {
            throw TeamError.schemaTooNew(database: connection.endpoint.database, migration: unknown)
        }
        if let missing = migrations.map(\.name).first(where: { !names.contains($0) }) {
            throw TeamError.schemaTooOld(database: connection.endpoint.database, migration: missing)
        }
    }
}
