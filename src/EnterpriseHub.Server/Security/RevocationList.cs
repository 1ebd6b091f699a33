using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EnterpriseHub.Server.Security;

/// <summary>One revoked certificate of a CRL: when, and why if the CA said.</summary>
internal sealed record RevokedEntry(DateTimeOffset RevokedAt, X509RevocationReason? Reason);

/// <summary>
/// A certificate revocation list (RFC 5280 §5) read from a file, parsed here rather than handed
/// to the platform, whose offline revocation reads a per-user cache we do not control. The
/// signature is checked against the issuing CA before the list is believed.
/// </summary>
internal sealed class RevocationList
{
    private static readonly Oid CrlReason = new("2.5.29.21");

    private readonly byte[] signedPart;
    private readonly byte[] signature;
    private readonly string algorithm;
    private readonly FrozenDictionary<BigInteger, RevokedEntry> revoked;
    private readonly ConcurrentDictionary<string, bool> signedBy = new(StringComparer.Ordinal);

    private RevocationList(
        string source, X500DistinguishedName issuer, DateTimeOffset thisUpdate, DateTimeOffset? nextUpdate,
        FrozenDictionary<BigInteger, RevokedEntry> revoked, byte[] signedPart, byte[] signature, string algorithm)
    {
        Source = source;
        Issuer = issuer;
        ThisUpdate = thisUpdate;
        NextUpdate = nextUpdate;
        this.revoked = revoked;
        this.signedPart = signedPart;
        this.signature = signature;
        this.algorithm = algorithm;
    }

    public string Source { get; }

    public X500DistinguishedName Issuer { get; }

    public DateTimeOffset ThisUpdate { get; }

    public DateTimeOffset? NextUpdate { get; }

    public int Count => revoked.Count;

    /// <summary>Whether <paramref name="issuer"/> names this list's issuer.</summary>
    public bool NamesIssuer(X509Certificate2 issuer) => issuer.SubjectName.RawData.AsSpan().SequenceEqual(Issuer.RawData);

    public RevokedEntry? Find(X509Certificate2 certificate) =>
        revoked.GetValueOrDefault(new BigInteger(certificate.SerialNumberBytes.Span, isUnsigned: false, isBigEndian: true));

    /// <summary>Whether <paramref name="ca"/> signed this list (and may sign CRLs); remembered per CA.</summary>
    public bool IsSignedBy(X509Certificate2 ca) => signedBy.GetOrAdd(ca.Thumbprint, _ => NamesIssuer(ca) && MaySignCrls(ca) && Verify(ca));

    /// <summary>Every CRL in a file: PEM blocks labelled <c>X509 CRL</c>, or one DER list.</summary>
    public static IReadOnlyList<RevocationList> Load(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var text = System.Text.Encoding.ASCII.GetString(bytes);
        if (!text.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            return [Parse(bytes, path)];
        }

        var lists = new List<RevocationList>();
        var rest = text.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            if (rest[fields.Label].SequenceEqual("X509 CRL"))
            {
                lists.Add(Parse(Convert.FromBase64String(rest[fields.Base64Data].ToString()), path));
            }

            rest = rest[fields.Location.End..];
        }

        return lists.Count > 0 ? lists : throw new CryptographicException("the file holds no X509 CRL PEM block");
    }

    public static RevocationList Parse(byte[] der, string source)
    {
        var outer = new AsnReader(der, AsnEncodingRules.DER);
        var list = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        var tbsBytes = list.ReadEncodedValue().ToArray();
        var algorithmId = list.ReadSequence();
        var algorithm = algorithmId.ReadObjectIdentifier();
        var signature = list.ReadBitString(out _);
        list.ThrowIfNotEmpty();

        var tbs = new AsnReader(tbsBytes, AsnEncodingRules.DER).ReadSequence();
        if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
        {
            tbs.ReadInteger();
        }

        tbs.ReadSequence();
        var issuer = new X500DistinguishedName(tbs.ReadEncodedValue().Span);
        var thisUpdate = ReadTime(tbs);
        DateTimeOffset? nextUpdate = tbs.HasData && IsTime(tbs.PeekTag()) ? ReadTime(tbs) : null;
        var entries = new Dictionary<BigInteger, RevokedEntry>();
        if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
        {
            var revoked = tbs.ReadSequence();
            while (revoked.HasData)
            {
                var entry = revoked.ReadSequence();
                var serial = entry.ReadInteger();
                var when = ReadTime(entry);
                entries[serial] = new RevokedEntry(when, entry.HasData ? ReadReason(entry.ReadSequence()) : null);
            }
        }

        if (tbs.HasData)
        {
            RefuseCriticalExtensions(tbs.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0)).ReadSequence());
        }

        return new RevocationList(source, issuer, thisUpdate, nextUpdate, entries.ToFrozenDictionary(), tbsBytes, signature, algorithm);
    }

    /// <summary>
    /// A critical extension we do not implement changes what the list means (a delta CRL, an
    /// issuing distribution point that covers only some certificates): RFC 5280 says not to use
    /// such a list, and taking it as complete could pass a revoked certificate.
    /// </summary>
    private static void RefuseCriticalExtensions(AsnReader extensions)
    {
        while (extensions.HasData)
        {
            var extension = extensions.ReadSequence();
            var oid = extension.ReadObjectIdentifier();
            var critical = extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean) && extension.ReadBoolean();
            if (critical && oid is not ("2.5.29.20" or "2.5.29.35"))
            {
                throw new CryptographicException($"the CRL has the critical extension {oid}, which the hub does not support");
            }
        }
    }

    private static X509RevocationReason? ReadReason(AsnReader extensions)
    {
        X509RevocationReason? reason = null;
        while (extensions.HasData)
        {
            var extension = extensions.ReadSequence();
            var oid = extension.ReadObjectIdentifier();
            if (extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean))
            {
                extension.ReadBoolean();
            }

            var value = extension.ReadOctetString();
            if (oid == CrlReason.Value)
            {
                reason = new AsnReader(value, AsnEncodingRules.DER).ReadEnumeratedValue<X509RevocationReason>();
            }
        }

        return reason;
    }

    private static bool IsTime(Asn1Tag tag) =>
        tag.HasSameClassAndValue(new Asn1Tag(UniversalTagNumber.UtcTime))
        || tag.HasSameClassAndValue(new Asn1Tag(UniversalTagNumber.GeneralizedTime));

    private static DateTimeOffset ReadTime(AsnReader reader) =>
        reader.PeekTag().HasSameClassAndValue(new Asn1Tag(UniversalTagNumber.UtcTime))
            ? reader.ReadUtcTime()
            : reader.ReadGeneralizedTime();

    private static bool MaySignCrls(X509Certificate2 ca) =>
        ca.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault() is not { } usage
        || usage.KeyUsages.HasFlag(X509KeyUsageFlags.CrlSign);

    private bool Verify(X509Certificate2 ca)
    {
        (bool Ecdsa, HashAlgorithmName Hash)? scheme = algorithm switch
        {
            "1.2.840.10045.4.3.2" => (true, HashAlgorithmName.SHA256),
            "1.2.840.10045.4.3.3" => (true, HashAlgorithmName.SHA384),
            "1.2.840.10045.4.3.4" => (true, HashAlgorithmName.SHA512),
            "1.2.840.113549.1.1.11" => (false, HashAlgorithmName.SHA256),
            "1.2.840.113549.1.1.12" => (false, HashAlgorithmName.SHA384),
            "1.2.840.113549.1.1.13" => (false, HashAlgorithmName.SHA512),
            _ => null,
        };
        if (scheme is not { } s)
        {
            return false;
        }

        if (s.Ecdsa)
        {
            using var ecdsa = ca.GetECDsaPublicKey();
            return ecdsa is not null && ecdsa.VerifyData(signedPart, signature, s.Hash, DSASignatureFormat.Rfc3279DerSequence);
        }

        using var rsa = ca.GetRSAPublicKey();
        return rsa is not null && rsa.VerifyData(signedPart, signature, s.Hash, RSASignaturePadding.Pkcs1);
    }
}
