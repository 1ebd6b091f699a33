using EnterpriseHub.Storage.Common;
using Microsoft.Data.Sqlite;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>
/// The schema's steps (<see cref="SchemaSteps"/>) in SQLite's words, each one version;
/// <c>PRAGMA user_version</c> records how many have run.
/// </summary>
internal static class SqliteSchema
{
    private static readonly string[] Migrations = SchemaSteps.Of(new SchemaWords(
        Long: "INTEGER", Int: "INTEGER", Key: "TEXT", Text: "TEXT", List: "TEXT", Decimal: "TEXT", Bytes: "BLOB", Identity: "INTEGER PRIMARY KEY",
        Strict: " STRICT", WithoutRowId: " STRICT, WITHOUT ROWID", Division: "substr(uscc, 3, 6)",
        NameIndex: "CREATE INDEX enterprises_by_name ON enterprises (name);",
        UnusedIndexes: """
            DROP INDEX enterprises_by_name;
            DROP INDEX credit_profiles_by_level;
            DROP INDEX credit_profiles_by_division;
            """));

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

    /// <summary>
    /// The writer's temporary storage in memory once the schema is migrated: it keeps each write's
    /// savepoint journal (the pages it changed, so it can be undone alone) off the disk, where a
    /// group that changed more than 64 KiB created, wrote and deleted a temporary file before its
    /// commit. Migrations, which may sort or rewrite whole tables, keep spilling to files.
    /// </summary>
    public static void KeepTemporariesInMemory(SqliteConnection connection) => Execute(connection, "PRAGMA temp_store = MEMORY;");

    /// <summary>
    /// Per-connection settings of a lookup's reader (<see cref="PreparedReaders"/>): a small page
    /// cache. In WAL mode every commit (a group of audited reads, a publish) empties every other
    /// connection's page cache at its next read, and emptying walks the cache's whole hash table,
    /// which grows with the cache and never shrinks; a lookup touches a dozen pages, and the table
    /// of a 64-page cache stays at its smallest. (Mapping the file instead is worse: SQLite unmaps
    /// it at each of those reads, and the next read faults every page in again.)
    /// </summary>
    public static void ConfigureLookupReader(SqliteConnection connection) => Execute(connection, "PRAGMA cache_size = 64;");

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
