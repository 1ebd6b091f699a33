using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace EnterpriseHub.Server.Operations;

/// <summary>
/// The plain-HTTP listener of the operations endpoints, and the one test of whether a request
/// came through it: the operations paths answer there alone, and nothing else does.
/// </summary>
public sealed class OperationsListener
{
    public const string HealthPath = "/healthz";
    public const string ReadyPath = "/readyz";
    public const string MetricsPath = "/metrics";

    private ListenOptions? listen;

    /// <summary>The port it is bound to (the one Kestrel chose for port 0); null when there is no such listener or before the hub starts.</summary>
    public int? Port => listen?.EndPoint is IPEndPoint { Port: > 0 } bound ? bound.Port : null;

    internal static bool IsOperationsPath(PathString path) =>
        path.Equals(HealthPath, StringComparison.Ordinal) || path.Equals(ReadyPath, StringComparison.Ordinal)
        || path.Equals(MetricsPath, StringComparison.Ordinal);

    internal void Bind(ListenOptions options) => listen = options;

    internal bool Carries(HttpContext http) => Port is { } port && http.Connection.LocalPort == port;

    /// <summary>
    /// Ahead of everything else: on the operations port only GET (or HEAD) of the operations paths;
    /// the rest, a gRPC call among them, gets 404. On the hub's own port an operations path is no
    /// endpoint: a gRPC call to it is refused by the edge as an unknown method, anything else 404.
    /// </summary>
    internal Task GuardAsync(HttpContext http, RequestDelegate next)
    {
        var path = IsOperationsPath(http.Request.Path);
        if (Carries(http))
        {
            if (path && (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)))
            {
                return next(http);
            }
        }
        else if (!path)
        {
            return next(http);
        }
        else if (http.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true)
        {
            http.SetEndpoint(null);
            return next(http);
        }

        http.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
