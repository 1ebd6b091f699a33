using System.Data.Common;
using EnterpriseHub.Core.Access;
using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Credit;
using EnterpriseHub.Core.Errors;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Core.Feed;
using EnterpriseHub.Core.Forms;
using EnterpriseHub.Core.Proactive;

namespace EnterpriseHub.Storage.Common;

/// <summary>
/// Every store contract, implemented once over SQL: guards, empty-input shortcuts, paging, row
/// mapping, "initialise first" and every query that reads the same on both engines live here (one
/// partial file per contract); an engine (<see cref="SqlEngine"/>) supplies connections, the write
/// transaction, the locks, the leases and the SQL where the dialects differ.
/// </summary>
public abstract partial class SqlFactStore
    : IFactStore, IAuditStore, IGrantStore, ICatalogStore, ISubscriptionStore, ICreditStore, INoticeStore, ISubmissionStore,
        IAsyncDisposable, IDisposable
{
    private readonly SqlEngine engine;
    private readonly SqlAuditChain audit = new();
    private readonly SemaphoreSlim initializeGate = new(1, 1);
    private volatile bool initialized;

    private protected SqlFactStore(SqlEngine engine) => this.engine = engine;

    /// <summary>
    /// Creates or migrates the schema (once across replicas starting together), adds the records
    /// stored before the audit tree to it and reads the audit chain's head.
    /// </summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await initializeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!initialized)
            {
                await Guard(async () =>
                {
                    await engine.StartAsync(cancellationToken).ConfigureAwait(false);
                    await CompleteTreeAsync(cancellationToken).ConfigureAwait(false);
                    logId = await StartLogAsync(cancellationToken).ConfigureAwait(false);
                    audit.Start(await ReadHeadAsync(cancellationToken).ConfigureAwait(false));
                    return true;
                }).ConfigureAwait(false);
                initialized = true;
            }
        }
        finally
        {
            initializeGate.Release();
        }
    }

    public void Dispose()
    {
        engine.Dispose();
        GC.SuppressFinalize(this);
    }

    public async ValueTask DisposeAsync()
    {
        await engine.DisposeAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    private void EnsureInitialized()
    {
        if (!initialized)
        {
            throw new InvalidOperationException("InitializeAsync must run before the store is used.");
        }
    }

    /// <summary>Runs a query on a connection of its own.</summary>
    private Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> query, CancellationToken cancellationToken) => Guard(async () =>
    {
        await using var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await query(connection).ConfigureAwait(false);
    });

    /// <summary>The rows of one query on a connection of its own.</summary>
    private Task<List<T>> QueryAsync<T>(
        string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        ReadAsync(c => Sql.QueryAsync(c, null, sql, read, cancellationToken, parameters), cancellationToken);

    private Task<long> LongAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        ReadAsync(c => Sql.LongAsync(c, null, sql, cancellationToken, parameters), cancellationToken);

    /// <summary>
    /// The audited write transaction: runs <paramref name="write"/> and appends the audit entries its
    /// result calls for, in one transaction (the audit chain's lock taken last, held to the commit);
    /// the chain head moves only once it has committed.
    /// </summary>
    private async Task<T> WriteAsync<T>(
        Func<DbConnection, DbTransaction, Task<T>> write, Func<T, IReadOnlyList<AuditEntry>> auditOf, CancellationToken cancellationToken)
    {
        EnsureInitialized();
        var (result, audited) = await Guard(() => engine.InTransactionAsync(
            async (c, t) =>
            {
                var result = await write(c, t).ConfigureAwait(false);
                return (result, await SqlAuditChain.AppendAsync(engine, c, t, auditOf(result), cancellationToken).ConfigureAwait(false));
            },
            cancellationToken)).ConfigureAwait(false);
        audit.Committed(audited);
        return result;
    }

    /// <summary>A write without an audit record.</summary>
    private Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> write, CancellationToken cancellationToken) =>
        WriteAsync(write, _ => [], cancellationToken);

    /// <summary>
    /// Runs a call; engine unavailability becomes <see cref="HubUnavailableException"/> with a fixed
    /// message (the engine's may name files or hosts), the original inner.
    /// </summary>
    private async Task<T> Guard<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation().ConfigureAwait(false);
        }
        catch (Exception e) when (engine.IsUnavailable(e))
        {
            engine.Reset();
            throw new HubUnavailableException("The fact store is unavailable; retry later.", e);
        }
    }
}
