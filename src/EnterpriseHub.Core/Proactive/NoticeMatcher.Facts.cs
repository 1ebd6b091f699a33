using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Facts;

namespace EnterpriseHub.Core.Proactive;

public sealed partial class NoticeMatcher
{
    /// <summary>
    /// The credit alerts since the last look and a page of the log, delivered in one transaction
    /// that moves both cursors (alerts beyond one page go first, a page a transaction).
    /// </summary>
    private async Task<NoticeState> ApplyAsync(NoticeState state, IReadOnlyList<Fact> page, CancellationToken cancellationToken)
    {
        var raised = await credits.ReadCreditAlertsAsync(state.AlertCursor, PageSize, cancellationToken);
        while (raised.Count == PageSize)
        {
            var at = time.GetUtcNow();
            state = await DeliverAsync(
                state, [.. raised.Select(a => CreditNotices.LevelChanged(a, at))], state with { AlertCursor = raised[^1].Sequence }, cancellationToken);
            raised = await credits.ReadCreditAlertsAsync(state.AlertCursor, PageSize, cancellationToken);
        }

        if (raised.Count == 0 && page.Count == 0)
        {
            return state;
        }

        var now = time.GetUtcNow();
        var notices = raised.Select(a => CreditNotices.LevelChanged(a, now)).ToList();
        var advanced = raised.Count == 0 ? state : state with { AlertCursor = raised[^1].Sequence };
        if (page.Count > 0)
        {
            notices.AddRange(await FactNoticesAsync(page, now, cancellationToken));
            advanced = advanced with { FactCursor = page[^1].Sequence };
        }

        return await DeliverAsync(state, notices, advanced, cancellationToken);
    }

    /// <summary>
    /// What a page of the log changes: the notices of the enterprises it touched with a fact that a
    /// policy in force or a reminder reads (or the licence, which names an enterprise), and the
    /// answers to objections. An enterprise touched only by facts nobody reads is looked at in
    /// memory as its first such fact would leave it (no name, industry or facts read); only if
    /// that view gets a notice is it read from the store, so a page of such facts costs nearly nothing.
    /// </summary>
    private async Task<List<NewNotice>> FactNoticesAsync(IReadOnlyList<Fact> page, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var active = await store.ActivePoliciesAsync(now, cancellationToken);
        var read = TypesOf(active, remind: true);
        var changed = new HashSet<string>(StringComparer.Ordinal);
        var untouched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fact in page)
        {
            if (read.Contains(fact.FactType) || fact.FactType == EnterpriseIdentity.LicenceFactType)
            {
                changed.Add(fact.Uscc);
            }
            else
            {
                untouched.Add(fact.Uscc);
            }
        }

        untouched.ExceptWith(changed);
        changed.UnionWith(untouched.Where(uscc => NoticesFor(scan.Bare(uscc), active, remind: true, now).Any()));
        var notices = new List<NewNotice>();
        if (changed.Count > 0)
        {
            var enterprises = await scan.SomeAsync([.. changed], read, cancellationToken);
            notices.AddRange(enterprises.SelectMany(e => NoticesFor(e, active, remind: true, now)));
        }

        notices.AddRange(page.Select(f => CreditNotices.Answered(f, now)).OfType<NewNotice>());
        return notices;
    }
}
