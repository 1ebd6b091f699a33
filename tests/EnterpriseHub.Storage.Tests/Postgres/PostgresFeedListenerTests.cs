using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Core.Feed;
using EnterpriseHub.Storage.Postgres;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EnterpriseHub.Storage.Tests.Postgres;

/// <summary>The PostgreSQL feed listener: how a publish on one replica wakes the watches of another.</summary>
public sealed class PostgresFeedListenerTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly FeedSignal signal = new();
    private readonly RecordingLogger logger = new();
    private PostgresTestDatabase database = null!;
    private PostgresFactStore publisher = null!;
    private PostgresFeedListener listener = null!;

    public async Task InitializeAsync()
    {
        database = await PostgresTestDatabase.CreateAsync();
        publisher = new PostgresFactStore(new PostgresStoreOptions { ConnectionString = database.ConnectionString });
        await publisher.InitializeAsync(CancellationToken.None);
        listener = new PostgresFeedListener(
            Options.Create(new PostgresStoreOptions { ConnectionString = database.ConnectionString }), signal, new AlertSignal(),
            new NoticeSignal(), logger, TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        await listener.StopAsync(CancellationToken.None);
        listener.Dispose();
        await publisher.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Listener_Started_NotifiesOnceListening()
    {
        var woken = signal.Next;

        await listener.StartAsync(CancellationToken.None);

        await woken.WaitAsync(Timeout);
        await listener.Listening.WaitAsync(Timeout);
    }

    [Fact]
    public async Task Listener_AnotherReplicaAppends_Notifies()
    {
        await listener.StartAsync(CancellationToken.None);
        await listener.Listening.WaitAsync(Timeout);
        var woken = signal.Next;

        await AppendAsync("r1");

        await woken.WaitAsync(Timeout);
    }

    [Fact]
    public async Task Listener_ConnectionDropped_ReconnectsNotifiesAndLogsTheOutageOnce()
    {
        await listener.StartAsync(CancellationToken.None);
        await listener.Listening.WaitAsync(Timeout);
        var reconnected = signal.Next;

        var dropped = await database.ScalarAsync(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%';");

        Assert.Equal(1L, dropped);
        // The notification after the reconnect: facts appended meanwhile are read from the log.
        await reconnected.WaitAsync(Timeout);
        var woken = signal.Next;
        await AppendAsync("r2");
        await woken.WaitAsync(Timeout);
        Assert.Equal(1, logger.Count(LogLevel.Warning));
        Assert.Equal(2, logger.Count(LogLevel.Information));
    }

    private Task<IReadOnlyList<AppendedFact>> AppendAsync(string recordId) => publisher.AppendAsync(
        "tax",
        [new FactDraft("91440115MA5HUB013L", "tax.credit_grade", """{"grade":"A"}""", T0, recordId)],
        T0,
        new AuditEntry(T0, "tax", "", AuditActions.Publish, [], [], "", "req", "ok"),
        CancellationToken.None);

    private sealed class RecordingLogger : ILogger<PostgresFeedListener>
    {
        private readonly List<LogLevel> levels = [];

        public int Count(LogLevel level)
        {
            lock (levels)
            {
                return levels.Count(l => l == level);
            }
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (levels)
            {
                levels.Add(logLevel);
            }
        }
    }
}
