using System.Data.Common;
using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Audit.Merkle;
using EnterpriseHub.Core.Credit;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Core.Forms;
using EnterpriseHub.Core.Proactive;

namespace EnterpriseHub.Storage.Common;

/// <summary>
/// What an engine supplies to <see cref="SqlFactStore"/>, which does everything else once:
/// connections, the write transaction, whether the store is down, the leader leases, the locks
/// that order writers, and the SQL where the dialects really differ (the append batch, the
/// multi-row inserts and upserts, list parameters, pattern matches). Parameters are named <c>@name</c>.
/// </summary>
internal abstract class SqlEngine : IAsyncDisposable, IDisposable
{
    /// <summary>Creates or migrates the schema and makes the store ready to write.</summary>
    public abstract Task StartAsync(CancellationToken cancellationToken);

    /// <summary>A connection for one read, which runs while writers commit.</summary>
    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Runs one read statement on a connection of its own and reads its rows; for the hub's most
    /// frequent reads (an enterprise's profile on every lookup), which an engine may keep prepared
    /// across calls. Each call of one <paramref name="sql"/> passes its parameters in the same order.
    /// </summary>
    public virtual async Task<T> ReadPreparedAsync<T>(
        string sql, (string Name, object? Value)[] parameters, Func<DbDataReader, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await read(reader).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="write"/> in a write transaction and commits it: the embedded store's one
    /// writer in an immediate transaction, the shared store's pooled connection. A write takes the
    /// locks it needs (<see cref="LockAsync"/>) inside it; they hold to the commit.
    /// </summary>
    public abstract Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> write, CancellationToken cancellationToken);

    /// <summary>
    /// Appends a batch with its audit record, and the record of the form <paramref name="submission"/>
    /// the batch declares when given (<see cref="SubmissionColumns.Insert"/>), in one transaction,
    /// under the fact log's lock and then the audit chain's.
    /// </summary>
    public abstract Task<(IReadOnlyList<AppendedFact> Results, List<AuditRecord> Audited)> AppendAsync(
        string publisher, IReadOnlyList<FactDraft> drafts, DateTimeOffset publishTime, AuditEntry audit, SubmissionDraft? submission,
        CancellationToken cancellationToken);

    /// <summary>Whether an engine error means "the store cannot serve now, retry" rather than a bug.</summary>
    public abstract bool IsUnavailable(Exception exception);

    /// <summary>After an outage: forget connections it may have broken.</summary>
    public virtual void Reset()
    {
    }

    /// <summary>Becomes the one <paramref name="role"/> among every hub on this store; null when another holds it.</summary>
    public abstract Task<IAsyncDisposable?> TryLeadAsync(LeaderRole role, CancellationToken cancellationToken);

    /// <summary>Takes <paramref name="writeLock"/> until the transaction ends; nothing where one writer does every write.</summary>
    public abstract Task LockAsync(DbConnection connection, DbTransaction transaction, WriteLock writeLock, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the audit chain's lock and reads the last record stored and the tree's edge after it
    /// (<see cref="AuditTree.LastRecordAndEdge"/>), which the lock keeps last until the commit.
    /// </summary>
    public virtual async Task<AuditTail> LockAuditChainAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await LockAsync(connection, transaction, WriteLock.AuditChain, cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, transaction, AuditTree.LastRecordAndEdge);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await AuditTree.ReadTailAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Appended to a read of a state row that a write checks and then changes, so no other writer passes between.</summary>
    public virtual string ForUpdate => string.Empty;

    /// <summary>Appended to a read of a state row that must not change before the write commits.</summary>
    public virtual string ForShare => string.Empty;

    /// <summary>Tells every hub on the store, at the commit, that <paramref name="channel"/>'s log reached <paramref name="last"/>.</summary>
    public virtual Task NotifyAsync(DbConnection connection, DbTransaction transaction, string channel, long last, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>The condition that <paramref name="column"/> is one of the list bound as <paramref name="parameter"/>.</summary>
    public abstract string In(string column, string parameter);

    /// <summary>
    /// <paramref name="select"/>, a query ending in its WHERE clause, kept to the rows whose unique
    /// key <paramref name="keyColumn"/> is one of the list bound as <paramref name="parameter"/>: at
    /// most one row per key, in no particular order. An engine whose planner can misjudge
    /// <see cref="In"/> on a table it has no statistics of yet writes it as a lookup per key.
    /// </summary>
    public virtual string ForEachKey(string select, string keyColumn, string parameter) => $"{select} AND {In(keyColumn, parameter)}";

    /// <summary>A list of text as <see cref="In"/> and the list columns take it.</summary>
    public abstract object List(IEnumerable<string> values);

    /// <summary>A list column (the audit record's enterprises and fact types).</summary>
    public abstract IReadOnlyList<string> ReadList(DbDataReader reader, int ordinal);

    /// <summary>The condition that <paramref name="column"/> contains the text bound as <paramref name="parameter"/>, ASCII letters in any case, wildcards literally.</summary>
    public abstract (string Condition, string Value) Contains(string column, string parameter, string fragment);

    /// <summary>The condition that <paramref name="column"/> starts with the text bound as <paramref name="parameter"/>, case-sensitively, using its index.</summary>
    public abstract (string Condition, string Value) StartsWith(string column, string parameter, string prefix);

    /// <summary>Inserts linked audit records with their salts, the access log rows of those it keeps and the tree nodes they finish, in the open transaction.</summary>
    public abstract Task InsertAuditAsync(DbConnection connection, DbTransaction transaction, AuditAppend append, CancellationToken cancellationToken);

    /// <summary>Inserts finished tree nodes in the open transaction (the catch-up of records stored before the tree).</summary>
    public abstract Task InsertTreeAsync(DbConnection connection, DbTransaction transaction, List<MerkleNode> nodes, CancellationToken cancellationToken);

    /// <summary>Stores (replaces) profiles in <paramref name="generation"/>; a profile given twice keeps its last.</summary>
    public abstract Task UpsertProfilesAsync(
        DbConnection connection, DbTransaction transaction, long generation, IReadOnlyList<CreditProfile> profiles, CancellationToken cancellationToken);

    /// <summary>Inserts numbered alerts.</summary>
    public abstract Task InsertAlertsAsync(DbConnection connection, DbTransaction transaction, List<CreditAlert> alerts, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts, numbered in list order after <paramref name="last"/>, the first of each (enterprise, key)
    /// in the list that is not stored yet, and returns them in sequence order.
    /// </summary>
    public abstract Task<List<Notice>> InsertNoticesAsync(
        DbConnection connection, DbTransaction transaction, long last, IReadOnlyList<NewNotice> notices, CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    public abstract void Dispose();
}

/// <summary>The roles one hub at a time plays on a store.</summary>
internal enum LeaderRole
{
    CreditEvaluator,
    NoticeMatcher,
    CheckpointSigner,
}

/// <summary>
/// The locks that order writers across replicas. Whoever takes the audit chain's with another
/// takes it last, so two writers never wait on each other in a cycle.
/// </summary>
internal enum WriteLock
{
    FactLog,
    AuditChain,
    Policies,
}

/// <summary>The notification channels: each log's writers notify at their commit with the last sequence.</summary>
internal static class Channels
{
    public const string Facts = "hub_facts";
    public const string Credit = "hub_credit";
    public const string Notices = "hub_notices";
}
