using EnterpriseHub.Client;
using EnterpriseHub.V1;
using Google.Rpc;
using Grpc.Core;
using Grpc.Health.V1;

namespace EnterpriseHub.Server.Tests.Edge;

/// <summary>
/// The hub makes every call's request id; the caller's own x-request-id is kept beside it as the
/// correlation id. Refusals made before any handler runs carry the request id too.
/// </summary>
public sealed class RequestIdTests(EdgeFixture hub) : IClassFixture<EdgeFixture>
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);

    [Fact]
    public async Task AnyCall_WithCallersRequestId_RepliesHubIdAndCallersAsCorrelationId()
    {
        using var call = hub.Client("tax").Audit.VerifyChainAsync(new VerifyChainRequest(), new Metadata { { "x-request-id", "case-2026-0042" } });
        await call.ResponseAsync;
        var headers = await call.ResponseHeadersAsync;

        Assert.Equal("case-2026-0042", headers.GetValue("x-correlation-id"));
        Assert.False(string.IsNullOrEmpty(headers.GetValue("x-request-id")));
        Assert.NotEqual("case-2026-0042", headers.GetValue("x-request-id"));
    }

    [Fact]
    public async Task Refusal_WithCallersRequestId_ErrorInfoCarriesBothIds()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => hub.Client("tax").Directory.GetEnterpriseAsync(
            new GetEnterpriseRequest { Uscc = "bad" }, new Metadata { { "x-request-id", "case-2026-0043" } }).ResponseAsync);

        var info = RawCalls.AssertRefused(error, StatusCode.InvalidArgument, "INVALID_FIELDS", "bad code");
        Assert.Equal("case-2026-0043", info.Metadata["correlation_id"]);
        Assert.Equal("case-2026-0043", error.Trailers.GetValue("x-correlation-id"));
        Assert.NotEqual("case-2026-0043", info.Metadata["request_id"]);
    }

    [Fact]
    public async Task AnyCall_WithRequestIdThatIsNoToken_NoCorrelationId()
    {
        using var call = hub.Client("tax").Audit.VerifyChainAsync(new VerifyChainRequest(), new Metadata { { "x-request-id", "not a token; " + new string('x', 100) } });
        await call.ResponseAsync;
        var headers = await call.ResponseHeadersAsync;

        Assert.Null(headers.GetValue("x-correlation-id"));
        Assert.False(string.IsNullOrEmpty(headers.GetValue("x-request-id")));
    }

    [Fact]
    public async Task TwoCalls_SameCallersRequestId_DifferentRequestIds()
    {
        var client = hub.Client("customs");
        var ids = new List<string?>();
        for (var i = 0; i < 2; i++)
        {
            using var call = client.Audit.VerifyChainAsync(new VerifyChainRequest(), new Metadata { { "x-request-id", "same-id" } });
            await call.ResponseAsync;
            ids.Add((await call.ResponseHeadersAsync).GetValue("x-request-id"));
        }

        Assert.NotEqual(ids[0], ids[1]);
    }

    [Theory]
    [InlineData("enterprisehub.v1.EnterpriseDirectory", "NoSuchMethod")]
    [InlineData("no.such.Service", "Call")]
    public async Task UnknownMethod_UnimplementedWithErrorInfoAndRequestId(string service, string method)
    {
        var raw = new Method<byte[], byte[]>(MethodType.Unary, service, method, Bytes, Bytes);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            hub.Client("amr").Channel.CreateCallInvoker().AsyncUnaryCall(raw, null, new CallOptions(new Metadata { { "x-request-id", "probe-1" } }), []).ResponseAsync);

        var info = RawCalls.AssertRefused(error, StatusCode.Unimplemented, "UNKNOWN_METHOD", $"{service}/{method}");
        Assert.Equal("probe-1", info.Metadata["correlation_id"]);
    }

    [Fact]
    public async Task HealthCheck_UnknownService_NotFoundWithErrorInfoAndRequestId()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            hub.Client("admin").Health.CheckAsync(new HealthCheckRequest { Service = "no.such.Service" }).ResponseAsync);

        RawCalls.AssertRefused(error, StatusCode.NotFound, "NOT_FOUND", "health of an unknown service");
    }
}
