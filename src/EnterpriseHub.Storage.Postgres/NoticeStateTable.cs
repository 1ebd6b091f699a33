using EnterpriseHub.Core.Proactive;
using EnterpriseHub.Storage.Common;
using Npgsql;
using NpgsqlTypes;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>
/// SQL of <c>notice_state</c>, the one row that says where the matcher stands. Every delivery
/// locks it first and holds it to the commit: the optimistic check cannot be overtaken, and notice
/// sequences (the greatest stored plus one) are handed out in commit order without gaps.
/// </summary>
internal static class NoticeStateTable
{
    private const string Select = $"SELECT {NoticeColumns.State} FROM notice_state WHERE id = 1";

    public static async Task<NoticeState> ReadAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Select + ";");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await ReadRowAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Locks the state row and reads it with the last notice sequence, in one round trip; fails when
    /// the state is no longer <paramref name="expected"/>.
    /// </summary>
    public static async Task<(NoticeState Stored, long LastNotice)> LockAsync(
        NpgsqlConnection connection, NoticeState expected, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands = { new(Select + " FOR UPDATE;"), new("SELECT coalesce(max(seq), 0) FROM notices;") },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var stored = await ReadRowAsync(reader, cancellationToken).ConfigureAwait(false);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var last = reader.GetInt64(0);
        return stored == expected ? (stored, last) : throw NoticeColumns.StateChanged();
    }

    public static NpgsqlBatchCommand Write(NoticeState state) => new("""
        UPDATE notice_state SET version = $1, fact_cursor = $2, policy_cursor = $3, reminded_until_ticks = $4, alert_cursor = $5
        WHERE id = 1;
        """)
    {
        Parameters =
        {
            new() { Value = state.Version, NpgsqlDbType = NpgsqlDbType.Bigint },
            new() { Value = state.FactCursor, NpgsqlDbType = NpgsqlDbType.Bigint },
            new() { Value = state.PolicyCursor, NpgsqlDbType = NpgsqlDbType.Bigint },
            new() { Value = state.RemindedUntil.UtcTicks, NpgsqlDbType = NpgsqlDbType.Bigint },
            new() { Value = state.AlertCursor, NpgsqlDbType = NpgsqlDbType.Bigint },
        },
    };

    private static async Task<NoticeState> ReadRowAsync(NpgsqlDataReader reader, CancellationToken cancellationToken) =>
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? NoticeColumns.ReadState(reader)
            : throw new InvalidDataException("The notice state row is missing.");
}
