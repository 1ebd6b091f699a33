using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Errors;
using EnterpriseHub.Core.Facts;
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
    public async Task<AppendedFact[]> AppendAsync(
        string publisher, IReadOnlyList<FactDraft> drafts, DateTimeOffset publishTime, AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        var (lastSequence, stored) = await AppendStatements.LockAndFindAsync(connection, publisher, drafts, cancellationToken).ConfigureAwait(false);
        var first = lastSequence + 1;
        var publishTicks = publishTime.UtcTicks;
        var stamped = new DateTimeOffset(publishTicks, TimeSpan.Zero);
        var results = new AppendedFact[drafts.Count];
        var fresh = new List<FactDraft>(drafts.Count);
        var firstIndexOfRecord = new Dictionary<string, int>(drafts.Count, StringComparer.Ordinal);

        for (var i = 0; i < drafts.Count; i++)
        {
            var draft = drafts[i];
            if (stored.TryGetValue(draft.SourceRecordId, out var earlier))
            {
                results[i] = SameContent(earlier, draft)
                    ? new AppendedFact(earlier.Sequence, new DateTimeOffset(earlier.PublishTicks, TimeSpan.Zero), Duplicate: true)
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

        // Round trip two: store the facts, notify at commit, take the audit chain lock (after the log's).
        List<long> licences = [];
        AuditHead last;
        await using (var store = new NpgsqlBatch(connection))
        {
            if (fresh.Count > 0)
            {
                store.BatchCommands.Add(AppendStatements.Store(publisher, fresh, first, publishTicks));
                store.BatchCommands.Add(AppendStatements.Notify(first + fresh.Count - 1));
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

        // Round trip three: name the enterprises whose licence became current, link and insert the audit record.
        await using var finish = new NpgsqlBatch(connection);
        if (licences.Count > 0)
        {
            finish.BatchCommands.Add(NameEnterprises(fresh, licences, first));
        }

        var audited = AuditAppender.Link(
            last, [entry with { Detail = AppendDetail(entry.Detail, fresh.Count, drafts.Count - fresh.Count) }], finish);
        await finish.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        audit.Committed(audited);
        return results;
    }

    private static string AppendDetail(string detail, int stored, int duplicates) =>
        $"{(detail.Length > 0 ? detail + "; " : string.Empty)}stored {stored}, duplicates {duplicates}";

    /// <summary>Names the enterprises from the licences of this batch that became current.</summary>
    private static NpgsqlBatchCommand NameEnterprises(List<FactDraft> fresh, List<long> currentLicences, long first)
    {
        var usccs = new string[currentLicences.Count];
        var names = new string[currentLicences.Count];
        var industries = new string[currentLicences.Count];
        for (var i = 0; i < currentLicences.Count; i++)
        {
            var licence = fresh[(int)(currentLicences[i] - first)];
            usccs[i] = licence.Uscc;
            (names[i], industries[i]) = EnterpriseIdentity.FromLicence(licence.AttributesJson);
        }

        return AppendStatements.NameEnterprises(usccs, names, industries);
    }

    private static bool SameContent(AppendStatements.Stored a, FactDraft b) =>
        a.Uscc == b.Uscc
        && a.FactType == b.FactType
        && a.EffectiveTicks == b.EffectiveTime.UtcTicks
        && a.Attributes == b.AttributesJson;

    private static bool SameContent(FactDraft a, FactDraft b) =>
        a.Uscc == b.Uscc
        && a.FactType == b.FactType
        && a.EffectiveTime.UtcTicks == b.EffectiveTime.UtcTicks
        && a.AttributesJson == b.AttributesJson;

    private static HubConflictException Conflict(FactDraft draft) =>
        new("SOURCE_RECORD_CONFLICT", $"Record '{draft.SourceRecordId}' was published before with different content.");
}
