using EnterpriseHub.Core.Credit;
using EnterpriseHub.Core.Facts;
using Npgsql;
using NpgsqlTypes;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>
/// The credit contract: profiles by generation, alerts and the projection's state, shared by every
/// replica. A write that stores alerts notifies <see cref="CreditAlertTable.Channel"/> at its commit.
/// </summary>
public sealed partial class PostgresFactStore : ICreditStore
{
    public Task<CreditState> ReadCreditStateAsync(CancellationToken cancellationToken) =>
        Guard(() => CreditStateTable.ReadAsync(dataSource, cancellationToken));

    public async Task<CreditProfile?> GetCreditProfileAsync(string uscc, CancellationToken cancellationToken) =>
        (await QueryProfilesAsync($"{CreditProfileTable.Current} AND p.uscc = @uscc", "", cancellationToken, new NpgsqlParameter("uscc", NpgsqlDbType.Text) { Value = uscc })
            .ConfigureAwait(false)).SingleOrDefault();

    public async Task<IReadOnlyList<CreditProfile>> GetCreditProfilesAsync(IReadOnlyList<string> usccs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(usccs);
        return usccs.Count == 0
            ? []
            : await QueryProfilesAsync($"{CreditProfileTable.Current} AND p.uscc = ANY(@usccs)", "", cancellationToken, TextArray("usccs", usccs))
                .ConfigureAwait(false);
    }

    public Task<CreditApplied> ApplyCreditAsync(
        CreditState expected, IReadOnlyList<CreditProfile> profiles, IReadOnlyList<NewCreditAlert> alerts, long? factCursor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(alerts);
        return WriteCreditAsync(expected, async (connection, stored, last) =>
        {
            var appended = CreditAlertTable.Number(last, alerts);
            var next = stored with { Version = stored.Version + 1, FactCursor = factCursor ?? stored.FactCursor };
            await using var batch = new NpgsqlBatch(connection);
            if (profiles.Count > 0)
            {
                batch.BatchCommands.Add(CreditProfileTable.Upsert(stored.Generation, profiles));
            }

            if (appended.Count > 0)
            {
                batch.BatchCommands.Add(CreditAlertTable.Insert(appended));
                batch.BatchCommands.Add(CreditAlertTable.Notify(appended[^1].Sequence));
            }

            batch.BatchCommands.Add(CreditStateTable.Write(next));
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return new CreditApplied(appended, next);
        }, cancellationToken);
    }

    /// <summary>Refuses the current generation (or an older one) as changed state: a rebuild that wrote there would bypass the optimistic check.</summary>
    public Task WriteRebuiltProfilesAsync(long generation, IReadOnlyList<CreditProfile> profiles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        EnsureInitialized();
        return Guard(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            if (generation <= await CreditStateTable.ShareGenerationAsync(connection, cancellationToken).ConfigureAwait(false))
            {
                throw CreditStateTable.Changed();
            }

            if (profiles.Count > 0)
            {
                await using var batch = new NpgsqlBatch(connection) { BatchCommands = { CreditProfileTable.Upsert(generation, profiles) } };
                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        });
    }

    public Task<CreditApplied> SwitchCreditGenerationAsync(
        CreditState expected, long generation, long factCursor, string rulesFingerprint, int rulesVersion, string reason,
        DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(rulesFingerprint);
        ArgumentNullException.ThrowIfNull(reason);
        return WriteCreditAsync(expected, async (connection, stored, last) =>
        {
            var next = new CreditState(generation, stored.Version + 1, factCursor, rulesFingerprint, rulesVersion);
            await using var batch = new NpgsqlBatch(connection)
            {
                BatchCommands =
                {
                    CreditAlertTable.InsertLevelChanges(last, stored.Generation, generation, reason, at),
                    CreditAlertTable.NotifyAfter(last),
                    // Every other generation goes: the old one, and whatever an abandoned rebuild left.
                    new("DELETE FROM credit_profiles WHERE generation <> $1;")
                    {
                        Parameters = { new() { Value = generation, NpgsqlDbType = NpgsqlDbType.Bigint } },
                    },
                    CreditStateTable.Write(next),
                },
            };
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var alerts = await CreditAlertTable.ReadAllAsync(reader, cancellationToken).ConfigureAwait(false);
            while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
            {
            }

            return new CreditApplied(alerts, next);
        }, cancellationToken);
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

    /// <summary>
    /// The lease's connection is a clone of a pooled one (same server, same credentials) with
    /// pooling off: the lock must end when the lease does, not linger in an idle pooled session.
    /// </summary>
    public async Task<IAsyncDisposable?> TryLeadCreditAsync(CancellationToken cancellationToken)
    {
        EnsureInitialized();
        return await Guard(() =>
        {
            using var template = dataSource.CreateConnection();
            var builder = new NpgsqlConnectionStringBuilder(template.ConnectionString) { Pooling = false };
            if (builder.KeepAlive == 0)
            {
                // A keepalive query keeps an idle firewall from silently dropping the session, and the lock with it.
                builder.KeepAlive = 10;
            }

            return CreditLease.TryTakeAsync(template.CloneWith(builder.ConnectionString), cancellationToken);
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs a credit write in one transaction after locking the state row and checking it is still
    /// <paramref name="expected"/>; <paramref name="write"/> gets the stored state and the last alert sequence.
    /// </summary>
    private Task<CreditApplied> WriteCreditAsync(
        CreditState expected, Func<NpgsqlConnection, CreditState, long, Task<CreditApplied>> write, CancellationToken cancellationToken)
    {
        EnsureInitialized();
        return Guard(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var (stored, last) = await CreditStateTable.LockAsync(connection, expected, cancellationToken).ConfigureAwait(false);
            var applied = await write(connection, stored, last).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return applied;
        });
    }

    private Task<List<CreditProfile>> QueryProfilesAsync(string where, string tail, CancellationToken cancellationToken, params NpgsqlParameter[] parameters) =>
        Guard(() => CreditProfileTable.QueryAsync(dataSource, where, tail, cancellationToken, parameters));

    private static NpgsqlParameter TextArray(string name, IReadOnlyList<string> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.ToArray() };
}
