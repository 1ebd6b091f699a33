using Microsoft.Data.Sqlite;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>
/// The schema as numbered migrations; <c>PRAGMA user_version</c> records how many have run.
/// Append new migrations (audit records, grants, subscriptions); never edit a released one.
/// </summary>
internal static class SqliteSchema
{
    private static readonly string[] Migrations =
    [
        // 1: the fact log, the current view and the directory derived from it.
        """
        CREATE TABLE facts (
            seq INTEGER PRIMARY KEY,
            uscc TEXT NOT NULL,
            fact_type TEXT NOT NULL,
            publisher TEXT NOT NULL,
            source_record_id TEXT NOT NULL,
            effective_ticks INTEGER NOT NULL,
            publish_ticks INTEGER NOT NULL,
            attributes TEXT NOT NULL,
            UNIQUE (publisher, source_record_id)
        ) STRICT;
        CREATE INDEX facts_by_enterprise ON facts (uscc, fact_type, seq);

        CREATE TABLE current_facts (
            uscc TEXT NOT NULL,
            fact_type TEXT NOT NULL,
            seq INTEGER NOT NULL REFERENCES facts (seq),
            effective_ticks INTEGER NOT NULL,
            PRIMARY KEY (uscc, fact_type)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE enterprises (
            uscc TEXT NOT NULL PRIMARY KEY,
            name TEXT NOT NULL,
            industry TEXT NOT NULL
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX enterprises_by_name ON enterprises (name);
        CREATE INDEX enterprises_by_industry ON enterprises (industry, uscc);
        CREATE INDEX enterprises_by_division ON enterprises (substr(uscc, 3, 6), uscc);
        """,

        // 2: the hash-chained audit trail, and which enterprises' data each read touched.
        """
        CREATE TABLE audit_records (
            seq INTEGER PRIMARY KEY,
            time_ticks INTEGER NOT NULL,
            caller TEXT NOT NULL,
            officer_id TEXT NOT NULL,
            action TEXT NOT NULL,
            usccs TEXT NOT NULL,
            fact_types TEXT NOT NULL,
            purpose TEXT NOT NULL,
            request_id TEXT NOT NULL,
            outcome TEXT NOT NULL,
            detail TEXT NOT NULL,
            previous_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        ) STRICT;

        CREATE TABLE audit_reads (
            uscc TEXT NOT NULL,
            seq INTEGER NOT NULL,
            PRIMARY KEY (uscc, seq)
        ) STRICT, WITHOUT ROWID;
        """,

        // 3: grants of conditional fact types, and the catalog's schema versions.
        """
        CREATE TABLE grants (
            id INTEGER PRIMARY KEY,
            fact_type TEXT NOT NULL,
            requester TEXT NOT NULL,
            owner TEXT NOT NULL,
            purpose TEXT NOT NULL,
            legal_basis TEXT NOT NULL,
            requested_ticks INTEGER NOT NULL,
            wanted_until_ticks INTEGER NOT NULL,
            state TEXT NOT NULL,
            decided_ticks INTEGER,
            decision_reason TEXT NOT NULL,
            expires_ticks INTEGER,
            revoked_ticks INTEGER
        ) STRICT;
        CREATE INDEX grants_by_requester ON grants (requester, state);
        CREATE INDEX grants_by_owner ON grants (owner, state);

        CREATE TABLE fact_type_versions (
            name TEXT NOT NULL,
            version INTEGER NOT NULL,
            definition TEXT NOT NULL,
            changed_by TEXT NOT NULL,
            changed_ticks INTEGER NOT NULL,
            PRIMARY KEY (name, version)
        ) STRICT, WITHOUT ROWID;
        """,

        // 4: durable subscriptions with their server-kept cursors.
        """
        CREATE TABLE subscriptions (
            owner TEXT NOT NULL,
            name TEXT NOT NULL,
            filter TEXT NOT NULL,
            acked INTEGER NOT NULL,
            created_ticks INTEGER NOT NULL,
            PRIMARY KEY (owner, name)
        ) STRICT, WITHOUT ROWID;
        """,

        // 5: the credit projection: where it stands, its profiles by generation, its alerts in order.
        // Levels are their letters, which order as the levels do; scores are decimal text, kept exactly.
        """
        CREATE TABLE credit_state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            generation INTEGER NOT NULL,
            version INTEGER NOT NULL,
            fact_cursor INTEGER NOT NULL,
            rules_fingerprint TEXT NOT NULL,
            rules_version INTEGER NOT NULL
        ) STRICT;
        INSERT INTO credit_state (id, generation, version, fact_cursor, rules_fingerprint, rules_version) VALUES (1, 1, 0, 0, '', 0);

        CREATE TABLE credit_profiles (
            generation INTEGER NOT NULL,
            uscc TEXT NOT NULL,
            level TEXT NOT NULL CHECK (level IN ('A', 'B', 'C', 'D')),
            score TEXT NOT NULL,
            signals TEXT NOT NULL,
            next_change_ticks INTEGER,
            rules_version INTEGER NOT NULL,
            PRIMARY KEY (generation, uscc)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX credit_profiles_by_level ON credit_profiles (generation, level, uscc);
        CREATE INDEX credit_profiles_by_division ON credit_profiles (generation, substr(uscc, 3, 6), uscc);
        CREATE INDEX credit_profiles_due ON credit_profiles (generation, next_change_ticks) WHERE next_change_ticks IS NOT NULL;

        CREATE TABLE credit_alerts (
            seq INTEGER PRIMARY KEY,
            uscc TEXT NOT NULL,
            before_level TEXT NOT NULL,
            after_level TEXT NOT NULL,
            reason TEXT NOT NULL,
            time_ticks INTEGER NOT NULL,
            fact_seq INTEGER
        ) STRICT;
        """,

        // 6: proactive notices: the departments' policies, the notices delivered (a key once per
        // enterprise) and where the matcher stands. Kinds are their names; times UTC ticks (a new
        // state's reminded_until, 0 ticks, is DateTimeOffset.MinValue).
        """
        CREATE TABLE policies (
            department TEXT NOT NULL,
            id TEXT NOT NULL,
            seq INTEGER NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            condition TEXT NOT NULL,
            valid_from_ticks INTEGER NOT NULL,
            valid_until_ticks INTEGER NOT NULL,
            published_ticks INTEGER NOT NULL,
            PRIMARY KEY (department, id)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE notices (
            seq INTEGER PRIMARY KEY,
            uscc TEXT NOT NULL,
            key TEXT NOT NULL,
            kind TEXT NOT NULL,
            department TEXT NOT NULL,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            delivered_ticks INTEGER NOT NULL,
            due_ticks INTEGER,
            read_ticks INTEGER,
            UNIQUE (uscc, key)
        ) STRICT;
        CREATE INDEX notices_by_enterprise ON notices (uscc, seq);

        CREATE TABLE notice_state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            version INTEGER NOT NULL,
            fact_cursor INTEGER NOT NULL,
            policy_cursor INTEGER NOT NULL,
            reminded_until_ticks INTEGER NOT NULL
        ) STRICT;
        INSERT INTO notice_state (id, version, fact_cursor, policy_cursor, reminded_until_ticks) VALUES (1, 0, 0, 0, 0);
        """,

        // 7: the caller's correlation id beside the hub's request id; older records have none,
        // which the chain's encoding leaves out, so their hashes still verify.
        """
        ALTER TABLE audit_records ADD COLUMN correlation_id TEXT NOT NULL DEFAULT '';
        """,

        // 8: where a subscription started; older ones count as from the beginning of the log.
        """
        ALTER TABLE subscriptions ADD COLUMN start_after_seq INTEGER NOT NULL DEFAULT 0;
        """,

        // 9: the enterprise's page: credit alerts the matcher has turned into warnings (a store of an
        // older hub starts after its last alert, so history is not sent as news), and the record of
        // each form submission, listed per enterprise newest first.
        """
        ALTER TABLE notice_state ADD COLUMN alert_cursor INTEGER NOT NULL DEFAULT 0;
        UPDATE notice_state SET alert_cursor = (SELECT coalesce(max(seq), 0) FROM credit_alerts);

        CREATE TABLE form_submissions (
            caller TEXT NOT NULL,
            submission_id TEXT NOT NULL,
            uscc TEXT NOT NULL,
            form TEXT NOT NULL,
            officer_id TEXT NOT NULL,
            submitted_ticks INTEGER NOT NULL,
            effective_ticks INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            targets TEXT NOT NULL,
            PRIMARY KEY (caller, submission_id)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX form_submissions_by_enterprise ON form_submissions (uscc, seq);
        """,
    ];

    public static int LatestVersion => Migrations.Length;

    /// <summary>
    /// Per-connection settings of the writer: no committed fact may be lost (FULL syncs the WAL
    /// at every commit). Checkpointing every 64 MB rather than 4 MB lets a page that many
    /// batches dirty reach the database file once; it more than doubles random-order appends.
    /// </summary>
    public static void ConfigureWriter(SqliteConnection connection)
    {
        Execute(connection, """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            PRAGMA foreign_keys = ON;
            PRAGMA busy_timeout = 5000;
            PRAGMA cache_size = -65536;
            PRAGMA wal_autocheckpoint = 16384;
            PRAGMA journal_size_limit = 67108864;
            """);
    }

    public static void Migrate(SqliteConnection connection) => Migrate(connection, LatestVersion);

    /// <summary>Runs the migrations up to <paramref name="target"/> only: how the migration tests make a database of an older hub.</summary>
    internal static void Migrate(SqliteConnection connection, int target)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var version = Convert.ToInt32(Scalar(connection, transaction, "PRAGMA user_version;"));
        if (version > LatestVersion)
        {
            throw new InvalidOperationException(
                $"The database schema version {version} is newer than this hub supports ({LatestVersion}).");
        }

        for (var next = version; next < target; next++)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Migrations[next] + $"\nPRAGMA user_version = {next + 1};";
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
