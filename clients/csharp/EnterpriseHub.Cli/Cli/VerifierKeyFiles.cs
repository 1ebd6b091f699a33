using EnterpriseHub.Transparency.Notes;

namespace EnterpriseHub.Cli.Cli;

/// <summary>
/// Reads vkey files (one C2SP verifier key line, as <c>hubctl audit keygen</c> and the dev PKI write
/// them). A file that cannot be read or holds no vkey of the right type is a usage error: the
/// command line named the wrong file, which says nothing about the proof being checked.
/// </summary>
internal static class VerifierKeyFiles
{
    /// <summary>The log's Ed25519 key (signature type 0x01).</summary>
    public static Ed25519NoteVerifier Log(string path) => Read(path, "log key", Ed25519NoteVerifier.FromVerifierKey);

    /// <summary>A witness's cosignature key (signature type 0x04).</summary>
    public static CosignatureVerifier Witness(string path) => Read(path, "witness key", CosignatureVerifier.FromVerifierKey);

    private static T Read<T>(string path, string what, Func<string, T> parse)
    {
        string text;
        try
        {
            text = File.ReadAllText(path).Trim();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"Cannot read the {what} file {path}: {exception.Message}");
        }

        try
        {
            return parse(text);
        }
        catch (NoteFormatException exception)
        {
            throw new CliUsageException($"The {what} file {path} holds no usable vkey: {exception.Message}.");
        }
    }
}
