namespace EnterpriseHub.Transparency.Notes;

/// <summary>
/// "At least <see cref="Threshold"/> of these <see cref="Witnesses"/> cosigned the checkpoint":
/// the policy a client holds so a log cannot show it a view no independent witness has seen.
/// </summary>
public sealed class WitnessPolicy
{
    /// <summary>A policy of <paramref name="threshold"/> out of <paramref name="witnesses"/>, refusing duplicates and impossible thresholds.</summary>
    public WitnessPolicy(IReadOnlyList<CosignatureVerifier> witnesses, int threshold)
    {
        if (witnesses.DistinctBy(w => (w.Name, w.KeyId)).Count() != witnesses.Count)
        {
            throw new ArgumentException("a witness is listed twice", nameof(witnesses));
        }

        if (threshold < 1 || threshold > witnesses.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, $"the threshold must be between 1 and the {witnesses.Count} witnesses");
        }

        Witnesses = witnesses;
        Threshold = threshold;
    }

    /// <summary>The known witnesses.</summary>
    public IReadOnlyList<CosignatureVerifier> Witnesses { get; }

    /// <summary>How many of them must have cosigned.</summary>
    public int Threshold { get; }

    /// <summary>Throws <see cref="NoteSignatureException"/> unless enough of the verified signers are this policy's witnesses.</summary>
    public void Check(IReadOnlyList<INoteVerifier> verified)
    {
        var cosigned = Witnesses.Count(verified.Contains);
        if (cosigned < Threshold)
        {
            throw new NoteSignatureException($"{cosigned} of the {Witnesses.Count} known witnesses cosigned; {Threshold} are required");
        }
    }
}
