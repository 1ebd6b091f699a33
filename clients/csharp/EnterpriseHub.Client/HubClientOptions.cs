namespace EnterpriseHub.Client;

/// <summary>Where the hub is and which certificates identify the caller to it.</summary>
public sealed class HubClientOptions
{
    /// <summary>The hub's address, e.g. <c>https://127.0.0.1:7443</c>.</summary>
    public required Uri Address { get; init; }

    /// <summary>PEM file of the CA that issued the hub's server certificate; the only root trusted.</summary>
    public required string CaCertificatePath { get; init; }

    /// <summary>PEM file of the department's client certificate (its subject CN is the department code).</summary>
    public required string CertificatePath { get; init; }

    /// <summary>PEM file of the client certificate's private key.</summary>
    public required string KeyPath { get; init; }

    /// <summary>Largest reply accepted, in bytes; 16 MiB by default.</summary>
    public int MaxReceiveMessageSize { get; init; } = 16 * 1024 * 1024;

    /// <summary>
    /// Builds options from the dev PKI folder written by the hub in Development
    /// (<c>certs/dev/ca.crt</c>, <c>&lt;department&gt;.crt</c>, <c>&lt;department&gt;.key</c>).
    /// </summary>
    public static HubClientOptions FromFolder(Uri address, string folder, string department) => new()
    {
        Address = address,
        CaCertificatePath = Path.Combine(folder, "ca.crt"),
        CertificatePath = Path.Combine(folder, $"{department}.crt"),
        KeyPath = Path.Combine(folder, $"{department}.key"),
    };
}
