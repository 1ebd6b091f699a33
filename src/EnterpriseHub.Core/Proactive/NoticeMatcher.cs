using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Credit;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Core.Feed;
using EnterpriseHub.Core.Operations;
using Microsoft.Extensions.Logging;

namespace EnterpriseHub.Core.Proactive;

/// <summary>
/// Finds the enterprises each notice is for, as a projection of the fact log and the policies.
/// One matcher in the cluster (the store's lease; others stand by) does three things, each
/// delivering through the store, which delivers a key to an enterprise once ever:
/// <list type="bullet">
/// <item>a newly published policy that is in force is matched against every enterprise;</item>
/// <item>each page of new facts re-matches the enterprises it touched against the policies in
/// force, and evaluates their reminders;</item>
/// <item>a periodic sweep (on the hub's clock) evaluates every enterprise's reminders and matches
/// the policies whose window opened since the last sweep;</item>
/// <item>each credit alert (a change of an enterprise's level) and each answer to an objection
/// becomes a warning in that enterprise's inbox (<see cref="CreditNotices"/>).</item>
/// </list>
/// </summary>
public sealed partial class NoticeMatcher(
    INoticeStore store, FactPages pages, EnterpriseScan scan, ReminderRules reminders, FactTypeCatalog catalog, FeedSignal feed,
    PolicySignal published, NoticeSignal delivered, ICreditStore credits, AlertSignal alerts, TimeProvider time, HubMetrics metrics,
    ILogger<NoticeMatcher> logger)
{
    public const string HubDepartment = "hub";
    private const int PageSize = 1000;

    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan SweepEvery = TimeSpan.FromHours(1);

    private readonly Dictionary<string, PolicyCondition> compiled = new(StringComparer.Ordinal);
    private NoticeState? current;
    private readonly LeaseFlag lease = new();

    /// <summary>The state this matcher last wrote or read (null before it leads).</summary>
    public NoticeState? State => Volatile.Read(ref current);

    public Task RunAsync(CancellationToken cancellationToken) =>
        Leadership.RunAsync(store.TryLeadMatchingAsync, LeadAsync, error => SteppedDown(logger, error), exception => Failed(logger, exception), time, lease, cancellationToken);

    /// <summary>Whether this process holds the lease and runs the projection now (its lag is this process's to report).</summary>
    public bool IsLeading => lease.IsHeld;

    private async Task LeadAsync(CancellationToken cancellationToken)
    {
        var state = Seen(await store.ReadNoticeStateAsync(cancellationToken));
        Leading(logger, state.FactCursor, state.PolicyCursor);
        // A fact, a policy, an alert or a move of the clock that comes while a pass runs starts the next.
        var passes = LogFollower.FollowAsync(
            pages.ReadAsync, f => f.Sequence, PageSize, [feed, published, alerts], () => Poll, time, state.FactCursor, cancellationToken);
        await foreach (var pass in passes)
        {
            state = await NewPoliciesAsync(state, cancellationToken);
            state = await ApplyAsync(state, pass.Entries, cancellationToken);
            if (!pass.Full && time.GetUtcNow() - state.RemindedUntil >= SweepEvery)
            {
                state = await SweepAsync(state, cancellationToken);
            }
        }
    }

    /// <summary>Matches each policy that arrived since the last look against every enterprise, if it is in force.</summary>
    private async Task<NoticeState> NewPoliciesAsync(NoticeState state, CancellationToken cancellationToken)
    {
        foreach (var policy in await store.PoliciesAfterAsync(state.PolicyCursor, cancellationToken))
        {
            var now = time.GetUtcNow();
            if (policy.ValidFrom <= now && now < policy.ValidUntil)
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                state = await MatchEveryEnterpriseAsync(state, [policy], remind: false, cancellationToken);
                PolicyMatched(logger, policy.Department, policy.Id, (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            state = await DeliverAsync(state, [], state with { PolicyCursor = policy.Sequence }, cancellationToken);
        }

        return state;
    }

    /// <summary>Every enterprise's reminders, and the policies whose window opened since the last sweep.</summary>
    private async Task<NoticeState> SweepAsync(NoticeState state, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var opened = (await store.ActivePoliciesAsync(now, cancellationToken))
            .Where(p => p.ValidFrom > state.RemindedUntil && p.Sequence <= state.PolicyCursor)
            .ToList();
        state = await MatchEveryEnterpriseAsync(state, opened, remind: true, cancellationToken);
        return await DeliverAsync(state, [], state with { RemindedUntil = now }, cancellationToken);
    }

    private async Task<NoticeState> MatchEveryEnterpriseAsync(
        NoticeState state, IReadOnlyList<Policy> policies, bool remind, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await foreach (var page in scan.AllAsync(TypesOf(policies, remind), cancellationToken))
        {
            var notices = page.SelectMany(e => NoticesFor(e, policies, remind, now)).ToList();
            if (notices.Count > 0)
            {
                state = await DeliverAsync(state, notices, state, cancellationToken);
            }
        }

        return state;
    }

    private IEnumerable<NewNotice> NoticesFor(EnterpriseFacts enterprise, IReadOnlyList<Policy> policies, bool remind, DateTimeOffset now)
    {
        foreach (var policy in policies.Where(p => Condition(p).Matches(enterprise.Enterprise, enterprise.Zone, enterprise.Facts, now)))
        {
            yield return new NewNotice(
                enterprise.Enterprise.Uscc, $"policy:{policy.Department}:{policy.Id}", policy.Kind, policy.Department, policy.Title,
                policy.Body, now, null);
        }

        if (remind)
        {
            foreach (var due in ReminderEvaluator.Due(reminders, enterprise.Enterprise, enterprise.Zone, enterprise.Facts, now))
            {
                yield return new NewNotice(enterprise.Enterprise.Uscc, due.Key, due.Kind, HubDepartment, due.Title, due.Body, now, due.DueAt);
            }
        }
    }

    private HashSet<string> TypesOf(IReadOnlyList<Policy> policies, bool remind)
    {
        var types = new HashSet<string>(policies.SelectMany(p => Condition(p).FactTypes), StringComparer.Ordinal);
        if (remind)
        {
            types.UnionWith(reminders.FactTypes);
        }

        return types;
    }

    /// <summary>A policy's condition, compiled once; the catalog only evolves compatibly, so it stays valid.</summary>
    private PolicyCondition Condition(Policy policy)
    {
        var key = $"{policy.Department}:{policy.Id}";
        if (!compiled.TryGetValue(key, out var condition))
        {
            condition = PolicyCondition.Parse(policy.Condition, catalog.All);
            compiled[key] = condition;
        }

        return condition;
    }

    private async Task<NoticeState> DeliverAsync(
        NoticeState state, IReadOnlyList<NewNotice> notices, NoticeState advanced, CancellationToken cancellationToken)
    {
        var written = await store.DeliverNoticesAsync(state, notices, advanced, cancellationToken);
        if (written.Notices.Count > 0)
        {
            delivered.Notify();
        }

        return Seen(written.State);
    }

    private NoticeState Seen(NoticeState state)
    {
        Volatile.Write(ref current, state);
        metrics.Matched(state);
        return state;
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information,
        Message = "Matching notices from fact {FactCursor} and policy {PolicyCursor}")]
    private static partial void Leading(ILogger logger, long factCursor, long policyCursor);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Information, Message = "Matched policy {Department}/{PolicyId} against every enterprise in {ElapsedMs} ms")]
    private static partial void PolicyMatched(ILogger logger, string department, string policyId, long elapsedMs);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "The notice matcher stood down ({Error}); it asks for the lease again")]
    private static partial void SteppedDown(ILogger logger, string error);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Error, Message = "The notice matcher failed; it starts over from its stored state")]
    private static partial void Failed(ILogger logger, Exception exception);
}
