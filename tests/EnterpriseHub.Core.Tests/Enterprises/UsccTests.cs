using EnterpriseHub.Core.Enterprises;
using Microsoft.Extensions.Options;

namespace EnterpriseHub.Core.Tests.Enterprises;

public sealed class UsccTests
{
    public static TheoryData<string> RealCodes =>
    [
        "914403001922038216",
        "9144030010001686XA",
        "911000001000013428",
        "91440300192317458F",
        "91110108551385082Q",
        "91440115MA5HUB013L",
        "91440305MA5HUB021A",
        "91440402MA5HUB03XU",
    ];

    private static readonly HashSet<string> NoLegacy = new(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(RealCodes))]
    public void TryParse_RealCode_Succeeds(string code)
    {
        var ok = Uscc.TryParse(code, NoLegacy, out var uscc, out var problem);

        Assert.True(ok, problem);
        Assert.Equal(string.Empty, problem);
        Assert.Equal(code, uscc.Value);
        Assert.True(uscc.OrganizationCheckPassed);
        Assert.False(uscc.IsLegacy);
        Assert.Equal(code[2..8], uscc.DivisionCode);
        Assert.Equal(code[8..17], uscc.OrganizationCode);
    }

    [Theory]
    [MemberData(nameof(RealCodes))]
    public void TryParse_AnySingleCharacterCorrupted_Fails(string code)
    {
        var replacements = Uscc.Alphabet + "IOSVZaiosz ~\t\u00e9\u4e2d";
        var admitted = new List<string>();
        var checkedCount = 0;
        for (var position = 0; position < code.Length; position++)
        {
            foreach (var replacement in replacements)
            {
                if (replacement == code[position])
                {
                    continue;
                }

                var chars = code.ToCharArray();
                chars[position] = replacement;
                var corrupted = new string(chars);
                checkedCount++;
                if (Uscc.TryParse(corrupted, NoLegacy, out _, out var problem) || problem.Length == 0)
                {
                    admitted.Add(corrupted);
                }
            }
        }

        Assert.Equal(18 * (replacements.Length - 1), checkedCount);
        Assert.Empty(admitted);
    }

    [Theory]
    [InlineData("91440115MA5HUB013", "must be 18 characters, got 17")]
    [InlineData("91440115MA5HUB013LL", "must be 18 characters, got 19")]
    [InlineData(" 91440115MA5HUB013L", "must be 18 characters, got 19")]
    [InlineData("9", "must be 18 characters, got 1")]
    [InlineData("91440115ma5hub013l", "character 9 'm' is lower case; codes use capitals only")]
    [InlineData("91440115MA5HUB013l", "character 18 'l' is lower case; codes use capitals only")]
    [InlineData("9144I115MA5HUB013L", "character 5 'I' is not allowed (I, O, S, V, Z are never used)")]
    [InlineData("91440115MA5HUBO13L", "character 15 'O' is not allowed (I, O, S, V, Z are never used)")]
    [InlineData("91440115MA5HUB01sL", "character 17 's' is not allowed (I, O, S, V, Z are never used)")]
    [InlineData("91440115MA5HUB 13L", "character 15 ' ' is not allowed; codes use digits and capitals only")]
    [InlineData("91440115MA5HUB-13L", "character 15 '-' is not allowed; codes use digits and capitals only")]
    [InlineData("91440115MA5HUB\t13L", "character 15 U+0009 is not allowed; codes use digits and capitals only")]
    [InlineData("B1440115MA5HUB013L", "character 1 'B' is not a registration authority (1-9, A, N, Y)")]
    [InlineData("01440115MA5HUB013L", "character 1 '0' is not a registration authority (1-9, A, N, Y)")]
    [InlineData("94440115MA5HUB013L", "character 2 '4' is not an entity type of registration authority '9' (1, 2, 3)")]
    [InlineData("99440115MA5HUB013L", "character 2 '9' is not an entity type of registration authority '9' (1, 2, 3)")]
    [InlineData("Y2440115MA5HUB013L", "character 2 '2' is not an entity type of registration authority 'Y' (1)")]
    [InlineData("5A440115MA5HUB013L", "character 2 'A' is not an entity type of registration authority '5' (1, 2, 3, 9)")]
    [InlineData("914401A5MA5HUB013L", "character 7 'A' must be a digit (division code, characters 3-8)")]
    [InlineData("91440115MA5HUB013X", "check character is 'X', expected 'L'")]
    [InlineData("91440115MA5HUB023L", "check character is 'L', expected 'M'")]
    public void TryParse_MalformedCode_FailsWithProblem(string code, string expectedProblem)
    {
        var ok = Uscc.TryParse(code, NoLegacy, out var uscc, out var problem);

        Assert.False(ok);
        Assert.Equal(expectedProblem, problem);
        Assert.Equal(default, uscc);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void TryParse_NullOrEmpty_FailsWithProblem(string? code)
    {
        var ok = Uscc.TryParse(code, NoLegacy, out _, out var problem);

        Assert.False(ok);
        Assert.Equal("is empty; a USCC has 18 characters", problem);
    }

    [Theory]
    [InlineData("11100000000013127J")] // institutional establishment, organ
    [InlineData("12100000400000624D")] // public institution
    [InlineData("31110000E00000000L")] // justice: law firm
    [InlineData("35110000E00000000L")] // justice: arbitration commission
    [InlineData("51100000500000006H")] // civil affairs: social organisation
    [InlineData("53100000500000006H")] // civil affairs: foundation
    [InlineData("92440300L00000000H")] // individual business
    [InlineData("93440300MA5HUB0000")] // farmers' cooperative
    [InlineData("A1100000000000000H")] // military establishment
    [InlineData("N2440300MA5HUB0000")] // agriculture: village collective
    [InlineData("Y1440300MA5HUB0000")] // other authority
    public void TryParse_EntityTypeAllowedByAuthority_Succeeds(string codeWithAnyCheck)
    {
        var code = WithCheck(codeWithAnyCheck[..17]);

        Assert.True(Uscc.TryParse(code, NoLegacy, out var uscc, out var problem), problem);
        Assert.Equal(code[0], uscc.RegistrationAuthority);
        Assert.Equal(code[1], uscc.EntityType);
    }

    [Fact]
    public void TryParse_ListedLegacyCodeWithWrongCheck_AdmittedAsLegacy()
    {
        const string legacy = "91440115MA5HUB013X";
        var legacyCodes = new HashSet<string>(StringComparer.Ordinal) { legacy };

        var ok = Uscc.TryParse(legacy, legacyCodes, out var uscc, out var problem);

        Assert.True(ok, problem);
        Assert.True(uscc.IsLegacy);
        Assert.True(uscc.OrganizationCheckPassed);
        Assert.Equal(legacy, uscc.Value);
    }

    [Fact]
    public void TryParse_UnlistedCodeWithWrongCheck_Fails()
    {
        var legacyCodes = new HashSet<string>(StringComparer.Ordinal) { "91440115MA5HUB013X" };

        var ok = Uscc.TryParse("91440115MA5HUB013W", legacyCodes, out _, out var problem);

        Assert.False(ok);
        Assert.Equal("check character is 'W', expected 'L'", problem);
    }

    [Theory]
    [InlineData("91440115ma5hub013x", "character 9 'm' is lower case; codes use capitals only")]
    [InlineData("94440115MA5HUB013X", "character 2 '4' is not an entity type of registration authority '9' (1, 2, 3)")]
    [InlineData("914401A5MA5HUB013X", "character 7 'A' must be a digit (division code, characters 3-8)")]
    [InlineData("91440115MA5HUB013", "must be 18 characters, got 17")]
    public void TryParse_ListedLegacyCodeOtherwiseMalformed_Fails(string legacy, string expectedProblem)
    {
        var legacyCodes = new HashSet<string>(StringComparer.Ordinal) { legacy };

        var ok = Uscc.TryParse(legacy, legacyCodes, out _, out var problem);

        Assert.False(ok);
        Assert.Equal(expectedProblem, problem);
    }

    [Fact]
    public void TryParse_ValidCodeAlsoListedAsLegacy_NotLegacy()
    {
        const string code = "91440115MA5HUB013L";
        var legacyCodes = new HashSet<string>(StringComparer.Ordinal) { code };

        Assert.True(Uscc.TryParse(code, legacyCodes, out var uscc, out _));
        Assert.False(uscc.IsLegacy);
    }

    [Theory]
    [InlineData("914403001922038216", '5')]
    [InlineData("91440115MA5HUB013L", 'X')]
    [InlineData("91440402MA5HUB03XU", '0')]
    public void TryParse_OuterCheckValidOrganizationCheckWrong_ParsesWithOrganizationCheckFailed(
        string code, char wrongOrganizationCheck)
    {
        var first17 = code[..16] + wrongOrganizationCheck;
        var tampered = WithCheck(first17);
        Assert.NotEqual(code[16], wrongOrganizationCheck);

        var ok = Uscc.TryParse(tampered, NoLegacy, out var uscc, out var problem);

        Assert.True(ok, problem);
        Assert.False(uscc.OrganizationCheckPassed);
        Assert.False(uscc.IsLegacy);
    }

    [Theory]
    [MemberData(nameof(RealCodes))]
    public void ComputeCheckCharacter_RealCode_ReturnsItsCheckCharacter(string code)
    {
        Assert.Equal(code[17], Uscc.ComputeCheckCharacter(code.AsSpan(0, 17)));
    }

    [Theory]
    [MemberData(nameof(RealCodes))]
    public void ComputeOrganizationCheckCharacter_RealCode_ReturnsItsOrganizationCheck(string code)
    {
        Assert.Equal(code[16], Uscc.ComputeOrganizationCheckCharacter(code.AsSpan(8, 8)));
    }

    [Theory]
    [InlineData("D2143569", 'X')] // GB 11714 worked example: 11 - 199 mod 11 = 10
    [InlineData("00000000", '0')] // 11 - 0 = 11
    [InlineData("10000000", '8')] // 11 - 3 = 8
    public void ComputeOrganizationCheckCharacter_KnownPrefix_ReturnsCheck(string first8, char expected)
    {
        Assert.Equal(expected, Uscc.ComputeOrganizationCheckCharacter(first8));
    }

    [Theory]
    [InlineData("9144011")]
    [InlineData("91440115MA5HUB013L")]
    [InlineData("91440115MA5HUBO13")]
    [InlineData("91440115ma5hub013")]
    public void ComputeCheckCharacter_InvalidInput_Throws(string first17)
    {
        Assert.Throws<ArgumentException>(() => Uscc.ComputeCheckCharacter(first17));
    }

    [Theory]
    [InlineData("MA5HUB0")]
    [InlineData("MA5HUB0-")]
    [InlineData("ma5hub01")]
    public void ComputeOrganizationCheckCharacter_InvalidInput_Throws(string first8)
    {
        Assert.Throws<ArgumentException>(() => Uscc.ComputeOrganizationCheckCharacter(first8));
    }

    [Fact]
    public void UsccParserTryParse_ConfiguredLegacyCode_AdmittedAsLegacy()
    {
        var parser = new UsccParser(Options.Create(new UsccOptions { LegacyCodes = ["91440115MA5HUB013X"] }));

        Assert.True(parser.TryParse("91440115MA5HUB013X", out var legacy, out _));
        Assert.True(legacy.IsLegacy);
        Assert.True(parser.TryParse("91440115MA5HUB013L", out var valid, out _));
        Assert.False(valid.IsLegacy);
        Assert.False(parser.TryParse("91440115MA5HUB013W", out _, out var problem));
        Assert.Equal("check character is 'W', expected 'L'", problem);
    }

    [Fact]
    public void UsccParserTryParse_LegacyCodeInOtherCase_Fails()
    {
        var parser = new UsccParser(Options.Create(new UsccOptions { LegacyCodes = ["91440115MA5HUB013X"] }));

        Assert.False(parser.TryParse("91440115ma5hub013x", out _, out _));
    }

    private static string WithCheck(string first17) => first17 + Uscc.ComputeCheckCharacter(first17);
}
