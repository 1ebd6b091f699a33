using EnterpriseHub.Core.Credit;
using Npgsql;
using NpgsqlTypes;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>
/// The credit writes, each one transaction that locks the state row first. A write that stores
/// alerts notifies <see cref="CreditAlertTable.Channel"/> at its commit.
/// </summary>
public sealed partial class PostgresFactStore
{
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

    /// <summary>
    /// Refuses the current generation (or an older one) as changed state: a rebuild writing there
    /// (an evaluator that lost its lease to one that switched) would bypass the optimistic check.
    /// </summary>
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
}
