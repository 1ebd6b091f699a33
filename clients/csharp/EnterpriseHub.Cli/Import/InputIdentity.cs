using System.Security.Cryptography;

namespace EnterpriseHub.Cli.Import;

/// <summary>
/// Which file an import state belongs to: its length and a SHA-256 of its first bytes, so that a
/// state is never applied to another file (or to a file edited in place) by mistake. A file that
/// grew at the end keeps its hash but not its length, and is refused too.
/// </summary>
internal sealed record InputIdentity(long Length, string HeadSha256)
{
    private const int HeadBytes = 1024 * 1024;

    public static InputIdentity Of(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var head = new byte[(int)Math.Min(HeadBytes, stream.Length)];
        stream.ReadExactly(head);
        return new InputIdentity(stream.Length, Convert.ToHexStringLower(SHA256.HashData(head)));
    }
}
