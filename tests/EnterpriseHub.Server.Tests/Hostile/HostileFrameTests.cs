using EnterpriseHub.Client;
using EnterpriseHub.Server.Tests.Edge;
using EnterpriseHub.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Xunit.Abstractions;
using FieldType = Google.Protobuf.Reflection.FieldType;

namespace EnterpriseHub.Server.Tests.Hostile;

/// <summary>
/// Hostile messages and frames, each sent as the request of every method the hub serves: each gets
/// its precise status with the hub's ErrorInfo (never UNKNOWN; INTERNAL only where gRPC's spec
/// demands it), nothing of it is
/// stored, and an ordinary call succeeds right after. Random and truncated bytes and invalid UTF-8
/// are sent to every method by <see cref="MalformedRequestTests"/>; extreme field values by
/// <see cref="HostileFieldTests"/>.
/// </summary>
public sealed class HostileFrameTests(EdgeFixture hub, ITestOutputHelper output) : IClassFixture<EdgeFixture>
{
    private const int Limit = 16 * 1024 * 1024;

    private readonly HostileMatrix _matrix = new(hub, output);

    [Fact]
    public async Task AnyMethod_MessageOver16MiB_ResourceExhaustedNothingStored()
    {
        await _matrix.RunAsync("17 MiB message", async (method, caller) =>
        {
            var error = await RawCalls.FailAsync(_matrix.Invoker(caller), method, HostileRequests.UnknownBytes(Limit + (1024 * 1024)));
            RawCalls.AssertRefused(error, StatusCode.ResourceExhausted, "MESSAGE_TOO_LARGE", method.FullName);
            return [error];
        });
    }

    public static TheoryData<string, int, byte, string, string> BadPrefixes => new()
    {
        // case, length prefix relative to the message (int.MaxValue: 4 GiB), flag, grpc-encoding, expected reason
        { "length prefix 4 GiB", int.MaxValue, 0, "", "MESSAGE_TOO_LARGE" },
        { "length prefix beyond the body", 10, 0, "", "MALFORMED_MESSAGE" },
        { "length prefix short of the message", -3, 0, "", "MALFORMED_MESSAGE" },
        { "compressed flag without grpc-encoding", 0, 1, "", "INTERNAL:MALFORMED_MESSAGE" },
        { "compressed flag with grpc-encoding identity", 0, 1, "identity", "INTERNAL:MALFORMED_MESSAGE" },
        { "flag 0x80", 0, 0x80, "", "MALFORMED_MESSAGE" },
        { "compressed with an encoding the hub does not know", 0, 1, "snappy", "UNIMPLEMENTED:UNSUPPORTED_ENCODING" },
    };

    [Theory]
    [MemberData(nameof(BadPrefixes))]
    public async Task AnyMethod_BadFrameHeader_PreciseStatusNothingStored(string hostileCase, int lengthDelta, byte flag, string encoding, string reason)
    {
        await _matrix.RunAsync(hostileCase, async (method, caller) =>
        {
            byte[] message = [.. HostileRequests.Base(method.InputType, caller).ToByteArray(), .. HostileRequests.UnknownBytes(8)];
            var length = lengthDelta == int.MaxValue ? uint.MaxValue : (uint)(message.Length + lengthDelta);
            using var raw = new RawHttp(hub.Address, hub.CertsFolder, caller);

            var reply = await raw.PostAsync(
                $"/{method.Service.FullName}/{method.Name}", RawHttp.Frame(flag, length, message), encoding.Length == 0 ? [] : [("grpc-encoding", encoding)]);

            // gRPC's compression spec requires INTERNAL for the compressed flag without grpc-encoding; our ErrorInfo says why.
            // An encoding the hub does not support: UNIMPLEMENTED, naming the ones it accepts in grpc-accept-encoding.
            var expected = reason switch { "MESSAGE_TOO_LARGE" => 8, "INTERNAL:MALFORMED_MESSAGE" => 13, "UNIMPLEMENTED:UNSUPPORTED_ENCODING" => 12, _ => 3 };
            var expectedReason = reason[(reason.IndexOf(':', StringComparison.Ordinal) + 1)..];
            Assert.True(reply.GrpcStatus == expected, $"{method.FullName}: {reply.GrpcStatus} {reply.Metadata.GetValueOrDefault("grpc-message")}");
            Assert.Equal(expectedReason, reply.ErrorInfo.Reason);
            Assert.Equal(reply.Metadata["x-request-id"], reply.ErrorInfo.Metadata["request_id"]);
            if (expected == 12)
            {
                Assert.Contains("gzip", reply.Metadata["grpc-accept-encoding"], StringComparison.Ordinal);
            }

            return [new RpcException(new Status((StatusCode)reply.GrpcStatus, reply.Details.Message), new Metadata
            {
                { "grpc-status-details-bin", reply.Details.ToByteArray() },
            })];
        });
    }

    [Fact]
    public async Task AnyMethod_NestedThousandsDeep_InvalidArgumentNothingStored()
    {
        await _matrix.RunAsync("unknown groups nested 5,000 deep", async (method, caller) =>
        {
            byte[] payload = [.. HostileRequests.Base(method.InputType, caller).ToByteArray(), .. HostileRequests.NestedGroups(5000)];
            var error = await RawCalls.FailAsync(_matrix.Invoker(caller), method, payload);
            RawCalls.AssertRefused(error, StatusCode.InvalidArgument, "MALFORMED_MESSAGE", method.FullName);
            return [error];
        });

        // 2,000 levels, twenty times the hub's limit: protobuf's C# writer computes nested sizes
        // again at every level, so serialising deeper Structs costs the test quadratic time.
        await _matrix.RunAsync("Struct nested 2,000 deep", async (method, caller) =>
        {
            var outcomes = new List<RpcException?>();
            foreach (var path in HostileRequests.Find(method.InputType, f => HostileRequests.IsMessage(f, Struct.Descriptor)))
            {
                var request = HostileRequests.Base(method.InputType, caller);
                HostileRequests.Set(request, path, HostileRequests.NestedStruct(2000));
                var last = await RawCalls.FailAsync(_matrix.Invoker(caller), method, request.ToByteArray());
                outcomes.Add(last);
                RawCalls.AssertRefused(last, StatusCode.InvalidArgument, "MALFORMED_MESSAGE", $"{method.FullName} {path}");
            }

            return outcomes;
        });
    }

    [Fact]
    public async Task AnyMethod_64KBOfMetadata_ResourceExhaustedNothingStored()
    {
        await _matrix.RunAsync("64 KB of metadata", async (method, caller) =>
        {
            var metadata = new Metadata { { "x-bulk", new string('m', 64 * 1000) } };
            var error = await RawCalls.FailAsync(_matrix.Invoker(caller), method, HostileRequests.Base(method.InputType, caller).ToByteArray(), metadata);
            RawCalls.AssertRefused(error, StatusCode.ResourceExhausted, "METADATA_TOO_LARGE", method.FullName);
            return [error];
        });
    }
}
