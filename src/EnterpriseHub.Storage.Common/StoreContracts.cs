using EnterpriseHub.Core.Access;
using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Credit;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Core.Feed;
using EnterpriseHub.Core.Forms;
using EnterpriseHub.Core.Proactive;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EnterpriseHub.Storage.Common;

/// <summary>The store contracts one store instance serves, listed once for every engine.</summary>
internal static class StoreContracts
{
    /// <summary>
    /// Registers the engine's options (checked at start), the store as a singleton and as the one
    /// instance behind each store contract; the fact contract through <paramref name="wrapFacts"/>
    /// when given (the profile cache), here where the store is registered, so nothing has to find
    /// and replace the registration afterwards.
    /// </summary>
    public static IServiceCollection AddStoreContracts<TOptions, TStore>(
        this IServiceCollection services, Action<TOptions> configure, Func<TOptions, bool> valid, string problem, Func<TOptions, TStore> create,
        Func<IServiceProvider, IFactStore, IFactStore>? wrapFacts)
        where TOptions : class
        where TStore : SqlFactStore
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<TOptions>().Configure(configure).Validate(valid, problem).ValidateOnStart();
        services.AddSingleton(provider => create(provider.GetRequiredService<IOptions<TOptions>>().Value));
        services.AddSingleton<IFactStore>(provider => wrapFacts is null
            ? provider.GetRequiredService<TStore>()
            : wrapFacts(provider, provider.GetRequiredService<TStore>()));
        services.AddSingleton<IAuditStore>(provider => provider.GetRequiredService<TStore>());
        services.AddSingleton<IGrantStore>(provider => provider.GetRequiredService<TStore>());
        services.AddSingleton<ICatalogStore>(provider => provider.GetRequiredService<TStore>());
        services.AddSingleton<ISubscriptionStore>(provider => provider.GetRequiredService<TStore>());
        services.AddSingleton<ICreditStore>(provider => provider.GetRequiredService<TStore>());
        services.AddSingleton<INoticeStore>(provider => provider.GetRequiredService<TStore>());
        services.AddSingleton<ISubmissionStore>(provider => provider.GetRequiredService<TStore>());
        return services;
    }
}
