using System.Net;
using EnterpriseHub.Web.Hub;
using Microsoft.Extensions.Options;

namespace EnterpriseHub.Web.Hosting;

/// <summary>Checks the whole configuration at start and reports every problem at once.</summary>
internal sealed class WebOptionsValidator : IValidateOptions<WebOptions>
{
    public ValidateOptionsResult Validate(string? name, WebOptions options)
    {
        var problems = new List<string>();
        var main = ListenAddress.TryParse(options.Listen, out var mainAddress);
        var signIn = ListenAddress.TryParse(options.SignInListen, out var signInAddress);
        if (!main)
        {
            problems.Add($"Web:Listen '{options.Listen}' is not localhost:PORT or IP:PORT.");
        }

        if (!signIn)
        {
            problems.Add($"Web:SignInListen '{options.SignInListen}' is not localhost:PORT or IP:PORT.");
        }

        if (main && signIn && mainAddress!.Port != 0 && mainAddress.Port == signInAddress!.Port)
        {
            problems.Add("Web:Listen and Web:SignInListen must use different ports: the sign-in port asks for a certificate, the main port never does.");
        }

        RequireFile(problems, "Web:CertificatePath", options.CertificatePath);
        RequireFile(problems, "Web:KeyPath", options.KeyPath);
        if (!Uri.TryCreate(options.Hub.Address, UriKind.Absolute, out var hub) || hub.Scheme != Uri.UriSchemeHttps)
        {
            problems.Add($"Web:Hub:Address '{options.Hub.Address}' must be an absolute https:// address.");
        }

        RequireFile(problems, "Web:Hub:CaPath", options.Hub.CaPath);
        RequireFile(problems, "Web:Hub:CertificatePath", options.Hub.CertificatePath);
        RequireFile(problems, "Web:Hub:KeyPath", options.Hub.KeyPath);
        if (string.IsNullOrWhiteSpace(options.Hub.Purpose) || options.Hub.Purpose.Length > 256)
        {
            problems.Add("Web:Hub:Purpose is required (1 to 256 characters).");
        }

        RequireFile(problems, "Web:SignIn:CaPath", options.SignIn.CaPath);
        if (!string.IsNullOrWhiteSpace(options.SignIn.CrlPath))
        {
            RequireFile(problems, "Web:SignIn:CrlPath", options.SignIn.CrlPath);
        }

        if (string.IsNullOrWhiteSpace(options.DataProtection.Redis) && string.IsNullOrWhiteSpace(options.DataProtection.KeysFolder))
        {
            problems.Add("Web:DataProtection needs KeysFolder or Redis: the cookie keys must outlive the process.");
        }

        problems.AddRange(AuditLogKeys.Problems(options.AuditLog));
        if (options.SessionMinutes is < 1 or > 1440)
        {
            problems.Add($"Web:SessionMinutes must be 1 to 1440, not {options.SessionMinutes}.");
        }

        if (options.HstsDays is < 0 or > 730)
        {
            problems.Add($"Web:HstsDays must be 0 to 730, not {options.HstsDays}.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void RequireFile(List<string> problems, string key, string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            problems.Add($"{key} is required.");
        }
        else if (!File.Exists(path))
        {
            problems.Add($"{key} '{path}' does not exist (working directory {Directory.GetCurrentDirectory()}).");
        }
    }
}

/// <summary>A listener address: <c>localhost:PORT</c> (both loopbacks) or <c>IP:PORT</c> (port 0 takes a free one).</summary>
internal sealed record ListenAddress(IPAddress? Address, int Port)
{
    public static bool TryParse(string text, out ListenAddress? address)
    {
        address = null;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], out var port) || port is < 0 or > 65535)
        {
            return false;
        }

        var host = text[..colon].Trim('[', ']');
        if (host == "localhost")
        {
            address = port == 0 ? null : new ListenAddress(null, port);
            return address is not null;
        }

        if (!IPAddress.TryParse(host, out var ip))
        {
            return false;
        }

        address = new ListenAddress(ip, port);
        return true;
    }
}
