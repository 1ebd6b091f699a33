using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Core.Forms;
using Microsoft.Data.Sqlite;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>
/// The single writer: one dedicated connection, one batch at a time, prepared set-based
/// statements reused across batches. Readers use their own connections and are never blocked under WAL.
/// </summary>
internal sealed class FactWriter : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly SqliteConnection connection;
    private readonly BatchStatements statements;
    private readonly AuditWriter audit;

    public FactWriter(string connectionString)
    {
        connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            SqliteSchema.ConfigureWriter(connection);
            SqliteSchema.Migrate(connection);
            statements = new BatchStatements(connection);
            audit = new AuditWriter(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public AuditHead AuditHead => audit.Head;

    public async Task<IReadOnlyList<AppendedFact>> AppendAsync(
        string publisher, IReadOnlyList<FactDraft> drafts, DateTimeOffset publishTime, AuditEntry entry, SubmissionDraft? submission,
        CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Append(publisher, drafts, publishTime, entry, submission, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Runs a write of another table (grants, catalog) and its audit record in one transaction
    /// on the writer's connection.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, AuditEntry? entry, CancellationToken cancellationToken) =>
        WriteAuditingAsync(work, _ => entry, cancellationToken);

    /// <summary>Like <see cref="WriteAsync"/>, with the audit record chosen by the work's result (none when null).</summary>
    public async Task<T> WriteAuditingAsync<T>(
        Func<SqliteConnection, SqliteTransaction, T> work, Func<T, AuditEntry?> auditOf, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var result = work(connection, transaction);
            var records = auditOf(result) is { } entry ? audit.Insert(transaction, [entry]) : [];
            transaction.Commit();
            audit.Committed(records);
            return result;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Appends audit entries alone, in one transaction (one commit for many reads).</summary>
    public async Task<IReadOnlyList<AuditRecord>> AppendAuditAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var records = audit.Insert(transaction, entries);
            transaction.Commit();
            audit.Committed(records);
            return records;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose()
    {
        statements.Dispose();
        audit.Dispose();
        connection.Dispose();
        gate.Dispose();
    }

    private IReadOnlyList<AppendedFact> Append(
        string publisher, IReadOnlyList<FactDraft> drafts, DateTimeOffset publishTime, AuditEntry entry, SubmissionDraft? submission,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var transaction = connection.BeginTransaction(deferred: false);
        statements.Enlist(transaction);

        var batch = DraftJson.Write(drafts);
        var stored = statements.FindStored(publisher, batch);
        // Facts are never deleted, so the next sequence is one past the greatest stored.
        var plan = AppendPlan.Classify(
            drafts, i => stored.GetValueOrDefault(i), statements.LastSequence() + 1, publishTime);

        var fresh = plan.Fresh;
        if (fresh.Count > 0)
        {
            var first = plan.FirstSequence;
            var freshBatch = fresh.Count == drafts.Count ? batch : DraftJson.Write(fresh);
            statements.InsertFacts(publisher, freshBatch, first, publishTime.UtcTicks);
            var currentLicences = statements.UpdateCurrent(first);
            if (currentLicences.Count > 0)
            {
                // Keeps the directory in step with the licences of this batch that became current.
                statements.NameEnterprises(DraftJson.WriteDirectory(plan.NamedEnterprises(currentLicences)));
            }

            statements.ListEnterprises(first);
        }

        if (submission is not null)
        {
            SubmissionTable.Add(connection, transaction, submission.Complete(drafts, plan.Results));
        }

        var audited = audit.Insert(transaction, [plan.Audited(entry)]);
        transaction.Commit();
        audit.Committed(audited);
        return plan.Results;
    }
}
