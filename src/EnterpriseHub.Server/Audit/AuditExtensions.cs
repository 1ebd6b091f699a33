using EnterpriseHub.Core.Audit;
using Microsoft.Extensions.Options;

namespace EnterpriseHub.Server.Audit;

internal static class AuditExtensions
{
    /// <summary>
    /// The audit log: the trail every audited call writes to, its queries and proofs, and the signer
    /// of its checkpoints with the witnesses they go to.
    /// </summary>
    public static void AddHubAudit(this WebApplicationBuilder builder, AuditOptions audit)
    {
        var services = builder.Services;
        services.AddSingleton(Options.Create(audit));
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<AuditQueries>();
        services.AddSingleton<AuditProofs>();
        services.AddSingleton(audit.LoadSigningKey());
        services.AddSingleton<AuditWitnesses>();
        services.AddHostedService<CheckpointSigner>();
    }
}
