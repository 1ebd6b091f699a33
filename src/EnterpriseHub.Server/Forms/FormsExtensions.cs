using EnterpriseHub.Core.Forms;

namespace EnterpriseHub.Server.Forms;

internal static class FormsExtensions
{
    /// <summary>Forms: prefilled from shared facts, submitted once for every department that needs the answers.</summary>
    public static void AddHubForms(this WebApplicationBuilder builder) => builder.Services.AddSingleton<FormsService>();
}
