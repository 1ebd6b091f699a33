using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Credit;
using EnterpriseHub.Core.Feed;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EnterpriseHub.Server.Credit;

internal static class CreditExtensions
{
    /// <summary>Credit monitoring: the rules (loaded once the catalog is), the projection that runs them, reads and objections.</summary>
    public static void AddHubCredit(this WebApplicationBuilder builder, CreditOptions credit)
    {
        var services = builder.Services;
        services.AddSingleton(Options.Create(credit));
        services.TryAddSingleton<AlertSignal>();
        services.AddSingleton<CreditRulesSource>();
        services.AddSingleton(provider => provider.GetRequiredService<CreditRulesSource>().Rules);
        services.AddSingleton<CreditProjection>();
        services.AddSingleton<CreditReader>();
        services.AddSingleton<CreditObjections>();
        if (credit.Evaluate)
        {
            services.AddHostedService<CreditProjectionService>();
        }
    }

    /// <summary>Reads and checks the rules file against the loaded catalog; every problem stops the start at once.</summary>
    public static void LoadCreditRules(this WebApplication app, string path) =>
        app.Services.GetRequiredService<CreditRulesSource>().Load(path, app.Services.GetRequiredService<FactTypeCatalog>().All);

    /// <summary>Holds the rules once they are loaded; the projection and the readers take them from here.</summary>
    private sealed class CreditRulesSource
    {
        private CreditRules? rules;

        public CreditRules Rules => rules ?? throw new InvalidOperationException("The credit rules are loaded at start, after the catalog.");

        public void Load(string path, IReadOnlyCollection<FactTypeDefinition> catalog) => rules = CreditRulesFile.Load(path, catalog);
    }

    /// <summary>Runs the credit projection for as long as the hub runs (evaluating, or standing by for the lease).</summary>
    private sealed class CreditProjectionService(CreditProjection projection) : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => projection.RunAsync(stoppingToken);
    }
}
