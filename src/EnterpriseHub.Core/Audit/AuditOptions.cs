using EnterpriseHub.Transparency.Notes;

namespace EnterpriseHub.Core.Audit;

/// <summary>Configuration section <c>Hub:Audit</c>: the signed checkpoints of the audit log and the witnesses they go to.</summary>
public sealed class AuditOptions
{
    /// <summary>Seconds between two looks at the log; a checkpoint is signed at a look that finds the tree grown.</summary>
    public double CheckpointSeconds { get; set; } = 10;

    /// <summary>
    /// The file with the log's signing key, one line <c>PRIVATE+KEY+&lt;name&gt;+&lt;key ID&gt;+&lt;base64(0x01 ‖ seed)&gt;</c>
    /// (certs/README.md). In Development it defaults to the dev PKI's <c>audit-log.key</c>.
    /// </summary>
    public string SigningKeyFile { get; set; } = "";

    /// <summary>The witnesses each new checkpoint is sent to (c2sp.org/tlog-witness).</summary>
    public List<AuditWitnessOptions> Witnesses { get; set; } = [];

    /// <summary>Seconds one request to a witness may take.</summary>
    public double WitnessTimeoutSeconds { get; set; } = 10;

    public IEnumerable<string> Validate()
    {
        if (CheckpointSeconds is < 0.05 or > 3600)
        {
            yield return "Hub:Audit:CheckpointSeconds must be between 0.05 and 3600.";
        }

        if (WitnessTimeoutSeconds is < 0.1 or > 300)
        {
            yield return "Hub:Audit:WitnessTimeoutSeconds must be between 0.1 and 300.";
        }

        if (SigningKeyProblem() is { } key)
        {
            yield return key;
        }

        foreach (var (witness, i) in Witnesses.Select((w, i) => (w, i)))
        {
            if (!Uri.TryCreate(witness.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                yield return $"Hub:Audit:Witnesses:{i}:Url must be an absolute http or https URL.";
            }

            if (witness.ProblemOfKey() is { } problem)
            {
                yield return $"Hub:Audit:Witnesses:{i}:VerifierKey: {problem}.";
            }
        }

        if (Witnesses.Select(w => w.ProblemOfKey() is null ? w.Verifier.Name : w.VerifierKey).Distinct().Count() != Witnesses.Count)
        {
            yield return "Hub:Audit:Witnesses names a witness twice.";
        }
    }

    /// <summary>The log's signer, read from <see cref="SigningKeyFile"/> (which <see cref="Validate"/> has checked).</summary>
    public Ed25519NoteSigner LoadSigningKey() => Ed25519NoteSigner.FromKeyText(File.ReadAllText(SigningKeyFile).Trim());

    private string? SigningKeyProblem()
    {
        if (SigningKeyFile.Length == 0)
        {
            return "Hub:Audit:SigningKeyFile is required: the Ed25519 key that signs the audit log's checkpoints (certs/README.md).";
        }

        if (!File.Exists(SigningKeyFile))
        {
            return $"Hub:Audit:SigningKeyFile '{SigningKeyFile}' does not exist.";
        }

        try
        {
            LoadSigningKey();
            return null;
        }
        catch (NoteFormatException e)
        {
            return $"Hub:Audit:SigningKeyFile '{SigningKeyFile}' does not hold a signer key: {e.Message}.";
        }
    }
}

/// <summary>One witness: where its <c>add-checkpoint</c> endpoint lives and its cosignature vkey.</summary>
public sealed class AuditWitnessOptions
{
    /// <summary>The witness's base URL; requests go to <c>&lt;Url&gt;/add-checkpoint</c>.</summary>
    public string Url { get; set; } = "";

    /// <summary>The witness's cosignature/v1 vkey (signature type 0x04), as it publishes it.</summary>
    public string VerifierKey { get; set; } = "";

    /// <summary>The verifier of <see cref="VerifierKey"/> (valid once <see cref="AuditOptions.Validate"/> passed).</summary>
    public CosignatureVerifier Verifier => CosignatureVerifier.FromVerifierKey(VerifierKey);

    internal string? ProblemOfKey()
    {
        try
        {
            _ = Verifier;
            return null;
        }
        catch (NoteFormatException e)
        {
            return e.Message;
        }
    }
}
