using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EnterpriseHub.Server.Security;

/// <summary>
/// Accepts a client certificate only when it chains to the configured department CA
/// (custom root trust: the OS store is never consulted), is valid now, is meant for client
/// authentication and names a department code in its subject CN.
/// </summary>
internal sealed class ClientCertificateValidator(X509Certificate2 departmentCa, TimeProvider time, ILogger logger)
{
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    public bool Validate(X509Certificate2? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            SecurityLog.ClientCertificateMissing(logger);
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(departmentCa);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(ClientAuth);
        chain.ChainPolicy.VerificationTime = time.GetUtcNow().UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        if (!chain.Build(certificate))
        {
            var status = string.Join(", ", chain.ChainStatus.Select(s => s.Status));
            SecurityLog.ClientCertificateRejected(logger, certificate.Subject, status);
            return false;
        }

        if (!CallerIdentity.TryRead(certificate, out _))
        {
            SecurityLog.ClientCertificateRejected(logger, certificate.Subject, "subject CN is not a department code");
            return false;
        }

        return true;
    }
}
