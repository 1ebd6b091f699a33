using System.Text.Json;
using EnterpriseHub.Core.Feed;
using Microsoft.Data.Sqlite;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>SQL of <c>subscriptions</c>: the filter as JSON, the cursor as a sequence.</summary>
internal static class SubscriptionTable
{
    private const string Columns = "owner, name, filter, acked, created_ticks";

    public static SubscriptionRecord AddOrGet(SqliteConnection connection, SqliteTransaction transaction, SubscriptionRecord subscription)
    {
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO subscriptions (owner, name, filter, acked, created_ticks) VALUES ($owner, $name, $filter, $acked, $created)
                ON CONFLICT (owner, name) DO NOTHING;
                """;
            insert.Parameters.AddWithValue("$owner", subscription.Owner);
            insert.Parameters.AddWithValue("$name", subscription.Name);
            insert.Parameters.AddWithValue("$filter", JsonSerializer.Serialize(new Filter(
                subscription.FactTypes, subscription.Usccs, subscription.Zone, subscription.Purpose, subscription.OfficerId)));
            insert.Parameters.AddWithValue("$acked", subscription.AckedPosition);
            insert.Parameters.AddWithValue("$created", subscription.CreatedAt.UtcTicks);
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
        command.CommandText = $"SELECT {Columns} FROM subscriptions WHERE {where} ORDER BY name;";
        foreach (var (parameter, value) in parameters)
        {
            command.Parameters.AddWithValue(parameter, value);
        }

        var found = new List<SubscriptionRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var filter = JsonSerializer.Deserialize<Filter>(reader.GetString(2)) ?? throw new InvalidDataException("A stored subscription has no filter.");
            found.Add(new SubscriptionRecord(
                reader.GetString(0), reader.GetString(1), filter.FactTypes, filter.Usccs, filter.Zone, filter.Purpose, filter.OfficerId,
                reader.GetInt64(3), new DateTimeOffset(reader.GetInt64(4), TimeSpan.Zero)));
        }

        return found;
    }

    private sealed record Filter(IReadOnlyList<string> FactTypes, IReadOnlyList<string> Usccs, string Zone, string Purpose, string OfficerId);
}
