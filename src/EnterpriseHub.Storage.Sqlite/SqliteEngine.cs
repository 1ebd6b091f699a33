using System.Data.Common;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Core.Forms;
using EnterpriseHub.Storage.Common;
using Microsoft.Data.Sqlite;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>
/// The embedded engine: one writer connection that does every write, one at a time inside an
/// immediate transaction (so nothing can write between a check and the write it guards, and no
/// write needs a lock of its own), and pooled reader connections that WAL never blocks.
/// <para>
/// The writes commit in groups: the writer takes every write waiting when it begins a
/// transaction, runs each in a savepoint of its own, and commits them together. Much of a
/// commit's cost (its WAL sync, the end of the transaction) does not grow with what it holds, so
/// the publishers' batches, the projections' pages and the audit records that wait together share
/// one (docs/benchmarks.md, "Group commit in the SQLite writer"). A write that fails is rolled
/// back to its savepoint alone; a failure of the store or of the commit fails every write of the
/// group. No write is answered before the commit that holds it.
/// </para>
/// </summary>
internal sealed partial class SqliteEngine : SqlEngine
{
    private const int Busy = 5;
    private const int Locked = 6;
    private const int ReadOnly = 8;
    private const int IoError = 10;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const string Savepoint = "write";

    private readonly string writerConnectionString;
    private readonly string readerConnectionString;

    // Not SingleReader: that channel cannot count what waits, and a group is what waits.
    private readonly Channel<QueuedWrite> queue = Channel.CreateUnbounded<QueuedWrite>();
    private readonly Lock openLock = new();
    private readonly Dictionary<LeaderRole, ProcessLease> leases = Enum.GetValues<LeaderRole>().ToDictionary(r => r, _ => new ProcessLease());
    private readonly PreparedReaders prepared;
    private SqliteConnection? writer;
    private BatchStatements? statements;
    private AuditStatements? auditStatements;
    private Thread? writing;
    private bool disposed;

    public SqliteEngine(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DatabasePath);
        var path = Path.GetFullPath(options.DatabasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Cache = SqliteCacheMode.Private, DefaultTimeout = 5, Pooling = false,
        };
        writerConnectionString = builder.ToString();
        // The prepared readers keep their own connections open: a pooled one drops its statements.
        prepared = new PreparedReaders(writerConnectionString);
        // Readers retry a busy database for up to DefaultTimeout seconds.
        builder.Pooling = true;
        readerConnectionString = builder.ToString();
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (openLock)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            var connection = new SqliteConnection(writerConnectionString);
            try
            {
                connection.Open();
                SqliteSchema.ConfigureWriter(connection);
                SqliteSchema.Migrate(connection);
                SqliteSchema.KeepTemporariesInMemory(connection);
                statements = new BatchStatements(connection);
                auditStatements = new AuditStatements(connection);
                writer = connection;
                writing = new Thread(() => WriteGroups(connection)) { IsBackground = true, Name = "SQLite writer" };
                writing.Start();
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        return Task.CompletedTask;
    }

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(readerConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override Task<T> ReadPreparedAsync<T>(
        string sql, (string Name, object? Value)[] parameters, Func<DbDataReader, Task<T>> read, CancellationToken cancellationToken) =>
        prepared.ReadAsync(sql, parameters, read, cancellationToken);

    public override void Reset() => prepared.Clear();

    public override async Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> write, CancellationToken cancellationToken)
    {
        _ = writer ?? throw new InvalidOperationException("InitializeAsync must run before the store is used.");
        cancellationToken.ThrowIfCancellationRequested();
        T result = default!;
        var queued = new QueuedWrite(async (c, t) => result = await write(c, t).ConfigureAwait(false), cancellationToken);
        if (!queue.Writer.TryWrite(queued))
        {
            throw new ObjectDisposedException(nameof(SqliteFactStore));
        }

        await queued.Done.Task.ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// The writer: one group per transaction, of the writes waiting when it begins (a write that
    /// arrives meanwhile waits for the next, so none waits longer than one group), until the
    /// engine is disposed and the queue is empty. It runs on a thread of its own, the writes
    /// synchronously (the provider's calls complete synchronously anyway): every write of the
    /// store passes through it one group after another, and as thread-pool work each group first
    /// waited for a worker behind the calls queued meanwhile, which under load was most of an
    /// audited lookup's wait (docs/benchmarks.md, "The SQLite writer on a thread of its own").
    /// </summary>
    private void WriteGroups(SqliteConnection connection)
    {
        var group = new List<QueuedWrite>();
        while (queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            for (var waiting = queue.Reader.Count; group.Count < waiting && queue.Reader.TryRead(out var write);)
            {
                group.Add(write);
            }

            try
            {
                using var transaction = connection.BeginTransaction(deferred: false);
                foreach (var write in group)
                {
                    RunInSavepoint(connection, transaction, write);
                }

                transaction.Commit();
                group.ForEach(w => w.Done.TrySetResult());
            }
            catch (Exception exception)
            {
                // Writes that already failed on their own keep their own error.
                group.ForEach(w => w.Done.TrySetException(exception));
            }

            group.Clear();
        }
    }

    /// <summary>One write in its savepoint; its own failure undoes it alone, the store's is rethrown for the group.</summary>
    private void RunInSavepoint(SqliteConnection connection, SqliteTransaction transaction, QueuedWrite write)
    {
        if (write.CancellationToken.IsCancellationRequested)
        {
            write.Done.TrySetException(new OperationCanceledException(write.CancellationToken));
            return;
        }

        transaction.Save(Savepoint);
        try
        {
            write.Run(connection, transaction).GetAwaiter().GetResult();
        }
        catch (Exception exception) when (!IsUnavailable(exception))
        {
            transaction.Rollback(Savepoint);
            transaction.Release(Savepoint);
            write.Done.TrySetException(exception);
            return;
        }

        transaction.Release(Savepoint);
    }

    public override Task<(IReadOnlyList<AppendedFact> Results, List<AuditRecord> Audited)> AppendAsync(
        string publisher, IReadOnlyList<FactDraft> drafts, DateTimeOffset publishTime, AuditEntry audit, SubmissionDraft? submission,
        CancellationToken cancellationToken) =>
        InTransactionAsync(
            async (c, t) =>
            {
                var plan = statements!.Append((SqliteTransaction)t, publisher, drafts, publishTime);
                if (submission is not null)
                {
                    await Sql.ExecuteAsync(
                        c, t, SubmissionColumns.Insert, cancellationToken,
                        SubmissionColumns.InsertParameters(submission.Complete(drafts, plan.Results))).ConfigureAwait(false);
                }

                var audited = await SqlAuditChain.AppendAsync(this, c, t, [plan.Audited(audit)], cancellationToken).ConfigureAwait(false);
                return (plan.Results, audited);
            },
            cancellationToken);

    public override bool IsUnavailable(Exception exception) =>
        exception is SqliteException e && (e.SqliteErrorCode & 0xFF) is Busy or Locked or ReadOnly or IoError or Full or CantOpen;

    /// <summary>One process holds an embedded store's file, so a lease is this instance's alone.</summary>
    public override Task<IAsyncDisposable?> TryLeadAsync(LeaderRole role, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(leases[role].TryTake());
    }

    /// <summary>The one writer already excludes every other write.</summary>
    public override Task LockAsync(DbConnection connection, DbTransaction transaction, WriteLock writeLock, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public override string In(string column, string parameter) => $"{column} IN (SELECT value FROM json_each({parameter}))";

    public override object List(IEnumerable<string> values) => JsonSerializer.Serialize(values);

    public override IReadOnlyList<string> ReadList(DbDataReader reader, int ordinal) =>
        JsonSerializer.Deserialize<string[]>(reader.GetString(ordinal)) ?? [];

    public override (string Condition, string Value) Contains(string column, string parameter, string fragment) =>
        ($@"{column} LIKE {parameter} ESCAPE '\'", $"%{DirectorySearch.EscapeLike(fragment)}%");

    /// <summary>GLOB is case-sensitive and can use the index for a literal prefix.</summary>
    public override (string Condition, string Value) StartsWith(string column, string parameter, string prefix)
    {
        var escaped = new StringBuilder(prefix.Length + 4);
        foreach (var c in prefix)
        {
            if (c is '*' or '?' or '[')
            {
                escaped.Append('[').Append(c).Append(']');
            }
            else
            {
                escaped.Append(c);
            }
        }

        return ($"{column} GLOB {parameter}", escaped.Append('*').ToString());
    }

    public override ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    public override void Dispose()
    {
        lock (openLock)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            // The writes already queued run and commit before the writer closes.
            queue.Writer.TryComplete();
            writing?.Join();

            // Close the readers first so the writer's close is the last one and checkpoints the WAL.
            prepared.Dispose();
            using (var pooled = new SqliteConnection(readerConnectionString))
            {
                SqliteConnection.ClearPool(pooled);
            }

            statements?.Dispose();
            auditStatements?.Dispose();
            writer?.Dispose();
            writer = null;
        }
    }

    /// <summary>A write waiting for the writer; <see cref="Done"/> completes once the commit that holds it is done.</summary>
    private sealed record QueuedWrite(Func<DbConnection, DbTransaction, Task> Run, CancellationToken CancellationToken)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
