using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Errors;
using EnterpriseHub.Core.Facts;
using Microsoft.Data.Sqlite;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>
/// The single writer: one dedicated connection, one batch at a time, prepared statements
/// reused across batches. Readers use their own connections and are never blocked under WAL.
/// </summary>
internal sealed class FactWriter : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly SqliteConnection connection;
    private readonly WriteCommands commands;

    public FactWriter(string connectionString)
    {
        connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            SqliteSchema.ConfigureWriter(connection);
            SqliteSchema.Migrate(connection);
            commands = new WriteCommands(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public async Task<IReadOnlyList<AppendedFact>> AppendAsync(
        string publisher, IReadOnlyList<FactDraft> drafts, DateTimeOffset publishTime, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Append(publisher, drafts, publishTime, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose()
    {
        commands.Dispose();
        connection.Dispose();
        gate.Dispose();
    }

    private AppendedFact[] Append(
        string publisher, IReadOnlyList<FactDraft> drafts, DateTimeOffset publishTime, CancellationToken cancellationToken)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        commands.Enlist(transaction);

        // Facts are never deleted, so the next sequence is one past the greatest stored.
        var lastSequence = commands.LastSequence();
        var publishTicks = publishTime.UtcTicks;
        var stamped = FactColumns.FromTicks(publishTicks);
        var results = new AppendedFact[drafts.Count];
        var listed = new HashSet<string>(StringComparer.Ordinal);

        for (var i = 0; i < drafts.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var draft = drafts[i];
            if (commands.TryInsertFact(publisher, draft, lastSequence + 1, publishTicks))
            {
                lastSequence++;
                UpdateViews(draft, lastSequence, listed);
                results[i] = new AppendedFact(lastSequence, stamped, Duplicate: false);
            }
            else
            {
                // Stored before, in an earlier batch or earlier in this one.
                results[i] = commands.FindSame(publisher, draft)
                    ?? throw new HubConflictException(
                        "SOURCE_RECORD_CONFLICT",
                        $"Record '{draft.SourceRecordId}' was published before with different content.");
            }
        }

        transaction.Commit();
        return results;
    }

    private void UpdateViews(FactDraft draft, long sequence, HashSet<string> listed)
    {
        var becameCurrent = commands.UpsertCurrent(draft, sequence);
        if (becameCurrent && draft.FactType == EnterpriseIdentity.LicenceFactType)
        {
            var (name, industry) = EnterpriseIdentity.FromLicence(draft.AttributesJson);
            commands.UpsertEnterprise(draft.Uscc, name, industry);
            listed.Add(draft.Uscc);
        }
        else if (listed.Add(draft.Uscc))
        {
            // Every enterprise with a fact is listed, named or not.
            commands.ListEnterprise(draft.Uscc);
        }
    }
}
