using Microsoft.Data.Sqlite;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>The writer's statements: prepared with their parameters once, then bound by position and run per row or per batch.</summary>
internal static class Prepared
{
    public static SqliteCommand Create(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    /// <summary>Binds <paramref name="values"/> in parameter order; null is NULL.</summary>
    public static void Bind(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    public static void Run(SqliteCommand command, params object?[] values)
    {
        Bind(command, values);
        command.ExecuteNonQuery();
    }
}
