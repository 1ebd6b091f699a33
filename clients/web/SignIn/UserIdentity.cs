using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace EnterpriseHub.Web.SignIn;

/// <summary>
/// Who a user certificate names: the person (CN, and the CA's person id in serialNumber) and
/// the enterprises they may act for (one X.520 organizationIdentifier, <c>NTRCN-&lt;USCC&gt;</c>,
/// per enterprise). certs/README.md explains the profile.
/// </summary>
internal sealed partial record UserIdentity(string PersonId, string PersonName, IReadOnlyList<string> Usccs)
{
    public const int MaxEnterprises = 20;

    private const string CommonName = "2.5.4.3";
    private const string SerialNumber = "2.5.4.5";
    private const string OrganizationIdentifier = "2.5.4.97";
    private const string UsccPrefix = "NTRCN-";

    public static bool TryRead(X509Certificate2 certificate, out UserIdentity? identity, out string problem)
    {
        identity = null;
        var names = new List<string>();
        var ids = new List<string>();
        var usccs = new List<string>();
        foreach (var rdn in certificate.SubjectName.EnumerateRelativeDistinguishedNames())
        {
            if (rdn.HasMultipleElements)
            {
                continue;
            }

            var value = rdn.GetSingleElementValue() ?? string.Empty;
            switch (rdn.GetSingleElementType().Value)
            {
                case CommonName:
                    names.Add(value);
                    break;
                case SerialNumber:
                    ids.Add(value);
                    break;
                case OrganizationIdentifier when value.StartsWith(UsccPrefix, StringComparison.Ordinal):
                    usccs.Add(value[UsccPrefix.Length..]);
                    break;
            }
        }

        problem = (names.Count, ids.Count, usccs.Count) switch
        {
            (not 1, _, _) => "the subject must hold exactly one CN (the person's name)",
            (_, not 1, _) => "the subject must hold exactly one serialNumber (the person's id)",
            (_, _, 0) => "the subject names no enterprise (organizationIdentifier NTRCN-<USCC>)",
            (_, _, > MaxEnterprises) => $"the subject names more than {MaxEnterprises} enterprises",
            _ when !PersonIdPattern().IsMatch(ids[0]) => "the person id must be 1 to 64 letters, digits, '-' or '_'",
            _ when usccs.Any(u => !UsccPattern().IsMatch(u)) => "an organizationIdentifier does not hold an 18-character USCC",
            _ when string.IsNullOrWhiteSpace(names[0]) || names[0].Length > 64 => "the CN must be 1 to 64 characters",
            _ => string.Empty,
        };
        if (problem.Length > 0)
        {
            return false;
        }

        identity = new UserIdentity(ids[0], names[0], usccs.Distinct(StringComparer.Ordinal).ToList());
        return true;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex PersonIdPattern();

    // GB 32100-2015's alphabet: digits and capitals without I, O, S, V and Z. The hub checks the rest.
    [GeneratedRegex("^[0-9A-HJ-NPQRTUWXY]{18}$")]
    private static partial Regex UsccPattern();
}
