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
/// Extreme values in the fields of every method's request: timestamps outside (and at the edges
/// of) what google.protobuf.Timestamp allows, page sizes out of range, repeated fields and Structs
/// of 100,000 elements, a fact with 100,000 attributes. Each gets a caller's error with the hub's
/// ErrorInfo (the precise one where the hub has a rule for it), nothing is stored, and an ordinary
/// call succeeds after each.
/// </summary>
public sealed class HostileFieldTests(EdgeFixture hub, ITestOutputHelper output) : IClassFixture<EdgeFixture>
{
    private readonly HostileMatrix _matrix = new(hub, output);

    [Theory]
    [MemberData(nameof(TimestampTests.OutOfRange), MemberType = typeof(TimestampTests))]
    public async Task AnyMethod_TimestampOutOfRange_InvalidArgumentNamingTheFieldNothingStored(long seconds, int nanos)
    {
        await _matrix.RunAsync($"timestamp {seconds}s {nanos}ns", async (method, caller) =>
        {
            var outcomes = new List<RpcException?>();
            foreach (var path in HostileRequests.Find(method.InputType, f => HostileRequests.IsMessage(f, Timestamp.Descriptor)))
            {
                var request = HostileRequests.Base(method.InputType, caller);
                HostileRequests.Set(request, path, new Timestamp { Seconds = seconds, Nanos = nanos });
                var last = await RawCalls.FailAsync(_matrix.Invoker(caller), method, request.ToByteArray());
                outcomes.Add(last);
                HostileMatrix.AssertInvalidArgument(last, $"{method.FullName} {path}");
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
        await _matrix.RunAsync($"timestamp {seconds}s {nanos}ns", async (method, caller) =>
        {
            var outcomes = new List<RpcException?>();
            foreach (var path in HostileRequests.Find(method.InputType, f => HostileRequests.IsMessage(f, Timestamp.Descriptor)))
            {
                var request = HostileRequests.Base(method.InputType, caller);
                HostileRequests.Set(request, path, new Timestamp { Seconds = seconds, Nanos = nanos });
                var last = await RawCalls.OutcomeAsync(_matrix.Invoker(caller), method, request.ToByteArray());
                outcomes.Add(last);
                HostileMatrix.AssertCallersError(last, $"{method.FullName} {path}");
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
        await _matrix.RunAsync($"page_size {pageSize}", async (method, caller) =>
        {
            var outcomes = new List<RpcException?>();
            foreach (var path in HostileRequests.Find(method.InputType, f => f.Name == "page_size" && f.FieldType == FieldType.Int32))
            {
                var request = HostileRequests.Base(method.InputType, caller);
                HostileRequests.Set(request, path, pageSize);
                var last = await RawCalls.FailAsync(_matrix.Invoker(caller), method, request.ToByteArray());
                outcomes.Add(last);
                HostileMatrix.AssertInvalidArgument(last, $"{method.FullName} {path}");
                Assert.Contains(last.FieldViolations(), v => v.Field == "page_size");
            }

            return outcomes;
        });
    }

    [Fact]
    public async Task AnyMethod_RepeatedFieldOf100000Elements_CallersErrorOrOkNothingStored()
    {
        await _matrix.RunAsync("100,000 repeated elements", async (method, caller) =>
        {
            var outcomes = new List<RpcException?>();
            foreach (var path in HostileRequests.Find(method.InputType, f => f.IsRepeated))
            {
                var request = HostileRequests.Base(method.InputType, caller);
                HostileRequests.Set(request, path, HostileRequests.Elements(path.Last, 100_000));
                var last = await RawCalls.OutcomeAsync(_matrix.Invoker(caller), method, request.ToByteArray());
                outcomes.Add(last);
                HostileMatrix.AssertCallersError(last, $"{method.FullName} {path}");
            }

            return outcomes;
        });
    }

    [Fact]
    public async Task AnyMethod_StructOf100000Attributes_CallersErrorNothingStored()
    {
        await _matrix.RunAsync("Struct of 100,000 attributes", async (method, caller) =>
        {
            var outcomes = new List<RpcException?>();
            foreach (var path in HostileRequests.Find(method.InputType, f => HostileRequests.IsMessage(f, Struct.Descriptor)))
            {
                var request = HostileRequests.Base(method.InputType, caller);
                HostileRequests.Set(request, path, HostileRequests.WideStruct(100_000));
                var last = await RawCalls.OutcomeAsync(_matrix.Invoker(caller), method, request.ToByteArray());
                outcomes.Add(last);
                HostileMatrix.AssertCallersError(last, $"{method.FullName} {path}");
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
            _matrix.Invoker("amr"), FactExchange.Descriptor.FindMethodByName("PublishFactStream"), new PublishFactStreamRequest { Facts = { draft } }.ToByteArray());
        await _matrix.AfterAsync("licence with 100,000 attributes", FactExchange.Descriptor.FindMethodByName("PublishFactStream"), streamed);

        foreach (var error in new[] { unary, streamed })
        {
            HostileMatrix.AssertInvalidArgument(error, "100,000 attributes");
            Assert.InRange(error.FieldViolations().Count, 1, 101);
            Assert.EndsWith("facts[0].attributes", error.FieldViolations()[0].Field, StringComparison.Ordinal);
        }

        await _matrix.AssertNothingStoredAsync(before, "licence with 100,000 attributes");
    }
}
