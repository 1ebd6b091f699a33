using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Feed;
using EnterpriseHub.Core.Proactive;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EnterpriseHub.Server.Proactive;

internal static class ProactiveExtensions
{
    /// <summary>Proactive services: the reminder rules (loaded once the catalog is), the matcher that delivers, the desk and the inbox.</summary>
    public static void AddHubProactive(this WebApplicationBuilder builder, ProactiveOptions proactive)
    {
        var services = builder.Services;
        services.AddSingleton(Options.Create(proactive));
        services.TryAddSingleton<NoticeSignal>();
        services.AddSingleton<PolicySignal>();
        services.AddSingleton<ReminderRulesSource>();
        services.AddSingleton(provider => provider.GetRequiredService<ReminderRulesSource>().Rules);
        services.AddSingleton<EnterpriseScan>();
        services.AddSingleton<NoticeMatcher>();
        services.AddSingleton<PolicyDesk>();
        services.AddSingleton<NoticeInbox>();
        if (proactive.Match)
        {
            services.AddHostedService<NoticeMatcherService>();
        }
    }

    /// <summary>Reads and checks the reminder rules against the loaded catalog; every problem stops the start at once.</summary>
    public static void LoadReminderRules(this WebApplication app, string path) =>
        app.Services.GetRequiredService<ReminderRulesSource>().Load(path, app.Services.GetRequiredService<FactTypeCatalog>().All);

    private sealed class ReminderRulesSource
    {
        private ReminderRules? rules;

        public ReminderRules Rules => rules ?? throw new InvalidOperationException("The reminder rules are loaded at start, after the catalog.");

        public void Load(string path, IReadOnlyCollection<FactTypeDefinition> catalog) => rules = ReminderRulesFile.Load(path, catalog);
    }

    /// <summary>Runs the notice matcher for as long as the hub runs (matching, or standing by for the lease).</summary>
    private sealed class NoticeMatcherService(NoticeMatcher matcher) : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => matcher.RunAsync(stoppingToken);
    }
}
