using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using EnterpriseHub.V1;
using EnterpriseHub.Web.Notices;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EnterpriseHub.Web.Tests.Browser;

/// <summary>
/// The inbox in chromium: a notice a department publishes appears on the open page without a
/// reload and is announced in the aria-live region; a keyboard-only path signs in and marks a
/// notice read; axe finds no serious or critical violation on any page.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class NoticesBrowserTests(WebFixture web) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync() => (_playwright, _browser) = await Chromium.LaunchAsync();

    [Fact]
    public async Task Browser_PolicyPublishedWhileTheInboxIsOpen_AppearsAndIsAnnounced()
    {
        await web.Services.GetRequiredService<NoticeWatcher>().Started.Task.WaitAsync(Timeout);
        await using var context = await Chromium.SignInContextAsync(_browser!, web, "li-na");
        var page = await context.NewPageAsync();
        await page.GotoAsync(web.SignIn.ToString());
        // The script's stream is open once the browser has asked for it.
        var opened = page.WaitForRequestAsync(r => r.Url.Contains("/notices/events", StringComparison.Ordinal));
        await page.GotoAsync(new Uri(web.Main, "/notices").ToString());
        await opened;
        var title = $"南沙稳岗补贴 {Guid.NewGuid():N}"[..24];

        await PublishAsync(title);

        var live = page.Locator("#notices-live");
        await Assertions.Expect(live).ToHaveAttributeAsync("aria-live", "polite");
        await Assertions.Expect(live.GetByRole(AriaRole.Link, new() { Name = title })).ToBeVisibleAsync(new() { Timeout = (float)Timeout.TotalMilliseconds });
        await Assertions.Expect(live).ToContainTextAsync($"新政策通知：{title}");
        await Screenshot(page, "notices-live");
    }

    [Fact]
    public async Task Browser_KeyboardOnly_SignsInOpensTheInboxAndMarksANoticeRead()
    {
        var title = $"Keyboard {Guid.NewGuid():N}"[..20];
        await web.Services.GetRequiredService<NoticeWatcher>().Started.Task.WaitAsync(Timeout);
        await PublishAsync(title);
        await using var context = await Chromium.SignInContextAsync(_browser!, web, "li-na");
        var page = await context.NewPageAsync();
        await page.GotoAsync(web.Main.ToString());

        await Chromium.FollowAsync(page, "使用证书登录", WebFixture.NameA);
        await Chromium.FollowAsync(page, "通知与提醒", "通知与提醒");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = title })).ToBeVisibleAsync(new() { Timeout = (float)Timeout.TotalMilliseconds });
        await Chromium.TabToAsync(page, $"标为已读: {title}");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(title);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = $"标为已读: {title}" })).ToHaveCountAsync(0);
        await Screenshot(page, "notices");
    }

    [Fact]
    public async Task Browser_EveryPage_NoSeriousOrCriticalAxeViolation()
    {
        var sequence = await PublishAndWaitAsync($"Axe {Guid.NewGuid():N}"[..16]);
        await using var context = await Chromium.SignInContextAsync(_browser!, web, "chen-jie");
        var page = await context.NewPageAsync();
        var problems = new List<string>();

        await page.GotoAsync(new Uri(web.Main, "/signin").ToString());
        await CheckAsync(page, "signin", problems);
        await page.GotoAsync(web.SignIn.ToString());
        await CheckAsync(page, "choose", problems);
        await page.GetByRole(AriaRole.Button, new() { Name = WebFixture.NameA }).ClickAsync();
        foreach (var culture in new[] { "zh-CN", "en" })
        {
            foreach (var path in new[] { "/", "/data", "/data?asOf=2026-01-01", "/data/history?type=amr.business_license", "/reads", "/notices", $"/notices/{sequence}", "/notices/999999999", "/credit", "/forms", "/forms/fill?form=change_of_registered_address", "/error" })
            {
                await page.GotoAsync(new Uri(web.Main, path).ToString());
                await CheckAsync(page, $"{culture} {path}", problems);
            }

            await page.GetByRole(AriaRole.Button, new() { Name = culture == "zh-CN" ? "English" : "简体中文" }).ClickAsync();
        }

        Assert.Empty(problems);
    }

    private static async Task CheckAsync(IPage page, string name, List<string> problems)
    {
        var result = await page.RunAxe();
        // axe ran and checked something on the page (an empty result would pass for nothing).
        Assert.NotEmpty(result.Passes);
        problems.AddRange(result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{name}: {v.Id} ({v.Impact}) {string.Join(", ", v.Nodes.Select(n => n.Html))}"));
    }

    private async Task PublishAsync(string title)
    {
        var now = DateTimeOffset.UtcNow;
        await web.Hub.Client("hrss").Proactive.PublishPolicyAsync(new PublishPolicyRequest
        {
            PolicyId = $"br-{Guid.NewGuid():N}"[..30],
            Kind = NoticeKind.Notice,
            Title = title,
            Body = "面向南沙新区参保人数少于 100 人的企业。\n请于 12 月 31 日前申请。",
            Condition = $"uscc == \"{WebFixture.EnterpriseA}\"",
            ValidFrom = Timestamp.FromDateTimeOffset(now.AddDays(-1)),
            ValidUntil = Timestamp.FromDateTimeOffset(now.AddDays(30)),
        });
    }

    private async Task<long> PublishAndWaitAsync(string title)
    {
        await web.Services.GetRequiredService<NoticeWatcher>().Started.Task.WaitAsync(Timeout);
        using var client = await web.SignedInAsync("li-na");
        await using var stream = await Notices.EventStream.OpenAsync(client);
        await PublishAsync(title);
        while (true)
        {
            var (id, data) = await stream.NextNoticeAsync(Timeout);
            if (data.GetProperty("title").GetString() == title)
            {
                return id;
            }
        }
    }

    private static async Task Screenshot(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("HUB_WEB_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
