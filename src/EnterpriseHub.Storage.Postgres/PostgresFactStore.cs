using EnterpriseHub.Core.Access;
using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Core.Forms;
using EnterpriseHub.Core.Feed;
using Npgsql;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>
/// The shared fact store: one PostgreSQL database that several hub replicas use at once. Every
/// call runs on a pooled connection; advisory locks keep one gapless fact log and one audit chain
/// across replicas.
/// </summary>
public sealed partial class PostgresFactStore
    : IFactStore, IAuditStore, IGrantStore, ICatalogStore, ISubscriptionStore, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource dataSource;
    private readonly FactReader reader;
    private readonly AuditReader auditReader;
    private readonly AuditAppender audit = new();
    private readonly FactAppender appender;
    private readonly SemaphoreSlim initializeGate = new(1, 1);
    private volatile bool initialized;

    public PostgresFactStore(PostgresStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString);
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        builder.ApplicationName ??= "EnterpriseHub";
        dataSource = NpgsqlDataSource.Create(builder);
        reader = new FactReader(dataSource);
        auditReader = new AuditReader(dataSource);
        appender = new FactAppender(dataSource, audit);
    }

    /// <summary>Migrates the schema (once across replicas starting together) and reads the audit chain's head.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await initializeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!initialized)
            {
                await Guard(async () =>
                {
                    await PostgresSchema.MigrateAsync(dataSource, cancellationToken).ConfigureAwait(false);
                    audit.Start(await auditReader.ReadHeadAsync(cancellationToken).ConfigureAwait(false));
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

    public async Task<IReadOnlyList<AppendedFact>> AppendAsync(
        string publisher,
        IReadOnlyList<FactDraft> drafts,
        DateTimeOffset publishTime,
        AuditEntry audit,
        CancellationToken cancellationToken,
        SubmissionDraft? submission = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(publisher);
        ArgumentNullException.ThrowIfNull(drafts);
        EnsureInitialized();
        if (drafts.Count == 0)
        {
            return [];
        }

        return await Guard(() => appender.AppendAsync(publisher, drafts, publishTime, audit, submission, cancellationToken)).ConfigureAwait(false);
    }

    public Task<EnterpriseRecord?> GetEnterpriseAsync(string uscc, CancellationToken cancellationToken) =>
        Guard(() => reader.GetEnterpriseAsync(uscc, cancellationToken));

    public Task<EnterpriseRecord?> GetEnterpriseAsOfAsync(string uscc, DateTimeOffset asOf, CancellationToken cancellationToken) =>
        Guard(() => reader.GetEnterpriseAsOfAsync(uscc, asOf, cancellationToken));

    public Task<IReadOnlyList<EnterpriseRecord>> GetEnterprisesAsync(IReadOnlyList<string> usccs, CancellationToken cancellationToken) =>
        Guard(() => reader.GetEnterprisesAsync(usccs, cancellationToken));

    public Task<EnterprisePage> SearchEnterprisesAsync(EnterpriseQuery query, CancellationToken cancellationToken) =>
        Guard(() => EnterpriseSearch.SearchAsync(dataSource, query, cancellationToken));

    public Task<FactPage> GetFactHistoryAsync(FactHistoryQuery query, CancellationToken cancellationToken) =>
        Guard(() => reader.GetFactHistoryAsync(query, cancellationToken));

    public Task<IReadOnlyList<Fact>> ReadFeedAsync(long afterSequence, int limit, CancellationToken cancellationToken) =>
        Guard(() => reader.ReadFeedAsync(afterSequence, limit, cancellationToken));

    public Task<Fact?> FindFactAsync(string publisher, string sourceRecordId, CancellationToken cancellationToken) =>
        Guard(() => reader.FindFactAsync(publisher, sourceRecordId, cancellationToken));

    public Task<bool> IsEmptyAsync(CancellationToken cancellationToken) =>
        Guard(() => reader.IsEmptyAsync(cancellationToken));

    public void Dispose()
    {
        dataSource.Dispose();
        initializeGate.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await dataSource.DisposeAsync().ConfigureAwait(false);
        initializeGate.Dispose();
    }

    private void EnsureInitialized()
    {
        if (!initialized)
        {
            throw new InvalidOperationException("InitializeAsync must run before the store is used.");
        }
    }

    /// <summary>
    /// Runs a call; engine unavailability becomes <see cref="Core.Errors.HubUnavailableException"/>.
    /// The pool is cleared then, so idle connections the outage broke are not handed out once the
    /// server is back: the next call opens a fresh one instead of failing on a dead socket.
    /// </summary>
    private async Task<T> Guard<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation().ConfigureAwait(false);
        }
        catch (Exception e) when (PostgresErrors.IsUnavailable(e))
        {
            dataSource.Clear();
            throw PostgresErrors.Unavailable(e);
        }
    }
}
