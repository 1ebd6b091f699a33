using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EnterpriseHub.Server.Security;

namespace EnterpriseHub.Web.SignIn;

/// <summary>The outcome of judging a user certificate: valid with its identity, or a short problem and a reason.</summary>
internal sealed record UserCertificateVerdict(UserIdentity? Identity, string? Problem, string Reason)
{
    public bool IsValid => Identity is not null;

    public static UserCertificateVerdict Refuse(string problem, string reason) => new(null, problem, reason);
}

/// <summary>
/// Judges a user certificate offline against the enterprise-user CA alone (never the department
/// CA, never the OS store): validity, key usage and extended key usage clientAuth, the chain, the
/// issuer's CRL from a file, and a subject naming a person and at least one enterprise.
/// </summary>
internal sealed class UserCertificateValidator
{
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    private readonly X509Certificate2Collection roots;
    private readonly IReadOnlyList<RevocationList> crls;
    private readonly bool checkRevocation;
    private readonly TimeProvider time;

    public UserCertificateValidator(X509Certificate2Collection roots, IReadOnlyList<RevocationList> crls, bool checkRevocation, TimeProvider time)
    {
        this.roots = roots;
        this.crls = crls;
        this.checkRevocation = checkRevocation;
        this.time = time;
    }

    public X509Certificate2Collection Roots => roots;

    public static UserCertificateValidator FromFiles(string caPath, string crlPath, TimeProvider time)
    {
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(caPath);
        var lists = string.IsNullOrWhiteSpace(crlPath) ? [] : RevocationList.Load(crlPath);
        return new UserCertificateValidator(roots, lists, !string.IsNullOrWhiteSpace(crlPath), time);
    }

    public UserCertificateVerdict Validate(X509Certificate2 leaf, IEnumerable<X509Certificate2> sent)
    {
        var now = time.GetUtcNow();
        if (now < leaf.NotBefore.ToUniversalTime())
        {
            return UserCertificateVerdict.Refuse("not-yet-valid", $"valid from {leaf.NotBefore.ToUniversalTime():O}");
        }

        if (now > leaf.NotAfter.ToUniversalTime())
        {
            return UserCertificateVerdict.Refuse("expired", $"expired {leaf.NotAfter.ToUniversalTime():O}");
        }

        var eku = leaf.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
        if (eku is null || !eku.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == ClientAuth.Value))
        {
            return UserCertificateVerdict.Refuse("no-client-auth", "the extended key usage does not include clientAuth");
        }

        if (leaf.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault() is { } usage
            && !usage.KeyUsages.HasFlag(X509KeyUsageFlags.DigitalSignature))
        {
            return UserCertificateVerdict.Refuse("key-usage", "the key usage does not include digitalSignature");
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.ExtraStore.AddRange(sent.ToArray());
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        if (!chain.Build(leaf))
        {
            var status = string.Join(", ", chain.ChainStatus.Select(s => s.Status));
            return UserCertificateVerdict.Refuse("untrusted", $"does not chain to the enterprise-user CA ({status})");
        }

        if (checkRevocation && Revoked(chain, now) is { } refusal)
        {
            return refusal;
        }

        return UserIdentity.TryRead(leaf, out var identity, out var problem)
            ? new UserCertificateVerdict(identity, null, string.Empty)
            : UserCertificateVerdict.Refuse("subject", problem);
    }

    private UserCertificateVerdict? Revoked(X509Chain chain, DateTimeOffset now)
    {
        // Every certificate below the root needs a current CRL from its issuer.
        for (var i = 0; i < chain.ChainElements.Count - 1; i++)
        {
            var certificate = chain.ChainElements[i].Certificate;
            var issuer = chain.ChainElements[i + 1].Certificate;
            var crl = crls.Where(c => c.IsSignedBy(issuer)).MaxBy(c => c.ThisUpdate);
            if (crl is null || crl.NextUpdate is { } next && next < now)
            {
                return UserCertificateVerdict.Refuse("revocation-unknown", $"no current CRL from {issuer.Subject}");
            }

            if (crl.Find(certificate) is { } entry)
            {
                return UserCertificateVerdict.Refuse("revoked", $"revoked {entry.RevokedAt:O}");
            }
        }

        return null;
    }
}
