using EnterpriseHub.Core.Access;
using Microsoft.Extensions.Options;

namespace EnterpriseHub.Server.Access;

internal static class AccessExtensions
{
    /// <summary>
    /// Who may call what and read which fact types: the kinds of caller, the gate the services
    /// call, the grants. The <see cref="AccessInterceptor"/> is registered among the gRPC
    /// interceptors, last.
    /// </summary>
    public static void AddHubAccess(this WebApplicationBuilder builder, AccessOptions access)
    {
        var services = builder.Services;
        services.AddSingleton(Options.Create(access));
        services.AddSingleton<CallerDirectory>();
        services.AddSingleton<AccessGate>();
        services.AddSingleton<AccessPolicy>();
        services.AddSingleton<GrantService>();
    }
}
