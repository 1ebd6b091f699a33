using System.Data.Common;
using System.Globalization;
using EnterpriseHub.Core.Audit;
using EnterpriseHub.Storage.Common;
using Npgsql;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>
/// The shared engine: every call on a pooled connection, writes ordered across replicas by
/// advisory locks held to their commit, state rows locked by the writes that check them, and
/// NOTIFY at the commit so every replica's watches wake.
/// </summary>
internal sealed partial class PostgresEngine : SqlEngine
{
    private static readonly string LockAuditChain = $"SELECT pg_advisory_xact_lock({AdvisoryLocks.AuditChain});";

    private readonly NpgsqlDataSource dataSource;

    public PostgresEngine(PostgresStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString);
        dataSource = NpgsqlDataSource.Create(Settings(options.ConnectionString));
    }

    /// <summary>
    /// The operator's connection string with the hub's defaults where it says nothing: the hub sends
    /// a few dozen statements over and over (every lookup's audit, the append's, the health check's),
    /// so each connection prepares them once, and keeps them when it returns to the pool instead of
    /// resetting the session (seven statements before the next use). The hub is the pool's only user
    /// and leaves no session state on a pooled connection: its session locks and LISTEN have
    /// connections of their own, every other lock ends with its transaction.
    /// </summary>
    internal static NpgsqlConnectionStringBuilder Settings(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.ApplicationName ??= "EnterpriseHub";
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(key => key.Replace(" ", "", StringComparison.Ordinal))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!given.Contains("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
        }

        if (!given.Contains("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder;
    }

    public override string ForUpdate => " FOR UPDATE";

    public override string ForShare => " FOR SHARE";

    public override Task StartAsync(CancellationToken cancellationToken) => PostgresSchema.MigrateAsync(dataSource, cancellationToken);

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public override async Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> write, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var result = await write(connection, transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    public override bool IsUnavailable(Exception exception) => PostgresErrors.IsUnavailable(exception);

    /// <summary>Idle connections the outage broke are not handed out once the server is back: the next call opens a fresh one.</summary>
    public override void Reset() => dataSource.Clear();

    public override async Task<IAsyncDisposable?> TryLeadAsync(LeaderRole role, CancellationToken cancellationToken) =>
        await AdvisoryLease.TryTakeAsync(dataSource, AdvisoryLocks.Of(role), cancellationToken).ConfigureAwait(false);

    public override Task LockAsync(DbConnection connection, DbTransaction transaction, WriteLock writeLock, CancellationToken cancellationToken) =>
        Sql.ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({AdvisoryLocks.Of(writeLock)});", cancellationToken);

    /// <summary>
    /// The lock and the reads in one round trip. Every replica reads the edge from the table under
    /// the lock, never from memory: another replica may have extended the tree since.
    /// </summary>
    public override async Task<AuditTail> LockAuditChainAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(connection, transaction, $"{LockAuditChain} {AuditTree.LastRecordAndEdge}");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        return await AuditTree.ReadTailAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Delivered at the commit, never before, never for a rollback.</summary>
    public override Task NotifyAsync(DbConnection connection, DbTransaction transaction, string channel, long last, CancellationToken cancellationToken) =>
        Sql.ExecuteAsync(
            connection, transaction, "SELECT pg_notify(@channel, @last);", cancellationToken,
            ("@channel", channel), ("@last", last.ToString(CultureInfo.InvariantCulture)));

    public override string In(string column, string parameter) => $"{column} = ANY({parameter})";

    /// <summary>
    /// One index probe per key, whatever the statistics say. Written as <c>key = ANY(list)</c> beside an
    /// equality on the index's first column (the publisher, the generation), a table that grew since
    /// its last ANALYZE (a fresh store's first bulk import) is planned as a scan of every row under
    /// that first value: 20–50 ms a batch of 1,000, growing with the table, against 1–3 ms here.
    /// </summary>
    public override string ForEachKey(string select, string keyColumn, string parameter) => EachKey(select, keyColumn, parameter);

    internal static string EachKey(string select, string keyColumn, string parameter) =>
        $"SELECT r.* FROM unnest({parameter}) AS k (key) CROSS JOIN LATERAL ({select} AND {keyColumn} = k.key LIMIT 1) r";

    public override object List(IEnumerable<string> values) => values.ToArray();

    public override IReadOnlyList<string> ReadList(DbDataReader reader, int ordinal) => reader.GetFieldValue<string[]>(ordinal);

    /// <summary>ILIKE on "C"-collated text folds ASCII only, as SQLite's LIKE does.</summary>
    public override (string Condition, string Value) Contains(string column, string parameter, string fragment) =>
        ($@"{column} ILIKE {parameter} ESCAPE '\'", $"%{DirectorySearch.EscapeLike(fragment)}%");

    /// <summary>A literal prefix on "C"-collated text can use the index.</summary>
    public override (string Condition, string Value) StartsWith(string column, string parameter, string prefix) =>
        ($@"{column} LIKE {parameter} ESCAPE '\'", DirectorySearch.EscapeLike(prefix) + "%");

    public override ValueTask DisposeAsync() => dataSource.DisposeAsync();

    public override void Dispose() => dataSource.Dispose();
}
