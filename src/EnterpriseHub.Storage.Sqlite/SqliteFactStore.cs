using EnterpriseHub.Core.Access;
using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Core.Forms;
using EnterpriseHub.Core.Feed;
using Microsoft.Data.Sqlite;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>
/// The embedded fact store: one SQLite file in WAL mode, written by one serialized writer and
/// read through pooled connections.
/// </summary>
public sealed partial class SqliteFactStore : IFactStore, IAuditStore, IGrantStore, ICatalogStore, ISubscriptionStore, IDisposable
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

    private FactWriter Writer => writer ?? throw new InvalidOperationException("InitializeAsync must run before the store is used.");

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
        var active = Writer;
        if (drafts.Count == 0)
        {
            return [];
        }

        try
        {
            return await active.AppendAsync(publisher, drafts, publishTime, audit, submission, cancellationToken).ConfigureAwait(false);
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

    public Task<Fact?> FindFactAsync(string publisher, string sourceRecordId, CancellationToken cancellationToken) =>
        Guard(reader.FindFactAsync(publisher, sourceRecordId, cancellationToken));

    public Task<bool> IsEmptyAsync(CancellationToken cancellationToken) =>
        Guard(reader.IsEmptyAsync(cancellationToken));

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

    /// <summary>Runs a read on a pooled reader connection; engine unavailability becomes <see cref="EnterpriseHub.Core.Errors.HubUnavailableException"/>.</summary>
    private Task<T> ReadAsync<T>(Func<SqliteConnection, Task<T>> query, CancellationToken cancellationToken) =>
        Guard(ReadCoreAsync(query, cancellationToken));

    private async Task<T> ReadCoreAsync<T>(Func<SqliteConnection, Task<T>> query, CancellationToken cancellationToken)
    {
        await using var connection = await reader.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await query(connection).ConfigureAwait(false);
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
