using System.Data.Common;
using EnterpriseHub.Core.Credit;

namespace EnterpriseHub.Storage.Common;

/// <summary>The credit writes; a write that stores alerts notifies <see cref="Channels.Credit"/> at its commit.</summary>
public abstract partial class SqlFactStore
{
    public Task<CreditApplied> ApplyCreditAsync(
        CreditState expected, IReadOnlyList<CreditProfile> profiles, IReadOnlyList<NewCreditAlert> alerts, long? factCursor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(alerts);
        return WriteCreditAsync(expected, async (c, t, stored, last) =>
        {
            if (profiles.Count > 0)
            {
                await engine.UpsertProfilesAsync(c, t, stored.Generation, profiles, cancellationToken).ConfigureAwait(false);
            }

            List<CreditAlert> appended = [.. alerts.Select((a, i) => new CreditAlert(
                last + 1 + i, a.Uscc, a.Before, a.After, a.Reason, new DateTimeOffset(a.Time.UtcTicks, TimeSpan.Zero), a.FactSequence))];
            if (appended.Count > 0)
            {
                await engine.InsertAlertsAsync(c, t, appended, cancellationToken).ConfigureAwait(false);
            }

            return new CreditApplied(appended, stored with { Version = stored.Version + 1, FactCursor = factCursor ?? stored.FactCursor });
        }, cancellationToken);
    }

    /// <summary>
    /// Refuses the current generation (or an older one) as changed state: a rebuild writing there
    /// (an evaluator that lost its lease to one that switched) would bypass the optimistic check.
    /// The generation is read under a share lock, so no switch can commit before this write does.
    /// </summary>
    public Task WriteRebuiltProfilesAsync(long generation, IReadOnlyList<CreditProfile> profiles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        return WriteAsync(
            async (c, t) =>
            {
                var current = await Sql.LongAsync(c, t, $"SELECT generation FROM credit_state WHERE id = 1{engine.ForShare};", cancellationToken)
                    .ConfigureAwait(false);
                if (generation <= current)
                {
                    throw CreditStateChanged();
                }

                if (profiles.Count > 0)
                {
                    await engine.UpsertProfilesAsync(c, t, generation, profiles, cancellationToken).ConfigureAwait(false);
                }

                return true;
            },
            cancellationToken);
    }

    public Task<CreditApplied> SwitchCreditGenerationAsync(
        CreditState expected, long generation, long factCursor, string rulesFingerprint, int rulesVersion, string reason,
        DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(rulesFingerprint);
        ArgumentNullException.ThrowIfNull(reason);
        return WriteCreditAsync(expected, async (c, t, stored, last) =>
        {
            // Each side looks the other up by primary key: a join of the two generations as
            // subqueries would have no index to use and grow with the square of the zone.
            await Sql.ExecuteAsync(c, t, $"""
                INSERT INTO credit_alerts ({CreditColumns.Alert})
                SELECT @last + row_number() OVER (ORDER BY uscc), uscc, before_level, after_level, @reason, @time, NULL
                FROM (
                    SELECT n.uscc AS uscc, n.level AS after_level,
                           coalesce((SELECT o.level FROM credit_profiles o WHERE o.generation = @from AND o.uscc = n.uscc), 'A') AS before_level
                    FROM credit_profiles n WHERE n.generation = @to
                    UNION ALL
                    SELECT o.uscc, 'A', o.level FROM credit_profiles o
                    WHERE o.generation = @from
                      AND NOT EXISTS (SELECT 1 FROM credit_profiles n WHERE n.generation = @to AND n.uscc = o.uscc)) changes
                WHERE before_level <> after_level
                ORDER BY uscc;
                """, cancellationToken,
                ("@last", last), ("@reason", reason), ("@time", at.UtcTicks), ("@from", stored.Generation), ("@to", generation))
                .ConfigureAwait(false);
            var alerts = await Sql.QueryAsync(
                c, t, $"{SelectAlerts} WHERE seq > @last ORDER BY seq;", CreditColumns.ReadAlert, cancellationToken, ("@last", last))
                .ConfigureAwait(false);

            // Every other generation goes: the old one, and whatever an abandoned rebuild left.
            await Sql.ExecuteAsync(c, t, "DELETE FROM credit_profiles WHERE generation <> @generation;", cancellationToken, ("@generation", generation))
                .ConfigureAwait(false);
            return new CreditApplied(alerts, new CreditState(generation, stored.Version + 1, factCursor, rulesFingerprint, rulesVersion));
        }, cancellationToken);
    }

    /// <summary>
    /// Runs a credit write after locking the state row and checking it is still
    /// <paramref name="expected"/>; <paramref name="write"/> gets the stored state and the last alert
    /// sequence, and says what it stored and the state to write.
    /// </summary>
    private Task<CreditApplied> WriteCreditAsync(
        CreditState expected, Func<DbConnection, DbTransaction, CreditState, long, Task<CreditApplied>> write, CancellationToken cancellationToken) =>
        WriteAsync(
            async (c, t) =>
            {
                var (stored, last) = await Sql.RowAndLastAsync(c, t, SelectCreditState + engine.ForUpdate, "credit_alerts", ReadState, cancellationToken)
                    .ConfigureAwait(false);
                if (stored.Generation != expected.Generation || stored.Version != expected.Version)
                {
                    throw CreditStateChanged();
                }

                var applied = await write(c, t, stored, last).ConfigureAwait(false);
                var next = applied.State;
                await Sql.ExecuteAsync(c, t, """
                    UPDATE credit_state SET generation = @generation, version = @version, fact_cursor = @cursor,
                                            rules_fingerprint = @fingerprint, rules_version = @rules
                    WHERE id = 1;
                    """, cancellationToken,
                    ("@generation", next.Generation), ("@version", next.Version), ("@cursor", next.FactCursor),
                    ("@fingerprint", next.RulesFingerprint), ("@rules", next.RulesVersion)).ConfigureAwait(false);
                if (applied.Alerts.Count > 0)
                {
                    await engine.NotifyAsync(c, t, Channels.Credit, applied.Alerts[^1].Sequence, cancellationToken).ConfigureAwait(false);
                }

                return applied;
            },
            cancellationToken);
}
