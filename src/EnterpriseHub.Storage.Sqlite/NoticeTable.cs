using EnterpriseHub.Core.Proactive;
using EnterpriseHub.Storage.Common;
using Microsoft.Data.Sqlite;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>
/// SQL of <c>notices</c>. Notices are never deleted and only the writer appends, so the next
/// sequence is one past the greatest stored and the sequences have no gaps.
/// </summary>
internal static class NoticeTable
{
    private const string Columns = NoticeColumns.Notice;

    /// <summary>
    /// Appends, in order, the notices whose (enterprise, key) is not stored yet, numbering only
    /// those; a key already stored, or repeated within the list, is skipped.
    /// </summary>
    public static List<Notice> Append(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<NewNotice> notices)
    {
        var stored = new List<Notice>(notices.Count);
        if (notices.Count == 0)
        {
            return stored;
        }

        var last = Last(connection, transaction);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            INSERT INTO notices ({Columns}) VALUES ($seq, $uscc, $key, $kind, $department, $title, $body, $delivered, $due, NULL)
            ON CONFLICT (uscc, key) DO NOTHING RETURNING {Columns};
            """;
        var seq = command.Parameters.Add("$seq", SqliteType.Integer);
        var uscc = command.Parameters.Add("$uscc", SqliteType.Text);
        var key = command.Parameters.Add("$key", SqliteType.Text);
        var kind = command.Parameters.Add("$kind", SqliteType.Text);
        var department = command.Parameters.Add("$department", SqliteType.Text);
        var title = command.Parameters.Add("$title", SqliteType.Text);
        var body = command.Parameters.Add("$body", SqliteType.Text);
        var delivered = command.Parameters.Add("$delivered", SqliteType.Integer);
        var due = command.Parameters.Add("$due", SqliteType.Integer);
        foreach (var notice in notices)
        {
            (seq.Value, uscc.Value, key.Value, kind.Value) = (last + 1, notice.Uscc, notice.Key, notice.Kind.ToString());
            (department.Value, title.Value, body.Value) = (notice.Department, notice.Title, notice.Body);
            (delivered.Value, due.Value) = (notice.At.UtcTicks, (object?)notice.DueAt?.UtcTicks ?? DBNull.Value);
            if (Rows.ReadAll(command, NoticeColumns.ReadNotice) is [var added])
            {
                stored.Add(added);
                last++;
            }
        }

        return stored;
    }

    /// <summary>Marks the enterprise's notice read unless it was already; the notice, or null when the enterprise has no such notice.</summary>
    public static Notice? MarkRead(SqliteConnection connection, SqliteTransaction transaction, string uscc, long sequence, DateTimeOffset at)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"UPDATE notices SET read_ticks = coalesce(read_ticks, $at) WHERE seq = $seq AND uscc = $uscc RETURNING {Columns};";
        command.Parameters.AddWithValue("$at", at.UtcTicks);
        command.Parameters.AddWithValue("$seq", sequence);
        command.Parameters.AddWithValue("$uscc", uscc);
        return Rows.ReadAll(command, NoticeColumns.ReadNotice).SingleOrDefault();
    }

    /// <summary>
    /// The notices matching <paramref name="where"/>, in the order <paramref name="order"/> gives, at
    /// most <paramref name="limit"/> of them.
    /// </summary>
    public static async Task<IReadOnlyList<Notice>> QueryAsync(
        SqliteConnection connection, string where, string order, int limit, CancellationToken cancellationToken,
        params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM notices WHERE {where} ORDER BY {order} LIMIT $limit;";
        command.Parameters.AddWithValue("$limit", limit);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await Rows.ReadAllAsync(command, NoticeColumns.ReadNotice, cancellationToken, limit).ConfigureAwait(false);
    }

    public static long Last(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT coalesce(max(seq), 0) FROM notices;";
        return (long)command.ExecuteScalar()!;
    }
}
