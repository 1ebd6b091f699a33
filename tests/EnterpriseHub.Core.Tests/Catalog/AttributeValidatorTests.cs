using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Errors;

namespace EnterpriseHub.Core.Tests.Catalog;

public sealed class AttributeValidatorTests
{
    private const string Path = "facts[3].attributes";

    private static readonly FactTypeDefinition Sample = new("amr.sample", SharingClass.Unconditional, "样例", "Sample", 1,
    [
        new("name", FieldType.String, true, 10, [], "required, at most 10 characters"),
        new("note", FieldType.String, false, null, [], ""),
        new("count", FieldType.Integer, false, null, [], ""),
        new("amount", FieldType.Decimal, false, null, [], ""),
        new("active", FieldType.Boolean, false, null, [], ""),
        new("day", FieldType.Date, false, null, [], ""),
        new("status", FieldType.Enum, false, 4, ["open", "shut"], ""),
    ]);

    [Theory]
    [InlineData("""{"name":"x"}""")]
    [InlineData("""{"name":"0123456789"}""")]
    [InlineData("""{"name":"一二三四五六七八九十"}""")]
    [InlineData("""{"name":"\u0041\u0042\"\\"}""")]
    [InlineData("""{"count":42,"name":"x"}""")]
    [InlineData("""{"count":-9223372036854775808,"name":"x"}""")]
    [InlineData("""{"count":9223372036854775807,"name":"x"}""")]
    [InlineData("""{"count":3.0,"name":"x"}""")]
    [InlineData("""{"count":1E+15,"name":"x"}""")]
    [InlineData("""{"amount":1.5,"name":"x"}""")]
    [InlineData("""{"amount":-2,"name":"x"}""")]
    [InlineData("""{"amount":1e300,"name":"x"}""")]
    [InlineData("""{"active":true,"name":"x"}""")]
    [InlineData("""{"active":false,"name":"x"}""")]
    [InlineData("""{"day":"2024-02-29","name":"x"}""")]
    [InlineData("""{"name":"x","status":"open"}""")]
    [InlineData("""{"name":"x","status":"shut"}""")]
    [InlineData("""{"active":null,"amount":null,"count":null,"day":null,"name":"x","note":null,"status":null}""")]
    [InlineData(""" { "name" : "x" } """)]
    public void Validate_ValidAttributes_NoViolation(string json) => Assert.Empty(Validate(Sample, json));

    [Theory]
    [InlineData("""{}""", "name", "is required")]
    [InlineData("""{"name":null}""", "name", "is required")]
    [InlineData("""{"name":1}""", "name", "must be a string")]
    [InlineData("""{"name":true}""", "name", "must be a string")]
    [InlineData("""{"name":{"zh":"x"}}""", "name", "must be a string")]
    [InlineData("""{"name":["x"]}""", "name", "must be a string")]
    [InlineData("""{"name":"01234567890"}""", "name", "must be at most 10 characters")]
    [InlineData("""{"name":"一二三四五六七八九十一"}""", "name", "must be at most 10 characters")]
    [InlineData("""{"name":"\u0041\u0041\u0041\u0041\u0041\u0041\u0041\u0041\u0041\u0041\u0041"}""", "name", "must be at most 10 characters")]
    [InlineData("""{"name":"x","nope":1}""", "nope", "is not a field of amr.sample")]
    [InlineData("""{"name":"x","nope":{"deep":[1,2]}}""", "nope", "is not a field of amr.sample")]
    [InlineData("""{"Name":"x","name":"x"}""", "Name", "is not a field of amr.sample")]
    [InlineData("""{"name":"a","name":"b"}""", "name", "appears more than once")]
    [InlineData("""{"count":1.5,"name":"x"}""", "count", "must be an integer")]
    [InlineData("""{"count":"1","name":"x"}""", "count", "must be an integer")]
    [InlineData("""{"count":9223372036854775808,"name":"x"}""", "count", "must be an integer")]
    [InlineData("""{"count":1e300,"name":"x"}""", "count", "must be an integer")]
    [InlineData("""{"count":true,"name":"x"}""", "count", "must be an integer")]
    [InlineData("""{"amount":"1.5","name":"x"}""", "amount", "must be a number")]
    [InlineData("""{"amount":[1],"name":"x"}""", "amount", "must be a number")]
    [InlineData("""{"active":"true","name":"x"}""", "active", "must be true or false")]
    [InlineData("""{"active":1,"name":"x"}""", "active", "must be true or false")]
    [InlineData("""{"day":"2023-02-29","name":"x"}""", "day", "must be a date YYYY-MM-DD")]
    [InlineData("""{"day":"2024-13-01","name":"x"}""", "day", "must be a date YYYY-MM-DD")]
    [InlineData("""{"day":"2024-1-01","name":"x"}""", "day", "must be a date YYYY-MM-DD")]
    [InlineData("""{"day":"20240101","name":"x"}""", "day", "must be a date YYYY-MM-DD")]
    [InlineData("""{"day":"+024-01-01","name":"x"}""", "day", "must be a date YYYY-MM-DD")]
    [InlineData("""{"day":"0000-01-01","name":"x"}""", "day", "must be a date YYYY-MM-DD")]
    [InlineData("""{"day":"2024-01-01T00:00:00Z","name":"x"}""", "day", "must be a date YYYY-MM-DD")]
    [InlineData("""{"day":20240101,"name":"x"}""", "day", "must be a date YYYY-MM-DD")]
    [InlineData("""{"name":"x","status":"closed"}""", "status", "must be one of: open, shut")]
    [InlineData("""{"name":"x","status":"Open"}""", "status", "must be one of: open, shut")]
    [InlineData("""{"name":"x","status":1}""", "status", "must be one of: open, shut")]
    public void Validate_OneProblem_OneViolationAtTheFieldPath(string json, string field, string description)
    {
        var violation = Assert.Single(Validate(Sample, json));

        Assert.Equal(new FieldViolation($"{Path}.{field}", description), violation);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("{\"name\":")]
    [InlineData("{\"name\":\"x\"")]
    public void Validate_NotAnObject_OneViolationAtThePath(string json) =>
        Assert.Equal([new FieldViolation(Path, "must be a JSON object")], Validate(Sample, json));

    [Fact]
    public void Validate_SeveralProblems_EachReportedInDocumentOrderThenMissingOnes()
    {
        var violations = Validate(Sample, """{"active":"no","count":"x","day":"bad","extra":true,"status":"lost"}""");

        Assert.Equal(
            [
                new FieldViolation($"{Path}.active", "must be true or false"),
                new FieldViolation($"{Path}.count", "must be an integer"),
                new FieldViolation($"{Path}.day", "must be a date YYYY-MM-DD"),
                new FieldViolation($"{Path}.extra", "is not a field of amr.sample"),
                new FieldViolation($"{Path}.status", "must be one of: open, shut"),
                new FieldViolation($"{Path}.name", "is required"),
            ],
            violations);
    }

    [Fact]
    public void Validate_ExistingViolations_AppendsWithoutClearing()
    {
        var violations = new List<FieldViolation> { new("facts[0].uscc", "is malformed") };

        AttributeValidator.Validate(Sample, "{}", "facts[1].attributes", violations);

        Assert.Equal([new("facts[0].uscc", "is malformed"), new("facts[1].attributes.name", "is required")], violations);
    }

    [Theory]
    [InlineData("""{"name":"SECRET-VALUE-1"}""")]
    [InlineData("""{"name":"x","status":"SECRET-VALUE-1"}""")]
    [InlineData("""{"day":"SECRET-VALUE-1","name":"x"}""")]
    [InlineData("""{"count":"SECRET-VALUE-1","name":"x"}""")]
    public void Validate_BadValue_DescriptionDoesNotEchoIt(string json)
    {
        var violation = Assert.Single(Validate(Sample, json));

        Assert.DoesNotContain("SECRET", violation.Field + violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LongDocument_ChecksEveryField()
    {
        var note = new string('长', 5000);

        Assert.Empty(Validate(Sample, $$"""{"name":"x","note":"{{note}}"}"""));
        Assert.Equal(
            [new FieldViolation($"{Path}.name", "must be at most 10 characters"), new FieldViolation($"{Path}.status", "must be one of: open, shut")],
            Validate(Sample, $$"""{"name":"{{note}}","note":"{{note}}","status":"x"}"""));
    }

    [Fact]
    public void Validate_SchemaWithManyFields_FindsEachMissingOne()
    {
        var fields = Enumerable.Range(0, 300)
            .Select(i => new FieldSchema($"f{i:D3}", FieldType.Integer, i % 2 == 0, null, [], ""))
            .ToArray();
        var wide = new FactTypeDefinition("amr.wide", SharingClass.Unconditional, "宽", "Wide", 1, fields);

        var violations = Validate(wide, """{"f000":1,"f001":"x","f299":2}""");

        Assert.Equal(new FieldViolation($"{Path}.f001", "must be an integer"), violations[0]);
        Assert.Equal(149, violations.Count(v => v.Description == "is required"));
    }

    [Fact]
    public void Validate_TwoDefinitionsOfOneName_EachUsesItsOwnSchema()
    {
        var loose = Sample with { Fields = [.. Sample.Fields.Select(f => f with { Required = false })] };

        Assert.Single(Validate(Sample, "{}"));
        Assert.Empty(Validate(loose, "{}"));
        Assert.Single(Validate(Sample, "{}"));
    }

    private static List<FieldViolation> Validate(FactTypeDefinition type, string json)
    {
        var violations = new List<FieldViolation>();
        AttributeValidator.Validate(type, json, Path, violations);
        return violations;
    }
}
