using EnterpriseHub.Core.Credit;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>
/// The credit writes. They run on the one writer in an immediate transaction, so the optimistic
/// check and the write it guards cannot be interleaved with another.
/// </summary>
public sealed partial class SqliteFactStore
{
    public Task<CreditApplied> ApplyCreditAsync(
        CreditState expected, IReadOnlyList<CreditProfile> profiles, IReadOnlyList<NewCreditAlert> alerts, long? factCursor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(alerts);
        return Guard(Writer.WriteAsync(
            (c, t) =>
            {
                var stored = CreditStateTable.Check(c, t, expected);
                CreditProfileTable.Upsert(c, t, stored.Generation, profiles);
                var appended = CreditAlertTable.Append(c, t, alerts);
                var next = stored with { Version = stored.Version + 1, FactCursor = factCursor ?? stored.FactCursor };
                CreditStateTable.Write(c, t, next);
                return new CreditApplied(appended, next);
            },
            null,
            cancellationToken));
    }

    /// <summary>
    /// Refuses the current generation (or an older one) as changed state: a rebuild writing there
    /// (an evaluator that lost its lease to one that switched) would bypass the optimistic check.
    /// </summary>
    public Task WriteRebuiltProfilesAsync(long generation, IReadOnlyList<CreditProfile> profiles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        return Guard(Writer.WriteAsync(
            (c, t) =>
            {
                if (generation <= CreditStateTable.Read(c, t).Generation)
                {
                    throw CreditStateTable.Changed();
                }

                CreditProfileTable.Upsert(c, t, generation, profiles);
                return true;
            },
            null,
            cancellationToken));
    }

    public Task<CreditApplied> SwitchCreditGenerationAsync(
        CreditState expected, long generation, long factCursor, string rulesFingerprint, int rulesVersion, string reason,
        DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(rulesFingerprint);
        ArgumentNullException.ThrowIfNull(reason);
        return Guard(Writer.WriteAsync(
            (c, t) =>
            {
                var stored = CreditStateTable.Check(c, t, expected);
                var alerts = CreditAlertTable.AppendLevelChanges(c, t, stored.Generation, generation, reason, at);
                using (var drop = c.CreateCommand())
                {
                    // Every other generation goes: the old one, and whatever an abandoned rebuild left.
                    drop.Transaction = t;
                    drop.CommandText = "DELETE FROM credit_profiles WHERE generation <> $generation;";
                    drop.Parameters.AddWithValue("$generation", generation);
                    drop.ExecuteNonQuery();
                }

                var next = new CreditState(generation, stored.Version + 1, factCursor, rulesFingerprint, rulesVersion);
                CreditStateTable.Write(c, t, next);
                return new CreditApplied(alerts, next);
            },
            null,
            cancellationToken));
    }
}
