using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Core.Forms;
using Npgsql;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>
/// One append, all or nothing, in one transaction on a pooled connection. The fact log lock is
/// taken first and held to the commit, so sequences (the greatest stored plus one) are handed out
/// in commit order without gaps: a watcher on any replica that reads past a sequence never finds
/// an earlier one committing later.
/// </summary>
internal sealed class FactAppender(NpgsqlDataSource dataSource, AuditAppender audit)
{
    public async Task<IReadOnlyList<AppendedFact>> AppendAsync(
        string publisher, IReadOnlyList<FactDraft> drafts, DateTimeOffset publishTime, AuditEntry entry, SubmissionDraft? submission,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        var (lastSequence, stored) = await AppendStatements.LockAndFindAsync(connection, publisher, drafts, cancellationToken).ConfigureAwait(false);
        var plan = AppendPlan.Classify(
            drafts,
            i => stored.TryGetValue(drafts[i].SourceRecordId, out var earlier) ? earlier.Match(drafts[i]) : null,
            lastSequence + 1,
            publishTime);
        var fresh = plan.Fresh;

        // Round trip two: store the facts, notify at commit, take the audit chain lock (after the log's).
        List<long> licences = [];
        AuditHead last;
        await using (var store = new NpgsqlBatch(connection))
        {
            if (fresh.Count > 0)
            {
                store.BatchCommands.Add(AppendStatements.Store(publisher, fresh, plan.FirstSequence, publishTime.UtcTicks));
                store.BatchCommands.Add(AppendStatements.Notify(plan.LastSequence));
            }

            AuditAppender.AddLock(store);
            await using var reader = await store.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (fresh.Count > 0)
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    licences.Add(reader.GetInt64(0));
                }

                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            }

            last = await AuditAppender.ReadLockedAsync(reader, cancellationToken).ConfigureAwait(false);
        }

        // Round trip three: name the enterprises whose licence became current, record the form
        // submission the facts are, link and insert the audit record.
        await using var finish = new NpgsqlBatch(connection);
        if (licences.Count > 0)
        {
            finish.BatchCommands.Add(AppendStatements.NameEnterprises(plan.NamedEnterprises(licences)));
        }

        if (submission is not null)
        {
            finish.BatchCommands.Add(SubmissionTable.Insert(submission.Complete(drafts, plan.Results)));
        }

        var audited = AuditAppender.Link(last, [plan.Audited(entry)], finish);
        await finish.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        audit.Committed(audited);
        return plan.Results;
    }
}
