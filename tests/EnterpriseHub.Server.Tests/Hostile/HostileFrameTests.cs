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
/// its precise status with the hub's ErrorInfo (never UNKNOWN, never INTERNAL), nothing of it is
/// stored, and an ordinary call succeeds right after. Random and truncated bytes and invalid UTF-8
/// are sent to every method by <see cref="MalformedRequestTests"/>.
/// </summary>
public sealed class HostileFrameTests(EdgeFixture hub, ITestOutputHelper output) : IClassFixture<EdgeFixture>
{
    private const int Limit = 16 * 1024 * 1024;

    private readonly HostileMatrix _matrix = new(hub, output);

    [Fact]
    public async Task AnyMethod_MessageOver16MiB_ResourceExhaustedNothingStored()
    {
        await RunAsync("17 MiB message", async (method, caller) =>
        {
            var error = await RawCalls.FailAsync(Invoker(caller), method, HostileRequests.UnknownBytes(Limit + (1024 * 1024)));
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
        await RunAsync(hostileCase, async (method, caller) =>
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
        await RunAsync("unknown groups nested 5,000 deep", async (method, caller) =>
        {
            byte[] payload = [.. HostileRequests.Base(method.InputType, caller).ToByteArray(), .. HostileRequests.NestedGroups(5000)];
            var error = await RawCalls.FailAsync(Invoker(caller), method, payload);
            RawCalls.AssertRefused(error, StatusCode.InvalidArgument, "MALFORMED_MESSAGE", method.FullName);
            return [error];
        });

        // 2,000 levels, twenty times the hub's limit: protobuf's C# writer computes nested sizes
        // again at every level, so serialising deeper Structs costs the test quadratic time.
        await RunAsync("Struct nested 2,000 deep", async (method, caller) =>
        {
            var outcomes = new List<RpcException?>();
            foreach (var path in HostileRequests.Find(method.InputType, f => HostileRequests.IsMessage(f, Struct.Descriptor)))
            {
                var request = HostileRequests.Base(method.InputType, caller);
                HostileRequests.Set(request, path, HostileRequests.NestedStruct(2000));
                var last = await RawCalls.FailAsync(Invoker(caller), method, request.ToByteArray());
                outcomes.Add(last);
                RawCalls.AssertRefused(last, StatusCode.InvalidArgument, "MALFORMED_MESSAGE", $"{method.FullName} {path}");
            }

            return outcomes;
        });
    }

    [Fact]
    public async Task AnyMethod_64KBOfMetadata_ResourceExhaustedNothingStored()
    {
        await RunAsync("64 KB of metadata", async (method, caller) =>
        {
            var metadata = new Metadata { { "x-bulk", new string('m', 64 * 1000) } };
            var error = await RawCalls.FailAsync(Invoker(caller), method, HostileRequests.Base(method.InputType, caller).ToByteArray(), metadata);
            RawCalls.AssertRefused(error, StatusCode.ResourceExhausted, "METADATA_TOO_LARGE", method.FullName);
            return [error];
        });
    }

    public static TheoryData<long, int> OutOfRange => new()
    {
        { 253402300800L, 0 },        // 10000-01-01
        { -62135596801L, 0 },        // before 0001-01-01
        { 1_800_000_000L, 1_000_000_000 },
        { 1_800_000_000L, -1 },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public async Task AnyMethod_TimestampOutOfRange_InvalidArgumentNamingTheFieldNothingStored(long seconds, int nanos)
    {
        await RunAsync($"timestamp {seconds}s {nanos}ns", async (method, caller) =>
        {
            var outcomes = new List<RpcException?>();
            foreach (var path in HostileRequests.Find(method.InputType, f => HostileRequests.IsMessage(f, Timestamp.Descriptor)))
            {
                var request = HostileRequests.Base(method.InputType, caller);
                HostileRequests.Set(request, path, new Timestamp { Seconds = seconds, Nanos = nanos });
                var last = await RawCalls.FailAsync(Invoker(caller), method, request.ToByteArray());
                outcomes.Add(last);
                AssertInvalidArgument(last, $"{method.FullName} {path}");
                Assert.Contains(last.FieldViolations(), v => v.Field.EndsWith(path.Last.Name, StringComparison.Ordinal));
            }

            return outcomes;
        });
    }

    public static TheoryData<long, int> ExtremeButValid => new()
    {
        { -62135596800L, 0 },                // 0001-01-01T00:00:00Z
        { 253402300799L, 999_999_999 },      // 9999-12-31T23:59:59.999999999Z
        { 0, 0 },
    };

    [Theory]
    [MemberData(nameof(ExtremeButValid))]
    public async Task AnyMethod_ExtremeValidTimestamp_NeverUnknownOrInternalNothingStored(long seconds, int nanos)
    {
        await RunAsync($"timestamp {seconds}s {nanos}ns", async (method, caller) =>
        {
            var outcomes = new List<RpcException?>();
            foreach (var path in HostileRequests.Find(method.InputType, f => HostileRequests.IsMessage(f, Timestamp.Descriptor)))
            {
                var request = HostileRequests.Base(method.InputType, caller);
                HostileRequests.Set(request, path, new Timestamp { Seconds = seconds, Nanos = nanos });
                var last = await RawCalls.OutcomeAsync(Invoker(caller), method, request.ToByteArray());
                outcomes.Add(last);
                AssertCallersError(last, $"{method.FullName} {path}");
            }

            return outcomes;
        });
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    [InlineData(501)]
    [InlineData(int.MaxValue)]
    public async Task AnyMethod_ExtremePageSize_InvalidArgumentNamingPageSizeNothingStored(int pageSize)
    {
        await RunAsync($"page_size {pageSize}", async (method, caller) =>
        {
            var outcomes = new List<RpcException?>();
            foreach (var path in HostileRequests.Find(method.InputType, f => f.Name == "page_size" && f.FieldType == FieldType.Int32))
            {
                var request = HostileRequests.Base(method.InputType, caller);
                HostileRequests.Set(request, path, pageSize);
                var last = await RawCalls.FailAsync(Invoker(caller), method, request.ToByteArray());
                outcomes.Add(last);
                AssertInvalidArgument(last, $"{method.FullName} {path}");
                Assert.Contains(last.FieldViolations(), v => v.Field == "page_size");
            }

            return outcomes;
        });
    }

    [Fact]
    public async Task AnyMethod_RepeatedFieldOf100000Elements_CallersErrorOrOkNothingStored()
    {
        await RunAsync("100,000 repeated elements", async (method, caller) =>
        {
            var outcomes = new List<RpcException?>();
            foreach (var path in HostileRequests.Find(method.InputType, f => f.IsRepeated))
            {
                var request = HostileRequests.Base(method.InputType, caller);
                HostileRequests.Set(request, path, HostileRequests.Elements(path.Last, 100_000));
                var last = await RawCalls.OutcomeAsync(Invoker(caller), method, request.ToByteArray());
                outcomes.Add(last);
                AssertCallersError(last, $"{method.FullName} {path}");
            }

            return outcomes;
        });
    }

    [Fact]
    public async Task AnyMethod_StructOf100000Attributes_CallersErrorNothingStored()
    {
        await RunAsync("Struct of 100,000 attributes", async (method, caller) =>
        {
            var outcomes = new List<RpcException?>();
            foreach (var path in HostileRequests.Find(method.InputType, f => HostileRequests.IsMessage(f, Struct.Descriptor)))
            {
                var request = HostileRequests.Base(method.InputType, caller);
                HostileRequests.Set(request, path, HostileRequests.WideStruct(100_000));
                var last = await RawCalls.OutcomeAsync(Invoker(caller), method, request.ToByteArray());
                outcomes.Add(last);
                AssertCallersError(last, $"{method.FullName} {path}");
            }

            return outcomes;
        });
    }

    [Fact]
    public async Task PublishFacts_LicenceWith100000ExtraAttributes_InvalidArgumentNothingStored()
    {
        await _matrix.EnsureEnterpriseAsync();
        var before = await _matrix.StateAsync();
        var draft = TestData.Licence(TestData.NewUscc(), "wide-1");
        foreach (var (key, value) in HostileRequests.WideStruct(100_000).Fields)
        {
            draft.Attributes.Fields[key] = value;
        }

        var unary = await Assert.ThrowsAsync<RpcException>(() =>
            hub.Client("amr").Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { draft } }).ResponseAsync);
        await _matrix.AfterAsync("licence with 100,000 attributes", FactExchange.Descriptor.FindMethodByName("PublishFacts"), unary);
        var streamed = await RawCalls.FailAsync(
            Invoker("amr"), FactExchange.Descriptor.FindMethodByName("PublishFactStream"), new PublishFactStreamRequest { Facts = { draft } }.ToByteArray());
        await _matrix.AfterAsync("licence with 100,000 attributes", FactExchange.Descriptor.FindMethodByName("PublishFactStream"), streamed);

        foreach (var error in new[] { unary, streamed })
        {
            AssertInvalidArgument(error, "100,000 attributes");
            Assert.InRange(error.FieldViolations().Count, 1, 101);
            Assert.EndsWith("facts[0].attributes", error.FieldViolations()[0].Field, StringComparison.Ordinal);
        }

        await _matrix.AssertNothingStoredAsync(before, "licence with 100,000 attributes");
    }

    /// <summary>INVALID_ARGUMENT with the hub's ErrorInfo and request id and a BadRequest (whatever its reason).</summary>
    private static void AssertInvalidArgument(RpcException error, string because)
    {
        Assert.True(error.StatusCode == StatusCode.InvalidArgument, $"{because}: {error.StatusCode} {error.Status.Detail}");
        var info = error.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>();
        Assert.True(info is { Domain: "enterprisehub.v1" }, $"{because}: no ErrorInfo");
        Assert.Equal(error.Trailers.GetValue("x-request-id"), info.Metadata["request_id"]);
        Assert.NotEmpty(error.FieldViolations());
    }

    /// <summary>A caller's error (or success): never UNKNOWN, INTERNAL or a deadline; a refusal carries the hub's ErrorInfo.</summary>
    private static void AssertCallersError(RpcException? outcome, string because)
    {
        if (outcome is null)
        {
            return;
        }

        Assert.True(
            outcome.StatusCode is not (StatusCode.Unknown or StatusCode.Internal or StatusCode.DeadlineExceeded or StatusCode.Unavailable or StatusCode.Cancelled),
            $"{because}: {outcome.StatusCode} {outcome.Status.Detail}");
        var info = outcome.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>();
        Assert.True(info is { Domain: "enterprisehub.v1" }, $"{because}: {outcome.StatusCode} without the hub's ErrorInfo");
    }

    private CallInvoker Invoker(string caller) => hub.Client(caller).Channel.CreateCallInvoker();

    private async Task RunAsync(string hostileCase, Func<Google.Protobuf.Reflection.MethodDescriptor, string, Task<List<RpcException?>>> call)
    {
        await _matrix.EnsureEnterpriseAsync();
        var before = await _matrix.StateAsync();
        foreach (var (method, caller) in await _matrix.MethodsAsync())
        {
            // A method whose request has no field for the case is left out (no outcomes).
            foreach (var outcome in await call(method, caller))
            {
                await _matrix.AfterAsync(hostileCase, method, outcome);
            }
        }

        await _matrix.AssertNothingStoredAsync(before, hostileCase);
    }
}
