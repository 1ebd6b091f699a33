using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections;

namespace EnterpriseHub.Server.Security;

/// <summary>
/// The TLS options of each new connection, from the trust material in force at that moment:
/// a rotated server certificate or CA bundle reaches new connections while open ones keep
/// theirs. The policy handed to the TLS layer is the hub's own (configured roots, downloads
/// disabled), so its chain build, made before our callback runs, fetches nothing either.
/// </summary>
internal sealed class TlsHandshake(
    TrustMaterialSource source, ClientCertificateValidator validator, TimeProvider time, ILogger logger)
{
    public SslServerAuthenticationOptions OptionsFor(ConnectionContext connection)
    {
        var material = source.Current;
        var client = new ConnectionCertificate();
        connection.Items[typeof(ConnectionCertificate)] = client;
        return new SslServerAuthenticationOptions
        {
            ServerCertificateContext = material.Server,
            ClientCertificateRequired = true,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            ApplicationProtocols = [SslApplicationProtocol.Http2],
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            // Every connection makes a full handshake and presents its certificate afresh. .NET does
            // call the callback below for a resumed session too (seen with OpenSSL), but a resumed
            // session carries a certificate chosen at an earlier handshake; clients keep their HTTP/2
            // connections open, so a full handshake per connection costs next to nothing.
            AllowTlsResume = false,
            CertificateChainPolicy = material.ChainPolicy(time.GetUtcNow()),
            RemoteCertificateValidationCallback = (_, certificate, chain, _) => Accept(client, material, certificate, chain),
        };
    }

    private bool Accept(ConnectionCertificate client, TrustMaterial material, X509Certificate? certificate, X509Chain? chain)
    {
        if (certificate is null)
        {
            SecurityLog.ClientCertificateMissing(logger);
            return false;
        }

        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        // What the client sent reaches us as the extra store of the TLS layer's chain.
        var configured = material.Intermediates.Select(c => c.Thumbprint).ToHashSet(StringComparer.Ordinal);
        var sent = chain?.ChainPolicy.ExtraStore.Where(c => !configured.Contains(c.Thumbprint)).ToList() ?? [];
        var verdict = validator.Validate(leaf, sent, material);
        if (!verdict.IsValid)
        {
            SecurityLog.ClientCertificateRejected(logger, leaf.Subject, leaf.SerialNumber, verdict.Problem!, verdict.Reason);
            return false;
        }

        client.Accept(leaf, sent);
        return true;
    }
}
