using Google.Rpc;
using Grpc.Core;

namespace EnterpriseHub.Server.Tests.Quotas;

/// <summary>What a quota refusal carries, read back as any gRPC client would.</summary>
internal static class QuotaErrors
{
    public static QuotaFailure.Types.Violation Violation(this RpcException error) =>
        Assert.Single(Assert.IsType<QuotaFailure>(error.GetRpcStatus()?.GetDetail<QuotaFailure>()).Violations);

    public static TimeSpan RetryDelay(this RpcException error) =>
        Assert.IsType<RetryInfo>(error.GetRpcStatus()?.GetDetail<RetryInfo>()).RetryDelay.ToTimeSpan();

    /// <summary>The call was refused over a quota of <paramref name="caller"/>, with every detail a client needs.</summary>
    public static void AssertQuotaRefusal(this RpcException error, string reason, string caller, string limitStartsWith)
    {
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal(reason, error.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason);
        var violation = error.Violation();
        Assert.Equal(caller, violation.Subject);
        Assert.StartsWith(limitStartsWith, violation.Description, StringComparison.Ordinal);
        Assert.True(error.RetryDelay() > TimeSpan.Zero, $"retry delay {error.RetryDelay()}");
    }
}
