using EnterpriseHub.Core.Facts;
using EnterpriseHub.Storage.Common;
using Microsoft.Extensions.DependencyInjection;

namespace EnterpriseHub.Storage.Sqlite;

public static class SqliteStorageExtensions
{
    /// <summary>
    /// Registers the embedded SQLite store as the singleton behind <see cref="IFactStore"/> and every
    /// other store contract; <paramref name="wrapFacts"/>, when given, wraps the fact contract (the profile cache).
    /// </summary>
    public static IServiceCollection AddSqliteFactStore(
        this IServiceCollection services, Action<SqliteStoreOptions> configure, Func<IServiceProvider, IFactStore, IFactStore>? wrapFacts = null) =>
        services.AddStoreContracts(
            configure, options => !string.IsNullOrWhiteSpace(options.DatabasePath), "DatabasePath is required.",
            options => new SqliteFactStore(options), wrapFacts);
}
