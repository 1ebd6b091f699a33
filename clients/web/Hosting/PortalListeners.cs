using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace EnterpriseHub.Web.Hosting;

/// <summary>The two listeners, kept so that links and redirects between them name the port actually bound (port 0 in tests).</summary>
internal sealed class PortalListeners
{
    public ListenOptions? Main { get; set; }

    public ListenOptions? SignIn { get; set; }

    public int MainPort => Main?.IPEndPoint?.Port ?? 0;

    public int SignInPort => SignIn?.IPEndPoint?.Port ?? 0;

    /// <summary>The main page's address for the host the browser used.</summary>
    public string MainUrl(HostString host, string path) => $"https://{new HostString(host.Host, MainPort).ToUriComponent()}{path}";

    /// <summary>The sign-in listener's address for the host the browser used.</summary>
    public string SignInUrl(HostString host) => $"https://{new HostString(host.Host, SignInPort).ToUriComponent()}/";
}
