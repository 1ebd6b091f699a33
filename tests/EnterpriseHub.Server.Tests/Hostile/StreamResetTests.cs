using EnterpriseHub.Server.Tests.Edge;
using EnterpriseHub.V1;
using Grpc.Core;
using Serilog.Events;

namespace EnterpriseHub.Server.Tests.Hostile;

/// <summary>
/// A client that resets its request stream while the hub reads it (a cancelled bulk upload, a
/// closed reflection session) has cancelled its call: the request log says CANCELLED and the hub
/// logs no error and no stack trace, however the reset races the hub's own cancellation.
/// </summary>
public sealed class StreamResetTests(EdgeFixture hub) : IClassFixture<EdgeFixture>
{
    private const int Calls = 30;

    [Fact]
    public async Task PublishFactStream_ClientResetsWhileTheHubReads_CancelledWithoutAnErrorLogged()
    {
        var client = hub.Client("amr");
        for (var i = 0; i < Calls; i++)
        {
            using var call = client.Exchange.PublishFactStream(cancellationToken: CancellationToken.None);
            await call.RequestStream.WriteAsync(new PublishFactStreamRequest { Facts = { TestData.Licence(TestData.NewUscc(), $"reset-{i}") } });
            Assert.True(await call.ResponseStream.MoveNext());
            // Dispose without completing the request stream: the client sends RST_STREAM(CANCEL) while the hub waits for the next chunk.
        }

        await hub.Sink.WaitForAsync(sink => Completed(sink).Count == Calls, TimeSpan.FromSeconds(30));

        Assert.DoesNotContain(hub.Sink.Events, e => e.Level >= LogEventLevel.Error || e.Exception is not null);
        Assert.All(Completed(hub.Sink), e => Assert.Equal("Cancelled", e.Properties["StatusCode"].ToString()));
    }

    [Fact]
    public async Task ServerReflectionInfo_ClientHalfClosesThenResets_NoErrorLogged()
    {
        var client = hub.Client("hrss");
        for (var i = 0; i < Calls; i++)
        {
            // What grpcurl and the access tests do: ask, read the answer, half-close, and leave at once.
            var reflection = new Grpc.Reflection.V1Alpha.ServerReflection.ServerReflectionClient(client.Channel);
            using var call = reflection.ServerReflectionInfo();
            await call.RequestStream.WriteAsync(new Grpc.Reflection.V1Alpha.ServerReflectionRequest { ListServices = "" });
            Assert.True(await call.ResponseStream.MoveNext());
            await call.RequestStream.CompleteAsync();
        }

        await hub.Sink.WaitForAsync(sink => Completed(sink, Reflection).Count == Calls, TimeSpan.FromSeconds(30));

        Assert.DoesNotContain(hub.Sink.Events, e => e.Level >= LogEventLevel.Error || e.Exception is not null);
        Assert.All(Completed(hub.Sink, Reflection), e => Assert.Contains(e.Properties["StatusCode"].ToString(), new[] { "OK", "Cancelled" }));
    }

    private const string Reflection = "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo";

    private static List<LogEvent> Completed(CapturingSink sink, string method = "/enterprisehub.v1.FactExchange/PublishFactStream") =>
        sink.WithEventId(2001).Where(e => e.Properties["Method"].ToString() == $"\"{method}\"").ToList();
}
