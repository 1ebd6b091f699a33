using System.Text.Json;
using EnterpriseHub.Core.Credit;
using EnterpriseHub.Core.Facts;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>
/// The credit contract: profiles by generation, alerts and the projection's state. Writes run on
/// the one writer, so the optimistic check and the write it guards cannot be interleaved.
/// </summary>
public sealed partial class SqliteFactStore : ICreditStore
{
    private int creditLeased;

    public Task<CreditState> ReadCreditStateAsync(CancellationToken cancellationToken) =>
        ReadAsync(c => Task.FromResult(CreditStateTable.Read(c, null)), cancellationToken);

    public async Task<CreditProfile?> GetCreditProfileAsync(string uscc, CancellationToken cancellationToken) =>
        (await ReadAsync(
            c => CreditProfileTable.QueryAsync(c, $"{CreditProfileTable.Current} AND p.uscc = $uscc", "", cancellationToken, ("$uscc", uscc)),
            cancellationToken).ConfigureAwait(false)).SingleOrDefault();

    public async Task<IReadOnlyList<CreditProfile>> GetCreditProfilesAsync(IReadOnlyList<string> usccs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(usccs);
        return usccs.Count == 0
            ? []
            : await ReadAsync(
                c => CreditProfileTable.QueryAsync(
                    c, $"{CreditProfileTable.Current} AND p.uscc IN (SELECT value FROM json_each($usccs))", "", cancellationToken,
                    ("$usccs", JsonSerializer.Serialize(usccs))),
                cancellationToken).ConfigureAwait(false);
    }

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

    /// <summary>Refuses the current generation (or an older one) as changed state: a rebuild that wrote there would bypass the optimistic check.</summary>
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

    public async Task<IReadOnlyList<CreditProfile>> ListCreditProfilesAsync(
        CreditLevel minLevel, IReadOnlyList<string>? divisionCodes, string? afterUscc, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var where = $"{CreditProfileTable.Current} AND p.level >= $min AND p.uscc > $after";
        List<(string, object)> parameters = [("$min", minLevel.ToString()), ("$after", afterUscc ?? ""), ("$limit", limit)];
        // An empty list restricts nothing, as an empty repeated field does on the wire (and as the directory search does).
        if (divisionCodes is { Count: > 0 })
        {
            where += " AND substr(p.uscc, 3, 6) IN (SELECT value FROM json_each($divisions))";
            parameters.Add(("$divisions", JsonSerializer.Serialize(divisionCodes)));
        }

        return await ReadAsync(
            c => CreditProfileTable.QueryAsync(c, where, "ORDER BY p.uscc LIMIT $limit", cancellationToken, [.. parameters]),
            cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<CreditAlert>> ReadCreditAlertsAsync(long afterSequence, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return ReadAsync(c => CreditAlertTable.ReadAsync(c, afterSequence, limit, cancellationToken), cancellationToken);
    }

    public Task<long> LastCreditAlertAsync(CancellationToken cancellationToken) =>
        ReadAsync(c => Task.FromResult(CreditAlertTable.Last(c, null)), cancellationToken);

    public Task<IReadOnlyList<string>> DueCreditProfilesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return ReadAsync(c => CreditProfileTable.DueAsync(c, now.UtcTicks, limit, cancellationToken), cancellationToken);
    }

    public Task<IReadOnlyList<Fact>> LoadFactsAsync(
        IReadOnlyList<string> usccs, IReadOnlyCollection<string> factTypes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(usccs);
        ArgumentNullException.ThrowIfNull(factTypes);
        return usccs.Count == 0 || factTypes.Count == 0
            ? Task.FromResult<IReadOnlyList<Fact>>([])
            : ReadAsync(c => CreditFacts.LoadAsync(c, usccs, factTypes, cancellationToken), cancellationToken);
    }

    public Task<IReadOnlyList<string>> EnterprisesWithFactsAsync(
        IReadOnlyCollection<string> factTypes, string? afterUscc, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(factTypes);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return factTypes.Count == 0
            ? Task.FromResult<IReadOnlyList<string>>([])
            : ReadAsync(c => CreditFacts.EnterprisesAsync(c, factTypes, afterUscc, limit, cancellationToken), cancellationToken);
    }

    /// <summary>One process holds an embedded store's file, so the lease is this instance's alone.</summary>
    public Task<IAsyncDisposable?> TryLeadCreditAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IAsyncDisposable?>(
            Interlocked.CompareExchange(ref creditLeased, 1, 0) == 0 ? new CreditLease(this) : null);
    }

    private sealed class CreditLease(SqliteFactStore store) : IAsyncDisposable
    {
        private int released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                Volatile.Write(ref store.creditLeased, 0);
            }

            return ValueTask.CompletedTask;
        }
    }
}
