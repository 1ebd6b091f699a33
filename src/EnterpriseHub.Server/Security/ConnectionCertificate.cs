using System.Security.Cryptography.X509Certificates;

namespace EnterpriseHub.Server.Security;

/// <summary>
/// The client certificate a connection authenticated with, and the intermediates the client
/// sent, kept (as copies: the TLS layer disposes its own) so the recheck can judge them again.
/// </summary>
internal sealed class ConnectionCertificate
{
    private int closed;

    public X509Certificate2? Leaf { get; private set; }

    public IReadOnlyList<X509Certificate2> Sent { get; private set; } = [];

    public void Accept(X509Certificate2 leaf, IEnumerable<X509Certificate2> sent)
    {
        Leaf = X509CertificateLoader.LoadCertificate(leaf.RawData);
        Sent = sent.Where(c => c.Thumbprint != leaf.Thumbprint).Select(c => X509CertificateLoader.LoadCertificate(c.RawData)).ToList();
    }

    /// <summary>True the first time only: a connection is closed (and logged) once.</summary>
    public bool TryClose() => Interlocked.Exchange(ref closed, 1) == 0;
}
