using Google.Rpc;
using Grpc.Core;

namespace EnterpriseHub.Client;

/// <summary>Reads the structured details the hub attaches to every refusal.</summary>
public static class HubErrors
{
    /// <summary>The field problems of an INVALID_ARGUMENT, or an empty list.</summary>
    public static IReadOnlyList<BadRequest.Types.FieldViolation> FieldViolations(this RpcException exception) =>
        exception.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations.ToList() ?? [];

    /// <summary>The stable reason (e.g. <c>FACT_TYPE_NOT_OWNED</c>), or null when the hub sent none.</summary>
    public static string? Reason(this RpcException exception) =>
        exception.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason;

    /// <summary>Every detail of the refusal in one <see cref="HubError"/>.</summary>
    public static HubError ToHubError(this RpcException exception) => HubError.From(exception);
}
