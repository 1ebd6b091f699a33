using Grpc.Core;

namespace EnterpriseHub.Client;

/// <summary>Call headers the hub understands.</summary>
public static class HubMetadata
{
    /// <summary>The header that carries a call's request id; the hub answers with it on every reply.</summary>
    public const string RequestIdHeader = "x-request-id";

    /// <summary>
    /// Headers carrying the caller's own request id, which becomes the audit record's correlation id
    /// (pass them as a call's <c>headers</c>). Without it the client generates one per call.
    /// </summary>
    public static Metadata WithRequestId(string requestId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        return new Metadata { { RequestIdHeader, requestId } };
    }

    /// <summary>The request id of a finished call, read from its reply headers or trailers.</summary>
    public static string? RequestId(Metadata? headersOrTrailers) => headersOrTrailers?.GetValue(RequestIdHeader);
}
