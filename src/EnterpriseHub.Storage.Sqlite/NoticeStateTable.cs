using EnterpriseHub.Core.Proactive;
using EnterpriseHub.Storage.Common;
using Microsoft.Data.Sqlite;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>SQL of <c>notice_state</c>, the one row that says where the matcher stands.</summary>
internal static class NoticeStateTable
{
    public static NoticeState Read(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {NoticeColumns.State} FROM notice_state WHERE id = 1;";
        return Rows.ReadAll(command, NoticeColumns.ReadState) is [var state]
            ? state
            : throw new InvalidDataException("The notice state row is missing.");
    }

    /// <summary>
    /// The stored state, when it is still <paramref name="expected"/>. The writer's transaction is
    /// immediate, so nothing can write between this check and the commit.
    /// </summary>
    public static NoticeState Check(SqliteConnection connection, SqliteTransaction transaction, NoticeState expected)
    {
        var stored = Read(connection, transaction);
        return stored == expected ? stored : throw NoticeColumns.StateChanged();
    }

    public static void Write(SqliteConnection connection, SqliteTransaction transaction, NoticeState state)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            UPDATE notice_state SET version = $version, fact_cursor = $facts, policy_cursor = $policies, reminded_until_ticks = $reminded,
                alert_cursor = $alerts
            WHERE id = 1;
            """;
        command.Parameters.AddWithValue("$version", state.Version);
        command.Parameters.AddWithValue("$facts", state.FactCursor);
        command.Parameters.AddWithValue("$policies", state.PolicyCursor);
        command.Parameters.AddWithValue("$reminded", state.RemindedUntil.UtcTicks);
        command.Parameters.AddWithValue("$alerts", state.AlertCursor);
        command.ExecuteNonQuery();
    }
}
