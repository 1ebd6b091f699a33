using EnterpriseHub.Web.Hosting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using StackExchange.Redis;

namespace EnterpriseHub.Web.SignIn;

internal static class SessionExtensions
{
    public const string SessionCookie = "__Host-ehweb";
    public const string AntiforgeryCookie = "__Host-ehweb-af";

    /// <summary>
    /// The cookie session (Secure, HttpOnly, SameSite=Strict, <c>__Host-</c> so that no other
    /// host or path may set it), antiforgery with a cookie of the same kind, every page closed to
    /// anyone not signed in, and the cookie keys in a folder or in Redis.
    /// </summary>
    public static void AddPortalSession(this WebApplicationBuilder builder, WebOptions options)
    {
        var protection = builder.Services.AddDataProtection().SetApplicationName("EnterpriseHub.Web");
        if (!string.IsNullOrWhiteSpace(options.DataProtection.Redis))
        {
            var redis = ConnectionMultiplexer.Connect(options.DataProtection.Redis);
            protection.PersistKeysToStackExchangeRedis(redis, "ehweb:data-protection-keys");
        }
        else if (!string.IsNullOrWhiteSpace(options.DataProtection.KeysFolder))
        {
            protection.PersistKeysToFileSystem(Directory.CreateDirectory(options.DataProtection.KeysFolder));
        }

        builder.Services.AddAuthentication(PortalSession.Scheme).AddCookie(PortalSession.Scheme, cookie =>
        {
            cookie.Cookie.Name = SessionCookie;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.Path = "/";
            cookie.ExpireTimeSpan = TimeSpan.FromMinutes(options.SessionMinutes);
            cookie.SlidingExpiration = true;
            cookie.LoginPath = "/signin";
            cookie.AccessDeniedPath = "/signin";
            cookie.ReturnUrlParameter = "returnUrl";
        });
        builder.Services.AddAuthorization(authorization =>
            authorization.FallbackPolicy = new AuthorizationPolicyBuilder(PortalSession.Scheme).RequireAuthenticatedUser().Build());
        builder.Services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = AntiforgeryCookie;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.Path = "/";
            antiforgery.FormFieldName = "__RequestVerificationToken";
        });
    }

    public static PortalSession? Session(this HttpContext context) => PortalSession.From(context.User);
}
