using System.Net;
using System.Text.RegularExpressions;
using EnterpriseHub.V1;
using EnterpriseHub.Web.Notices;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.DependencyInjection;

namespace EnterpriseHub.Web.Tests.Notices;

/// <summary>The inbox page against the real hub: by kind, unread first, mark read with the antiforgery token, one notice; nothing of B.</summary>
[Collection(WebCollection.Name)]
public sealed partial class NoticesPageTests(WebFixture web)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task MarkRead_WithToken_NoticeMovesBehindTheUnreadAndTheHubKnowsThePerson()
    {
        var title = $"Mark {Guid.NewGuid():N}";
        var sequence = await DeliverAsync("li-na", WebFixture.EnterpriseA, title);
        using var client = await web.SignedInAsync("li-na", "en");
        var inbox = await client.GetStringAsync("/notices");
        Assert.Contains(title, inbox, StringComparison.Ordinal);
        Assert.Contains("Policy notices", inbox, StringComparison.Ordinal);

        using var response = await client.PostAsync("/notices?handler=read", Http.Forms.WithToken(inbox, ("sequence", sequence.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        var after = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("marked as read", after, StringComparison.Ordinal);
        var notice = await web.Hub.Client("portal").Proactive.GetNoticeAsync(new GetNoticeRequest
        {
            Uscc = WebFixture.EnterpriseA, ActingFor = WebFixture.EnterpriseA, Sequence = sequence, OfficerId = "test",
        });
        Assert.NotNull(notice.Notice.ReadAt);
        var detail = await client.GetStringAsync($"/notices/{sequence}");
        Assert.Contains("Read on", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkRead_WithoutToken_IsRefused()
    {
        var sequence = await DeliverAsync("li-na", WebFixture.EnterpriseA, $"NoToken {Guid.NewGuid():N}");
        using var client = await web.SignedInAsync("li-na");

        using var response = await client.PostAsync("/notices?handler=read", new FormUrlEncodedContent([new("sequence", sequence.ToString(System.Globalization.CultureInfo.InvariantCulture))]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task NoticeAndMarkRead_WithTheOtherEnterprisesSequence_NotFoundAndItStaysUnread()
    {
        var title = $"Only B {Guid.NewGuid():N}";
        var sequenceOfB = await DeliverAsync("wang-wei", WebFixture.EnterpriseB, title);
        using var client = await web.SignedInAsync("li-na");
        var inbox = await client.GetStringAsync("/notices");

        using var page = await client.GetAsync($"/notices/{sequenceOfB}?uscc={WebFixture.EnterpriseB}");
        using var mark = await client.PostAsync("/notices?handler=read", Http.Forms.WithToken(inbox,
            ("sequence", sequenceOfB.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("uscc", WebFixture.EnterpriseB)));

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain(title, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(title, await mark.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(title, inbox, StringComparison.Ordinal);
        var notice = await web.Hub.Client("portal").Proactive.GetNoticeAsync(new GetNoticeRequest
        {
            Uscc = WebFixture.EnterpriseB, ActingFor = WebFixture.EnterpriseB, Sequence = sequenceOfB, OfficerId = "test",
        });
        Assert.Null(notice.Notice.ReadAt);
    }

    [Fact]
    public async Task Notices_UnreadAndRead_UnreadFirstInItsKind()
    {
        var id = Guid.NewGuid().ToString("N");
        var older = await DeliverAsync("li-na", WebFixture.EnterpriseA, $"Older {id}");
        await DeliverAsync("li-na", WebFixture.EnterpriseA, $"Newer {id}");
        using var client = await web.SignedInAsync("li-na");
        var inbox = await client.GetStringAsync("/notices");
        using var _ = await client.PostAsync("/notices?handler=read", Http.Forms.WithToken(inbox, ("sequence", older.ToString(System.Globalization.CultureInfo.InvariantCulture))));

        var page = await client.GetStringAsync("/notices");

        var newer = page.IndexOf($"Newer {id}", StringComparison.Ordinal);
        var read = page.IndexOf($"Older {id}", StringComparison.Ordinal);
        Assert.True(newer > 0 && read > newer);
        Assert.Matches(AriaLive(), page);
    }

    /// <summary>Publishes a policy for one enterprise and waits until its page's stream has it; returns its sequence.</summary>
    private async Task<long> DeliverAsync(string user, string uscc, string title)
    {
        await web.Services.GetRequiredService<NoticeWatcher>().Started.Task.WaitAsync(Timeout);
        using var client = await web.SignedInAsync(user);
        await using var stream = await EventStream.OpenAsync(client);
        var now = DateTimeOffset.UtcNow;
        await web.Hub.Client("hrss").Proactive.PublishPolicyAsync(new PublishPolicyRequest
        {
            PolicyId = $"page-{Guid.NewGuid():N}"[..30],
            Kind = NoticeKind.Notice,
            Title = title,
            Body = "Test notice.",
            Condition = $"uscc == \"{uscc}\"",
            ValidFrom = Timestamp.FromDateTimeOffset(now.AddDays(-1)),
            ValidUntil = Timestamp.FromDateTimeOffset(now.AddDays(30)),
        });
        while (true)
        {
            var (id, data) = await stream.NextNoticeAsync(Timeout);
            if (data.GetProperty("title").GetString() == title)
            {
                return id;
            }
        }
    }

    [GeneratedRegex("id=\"notices-live\"[^>]*aria-live=\"polite\"")]
    private static partial Regex AriaLive();
}
