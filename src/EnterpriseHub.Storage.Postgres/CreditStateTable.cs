using EnterpriseHub.Core.Credit;
using EnterpriseHub.Core.Errors;
using Npgsql;
using NpgsqlTypes;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>
/// SQL of <c>credit_state</c>, the one row that says where the projection stands. Every credit
/// write locks it first and holds it to the commit: the optimistic check cannot be overtaken, and
/// alert sequences (the greatest stored plus one) are handed out in commit order without gaps.
/// </summary>
internal static class CreditStateTable
{
    private const string Select = "SELECT generation, version, fact_cursor, rules_fingerprint, rules_version FROM credit_state WHERE id = 1";

    public static async Task<CreditState> ReadAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Select + ";");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await ReadRowAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Locks the state row and reads it with the last alert sequence, in one round trip; fails when
    /// the state is no longer <paramref name="expected"/>.
    /// </summary>
    public static async Task<(CreditState Stored, long LastAlert)> LockAsync(
        NpgsqlConnection connection, CreditState expected, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands = { new(Select + " FOR UPDATE;"), new("SELECT coalesce(max(seq), 0) FROM credit_alerts;") },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var stored = await ReadRowAsync(reader, cancellationToken).ConfigureAwait(false);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var last = reader.GetInt64(0);
        return stored.Generation == expected.Generation && stored.Version == expected.Version ? (stored, last) : throw Changed();
    }

    /// <summary>Reads the current generation under a share lock, so that no switch can commit before the caller does.</summary>
    public static async Task<long> ShareGenerationAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT generation FROM credit_state WHERE id = 1 FOR SHARE;", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public static NpgsqlBatchCommand Write(CreditState state) => new("""
        UPDATE credit_state SET generation = $1, version = $2, fact_cursor = $3, rules_fingerprint = $4, rules_version = $5
        WHERE id = 1;
        """)
    {
        Parameters =
        {
            new() { Value = state.Generation, NpgsqlDbType = NpgsqlDbType.Bigint },
            new() { Value = state.Version, NpgsqlDbType = NpgsqlDbType.Bigint },
            new() { Value = state.FactCursor, NpgsqlDbType = NpgsqlDbType.Bigint },
            new() { Value = state.RulesFingerprint, NpgsqlDbType = NpgsqlDbType.Text },
            new() { Value = state.RulesVersion, NpgsqlDbType = NpgsqlDbType.Integer },
        },
    };

    public static HubConflictException Changed() =>
        new("CREDIT_STATE_CHANGED", "The credit projection was written by another evaluator meanwhile; nothing was stored.");

    private static async Task<CreditState> ReadRowAsync(NpgsqlDataReader reader, CancellationToken cancellationToken) =>
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new CreditState(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3), reader.GetInt32(4))
            : throw new InvalidDataException("The credit state row is missing.");
}
