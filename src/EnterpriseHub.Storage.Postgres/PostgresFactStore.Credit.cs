using EnterpriseHub.Core.Credit;
using EnterpriseHub.Core.Facts;
using Npgsql;
using NpgsqlTypes;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>
/// The credit contract: profiles by generation, alerts and the projection's state, shared by every
/// replica (the writes are in <c>PostgresFactStore.CreditWrites.cs</c>). The class declares the
/// contract here, beside its implementation, rather than in the main declaration.
/// </summary>
public sealed partial class PostgresFactStore : ICreditStore
{
    public Task<CreditState> ReadCreditStateAsync(CancellationToken cancellationToken) =>
        Guard(() => CreditStateTable.ReadAsync(dataSource, cancellationToken));

    public async Task<CreditProfile?> GetCreditProfileAsync(string uscc, CancellationToken cancellationToken) =>
        (await QueryProfilesAsync(
            $"{CreditProfileTable.Current} AND p.uscc = @uscc", "", cancellationToken, new NpgsqlParameter("uscc", NpgsqlDbType.Text) { Value = uscc })
            .ConfigureAwait(false)).SingleOrDefault();

    public async Task<IReadOnlyList<CreditProfile>> GetCreditProfilesAsync(IReadOnlyList<string> usccs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(usccs);
        return usccs.Count == 0
            ? []
            : await QueryProfilesAsync($"{CreditProfileTable.Current} AND p.uscc = ANY(@usccs)", "", cancellationToken, TextArray("usccs", usccs))
                .ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<CreditProfile>> ListCreditProfilesAsync(
        CreditLevel minLevel, IReadOnlyList<string>? divisionCodes, string? afterUscc, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var where = $"{CreditProfileTable.Current} AND p.level >= @min AND p.uscc > @after";
        List<NpgsqlParameter> parameters =
        [
            new("min", NpgsqlDbType.Text) { Value = minLevel.ToString() },
            new("after", NpgsqlDbType.Text) { Value = afterUscc ?? "" },
            new("limit", NpgsqlDbType.Integer) { Value = limit },
        ];
        // An empty list restricts nothing, as an empty repeated field does on the wire (and as the directory search does).
        if (divisionCodes is { Count: > 0 })
        {
            where += " AND substr(p.uscc, 3, 6) = ANY(@divisions)";
            parameters.Add(TextArray("divisions", divisionCodes));
        }

        return await QueryProfilesAsync(where, "ORDER BY p.uscc LIMIT @limit", cancellationToken, [.. parameters]).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<CreditAlert>> ReadCreditAlertsAsync(long afterSequence, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return Guard(() => CreditAlertTable.ReadAsync(dataSource, afterSequence, limit, cancellationToken));
    }

    public Task<long> LastCreditAlertAsync(CancellationToken cancellationToken) =>
        Guard(() => CreditAlertTable.LastAsync(dataSource, cancellationToken));

    public Task<IReadOnlyList<string>> DueCreditProfilesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return Guard(() => CreditProfileTable.DueAsync(dataSource, now.UtcTicks, limit, cancellationToken));
    }

    public Task<IReadOnlyList<Fact>> LoadFactsAsync(
        IReadOnlyList<string> usccs, IReadOnlyCollection<string> factTypes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(usccs);
        ArgumentNullException.ThrowIfNull(factTypes);
        return usccs.Count == 0 || factTypes.Count == 0
            ? Task.FromResult<IReadOnlyList<Fact>>([])
            : Guard(() => CreditFacts.LoadAsync(dataSource, usccs, factTypes, cancellationToken));
    }

    public Task<IReadOnlyList<string>> EnterprisesWithFactsAsync(
        IReadOnlyCollection<string> factTypes, string? afterUscc, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(factTypes);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return factTypes.Count == 0
            ? Task.FromResult<IReadOnlyList<string>>([])
            : Guard(() => CreditFacts.EnterprisesAsync(dataSource, factTypes, afterUscc, limit, cancellationToken));
    }

    public async Task<IAsyncDisposable?> TryLeadCreditAsync(CancellationToken cancellationToken)
    {
        EnsureInitialized();
        return await Guard(() => AdvisoryLease.TryTakeAsync(dataSource, AdvisoryLocks.CreditLeader, cancellationToken)).ConfigureAwait(false);
    }

    private Task<List<CreditProfile>> QueryProfilesAsync(
        string where, string tail, CancellationToken cancellationToken, params NpgsqlParameter[] parameters) =>
        Guard(() => CreditProfileTable.QueryAsync(dataSource, where, tail, cancellationToken, parameters));

    private static NpgsqlParameter TextArray(string name, IReadOnlyList<string> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.ToArray() };
}
