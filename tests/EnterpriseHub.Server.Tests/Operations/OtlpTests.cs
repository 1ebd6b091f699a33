using System.Text;
using EnterpriseHub.Client;
using EnterpriseHub.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EnterpriseHub.Server.Tests.Operations;

/// <summary>Traces over OTLP/HTTP to a collector: a tiny one in the test, accepting POST /v1/traces.</summary>
public sealed class OtlpTests : IAsyncLifetime
{
    private const string Method = "/enterprisehub.v1.EnterpriseDirectory/GetEnterprise";
    private readonly string root = System.IO.Directory.CreateTempSubdirectory("hub-otlp-").FullName;
    private readonly TaskCompletionSource<byte[]> spanOfTheCall = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<byte[]> exports = [];
    private WebApplication collector = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        collector = builder.Build();
        collector.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            var bytes = body.ToArray();
            lock (exports)
            {
                exports.Add(bytes);
            }

            if (Contains(bytes, Method))
            {
                spanOfTheCall.TrySetResult(bytes);
            }

            return Results.Ok();
        });
        await collector.StartAsync();
    }

    [Fact]
    public async Task OtlpEndpointConfigured_ARealCall_ArrivesAsASpanWithoutTheEnterprise()
    {
        var address = collector.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var (hub, hubAddress) = await HubFixture.StartHubAsync(
            root, Path.Combine(root, "certs"), demo: false, $"--Hub:Operations:OtlpEndpoint={address}");
        await using var _ = hub;
        using var client = HubClient.Create(HubClientOptions.FromFolder(hubAddress, Path.Combine(root, "certs"), "tax"));
        var uscc = TestData.NewUscc();
        await client.Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { TestData.Grade(uscc, "otlp-1", "A") } });
        await client.Directory.GetEnterpriseAsync(new GetEnterpriseRequest { Uscc = uscc, Purpose = "ops test", OfficerId = "officer-7" });

        var export = await spanOfTheCall.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await hub.StopAsync();

        Assert.True(Contains(export, "enterprisehub"), "the spans name the service");
        lock (exports)
        {
            Assert.DoesNotContain(exports, e => Contains(e, uscc));
        }
    }

    public async Task DisposeAsync()
    {
        await collector.StopAsync();
        await collector.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(root, recursive: true);
    }

    private static bool Contains(byte[] haystack, string text) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}
