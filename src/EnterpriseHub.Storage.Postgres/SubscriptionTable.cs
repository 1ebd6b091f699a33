using EnterpriseHub.Core.Feed;
using EnterpriseHub.Storage.Common;
using Npgsql;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>SQL of <c>subscriptions</c>. Each write is one statement.</summary>
internal static class SubscriptionTable
{
    private const string Columns = SubscriptionColumns.Select;

    /// <summary>Inserts the subscription unless its (owner, name) is taken, and returns the stored one either way.</summary>
    public static async Task<SubscriptionRecord> AddOrGetAsync(NpgsqlDataSource dataSource, SubscriptionRecord subscription, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            WITH added AS (
                INSERT INTO subscriptions (owner, name, filter, acked, created_ticks, start_after_seq) VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (owner, name) DO NOTHING RETURNING {Columns})
            SELECT {Columns} FROM added
            UNION ALL
            SELECT {Columns} FROM subscriptions WHERE owner = $1 AND name = $2;
            """);
        command.Parameters.Add(new() { Value = subscription.Owner });
        command.Parameters.Add(new() { Value = subscription.Name });
        command.Parameters.Add(new() { Value = SubscriptionColumns.Filter(subscription) });
        command.Parameters.Add(new() { Value = subscription.AckedPosition });
        command.Parameters.Add(new() { Value = subscription.CreatedAt.UtcTicks });
        command.Parameters.Add(new() { Value = subscription.StartAfterSequence });
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

    private static Task<List<SubscriptionRecord>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken) =>
        Rows.ReadAllAsync(command, SubscriptionColumns.Read, cancellationToken);
}
