using EnterpriseHub.Server.Tests;
using Microsoft.Playwright;

namespace EnterpriseHub.Web.Tests.Browser;

/// <summary>
/// The page in a real browser: sign in with the user certificate, the overview in Chinese, the
/// switch to English, my data, who read. With <c>HUB_WEB_SCREENSHOTS=&lt;folder&gt;</c> each page
/// is also saved there as a PNG (clients/web/screenshots.sh writes docs/web/).
/// </summary>
[Collection(WebCollection.Name)]
public sealed class BrowserTests(WebFixture web) : IAsyncLifetime
{
    private static readonly string? ScreenshotFolder = Environment.GetEnvironmentVariable("HUB_WEB_SCREENSHOTS");
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync() => (_playwright, _browser) = await Chromium.LaunchAsync();

    [Fact]
    public async Task Browser_SignInWithCertificate_ShowsOverviewInChineseThenEnglishMyDataAndWhoRead()
    {
        // A department reads the enterprise first: the overview lists the latest reads by departments.
        await web.DepartmentReadsAsync("tax", "tax-0042", "纳税信用复核 (2026)粤税复字第 17 号");
        await using var context = await Chromium.SignInContextAsync(_browser!, web, "li-na");
        var page = await context.NewPageAsync();

        await page.GotoAsync(web.Main.ToString());
        Assert.EndsWith("/signin?returnUrl=%2F", page.Url, StringComparison.Ordinal);
        await Screenshot(page, "signin");

        await page.GetByRole(AriaRole.Link, new() { Name = "使用证书登录" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(WebFixture.NameA);
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Assertions.Expect(page.GetByText("统一社会信用代码")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "税务局" }).First).ToBeVisibleAsync();
        await Screenshot(page, "overview");

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(page.GetByText("Unified Social Credit Code")).ToBeVisibleAsync();
        await Screenshot(page, "overview-en");

        await page.GetByRole(AriaRole.Link, new() { Name = "My data", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("My data");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Administration for Market Regulation" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "简体中文" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("我的数据");
        await Screenshot(page, "data");

        await page.GetByRole(AriaRole.Link, new() { Name = "查看历史记录" }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("历史记录");
        await Screenshot(page, "history");

        await page.GetByRole(AriaRole.Link, new() { Name = "谁查阅了我的数据", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("谁查阅了我的数据");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "EHU-000101" }).First).ToBeVisibleAsync();
        await Screenshot(page, "reads");
    }

    [Fact]
    public async Task Browser_WhoRead_ShowsTheSignedCheckpointAndProvesAReadInIt()
    {
        await web.DepartmentReadsAsync("customs", "customs-0317", "海关信用复核 2026-0317");
        await using var context = await Chromium.SignInContextAsync(_browser!, web, "li-na");
        var page = await context.NewPageAsync();
        await page.GotoAsync(web.SignIn.ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(WebFixture.NameA);

        await page.GotoAsync(new Uri(web.Main, "/reads").ToString());
        // The read is proven once the hub's next checkpoint covers it; until then it is pending.
        await Reload.UntilAsync(
            async () =>
            {
                await page.ReloadAsync();
                return await page.ContentAsync();
            },
            html => html.Contains("customs-0317", StringComparison.Ordinal) && !html.Contains("class=\"pending\"", StringComparison.Ordinal),
            "the customs read in a checkpoint");

        await Assertions.Expect(page.GetByText("已依据审计日志的检查点核验")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("尚无见证方联署该检查点。")).ToBeVisibleAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "customs-0317" });
        await Assertions.Expect(row.GetByRole(AriaRole.Cell, new() { Name = "✓ 已验证" })).ToBeVisibleAsync();
        await Screenshot(page, "reads-checkpoint");
    }

    [Fact]
    public async Task Browser_WhoRead_PageWithAnotherLogKey_WarnsAndShowsEveryReadUnproven()
    {
        await using var app = await web.StartWebAsync(web.Hub.Address.ToString(), $"--Web:AuditLog:VerifierKeyPath={web.ForeignAuditLogKey()}");
        var (main, signIn) = WebFixture.AddressesOf(app);
        await using var context = await Chromium.SignInContextAsync(_browser!, web, "li-na", signIn: signIn);
        var page = await context.NewPageAsync();
        await page.GotoAsync(signIn.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");

        // Before the hub's first checkpoint the page would have nothing to refuse.
        await Checkpoints.CoveringAsync(web.Hub.Client("tax"), 1);
        await page.GotoAsync(new Uri(main, "/reads").ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(
            "Warning: the audit log's checkpoint failed to verify with this page's keys. No record below is proven to be in the log.");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("the note has no valid signature by a known key");
        var rows = await page.Locator("tbody tr").CountAsync();
        Assert.True(rows > 0);
        await Assertions.Expect(page.Locator("tbody td.unproven")).ToHaveCountAsync(rows);
        await Assertions.Expect(page.Locator("tbody td.unproven").First).ToContainTextAsync("✗ Not proven");
        await Assertions.Expect(page.Locator("tbody td.unproven .reason").First).ToHaveTextAsync("the checkpoint failed to verify");
        await Assertions.Expect(page.Locator("td.proven")).ToHaveCountAsync(0);
        await Screenshot(page, "reads-refused");
    }

    [Fact]
    public async Task Browser_PersonOfTwoEnterprises_ChoosesOneWithoutJavaScript()
    {
        await using var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            IgnoreHTTPSErrors = true,
            JavaScriptEnabled = false,
            ClientCertificates =
            [
                new ClientCertificate
                {
                    Origin = web.SignIn.GetLeftPart(UriPartial.Authority),
                    CertPath = Path.Combine(web.Users, "chen-jie.crt"),
                    KeyPath = Path.Combine(web.Users, "chen-jie.key"),
                },
            ],
        });
        var page = await context.NewPageAsync();

        await page.GotoAsync(web.SignIn.ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("选择要代表的企业");
        await Screenshot(page, "choose");
        await page.GetByRole(AriaRole.Button, new() { Name = WebFixture.NameHengqin }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(WebFixture.NameHengqin);
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
