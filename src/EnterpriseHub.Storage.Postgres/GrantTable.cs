using EnterpriseHub.Core.Access;
using Npgsql;
using NpgsqlTypes;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>SQL of the <c>grants</c> table: writes run inside an audited transaction, reads on pooled connections.</summary>
internal static class GrantTable
{
    private const string Columns =
        "id, fact_type, requester, owner, purpose, legal_basis, requested_ticks, wanted_until_ticks, state, decided_ticks, decision_reason, expires_ticks, revoked_ticks";

    public static async Task<long> InsertAsync(NpgsqlConnection connection, Grant grant, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, """
            INSERT INTO grants (fact_type, requester, owner, purpose, legal_basis, requested_ticks, wanted_until_ticks, state, decided_ticks, decision_reason, expires_ticks, revoked_ticks)
            VALUES (@type, @requester, @owner, @purpose, @basis, @requested, @wanted, @state, @decided, @reason, @expires, @revoked)
            RETURNING id;
            """, grant);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public static async Task<bool> ReplaceAsync(NpgsqlConnection connection, Grant grant, GrantState expected, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, """
            UPDATE grants SET state = @state, decided_ticks = @decided, decision_reason = @reason,
                              expires_ticks = @expires, revoked_ticks = @revoked
            WHERE id = @id AND state = @expected;
            """, grant);
        command.Parameters.AddWithValue("id", grant.Id);
        command.Parameters.AddWithValue("expected", expected.ToString());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public static async Task<List<Grant>> QueryAsync(
        NpgsqlDataSource dataSource, string where, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM grants WHERE {where} ORDER BY id DESC;");
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

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, Grant grant) => new(sql, connection)
    {
        Parameters =
        {
            new("type", grant.FactType),
            new("requester", grant.Requester),
            new("owner", grant.Owner),
            new("purpose", grant.Purpose),
            new("basis", grant.LegalBasis),
            new("requested", grant.RequestedAt.UtcTicks),
            new("wanted", grant.WantedUntil.UtcTicks),
            new("state", grant.State.ToString()),
            new("decided", NpgsqlDbType.Bigint) { Value = (object?)grant.DecidedAt?.UtcTicks ?? DBNull.Value },
            new("reason", grant.DecisionReason),
            new("expires", NpgsqlDbType.Bigint) { Value = (object?)grant.ExpiresAt?.UtcTicks ?? DBNull.Value },
            new("revoked", NpgsqlDbType.Bigint) { Value = (object?)grant.RevokedAt?.UtcTicks ?? DBNull.Value },
        },
    };

    private static DateTimeOffset Time(long ticks) => new(ticks, TimeSpan.Zero);
}
