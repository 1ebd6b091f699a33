using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Grpc.Core;

namespace EnterpriseHub.Server.Security;

/// <summary>The calling department, read from the subject CN of its (already validated) client certificate.</summary>
internal static partial class CallerIdentity
{
    private const string CommonName = "2.5.4.3";

    // Certificates live as long as their connection; the CN is read once per certificate.
    private static readonly ConditionalWeakTable<X509Certificate2, string> Codes = new();

    /// <summary>The identity of a subject with exactly one CN that is a department code.</summary>
    public static bool TryRead(X509Certificate2 certificate, out string department) =>
        TryRead(certificate.SubjectName, out department, out _);

    /// <summary>As <see cref="TryRead(X509Certificate2, out string)"/>, saying what is wrong when it fails.</summary>
    public static bool TryRead(X500DistinguishedName subject, out string department, out string problem)
    {
        department = "";
        var names = new List<string>();
        foreach (var rdn in subject.EnumerateRelativeDistinguishedNames())
        {
            if (rdn.HasMultipleElements)
            {
                // A multi-valued RDN may hide a second CN; nobody issues them for department systems.
                problem = "the subject has a multi-valued RDN";
                return false;
            }

            if (rdn.GetSingleElementType().Value == CommonName)
            {
                names.Add(rdn.GetSingleElementValue() ?? "");
            }
        }

        if (names.Count != 1)
        {
            problem = $"the subject has {names.Count} CNs, not exactly one";
            return false;
        }

        if (!DepartmentCode().IsMatch(names[0]))
        {
            problem = "the subject CN is not an identity code";
            return false;
        }

        department = names[0];
        problem = "";
        return true;
    }

    /// <summary>The caller's department code. Every call has one: Kestrel refuses connections without a valid certificate.</summary>
    public static string GetCaller(this ServerCallContext context)
    {
        var certificate = context.GetHttpContext().Connection.ClientCertificate
            ?? throw new InvalidOperationException("A call reached a handler without a client certificate.");
        return Codes.GetValue(certificate, static c => TryRead(c, out var code)
            ? code
            : throw new InvalidOperationException("A client certificate without a department code reached a handler."));
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{1,31}$")]
    private static partial Regex DepartmentCode();
}
