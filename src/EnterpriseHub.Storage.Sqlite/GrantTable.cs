using EnterpriseHub.Core.Access;
using Microsoft.Data.Sqlite;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>SQL of the <c>grants</c> table: writes run inside the writer's transaction, reads on pooled connections.</summary>
internal static class GrantTable
{
    private const string Columns =
        "id, fact_type, requester, owner, purpose, legal_basis, requested_ticks, wanted_until_ticks, state, decided_ticks, decision_reason, expires_ticks, revoked_ticks";

    public static long Insert(SqliteConnection connection, SqliteTransaction transaction, Grant grant)
    {
        using var command = Command(connection, transaction, """
            INSERT INTO grants (fact_type, requester, owner, purpose, legal_basis, requested_ticks, wanted_until_ticks, state, decided_ticks, decision_reason, expires_ticks, revoked_ticks)
            VALUES ($type, $requester, $owner, $purpose, $basis, $requested, $wanted, $state, $decided, $reason, $expires, $revoked)
            RETURNING id;
            """, grant);
        return (long)command.ExecuteScalar()!;
    }

    public static bool Replace(SqliteConnection connection, SqliteTransaction transaction, Grant grant, GrantState expected)
    {
        using var command = Command(connection, transaction, """
            UPDATE grants SET state = $state, decided_ticks = $decided, decision_reason = $reason,
                              expires_ticks = $expires, revoked_ticks = $revoked
            WHERE id = $id AND state = $expected;
            """, grant);
        command.Parameters.AddWithValue("$id", grant.Id);
        command.Parameters.AddWithValue("$expected", expected.ToString());
        return command.ExecuteNonQuery() == 1;
    }

    public static async Task<List<Grant>> QueryAsync(
        SqliteConnection connection, string where, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM grants WHERE {where} ORDER BY id DESC;";
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var grants = new List<Grant>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            grants.Add(new Grant(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), Time(reader.GetInt64(6)), Time(reader.GetInt64(7)), Enum.Parse<GrantState>(reader.GetString(8)),
                reader.IsDBNull(9) ? null : Time(reader.GetInt64(9)), reader.GetString(10),
                reader.IsDBNull(11) ? null : Time(reader.GetInt64(11)), reader.IsDBNull(12) ? null : Time(reader.GetInt64(12))));
        }

        return grants;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, Grant grant)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$type", grant.FactType);
        command.Parameters.AddWithValue("$requester", grant.Requester);
        command.Parameters.AddWithValue("$owner", grant.Owner);
        command.Parameters.AddWithValue("$purpose", grant.Purpose);
        command.Parameters.AddWithValue("$basis", grant.LegalBasis);
        command.Parameters.AddWithValue("$requested", grant.RequestedAt.UtcTicks);
        command.Parameters.AddWithValue("$wanted", grant.WantedUntil.UtcTicks);
        command.Parameters.AddWithValue("$state", grant.State.ToString());
        command.Parameters.AddWithValue("$decided", (object?)grant.DecidedAt?.UtcTicks ?? DBNull.Value);
        command.Parameters.AddWithValue("$reason", grant.DecisionReason);
        command.Parameters.AddWithValue("$expires", (object?)grant.ExpiresAt?.UtcTicks ?? DBNull.Value);
        command.Parameters.AddWithValue("$revoked", (object?)grant.RevokedAt?.UtcTicks ?? DBNull.Value);
        return command;
    }

    private static DateTimeOffset Time(long ticks) => new(ticks, TimeSpan.Zero);
}
