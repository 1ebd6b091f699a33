using System.Text;
using EnterpriseHub.Client;
using EnterpriseHub.V1;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace EnterpriseHub.Server.Tests.Edge;

/// <summary>
/// Request bodies that do not parse, sent to every method: each is refused with INVALID_ARGUMENT,
/// our ErrorInfo and the request id, the log holds no error and no stack trace and one warning
/// for the caller, and the caller's next ordinary call succeeds.
/// </summary>
public sealed class MalformedRequestTests(FakeClockEdgeFixture hub) : IClassFixture<FakeClockEdgeFixture>
{
    [Fact]
    public async Task AnyMethod_RandomBytes_InvalidArgumentWithErrorInfoAndRequestId()
    {
        var client = hub.Client("amr");
        var random = new Random(20261201);
        foreach (var method in RawCalls.AllMethods())
        {
            var payload = Unparsable(method.InputType, random);

            var error = await RawCalls.FailAsync(client.Channel.CreateCallInvoker(), method, payload);

            RawCalls.AssertRefused(error, StatusCode.InvalidArgument, "MALFORMED_MESSAGE", method.FullName);
        }

        await AssertOrdinaryCallSucceedsAsync(client);
        hub.AssertQuietLog("amr");
    }

    [Fact]
    public async Task AnyMethod_TruncatedMessage_InvalidArgumentWithErrorInfoAndRequestId()
    {
        var client = hub.Client("tax");
        foreach (var method in RawCalls.AllMethods())
        {
            var valid = RawCalls.WithString(method.InputType, "a string long enough to cut"u8.ToArray());
            method.InputType.Parser.ParseFrom(valid);
            var truncated = valid[..^3];

            var error = await RawCalls.FailAsync(client.Channel.CreateCallInvoker(), method, truncated);

            RawCalls.AssertRefused(error, StatusCode.InvalidArgument, "MALFORMED_MESSAGE", method.FullName);
        }

        await AssertOrdinaryCallSucceedsAsync(client);
        hub.AssertQuietLog("tax");
    }

    [Fact]
    public async Task AnyMethod_InvalidUtf8InAStringField_InvalidArgumentWithErrorInfoAndRequestId()
    {
        var client = hub.Client("customs");
        var methods = RawCalls.AllMethods();
        var covered = 0;
        foreach (var method in methods)
        {
            if (RawCalls.WithStringField(method.InputType, [(byte)'o', (byte)'k', 0xC3, 0x28, 0xFF]) is not { } payload)
            {
                continue;
            }

            var error = await RawCalls.FailAsync(client.Channel.CreateCallInvoker(), method, payload);

            RawCalls.AssertRefused(error, StatusCode.InvalidArgument, "MALFORMED_MESSAGE", method.FullName);
            covered++;
        }

        // Only requests without any string field (VerifyChain's, ListSubscriptions', ...) are left out.
        Assert.True(covered >= 25, $"{covered} of {methods.Count} methods have a string field");

        await AssertOrdinaryCallSucceedsAsync(client);
        hub.AssertQuietLog("customs");
    }

    [Fact]
    public async Task PublishFacts_StructNested1000Deep_InvalidArgumentWithErrorInfoAndRequestId()
    {
        var client = hub.Client("hrss");
        var draft = TestData.Headcount(TestData.NewUscc(), "deep-1", 12);
        draft.Attributes = Nested(1000);
        var publish = new PublishFactsRequest { Facts = { draft } }.ToByteArray();
        var stream = new PublishFactStreamRequest { Facts = { draft } }.ToByteArray();

        var unary = await RawCalls.FailAsync(client.Channel.CreateCallInvoker(), FactExchange.Descriptor.FindMethodByName("PublishFacts"), publish);
        var streamed = await RawCalls.FailAsync(client.Channel.CreateCallInvoker(), FactExchange.Descriptor.FindMethodByName("PublishFactStream"), stream);

        RawCalls.AssertRefused(unary, StatusCode.InvalidArgument, "MALFORMED_MESSAGE", "PublishFacts");
        RawCalls.AssertRefused(streamed, StatusCode.InvalidArgument, "MALFORMED_MESSAGE", "PublishFactStream");
        Assert.Contains("nesting", unary.Status.Detail, StringComparison.OrdinalIgnoreCase);
        await AssertOrdinaryCallSucceedsAsync(client);
        hub.AssertQuietLog("hrss");
    }

    [Fact]
    public async Task PublishFactStream_MalformedSecondChunk_FirstChunkAcknowledgedThenInvalidArgument()
    {
        var client = hub.Client("court");
        var good = new PublishFactStreamRequest { Facts = { TestData.Draft(TestData.NewUscc(), "court.dishonest_debtor", "stream-ok-1",
            ("case_number", Value.ForString("(2026)粤0115执1号")), ("court", Value.ForString("南沙区人民法院"))) } };
        var method = new Method<byte[], byte[]>(MethodType.DuplexStreaming, "enterprisehub.v1.FactExchange", "PublishFactStream",
            Marshallers.Create(b => b, b => b), Marshallers.Create(b => b, b => b));
        using var call = client.Channel.CreateCallInvoker().AsyncDuplexStreamingCall(method, null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(30)));

        await call.RequestStream.WriteAsync(good.ToByteArray());
        Assert.True(await call.ResponseStream.MoveNext());
        var acknowledged = PublishFactStreamResponse.Parser.ParseFrom(call.ResponseStream.Current);
        await call.RequestStream.WriteAsync(RawCalls.WithString(PublishFactStreamRequest.Descriptor, [0xFF, 0xFE]));
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());

        Assert.Equal(1, acknowledged.Stored);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var info = error.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>();
        Assert.Equal("MALFORMED_MESSAGE", info?.Reason);
        Assert.Equal(error.Trailers.GetValue("x-request-id"), info?.Metadata["request_id"]);
        hub.AssertQuietLog("court");
    }

    [Fact]
    public async Task MalformedCalls_OneWarningPerCallerPerMinute_CountingTheRefusalsBetween()
    {
        var client = hub.Client("portal");
        var method = Audit.Descriptor.FindMethodByName("VerifyChain");

        for (var i = 0; i < 5; i++)
        {
            await RawCalls.FailAsync(client.Channel.CreateCallInvoker(), method, [0xFF, 0xFF, 0xFF]);
        }

        var first = hub.RefusalWarnings("portal");
        for (var i = 0; i < 4; i++)
        {
            await RawCalls.FailAsync(client.Channel.CreateCallInvoker(), method, [0xFF, 0xFF, 0xFF]);
        }

        hub.Clock.Advance(TimeSpan.FromSeconds(61));
        await RawCalls.FailAsync(client.Channel.CreateCallInvoker(), method, [0xFF, 0xFF, 0xFF]);
        var after = hub.RefusalWarnings("portal");

        Assert.Single(first);
        Assert.Equal("1", first[0].Properties["Count"].ToString());
        Assert.Equal(2, after.Count);
        Assert.Equal("9", after[1].Properties["Count"].ToString());
        Assert.Equal("\"/enterprisehub.v1.Audit/VerifyChain\"", after[1].Properties["Method"].ToString());
    }

    /// <summary>Seeded random bytes that the method's request type cannot parse (most random bytes cannot).</summary>
    private static byte[] Unparsable(MessageDescriptor message, Random random)
    {
        while (true)
        {
            var bytes = new byte[random.Next(1, 64)];
            random.NextBytes(bytes);
            try
            {
                message.Parser.ParseFrom(bytes);
            }
            catch (Exception e) when (e is InvalidProtocolBufferException or ArgumentException)
            {
                return bytes;
            }
        }
    }

    private static Struct Nested(int depth)
    {
        var inner = new Struct { Fields = { ["headcount"] = Value.ForNumber(12) } };
        for (var i = 0; i < depth; i++)
        {
            inner = new Struct { Fields = { ["level"] = Value.ForStruct(inner) } };
        }

        return inner;
    }

    private static async Task AssertOrdinaryCallSucceedsAsync(HubClient client)
    {
        var reply = await client.Audit.VerifyChainAsync(new VerifyChainRequest());
        Assert.NotNull(reply);
        var health = await client.Health.CheckAsync(new Grpc.Health.V1.HealthCheckRequest());
        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }
}
