using Microsoft.Playwright;

namespace EnterpriseHub.Web.Tests.Browser;

/// <summary>
/// Debian's chromium driven by Playwright (no browser download): <c>CHROMIUM_PATH</c>, or the
/// binary behind Debian's <c>/usr/bin/chromium</c> wrapper. ./test.sh installs it with apt-get.
/// </summary>
internal static class Chromium
{
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path
        : File.Exists("/usr/lib/chromium/chromium") ? "/usr/lib/chromium/chromium"
        : "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"No chromium at {ExecutablePath}: apt-get install chromium fonts-wqy-microhei (./test.sh does), or set CHROMIUM_PATH.");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // The tests run as root in CI, where chromium's sandbox cannot start.
            Args = ["--no-sandbox"],
        });
        return (playwright, browser);
    }

    /// <summary>
    /// A browser context that presents a user certificate to the sign-in port and trusts the page's
    /// dev certificate; with <paramref name="javaScript"/> false, the page as it works without script;
    /// <paramref name="signIn"/> for a page other than the fixture's.
    /// </summary>
    public static Task<IBrowserContext> SignInContextAsync(IBrowser browser, WebFixture web, string user, bool javaScript = true, Uri? signIn = null) =>
        browser.NewContextAsync(new BrowserNewContextOptions
        {
            IgnoreHTTPSErrors = true,
            JavaScriptEnabled = javaScript,
            Locale = "zh-CN",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            ClientCertificates =
            [
                new ClientCertificate
                {
                    Origin = (signIn ?? web.SignIn).GetLeftPart(UriPartial.Authority),
                    CertPath = Path.Combine(web.Users, $"{user}.crt"),
                    KeyPath = Path.Combine(web.Users, $"{user}.key"),
                },
            ],
        });

    /// <summary>Presses Tab until the focused element is the link or button named <paramref name="name"/>.</summary>
    public static async Task TabToAsync(IPage page, string name)
    {
        for (var i = 0; i < 60; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string>("() => (document.activeElement?.innerText || '').replace(/\\s+/g, ' ').trim()");
            if (focused == name || focused.Replace(" ", string.Empty, StringComparison.Ordinal) == name.Replace(" ", string.Empty, StringComparison.Ordinal))
            {
                return;
            }
        }

        throw new InvalidOperationException($"Tab never reached '{name}'.");
    }

    /// <summary>With the keyboard alone: tabs to the link or button <paramref name="name"/>, presses Enter, and waits for the page headed <paramref name="heading"/>.</summary>
    public static async Task FollowAsync(IPage page, string name, string heading)
    {
        await TabToAsync(page, name);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);
    }

    /// <summary>Presses Tab once and returns the id of the element that has the focus then.</summary>
    public static async Task<string> TabAsync(IPage page)
    {
        await page.Keyboard.PressAsync("Tab");
        return await FocusedIdAsync(page);
    }

    public static Task<string> FocusedIdAsync(IPage page) => page.EvaluateAsync<string>("() => document.activeElement?.id || ''");
}
