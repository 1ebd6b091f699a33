using EnterpriseHub.Core.Access;
using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Caching;
using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Core.Feed;
using EnterpriseHub.Core.Forms;
using EnterpriseHub.Core.Lookup;
using EnterpriseHub.Server.Access;
using EnterpriseHub.Server.Audit;
using EnterpriseHub.Server.Catalog;
using EnterpriseHub.Server.Credit;
using EnterpriseHub.Server.Demo;
using EnterpriseHub.Server.Exchange;
using EnterpriseHub.Server.Forms;
using EnterpriseHub.Server.Logging;
using EnterpriseHub.Server.Lookup;
using EnterpriseHub.Server.Operations;
using EnterpriseHub.Server.Proactive;
using EnterpriseHub.Server.Quotas;
using EnterpriseHub.Server.Security;
using EnterpriseHub.Server.Storage;
using Microsoft.Extensions.Options;

namespace EnterpriseHub.Server.Hosting;

/// <summary>Builds the hub: the same host in production, in <c>dotnet run</c> and in the integration tests.</summary>
public static class HubApplication
{
    /// <param name="configure">Last changes to the builder, e.g. a test's extra log sink.</param>
    public static async Task<WebApplication> BuildAsync(
        string[] args, Action<WebApplicationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // appsettings*.json ship beside the binary; relative paths in them (certs/, data/)
            // resolve against the working directory, the repository root for `dotnet run`.
            ContentRootPath = AppContext.BaseDirectory,
        });
        var hub = builder.AddHubOptions();
        builder.AddHubLogging();
        builder.AddHubSecurity(hub.Tls);
        builder.AddHubStorage(hub.Storage, hub.Cache);
        builder.AddHubOperations(hub.Operations);
        builder.AddHubServices();
        builder.AddHubCredit(hub.Credit);
        builder.AddHubProactive(hub.Proactive);
        builder.AddHubQuotas(hub.Quotas);
        configure?.Invoke(builder);

        var app = builder.Build();
        try
        {
            app.MapHubServices();
            await app.InitializeStoreAsync(cancellationToken);
            await app.Services.GetRequiredService<HubCache>().ConnectAsync(cancellationToken);
            await app.Services.GetRequiredService<FactTypeCatalog>().LoadAsync(CatalogFile.Load(hub.CatalogPath), cancellationToken);
            app.LoadCreditRules(hub.CreditRulesPath);
            app.LoadReminderRules(hub.RemindersPath);
            await app.SeedDemoZoneAsync(cancellationToken);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Binds the <c>Hub</c> section, writes dev certificates if due, and validates everything at once.</summary>
    private static HubOptions AddHubOptions(this WebApplicationBuilder builder)
    {
        var hub = builder.Configuration.GetSection("Hub").Get<HubOptions>() ?? new HubOptions();
        builder.EnsureDevCertificates(hub.Tls);
        var problems = hub.Validate().Concat(MovedKeys(builder.Configuration))
            .Concat(QuotaOptions.UnknownKeys(builder.Configuration.GetSection("Hub:Quotas"))).ToList();
        if (problems.Count > 0)
        {
            throw new HubConfigurationException(problems);
        }

        builder.Services.AddSingleton(Options.Create(hub.Uscc));
        builder.Services.AddSingleton(Options.Create(hub.Publish));
        builder.Services.AddSingleton(Options.Create(hub.Demo));
        builder.Services.AddSingleton(Options.Create(hub.Access));
        builder.Services.AddSingleton(Options.Create(hub.Audit));
        builder.Services.AddSingleton(Options.Create(hub.Limits));
        builder.Services.AddSingleton(Options.Create(new ZoneOptions { Zones = hub.Zones }));
        // The drain comes first, then the calls in flight get their whole timeout.
        builder.Services.Configure<HostOptions>(host =>
            host.ShutdownTimeout = TimeSpan.FromSeconds(hub.ShutdownTimeoutSeconds + hub.Operations.DrainSeconds));
        return hub;
    }

    /// <summary>Keys that once listed callers elsewhere: who may call what is configured in <c>Hub:Access</c> alone.</summary>
    private static IEnumerable<string> MovedKeys(IConfiguration configuration) =>
        new[] { ("Hub:Credit:Readers", "Hub:Access:SupervisionReaders"), ("Hub:Proactive:Channels", "Hub:Access:DeliveryChannels") }
            .Where(key => configuration.GetSection(key.Item1).Exists())
            .Select(key => $"{key.Item1} has moved to {key.Item2}.");

    private static void AddHubServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<UsccParser>();
        builder.Services.AddSingleton<ZoneDirectory>();
        builder.Services.AddSingleton<AuditTrail>();
        builder.Services.AddSingleton<AuditQueries>();
        builder.Services.AddHostedService<AuditCheckpoints>();
        builder.Services.AddSingleton<FactTypeCatalog>();
        builder.Services.AddSingleton<CallerDirectory>();
        builder.Services.AddSingleton<AccessGate>();
        builder.Services.AddSingleton<AccessPolicy>();
        builder.Services.AddSingleton<GrantService>();
        builder.Services.AddSingleton<FeedSignal>();
        builder.Services.AddSingleton<FactFeed>();
        builder.Services.AddSingleton<FactPages>();
        builder.Services.AddSingleton<SubscriptionService>();
        builder.Services.AddSingleton<FactPublisher>();
        builder.Services.AddSingleton<EnterpriseReader>();
        builder.Services.AddSingleton<FormsService>();
        builder.Services.AddGrpc(grpc =>
        {
            grpc.Interceptors.Add<CallInterceptor>();
            grpc.Interceptors.Add<QuotaInterceptor>();
            grpc.Interceptors.Add<AccessInterceptor>();
            grpc.MaxReceiveMessageSize = 16 * 1024 * 1024;
            grpc.EnableDetailedErrors = false;
        });
        builder.Services.AddGrpcReflection();
        builder.AddHubEdge();
    }

    private static void MapHubServices(this WebApplication app)
    {
        app.UseHubOperations();
        app.UseHubEdge();
        app.MapGrpcService<EnterpriseDirectoryGrpcService>();
        app.MapGrpcService<FactExchangeGrpcService>();
        app.MapGrpcService<CreditMonitorGrpcService>();
        app.MapGrpcService<ProactiveGrpcService>();
        app.MapGrpcService<CatalogGrpcService>();
        app.MapGrpcService<AuditGrpcService>();
        app.MapGrpcService<FormsGrpcService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        app.MapHubOperations();
    }
}
