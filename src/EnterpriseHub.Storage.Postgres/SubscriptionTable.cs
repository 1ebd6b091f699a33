using System.Text.Json;
using EnterpriseHub.Core.Feed;
using Npgsql;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>SQL of <c>subscriptions</c>: the filter as JSON, the cursor as a sequence. Each write is one statement.</summary>
internal static class SubscriptionTable
{
    private const string Columns = "owner, name, filter, acked, created_ticks";

    /// <summary>Inserts the subscription unless its (owner, name) is taken, and returns the stored one either way.</summary>
    public static async Task<SubscriptionRecord> AddOrGetAsync(NpgsqlDataSource dataSource, SubscriptionRecord subscription, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            WITH added AS (
                INSERT INTO subscriptions (owner, name, filter, acked, created_ticks) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (owner, name) DO NOTHING RETURNING {Columns})
            SELECT {Columns} FROM added
            UNION ALL
            SELECT {Columns} FROM subscriptions WHERE owner = $1 AND name = $2;
            """);
        command.Parameters.Add(new() { Value = subscription.Owner });
        command.Parameters.Add(new() { Value = subscription.Name });
        command.Parameters.Add(new() { Value = JsonSerializer.Serialize(new Filter(
            subscription.FactTypes, subscription.Usccs, subscription.Zone, subscription.Purpose, subscription.OfficerId)) });
        command.Parameters.Add(new() { Value = subscription.AckedPosition });
        command.Parameters.Add(new() { Value = subscription.CreatedAt.UtcTicks });
        // Empty only when another replica added it after this statement's snapshot was taken.
        return (await ReadAllAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault()
            ?? (await QueryAsync(dataSource, subscription.Owner, subscription.Name, cancellationToken).ConfigureAwait(false)).Single();
    }

    public static async Task<SubscriptionRecord?> AckAsync(
        NpgsqlDataSource dataSource, string owner, string name, long position, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"UPDATE subscriptions SET acked = greatest(acked, $1) WHERE owner = $2 AND name = $3 RETURNING {Columns};");
        command.Parameters.Add(new() { Value = position });
        command.Parameters.Add(new() { Value = owner });
        command.Parameters.Add(new() { Value = name });
        return (await ReadAllAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    public static async Task<List<SubscriptionRecord>> QueryAsync(
        NpgsqlDataSource dataSource, string owner, string? name, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM subscriptions WHERE owner = $1 AND ($2::text IS NULL OR name = $2) ORDER BY name;");
        command.Parameters.Add(new() { Value = owner });
        command.Parameters.Add(new() { Value = (object?)name ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<SubscriptionRecord>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var found = new List<SubscriptionRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
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
