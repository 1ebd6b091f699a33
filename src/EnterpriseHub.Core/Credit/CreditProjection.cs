using EnterpriseHub.Core.Facts;
using EnterpriseHub.Core.Feed;
using EnterpriseHub.Core.Operations;
using Microsoft.Extensions.Logging;

namespace EnterpriseHub.Core.Credit;

/// <summary>
/// Credit levels as a projection of the fact log. One evaluator in the whole cluster (it holds the
/// store's lease; the others stand by) reads the log from its cursor and re-evaluates only the
/// enterprises a page of facts touched, writing their profiles, the level changes as alerts and
/// the new cursor in one transaction. It also re-evaluates enterprises whose signal windows have
/// passed. When the rules changed since the stored state was made, it first rebuilds every
/// profile into a new generation while the old one keeps serving, then switches.
/// </summary>
public sealed partial class CreditProjection(
    ICreditStore store, IFactStore facts, FactPages pages, ISubscriptionStore log, CreditRules rules, FeedSignal feed, AlertSignal alerts,
    TimeProvider time, HubMetrics metrics, ILogger<CreditProjection> logger)
{
    public const int PageSize = 1000;
    private const int DueBatch = 500;

    // How often windows are looked at when no fact arrives, on the hub's clock so tests can move it.
    private static readonly TimeSpan DuePoll = TimeSpan.FromSeconds(30);

    private long applied;
    private readonly LeaseFlag lease = new();

    /// <summary>The fact sequence this evaluator has applied up to (0 before it leads).</summary>
    public long Applied => Interlocked.Read(ref applied);

    public Task RunAsync(CancellationToken cancellationToken) =>
        Leadership.RunAsync(store.TryLeadCreditAsync, LeadAsync, error => SteppedDown(logger, error), exception => Failed(logger, exception), time, lease, cancellationToken);

    /// <summary>Whether this process holds the lease and runs the projection now (its lag is this process's to report).</summary>
    public bool IsLeading => lease.IsHeld;

    private async Task LeadAsync(CancellationToken cancellationToken)
    {
        var state = await store.ReadCreditStateAsync(cancellationToken);
        if (state.RulesFingerprint != rules.Fingerprint)
        {
            state = await RebuildAsync(state, cancellationToken);
        }

        Leading(logger, rules.Version, state.FactCursor);
        // Windows are looked at after every page that was not full, and every DuePoll of the hub's
        // clock when no fact arrives (a move of the clock while a page is worked on ends the wait).
        var passes = LogFollower.FollowAsync(pages.ReadAsync, f => f.Sequence, PageSize, [feed], () => DuePoll, time, state.FactCursor, cancellationToken);
        await foreach (var pass in passes)
        {
            if (pass.Entries.Count > 0)
            {
                state = await ApplyFactsAsync(state, pass.Entries, cancellationToken);
            }

            if (!pass.Full)
            {
                state = await ApplyDueAsync(state, cancellationToken);
            }
        }
    }

    /// <summary>Re-evaluates the enterprises a page of the log touched with facts the rules read, and moves the cursor past the page.</summary>
    private async Task<CreditState> ApplyFactsAsync(CreditState state, IReadOnlyList<Fact> page, CancellationToken cancellationToken)
    {
        // The last fact of each touched enterprise is the one an alert names as its cause.
        var causes = new Dictionary<string, long>(StringComparer.Ordinal);
        var read = new Dictionary<string, List<Fact>>(StringComparer.Ordinal);
        foreach (var fact in page)
        {
            if (rules.FactTypes.Contains(fact.FactType))
            {
                causes[fact.Uscc] = fact.Sequence;
                (read.TryGetValue(fact.Uscc, out var own) ? own : read[fact.Uscc] = []).Add(fact);
            }
        }

        var (profiles, changes) = await EvaluateAsync([.. causes.Keys], causes, read, cancellationToken);
        return await WriteAsync(state, profiles, changes, page[^1].Sequence, cancellationToken);
    }

    /// <summary>Re-evaluates the enterprises whose next change (a window passing, a fact taking effect) is due.</summary>
    private async Task<CreditState> ApplyDueAsync(CreditState state, CancellationToken cancellationToken)
    {
        while (await store.DueCreditProfilesAsync(time.GetUtcNow(), DueBatch, cancellationToken) is { Count: > 0 } due)
        {
            var (profiles, changes) = await EvaluateAsync(due, causes: null, inPage: null, cancellationToken);
            state = await WriteAsync(state, profiles, changes, factCursor: null, cancellationToken);
            if (due.Count < DueBatch)
            {
                break;
            }
        }

        return state;
    }

    /// <summary>The enterprises' profiles now, those that differ from the stored ones, and the level changes among them.</summary>
    /// <param name="inPage">
    /// Each touched enterprise's facts of the rules' types in the page being applied. An enterprise
    /// without a stored profile has had no such fact before the page (every enterprise with one gets
    /// a profile, from this path or a rebuild), so the page holds all it has so far: it is evaluated
    /// from the page alone, without reading the store. Null to read every enterprise's facts.
    /// </param>
    private async Task<(List<CreditProfile> Profiles, List<NewCreditAlert> Changes)> EvaluateAsync(
        IReadOnlyList<string> usccs, Dictionary<string, long>? causes, Dictionary<string, List<Fact>>? inPage, CancellationToken cancellationToken)
    {
        if (usccs.Count == 0)
        {
            return ([], []);
        }

        var stored = (await store.GetCreditProfilesAsync(usccs, cancellationToken)).ToDictionary(p => p.Uscc, StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var known = inPage is null ? usccs : [.. usccs.Where(stored.ContainsKey)];
        var evaluated = (await EvaluateAllAsync(known, now, cancellationToken)).ToDictionary(e => e.Uscc, e => e.Profile, StringComparer.Ordinal);
        var profiles = new List<CreditProfile>();
        var changes = new List<NewCreditAlert>();
        foreach (var uscc in usccs)
        {
            var before = stored.GetValueOrDefault(uscc);
            var profile = evaluated.TryGetValue(uscc, out var again) ? again : CreditEvaluator.Evaluate(rules, uscc, inPage![uscc], now);
            if (before is not null && before.Equals(profile))
            {
                continue;
            }

            profiles.Add(profile);
            if ((before?.Level ?? CreditLevel.A) != profile.Level)
            {
                changes.Add(new NewCreditAlert(
                    uscc, before?.Level ?? CreditLevel.A, profile.Level, CreditChange.Describe(before, profile), now,
                    causes?.GetValueOrDefault(uscc)));
            }
        }

        return (profiles, changes);
    }

    /// <summary>What the rules make of each enterprise's facts at <paramref name="now"/>, in the order asked.</summary>
    /// <param name="upTo">Only facts up to this sequence count, and enterprises without any are left out; null for every stored fact.</param>
    internal async Task<List<(string Uscc, CreditProfile Profile)>> EvaluateAllAsync(
        IReadOnlyList<string> usccs, DateTimeOffset now, CancellationToken cancellationToken, long? upTo = null)
    {
        var byEnterprise = (await facts.LoadFactsAsync(usccs, rules.FactTypes, cancellationToken))
            .Where(f => f.Sequence <= (upTo ?? long.MaxValue))
            .GroupBy(f => f.Uscc, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Fact>)[.. g], StringComparer.Ordinal);
        return usccs
            .Where(u => upTo is null || byEnterprise.ContainsKey(u))
            .Select(u => (u, CreditEvaluator.Evaluate(rules, u, byEnterprise.GetValueOrDefault(u) ?? [], now)))
            .ToList();
    }

    private async Task<CreditState> WriteAsync(
        CreditState state, List<CreditProfile> profiles, List<NewCreditAlert> changes, long? factCursor, CancellationToken cancellationToken)
    {
        if (profiles.Count == 0 && factCursor is null)
        {
            return state;
        }

        var written = await store.ApplyCreditAsync(state, profiles, changes, factCursor, cancellationToken);
        Interlocked.Exchange(ref applied, written.State.FactCursor);
        if (written.Alerts.Count > 0)
        {
            alerts.Notify();
        }

        metrics.Projected("credit", written.State.FactCursor);
        return written.State;
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information,
        Message = "Evaluating credit levels (rules version {RulesVersion}) from fact {FactCursor}")]
    private static partial void Leading(ILogger logger, int rulesVersion, long factCursor);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "The credit evaluator stood down ({Error}); it asks for the lease again")]
    private static partial void SteppedDown(ILogger logger, string error);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Error, Message = "The credit evaluator failed; it starts over from its stored state")]
    private static partial void Failed(ILogger logger, Exception exception);
}
