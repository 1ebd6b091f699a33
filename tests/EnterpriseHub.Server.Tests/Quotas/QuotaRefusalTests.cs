using System.Net;
using EnterpriseHub.Server.Tests.Edge;
using EnterpriseHub.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace EnterpriseHub.Server.Tests.Quotas;

/// <summary>
/// What a refusal over a quota is and is not: one kind's bucket only (publishing goes on when
/// reads run out), one chunk of a publish stream (the earlier ones stay stored), and a gRPC status
/// on HTTP 200, never an HTTP 429.
/// </summary>
public sealed class QuotaRefusalTests(QuotaFixture hub) : IClassFixture<QuotaFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PublishFacts_ReadBucketExhausted_StillPublishes()
    {
        // court's reads refill once in 100 s: still empty after the publish, however slow the machine.
        var court = hub.Client("court");
        await QuotaFixture.ExhaustAsync(court);

        var published = await court.Exchange.PublishFactsAsync(new PublishFactsRequest
        {
            Facts =
            {
                TestData.Draft(TestData.NewUscc("440305"), "court.dishonest_debtor", "quota-kind-1",
                    ("case_number", Value.ForString("(2026)粤0305执1号")), ("court", Value.ForString("南山区人民法院"))),
            },
        });
        var stillRefused = await Assert.ThrowsAsync<RpcException>(() => court.Directory.GetEnterpriseAsync(QuotaFixture.Read()).ResponseAsync);

        Assert.True(published.Results.Single().Sequence > 0);
        Assert.Equal(StatusCode.ResourceExhausted, stillRefused.StatusCode);
    }

    [Fact]
    public async Task PublishFactStream_ChunksOverThePublishQuota_EarlierChunksStoredAndTheNextRefused()
    {
        using var timeout = new CancellationTokenSource(Patience);
        using var call = hub.Client("hrss").Exchange.PublishFactStream(cancellationToken: timeout.Token);
        var acknowledged = new List<long>();
        RpcException? refused = null;
        try
        {
            for (var chunk = 1; chunk <= 3; chunk++)
            {
                await call.RequestStream.WriteAsync(new PublishFactStreamRequest
                {
                    Facts = { TestData.Headcount(TestData.NewUscc(), $"quota-stream-{chunk}", 10 + chunk) },
                }, timeout.Token);
                Assert.True(await call.ResponseStream.MoveNext(timeout.Token));
                acknowledged.Add(call.ResponseStream.Current.Chunk);
            }
        }
        catch (RpcException error)
        {
            refused = error;
        }

        Assert.Equal([1L, 2L], acknowledged);
        Assert.NotNull(refused);
        refused.AssertQuotaRefusal("QUOTA_EXCEEDED", "hrss", "publish calls: 0.01 per second, burst 2");
    }

    [Fact]
    public async Task GetEnterprise_OverQuota_IsAGrpcStatusOnHttp200NotAnHttp429()
    {
        await QuotaFixture.ExhaustAsync(hub.Client("court"));
        using var raw = new RawHttp(hub.Address, hub.CertsFolder, "court");
        var message = QuotaFixture.Read().ToByteArray();

        var reply = await raw.PostAsync("/enterprisehub.v1.EnterpriseDirectory/GetEnterprise", RawHttp.Frame(0, (uint)message.Length, message));

        Assert.Equal(HttpStatusCode.OK, reply.HttpStatus);
        Assert.Equal((int)StatusCode.ResourceExhausted, reply.GrpcStatus);
        Assert.Equal("QUOTA_EXCEEDED", reply.ErrorInfo.Reason);
        var details = reply.Details.Details;
        Assert.Equal("court", details.Single(d => d.Is(QuotaFailure.Descriptor)).Unpack<QuotaFailure>().Violations.Single().Subject);
        Assert.True(details.Single(d => d.Is(RetryInfo.Descriptor)).Unpack<RetryInfo>().RetryDelay.ToTimeSpan() > TimeSpan.Zero);
    }
}
