using EnterpriseHub.Transparency.Notes;
using Microsoft.Extensions.Options;

namespace EnterpriseHub.Witness;

/// <summary>The <c>Witness</c> configuration section: the witness's own key and store, and the logs it witnesses.</summary>
internal sealed class WitnessOptions
{
    /// <summary>A file holding the witness's <c>PRIVATE+KEY+name+id+…</c> line of signature type 0x04.</summary>
    public string KeyFile { get; set; } = "";

    /// <summary>The SQLite file holding the latest cosigned checkpoint of every log.</summary>
    public string Database { get; set; } = "";

    /// <summary>The logs witnessed, each as its origin and the vkey of the log's checkpoint key.</summary>
    public List<WitnessedLog> Logs { get; set; } = [];
}

/// <summary>One witnessed log.</summary>
internal sealed class WitnessedLog
{
    /// <summary>The checkpoint origin: the log key's name, or (as the hub's) that name, <c>/</c> and the log's id.</summary>
    public string Origin { get; set; } = "";

    /// <summary>The log's Ed25519 vkey.</summary>
    public string VerifierKey { get; set; } = "";
}

/// <summary>Checks the whole section at start and reports every problem at once.</summary>
internal sealed class WitnessOptionsValidator : IValidateOptions<WitnessOptions>
{
    public ValidateOptionsResult Validate(string? name, WitnessOptions options)
    {
        var errors = new List<string>();
        if (!File.Exists(options.KeyFile))
        {
            errors.Add($"Witness:KeyFile '{options.KeyFile}' does not exist");
        }

        if (options.Database.Length == 0)
        {
            errors.Add("Witness:Database is required");
        }

        if (options.Logs.Count == 0)
        {
            errors.Add("Witness:Logs lists no log to witness");
        }

        foreach (var (log, i) in options.Logs.Select((l, i) => (l, i)))
        {
            try
            {
                if (!Checkpoint.IsOriginOf(log.Origin, Ed25519NoteVerifier.FromVerifierKey(log.VerifierKey).Name))
                {
                    errors.Add($"Witness:Logs:{i}: the origin '{log.Origin}' is not under the vkey's name");
                }
            }
            catch (NoteFormatException e)
            {
                errors.Add($"Witness:Logs:{i}: {e.Message}");
            }
        }

        if (options.Logs.DistinctBy(l => l.Origin).Count() != options.Logs.Count)
        {
            errors.Add("Witness:Logs lists an origin twice");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
