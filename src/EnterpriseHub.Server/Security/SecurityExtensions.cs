using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace EnterpriseHub.Server.Security;

internal static class SecurityExtensions
{
    /// <summary>
    /// Writes the dev PKI on first run in Development, when the configured certificate files
    /// are missing and a dev folder is configured. Runs before configuration is validated.
    /// </summary>
    public static void EnsureDevCertificates(this WebApplicationBuilder builder, TlsOptions tls)
    {
        if (!builder.Environment.IsDevelopment() || string.IsNullOrWhiteSpace(tls.DevCertificatesFolder)
            || DevCertificateAuthority.IsComplete(tls.DevCertificatesFolder, DevCertificateAuthority.DevIdentities))
        {
            return;
        }

        DevCertificateAuthority.Write(tls.DevCertificatesFolder, DevCertificateAuthority.DevIdentities);
        Console.Error.WriteLine($"Wrote a development PKI to {Path.GetFullPath(tls.DevCertificatesFolder)}");
    }

    /// <summary>
    /// Kestrel on one HTTP/2 endpoint, TLS 1.2 or 1.3, a client certificate required and
    /// validated against the department CA alone; a failed validation ends the handshake, so
    /// the connection never reaches a handler.
    /// </summary>
    public static void AddHubSecurity(this WebApplicationBuilder builder, TlsOptions tls)
    {
        var serverCertificate = X509Certificate2.CreateFromPemFile(tls.CertificatePath, tls.KeyPath);
        var departmentCa = X509CertificateLoader.LoadCertificateFromFile(tls.ClientCaPath);

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            var validator = new ClientCertificateValidator(
                departmentCa,
                kestrel.ApplicationServices.GetRequiredService<TimeProvider>(),
                kestrel.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("EnterpriseHub.Server.Security"));
            kestrel.Listen(tls.ListenEndPoint, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = serverCertificate,
                    SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    ClientCertificateMode = ClientCertificateMode.RequireCertificate,
                    CheckCertificateRevocation = false,
                    ClientCertificateValidation = (certificate, _, errors) => validator.Validate(certificate, errors),
                });
            });
        });
    }
}
