using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using EnterpriseHub.Web.SignIn;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;

namespace EnterpriseHub.Web.Hosting;

internal static class ListenerExtensions
{
    /// <summary>
    /// Two HTTPS listeners: the main one (HTTP/1.1 and HTTP/2) never asks for a client
    /// certificate; the sign-in one (HTTP/1.1 only, since HTTP/2 cannot ask for a certificate in
    /// the middle of a connection) requires one at the handshake and admits only certificates the
    /// <see cref="UserCertificateValidator"/> accepts, so a refused certificate never reaches a handler.
    /// </summary>
    public static void AddWebListeners(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PortalListeners>();
        builder.Services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<WebOptions>>().Value;
            if (string.IsNullOrWhiteSpace(options.SignIn.CrlPath))
            {
                WebLog.NoRevocationCheck(provider.GetRequiredService<ILoggerFactory>().CreateLogger("EnterpriseHub.Web.SignIn"));
            }

            return UserCertificateValidator.FromFiles(options.SignIn.CaPath, options.SignIn.CrlPath, provider.GetRequiredService<TimeProvider>());
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            var services = kestrel.ApplicationServices;
            // Reading the options validates them: every problem is reported before anything binds.
            var options = services.GetRequiredService<IOptions<WebOptions>>().Value;
            var listeners = services.GetRequiredService<PortalListeners>();
            var validator = services.GetRequiredService<UserCertificateValidator>();
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("EnterpriseHub.Web.SignIn");
            var certificate = X509Certificate2.CreateFromPemFile(options.CertificatePath, options.KeyPath);
            Listen(kestrel, options.Listen, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(certificate);
                listeners.Main = listen;
            });
            // The handshake names the enterprise-user CA as the one acceptable issuer, so the
            // browser offers only the user certificates that can sign in.
            var context = SslStreamCertificateContext.Create(
                certificate, additionalCertificates: null, offline: true,
                trust: SslCertificateTrust.CreateForX509Collection(validator.Roots, sendTrustInHandshake: true));
            Listen(kestrel, options.SignInListen, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                listen.UseHttps(new TlsHandshakeCallbackOptions
                {
                    OnConnection = _ => ValueTask.FromResult(new SslServerAuthenticationOptions
                    {
                        ServerCertificateContext = context,
                        ClientCertificateRequired = true,
                        EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                        ApplicationProtocols = [SslApplicationProtocol.Http11],
                        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                        AllowTlsResume = false,
                        RemoteCertificateValidationCallback = (_, presented, chain, _) => Accept(validator, logger, presented, chain),
                    }),
                    HandshakeTimeout = TimeSpan.FromSeconds(10),
                });
                listeners.SignIn = listen;
            });
        });
    }

    private static bool Accept(UserCertificateValidator validator, ILogger logger, X509Certificate? presented, X509Chain? chain)
    {
        if (presented is null)
        {
            WebLog.SignInWithoutCertificate(logger);
            return false;
        }

        var leaf = presented as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        var sent = chain?.ChainPolicy.ExtraStore.Cast<X509Certificate2>().ToList() ?? [];
        var verdict = validator.Validate(leaf, sent);
        if (!verdict.IsValid)
        {
            WebLog.SignInCertificateRefused(logger, leaf.SerialNumber, verdict.Problem!, verdict.Reason);
        }

        return verdict.IsValid;
    }

    private static void Listen(KestrelServerOptions kestrel, string text, Action<ListenOptions> configure)
    {
        ListenAddress.TryParse(text, out var address);
        if (address!.Address is { } ip)
        {
            kestrel.Listen(new IPEndPoint(ip, address.Port), configure);
        }
        else
        {
            kestrel.ListenLocalhost(address.Port, configure);
        }
    }
}
