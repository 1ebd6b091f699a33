using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace EnterpriseHub.Web.Hosting;

internal static class LocalizationExtensions
{
    public static readonly CultureInfo Chinese = new("zh-CN");
    public static readonly CultureInfo English = new("en");

    /// <summary>Simplified Chinese unless the language cookie says English; the browser's Accept-Language is not consulted.</summary>
    public static void AddPortalLocalization(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(Chinese);
            options.SupportedCultures = [Chinese, English];
            options.SupportedUICultures = [Chinese, English];
            options.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
    }
}
