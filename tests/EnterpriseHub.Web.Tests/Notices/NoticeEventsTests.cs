using System.Net;
using EnterpriseHub.V1;
using EnterpriseHub.Web.Notices;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.DependencyInjection;

namespace EnterpriseHub.Web.Tests.Notices;

/// <summary>
/// The live notices endpoint against the real hub: a policy a department publishes reaches the
/// open stream of its enterprise, never another's; a page that reconnects with Last-Event-ID gets
/// what it missed; no one signed out gets a stream; a stopping instance ends its streams.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class NoticeEventsTests(WebFixture web)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Events_NotSignedIn_NoStream()
    {
        using var client = web.Browser(null, followRedirects: false);

        using var response = await client.GetAsync("/notices/events", HttpCompletionOption.ResponseHeadersRead);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual("text/event-stream", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Events_InstanceStopping_EndsTheOpenStreamSoTheStopDoesNotWaitForIt()
    {
        var app = await web.StartWebAsync(web.Hub.Address.ToString());
        await using var _ = app;
        var (main, signIn) = WebFixture.AddressesOf(app);
        using var client = web.Browser(web.UserCertificate("li-na"), main: main);
        (await client.GetAsync(signIn)).EnsureSuccessStatusCode();
        await using var stream = await EventStream.OpenAsync(client);

        var stopping = app.StopAsync();

        // Well inside the host's 30 s shutdown timeout, after which Kestrel would end a stream left open.
        var patience = TimeSpan.FromSeconds(15);
        await Assert.ThrowsAsync<EndOfStreamException>(() => stream.NextNoticeAsync(patience));
        await stopping.WaitAsync(patience);
    }

    [Fact]
    public async Task Events_NoticesOfBothEnterprises_EachPageGetsOnlyItsOwn()
    {
        await WatcherStartedAsync();
        using var a = await web.SignedInAsync("li-na");
        using var b = await web.SignedInAsync("wang-wei");
        await using var streamA = await EventStream.OpenAsync(a);
        await using var streamB = await EventStream.OpenAsync(b);
        var id = Guid.NewGuid().ToString("N")[..12];

        // B's first: had it leaked, it would be the first event on A's stream.
        await PublishAsync($"b-{id}", WebFixture.EnterpriseB, $"For B {id}");
        await PublishAsync($"a-{id}", WebFixture.EnterpriseA, $"For A {id}");

        var (_, onA) = await streamA.NextNoticeAsync(Timeout);
        var (_, onB) = await streamB.NextNoticeAsync(Timeout);
        Assert.Equal($"For A {id}", onA.GetProperty("title").GetString());
        Assert.Equal($"For B {id}", onB.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Events_ReconnectWithLastEventId_SendsWhatWasMissedInOrder()
    {
        await WatcherStartedAsync();
        using var page = await web.SignedInAsync("li-na");
        using var watcher = await web.SignedInAsync("li-na");
        await using var observer = await EventStream.OpenAsync(watcher);
        var id = Guid.NewGuid().ToString("N")[..12];
        long seen;
        await using (var first = await EventStream.OpenAsync(page))
        {
            await PublishAsync($"one-{id}", WebFixture.EnterpriseA, $"One {id}");
            seen = (await first.NextNoticeAsync(Timeout)).Id;
            await observer.NextNoticeAsync(Timeout);
        }

        // While the page is away, two more; the observer's stream shows they have been delivered.
        await PublishAsync($"two-{id}", WebFixture.EnterpriseA, $"Two {id}");
        await PublishAsync($"three-{id}", WebFixture.EnterpriseA, $"Three {id}");
        await observer.NextNoticeAsync(Timeout);
        await observer.NextNoticeAsync(Timeout);

        await using var resumed = await EventStream.OpenAsync(page, seen);
        var (twoId, two) = await resumed.NextNoticeAsync(Timeout);
        var (threeId, three) = await resumed.NextNoticeAsync(Timeout);

        Assert.Equal($"Two {id}", two.GetProperty("title").GetString());
        Assert.Equal($"Three {id}", three.GetProperty("title").GetString());
        Assert.True(seen < twoId && twoId < threeId);
    }

    [Fact]
    public async Task Events_LastEventIdFarBack_CatchesUpWithItsOwnEnterprisesNoticesOnly()
    {
        await WatcherStartedAsync();
        var id = Guid.NewGuid().ToString("N")[..12];
        using var page = await web.SignedInAsync("li-na");
        using var other = await web.SignedInAsync("wang-wei");
        await using var observerA = await EventStream.OpenAsync(await web.SignedInAsync("li-na"));
        await using var observerB = await EventStream.OpenAsync(other);
        await PublishAsync($"far-b-{id}", WebFixture.EnterpriseB, $"Far B {id}");
        await PublishAsync($"far-a-{id}", WebFixture.EnterpriseA, $"Far A {id}");
        await observerB.NextNoticeAsync(Timeout);
        await observerA.NextNoticeAsync(Timeout);

        // Last-Event-ID 1 reaches back before the instance's stream began: the inbox answers.
        await using var resumed = await EventStream.OpenAsync(page, 1);
        var titles = new List<string>();
        while (!titles.Contains($"Far A {id}"))
        {
            titles.Add((await resumed.NextNoticeAsync(Timeout)).Data.GetProperty("title").GetString()!);
        }

        Assert.DoesNotContain($"Far B {id}", titles);
        Assert.DoesNotContain(titles, t => t.StartsWith("For B", StringComparison.Ordinal));
    }

    private Task WatcherStartedAsync() =>
        web.Services.GetRequiredService<NoticeWatcher>().Started.Task.WaitAsync(Timeout);

    private async Task PublishAsync(string policyId, string uscc, string title)
    {
        var now = DateTimeOffset.UtcNow;
        await web.Hub.Client("hrss").Proactive.PublishPolicyAsync(new PublishPolicyRequest
        {
            PolicyId = policyId,
            Kind = NoticeKind.Notice,
            Title = title,
            Body = "Test notice.",
            Condition = $"uscc == \"{uscc}\"",
            ValidFrom = Timestamp.FromDateTimeOffset(now.AddDays(-1)),
            ValidUntil = Timestamp.FromDateTimeOffset(now.AddDays(30)),
        });
    }
}
