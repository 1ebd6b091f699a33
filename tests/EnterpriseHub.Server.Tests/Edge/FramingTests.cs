using EnterpriseHub.V1;
using Google.Protobuf;

namespace EnterpriseHub.Server.Tests.Edge;

/// <summary>
/// Frames that no well-behaved client sends: each is refused with a precise status, our
/// ErrorInfo and the request id — never INTERNAL or UNKNOWN — and logs no error.
/// </summary>
public sealed class FramingTests(EdgeFixture hub) : IClassFixture<EdgeFixture>
{
    private const string GetEnterprise = "/enterprisehub.v1.EnterpriseDirectory/GetEnterprise";
    private const string PublishFactStream = "/enterprisehub.v1.FactExchange/PublishFactStream";

    private static readonly byte[] Valid = new GetEnterpriseRequest { Uscc = "91440115MA5HUB013L", Purpose = "p", OfficerId = "o" }.ToByteArray();

    public static TheoryData<string, string, byte[], string> BadFrames => new()
    {
        { "compressed flag 2", GetEnterprise, RawHttp.Frame(2, (uint)Valid.Length, Valid), "flag" },
        { "body ends inside the header", GetEnterprise, [0, 0, 0], "ends inside" },
        { "body ends inside the message", GetEnterprise, RawHttp.Frame(0, (uint)Valid.Length + 10, Valid), "ends inside" },
        { "no message at all", GetEnterprise, [], "no message" },
        { "two messages to a unary method", GetEnterprise, [.. RawHttp.Frame(0, (uint)Valid.Length, Valid), .. RawHttp.Frame(0, (uint)Valid.Length, Valid)], "more than one" },
    };

    [Theory]
    [MemberData(nameof(BadFrames))]
    public async Task Call_BadFrame_InvalidArgumentWithErrorInfoAndRequestId(string because, string path, byte[] body, string detail)
    {
        using var raw = new RawHttp(hub.Address, hub.CertsFolder, "tax");

        var reply = await raw.PostAsync(path, body);

        Assert.True(reply.GrpcStatus == 3, $"{because}: {reply.GrpcStatus} {reply.Metadata.GetValueOrDefault("grpc-message")}");
        Assert.Equal("MALFORMED_MESSAGE", reply.ErrorInfo.Reason);
        Assert.Equal(reply.Metadata["x-request-id"], reply.ErrorInfo.Metadata["request_id"]);
        Assert.Contains(detail, reply.Details.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(hub.Sink.Events, e => e.Level >= Serilog.Events.LogEventLevel.Error || e.Exception is not null);
    }

    public static TheoryData<string, string, byte[]> CompressedWithoutEncoding => new()
    {
        { "compressed flag without grpc-encoding", GetEnterprise, RawHttp.Frame(1, (uint)Valid.Length, Valid) },
        { "compressed flag on a stream without grpc-encoding", PublishFactStream, RawHttp.Frame(1, 3, [1, 2, 3]) },
    };

    /// <summary>gRPC's compression spec: "MUST fail with INTERNAL status"; our ErrorInfo says why.</summary>
    [Theory]
    [MemberData(nameof(CompressedWithoutEncoding))]
    public async Task Call_CompressedFlagWithoutGrpcEncoding_InternalAsTheSpecRequiresWithErrorInfo(string because, string path, byte[] body)
    {
        using var raw = new RawHttp(hub.Address, hub.CertsFolder, "tax");

        var reply = await raw.PostAsync(path, body);

        Assert.True(reply.GrpcStatus == 13, $"{because}: {reply.GrpcStatus} {reply.Metadata.GetValueOrDefault("grpc-message")}");
        Assert.Equal("MALFORMED_MESSAGE", reply.ErrorInfo.Reason);
        Assert.Equal(reply.Metadata["x-request-id"], reply.ErrorInfo.Metadata["request_id"]);
        Assert.Contains("compressed", reply.Details.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(hub.Sink.Events, e => e.Level >= Serilog.Events.LogEventLevel.Error || e.Exception is not null);
    }

    [Fact]
    public async Task Call_CompressedMessageThatIsNotGzip_InvalidArgumentWithErrorInfoAndRequestId()
    {
        using var raw = new RawHttp(hub.Address, hub.CertsFolder, "tax");

        var reply = await raw.PostAsync(GetEnterprise, RawHttp.Frame(1, (uint)Valid.Length, Valid), ("grpc-encoding", "gzip"));

        Assert.Equal(3, reply.GrpcStatus);
        Assert.Equal("MALFORMED_MESSAGE", reply.ErrorInfo.Reason);
        Assert.Equal(reply.Metadata["x-request-id"], reply.ErrorInfo.Metadata["request_id"]);
        Assert.DoesNotContain(hub.Sink.Events, e => e.Level >= Serilog.Events.LogEventLevel.Error || e.Exception is not null);
    }

    [Fact]
    public async Task Call_GzipThatDecompressesBeyondTheLimit_ResourceExhaustedWithErrorInfo()
    {
        using var raw = new RawHttp(hub.Address, hub.CertsFolder, "tax");
        using var compressed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(new byte[17 * 1024 * 1024]);
        }

        var reply = await raw.PostAsync(GetEnterprise, RawHttp.Frame(1, (uint)compressed.Length, compressed.ToArray()), ("grpc-encoding", "gzip"));

        Assert.Equal(8, reply.GrpcStatus);
        Assert.Equal("MESSAGE_TOO_LARGE", reply.ErrorInfo.Reason);
        Assert.Equal(reply.Metadata["x-request-id"], reply.ErrorInfo.Metadata["request_id"]);
    }

    [Fact]
    public async Task Call_LengthPrefixOf4GiB_ResourceExhaustedWithErrorInfoAndRequestId()
    {
        using var raw = new RawHttp(hub.Address, hub.CertsFolder, "tax");

        var reply = await raw.PostAsync(GetEnterprise, RawHttp.Frame(0, uint.MaxValue, Valid));

        Assert.Equal(8, reply.GrpcStatus);
        Assert.Equal("MESSAGE_TOO_LARGE", reply.ErrorInfo.Reason);
        Assert.Equal(reply.Metadata["x-request-id"], reply.ErrorInfo.Metadata["request_id"]);
        Assert.DoesNotContain(hub.Sink.Events, e => e.Level >= Serilog.Events.LogEventLevel.Error || e.Exception is not null);
    }

    [Fact]
    public async Task Call_WellFramedMessage_ReachesTheHandler()
    {
        using var raw = new RawHttp(hub.Address, hub.CertsFolder, "tax");

        var reply = await raw.PostAsync(GetEnterprise, RawHttp.Frame(0, (uint)Valid.Length, Valid));

        // The frame passed the guard: the handler judged the request (a code the hub does not hold).
        Assert.NotEqual("MALFORMED_MESSAGE", reply.ErrorInfo.Reason);
        Assert.NotEqual("MESSAGE_TOO_LARGE", reply.ErrorInfo.Reason);
    }
}
