namespace EnterpriseHub.Core.Enterprises;

/// <summary>
/// A Unified Social Credit Code (GB 32100-2015): registration authority, entity type,
/// division code, the 9-character organisation code (GB 11714) and a check character.
/// </summary>
public readonly record struct Uscc
{
    /// <summary>The 31 characters a code may use: digits and capitals without I, O, S, V, Z.</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private Uscc(string value, bool organizationCheckPassed, bool isLegacy)
    {
        Value = value;
        OrganizationCheckPassed = organizationCheckPassed;
        IsLegacy = isLegacy;
    }

    /// <summary>The 18 characters.</summary>
    public string Value { get; }

    /// <summary>Whether the organisation code's own check character (GB 11714) matches; advisory only.</summary>
    public bool OrganizationCheckPassed { get; }

    /// <summary>Admitted from the configured legacy list although its check character does not match.</summary>
    public bool IsLegacy { get; }

    /// <summary>Characters 3 to 8: the registration division code.</summary>
    public string DivisionCode => Value.Substring(2, 6);

    /// <summary>Characters 9 to 17: the organisation code.</summary>
    public string OrganizationCode => Value.Substring(8, 9);

    public override string ToString() => Value;

    /// <summary>
    /// Parses a code strictly (18 characters, upper case, no spaces). Returns false with a
    /// description of the first problem found.
    /// </summary>
    public static bool TryParse(string? text, IReadOnlySet<string> legacyCodes, out Uscc uscc, out string problem)
    {
        throw new NotImplementedException();
    }

    /// <summary>The check character (18th) for the first 17 characters.</summary>
    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17) => throw new NotImplementedException();

    /// <summary>The GB 11714 organisation-code check character (9th) for its first 8 characters.</summary>
    public static char ComputeOrganizationCheckCharacter(ReadOnlySpan<char> first8) => throw new NotImplementedException();
}
