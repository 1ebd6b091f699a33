using EnterpriseHub.Core.Feed;

namespace EnterpriseHub.Storage.Common;

/// <summary>The subscription contract: named filters and their cursors.</summary>
public abstract partial class SqlFactStore
{
    private const string SelectSubscriptions = $"SELECT {SubscriptionColumns.Select} FROM subscriptions";

    /// <summary>Inserts the subscription unless its (owner, name) is taken, and returns the stored one either way.</summary>
    public Task<SubscriptionRecord> AddSubscriptionAsync(SubscriptionRecord subscription, CancellationToken cancellationToken) =>
        WriteAsync(
            async (c, t) =>
            {
                await Sql.ExecuteAsync(c, t, """
                    INSERT INTO subscriptions (owner, name, filter, acked, created_ticks, start_after_seq)
                    VALUES (@owner, @name, @filter, @acked, @created, @start)
                    ON CONFLICT (owner, name) DO NOTHING;
                    """, cancellationToken,
                    ("@owner", subscription.Owner), ("@name", subscription.Name), ("@filter", SubscriptionColumns.Filter(subscription)),
                    ("@acked", subscription.AckedPosition), ("@created", subscription.CreatedAt.UtcTicks),
                    ("@start", subscription.StartAfterSequence)).ConfigureAwait(false);
                return (await Sql.QueryAsync(
                    c, t, $"{SelectSubscriptions} WHERE owner = @owner AND name = @name;", SubscriptionColumns.Read, cancellationToken,
                    ("@owner", subscription.Owner), ("@name", subscription.Name)).ConfigureAwait(false)).Single();
            },
            cancellationToken);

    /// <summary>Moves the acknowledgement forward, never back.</summary>
    public Task<SubscriptionRecord?> AckSubscriptionAsync(string owner, string name, long position, CancellationToken cancellationToken) =>
        WriteAsync(
            async (c, t) => (await Sql.QueryAsync(
                c, t, $"""
                UPDATE subscriptions SET acked = CASE WHEN @position > acked THEN @position ELSE acked END
                WHERE owner = @owner AND name = @name RETURNING {SubscriptionColumns.Select};
                """, SubscriptionColumns.Read, cancellationToken, ("@position", position), ("@owner", owner), ("@name", name))
                .ConfigureAwait(false)).SingleOrDefault(),
            cancellationToken);

    public async Task<SubscriptionRecord?> FindSubscriptionAsync(string owner, string name, CancellationToken cancellationToken) =>
        (await QueryAsync(
            $"{SelectSubscriptions} WHERE owner = @owner AND name = @name;", SubscriptionColumns.Read, cancellationToken,
            ("@owner", owner), ("@name", name)).ConfigureAwait(false)).SingleOrDefault();

    public async Task<IReadOnlyList<SubscriptionRecord>> ListSubscriptionsAsync(string owner, CancellationToken cancellationToken) =>
        await QueryAsync($"{SelectSubscriptions} WHERE owner = @owner ORDER BY name;", SubscriptionColumns.Read, cancellationToken, ("@owner", owner))
            .ConfigureAwait(false);

    public Task<long> HeadSequenceAsync(CancellationToken cancellationToken) =>
        LongAsync("SELECT coalesce(max(seq), 0) FROM facts;", cancellationToken);
}
