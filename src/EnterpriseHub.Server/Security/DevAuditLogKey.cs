using EnterpriseHub.Transparency.Notes;

namespace EnterpriseHub.Server.Security;

/// <summary>
/// The development audit log key in the dev PKI's folder: <c>audit-log.key</c> (the signer line,
/// readable by its owner alone) and <c>audit-log.vkey</c> (the verifier key anyone may have).
/// </summary>
public static class DevAuditLogKey
{
    /// <summary>The dev key's name; the hub's origins are this, <c>/</c> and the store's log id.</summary>
    public const string Name = "enterprisehub.dev/audit";

    public const string KeyFile = "audit-log.key";

    public const string VerifierKeyFile = "audit-log.vkey";

    /// <summary>Writes the key pair when its signer file is missing; says what it wrote, or null.</summary>
    public static string? Complete(string devFolder)
    {
        var keyPath = Path.Combine(devFolder, KeyFile);
        if (File.Exists(keyPath))
        {
            return null;
        }

        Directory.CreateDirectory(devFolder);
        var signer = new Ed25519NoteSigner(Name, Ed25519Key.Generate());
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var key = new StreamWriter(keyPath, options))
        {
            key.Write(signer.ToKeyText() + "\n");
        }

        File.WriteAllText(Path.Combine(devFolder, VerifierKeyFile), signer.VerifierKey + "\n");
        return $"Wrote the dev audit log key {Path.GetFullPath(keyPath)} and its verifier key {VerifierKeyFile}: {signer.VerifierKey}";
    }
}
