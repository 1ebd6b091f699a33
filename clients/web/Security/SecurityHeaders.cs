using EnterpriseHub.Web.Hosting;
using Microsoft.Extensions.Options;

namespace EnterpriseHub.Web.Security;

/// <summary>
/// Gives every response its request id (see <see cref="Hosting.RequestIdContextFactory"/>) and the page's security headers: a Content-Security-Policy that admits no
/// inline script or style and no script at all, no caching of anything but the stylesheet,
/// HSTS, no framing, no sniffing, no referrer.
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next, IOptions<WebOptions> options)
{
    public const string RequestIdHeader = "X-Request-Id";

    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private readonly string hsts = $"max-age={options.Value.HstsDays * 86400}";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers[RequestIdHeader] = context.TraceIdentifier;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.StrictTransportSecurity = hsts;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            if (!context.Request.Path.Equals(StylesheetEndpoint.Path, StringComparison.Ordinal)
                && !context.Request.Path.Equals(ScriptEndpoint.Path, StringComparison.Ordinal))
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}
