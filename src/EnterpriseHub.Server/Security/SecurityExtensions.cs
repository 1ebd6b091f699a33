using EnterpriseHub.Core.Access;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;

namespace EnterpriseHub.Server.Security;

internal static class SecurityExtensions
{
    private const string LogCategory = "EnterpriseHub.Server.Security";

    /// <summary>
    /// Writes (or completes) the dev PKI in Development, when a dev folder is configured and a
    /// file of it is missing, with the dev audit log key, which signs the checkpoints unless
    /// <c>Hub:Audit:SigningKeyFile</c> names another. Runs before configuration is validated.
    /// </summary>
    public static void EnsureDevCertificates(this WebApplicationBuilder builder, TlsOptions tls, Core.Audit.AuditOptions audit)
    {
        if (!builder.Environment.IsDevelopment() || string.IsNullOrWhiteSpace(tls.DevCertificatesFolder))
        {
            return;
        }

        if (DevCertificateAuthority.Complete(tls.DevCertificatesFolder, DevCertificateAuthority.DevIdentities) is { } done)
        {
            Console.Error.WriteLine(done);
        }

        if (DevEnterpriseUsers.Complete(tls.DevCertificatesFolder) is { } users)
        {
            Console.Error.WriteLine(users);
        }

        if (audit.SigningKeyFile.Length == 0)
        {
            if (DevAuditLogKey.Complete(tls.DevCertificatesFolder) is { } key)
            {
                Console.Error.WriteLine(key);
            }

            audit.SigningKeyFile = Path.Combine(tls.DevCertificatesFolder, DevAuditLogKey.KeyFile);
        }
    }

    /// <summary>
    /// Kestrel on one HTTP/2 endpoint, TLS 1.2 or 1.3, a client certificate required and judged
    /// offline against the trust material in force (see <see cref="TlsHandshake"/>); a refused
    /// certificate ends the handshake, so the connection never reaches a handler. Open
    /// connections are judged again by <see cref="ConnectionRecheck"/>; the files reload when
    /// they change (<see cref="TlsFileWatcher"/>).
    /// </summary>
    public static void AddHubSecurity(this WebApplicationBuilder builder, TlsOptions tls)
    {
        var source = TrustMaterialSource.Create(tls);
        var services = builder.Services;
        services.AddSingleton(tls);
        services.AddSingleton(source);
        // The directory is resolved at each handshake: it reads the catalog, loaded after the host is built.
        services.AddSingleton(provider => new ClientCertificateValidator(
            provider.GetRequiredService<CallerDirectory>, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider => new TlsHandshake(
            source, provider.GetRequiredService<ClientCertificateValidator>(), provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategory)));
        services.AddSingleton(provider => new ConnectionRecheck(
            source, provider.GetRequiredService<ClientCertificateValidator>(),
            provider.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategory)));
        services.AddHostedService<TlsFileWatcher>();
        services.AddHostedService<ConnectionRecheckService>();

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            var handshake = kestrel.ApplicationServices.GetRequiredService<TlsHandshake>();
            var recheck = kestrel.ApplicationServices.GetRequiredService<ConnectionRecheck>();
            var limits = kestrel.ApplicationServices.GetRequiredService<IOptions<Hosting.EdgeLimitOptions>>().Value;
            kestrel.Listen(tls.ListenEndPoint, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                listen.UseHttps(new TlsHandshakeCallbackOptions
                {
                    OnConnection = context => ValueTask.FromResult(handshake.OptionsFor(context.Connection)),
                    // From accept to the end of the handshake: a client that connects and sends nothing
                    // (or dribbles its ClientHello) holds a connection slot this long at most.
                    HandshakeTimeout = TimeSpan.FromSeconds(limits.HandshakeTimeoutSeconds),
                });
                listen.Use(next => connection => recheck.TrackAsync(connection, next));
            });
        });
    }
}
