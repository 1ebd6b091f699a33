using Grpc.Core.Interceptors;

namespace EnterpriseHub.Client;

/// <summary>
/// Where the hub is and which certificates identify the caller to it: either PEM files
/// (<see cref="CaCertificatePath"/>, <see cref="CertificatePath"/>, <see cref="KeyPath"/>) or PEM text
/// (<see cref="CaCertificatePem"/>, <see cref="CertificatePem"/>, <see cref="KeyPem"/>).
/// </summary>
public sealed class HubClientOptions
{
    /// <summary>The hub's address, e.g. <c>https://127.0.0.1:7443</c>.</summary>
    public required Uri Address { get; init; }

    /// <summary>PEM file of the CA that issued the hub's server certificate; the only root trusted.</summary>
    public string? CaCertificatePath { get; init; }

    /// <summary>PEM file of the department's client certificate (its subject CN is the department code).</summary>
    public string? CertificatePath { get; init; }

    /// <summary>PEM file of the client certificate's private key.</summary>
    public string? KeyPath { get; init; }

    /// <summary>PEM text of the hub's CA, instead of <see cref="CaCertificatePath"/>.</summary>
    public string? CaCertificatePem { get; init; }

    /// <summary>PEM text of the client certificate, instead of <see cref="CertificatePath"/>.</summary>
    public string? CertificatePem { get; init; }

    /// <summary>PEM text of the client certificate's private key, instead of <see cref="KeyPath"/>.</summary>
    public string? KeyPem { get; init; }

    /// <summary>Largest reply accepted, in bytes; 16 MiB by default.</summary>
    public int MaxReceiveMessageSize { get; init; } = 16 * 1024 * 1024;

    /// <summary>
    /// Deadline given to every unary call that has none of its own (30 s by default); a call's own
    /// <c>deadline</c> argument wins. Streams (watches, bulk publishing) get none: they are long-lived
    /// by design. <see langword="null"/> sends calls without a deadline.
    /// </summary>
    public TimeSpan? DefaultDeadline { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How calls that are safe to repeat are retried on <c>UNAVAILABLE</c>, through gRPC's own retry
    /// policy; <see langword="null"/> turns retries off.
    /// </summary>
    public HubRetryPolicy? Retry { get; init; } = HubRetryPolicy.Default;

    /// <summary>
    /// Makes the <c>x-request-id</c> sent with a call that has none of its own (a caller sets one per
    /// call with <see cref="HubMetadata.WithRequestId(string)"/>). A random 32-digit hex id by default.
    /// </summary>
    public Func<string> RequestIdFactory { get; init; } = () => Guid.NewGuid().ToString("N");

    /// <summary>
    /// Interceptors of the caller's own (logging, metrics), run in the order given after the client
    /// has added the request id and default deadline, so they see both.
    /// </summary>
    public IReadOnlyList<Interceptor> Interceptors { get; init; } = [];

    /// <summary>The clock the client's deadlines are counted on; the system clock by default.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

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

    /// <summary>Builds options from PEM text held in memory (a secret store, environment variables).</summary>
    public static HubClientOptions FromPem(Uri address, string caCertificatePem, string certificatePem, string keyPem) => new()
    {
        Address = address,
        CaCertificatePem = caCertificatePem,
        CertificatePem = certificatePem,
        KeyPem = keyPem,
    };

    /// <summary>Every problem with these options at once; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Address.IsAbsoluteUri || Address.Scheme != Uri.UriSchemeHttps)
        {
            problems.Add("Address must be an absolute https:// address (the hub speaks mutual TLS only).");
        }

        CheckPair(problems, "CA certificate", CaCertificatePath, CaCertificatePem);
        CheckPair(problems, "client certificate", CertificatePath, CertificatePem);
        CheckPair(problems, "private key", KeyPath, KeyPem);
        if (MaxReceiveMessageSize <= 0)
        {
            problems.Add("MaxReceiveMessageSize must be positive.");
        }

        if (DefaultDeadline is { } deadline && deadline <= TimeSpan.Zero)
        {
            problems.Add("DefaultDeadline must be positive, or null for none.");
        }

        if (Retry is not null)
        {
            problems.AddRange(Retry.Validate());
        }

        return problems;
    }

    private static void CheckPair(List<string> problems, string what, string? path, string? pem)
    {
        if (string.IsNullOrWhiteSpace(path) == string.IsNullOrWhiteSpace(pem))
        {
            problems.Add($"Give the {what} either as a file path or as PEM text, exactly one of the two.");
        }
        else if (path is not null && !File.Exists(path))
        {
            problems.Add($"The {what} file '{path}' does not exist.");
        }
    }
}
