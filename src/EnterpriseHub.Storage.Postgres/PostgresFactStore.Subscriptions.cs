using EnterpriseHub.Core.Feed;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>The subscription contract: named filters and their cursors.</summary>
public sealed partial class PostgresFactStore
{
    public Task<SubscriptionRecord> AddSubscriptionAsync(SubscriptionRecord subscription, CancellationToken cancellationToken)
    {
        EnsureInitialized();
        return Guard(() => SubscriptionTable.AddOrGetAsync(dataSource, subscription, cancellationToken));
    }

    public Task<SubscriptionRecord?> AckSubscriptionAsync(string owner, string name, long position, CancellationToken cancellationToken)
    {
        EnsureInitialized();
        return Guard(() => SubscriptionTable.AckAsync(dataSource, owner, name, position, cancellationToken));
    }

    public async Task<SubscriptionRecord?> FindSubscriptionAsync(string owner, string name, CancellationToken cancellationToken) =>
        (await Guard(() => SubscriptionTable.QueryAsync(dataSource, owner, name, cancellationToken)).ConfigureAwait(false)).SingleOrDefault();

    public async Task<IReadOnlyList<SubscriptionRecord>> ListSubscriptionsAsync(string owner, CancellationToken cancellationToken) =>
        await Guard(() => SubscriptionTable.QueryAsync(dataSource, owner, null, cancellationToken)).ConfigureAwait(false);

    public Task<long> HeadSequenceAsync(CancellationToken cancellationToken) => Guard(() => reader.HeadSequenceAsync(cancellationToken));
}
