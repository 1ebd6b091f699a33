using Microsoft.AspNetCore.Http.Features;

namespace EnterpriseHub.Web.Hosting;

/// <summary>
/// Gives every request a random 32-digit request id before the host opens its log scope, so the
/// same id is in every log line, the <c>X-Request-Id</c> response header, the error pages and
/// the hub's audit record (as the call's correlation id). Never taken from the browser.
/// </summary>
internal sealed class RequestIdContextFactory(IServiceProvider services) : IHttpContextFactory
{
    private readonly DefaultHttpContextFactory inner = new(services);

    public HttpContext Create(IFeatureCollection featureCollection)
    {
        var context = inner.Create(featureCollection);
        context.TraceIdentifier = Guid.NewGuid().ToString("N");
        return context;
    }

    public void Dispose(HttpContext httpContext) => inner.Dispose(httpContext);
}
