using EnterpriseHub.Core.Credit;
using EnterpriseHub.Core.Errors;

namespace EnterpriseHub.Storage.Common;

/// <summary>
/// The credit contract: profiles by generation, alerts in order and where the projection stands.
/// Every write reads the state row first, locked to its commit: the optimistic check cannot be
/// overtaken, and alert sequences (the greatest stored plus one) follow commit order without gaps.
/// </summary>
public abstract partial class SqlFactStore
{
    private const string SelectCreditState = "SELECT generation, version, fact_cursor, rules_fingerprint, rules_version FROM credit_state WHERE id = 1";
    private const string SelectAlerts = $"SELECT {CreditColumns.Alert} FROM credit_alerts";

    /// <summary>The profiles <c>p</c> of the current generation; the subquery is evaluated once.</summary>
    private const string SelectCurrentProfiles =
        $"SELECT {CreditColumns.Profile} FROM credit_profiles p WHERE p.generation = (SELECT generation FROM credit_state WHERE id = 1)";

    public async Task<CreditState> ReadCreditStateAsync(CancellationToken cancellationToken) =>
        Single(await QueryAsync(SelectCreditState + ";", ReadState, cancellationToken).ConfigureAwait(false), "credit");

    public async Task<CreditProfile?> GetCreditProfileAsync(string uscc, CancellationToken cancellationToken) =>
        (await QueryAsync($"{SelectCurrentProfiles} AND p.uscc = @uscc;", CreditColumns.ReadProfile, cancellationToken, ("@uscc", uscc))
            .ConfigureAwait(false)).SingleOrDefault();

    public async Task<IReadOnlyList<CreditProfile>> GetCreditProfilesAsync(IReadOnlyList<string> usccs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(usccs);
        return usccs.Count == 0
            ? []
            : await QueryAsync(
                engine.ForEachKey(SelectCurrentProfiles, "p.uscc", "@usccs") + ";", CreditColumns.ReadProfile, cancellationToken,
                ("@usccs", engine.List(usccs))).ConfigureAwait(false);
    }

    /// <summary>An empty division list restricts nothing, as an empty repeated field does on the wire (and as the directory search does).</summary>
    public async Task<IReadOnlyList<CreditProfile>> ListCreditProfilesAsync(
        CreditLevel minLevel, IReadOnlyList<string>? divisionCodes, string? afterUscc, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        List<(string, object?)> parameters = [("@min", minLevel.ToString()), ("@after", afterUscc ?? ""), ("@limit", limit)];
        var divisions = "";
        if (divisionCodes is { Count: > 0 })
        {
            divisions = "AND " + engine.In("substr(p.uscc, 3, 6)", "@divisions");
            parameters.Add(("@divisions", engine.List(divisionCodes)));
        }

        return await QueryAsync(
            $"{SelectCurrentProfiles} AND p.level >= @min AND p.uscc > @after {divisions} ORDER BY p.uscc LIMIT @limit;",
            CreditColumns.ReadProfile, cancellationToken, [.. parameters]).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<CreditAlert>> ReadCreditAlertsAsync(long afterSequence, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return await QueryAsync(
            $"{SelectAlerts} WHERE seq > @after ORDER BY seq LIMIT @limit;", CreditColumns.ReadAlert, cancellationToken,
            ("@after", afterSequence), ("@limit", limit)).ConfigureAwait(false);
    }

    public Task<long> LastCreditAlertAsync(CancellationToken cancellationToken) =>
        LongAsync("SELECT coalesce(max(seq), 0) FROM credit_alerts;", cancellationToken);

    public async Task<IReadOnlyList<string>> DueCreditProfilesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return await QueryAsync(
            """
            SELECT p.uscc FROM credit_profiles p
            WHERE p.generation = (SELECT generation FROM credit_state WHERE id = 1) AND p.next_change_ticks <= @now
            ORDER BY p.next_change_ticks, p.uscc LIMIT @limit;
            """,
            r => r.GetString(0), cancellationToken, ("@now", now.UtcTicks), ("@limit", limit)).ConfigureAwait(false);
    }

    public Task<IAsyncDisposable?> TryLeadCreditAsync(CancellationToken cancellationToken) => TryLeadAsync(LeaderRole.CreditEvaluator, cancellationToken);

    private static CreditState ReadState(System.Data.Common.DbDataReader reader) =>
        new(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3), reader.GetInt32(4));

    private static HubConflictException CreditStateChanged() =>
        new("CREDIT_STATE_CHANGED", "The credit projection was written by another evaluator meanwhile; nothing was stored.");
}
