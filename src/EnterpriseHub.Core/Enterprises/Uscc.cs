using System.Collections.Frozen;
using System.Globalization;

namespace EnterpriseHub.Core.Enterprises;

/// <summary>
/// A Unified Social Credit Code (GB 32100-2015): registration authority, entity type,
/// division code, the 9-character organisation code (GB 11714) and a check character.
/// </summary>
public readonly record struct Uscc
{
    /// <summary>The 31 characters a code may use: digits and capitals without I, O, S, V, Z.</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>Length of every code.</summary>
    public const int Length = 18;

    // 3^i mod 31 for i = 0..16: the GB 32100 weights of characters 1 to 17.
    private static readonly int[] CheckWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    // GB 11714 weights of the organisation code's characters 1 to 8.
    private static readonly int[] OrganizationWeights = [3, 7, 9, 10, 5, 8, 4, 2];

    // Index in Alphabet of every ASCII character, -1 when the character is not in it.
    private static readonly sbyte[] AlphabetIndex = BuildAlphabetIndex();

    private static readonly IReadOnlySet<string> NoLegacyCodes = FrozenSet<string>.Empty;

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

    /// <summary>Character 1: the registration authority.</summary>
    public char RegistrationAuthority => Value[0];

    /// <summary>Character 2: the entity type within the registration authority.</summary>
    public char EntityType => Value[1];

    /// <summary>Characters 3 to 8: the registration division code.</summary>
    public string DivisionCode => Value.Substring(2, 6);

    /// <summary>Characters 9 to 17: the organisation code.</summary>
    public string OrganizationCode => Value.Substring(8, 9);

    public override string ToString() => Value;

    /// <summary>Parses a code strictly with no legacy codes admitted.</summary>
    public static bool TryParse(string? text, out Uscc uscc, out string problem) =>
        TryParse(text, NoLegacyCodes, out uscc, out problem);

    /// <summary>
    /// Parses a code strictly (18 characters, upper case, no spaces). Returns false with a
    /// description of the first problem found.
    /// </summary>
    public static bool TryParse(string? text, IReadOnlySet<string> legacyCodes, out Uscc uscc, out string problem)
    {
        ArgumentNullException.ThrowIfNull(legacyCodes);
        uscc = default;
        problem = Validate(text);
        if (problem.Length > 0)
        {
            return false;
        }

        var value = text!;
        var expected = ComputeCheckCharacter(value.AsSpan(0, 17));
        var isLegacy = false;
        if (value[17] != expected)
        {
            if (!legacyCodes.Contains(value))
            {
                problem = $"check character is {Describe(value[17])}, expected '{expected}'";
                return false;
            }

            isLegacy = true;
        }

        var organizationCheckPassed = ComputeOrganizationCheckCharacter(value.AsSpan(8, 8)) == value[16];
        uscc = new Uscc(value, organizationCheckPassed, isLegacy);
        return true;
    }

    /// <summary>The check character (18th) for the first 17 characters.</summary>
    /// <exception cref="ArgumentException">Not 17 characters, or one outside <see cref="Alphabet"/>.</exception>
    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            throw new ArgumentException($"Expected 17 characters, got {first17.Length}.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var index = IndexOf(first17[i]);
            if (index < 0)
            {
                throw new ArgumentException($"Character {i + 1} is not in the USCC alphabet.", nameof(first17));
            }

            sum += index * CheckWeights[i];
        }

        return Alphabet[(31 - (sum % 31)) % 31];
    }

    /// <summary>The GB 11714 organisation-code check character (9th) for its first 8 characters.</summary>
    /// <exception cref="ArgumentException">Not 8 characters, or one other than 0-9 and A-Z.</exception>
    public static char ComputeOrganizationCheckCharacter(ReadOnlySpan<char> first8)
    {
        if (first8.Length != 8)
        {
            throw new ArgumentException($"Expected 8 characters, got {first8.Length}.", nameof(first8));
        }

        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var c = first8[i];
            var value = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'A' and <= 'Z' => c - 'A' + 10,
                _ => throw new ArgumentException($"Character {i + 1} is not a digit or capital letter.", nameof(first8)),
            };
            sum += value * OrganizationWeights[i];
        }

        return (11 - (sum % 11)) switch
        {
            10 => 'X',
            11 => '0',
            var digit => (char)('0' + digit),
        };
    }

    // Everything but the check character; empty when the code is well formed.
    private static string Validate(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "is empty; a USCC has 18 characters";
        }

        if (text.Length != Length)
        {
            return $"must be 18 characters, got {text.Length}";
        }

        for (var i = 0; i < Length; i++)
        {
            var c = text[i];
            if (IndexOf(c) >= 0)
            {
                continue;
            }

            var upper = char.ToUpperInvariant(c);
            return upper is 'I' or 'O' or 'S' or 'V' or 'Z'
                ? $"character {i + 1} {Describe(c)} is not allowed (I, O, S, V, Z are never used)"
                : upper != c && IndexOf(upper) >= 0
                    ? $"character {i + 1} {Describe(c)} is lower case; codes use capitals only"
                    : $"character {i + 1} {Describe(c)} is not allowed; codes use digits and capitals only";
        }

        var entityTypes = EntityTypesOf(text[0]);
        if (entityTypes is null)
        {
            return $"character 1 {Describe(text[0])} is not a registration authority (1-9, A, N, Y)";
        }

        if (!entityTypes.Contains(text[1], StringComparison.Ordinal))
        {
            return $"character 2 {Describe(text[1])} is not an entity type of registration authority "
                + $"{Describe(text[0])} ({string.Join(", ", entityTypes.ToCharArray())})";
        }

        for (var i = 2; i < 8; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return $"character {i + 1} {Describe(text[i])} must be a digit (division code, characters 3-8)";
            }
        }

        return string.Empty;
    }

    // GB 32100-2015 table 1: registration authority -> entity types. The standard's own lists:
    //   1 institutional establishment: 1 organ, 2 public institution, 3 mass organisation, 9 other
    //   2 foreign affairs: 1, 9        3 justice: 1, 2, 3, 4, 5, 9    4 culture: 1, 9
    //   5 civil affairs: 1 social organisation, 2 private non-enterprise unit, 3 foundation, 9 other
    //   6 tourism: 1, 2, 9            7 religion: 1, 2, 9             8 trade unions: 1, 9
    //   9 market regulation: 1 enterprise, 2 individual business, 3 farmers' cooperative
    //   A military establishment: 1, 9   N agriculture: 1, 2, 3, 9   Y other authorities: 1
    // 1, 5, 9 and Y are enforced exactly. The other authorities' lists have been amended and local
    // registries issue codes beyond them, so those accept 1, 2, 3 and 9 as well as the standard's own.
    private static string? EntityTypesOf(char authority) => authority switch
    {
        '9' => "123",
        'Y' => "1",
        '3' => "123459",
        '1' or '2' or '4' or '5' or '6' or '7' or '8' or 'A' or 'N' => "1239",
        _ => null,
    };

    private static int IndexOf(char c) => c < AlphabetIndex.Length ? AlphabetIndex[c] : -1;

    // Quotes a printable character; control and other invisible characters are shown as U+XXXX.
    private static string Describe(char c) =>
        c != ' ' && (char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c)
            || char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned)
            ? $"U+{(int)c:X4}"
            : $"'{c}'";

    private static sbyte[] BuildAlphabetIndex()
    {
        var index = new sbyte[128];
        Array.Fill(index, (sbyte)-1);
        for (var i = 0; i < Alphabet.Length; i++)
        {
            index[Alphabet[i]] = (sbyte)i;
        }

        return index;
    }
}
