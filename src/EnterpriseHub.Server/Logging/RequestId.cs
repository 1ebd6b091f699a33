using Grpc.Core;

namespace EnterpriseHub.Server.Logging;

/// <summary>
/// The request id: the caller's <c>x-request-id</c> header when it is a sensible token, so a
/// department can follow its own id through our logs; otherwise the server's trace identifier.
/// </summary>
internal static class RequestId
{
    public const string Header = "x-request-id";

    private static readonly object ItemKey = new();

    /// <summary>The call's request id, as the interceptor settled it at the start of the call.</summary>
    public static string GetRequestId(this ServerCallContext context)
    {
        var items = context.GetHttpContext().Items;
        if (items.TryGetValue(ItemKey, out var id) && id is string known)
        {
            return known;
        }

        var settled = For(context);
        items[ItemKey] = settled;
        return settled;
    }

    private static string For(ServerCallContext context)
    {
        var sent = context.RequestHeaders.GetValue(Header);
        return sent is { Length: > 0 and <= 64 } && sent.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':')
            ? sent
            : context.GetHttpContext().TraceIdentifier;
    }
}
