using Grpc.Core;

namespace EnterpriseHub.Server.Logging;

/// <summary>
/// A call's ids. <see cref="RequestId"/> is made by the hub, unique per call, and names the call
/// in our logs and audit records; <see cref="CorrelationId"/> is the caller's own
/// <c>x-request-id</c> when it is a sensible token (empty otherwise), kept beside it so a
/// department can find its call by its own id.
/// </summary>
internal sealed record CallIds(string RequestId, string CorrelationId);

internal static class RequestId
{
    /// <summary>In requests: the caller's correlation id. In replies: the hub's request id.</summary>
    public const string Header = "x-request-id";

    /// <summary>In replies: the caller's correlation id, when it sent a sensible one.</summary>
    public const string CorrelationHeader = "x-correlation-id";

    private const int MaxCorrelationLength = 64;

    private static readonly object ItemKey = new();

    /// <summary>The call's ids, settled once per call (by the edge middleware, before any handler).</summary>
    public static CallIds GetCallIds(this HttpContext http)
    {
        if (http.Items.TryGetValue(ItemKey, out var known) && known is CallIds ids)
        {
            return ids;
        }

        // Unique across replicas and restarts (Kestrel's trace identifier is only unique within a
        // process), time-ordered so ids sort like the calls; ASP.NET Core's own logs use it too.
        http.TraceIdentifier = Guid.CreateVersion7().ToString("N");
        var settled = new CallIds(http.TraceIdentifier, Correlation(http.Request.Headers[Header]));
        http.Items[ItemKey] = settled;
        return settled;
    }

    public static CallIds GetCallIds(this ServerCallContext context) => context.GetHttpContext().GetCallIds();

    /// <summary>The hub's id of the call.</summary>
    public static string GetRequestId(this ServerCallContext context) => context.GetCallIds().RequestId;

    private static string Correlation(Microsoft.Extensions.Primitives.StringValues sent) =>
        sent is [{ Length: > 0 and <= MaxCorrelationLength } one]
            && one.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':')
            ? one
            : string.Empty;
}
