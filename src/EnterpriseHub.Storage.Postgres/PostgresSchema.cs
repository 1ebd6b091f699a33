using System.Data;
using Npgsql;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>
/// The schema as numbered migrations, recorded one row per migration in <c>schema_version</c>.
/// Append new migrations; never edit a released one. Text that is ordered or compared is
/// <c>COLLATE "C"</c> so that ordering, paging and prefix matches are byte-wise, as in SQLite,
/// whatever the database's locale.
/// </summary>
internal static class PostgresSchema
{
    private static readonly string[] Migrations =
    [
        // 1: the fact log, its views, the audit trail, grants, the catalog and subscriptions.
        """
        CREATE TABLE facts (
            seq bigint PRIMARY KEY,
            uscc text COLLATE "C" NOT NULL,
            fact_type text COLLATE "C" NOT NULL,
            publisher text COLLATE "C" NOT NULL,
            source_record_id text COLLATE "C" NOT NULL,
            effective_ticks bigint NOT NULL,
            publish_ticks bigint NOT NULL,
            attributes text NOT NULL,
            UNIQUE (publisher, source_record_id)
        );
        CREATE INDEX facts_by_enterprise ON facts (uscc, fact_type, seq);

        CREATE TABLE current_facts (
            uscc text COLLATE "C" NOT NULL,
            fact_type text COLLATE "C" NOT NULL,
            seq bigint NOT NULL REFERENCES facts (seq),
            effective_ticks bigint NOT NULL,
            PRIMARY KEY (uscc, fact_type)
        );

        CREATE TABLE enterprises (
            uscc text COLLATE "C" PRIMARY KEY,
            name text COLLATE "C" NOT NULL,
            industry text COLLATE "C" NOT NULL
        );
        CREATE INDEX enterprises_by_industry ON enterprises (industry, uscc);
        CREATE INDEX enterprises_by_division ON enterprises ((substr(uscc, 3, 6)), uscc);

        CREATE TABLE audit_records (
            seq bigint PRIMARY KEY,
            time_ticks bigint NOT NULL,
            caller text NOT NULL,
            officer_id text NOT NULL,
            action text NOT NULL,
            usccs text[] NOT NULL,
            fact_types text[] NOT NULL,
            purpose text NOT NULL,
            request_id text NOT NULL,
            outcome text NOT NULL,
            detail text NOT NULL,
            previous_hash text NOT NULL,
            hash text NOT NULL
        );

        CREATE TABLE audit_reads (
            uscc text COLLATE "C" NOT NULL,
            seq bigint NOT NULL,
            PRIMARY KEY (uscc, seq)
        );

        CREATE TABLE grants (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            fact_type text COLLATE "C" NOT NULL,
            requester text COLLATE "C" NOT NULL,
            owner text COLLATE "C" NOT NULL,
            purpose text NOT NULL,
            legal_basis text NOT NULL,
            requested_ticks bigint NOT NULL,
            wanted_until_ticks bigint NOT NULL,
            state text NOT NULL,
            decided_ticks bigint,
            decision_reason text NOT NULL,
            expires_ticks bigint,
            revoked_ticks bigint
        );
        CREATE INDEX grants_by_requester ON grants (requester, state);
        CREATE INDEX grants_by_owner ON grants (owner, state);

        CREATE TABLE fact_type_versions (
            name text COLLATE "C" NOT NULL,
            version integer NOT NULL,
            definition text NOT NULL,
            changed_by text NOT NULL,
            changed_ticks bigint NOT NULL,
            PRIMARY KEY (name, version)
        );

        CREATE TABLE subscriptions (
            owner text COLLATE "C" NOT NULL,
            name text COLLATE "C" NOT NULL,
            filter text NOT NULL,
            acked bigint NOT NULL,
            created_ticks bigint NOT NULL,
            PRIMARY KEY (owner, name)
        );
        """,

        // 2: the credit projection: where it stands, its profiles by generation, its alerts in order.
        // Levels are their letters, which order as the levels do.
        """
        CREATE TABLE credit_state (
            id integer PRIMARY KEY CHECK (id = 1),
            generation bigint NOT NULL,
            version bigint NOT NULL,
            fact_cursor bigint NOT NULL,
            rules_fingerprint text NOT NULL,
            rules_version integer NOT NULL
        );
        INSERT INTO credit_state (id, generation, version, fact_cursor, rules_fingerprint, rules_version) VALUES (1, 1, 0, 0, '', 0);

        CREATE TABLE credit_profiles (
            generation bigint NOT NULL,
            uscc text COLLATE "C" NOT NULL,
            level text COLLATE "C" NOT NULL CHECK (level IN ('A', 'B', 'C', 'D')),
            score numeric NOT NULL,
            signals text NOT NULL,
            next_change_ticks bigint,
            rules_version integer NOT NULL,
            PRIMARY KEY (generation, uscc)
        );
        CREATE INDEX credit_profiles_by_level ON credit_profiles (generation, level, uscc);
        CREATE INDEX credit_profiles_by_division ON credit_profiles (generation, (substr(uscc, 3, 6)), uscc);
        CREATE INDEX credit_profiles_due ON credit_profiles (generation, next_change_ticks) WHERE next_change_ticks IS NOT NULL;

        CREATE TABLE credit_alerts (
            seq bigint PRIMARY KEY,
            uscc text COLLATE "C" NOT NULL,
            before_level text NOT NULL,
            after_level text NOT NULL,
            reason text NOT NULL,
            time_ticks bigint NOT NULL,
            fact_seq bigint
        );
        """,

        // 3: proactive notices: the departments' policies, the notices delivered (a key once per
        // enterprise) and where the matcher stands. Kinds are their names; times UTC ticks (a new
        // state's reminded_until, 0 ticks, is DateTimeOffset.MinValue).
        """
        CREATE TABLE policies (
            department text COLLATE "C" NOT NULL,
            id text COLLATE "C" NOT NULL,
            seq bigint NOT NULL UNIQUE,
            kind text NOT NULL,
            title text NOT NULL,
            body text NOT NULL,
            condition text NOT NULL,
            valid_from_ticks bigint NOT NULL,
            valid_until_ticks bigint NOT NULL,
            published_ticks bigint NOT NULL,
            PRIMARY KEY (department, id)
        );

        CREATE TABLE notices (
            seq bigint PRIMARY KEY,
            uscc text COLLATE "C" NOT NULL,
            key text COLLATE "C" NOT NULL,
            kind text NOT NULL,
            department text COLLATE "C" NOT NULL,
            title text NOT NULL,
            body text NOT NULL,
            delivered_ticks bigint NOT NULL,
            due_ticks bigint,
            read_ticks bigint,
            UNIQUE (uscc, key)
        );
        CREATE INDEX notices_by_enterprise ON notices (uscc, seq);

        CREATE TABLE notice_state (
            id integer PRIMARY KEY CHECK (id = 1),
            version bigint NOT NULL,
            fact_cursor bigint NOT NULL,
            policy_cursor bigint NOT NULL,
            reminded_until_ticks bigint NOT NULL
        );
        INSERT INTO notice_state (id, version, fact_cursor, policy_cursor, reminded_until_ticks) VALUES (1, 0, 0, 0, 0);
        """,

        // 4: the caller's correlation id beside the hub's request id; older records have none,
        // which the chain's encoding leaves out, so their hashes still verify.
        """
        ALTER TABLE audit_records ADD COLUMN correlation_id text NOT NULL DEFAULT '';
        """,

        // 5: where a subscription started; older ones count as from the beginning of the log.
        """
        ALTER TABLE subscriptions ADD COLUMN start_after_seq bigint NOT NULL DEFAULT 0;
        """,

        // 6: the enterprise's page: credit alerts the matcher has turned into warnings (a store of an
        // older hub starts after its last alert, so history is not sent as news), and the record of
        // each form submission, listed per enterprise newest first.
        """
        ALTER TABLE notice_state ADD COLUMN alert_cursor bigint NOT NULL DEFAULT 0;
        UPDATE notice_state SET alert_cursor = (SELECT coalesce(max(seq), 0) FROM credit_alerts);

        CREATE TABLE form_submissions (
            caller text NOT NULL,
            submission_id text NOT NULL,
            uscc text COLLATE "C" NOT NULL,
            form text NOT NULL,
            officer_id text NOT NULL,
            submitted_ticks bigint NOT NULL,
            effective_ticks bigint NOT NULL,
            seq bigint NOT NULL,
            targets text NOT NULL,
            PRIMARY KEY (caller, submission_id)
        );
        CREATE INDEX form_submissions_by_enterprise ON form_submissions (uscc, seq);
        """,
    ];

    public static int LatestVersion => Migrations.Length;

    /// <summary>
    /// Brings the schema up to date. A session-level advisory lock makes replicas that start
    /// together take turns: the first migrates, the others find the work done.
    /// </summary>
    public static Task MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken) =>
        MigrateAsync(dataSource, LatestVersion, cancellationToken);

    /// <summary>Runs the migrations up to <paramref name="target"/> only: how the migration tests make a database of an older hub.</summary>
    internal static async Task MigrateAsync(NpgsqlDataSource dataSource, int target, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({AdvisoryLocks.Schema});", cancellationToken).ConfigureAwait(false);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, """
                CREATE TABLE IF NOT EXISTS schema_version (
                    version integer PRIMARY KEY,
                    applied_at timestamptz NOT NULL DEFAULT now()
                );
                """, cancellationToken).ConfigureAwait(false);
            await using (var current = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_version;", connection))
            {
                var version = (int)(await current.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                if (version > LatestVersion)
                {
                    throw new InvalidOperationException(
                        $"The database schema version {version} is newer than this hub supports ({LatestVersion}); run a hub that knows it.");
                }

                for (var next = version; next < target; next++)
                {
                    await ExecuteAsync(
                        connection, Migrations[next] + $"\nINSERT INTO schema_version (version) VALUES ({next + 1});", cancellationToken)
                        .ConfigureAwait(false);
                }
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // A broken session has lost the lock with it; an open one hands it back before it returns to the pool.
            if (connection.FullState == ConnectionState.Open)
            {
                await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({AdvisoryLocks.Schema});", CancellationToken.None)
                    .ConfigureAwait(false);
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
