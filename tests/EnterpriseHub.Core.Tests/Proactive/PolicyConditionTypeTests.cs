using EnterpriseHub.Core.Proactive;
using static EnterpriseHub.Core.Tests.Proactive.ProactiveTestData;

namespace EnterpriseHub.Core.Tests.Proactive;

/// <summary>Every type error against the catalog, with the line and column of the offending token; all reported at once.</summary>
public sealed class PolicyConditionTypeTests
{
    [Theory]
    // names, fact types and fields
    [InlineData("zon == \"a\"", 1, 1, "unknown name 'zon'; a condition reads zone, division, industry, name, uscc or a fact as owner.type.field")]
    [InlineData("exists == true", 1, 1, "unknown name 'exists'; a condition reads zone, division, industry, name, uscc or a fact as owner.type.field")]
    [InlineData("hrss.insured_headcount.headcnt < 100", 1, 24, "unknown field 'headcnt' of hrss.insured_headcount")]
    [InlineData("hrss.headcount < 100", 1, 1, "unknown fact type 'hrss.headcount'")]
    [InlineData("amr.sample.count.x == 1", 1, 18, "'amr.sample.count.x' has too many parts; a fact is read as owner.type.field")]
    [InlineData("exists(amr.nothing)", 1, 8, "unknown fact type 'amr.nothing'")]
    [InlineData("exists(amr)", 1, 8, "exists takes a fact type owner.type, e.g. exists(amr.business_license), not 'amr'")]
    [InlineData("exists(amr.sample.count)", 1, 8, "exists takes a fact type owner.type, e.g. exists(amr.business_license), not 'amr.sample.count'")]
    // the shorthand owner.type
    [InlineData("amr.sample < 5", 1, 1, "amr.sample has several numeric fields (count, amount); name one, e.g. amr.sample.count")]
    [InlineData("customs.credit_class == \"general\"", 1, 1,
        "customs.credit_class has no integer or decimal field to stand for; name a field, as customs.credit_class.<field>")]
    // comparing values of different types
    [InlineData("zone == 5", 1, 6, "'==' cannot compare a string (zone) with a number (5)")]
    [InlineData("industry < 5", 1, 10, "'<' cannot compare a string (industry) with a number (5)")]
    [InlineData("amr.business_license == \"x\"", 1, 22, "'==' cannot compare a number (amr.business_license) with a string (\"x\")")]
    [InlineData("amr.sample.day < \"2026-01-01\"", 1, 16,
        "'<' cannot compare a date (amr.sample.day) with a string (\"2026-01-01\"); write a date as date(\"YYYY-MM-DD\")")]
    [InlineData("amr.sample.name == date(\"2026-01-01\")", 1, 17, "'==' cannot compare a string (amr.sample.name) with a date (date(\"2026-01-01\"))")]
    [InlineData("amr.sample.day != amr.sample.count", 1, 16, "'!=' cannot compare a date (amr.sample.day) with a number (amr.sample.count)")]
    [InlineData("tax.credit_grade.grade == amr.sample.count", 1, 24, "'==' cannot compare an enum (tax.credit_grade.grade) with a number (amr.sample.count)")]
    [InlineData("exists(amr.sample) < 1", 1, 20, "'<' cannot compare a boolean (exists(amr.sample)) with a number (1)")]
    [InlineData("(zone == \"a\") < 1", 1, 15, "'<' cannot compare a boolean (the condition) with a number (1)")]
    [InlineData("amr.sample.active == \"true\"", 1, 19, "'==' cannot compare a boolean (amr.sample.active) with a string (\"true\")")]
    // orders only where values have one
    [InlineData("amr.sample.active < true", 1, 19, "'<' does not order booleans; use == or !=")]
    [InlineData("exists(amr.sample) >= exists(tax.credit_grade)", 1, 20, "'>=' does not order booleans; use == or !=")]
    [InlineData("tax.credit_grade.grade >= \"B\"", 1, 24, "'>=' does not order tax.credit_grade.grade: an enum's values have no order; use in [...]")]
    [InlineData("\"B\" < tax.credit_grade.grade", 1, 5, "'<' does not order tax.credit_grade.grade: an enum's values have no order; use in [...]")]
    // literals a field can never hold
    [InlineData("tax.credit_grade.grade == \"E\"", 1, 27, "\"E\" is not a value of tax.credit_grade.grade; its values are: A, B, M, C, D")]
    [InlineData("\"E\" != tax.credit_grade.grade", 1, 1, "\"E\" is not a value of tax.credit_grade.grade; its values are: A, B, M, C, D")]
    [InlineData("tax.credit_grade.grade in [\"A\", \"Z\"]", 1, 33, "\"Z\" is not a value of tax.credit_grade.grade; its values are: A, B, M, C, D")]
    [InlineData("amr.business_license.status not in [\"存续\", \"存活\"]", 1, 43,
        "\"存活\" is not a value of amr.business_license.status; its values are: 存续, 在业, 吊销, 注销")]
    [InlineData("amr.sample.name == \"eleven char\"", 1, 20, "\"eleven char\" is longer than the 10 characters amr.sample.name holds, so it never matches")]
    [InlineData("amr.sample.name not in [\"a\", \"eleven char\"]", 1, 30, "\"eleven char\" is longer than the 10 characters amr.sample.name holds, so it never matches")]
    [InlineData("hrss.insured_headcount == 1.5", 1, 27, "hrss.insured_headcount.headcount holds integers, so it never equals 1.5")]
    [InlineData("tax.credit_grade.year in [2025, 2025.5]", 1, 33, "tax.credit_grade.year holds integers, so it never equals 2025.5")]
    [InlineData("division == \"4401\"", 1, 13, "division is 6 digits, so it never equals \"4401\"")]
    [InlineData("division in [\"440115\", \"44011a\"]", 1, 24, "division is 6 digits, so it never equals \"44011a\"")]
    // lists
    [InlineData("industry in []", 1, 13, "an empty list matches nothing; list at least one value")]
    [InlineData("industry in [\"C39\", 5]", 1, 21, "5 is a number, but industry is a string")]
    [InlineData("hrss.insured_headcount not in [1, \"2\"]", 1, 35, "\"2\" is a string, but hrss.insured_headcount is a number")]
    [InlineData("amr.sample.day in [date(\"2026-01-01\"), \"2026-01-02\"]", 1, 40, "\"2026-01-02\" is a string, but amr.sample.day is a date")]
    // literals
    [InlineData("amr.sample.day < date(\"2026-02-30\")", 1, 23, "\"2026-02-30\" is not a date; write date(\"YYYY-MM-DD\") with a real calendar day")]
    [InlineData("amr.sample.day < date(\"2026-2-3\")", 1, 23, "\"2026-2-3\" is not a date; write date(\"YYYY-MM-DD\") with a real calendar day")]
    [InlineData("amr.sample.count < 99999999999999999999999999999999", 1, 20, "99999999999999999999999999999999 is beyond the numbers a condition can hold")]
    // conditions are booleans
    [InlineData("zone", 1, 1, "zone is a string, not a condition; compare it with a value")]
    [InlineData("zone == \"a\" && industry", 1, 16, "industry is a string, not a condition; compare it with a value")]
    [InlineData("!amr.sample.count", 1, 2, "amr.sample.count is a number, not a condition; compare it with a value")]
    [InlineData("\"a\" || true", 1, 1, "\"a\" is a string, not a condition; compare it with a value")]
    [InlineData("amr.sample.day", 1, 1, "amr.sample.day is a date, not a condition; compare it with a value")]
    [InlineData("tax.credit_grade.grade", 1, 1, "tax.credit_grade.grade is an enum, not a condition; compare it with a value")]
    [InlineData("5", 1, 1, "5 is a number, not a condition; compare it with a value")]
    public void Parse_TypeError_ReportedAtTheOffendingToken(string source, int line, int column, string reason) =>
        Assert.Equal(new ConditionProblem(line, column, reason), Assert.Single(Problems(source)));

    [Theory]
    [InlineData("zon == 5")]
    [InlineData("zon in [\"a\", \"b\"]")]
    [InlineData("!hrss.nothing")]
    [InlineData("hrss.insured_headcount.headcnt < 100 && true")]
    [InlineData("amr.sample.day < date(\"2026-13-01\")")]
    public void Parse_OperandInError_NoFurtherProblemFromIt(string source) =>
        Assert.Single(Problems(source));

    [Fact]
    public void Parse_ListOfUnknownOperand_StillOneType() =>
        Assert.Equal(
            [
                new ConditionProblem(1, 1, "unknown name 'zon'; a condition reads zone, division, industry, name, uscc or a fact as owner.type.field"),
                new ConditionProblem(1, 14, "5 is a number in a list of strings; a list holds values of one type"),
            ],
            Problems("zon in [\"a\", 5]"));

    [Fact]
    public void Parse_EnumListWithStrangers_EachReported() =>
        Assert.Equal(
            [
                new ConditionProblem(1, 31, "1 is a number, but amr.sample.status is an enum"),
                new ConditionProblem(1, 34, "true is a boolean, but amr.sample.status is an enum"),
                new ConditionProblem(1, 40, "\"ajar\" is not a value of amr.sample.status; its values are: open, shut"),
            ],
            Problems("amr.sample.status in [\"open\", 1, true, \"ajar\"]"));

    [Fact]
    public void Parse_SeveralTypeErrors_AllReportedInTextOrder()
    {
        const string source = """
            zone == 5
              && hrss.insured_headcount.headcnt < 100
              && tax.credit_grade.grade in ["A", "Q"]
              && !(amr.sample.day > "2026-01-01")   // a date needs date(...)
              && nme == "x"
              || exists(tax.nothing) && amr.sample
            """;

        Assert.Equal(
            [
                new ConditionProblem(1, 6, "'==' cannot compare a string (zone) with a number (5)"),
                new ConditionProblem(2, 29, "unknown field 'headcnt' of hrss.insured_headcount"),
                new ConditionProblem(3, 38, "\"Q\" is not a value of tax.credit_grade.grade; its values are: A, B, M, C, D"),
                new ConditionProblem(4, 23, "'>' cannot compare a date (amr.sample.day) with a string (\"2026-01-01\"); write a date as date(\"YYYY-MM-DD\")"),
                new ConditionProblem(5, 6, "unknown name 'nme'; a condition reads zone, division, industry, name, uscc or a fact as owner.type.field"),
                new ConditionProblem(6, 13, "unknown fact type 'tax.nothing'"),
                new ConditionProblem(6, 29, "amr.sample has several numeric fields (count, amount); name one, e.g. amr.sample.count"),
            ],
            Problems(source));
    }

    [Fact]
    public void Parse_SeveralTypeErrors_MessageListsEachOnItsLine()
    {
        var error = Assert.Throws<ConditionException>(() => Parse("zone == 5 ||\nindustry == 7"));

        Assert.Equal(
            "line 1, column 6: '==' cannot compare a string (zone) with a number (5)" + Environment.NewLine
            + "line 2, column 10: '==' cannot compare a string (industry) with a number (7)",
            error.Message);
    }
}
