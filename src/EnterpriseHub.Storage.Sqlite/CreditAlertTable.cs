using EnterpriseHub.Core.Credit;
using EnterpriseHub.Storage.Common;
using Microsoft.Data.Sqlite;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>
/// SQL of <c>credit_alerts</c>. Alerts are never deleted and only the writer appends, so the next
/// sequence is one past the greatest stored and the sequences have no gaps.
/// </summary>
internal static class CreditAlertTable
{
    private const string Columns = CreditColumns.Alert;

    public static List<CreditAlert> Append(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<NewCreditAlert> alerts)
    {
        var stored = new List<CreditAlert>(alerts.Count);
        if (alerts.Count == 0)
        {
            return stored;
        }

        var last = Last(connection, transaction);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO credit_alerts ({Columns}) VALUES ($seq, $uscc, $before, $after, $reason, $time, $fact);";
        var seq = command.Parameters.Add("$seq", SqliteType.Integer);
        var uscc = command.Parameters.Add("$uscc", SqliteType.Text);
        var before = command.Parameters.Add("$before", SqliteType.Text);
        var after = command.Parameters.Add("$after", SqliteType.Text);
        var reason = command.Parameters.Add("$reason", SqliteType.Text);
        var time = command.Parameters.Add("$time", SqliteType.Integer);
        var fact = command.Parameters.Add("$fact", SqliteType.Integer);
        foreach (var alert in alerts)
        {
            var alertTime = new DateTimeOffset(alert.Time.UtcTicks, TimeSpan.Zero);
            stored.Add(new CreditAlert(++last, alert.Uscc, alert.Before, alert.After, alert.Reason, alertTime, alert.FactSequence));
            (seq.Value, uscc.Value, before.Value, after.Value) = (last, alert.Uscc, alert.Before.ToString(), alert.After.ToString());
            (reason.Value, time.Value, fact.Value) = (alert.Reason, alertTime.UtcTicks, (object?)alert.FactSequence ?? DBNull.Value);
            command.ExecuteNonQuery();
        }

        return stored;
    }

    /// <summary>
    /// Appends, in code order, an alert for every enterprise whose level differs between generation
    /// <paramref name="from"/> and <paramref name="to"/>; an enterprise missing from one is A there.
    /// </summary>
    public static List<CreditAlert> AppendLevelChanges(
        SqliteConnection connection, SqliteTransaction transaction, long from, long to, string reason, DateTimeOffset at)
    {
        var last = Last(connection, transaction);
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            // Each side looks the other up by primary key: a join of the two generations as
            // subqueries would have no index to use and grow with the square of the zone.
            insert.CommandText = $"""
                INSERT INTO credit_alerts ({Columns})
                SELECT $last + row_number() OVER (ORDER BY uscc), uscc, before_level, after_level, $reason, $time, NULL
                FROM (
                    SELECT n.uscc AS uscc, n.level AS after_level,
                           coalesce((SELECT o.level FROM credit_profiles o WHERE o.generation = $from AND o.uscc = n.uscc), 'A') AS before_level
                    FROM credit_profiles n WHERE n.generation = $to
                    UNION ALL
                    SELECT o.uscc, 'A', o.level FROM credit_profiles o
                    WHERE o.generation = $from
                      AND NOT EXISTS (SELECT 1 FROM credit_profiles n WHERE n.generation = $to AND n.uscc = o.uscc))
                WHERE before_level <> after_level
                ORDER BY uscc;
                """;
            insert.Parameters.AddWithValue("$last", last);
            insert.Parameters.AddWithValue("$reason", reason);
            insert.Parameters.AddWithValue("$time", at.UtcTicks);
            insert.Parameters.AddWithValue("$from", from);
            insert.Parameters.AddWithValue("$to", to);
            insert.ExecuteNonQuery();
        }

        using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = $"SELECT {Columns} FROM credit_alerts WHERE seq > $last ORDER BY seq;";
        read.Parameters.AddWithValue("$last", last);
        using var reader = read.ExecuteReader();
        var stored = new List<CreditAlert>();
        while (reader.Read())
        {
            stored.Add(CreditColumns.ReadAlert(reader));
        }

        return stored;
    }

    public static async Task<IReadOnlyList<CreditAlert>> ReadAsync(
        SqliteConnection connection, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM credit_alerts WHERE seq > $after ORDER BY seq LIMIT $limit;";
        command.Parameters.AddWithValue("$after", afterSequence);
        command.Parameters.AddWithValue("$limit", limit);
        var alerts = new List<CreditAlert>(Math.Min(limit, 256));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            alerts.Add(CreditColumns.ReadAlert(reader));
        }

        return alerts;
    }

    public static long Last(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT coalesce(max(seq), 0) FROM credit_alerts;";
        return (long)command.ExecuteScalar()!;
    }

}
