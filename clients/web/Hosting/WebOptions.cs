namespace EnterpriseHub.Web.Hosting;

/// <summary>
/// The web page's configuration, section <c>Web</c>. The defaults are the development PKI's
/// files under <c>certs/dev/</c>, relative to the working directory (the repository root for
/// <c>dotnet run</c>); a deployment sets every path.
/// </summary>
internal sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>The main listener (HTTP/1.1 and HTTP/2, no client certificate): <c>localhost:PORT</c> or <c>IP:PORT</c>.</summary>
    public string Listen { get; set; } = "localhost:7080";

    /// <summary>The sign-in listener (HTTP/1.1, a user certificate required at the handshake).</summary>
    public string SignInListen { get; set; } = "localhost:7081";

    /// <summary>The page's own server certificate (PEM) and key.</summary>
    public string CertificatePath { get; set; } = "certs/dev/web.crt";

    public string KeyPath { get; set; } = "certs/dev/web.key";

    public HubConnectionOptions Hub { get; set; } = new();

    public SignInOptions SignIn { get; set; } = new();

    public DataProtectionOptions DataProtection { get; set; } = new();

    public AuditLogOptions AuditLog { get; set; } = new();

    /// <summary>How long a session lasts without a request, in minutes.</summary>
    public int SessionMinutes { get; set; } = 30;

    /// <summary>The <c>Strict-Transport-Security</c> max-age, in days.</summary>
    public int HstsDays { get; set; } = 365;
}

/// <summary>How the page reaches the hub: as the <c>portal</c> identity over mutual TLS.</summary>
internal sealed class HubConnectionOptions
{
    public string Address { get; set; } = "https://127.0.0.1:7443";

    /// <summary>The CA of the hub's server certificate (the department CA).</summary>
    public string CaPath { get; set; } = "certs/dev/ca.crt";

    /// <summary>The portal's client certificate and key.</summary>
    public string CertificatePath { get; set; } = "certs/dev/portal.crt";

    public string KeyPath { get; set; } = "certs/dev/portal.key";

    /// <summary>The purpose stated on every read the page makes for an enterprise.</summary>
    public string Purpose { get; set; } = "enterprise self-service";
}

/// <summary>Which user certificates sign in.</summary>
internal sealed class SignInOptions
{
    /// <summary>The enterprise-user CA (PEM, one or several roots); never the department CA.</summary>
    public string CaPath { get; set; } = "certs/dev/enterprise-users/ca.crt";

    /// <summary>That CA's CRL (PEM or DER); empty for no revocation check.</summary>
    public string CrlPath { get; set; } = "certs/dev/enterprise-users/ca.crl";
}

/// <summary>Where the cookie keys live: a folder, or Redis when several instances run.</summary>
internal sealed class DataProtectionOptions
{
    public string KeysFolder { get; set; } = "data/web-keys";

    /// <summary>StackExchange.Redis configuration; when set, keys are kept there instead of the folder.</summary>
    public string Redis { get; set; } = string.Empty;
}

/// <summary>
/// The keys the page checks the hub's audit log with, so that "proven in the log" rests on the
/// log's signature, not on the hub's word: the log's own verifier key and, optionally, witnesses.
/// </summary>
internal sealed class AuditLogOptions
{
    /// <summary>A file holding the audit log's verifier key (the c2sp.org/signed-note vkey line the hub publishes).</summary>
    public string VerifierKeyPath { get; set; } = "certs/dev/audit-log.vkey";

    /// <summary>The witnesses' verifier keys (cosignature/v1 vkey lines); none by default.</summary>
    public List<string> WitnessKeys { get; set; } = [];

    /// <summary>How many of <see cref="WitnessKeys"/> must have cosigned a checkpoint for the page to trust it.</summary>
    public int WitnessQuorum { get; set; } = 1;
}
