extern alias server;

using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using EnterpriseHub.Client;
using EnterpriseHub.Server.Tests;
using EnterpriseHub.Transparency.Notes;
using EnterpriseHub.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using DevAuditLogKey = server::EnterpriseHub.Server.Security.DevAuditLogKey;
using DevCertificateAuthority = server::EnterpriseHub.Server.Security.DevCertificateAuthority;
using DevEnterpriseUser = server::EnterpriseHub.Server.Security.DevEnterpriseUser;
using DevEnterpriseUsers = server::EnterpriseHub.Server.Security.DevEnterpriseUsers;

namespace EnterpriseHub.Web.Tests;

/// <summary>
/// The real hub (in Development, so it writes the dev PKI with the enterprise-user CA and demo
/// users) and the real web page on two free loopback ports in front of it, plus user
/// certificates the page must refuse: expired, revoked, and from a foreign CA.
/// </summary>
public sealed class WebFixture : IAsyncLifetime
{
    public const string EnterpriseA = "91440115MA5HUB013L";
    public const string NameA = "广州南沙海联科技有限公司";
    public const string EnterpriseB = "91440305MA5HUB021A";
    public const string NameB = "深圳前海瑞通供应链管理有限公司";
    public const string EnterpriseHengqin = "91440402MA5HUB03XU";
    public const string NameHengqin = "珠海横琴澳琴生物科技有限公司";

    public static readonly DevEnterpriseUser Expired = new("expired-user", "过期", "EHU-900001", [EnterpriseA], NameA);
    public static readonly DevEnterpriseUser Revoked = new("revoked-user", "吊销", "EHU-900002", [EnterpriseA], NameA);
    public static readonly DevEnterpriseUser Foreign = new("li-na", "李娜", "EHU-000101", [EnterpriseA], NameA);

    private WebApplication? _web;

    /// <summary>The real hub; it signs a checkpoint of its audit log every 0.2 s that the log grew, so a read is soon proven.</summary>
    public HubFixture Hub { get; } = new();

    /// <summary>The audit log's verifier key as the hub's dev PKI publishes it.</summary>
    public string AuditLogKey => Path.Combine(Certs, DevAuditLogKey.VerifierKeyFile);

    /// <summary>
    /// <paramref name="department"/> reads enterprise A for <paramref name="officer"/> (at the
    /// fixture's hub unless <paramref name="client"/> is another's), so that the access log has a read whose row the officer names.
    /// </summary>
    public async Task DepartmentReadsAsync(string department, string officer, string purpose, HubClient? client = null) =>
        await (client ?? Hub.Client(department)).Directory.GetEnterpriseAsync(
            new EnterpriseHub.V1.GetEnterpriseRequest { Uscc = EnterpriseA, Purpose = purpose, OfficerId = officer });

    /// <summary>A verifier key of the dev audit log's name but another key: the hub's checkpoints do not verify with it.</summary>
    public string ForeignAuditLogKey()
    {
        var path = Path.Combine(Hub.Root, "foreign-audit-log.vkey");
        if (!File.Exists(path))
        {
            File.WriteAllText(path, new Ed25519NoteSigner(DevAuditLogKey.Name, Ed25519Key.Generate()).VerifierKey + "\n");
        }

        return path;
    }

    public string Certs => Hub.CertsFolder;

    public string Users => Path.Combine(Certs, DevEnterpriseUsers.FolderName);

    public string ForeignUsers => Path.Combine(Hub.Root, "foreign-users");

    public Uri Main { get; private set; } = null!;

    /// <summary>The fixture's web page's services (e.g. its notice watcher).</summary>
    public IServiceProvider Services => _web!.Services;

    public Uri SignIn { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Hub.InitializeAsync();
        var now = DateTimeOffset.UtcNow;
        using (var ca = X509Certificate2.CreateFromPemFile(Path.Combine(Users, "ca.crt"), Path.Combine(Users, "ca.key")))
        {
            DevEnterpriseUsers.Issue(Users, ca, Expired, ca.NotBefore.ToUniversalTime(), now.AddMinutes(-1)).Dispose();
            DevEnterpriseUsers.Issue(Users, ca, Revoked, now.AddMinutes(-5), now.AddDays(30)).Dispose();
        }

        DevCertificateAuthority.Revoke(Users, Revoked.File);
        DevEnterpriseUsers.WriteCa(ForeignUsers, "Some Other Enterprise CA");
        using (var foreignCa = X509Certificate2.CreateFromPemFile(Path.Combine(ForeignUsers, "ca.crt"), Path.Combine(ForeignUsers, "ca.key")))
        {
            // From the CA's own start: it was made after `now`, and a certificate may not begin before its issuer.
            DevEnterpriseUsers.Issue(ForeignUsers, foreignCa, Foreign, foreignCa.NotBefore.ToUniversalTime(), now.AddDays(30)).Dispose();
        }

        _web = await StartWebAsync(Hub.Address.ToString());
        (Main, SignIn) = AddressesOf(_web);
    }

    /// <summary>Starts a web page on free ports against <paramref name="hubAddress"/>; the caller stops it unless it is the fixture's.</summary>
    public Task<WebApplication> StartWebAsync(string hubAddress, params string[] extraArgs) => StartWebAsync(hubAddress, null, extraArgs);

    /// <summary>Starts a web page with last changes to its builder (e.g. a log sink); the caller stops it.</summary>
    public async Task<WebApplication> StartWebAsync(string hubAddress, Action<WebApplicationBuilder>? configure, params string[] extraArgs)
    {
        string[] args =
        [
            "--Web:Listen=127.0.0.1:0",
            "--Web:SignInListen=127.0.0.1:0",
            $"--Web:CertificatePath={Path.Combine(Certs, "web.crt")}",
            $"--Web:KeyPath={Path.Combine(Certs, "web.key")}",
            $"--Web:Hub:Address={hubAddress}",
            $"--Web:Hub:CaPath={Path.Combine(Certs, "ca.crt")}",
            $"--Web:Hub:CertificatePath={Path.Combine(Certs, "portal.crt")}",
            $"--Web:Hub:KeyPath={Path.Combine(Certs, "portal.key")}",
            $"--Web:SignIn:CaPath={Path.Combine(Users, "ca.crt")}",
            $"--Web:SignIn:CrlPath={Path.Combine(Users, "ca.crl")}",
            $"--Web:DataProtection:KeysFolder={Path.Combine(Hub.Root, "web-keys")}",
            $"--Web:AuditLog:VerifierKeyPath={AuditLogKey}",
            "--Serilog:MinimumLevel:Default=Warning",
            .. extraArgs,
        ];
        var app = PortalApplication.Build(args, configure);
        await app.StartAsync();
        return app;
    }

    public static (Uri Main, Uri SignIn) AddressesOf(WebApplication app)
    {
        var listeners = app.Services.GetRequiredService<PortalListeners>();
        return (new Uri($"https://127.0.0.1:{listeners.MainPort}/"), new Uri($"https://127.0.0.1:{listeners.SignInPort}/"));
    }

    /// <summary>A demo user's certificate with its key, from the dev PKI's enterprise-user folder (or <paramref name="folder"/>).</summary>
    public X509Certificate2 UserCertificate(string file, string? folder = null) =>
        X509Certificate2.CreateFromPemFile(Path.Combine(folder ?? Users, $"{file}.crt"), Path.Combine(folder ?? Users, $"{file}.key"));

    /// <summary>A department's certificate with its key.</summary>
    public X509Certificate2 DepartmentCertificate(string code) =>
        X509Certificate2.CreateFromPemFile(Path.Combine(Certs, $"{code}.crt"), Path.Combine(Certs, $"{code}.key"));

    /// <summary>
    /// A browser-like client: cookies, the dev CA trusted for the page's server certificate, and
    /// <paramref name="certificate"/> always presented when a server asks (even one it would not
    /// pick by issuer, so that a refusal is the server's).
    /// </summary>
    public HttpClient Browser(X509Certificate2? certificate, bool followRedirects = true, Uri? main = null, CookieContainer? cookies = null)
    {
        var ca = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(Certs, "ca.crt"));
        var handler = new SocketsHttpHandler
        {
            CookieContainer = cookies ?? new CookieContainer(),
            AllowAutoRedirect = followRedirects,
            SslOptions = new SslClientAuthenticationOptions
            {
                LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate!,
                ClientCertificates = certificate is null ? null : new X509CertificateCollection { certificate },
                RemoteCertificateValidationCallback = (_, presented, _, _) => TrustedByDevCa(presented, ca),
            },
        };
        return new HttpClient(handler) { BaseAddress = main ?? Main, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>A client signed in with the demo user <paramref name="file"/>, in <paramref name="culture"/>.</summary>
    public async Task<HttpClient> SignedInAsync(string file, string culture = "zh-CN")
    {
        var cookies = new CookieContainer();
        cookies.Add(Main, new Cookie(".AspNetCore.Culture", $"c={culture}|uic={culture}"));
        var client = Browser(UserCertificate(file), cookies: cookies);
        using var signIn = await client.GetAsync(SignIn);
        signIn.EnsureSuccessStatusCode();
        Assert.Equal(Main.Port, signIn.RequestMessage!.RequestUri!.Port);
        return client;
    }

    private static bool TrustedByDevCa(X509Certificate? presented, X509Certificate2 ca)
    {
        if (presented is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(presented);
        return chain.Build(leaf);
    }

    public async Task DisposeAsync()
    {
        if (_web is not null)
        {
            await _web.StopAsync();
            await _web.DisposeAsync();
        }

        await Hub.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebFixture>
{
    public const string Name = "web";
}
