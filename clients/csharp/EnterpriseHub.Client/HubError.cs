using Google.Rpc;
using Grpc.Core;

namespace EnterpriseHub.Client;

/// <summary>
/// A refusal from the hub, decoded from the <c>google.rpc.Status</c> it sends in the
/// <c>grpc-status-details-bin</c> trailer: the status code, the <c>ErrorInfo</c> reason, the request
/// id, the <c>BadRequest</c> field violations and the <c>RetryInfo</c> delay.
/// </summary>
public sealed record HubError
{
    /// <summary>The error domain of every <c>ErrorInfo</c> the hub sends.</summary>
    public const string HubDomain = "enterprisehub.v1";

    /// <summary>The gRPC status code.</summary>
    public required StatusCode Code { get; init; }

    /// <summary>The status message, for people (never parse it: use <see cref="Reason"/>).</summary>
    public required string Message { get; init; }

    /// <summary>The stable reason (e.g. <c>PURPOSE_REQUIRED</c>), or null when the hub sent none (a transport failure).</summary>
    public string? Reason { get; init; }

    /// <summary>The <c>ErrorInfo</c> domain, <see cref="HubDomain"/> for the hub's own refusals.</summary>
    public string? Domain { get; init; }

    /// <summary>The hub's id of the refused request (<c>ErrorInfo</c> metadata, else the <c>x-request-id</c> trailer).</summary>
    public string? RequestId { get; init; }

    /// <summary>The <c>ErrorInfo</c> metadata, request id included.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>The fields at fault in an <c>INVALID_ARGUMENT</c>; empty otherwise.</summary>
    public IReadOnlyList<BadRequest.Types.FieldViolation> FieldViolations { get; init; } = [];

    /// <summary>How long to wait before trying again (a quota refusal), or null when the hub gave no delay.</summary>
    public TimeSpan? RetryDelay { get; init; }

    /// <summary>The quota violations of a <c>RESOURCE_EXHAUSTED</c>; empty otherwise.</summary>
    public IReadOnlyList<QuotaFailure.Types.Violation> QuotaViolations { get; init; } = [];

    /// <summary>Decodes a failed call's exception; never throws, whatever the trailers hold.</summary>
    public static HubError From(RpcException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        Google.Rpc.Status? status = null;
        try
        {
            status = exception.GetRpcStatus();
        }
        catch (Google.Protobuf.InvalidProtocolBufferException)
        {
            // A corrupt details trailer is decoded as none: the status code still stands.
        }

        var info = status?.GetDetail<ErrorInfo>();
        var metadata = info?.Metadata.ToDictionary(entry => entry.Key, entry => entry.Value) ?? [];
        var retryDelay = status?.GetDetail<RetryInfo>()?.RetryDelay?.ToTimeSpan();
        return new HubError
        {
            Code = exception.StatusCode,
            Message = status?.Message ?? exception.Status.Detail,
            Reason = string.IsNullOrEmpty(info?.Reason) ? null : info.Reason,
            Domain = string.IsNullOrEmpty(info?.Domain) ? null : info.Domain,
            RequestId = metadata.GetValueOrDefault("request_id") ?? HubMetadata.RequestId(exception.Trailers),
            Metadata = metadata,
            FieldViolations = status?.GetDetail<BadRequest>()?.FieldViolations.ToList() ?? [],
            RetryDelay = retryDelay,
            QuotaViolations = status?.GetDetail<QuotaFailure>()?.Violations.ToList() ?? [],
        };
    }

    /// <summary>
    /// Whether the call may succeed if sent again as it is: <c>UNAVAILABLE</c>, or a transport
    /// failure the hub did not decide (<c>INTERNAL</c> or <c>CANCELLED</c> with no reason, e.g. a
    /// connection cut by a restart). A quota refusal is not: wait <see cref="RetryDelay"/> first.
    /// </summary>
    public bool IsTransient => Code switch
    {
        StatusCode.Unavailable => true,
        StatusCode.Internal or StatusCode.Cancelled or StatusCode.Aborted => Reason is null,
        _ => false,
    };

    /// <inheritdoc />
    public override string ToString() =>
        $"{Code} {Reason ?? "(no reason)"} request {RequestId ?? "?"}: {Message}";
}
