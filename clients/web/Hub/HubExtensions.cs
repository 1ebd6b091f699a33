using EnterpriseHub.Client;
using EnterpriseHub.Web.Hosting;
using Microsoft.Extensions.Options;

namespace EnterpriseHub.Web.Hub;

internal static class HubExtensions
{
    /// <summary>One mutual-TLS channel to the hub as the <c>portal</c> identity, shared by every request.</summary>
    public static void AddPortalHub(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton(provider =>
        {
            var hub = provider.GetRequiredService<IOptions<WebOptions>>().Value.Hub;
            return HubClient.Create(new HubClientOptions
            {
                Address = new Uri(hub.Address),
                CaCertificatePath = hub.CaPath,
                CertificatePath = hub.CertificatePath,
                KeyPath = hub.KeyPath,
                DefaultDeadline = TimeSpan.FromSeconds(10),
                TimeProvider = provider.GetRequiredService<TimeProvider>(),
            });
        });
        builder.Services.AddSingleton<AuditLogKeys>();
        builder.Services.AddScoped<PortalHub>();
    }
}
