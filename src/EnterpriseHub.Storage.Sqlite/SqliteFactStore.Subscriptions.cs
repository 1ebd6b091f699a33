using EnterpriseHub.Core.Feed;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>The subscription contract: named filters and their cursors.</summary>
public sealed partial class SqliteFactStore
{
    public Task<SubscriptionRecord> AddSubscriptionAsync(SubscriptionRecord subscription, CancellationToken cancellationToken) =>
        Guard(Writer.WriteAsync((c, t) => SubscriptionTable.AddOrGet(c, t, subscription), null, cancellationToken));

    public Task<SubscriptionRecord?> AckSubscriptionAsync(string owner, string name, long position, CancellationToken cancellationToken) =>
        Guard(Writer.WriteAsync((c, t) => SubscriptionTable.Ack(c, t, owner, name, position), null, cancellationToken));

    public async Task<SubscriptionRecord?> FindSubscriptionAsync(string owner, string name, CancellationToken cancellationToken) =>
        (await ReadAsync(
            c => Task.FromResult(SubscriptionTable.Query(c, null, "owner = $o AND name = $n", ("$o", owner), ("$n", name))), cancellationToken)
            .ConfigureAwait(false)).SingleOrDefault();

    public async Task<IReadOnlyList<SubscriptionRecord>> ListSubscriptionsAsync(string owner, CancellationToken cancellationToken) =>
        await ReadAsync(c => Task.FromResult(SubscriptionTable.Query(c, null, "owner = $o", ("$o", owner))), cancellationToken)
            .ConfigureAwait(false);

    public Task<long> HeadSequenceAsync(CancellationToken cancellationToken) => Guard(reader.HeadSequenceAsync(cancellationToken));
}
