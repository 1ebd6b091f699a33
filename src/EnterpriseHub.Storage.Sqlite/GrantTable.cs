using EnterpriseHub.Core.Access;
using EnterpriseHub.Storage.Common;
using Microsoft.Data.Sqlite;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>SQL of the <c>grants</c> table: writes run inside the writer's transaction, reads on pooled connections.</summary>
internal static class GrantTable
{
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
        command.CommandText = $"SELECT {GrantColumns.Select} FROM grants WHERE {where} ORDER BY id DESC;";
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await Rows.ReadAllAsync(command, GrantColumns.Read, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A command in the writer's transaction with the grant bound as <c>$type</c> ….</summary>
    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, Grant grant)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        GrantColumns.Bind(command, grant, prefix: "$");
        return command;
    }
}
