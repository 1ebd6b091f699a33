using EnterpriseHub.Core.Proactive;
using EnterpriseHub.Storage.Common;
using Microsoft.Data.Sqlite;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>
/// SQL of <c>policies</c>. Only the writer adds, one transaction at a time, so the next sequence
/// (the greatest stored plus one) has no gaps and no rival.
/// </summary>
internal static class PolicyTable
{
    private const string Columns = NoticeColumns.Policy;

    /// <summary>
    /// Stores the policy with the next sequence; when its department and id are taken, the stored one
    /// (Added false) if the content is the same.
    /// </summary>
    public static (Policy Stored, bool Added) Add(SqliteConnection connection, SqliteTransaction transaction, Policy policy)
    {
        using (var find = Command(connection, transaction, $"SELECT {Columns} FROM policies WHERE department = $d AND id = $id;"))
        {
            find.Parameters.AddWithValue("$d", policy.Department);
            find.Parameters.AddWithValue("$id", policy.Id);
            if (Rows.ReadAll(find, NoticeColumns.ReadPolicy) is [var stored])
            {
                return (NoticeColumns.Same(stored, policy), false);
            }
        }

        using var insert = Command(connection, transaction, $"""
            INSERT INTO policies ({Columns})
            VALUES ($d, $id, (SELECT coalesce(max(seq), 0) + 1 FROM policies), $kind, $title, $body, $condition, $from, $until, $published)
            RETURNING {Columns};
            """);
        insert.Parameters.AddWithValue("$d", policy.Department);
        insert.Parameters.AddWithValue("$id", policy.Id);
        insert.Parameters.AddWithValue("$kind", policy.Kind.ToString());
        insert.Parameters.AddWithValue("$title", policy.Title);
        insert.Parameters.AddWithValue("$body", policy.Body);
        insert.Parameters.AddWithValue("$condition", policy.Condition);
        insert.Parameters.AddWithValue("$from", policy.ValidFrom.UtcTicks);
        insert.Parameters.AddWithValue("$until", policy.ValidUntil.UtcTicks);
        insert.Parameters.AddWithValue("$published", policy.PublishedAt.UtcTicks);
        return (Rows.ReadAll(insert, NoticeColumns.ReadPolicy).Single(), true);
    }

    /// <summary>The policies matching <paramref name="where"/>, in the order <paramref name="order"/> gives.</summary>
    public static async Task<IReadOnlyList<Policy>> QueryAsync(
        SqliteConnection connection, string where, string order, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, null, $"SELECT {Columns} FROM policies WHERE {where} ORDER BY {order};");
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await Rows.ReadAllAsync(command, NoticeColumns.ReadPolicy, cancellationToken).ConfigureAwait(false);
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
