using EnterpriseHub.Core.Feed;
using EnterpriseHub.Storage.Common;
using Microsoft.Data.Sqlite;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>SQL of <c>subscriptions</c>.</summary>
internal static class SubscriptionTable
{
    public static SubscriptionRecord AddOrGet(SqliteConnection connection, SqliteTransaction transaction, SubscriptionRecord subscription)
    {
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO subscriptions (owner, name, filter, acked, created_ticks, start_after_seq)
                VALUES ($owner, $name, $filter, $acked, $created, $start)
                ON CONFLICT (owner, name) DO NOTHING;
                """;
            insert.Parameters.AddWithValue("$owner", subscription.Owner);
            insert.Parameters.AddWithValue("$name", subscription.Name);
            insert.Parameters.AddWithValue("$filter", SubscriptionColumns.Filter(subscription));
            insert.Parameters.AddWithValue("$acked", subscription.AckedPosition);
            insert.Parameters.AddWithValue("$created", subscription.CreatedAt.UtcTicks);
            insert.Parameters.AddWithValue("$start", subscription.StartAfterSequence);
            insert.ExecuteNonQuery();
        }

        return Query(connection, transaction, "owner = $owner AND name = $name", ("$owner", subscription.Owner), ("$name", subscription.Name)).Single();
    }

    public static SubscriptionRecord? Ack(SqliteConnection connection, SqliteTransaction transaction, string owner, string name, long position)
    {
        using (var update = connection.CreateCommand())
        {
            update.Transaction = transaction;
            update.CommandText = "UPDATE subscriptions SET acked = max(acked, $position) WHERE owner = $owner AND name = $name;";
            update.Parameters.AddWithValue("$position", position);
            update.Parameters.AddWithValue("$owner", owner);
            update.Parameters.AddWithValue("$name", name);
            update.ExecuteNonQuery();
        }

        return Query(connection, transaction, "owner = $owner AND name = $name", ("$owner", owner), ("$name", name)).SingleOrDefault();
    }

    public static List<SubscriptionRecord> Query(
        SqliteConnection connection, SqliteTransaction? transaction, string where, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {SubscriptionColumns.Select} FROM subscriptions WHERE {where} ORDER BY name;";
        foreach (var (parameter, value) in parameters)
        {
            command.Parameters.AddWithValue(parameter, value);
        }

        return Rows.ReadAll(command, SubscriptionColumns.Read);
    }
}
