using EnterpriseHub.V1;
using EnterpriseHub.Web.Tests.Http;
using Microsoft.Playwright;

namespace EnterpriseHub.Web.Tests.Browser;

/// <summary>
/// The credit and forms pages in a real browser with JavaScript off: the form end to end, received
/// by the four departments' subscriptions; an objection filed on the page, received by the court's;
/// and the form from sign-in to its receipt with the keyboard alone.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class CreditFormsBrowserTests(WebFixture web) : IAsyncLifetime
{
    private static readonly string? ScreenshotFolder = Environment.GetEnvironmentVariable("HUB_WEB_SCREENSHOTS");
    private static readonly string[] Departments = ["amr", "tax", "customs", "hrss"];
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync() => (_playwright, _browser) = await Chromium.LaunchAsync();

    [Fact]
    public async Task Browser_FormWithoutJavaScript_ReachesTheFourDepartmentsSubscriptions()
    {
        var subscriptions = new Dictionary<string, string>();
        foreach (var department in Departments)
        {
            var name = $"web-{Guid.NewGuid():N}"[..24];
            await web.Hub.Client(department).Exchange.CreateSubscriptionAsync(new CreateSubscriptionRequest
            {
                Name = name, FactTypes = { $"{department}.declared_address" }, Usccs = { WebFixture.EnterpriseA },
                Purpose = "declared address changes", OfficerId = "clerk-1",
            });
            subscriptions[department] = name;
        }

        var address = $"广州市南沙区进港大道 {Random.Shared.Next(1, 9999)} 号";
        await using var context = await Chromium.SignInContextAsync(_browser!, web, "li-na", javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync(web.SignIn.ToString());
        await page.GetByRole(AriaRole.Link, new() { Name = "一表申报", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("一表申报");
        await Screenshot(page, "forms");
        await page.GetByRole(AriaRole.Link, new() { Name = "企业注册地址变更（一表申报）" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = WebFixture.NameA })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "提交申报" }).ClickAsync();
        await Assertions.Expect(page.Locator("#answer-new_address-error")).ToHaveTextAsync("请填写此项。");
        await Screenshot(page, "form-errors");
        await page.GetByLabel("新注册地址 New registered address").FillAsync(address);
        await page.GetByLabel("生效日期 Effective date").FillAsync("2026-12-01");
        await page.GetByLabel("变更原因 Reason").FillAsync("扩大经营场所");
        await Screenshot(page, "form");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交申报" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("申报已提交");
        await Assertions.Expect(page.Locator("tr.target")).ToHaveCountAsync(4);
        await Screenshot(page, "form-submitted");
        // Post/redirect/get: reloading the result asks the hub, it does not post again.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("tr.target")).ToHaveCountAsync(4);
        foreach (var department in Departments)
        {
            var fact = await NextAsync(department, subscriptions[department], f => f.Attributes.Fields["new_address"].StringValue == address);
            Assert.Equal($"{department}.declared_address", fact.FactType);
        }

        var declared = await web.Hub.Client("amr").Directory.GetFactHistoryAsync(new GetFactHistoryRequest
        {
            Uscc = WebFixture.EnterpriseA, FactType = "amr.declared_address", Purpose = "address check", OfficerId = "clerk-1", PageSize = 500,
        });
        Assert.Single(declared.Facts, f => f.Attributes.Fields["new_address"].StringValue == address);
    }

    [Fact]
    public async Task Browser_KeyboardOnly_SignsInFollowsAnErrorToItsFieldAndSubmitsTheForm()
    {
        var address = $"广州市南沙区海滨路 {Random.Shared.Next(1, 9999)} 号";
        await using var context = await Chromium.SignInContextAsync(_browser!, web, "li-na");
        var page = await context.NewPageAsync();
        await page.GotoAsync(web.Main.ToString());

        await Chromium.FollowAsync(page, "使用证书登录", WebFixture.NameA);
        await Chromium.FollowAsync(page, "一表申报", "一表申报");
        await Chromium.FollowAsync(page, "企业注册地址变更（一表申报）", "企业注册地址变更（一表申报）");
        await Chromium.TabToAsync(page, "提交申报");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#answer-new_address-error")).ToHaveTextAsync("请填写此项。");

        // The error summary's link takes the focus to the field it names.
        for (var i = 0; i < 60 && await page.EvaluateAsync<string?>("() => document.activeElement?.getAttribute('href')") != "#answer-new_address"; i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("answer-new_address", await Chromium.FocusedIdAsync(page));
        await page.Keyboard.TypeAsync(address);
        Assert.Equal("answer-effective", await Chromium.TabAsync(page));
        // A text field with the format as its hint: a browser's date picker orders its parts by the
        // machine's locale, and keyboard and screen reader users fare better with plain text.
        await page.Keyboard.TypeAsync("2026-12-01");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("answer-reason", await Chromium.FocusedIdAsync(page));
        await page.Keyboard.TypeAsync("扩大经营场所");
        Assert.Equal("submit", await Chromium.TabAsync(page));
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("申报已提交");
        await Assertions.Expect(page.Locator("tr.target")).ToHaveCountAsync(4);
        var declared = await web.Hub.Client("tax").Directory.GetFactHistoryAsync(new GetFactHistoryRequest
        {
            Uscc = WebFixture.EnterpriseA, FactType = "tax.declared_address", Purpose = "address check", OfficerId = "clerk-1", PageSize = 500,
        });
        var fact = Assert.Single(declared.Facts, f => f.Attributes.Fields["new_address"].StringValue == address);
        Assert.Equal("2026-12-01", fact.EffectiveTime.ToDateTimeOffset().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Browser_ObjectionFiledOnThePage_ArrivesOnTheCourtsSubscription()
    {
        var subscription = $"web-{Guid.NewGuid():N}"[..24];
        await web.Hub.Client("court").Exchange.CreateSubscriptionAsync(new CreateSubscriptionRequest
        {
            Name = subscription, FactTypes = { "court.credit_objection" }, Usccs = { WebFixture.EnterpriseHengqin },
            Purpose = "credit objections", OfficerId = "judge-1",
        });
        var record = $"wp-{Guid.NewGuid():N}"[..20];
        var sequence = await CreditSignals.ListDebtorAsync(web, WebFixture.EnterpriseHengqin, record);
        var reason = $"该案款项已于 2026 年 11 月清偿（{record}）";
        await using var context = await Chromium.SignInContextAsync(_browser!, web, "zhang-min", javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync(web.SignIn.ToString());

        await page.GetByRole(AriaRole.Link, new() { Name = "信用", Exact = true }).ClickAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = record });
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Screenshot(page, "credit");
        await row.GetByRole(AriaRole.Link, new() { Name = "提出异议" }).ClickAsync();
        await page.GetByLabel("异议理由").FillAsync(reason);
        await Screenshot(page, "credit-objection");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交异议" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("异议已提交");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = reason })).ToBeVisibleAsync();
        var fact = await NextAsync("court", subscription, f => f.Attributes.Fields["reason"].StringValue == reason);
        Assert.Equal("court.credit_objection", fact.FactType);
        Assert.Equal("dishonest_debtor", fact.Attributes.Fields["rule"].StringValue);
        Assert.Equal(sequence, (long)fact.Attributes.Fields["fact_sequence"].NumberValue);
        Assert.Equal(record, fact.Attributes.Fields["disputed_record"].StringValue);
    }

    /// <summary>The first fact on the department's subscription that matches, within a timeout.</summary>
    private async Task<Fact> NextAsync(string department, string subscription, Func<Fact, bool> match)
    {
        using var timeout = new CancellationTokenSource(CreditSignals.Patience);
        using var read = web.Hub.Client(department).Exchange.ReadSubscription(
            new ReadSubscriptionRequest { Name = subscription, HeartbeatSeconds = 5 }, cancellationToken: timeout.Token);
        while (await read.ResponseStream.MoveNext(timeout.Token))
        {
            if (read.ResponseStream.Current.Fact is { } fact && match(fact))
            {
                return fact;
            }
        }

        throw new InvalidOperationException("the subscription ended");
    }

    private static async Task Screenshot(IPage page, string name)
    {
        if (!string.IsNullOrEmpty(ScreenshotFolder))
        {
            Directory.CreateDirectory(ScreenshotFolder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{name}.png"), FullPage = true });
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
