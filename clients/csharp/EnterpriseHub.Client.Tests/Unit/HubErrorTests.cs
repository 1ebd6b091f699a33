using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace EnterpriseHub.Client.Tests.Unit;

public sealed class HubErrorTests
{
    [Fact]
    public void From_HubRefusalWithDetails_DecodesReasonRequestIdViolationsAndRetryDelay()
    {
        var status = new Google.Rpc.Status
        {
            Code = (int)Code.ResourceExhausted,
            Message = "read quota",
            Details =
            {
                Any.Pack(new ErrorInfo { Reason = "QUOTA_EXCEEDED", Domain = "enterprisehub.v1", Metadata = { ["request_id"] = "r-1" } }),
                Any.Pack(new BadRequest { FieldViolations = { new BadRequest.Types.FieldViolation { Field = "uscc", Description = "bad" } } }),
                Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(TimeSpan.FromSeconds(3)) }),
                Any.Pack(new QuotaFailure { Violations = { new QuotaFailure.Types.Violation { Subject = "tax" } } }),
            },
        };

        var error = status.ToRpcException().ToHubError();

        Assert.Equal(StatusCode.ResourceExhausted, error.Code);
        Assert.Equal("QUOTA_EXCEEDED", error.Reason);
        Assert.Equal("r-1", error.RequestId);
        Assert.Equal("uscc", Assert.Single(error.FieldViolations).Field);
        Assert.Equal(TimeSpan.FromSeconds(3), error.RetryDelay);
        Assert.Equal("tax", Assert.Single(error.QuotaViolations).Subject);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public void From_NoDetailsButRequestIdTrailer_TakesRequestIdFromTrailer()
    {
        var exception = new RpcException(new Grpc.Core.Status(StatusCode.Unavailable, "down"), new Metadata { { "x-request-id", "r-2" } });

        var error = exception.ToHubError();

        Assert.Null(error.Reason);
        Assert.Equal("r-2", error.RequestId);
        Assert.Empty(error.FieldViolations);
        Assert.Null(error.RetryDelay);
    }

    [Fact]
    public void From_CorruptDetailsTrailer_DecodesStatusCodeAlone()
    {
        var trailers = new Metadata { { "grpc-status-details-bin", new byte[] { 0xff, 0xff, 0xff } } };
        var exception = new RpcException(new Grpc.Core.Status(StatusCode.Internal, "cut"), trailers);

        var error = exception.ToHubError();

        Assert.Equal(StatusCode.Internal, error.Code);
        Assert.Null(error.Reason);
    }

    [Theory]
    [InlineData(StatusCode.Unavailable, null, true)]
    [InlineData(StatusCode.Internal, null, true)]
    [InlineData(StatusCode.Cancelled, null, true)]
    [InlineData(StatusCode.Internal, "STORE_FAILED", false)]
    [InlineData(StatusCode.ResourceExhausted, null, false)]
    [InlineData(StatusCode.InvalidArgument, "INVALID_FIELDS", false)]
    [InlineData(StatusCode.PermissionDenied, null, false)]
    public void IsTransient_StatusAndReason_OnlyTransportFailuresAreTransient(StatusCode code, string? reason, bool transient)
    {
        var error = new HubError { Code = code, Message = "m", Reason = reason };

        Assert.Equal(transient, error.IsTransient);
    }
}
