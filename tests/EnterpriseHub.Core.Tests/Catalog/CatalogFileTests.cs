using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Errors;

namespace EnterpriseHub.Core.Tests.Catalog;

public sealed class CatalogFileTests
{
    private const string Source = "test.json";

    [Fact]
    public void Parse_ValidFile_ReadsEveryPartWithDefaults()
    {
        const string json = """
            {
              "factTypes": [
                {
                  "name": "amr.business_license", "sharing": "unconditional", "version": 2,
                  "description": { "zh": "营业执照", "en": "Business licence" },
                  "fields": [
                    { "name": "name", "type": "string", "required": true, "maxLength": 200, "description": "Registered name" },
                    { "name": "status", "type": "enum", "values": ["存续", "在业", "吊销", "注销"] }
                  ]
                },
                {
                  "name": "tax.secret", "sharing": "not_shared",
                  "description": { "zh": "内部", "en": "Internal" },
                  "fields": [ { "name": "score", "type": "decimal", "required": false } ]
                }
              ]
            }
            """;

        var document = CatalogFile.Parse(json, Source);

        var expected = new CatalogDocument(
            [
                new FactTypeDefinition("amr.business_license", SharingClass.Unconditional, "营业执照", "Business licence", 2,
                [
                    new FieldSchema("name", FieldType.String, true, 200, [], "Registered name"),
                    new FieldSchema("status", FieldType.Enum, false, null, ["存续", "在业", "吊销", "注销"], ""),
                ]),
                new FactTypeDefinition("tax.secret", SharingClass.NotShared, "内部", "Internal", 1,
                    [new FieldSchema("score", FieldType.Decimal, false, null, [], "")]),
            ]);
        Assert.Equal(expected, document);
    }

    [Fact]
    public void Parse_EmptyLists_IsAnEmptyCatalog() =>
        Assert.Equal(new CatalogDocument([]), CatalogFile.Parse("""{ "factTypes": [] }""", Source));

    // Each fact type sits alone on line 3 of the file, so every problem it has is on line 3.
    [Theory]
    [InlineData("""{ "name": "AMR.x", "sharing": "unconditional", "description": { "zh": "中", "en": "E" }, "fields": [ { "name": "a", "type": "string" } ] }""",
        "factTypes[0].name: 'AMR.x' must be owner.name in lower case, e.g. amr.business_license")]
    [InlineData("""{ "sharing": "unconditional", "description": { "zh": "中", "en": "E" }, "fields": [ { "name": "a", "type": "string" } ] }""",
        "factTypes[0].name: is required")]
    [InlineData("""{ "name": "amr.x", "sharing": "public", "description": { "zh": "中", "en": "E" }, "fields": [ { "name": "a", "type": "string" } ] }""",
        "factTypes[0].sharing: 'public' is not one of: unconditional, conditional, not_shared")]
    [InlineData("""{ "name": "amr.x", "sharing": 1, "description": { "zh": "中", "en": "E" }, "fields": [ { "name": "a", "type": "string" } ] }""",
        "factTypes[0].sharing: must be a string")]
    [InlineData("""{ "name": "amr.x", "sharing": "unconditional", "description": { "zh": "中" }, "fields": [ { "name": "a", "type": "string" } ] }""",
        "factTypes[0].description.en: is required")]
    [InlineData("""{ "name": "amr.x", "sharing": "unconditional", "description": { "zh": " ", "en": "E" }, "fields": [ { "name": "a", "type": "string" } ] }""",
        "factTypes[0].description.zh: must not be empty")]
    [InlineData("""{ "name": "amr.x", "sharing": "unconditional", "description": "E", "fields": [ { "name": "a", "type": "string" } ] }""",
        "factTypes[0].description: must be an object")]
    [InlineData("""{ "name": "amr.x", "sharing": "unconditional", "description": { "zh": "中", "en": "E", "fr": "F" }, "fields": [ { "name": "a", "type": "string" } ] }""",
        "factTypes[0].description.fr: unknown property; expected one of: zh, en")]
    [InlineData("""{ "name": "amr.x", "sharing": "unconditional", "description": { "zh": "中", "en": "E" }, "version": 0, "fields": [ { "name": "a", "type": "string" } ] }""",
        "factTypes[0].version: must be a positive integer")]
    [InlineData("""{ "name": "amr.x", "sharing": "unconditional", "description": { "zh": "中", "en": "E" }, "version": "1", "fields": [ { "name": "a", "type": "string" } ] }""",
        "factTypes[0].version: must be a positive integer")]
    [InlineData("""{ "name": "amr.x", "sharing": "unconditional", "description": { "zh": "中", "en": "E" }, "fields": [] }""",
        "factTypes[0].fields: must list at least one field")]
    [InlineData("""{ "name": "amr.x", "sharing": "unconditional", "description": { "zh": "中", "en": "E" }, "fields": {} }""",
        "factTypes[0].fields: must be a list")]
    [InlineData("""{ "name": "amr.x", "sharing": "unconditional", "description": { "zh": "中", "en": "E" } }""",
        "factTypes[0].fields: is required")]
    [InlineData("""{ "name": "amr.x", "sharing": "unconditional", "description": { "zh": "中", "en": "E" }, "fields": [ { "name": "Bad-Name", "type": "string" } ] }""",
        "factTypes[0].fields[0].name: 'Bad-Name' is not a field name (lower case letters, digits and _, starting with a letter, at most 64 characters)")]
    [InlineData("""{ "name": "amr.x", "sharing": "unconditional", "description": { "zh": "中", "en": "E" }, "fields": [ { "name": "a", "type": "string" }, { "name": "a", "type": "date" } ] }""",
        "factTypes[0].fields[1].name: 'a' is already a field of this type, on line 3")]
    [InlineData("""{ "name": "amr.x", "sharing": "unconditional", "description": { "zh": "中", "en": "E" }, "fields": [ { "name": "a", "type": "strng" } ] }""",
        "factTypes[0].fields[0].type: 'strng' is not one of: string, integer, decimal, boolean, date, enum")]
    [InlineData("""{ "name": "amr.x", "sharing": "unconditional", "description": { "zh": "中", "en": "E" }, "fields": [ { "name": "a" } ] }""",
        "factTypes[0].fields[0].type: is required")]
    [InlineData("""{ "name": "amr.x", "sharing": "unconditional", "description": { "zh": "中", "en": "E" }, "fields": [ { "name": "a", "type": "string", "requried": true } ] }""",
        "factTypes[0].fields[0].requried: unknown property; expected one of: name, type, required, maxLength, values, description")]
    [InlineData("""{ "name": "amr.x", "sharing": "unconditional", "description": { "zh": "中", "en": "E" }, "fields": [ { "name": "a", "type": "string", "required": "yes" } ] }""",
        "factTypes[0].fields[0].required: must be true or false")]
    [InlineData("""{ "name": "amr.x", "sharing": "unconditional", "description": { "zh": "中", "en": "E" }, "fields": [ { "name": "a", "type": "enum" } ] }""",
        "factTypes[0].fields[0].values: is required for an enum field")]
    [InlineData("""{ "name": "amr.x", "sharing": "unconditional", "description": { "zh": "中", "en": "E" }, "fields": [ { "name": "a", "type": "enum", "values": [] } ] }""",
        "factTypes[0].fields[0].values: must list at least one value")]
    [InlineData("""{ "name": "amr.x", "sharing": "unconditional", "description": { "zh": "中", "en": "E" }, "fields": [ { "name": "a", "type": "enum", "values": ["p", "p"] } ] }""",
        "factTypes[0].fields[0].values[1]: 'p' is listed more than once")]
    [InlineData("""{ "name": "amr.x", "sharing": "unconditional", "description": { "zh": "中", "en": "E" }, "fields": [ { "name": "a", "type": "enum", "values": ["p", ""] } ] }""",
        "factTypes[0].fields[0].values[1]: must not be empty")]
    [InlineData("""{ "name": "amr.x", "sharing": "unconditional", "description": { "zh": "中", "en": "E" }, "fields": [ { "name": "a", "type": "enum", "values": ["p", 2] } ] }""",
        "factTypes[0].fields[0].values[1]: must be a string")]
    [InlineData("""{ "name": "amr.x", "sharing": "unconditional", "description": { "zh": "中", "en": "E" }, "fields": [ { "name": "a", "type": "enum", "maxLength": 2, "values": ["ok", "long"] } ] }""",
        "factTypes[0].fields[0].values[1]: 'long' is longer than the field's maxLength 2")]
    [InlineData("""{ "name": "amr.x", "sharing": "unconditional", "description": { "zh": "中", "en": "E" }, "fields": [ { "name": "a", "type": "string", "values": ["p"] } ] }""",
        "factTypes[0].fields[0].values: is only allowed on enum fields")]
    [InlineData("""{ "name": "amr.x", "sharing": "unconditional", "description": { "zh": "中", "en": "E" }, "fields": [ { "name": "a", "type": "string", "maxLength": 0 } ] }""",
        "factTypes[0].fields[0].maxLength: must be a positive integer")]
    [InlineData("""{ "name": "amr.x", "sharing": "unconditional", "description": { "zh": "中", "en": "E" }, "fields": [ { "name": "a", "type": "string", "maxLength": 2.5 } ] }""",
        "factTypes[0].fields[0].maxLength: must be a positive integer")]
    [InlineData("""{ "name": "amr.x", "sharing": "unconditional", "description": { "zh": "中", "en": "E" }, "fields": [ { "name": "a", "type": "integer", "maxLength": 5 } ] }""",
        "factTypes[0].fields[0].maxLength: is only allowed on string and enum fields")]
    [InlineData("""{ "name": "amr.x", "sharing": "unconditional", "description": { "zh": "中", "en": "E" }, "fields": [ { "name": "a", "type": "string", "description": 5 } ] }""",
        "factTypes[0].fields[0].description: must be a string")]
    [InlineData("""{ "name": "amr.x", "name": "amr.y", "sharing": "unconditional", "description": { "zh": "中", "en": "E" }, "fields": [ { "name": "a", "type": "string" } ] }""",
        "factTypes[0].name: appears more than once (first on line 3)")]
    [InlineData("""[]""", "factTypes[0]: must be an object")]
    public void Parse_FactTypeWithOneProblem_ReportsItOnItsLine(string factType, string problem)
    {
        var json = "{\n  \"factTypes\": [\n    " + factType + "\n  ]\n}\n";

        var error = Assert.Throws<RulesFileException>(() => CatalogFile.Parse(json, Source));

        Assert.Equal([$"{Source}:3: {problem}"], error.Problems);
    }

    [Theory]
    [InlineData("""{ "admins": ["admin"], "factTypes": [] }""", "test.json:1: admins: unknown property; expected one of: factTypes, forms")]
    [InlineData("""{ "forms": [] }""", "test.json:1: factTypes: is required")]
    [InlineData("""{ "factTypes": [], "credit": [] }""", "test.json:1: credit: unknown property; expected one of: factTypes, forms")]
    [InlineData("""[]""", "test.json:1: must be an object")]
    public void Parse_TopLevelProblem_ReportsIt(string json, string problem) =>
        Assert.Equal([problem], Assert.Throws<RulesFileException>(() => CatalogFile.Parse(json, Source)).Problems);

    [Fact]
    public void Parse_SeveralProblems_ReportsEveryOneWithItsLineInLineOrder()
    {
        const string json = """
            {
              "factTypes": [
                {
                  "name": "amr.licence",
                  "sharing": "open",
                  "description": { "zh": "执照", "en": "" },
                  "fields": [
                    { "name": "a", "type": "enum" },
                    { "name": "b", "type": "text", "maxLength": -1 }
                  ]
                },
                {
                  "name": "amr.licence",
                  "sharing": "conditional",
                  "description": { "zh": "执照", "en": "Licence" },
                  "fields": [ { "name": "a", "type": "date" } ],
                  "owner": "amr"
                }
              ],
              "credit": {}
            }
            """;

        var error = Assert.Throws<RulesFileException>(() => CatalogFile.Parse(json, Source));

        Assert.Equal(
            [
                "test.json:5: factTypes[0].sharing: 'open' is not one of: unconditional, conditional, not_shared",
                "test.json:6: factTypes[0].description.en: must not be empty",
                "test.json:8: factTypes[0].fields[0].values: is required for an enum field",
                "test.json:9: factTypes[0].fields[1].type: 'text' is not one of: string, integer, decimal, boolean, date, enum",
                "test.json:9: factTypes[0].fields[1].maxLength: must be a positive integer",
                "test.json:13: factTypes[1].name: 'amr.licence' is already defined on line 4",
                "test.json:17: factTypes[1].owner: unknown property; expected one of: name, sharing, description, version, fields",
                "test.json:20: credit: unknown property; expected one of: factTypes, forms",
            ],
            error.Problems);
        foreach (var problem in error.Problems)
        {
            Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("{\n  \"factTypes\": []\n  \"forms\": []\n}", 3)]
    [InlineData("{\n  \"forms\": [],\n  \"factTypes\": [,]\n}", 3)]
    [InlineData("{\n  \"forms\": [],\n  \"factTypes\": [],\n}", 4)]
    [InlineData("{\n  \"forms\": [],\n\n  \"factTypes\": []\n} extra", 5)]
    [InlineData("{\n  // a comment\n  \"forms\": []\n}", 2)]
    [InlineData("{\n  \"forms\": [],\n  \"factTypes\": [\n", 4)]
    [InlineData("", 1)]
    public void Parse_MalformedJson_OneProblemOnTheParsersLine(string json, int line)
    {
        var problem = Assert.Single(Assert.Throws<RulesFileException>(() => CatalogFile.Parse(json, Source)).Problems);

        Assert.StartsWith($"{Source}:{line}: not well-formed JSON: ", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FileWithProblem_NamesTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"catalog-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "{\n  \"forms\": []\n}\n");
        try
        {
            var problem = Assert.Single(Assert.Throws<RulesFileException>(() => CatalogFile.Load(path)).Problems);

            Assert.Equal($"{path}:1: factTypes: is required", problem);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
