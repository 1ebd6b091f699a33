using Grpc.Core;

namespace EnterpriseHub.Server.Logging;

/// <summary>
/// The request id: the caller's <c>x-request-id</c> header when it is a sensible token, so a
/// department can follow its own id through our logs; otherwise the server's trace identifier.
/// </summary>
internal static class RequestId
{
    public const string Header = "x-request-id";

    public static string For(ServerCallContext context)
    {
        var sent = context.RequestHeaders.GetValue(Header);
        return sent is { Length: > 0 and <= 64 } && sent.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':')
            ? sent
            : context.GetHttpContext().TraceIdentifier;
    }
}
