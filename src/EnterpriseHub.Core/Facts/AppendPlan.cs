using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Errors;

namespace EnterpriseHub.Core.Facts;

/// <summary>The fact a store already holds under a draft's (publisher, source record id).</summary>
/// <param name="SameContent">Whether its enterprise, type, effective time and attributes are the draft's.</param>
public sealed record StoredRecord(long Sequence, DateTimeOffset PublishTime, bool SameContent);

/// <summary>
/// What an append does with each draft of a batch, decided here once so every store keeps
/// publishing idempotent the same way: a draft whose record is stored with the same content, or
/// that repeats an earlier draft of the batch, is a duplicate reporting the stored (or first) one;
/// other content under a known record refuses the whole batch; the rest are fresh and take
/// consecutive sequences from the first free one, in draft order.
/// </summary>
public sealed class AppendPlan
{
    private readonly AppendedFact[] results;
    private readonly List<FactDraft> fresh;

    private AppendPlan(AppendedFact[] results, List<FactDraft> fresh, long firstSequence)
    {
        this.results = results;
        this.fresh = fresh;
        FirstSequence = firstSequence;
    }

    /// <summary>What the store reports for each draft, in draft order.</summary>
    public IReadOnlyList<AppendedFact> Results => results;

    /// <summary>The drafts to store, in sequence order: the one at index n takes <see cref="FirstSequence"/> + n.</summary>
    public IReadOnlyList<FactDraft> Fresh => fresh;

    public long FirstSequence { get; }

    /// <summary>The sequence of the last fresh draft (one before <see cref="FirstSequence"/> when none is fresh).</summary>
    public long LastSequence => FirstSequence + fresh.Count - 1;

    /// <summary>
    /// Classifies a batch. <paramref name="stored"/> answers, for a draft's index, what is stored
    /// under its record id (null when nothing is); <paramref name="firstSequence"/> is one past the
    /// greatest stored sequence.
    /// </summary>
    /// <exception cref="HubConflictException">A record id is stored, or repeated in the batch, with other content.</exception>
    public static AppendPlan Classify(
        IReadOnlyList<FactDraft> drafts, Func<int, StoredRecord?> stored, long firstSequence, DateTimeOffset publishTime)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        ArgumentNullException.ThrowIfNull(stored);
        var stamped = new DateTimeOffset(publishTime.UtcTicks, TimeSpan.Zero);
        var results = new AppendedFact[drafts.Count];
        var fresh = new List<FactDraft>(drafts.Count);
        var firstIndexOfRecord = new Dictionary<string, int>(drafts.Count, StringComparer.Ordinal);

        for (var i = 0; i < drafts.Count; i++)
        {
            var draft = drafts[i];
            if (stored(i) is { } earlier)
            {
                results[i] = earlier.SameContent
                    ? new AppendedFact(earlier.Sequence, earlier.PublishTime, Duplicate: true)
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
                results[i] = new AppendedFact(firstSequence + fresh.Count, stamped, Duplicate: false);
                fresh.Add(draft);
            }
        }

        return new AppendPlan(results, fresh, firstSequence);
    }

    /// <summary>Whether two drafts say the same thing; the record id is not compared.</summary>
    public static bool SameContent(FactDraft a, FactDraft b) =>
        a.Uscc == b.Uscc
        && a.FactType == b.FactType
        && a.EffectiveTime.UtcTicks == b.EffectiveTime.UtcTicks
        && a.AttributesJson == b.AttributesJson;

    /// <summary>The publish's audit entry with what the append did added to its detail.</summary>
    public AuditEntry Audited(AuditEntry publish)
    {
        ArgumentNullException.ThrowIfNull(publish);
        var duplicates = results.Length - fresh.Count;
        var prefix = publish.Detail.Length > 0 ? publish.Detail + "; " : string.Empty;
        return publish with { Detail = $"{prefix}stored {fresh.Count}, duplicates {duplicates}" };
    }

    /// <summary>
    /// The sequences of the fresh facts that name their enterprise once current
    /// (<see cref="EnterpriseIdentity.Names"/>): the store asks which of them became current.
    /// </summary>
    public List<long> NamingSequences()
    {
        var naming = new List<long>();
        for (var i = 0; i < fresh.Count; i++)
        {
            if (EnterpriseIdentity.Names(fresh[i].FactType))
            {
                naming.Add(FirstSequence + i);
            }
        }

        return naming;
    }

    /// <summary>
    /// The directory entries named by the batch's facts that became current, given by their
    /// sequences: a licence's name and industry are the enterprise's.
    /// </summary>
    public List<EnterpriseSummary> NamedEnterprises(IReadOnlyList<long> current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var named = new List<EnterpriseSummary>(current.Count);
        foreach (var sequence in current)
        {
            var fact = fresh[(int)(sequence - FirstSequence)];
            if (EnterpriseIdentity.Names(fact.FactType))
            {
                var (name, industry) = EnterpriseIdentity.FromLicence(fact.AttributesJson);
                named.Add(new EnterpriseSummary(fact.Uscc, name, industry));
            }
        }

        return named;
    }

    private static HubConflictException Conflict(FactDraft draft) =>
        new("SOURCE_RECORD_CONFLICT", $"Record '{draft.SourceRecordId}' was published before with different content.");
}
