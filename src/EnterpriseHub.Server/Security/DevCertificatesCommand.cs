namespace EnterpriseHub.Server.Security;

/// <summary><c>dev-certs [folder] [--force]</c>: writes the development PKI (see certs/README.md).</summary>
public static class DevCertificatesCommand
{
    public static int Run(IReadOnlyList<string> args)
    {
        var force = args.Contains("--force");
        var folder = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? Path.Combine("certs", "dev");
        if (!force && DevCertificateAuthority.IsComplete(folder, DevCertificateAuthority.DevIdentities))
        {
            Console.WriteLine($"{Path.GetFullPath(folder)} already holds a complete dev PKI; pass --force to replace it.");
            return 0;
        }

        DevCertificateAuthority.Write(folder, DevCertificateAuthority.DevIdentities);
        Console.WriteLine($"Wrote the dev CA, the hub's certificate and client certificates for "
            + $"{string.Join(", ", DevCertificateAuthority.DevIdentities)} to {Path.GetFullPath(folder)}");
        return 0;
    }
}
