using EnterpriseHub.Core.Feed;
using EnterpriseHub.Storage.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EnterpriseHub.Storage.Tests.Postgres;

/// <summary>
/// Several hub replicas (store instances) on one fresh PostgreSQL database of their own, and a
/// feed listener that wakes <see cref="Facts"/>, <see cref="Alerts"/> and <see cref="Notices"/>;
/// everything opened is closed after the test.
/// </summary>
public abstract class PostgresReplicasTest : IAsyncLifetime
{
    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    protected static readonly DateTimeOffset T0 = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly List<PostgresFactStore> stores = [];
    private PostgresFeedListener? listener;

    private protected PostgresTestDatabase Database { get; private set; } = null!;

    protected FeedSignal Facts { get; } = new();

    protected AlertSignal Alerts { get; } = new();

    protected NoticeSignal Notices { get; } = new();

    public async Task InitializeAsync() => Database = await PostgresTestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        if (listener is not null)
        {
            await listener.StopAsync(CancellationToken.None);
            listener.Dispose();
        }

        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }

        await Database.DisposeAsync();
    }

    /// <summary>A replica not initialized yet.</summary>
    protected PostgresFactStore Replica()
    {
        var store = new PostgresFactStore(new PostgresStoreOptions { ConnectionString = Database.ConnectionString });
        stores.Add(store);
        return store;
    }

    /// <summary>A replica, initialized.</summary>
    protected async Task<PostgresFactStore> ReplicaAsync()
    {
        var store = Replica();
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    /// <summary>Starts the feed listener and waits until it listens.</summary>
    protected async Task StartListenerAsync()
    {
        listener = new PostgresFeedListener(
            Options.Create(new PostgresStoreOptions { ConnectionString = Database.ConnectionString }), Facts, Alerts, Notices,
            NullLogger<PostgresFeedListener>.Instance, TimeProvider.System);
        await listener.StartAsync(CancellationToken.None);
        await listener.Listening.WaitAsync(Timeout);
    }
}
