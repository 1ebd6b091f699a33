using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Core.Proactive;
using EnterpriseHub.Tests;

namespace EnterpriseHub.Core.Tests.Proactive;

/// <summary>A catalog, an enterprise and facts for the proactive tests, built here so they do not depend on the shipped files.</summary>
internal static class ProactiveTestData
{
    public const string Uscc = "91440115MA59XXXX0X";

    /// <summary>Midnight, 1 January 2026, in China Standard Time.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));

    public static readonly EnterpriseSummary Enterprise = new(Uscc, "南沙示例科技有限公司", "I65");

    public static readonly IReadOnlyList<FactTypeDefinition> Types =
    [
        Type("amr.business_license",
            new("name", FieldType.String, true, 200, [], ""),
            new("industry", FieldType.String, true, 5, [], ""),
            new("registered_capital", FieldType.Decimal, true, null, [], ""),
            new("established", FieldType.Date, true, null, [], ""),
            new("valid_until", FieldType.Date, false, null, [], ""),
            new("status", FieldType.Enum, true, null, ["存续", "在业", "吊销", "注销"], "")),
        Type("hrss.insured_headcount",
            new("headcount", FieldType.Integer, true, null, [], ""),
            new("month", FieldType.String, true, 7, [], "")),
        Type("tax.credit_grade",
            new("grade", FieldType.Enum, true, null, ["A", "B", "M", "C", "D"], ""),
            new("year", FieldType.Integer, true, null, [], "")),
        Type("customs.credit_class",
            new FieldSchema("class", FieldType.Enum, true, null, ["advanced", "general", "dishonest"], "")),
        Type("amr.sample",
            new("name", FieldType.String, false, 10, [], ""),
            new("count", FieldType.Integer, false, null, [], ""),
            new("amount", FieldType.Decimal, false, null, [], ""),
            new("active", FieldType.Boolean, false, null, [], ""),
            new("day", FieldType.Date, false, null, [], ""),
            new("status", FieldType.Enum, false, null, ["open", "shut"], "")),
    ];

    public static PolicyCondition Parse(string source) => PolicyCondition.Parse(source, Types);

    public static IReadOnlyList<ConditionProblem> Problems(string source) =>
        Assert.Throws<ConditionException>(() => Parse(source)).Problems;

    public static Fact Fact(string factType, string attributesJson, DateTimeOffset effective, long sequence, string uscc = Uscc) =>
        new(uscc, factType, attributesJson, effective, factType.Split('.')[0], $"rec-{sequence}", effective.AddMinutes(1), sequence);

    /// <summary>A file of the server project, found from the repository root.</summary>
    public static string ServerFile(string folder, string name) => Repository.File("src", "EnterpriseHub.Server", folder, name);

    private static FactTypeDefinition Type(string name, params FieldSchema[] fields) =>
        new(name, SharingClass.Unconditional, name, name, 1, fields);
}
