using System.Security.Cryptography.X509Certificates;

namespace EnterpriseHub.Server.Security;

/// <summary>
/// <c>dev-certs [folder] [--force]</c>: writes (or completes) the development PKI and the dev
/// audit log key (which <c>--force</c> keeps: it belongs to the log, not to the CA);
/// <c>dev-certs issue NAME [folder]</c> and <c>dev-certs revoke NAME [folder] [--reason R]</c>:
/// issue a client certificate or add it to the CRL with the kept CA key (see certs/README.md).
/// </summary>
public static class DevCertificatesCommand
{
    private static readonly Dictionary<string, X509RevocationReason> Reasons = new(StringComparer.OrdinalIgnoreCase)
    {
        ["key-compromise"] = X509RevocationReason.KeyCompromise,
        ["superseded"] = X509RevocationReason.Superseded,
        ["cessation-of-operation"] = X509RevocationReason.CessationOfOperation,
        ["affiliation-changed"] = X509RevocationReason.AffiliationChanged,
        ["unspecified"] = X509RevocationReason.Unspecified,
    };

    public static int Run(IReadOnlyList<string> args)
    {
        var positional = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal)
            && (i == 0 || args[i - 1] != "--reason")).ToList();
        return positional switch
        {
            ["issue", var name, .. var rest] => Issue(name, Folder(rest)),
            ["revoke", var name, .. var rest] => Revoke(name, Folder(rest), ReasonOf(args)),
            ["issue" or "revoke", ..] => Usage(),
            _ => Write(Folder(positional), args.Contains("--force")),
        };
    }

    private static string Folder(IReadOnlyList<string> rest) => rest.Count > 0 ? rest[0] : Path.Combine("certs", "dev");

    private static int Write(string folder, bool force)
    {
        if (force)
        {
            DevCertificateAuthority.Write(folder, DevCertificateAuthority.DevIdentities);
            // The web page's certificate and the enterprise users' PKI belong to the replaced CA's generation too.
            File.Delete(Path.Combine(folder, "web.crt"));
            if (Directory.Exists(Path.Combine(folder, DevEnterpriseUsers.FolderName)))
            {
                Directory.Delete(Path.Combine(folder, DevEnterpriseUsers.FolderName), recursive: true);
            }

            DevEnterpriseUsers.Complete(folder);
            DevAuditLogKey.Complete(folder);
            Console.WriteLine($"Wrote a new dev CA, its key and CRL, the hub's certificate and client certificates for "
                + $"{string.Join(", ", DevCertificateAuthority.DevIdentities)}, the web page's certificate and a new "
                + $"enterprise-user CA with the demo users' certificates to {Path.GetFullPath(folder)}");
            return 0;
        }

        string?[] lines =
        [
            DevCertificateAuthority.Complete(folder, DevCertificateAuthority.DevIdentities), DevEnterpriseUsers.Complete(folder),
            DevAuditLogKey.Complete(folder),
        ];
        var said = lines.Where(line => line is not null).ToList();
        Console.WriteLine(said.Count > 0
            ? string.Join(Environment.NewLine, said)
            : $"{Path.GetFullPath(folder)} already holds a complete dev PKI; pass --force to replace it.");
        return 0;
    }

    private static int Issue(string name, string folder)
    {
        if (!CallerIdentity.TryRead(new X500DistinguishedName($"CN={name}"), out _, out var problem))
        {
            Console.Error.WriteLine($"'{name}': {problem} (lower case letters, digits and _, 2 to 32 characters).");
            return 2;
        }

        if (!HasCaKey(folder))
        {
            return 2;
        }

        using var certificate = DevCertificateAuthority.Issue(folder, name);
        Console.WriteLine($"Issued {Path.Combine(folder, name)}.crt/.key, serial {certificate.SerialNumber}, valid until "
            + $"{certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}. The hub admits it only for an identity it knows "
            + "(a department of the catalog, a portal, a delivery channel or an admin).");
        return 0;
    }

    private static int Revoke(string name, string folder, X509RevocationReason? reason)
    {
        if (reason is null)
        {
            Console.Error.WriteLine($"--reason must be one of {string.Join(", ", Reasons.Keys)}.");
            return 2;
        }

        if (!HasCaKey(folder))
        {
            return 2;
        }

        if (!File.Exists(Path.Combine(folder, $"{name}.crt")))
        {
            Console.Error.WriteLine($"{Path.Combine(folder, name)}.crt does not exist.");
            return 2;
        }

        var serial = DevCertificateAuthority.Revoke(folder, name, reason.Value);
        Console.WriteLine($"Revoked {name} (serial {serial}, {reason}) in {Path.Combine(folder, "ca.crl")}; "
            + "a hub configured with that CRL refuses it once it has reloaded the file.");
        return 0;
    }

    private static X509RevocationReason? ReasonOf(IReadOnlyList<string> args)
    {
        var at = args.ToList().IndexOf("--reason");
        if (at < 0)
        {
            return X509RevocationReason.KeyCompromise;
        }

        return at + 1 < args.Count && Reasons.TryGetValue(args[at + 1], out var reason) ? reason : null;
    }

    private static bool HasCaKey(string folder)
    {
        if (File.Exists(Path.Combine(folder, "ca.crt")) && File.Exists(Path.Combine(folder, "ca.key")))
        {
            return true;
        }

        Console.Error.WriteLine($"{Path.GetFullPath(folder)} has no dev CA key; run dev-certs first.");
        return false;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: dev-certs [folder] [--force] | dev-certs issue NAME [folder] | dev-certs revoke NAME [folder] [--reason R]");
        return 2;
    }
}
