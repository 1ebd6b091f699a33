using EnterpriseHub.Core.Access;
using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Core.Feed;
using Microsoft.Data.Sqlite;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>
/// The embedded fact store: one SQLite file in WAL mode, written by one serialized writer and
/// read through pooled connections.
/// </summary>
public sealed class SqliteFactStore : IFactStore, IAuditStore, IGrantStore, ICatalogStore, ISubscriptionStore, IDisposable
{
    private readonly string writerConnectionString;
    private readonly string readerConnectionString;
    private readonly FactReader reader;
    private readonly AuditReader auditReader;
    private readonly Lock initializeLock = new();
    private FactWriter? writer;
    private bool disposed;

    public SqliteFactStore(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DatabasePath);
        var path = Path.GetFullPath(options.DatabasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            DefaultTimeout = 5,
            Pooling = false,
        };
        writerConnectionString = builder.ToString();
        // Readers retry a busy database for up to DefaultTimeout seconds.
        builder.Pooling = true;
        readerConnectionString = builder.ToString();
        reader = new FactReader(readerConnectionString);
        auditReader = new AuditReader(reader);
    }

    public Task InitializeAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (initializeLock)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (writer is null)
            {
                try
                {
                    writer = new FactWriter(writerConnectionString);
                }
                catch (SqliteException e) when (SqliteErrors.IsUnavailable(e))
                {
                    throw SqliteErrors.Unavailable(e);
                }
            }
        }

        return Task.CompletedTask;
    }

    public AuditHead Head => Writer.AuditHead;

    private FactWriter Writer => writer ?? throw new InvalidOperationException("InitializeAsync must run before the store is used.");

    public async Task<IReadOnlyList<AppendedFact>> AppendAsync(
        string publisher,
        IReadOnlyList<FactDraft> drafts,
        DateTimeOffset publishTime,
        AuditEntry audit,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(publisher);
        ArgumentNullException.ThrowIfNull(drafts);
        var active = Writer;
        if (drafts.Count == 0)
        {
            return [];
        }

        try
        {
            return await active.AppendAsync(publisher, drafts, publishTime, audit, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException e) when (SqliteErrors.IsUnavailable(e))
        {
            throw SqliteErrors.Unavailable(e);
        }
    }

    public Task<EnterpriseRecord?> GetEnterpriseAsync(string uscc, CancellationToken cancellationToken) =>
        Guard(reader.GetEnterpriseAsync(uscc, cancellationToken));

    public Task<EnterpriseRecord?> GetEnterpriseAsOfAsync(string uscc, DateTimeOffset asOf, CancellationToken cancellationToken) =>
        Guard(reader.GetEnterpriseAsOfAsync(uscc, asOf, cancellationToken));

    public Task<IReadOnlyList<EnterpriseRecord>> GetEnterprisesAsync(
        IReadOnlyList<string> usccs, CancellationToken cancellationToken) =>
        Guard(reader.GetEnterprisesAsync(usccs, cancellationToken));

    public Task<EnterprisePage> SearchEnterprisesAsync(EnterpriseQuery query, CancellationToken cancellationToken) =>
        Guard(EnterpriseSearch.SearchAsync(reader, query, cancellationToken));

    public Task<FactPage> GetFactHistoryAsync(FactHistoryQuery query, CancellationToken cancellationToken) =>
        Guard(reader.GetFactHistoryAsync(query, cancellationToken));

    public Task<IReadOnlyList<Fact>> ReadFeedAsync(long afterSequence, int limit, CancellationToken cancellationToken) =>
        Guard(reader.ReadFeedAsync(afterSequence, limit, cancellationToken));

    public Task<bool> IsEmptyAsync(CancellationToken cancellationToken) =>
        Guard(reader.IsEmptyAsync(cancellationToken));

    public async Task<IReadOnlyList<FactTypeDefinition>> LoadFactTypesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await Guard(reader.OpenAsync(cancellationToken)).ConfigureAwait(false);
        return await Guard(CatalogTable.LoadLatestAsync(connection, cancellationToken)).ConfigureAwait(false);
    }

    public Task AddFactTypeVersionAsync(
        FactTypeDefinition definition, string changedBy, DateTimeOffset at, AuditEntry? audit, CancellationToken cancellationToken) =>
        Guard(Writer.WriteAsync((c, t) => CatalogTable.Insert(c, t, definition, changedBy, at), audit, cancellationToken));

    public Task<SubscriptionRecord> AddSubscriptionAsync(SubscriptionRecord subscription, CancellationToken cancellationToken) =>
        Guard(Writer.WriteAsync((c, t) => SubscriptionTable.AddOrGet(c, t, subscription), null, cancellationToken));

    public Task<SubscriptionRecord?> AckSubscriptionAsync(string owner, string name, long position, CancellationToken cancellationToken) =>
        Guard(Writer.WriteAsync((c, t) => SubscriptionTable.Ack(c, t, owner, name, position), null, cancellationToken));

    public async Task<SubscriptionRecord?> FindSubscriptionAsync(string owner, string name, CancellationToken cancellationToken) =>
        (await QuerySubscriptionsAsync("owner = $o AND name = $n", cancellationToken, ("$o", owner), ("$n", name)).ConfigureAwait(false))
        .SingleOrDefault();

    public async Task<IReadOnlyList<SubscriptionRecord>> ListSubscriptionsAsync(string owner, CancellationToken cancellationToken) =>
        await QuerySubscriptionsAsync("owner = $o", cancellationToken, ("$o", owner)).ConfigureAwait(false);

    public Task<long> HeadSequenceAsync(CancellationToken cancellationToken) => Guard(reader.HeadSequenceAsync(cancellationToken));

    private Task<List<SubscriptionRecord>> QuerySubscriptionsAsync(
        string where, CancellationToken cancellationToken, params (string, object)[] parameters) =>
        Guard(QuerySubscriptionsCoreAsync(where, cancellationToken, parameters));

    private async Task<List<SubscriptionRecord>> QuerySubscriptionsCoreAsync(string where, CancellationToken cancellationToken, (string, object)[] parameters)
    {
        await using var connection = await reader.OpenAsync(cancellationToken).ConfigureAwait(false);
        return SubscriptionTable.Query(connection, null, where, parameters);
    }

    public Task<Grant> AddGrantAsync(Grant grant, AuditEntry audit, CancellationToken cancellationToken) =>
        Guard(Writer.WriteAsync((c, t) => grant with { Id = GrantTable.Insert(c, t, grant) }, audit, cancellationToken));

    public async Task<Grant?> FindGrantAsync(long id, CancellationToken cancellationToken) =>
        (await QueryGrantsAsync("id = $id", cancellationToken, ("$id", id)).ConfigureAwait(false)).SingleOrDefault();

    public Task<bool> ReplaceGrantAsync(Grant updated, GrantState expected, AuditEntry audit, CancellationToken cancellationToken) =>
        Guard(Writer.WriteAsync((c, t) => GrantTable.Replace(c, t, updated, expected), audit, cancellationToken));

    public async Task<IReadOnlyList<Grant>> ListGrantsAsync(string department, CancellationToken cancellationToken) =>
        await QueryGrantsAsync("requester = $d OR owner = $d", cancellationToken, ("$d", department)).ConfigureAwait(false);

    public async Task<IReadOnlyList<Grant>> ActiveGrantsAsync(string requester, DateTimeOffset now, CancellationToken cancellationToken) =>
        await QueryGrantsAsync(
            "requester = $r AND state = 'Approved' AND expires_ticks > $now", cancellationToken, ("$r", requester), ("$now", now.UtcTicks))
            .ConfigureAwait(false);

    private Task<List<Grant>> QueryGrantsAsync(string where, CancellationToken cancellationToken, params (string, object)[] parameters) =>
        Guard(QueryGrantsCoreAsync(where, cancellationToken, parameters));

    private async Task<List<Grant>> QueryGrantsCoreAsync(string where, CancellationToken cancellationToken, (string, object)[] parameters)
    {
        await using var connection = await reader.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await GrantTable.QueryAsync(connection, where, cancellationToken, parameters).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<AuditRecord>> AppendAuditAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken) =>
        Guard(Writer.AppendAuditAsync(entries, cancellationToken));

    public Task<IReadOnlyList<AuditRecord>> ReadAuditAsync(long fromSequence, int limit, CancellationToken cancellationToken) =>
        Guard(auditReader.ReadAsync(fromSequence, limit, cancellationToken));

    public Task<string?> HashBeforeAsync(long sequence, CancellationToken cancellationToken) =>
        Guard(auditReader.HashBeforeAsync(sequence, cancellationToken));

    public Task<IReadOnlyList<AuditRecord>> ListReadsAsync(
        string uscc, int limit, long? beforeSequence, CancellationToken cancellationToken) =>
        Guard(auditReader.ListReadsAsync(uscc, limit, beforeSequence, cancellationToken));

    public void Dispose()
    {
        lock (initializeLock)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            // Close the readers first so the writer's close is the last one and checkpoints the WAL.
            using (var pooled = new SqliteConnection(readerConnectionString))
            {
                SqliteConnection.ClearPool(pooled);
            }

            writer?.Dispose();
            writer = null;
        }
    }

    private static async Task<T> Guard<T>(Task<T> operation)
    {
        try
        {
            return await operation.ConfigureAwait(false);
        }
        catch (SqliteException e) when (SqliteErrors.IsUnavailable(e))
        {
            throw SqliteErrors.Unavailable(e);
        }
    }
}
