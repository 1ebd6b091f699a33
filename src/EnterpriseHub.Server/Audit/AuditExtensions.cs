using EnterpriseHub.Core.Audit;
using Microsoft.Extensions.Options;

namespace EnterpriseHub.Server.Audit;

internal static class AuditExtensions
{
    /// <summary>The audit chain: the trail every audited call writes to, its queries, and the periodic checkpoints of its head.</summary>
    public static void AddHubAudit(this WebApplicationBuilder builder, AuditOptions audit)
    {
        var services = builder.Services;
        services.AddSingleton(Options.Create(audit));
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<AuditQueries>();
        services.AddSingleton<AuditProofs>();
        services.AddHostedService<AuditCheckpoints>();
    }
}
