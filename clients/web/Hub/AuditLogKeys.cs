using EnterpriseHub.Transparency.Notes;
using EnterpriseHub.Web.Hosting;
using Microsoft.Extensions.Options;

namespace EnterpriseHub.Web.Hub;

/// <summary>
/// The keys the reads page opens the hub's signed checkpoints with, read once from
/// <see cref="AuditLogOptions"/>: the log's verifier key and, when witnesses are configured, the
/// policy that so many of them must have cosigned.
/// </summary>
internal sealed class AuditLogKeys
{
    public AuditLogKeys(IOptions<WebOptions> options)
    {
        var audit = options.Value.AuditLog;
        Log = ReadLogKey(audit.VerifierKeyPath);
        Witnesses = audit.WitnessKeys.Count == 0 ? null : new WitnessPolicy([.. audit.WitnessKeys.Select(ParseWitness)], audit.WitnessQuorum);
    }

    /// <summary>The audit log's key.</summary>
    public INoteVerifier Log { get; }

    /// <summary>The witnesses that must have cosigned, or null when the page knows none.</summary>
    public WitnessPolicy? Witnesses { get; }

    /// <summary>What is wrong with <paramref name="options"/>, every problem at once (for the start-up validation).</summary>
    public static IEnumerable<string> Problems(AuditLogOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.VerifierKeyPath))
        {
            yield return "Web:AuditLog:VerifierKeyPath is required.";
        }
        else if (!File.Exists(options.VerifierKeyPath))
        {
            yield return $"Web:AuditLog:VerifierKeyPath '{options.VerifierKeyPath}' does not exist (working directory {Directory.GetCurrentDirectory()}).";
        }
        else if (Refusal(() => ReadLogKey(options.VerifierKeyPath)) is { } problem)
        {
            yield return $"Web:AuditLog:VerifierKeyPath '{options.VerifierKeyPath}' holds no audit log verifier key: {problem}.";
        }

        for (var i = 0; i < options.WitnessKeys.Count; i++)
        {
            var key = options.WitnessKeys[i];
            if (Refusal(() => ParseWitness(key)) is { } problem)
            {
                yield return $"Web:AuditLog:WitnessKeys:{i} is no witness verifier key: {problem}.";
            }
        }

        if (options.WitnessKeys.Select(k => k.Trim()).Distinct(StringComparer.Ordinal).Count() != options.WitnessKeys.Count)
        {
            yield return "Web:AuditLog:WitnessKeys names a witness twice.";
        }

        if (options.WitnessKeys.Count > 0 && (options.WitnessQuorum < 1 || options.WitnessQuorum > options.WitnessKeys.Count))
        {
            yield return $"Web:AuditLog:WitnessQuorum must be 1 to the {options.WitnessKeys.Count} witness keys, not {options.WitnessQuorum}.";
        }
    }

    private static Ed25519NoteVerifier ReadLogKey(string path) => Ed25519NoteVerifier.FromVerifierKey(File.ReadAllText(path).Trim());

    private static CosignatureVerifier ParseWitness(string vkey) => CosignatureVerifier.FromVerifierKey(vkey.Trim());

    private static string? Refusal(Action parse)
    {
        try
        {
            parse();
            return null;
        }
        catch (NoteFormatException problem)
        {
            return problem.Message;
        }
    }
}
