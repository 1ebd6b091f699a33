using EnterpriseHub.Client;
using EnterpriseHub.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace EnterpriseHub.Server.Tests.Edge;

/// <summary>A timestamp outside what google.protobuf.Timestamp allows is the caller's mistake: INVALID_ARGUMENT naming the field.</summary>
public sealed class TimestampTests(EdgeFixture hub) : IClassFixture<EdgeFixture>
{
    public static TheoryData<long, int> OutOfRange => new()
    {
        { 253402300800L, 0 },        // 10000-01-01
        { -62135596801L, 0 },        // before 0001-01-01
        { 1_800_000_000L, 1_000_000_000 },
        { 1_800_000_000L, -1 },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public async Task RequestGrant_WantedUntilOutOfRange_InvalidArgumentNamingTheField(long seconds, int nanos)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => hub.Client("tax").Catalog.RequestGrantAsync(new RequestGrantRequest
        {
            FactType = "amr.declared_address", Purpose = "audit of addresses", LegalBasis = "tax law art. 1",
            WantedUntil = new Timestamp { Seconds = seconds, Nanos = nanos },
        }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("wanted_until", error.FieldViolations().Select(v => v.Field));
    }

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public async Task DecideGrant_ExpireTimeOutOfRange_InvalidArgumentNamingTheField(long seconds, int nanos)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => hub.Client("amr").Catalog.DecideGrantAsync(new DecideGrantRequest
        {
            GrantId = 1, Approve = true, Reason = "ok",
            ExpireTime = new Timestamp { Seconds = seconds, Nanos = nanos },
        }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("expire_time", error.FieldViolations().Select(v => v.Field));
    }
}
