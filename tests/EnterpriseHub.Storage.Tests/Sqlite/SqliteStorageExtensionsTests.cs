using EnterpriseHub.Core.Credit;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Core.Proactive;
using EnterpriseHub.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace EnterpriseHub.Storage.Tests.Sqlite;

public sealed class SqliteStorageExtensionsTests
{
    [Fact]
    public async Task AddSqliteFactStore_Resolved_IsOneSqliteStoreOnTheConfiguredFile()
    {
        var folder = Path.Combine(Path.GetTempPath(), "hub-store-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var services = new ServiceCollection()
                .AddSqliteFactStore(options => options.DatabasePath = Path.Combine(folder, "hub.db"));

            await using (var provider = services.BuildServiceProvider())
            {
                var store = provider.GetRequiredService<IFactStore>();
                await store.InitializeAsync(CancellationToken.None);

                Assert.IsType<SqliteFactStore>(store);
                Assert.Same(store, provider.GetRequiredService<IFactStore>());
                Assert.Same(store, provider.GetRequiredService<ICreditStore>());
                Assert.Same(store, provider.GetRequiredService<INoticeStore>());
                Assert.True(await store.IsEmptyAsync(CancellationToken.None));
            }

            Assert.True(File.Exists(Path.Combine(folder, "hub.db")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
