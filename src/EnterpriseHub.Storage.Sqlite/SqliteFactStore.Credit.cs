using System.Text.Json;
using EnterpriseHub.Core.Credit;
using EnterpriseHub.Core.Facts;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>
/// The credit contract: profiles by generation, alerts and the projection's state (the writes are
/// in <c>SqliteFactStore.CreditWrites.cs</c>). The class declares the contract here, beside its
/// implementation, rather than in the main declaration.
/// </summary>
public sealed partial class SqliteFactStore : ICreditStore
{
    private readonly ProcessLease creditLease = new();

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
        return Task.FromResult(creditLease.TryTake());
    }
}
