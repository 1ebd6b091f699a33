using EnterpriseHub.Core.Access;
using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Credit;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Core.Feed;
using EnterpriseHub.Core.Proactive;
using EnterpriseHub.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EnterpriseHub.Storage.Tests.Postgres;

public sealed class PostgresStorageExtensionsTests
{
    [Fact]
    public async Task AddPostgresFactStore_Resolved_IsOnePostgresStoreForEveryContractAndTheFeedListener()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var services = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddPostgresFactStore(options => options.ConnectionString = database.ConnectionString);

        await using (var provider = services.BuildServiceProvider())
        {
            var store = provider.GetRequiredService<IFactStore>();
            await store.InitializeAsync(CancellationToken.None);

            Assert.IsType<PostgresFactStore>(store);
            Assert.Same(store, provider.GetRequiredService<IAuditStore>());
            Assert.Same(store, provider.GetRequiredService<IGrantStore>());
            Assert.Same(store, provider.GetRequiredService<ICatalogStore>());
            Assert.Same(store, provider.GetRequiredService<ISubscriptionStore>());
            Assert.Same(store, provider.GetRequiredService<ICreditStore>());
            Assert.Same(store, provider.GetRequiredService<INoticeStore>());
            Assert.True(await store.IsEmptyAsync(CancellationToken.None));
            var listener = Assert.IsType<PostgresFeedListener>(Assert.Single(provider.GetServices<IHostedService>()));
            Assert.NotNull(provider.GetRequiredService<FeedSignal>());
            Assert.NotNull(provider.GetRequiredService<AlertSignal>());
            Assert.NotNull(provider.GetRequiredService<NoticeSignal>());
            Assert.False(listener.Listening.IsCompleted);
        }
    }
}
