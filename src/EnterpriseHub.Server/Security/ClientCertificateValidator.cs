using EnterpriseHub.Core.Access;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EnterpriseHub.Server.Security;

/// <summary>What the hub made of a client certificate: the identity, or the problem and why.</summary>
internal sealed record CertificateVerdict(string Identity, string? Problem, string Reason)
{
    public bool IsValid => Problem is null;

    public static CertificateVerdict Refused(string problem, string reason) => new("", problem, reason);
}

/// <summary>
/// Judges a client certificate against the trust material in force, offline: valid now, meant
/// for client authentication, chained to a configured root through configured intermediates or
/// those the client sent (never downloaded), not revoked by a current CRL of each issuer, and
/// naming exactly one identity the hub knows. Used at the handshake and again by the recheck.
/// </summary>
internal sealed class ClientCertificateValidator(Func<CallerDirectory> callers, TimeProvider time)
{
    public static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    public CertificateVerdict Validate(X509Certificate2 leaf, IEnumerable<X509Certificate2> sent, TrustMaterial material)
    {
        try
        {
            return Judge(leaf, sent, material);
        }
        catch (CryptographicException exception)
        {
            // A certificate the platform cannot even process is refused, never let through, and
            // the recheck that found it keeps running.
            return CertificateVerdict.Refused("unverifiable", exception.Message);
        }
    }

    private CertificateVerdict Judge(X509Certificate2 leaf, IEnumerable<X509Certificate2> sent, TrustMaterial material)
    {
        var now = time.GetUtcNow();
        if (now < leaf.NotBefore.ToUniversalTime())
        {
            return CertificateVerdict.Refused("not-yet-valid", "not valid before " + Format(leaf.NotBefore));
        }

        if (now > leaf.NotAfter.ToUniversalTime())
        {
            return CertificateVerdict.Refused("expired", "expired " + Format(leaf.NotAfter));
        }

        if (leaf.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault() is not { } usage
            || !usage.EnhancedKeyUsages.Cast<Oid>().Any(oid => oid.Value == ClientAuth.Value))
        {
            return CertificateVerdict.Refused("no-client-auth", "no clientAuth extended key usage");
        }

        using var chain = new X509Chain { ChainPolicy = material.ChainPolicy(now) };
        chain.ChainPolicy.ExtraStore.AddRange(sent.ToArray());
        try
        {
            if (!chain.Build(leaf))
            {
                var status = string.Join(", ", chain.ChainStatus.Select(s => s.Status).Distinct());
                return CertificateVerdict.Refused("untrusted", "does not chain to a trusted CA: " + status);
            }

            var revocation = CheckRevocation(chain, material, now);
            if (revocation is not null)
            {
                return revocation;
            }
        }
        finally
        {
            foreach (var element in chain.ChainElements)
            {
                element.Certificate.Dispose();
            }
        }

        if (!CallerIdentity.TryRead(leaf.SubjectName, out var identity, out var problem))
        {
            return CertificateVerdict.Refused("subject", problem);
        }

        return callers().IsKnown(identity)
            ? new CertificateVerdict(identity, null, "")
            : CertificateVerdict.Refused("unknown-identity", $"'{identity}' is not an identity the hub knows");
    }

    /// <summary>
    /// With CRLs configured, each certificate below the root needs a current, correctly signed
    /// CRL of its issuer; without one its status is unknown, and unknown is refused.
    /// </summary>
    private static CertificateVerdict? CheckRevocation(X509Chain chain, TrustMaterial material, DateTimeOffset now)
    {
        if (material.Crls.Count == 0)
        {
            return null;
        }

        var elements = chain.ChainElements;
        for (var i = 0; i < elements.Count - 1; i++)
        {
            var certificate = elements[i].Certificate;
            var issuer = elements[i + 1].Certificate;
            var crl = material.Crls.Where(c => c.IsSignedBy(issuer)).MaxBy(c => c.ThisUpdate);
            if (crl is null)
            {
                return CertificateVerdict.Refused("revocation-unknown", $"no CRL of '{issuer.Subject}' is configured");
            }

            if (crl.NextUpdate is { } next && next < now)
            {
                return CertificateVerdict.Refused("revocation-unknown", $"the CRL of '{issuer.Subject}' is out of date since {Format(next)}");
            }

            if (crl.Find(certificate) is { } entry)
            {
                var which = i == 0 ? "" : $"its issuing CA '{certificate.Subject}' is ";
                return CertificateVerdict.Refused(
                    "revoked", $"{which}revoked {Format(entry.RevokedAt)} ({entry.Reason?.ToString() ?? "no reason given"})");
            }
        }

        return null;
    }

    private static string Format(DateTime when) => Format(new DateTimeOffset(when.ToUniversalTime(), TimeSpan.Zero));

    private static string Format(DateTimeOffset when) => when.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
