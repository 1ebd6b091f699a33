using EnterpriseHub.Core.Lookup;

namespace EnterpriseHub.Server.Lookup;

internal static class LookupExtensions
{
    /// <summary>The enterprise directory: audited reads of profiles and histories, and search.</summary>
    public static void AddHubLookup(this WebApplicationBuilder builder) => builder.Services.AddSingleton<EnterpriseReader>();
}
