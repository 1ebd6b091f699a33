using EnterpriseHub.Storage.Common;
using Npgsql;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>
/// The schema's steps (<see cref="SchemaSteps"/>) in PostgreSQL's words, recorded one row per
/// version in <c>schema_version</c>: version 1 is the first four steps, each later step a version.
/// Text that is ordered or compared is <c>COLLATE "C"</c> so that ordering, paging and prefix
/// matches are byte-wise, as in SQLite, whatever the database's locale.
/// </summary>
internal static class PostgresSchema
{
    private static readonly string[] Migrations = Versions(SchemaSteps.Of(new SchemaWords(
        Long: "bigint", Int: "integer", Key: "text COLLATE \"C\"", Text: "text", List: "text[]", Decimal: "numeric", Bytes: "bytea",
        Identity: "bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY", Strict: "", WithoutRowId: "", Division: "(substr(uscc, 3, 6))", NameIndex: "",
        UnusedIndexes: "")));

    public static int LatestVersion => Migrations.Length;

    /// <summary>
    /// Brings the schema up to date. An advisory lock held by the migration's transaction makes
    /// replicas that start together take turns: the first migrates, the others find the work done.
    /// </summary>
    public static Task MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken) =>
        MigrateAsync(dataSource, LatestVersion, cancellationToken);

    /// <summary>Runs the migrations up to <paramref name="target"/> only: how the migration tests make a database of an older hub.</summary>
    internal static async Task MigrateAsync(NpgsqlDataSource dataSource, int target, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // Released at the commit or the rollback: nothing of the migration outlives its transaction on a pooled session.
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({AdvisoryLocks.Schema});", cancellationToken).ConfigureAwait(false);
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

    private static string[] Versions(string[] steps) => [string.Join("\n", steps[..4]), .. steps[4..]];

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
