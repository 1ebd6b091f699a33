using System.Security.Cryptography.X509Certificates;

namespace EnterpriseHub.Cli.Import;

/// <summary>The calling department: the subject CN of its client certificate, which is how the hub knows it.</summary>
internal static class CallerIdentity
{
    public static string DepartmentOf(string certificatePath)
    {
        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(certificatePath));
        return certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
    }
}
