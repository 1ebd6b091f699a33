using Microsoft.Extensions.Logging;

namespace EnterpriseHub.Core.Credit;

public sealed partial class CreditProjection
{
    private const int RebuildPage = 500;

    /// <summary>
    /// Every enterprise with facts the rules read, evaluated from the stored facts alone, in code
    /// order: what a rebuild writes, and what the incremental state must equal.
    /// </summary>
    public IAsyncEnumerable<CreditProfile> RecomputeAllAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        RecomputeAllAsync(now, long.MaxValue, cancellationToken);

    /// <summary>
    /// As the log stood at fact <paramref name="upTo"/>: later facts (appended while a rebuild runs)
    /// are left to the incremental pass that follows, so their changes are alerted as theirs.
    /// </summary>
    private async IAsyncEnumerable<CreditProfile> RecomputeAllAsync(
        DateTimeOffset now, long upTo, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? after = null;
        while (await facts.EnterprisesWithFactsAsync(rules.FactTypes, after, RebuildPage, cancellationToken) is { Count: > 0 } usccs)
        {
            foreach (var (_, profile) in await EvaluateAllAsync(usccs, now, cancellationToken, upTo))
            {
                yield return profile;
            }

            after = usccs[^1];
        }
    }

    /// <summary>
    /// Writes every profile under the current rules into the next generation while the current one
    /// keeps serving, then switches to it with one alert per changed level. It evaluates the log up
    /// to the head it read before it began; facts appended while it ran are applied afterwards from
    /// that cursor, each alerted as the cause of its own change rather than as the rules'.
    /// </summary>
    private async Task<CreditState> RebuildAsync(CreditState state, CancellationToken cancellationToken)
    {
        var head = await log.HeadSequenceAsync(cancellationToken);
        var generation = state.Generation + 1;
        var now = time.GetUtcNow();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        RebuildStarted(logger, rules.Version, generation);
        var page = new List<CreditProfile>(RebuildPage);
        long count = 0;
        await foreach (var profile in RecomputeAllAsync(now, head, cancellationToken))
        {
            page.Add(profile);
            if (page.Count == RebuildPage)
            {
                await store.WriteRebuiltProfilesAsync(generation, page, cancellationToken);
                count += page.Count;
                page.Clear();
            }
        }

        await store.WriteRebuiltProfilesAsync(generation, page, cancellationToken);
        count += page.Count;
        var switched = await store.SwitchCreditGenerationAsync(
            state, generation, head, rules.Fingerprint, rules.Version, $"credit rules version {rules.Version} took effect", now,
            cancellationToken);
        RebuildDone(logger, count, switched.Alerts.Count, (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        if (switched.Alerts.Count > 0)
        {
            alerts.Notify();
        }

        Interlocked.Exchange(ref applied, switched.State.FactCursor);
        metrics.Projected("credit", switched.State.FactCursor);
        return switched.State;
    }

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information,
        Message = "Rebuilding credit levels under rules version {RulesVersion} into generation {Generation}; the current levels keep serving")]
    private static partial void RebuildStarted(ILogger logger, int rulesVersion, long generation);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Information,
        Message = "Credit rebuild done: {Profiles} profiles, {Changes} level changes, in {ElapsedMs} ms")]
    private static partial void RebuildDone(ILogger logger, long profiles, int changes, long elapsedMs);
}
