using EnterpriseHub.Core.Credit;
using EnterpriseHub.Core.Errors;
using Microsoft.Data.Sqlite;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>SQL of <c>credit_state</c>, the one row that says where the projection stands.</summary>
internal static class CreditStateTable
{
    public static CreditState Read(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT generation, version, fact_cursor, rules_fingerprint, rules_version FROM credit_state WHERE id = 1;";
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new CreditState(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3), reader.GetInt32(4))
            : throw new InvalidDataException("The credit state row is missing.");
    }

    /// <summary>
    /// The stored state, when it is still <paramref name="expected"/>. The writer's transaction is
    /// immediate, so nothing can write between this check and the commit.
    /// </summary>
    public static CreditState Check(SqliteConnection connection, SqliteTransaction transaction, CreditState expected)
    {
        var stored = Read(connection, transaction);
        return stored.Generation == expected.Generation && stored.Version == expected.Version ? stored : throw Changed();
    }

    public static void Write(SqliteConnection connection, SqliteTransaction transaction, CreditState state)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            UPDATE credit_state SET generation = $generation, version = $version, fact_cursor = $cursor,
                                    rules_fingerprint = $fingerprint, rules_version = $rules
            WHERE id = 1;
            """;
        command.Parameters.AddWithValue("$generation", state.Generation);
        command.Parameters.AddWithValue("$version", state.Version);
        command.Parameters.AddWithValue("$cursor", state.FactCursor);
        command.Parameters.AddWithValue("$fingerprint", state.RulesFingerprint);
        command.Parameters.AddWithValue("$rules", state.RulesVersion);
        command.ExecuteNonQuery();
    }

    public static HubConflictException Changed() =>
        new("CREDIT_STATE_CHANGED", "The credit projection was written by another evaluator meanwhile; nothing was stored.");
}
