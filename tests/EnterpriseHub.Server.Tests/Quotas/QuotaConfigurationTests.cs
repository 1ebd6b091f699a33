extern alias server;

using HubConfigurationException = server::EnterpriseHub.Server.Hosting.HubConfigurationException;

namespace EnterpriseHub.Server.Tests.Quotas;

/// <summary>Quotas and connection limits are checked at start, every problem listed at once.</summary>
public sealed class QuotaConfigurationTests : IDisposable
{
    private readonly string root = System.IO.Directory.CreateTempSubdirectory("hub-quotas-").FullName;

    [Fact]
    public async Task BuildAsync_BadQuotasAndLimits_ListsEveryProblem()
    {
        var error = await Assert.ThrowsAsync<HubConfigurationException>(() => HubFixture.StartHubAsync(
            root, Path.Combine(root, "certs"), demo: false,
            "--Hub:Quotas:Read:PerSecond=-1",
            "--Hub:Quotas:Publish:Burst=0",
            "--Hub:Quotas:MaxStreamsPerIdentity=-2",
            "--Hub:Quotas:Reads:PerSecond=5",
            "--Hub:Quotas:Callers:Tax!:Read:PerSecond=5",
            "--Hub:Quotas:Callers:customs:MaxStreams=-1",
            "--Hub:Quotas:Callers:customs:Watch:PerSecnd=1",
            "--Hub:Limits:MaxStreamsPerConnection=0",
            "--Hub:Limits:HandshakeTimeoutSeconds=0",
            "--Hub:Limits:KeepAlivePingDelaySeconds=0.5"));

        string[] expected =
        [
            "Hub:Quotas:Read:PerSecond must be 0 (no limit) or between 0.001 and 1000000.",
            "Hub:Quotas:Publish:Burst must be between 1 and 10000000.",
            "Hub:Quotas:MaxStreamsPerIdentity must be 0 (no limit) or up to 100000.",
            "Hub:Quotas:Reads is not a quota setting",
            "Hub:Quotas:Callers:Tax!: 'Tax!' is not an identity code",
            "Hub:Quotas:Callers:customs:MaxStreams must be 0 (no limit) or up to 100000.",
            "Hub:Quotas:Callers:customs:Watch:PerSecnd is not a quota setting",
            "Hub:Limits:MaxStreamsPerConnection must be between 1 and 10000.",
            "Hub:Limits:HandshakeTimeoutSeconds must be between 0.1 and 3600 seconds.",
            "Hub:Limits:KeepAlivePingDelaySeconds must be 0 (no pings) or between 1 and 3600 seconds.",
        ];
        Assert.All(expected, e => Assert.Contains(error.Problems, p => p.StartsWith(e, StringComparison.Ordinal)));
        Assert.Equal(expected.Length, error.Problems.Count);
    }

    public void Dispose() => System.IO.Directory.Delete(root, recursive: true);
}
