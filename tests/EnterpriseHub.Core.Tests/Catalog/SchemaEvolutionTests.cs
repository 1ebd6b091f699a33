using EnterpriseHub.Core.Catalog;

namespace EnterpriseHub.Core.Tests.Catalog;

public sealed class SchemaEvolutionTests
{
    private static readonly FactTypeDefinition Current = new("amr.sample", SharingClass.Conditional, "样例", "Sample", 3,
    [
        new("a", FieldType.String, true, 10, [], "A"),
        new("b", FieldType.String, false, null, [], "B"),
        new("c", FieldType.Enum, false, 5, ["x", "y"], "C"),
        new("d", FieldType.Integer, false, null, [], "D"),
    ]);

    [Theory]
    [InlineData("unchanged")]
    [InlineData("new optional field")]
    [InlineData("new enum value")]
    [InlineData("descriptions changed")]
    [InlineData("larger max length")]
    [InlineData("max length removed")]
    [InlineData("required becomes optional")]
    [InlineData("sharing changed")]
    [InlineData("fields reordered")]
    [InlineData("version raised")]
    public void BreakingChanges_CompatibleChange_IsEmpty(string change) =>
        Assert.Empty(SchemaEvolution.BreakingChanges(Current, Propose(change)));

    [Theory]
    [InlineData("field removed", "Field 'b' was removed.")]
    [InlineData("type changed", "Field 'd' changed type from integer to decimal.")]
    [InlineData("string becomes enum", "Field 'b' changed type from string to enum.")]
    [InlineData("optional becomes required", "Field 'b' became required.")]
    [InlineData("new required field", "Field 'e' is new and required.")]
    [InlineData("enum value removed", "Field 'c' no longer allows the value 'y'.")]
    [InlineData("smaller max length", "Field 'a' lowered its maximum length from 10 to 5.")]
    [InlineData("max length added", "Field 'b' gained a maximum length of 50.")]
    [InlineData("type renamed", "The fact type name changed from 'amr.sample' to 'amr.other'.")]
    public void BreakingChanges_BreakingChange_OneSentenceNamingTheField(string change, string sentence) =>
        Assert.Equal([sentence], SchemaEvolution.BreakingChanges(Current, Propose(change)));

    [Fact]
    public void BreakingChanges_SeveralChanges_ListsEach()
    {
        var proposed = Current with
        {
            Fields =
            [
                new("a", FieldType.String, true, 8, [], "A"),
                new("c", FieldType.Enum, true, 5, ["z"], "C"),
                new("d", FieldType.Decimal, false, null, [], "D"),
                new("e", FieldType.Date, true, null, [], "E"),
            ],
        };

        Assert.Equal(
            [
                "Field 'a' lowered its maximum length from 10 to 8.",
                "Field 'b' was removed.",
                "Field 'c' became required.",
                "Field 'c' no longer allows the value 'x'.",
                "Field 'c' no longer allows the value 'y'.",
                "Field 'd' changed type from integer to decimal.",
                "Field 'e' is new and required.",
            ],
            SchemaEvolution.BreakingChanges(Current, proposed));
    }

    private static FactTypeDefinition Propose(string change) => change switch
    {
        "unchanged" => Current with { Fields = [.. Current.Fields] },
        "new optional field" => WithFields([.. Current.Fields, new("e", FieldType.Date, false, null, [], "E")]),
        "new enum value" => Replace("c", f => f with { EnumValues = ["x", "y", "z"] }),
        "descriptions changed" => Replace("a", f => f with { Description = "Another" }) with { DescriptionZh = "新", DescriptionEn = "New" },
        "larger max length" => Replace("a", f => f with { MaxLength = 20 }),
        "max length removed" => Replace("a", f => f with { MaxLength = null }),
        "required becomes optional" => Replace("a", f => f with { Required = false }),
        "sharing changed" => Current with { Sharing = SharingClass.Unconditional },
        "fields reordered" => WithFields([.. Current.Fields.Reverse()]),
        "version raised" => Current with { Version = 4 },
        "field removed" => WithFields([.. Current.Fields.Where(f => f.Name != "b")]),
        "type changed" => Replace("d", f => f with { Type = FieldType.Decimal }),
        "string becomes enum" => Replace("b", f => f with { Type = FieldType.Enum, EnumValues = ["x"] }),
        "optional becomes required" => Replace("b", f => f with { Required = true }),
        "new required field" => WithFields([.. Current.Fields, new("e", FieldType.Date, true, null, [], "E")]),
        "enum value removed" => Replace("c", f => f with { EnumValues = ["x"] }),
        "smaller max length" => Replace("a", f => f with { MaxLength = 5 }),
        "max length added" => Replace("b", f => f with { MaxLength = 50 }),
        "type renamed" => Current with { Name = "amr.other" },
        _ => throw new ArgumentOutOfRangeException(nameof(change), change, null),
    };

    private static FactTypeDefinition WithFields(FieldSchema[] fields) => Current with { Fields = fields };

    private static FactTypeDefinition Replace(string name, Func<FieldSchema, FieldSchema> change) =>
        WithFields([.. Current.Fields.Select(f => f.Name == name ? change(f) : f)]);
}
