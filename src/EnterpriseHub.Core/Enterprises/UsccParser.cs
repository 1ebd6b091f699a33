using Microsoft.Extensions.Options;

namespace EnterpriseHub.Core.Enterprises;

/// <summary>Parses codes with the configured legacy list (<c>Hub:Uscc:LegacyCodes</c>) admitted.</summary>
public sealed class UsccParser(IOptions<UsccOptions> options)
{
    // Ordinal: legacy codes are matched exactly as written, like every other code.
    private readonly HashSet<string> legacyCodes = new(options.Value.LegacyCodes, StringComparer.Ordinal);

    /// <inheritdoc cref="Uscc.TryParse(string?, IReadOnlySet{string}, out Uscc, out string)"/>
    public bool TryParse(string? text, out Uscc uscc, out string problem) =>
        Uscc.TryParse(text, legacyCodes, out uscc, out problem);
}
