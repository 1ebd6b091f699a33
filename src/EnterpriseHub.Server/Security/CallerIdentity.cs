using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Grpc.Core;

namespace EnterpriseHub.Server.Security;

/// <summary>The calling department, read from the subject CN of its (already validated) client certificate.</summary>
internal static partial class CallerIdentity
{
    // Certificates live as long as their connection; the CN is read once per certificate.
    private static readonly ConditionalWeakTable<X509Certificate2, string> Codes = new();

    public static bool TryRead(X509Certificate2 certificate, out string department)
    {
        department = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        return DepartmentCode().IsMatch(department);
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
