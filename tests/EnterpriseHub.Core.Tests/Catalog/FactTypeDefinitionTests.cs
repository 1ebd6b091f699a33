using EnterpriseHub.Core.Catalog;

namespace EnterpriseHub.Core.Tests.Catalog;

public sealed class FactTypeDefinitionTests
{
    [Fact]
    public void Owner_Name_IsThePartBeforeTheDot() =>
        Assert.Equal("customs", Definition(["advanced"]).Owner);

    [Fact]
    public void Equals_SameContentInOtherLists_IsEqual()
    {
        var first = Definition(["advanced", "general"]);
        var second = Definition(new List<string> { "advanced", "general" });

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void Equals_OtherEnumValues_IsNotEqual() =>
        Assert.NotEqual(Definition(["advanced", "general"]), Definition(["advanced"]));

    [Fact]
    public void Field_KnownAndUnknownNames_FindsOnlyTheKnown()
    {
        var definition = Definition(["advanced"]);

        Assert.Equal("class", definition.Field("class")?.Name);
        Assert.Null(definition.Field("Class"));
    }

    private static FactTypeDefinition Definition(IReadOnlyList<string> values) =>
        new("customs.credit_class", SharingClass.Unconditional, "海关信用", "Customs credit", 1,
            [new FieldSchema("class", FieldType.Enum, true, null, values, "")]);
}
