using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Lookup;
using EnterpriseHub.Server.Access;
using EnterpriseHub.Server.Audit;
using EnterpriseHub.Server.Caching;
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
        // One registration per feature. Their order is the hosted services' start order (stopped in
        // reverse): the TLS watchers, the store's listener, operations, audit checkpoints, then the
        // credit and proactive projections.
        var hub = builder.AddHubOptions();
        builder.AddHubLogging();
        builder.AddHubSecurity(hub.Tls);
        builder.AddHubStorage(hub.Storage, hub.Cache);
        builder.AddHubOperations(hub.Operations);
        builder.AddHubCommon(hub);
        builder.AddHubAudit(hub.Audit);
        builder.AddHubCatalog();
        builder.AddHubAccess(hub.Access);
        builder.AddHubExchange(hub.Publish);
        builder.AddHubLookup();
        builder.AddHubForms();
        builder.AddHubGrpc();
        builder.AddHubCredit(hub.Credit);
        builder.AddHubProactive(hub.Proactive);
        builder.AddHubQuotas(hub.Quotas);
        configure?.Invoke(builder);

        var app = builder.Build();
        try
        {
            app.MapHubServices();
            await app.InitializeStoreAsync(cancellationToken);
            await app.ConnectHubCacheAsync(cancellationToken);
            await app.LoadCatalogAsync(hub.CatalogPath, cancellationToken);
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
        builder.EnsureDevCertificates(hub.Tls, hub.Audit);
        var problems = hub.Validate().Concat(MovedKeys(builder.Configuration))
            .Concat(QuotaOptions.UnknownKeys(builder.Configuration.GetSection("Hub:Quotas"))).ToList();
        if (problems.Count > 0)
        {
            throw new HubConfigurationException(problems);
        }

        // Read by more than one feature: the edge limits by Kestrel's set-up and the call edge.
        builder.Services.AddSingleton(Options.Create(hub.Demo));
        builder.Services.AddSingleton(Options.Create(hub.Limits));
        // The drain comes first, then the calls in flight get their whole timeout.
        builder.Services.Configure<HostOptions>(host =>
            host.ShutdownTimeout = TimeSpan.FromSeconds(hub.ShutdownTimeoutSeconds + hub.Operations.DrainSeconds));
        return hub;
    }

    /// <summary>Keys that once listed callers elsewhere: who may call what is configured in <c>Hub:Access</c> alone.</summary>
    private static IEnumerable<string> MovedKeys(IConfiguration configuration) =>
        new[]
            {
                ("Hub:Credit:Readers", "Hub:Access:SupervisionReaders"), ("Hub:Proactive:Channels", "Hub:Access:DeliveryChannels"),
                ("Hub:Audit:CheckpointIntervalMinutes", "Hub:Audit:CheckpointSeconds"),
            }
            .Where(key => configuration.GetSection(key.Item1).Exists())
            .Select(key => $"{key.Item1} has moved to {key.Item2}.");

    /// <summary>What every feature uses: the clock (tests move it), USCC parsing and the zones' division codes.</summary>
    private static void AddHubCommon(this WebApplicationBuilder builder, HubOptions hub)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(Options.Create(hub.Uscc));
        builder.Services.AddSingleton<UsccParser>();
        builder.Services.AddSingleton(Options.Create(new ZoneOptions { Zones = hub.Zones }));
        builder.Services.AddSingleton<ZoneDirectory>();
    }

    /// <summary>
    /// gRPC for every service, with the interceptors in the order they wrap a call: the call
    /// interceptor (log line, metrics, status mapping) outermost, so that it sees every refusal;
    /// then the caller's quota; then the access table.
    /// </summary>
    private static void AddHubGrpc(this WebApplicationBuilder builder)
    {
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
