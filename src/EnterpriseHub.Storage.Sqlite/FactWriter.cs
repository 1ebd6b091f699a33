using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Errors;
using EnterpriseHub.Core.Facts;
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
        string publisher, IReadOnlyList<FactDraft> drafts, DateTimeOffset publishTime, AuditEntry entry, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Append(publisher, drafts, publishTime, entry, cancellationToken);
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

    private AppendedFact[] Append(
        string publisher, IReadOnlyList<FactDraft> drafts, DateTimeOffset publishTime, AuditEntry entry, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var transaction = connection.BeginTransaction(deferred: false);
        statements.Enlist(transaction);

        var batch = DraftJson.Write(drafts);
        var stored = statements.FindStored(publisher, batch);
        // Facts are never deleted, so the next sequence is one past the greatest stored.
        var first = statements.LastSequence() + 1;
        var publishTicks = publishTime.UtcTicks;
        var stamped = FactColumns.FromTicks(publishTicks);
        var results = new AppendedFact[drafts.Count];
        var fresh = new List<FactDraft>(drafts.Count);
        var firstIndexOfRecord = new Dictionary<string, int>(drafts.Count, StringComparer.Ordinal);

        for (var i = 0; i < drafts.Count; i++)
        {
            var draft = drafts[i];
            if (stored.TryGetValue(i, out var earlier))
            {
                results[i] = earlier.Same
                    ? new AppendedFact(earlier.Sequence, FactColumns.FromTicks(earlier.PublishTicks), Duplicate: true)
                    : throw Conflict(draft);
            }
            else if (firstIndexOfRecord.TryGetValue(draft.SourceRecordId, out var j))
            {
                // Repeated within this batch: the first occurrence is the one stored.
                results[i] = SameContent(drafts[j], draft) ? results[j] with { Duplicate = true } : throw Conflict(draft);
            }
            else
            {
                firstIndexOfRecord.Add(draft.SourceRecordId, i);
                results[i] = new AppendedFact(first + fresh.Count, stamped, Duplicate: false);
                fresh.Add(draft);
            }
        }

        if (fresh.Count > 0)
        {
            var freshBatch = fresh.Count == drafts.Count ? batch : DraftJson.Write(fresh);
            statements.InsertFacts(publisher, freshBatch, first, publishTicks);
            var currentLicences = statements.UpdateCurrent(first);
            NameEnterprises(fresh, currentLicences, first);
            statements.ListEnterprises(first);
        }

        var audited = audit.Insert(transaction, [entry with { Detail = AppendDetail(entry.Detail, fresh.Count, drafts.Count - fresh.Count) }]);
        transaction.Commit();
        audit.Committed(audited);
        return results;
    }

    private static string AppendDetail(string detail, int stored, int duplicates) =>
        $"{(detail.Length > 0 ? detail + "; " : string.Empty)}stored {stored}, duplicates {duplicates}";

    /// <summary>Keeps the directory in step with the licences of this batch that became current.</summary>
    private void NameEnterprises(List<FactDraft> fresh, List<long> currentLicences, long first)
    {
        if (currentLicences.Count == 0)
        {
            return;
        }

        var rows = new List<(string, string, string)>(currentLicences.Count);
        foreach (var sequence in currentLicences)
        {
            var licence = fresh[(int)(sequence - first)];
            var (name, industry) = EnterpriseIdentity.FromLicence(licence.AttributesJson);
            rows.Add((licence.Uscc, name, industry));
        }

        statements.NameEnterprises(DraftJson.WriteDirectory(rows));
    }

    private static bool SameContent(FactDraft a, FactDraft b) =>
        a.Uscc == b.Uscc
        && a.FactType == b.FactType
        && a.EffectiveTime.UtcTicks == b.EffectiveTime.UtcTicks
        && a.AttributesJson == b.AttributesJson;

    private static HubConflictException Conflict(FactDraft draft) =>
        new("SOURCE_RECORD_CONFLICT", $"Record '{draft.SourceRecordId}' was published before with different content.");
}
