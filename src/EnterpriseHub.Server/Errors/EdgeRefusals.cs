using EnterpriseHub.Server.Logging;
using EnterpriseHub.Server.Security;
using Grpc.Core;

namespace EnterpriseHub.Server.Errors;

/// <summary>
/// Refusals made at the edge, before a handler sees the call: messages that do not parse, bad
/// frames, oversized metadata, unknown methods. Each is the caller's doing, so it is a precise
/// status for the caller and, for the operator, at most one warning per caller per
/// <see cref="WarningInterval"/> (counting the ones in between), never an error with a stack trace:
/// any caller could otherwise fill the log.
/// </summary>
internal sealed class EdgeRefusals(ILogger<EdgeRefusals> logger, TimeProvider time, IHttpContextAccessor accessor)
{
    public static readonly TimeSpan WarningInterval = WarningWindows.Interval;

    public const string MalformedMessage = "MALFORMED_MESSAGE";

    private readonly WarningWindows _warnings = new(time);

    /// <summary>The request message of the call in progress did not parse (called from its deserializer).</summary>
    public RpcException Malformed(Type messageType, Exception problem)
    {
        var description = problem is Google.Protobuf.InvalidProtocolBufferException invalid
            ? invalid.Message
            : problem is System.Text.DecoderFallbackException
                ? "a string field is not valid UTF-8."
                : "it is not a valid protobuf message.";
        return RefuseCurrent(StatusCode.InvalidArgument, MalformedMessage, $"The request is not a valid {messageType.Name}: {description}");
    }

    /// <summary>Refuses the call in progress, from code that has no HttpContext at hand (deserializers, decompression).</summary>
    public RpcException RefuseCurrent(StatusCode code, string reason, string message)
    {
        var http = accessor.HttpContext;
        return http is null
            ? HubStatus.Refusal(code, reason, message, new CallIds(string.Empty, string.Empty))
            : Refuse(http, http.GetEndpoint()?.Metadata.GetMetadata<Grpc.AspNetCore.Server.GrpcMethodMetadata>()?.Method.FullName ?? "(unknown method)",
                code, reason, message);
    }

    /// <summary>Refuses the call on <paramref name="http"/> and notes it for the rate-limited warning.</summary>
    public RpcException Refuse(HttpContext http, string method, StatusCode code, string reason, string message)
    {
        Note(CallerOf(http), method, reason);
        return HubStatus.Refusal(code, reason, message, http.GetCallIds());
    }

    private void Note(string caller, string method, string reason)
    {
        if (_warnings.Note(caller, out var count))
        {
            EdgeLog.Refused(logger, count, caller, method, reason);
        }
    }

    private static string CallerOf(HttpContext http) =>
        http.Connection.ClientCertificate is { } certificate && CallerIdentity.TryRead(certificate, out var caller)
            ? caller
            : "unknown";
}
