using EnterpriseHub.Core.Access;
using EnterpriseHub.Storage.Common;
using Npgsql;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>SQL of the <c>grants</c> table: writes run inside an audited transaction, reads on pooled connections.</summary>
internal static class GrantTable
{
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
        await using var command = dataSource.CreateCommand($"SELECT {GrantColumns.Select} FROM grants WHERE {where} ORDER BY id DESC;");
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await Rows.ReadAllAsync(command, GrantColumns.Read, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A command on the transaction's connection with the grant bound as named parameters (<c>@type</c> …).</summary>
    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, Grant grant)
    {
        var command = new NpgsqlCommand(sql, connection);
        GrantColumns.Bind(command, grant, prefix: string.Empty);
        return command;
    }
}
