using EnterpriseHub.Core.Proactive;
using static EnterpriseHub.Core.Tests.Proactive.ProactiveTestData;

namespace EnterpriseHub.Core.Tests.Proactive;

/// <summary>Tokens and grammar: what a condition parses to (its canonical form) and where a syntax error is reported.</summary>
public sealed class PolicyConditionSyntaxTests
{
    [Theory]
    // comparisons and literals
    [InlineData("zone == \"nansha\"", "(zone == \"nansha\")")]
    [InlineData("\"nansha\" == zone", "(\"nansha\" == zone)")]
    [InlineData("zone==\"a\"&&industry!=\"b\"", "((zone == \"a\") && (industry != \"b\"))")]
    [InlineData("hrss.insured_headcount.headcount <= 100", "(hrss.insured_headcount.headcount <= 100)")]
    [InlineData("hrss.insured_headcount > 100.00", "(hrss.insured_headcount.headcount > 100)")]
    [InlineData("amr.sample.amount >= -2.50", "(amr.sample.amount >= -2.5)")]
    [InlineData("amr.sample.amount < 0.001", "(amr.sample.amount < 0.001)")]
    [InlineData("amr.business_license.valid_until < date(\"2026-06-30\")", "(amr.business_license.valid_until < date(\"2026-06-30\"))")]
    [InlineData("amr.sample.active == true", "(amr.sample.active == true)")]
    [InlineData("amr.sample.active != false", "(amr.sample.active != false)")]
    [InlineData("amr.sample.active", "amr.sample.active")]
    [InlineData("true", "true")]
    [InlineData("amr.business_license.status == \"存续\"", "(amr.business_license.status == \"存续\")")]
    [InlineData("name == \"a\\\"b\\\\c\"", "(name == \"a\\\"b\\\\c\")")]
    [InlineData("name == \"\"", "(name == \"\")")]
    [InlineData("industry in [\"C39\", \"I65\"]", "(industry in [\"C39\", \"I65\"])")]
    [InlineData("industry not in [\"C39\"]", "(industry not in [\"C39\"])")]
    [InlineData("hrss.insured_headcount in [1,2 , 3]", "(hrss.insured_headcount.headcount in [1, 2, 3])")]
    [InlineData("amr.sample.day in [date(\"2026-01-01\")]", "(amr.sample.day in [date(\"2026-01-01\")])")]
    [InlineData("exists(amr.sample)", "exists(amr.sample)")]
    [InlineData("exists ( amr . sample )", "exists(amr.sample)")]
    // precedence: ! over && over ||; && and || group to the left
    [InlineData("zone == \"a\" && industry == \"b\" || name == \"c\"", "(((zone == \"a\") && (industry == \"b\")) || (name == \"c\"))")]
    [InlineData("zone == \"a\" || industry == \"b\" && name == \"c\"", "((zone == \"a\") || ((industry == \"b\") && (name == \"c\")))")]
    [InlineData("zone == \"a\" || zone == \"b\" || zone == \"c\"", "(((zone == \"a\") || (zone == \"b\")) || (zone == \"c\"))")]
    [InlineData("zone == \"a\" && zone == \"b\" && zone == \"c\"", "(((zone == \"a\") && (zone == \"b\")) && (zone == \"c\"))")]
    [InlineData("!exists(amr.sample) && zone == \"\"", "(!exists(amr.sample) && (zone == \"\"))")]
    [InlineData("!zone == \"a\"", "!(zone == \"a\")")]
    [InlineData("!!exists(amr.sample)", "!!exists(amr.sample)")]
    [InlineData("!(zone == \"a\" || zone == \"b\")", "!((zone == \"a\") || (zone == \"b\"))")]
    // parentheses
    [InlineData("(zone == \"a\" || zone == \"b\") && name == \"c\"", "(((zone == \"a\") || (zone == \"b\")) && (name == \"c\"))")]
    [InlineData("zone == \"a\" || (zone == \"b\" && name == \"c\")", "((zone == \"a\") || ((zone == \"b\") && (name == \"c\")))")]
    [InlineData("((zone)) == \"a\"", "(zone == \"a\")")]
    [InlineData("(exists(amr.sample)) == (zone == \"a\")", "(exists(amr.sample) == (zone == \"a\"))")]
    // layout and comments
    [InlineData("zone == \"nansha\" // the zone\n  && industry in [\n    \"C39\", // manufacturing\n    \"I65\"\n  ]\n", "((zone == \"nansha\") && (industry in [\"C39\", \"I65\"]))")]
    [InlineData("\r\n\tzone\r\n==\r\n\"a\"\r\n", "(zone == \"a\")")]
    [InlineData("// eligible firms\nzone == \"a\"", "(zone == \"a\")")]
    [InlineData("name == \"a // not a comment\"", "(name == \"a // not a comment\")")]
    public void Parse_ValidCondition_CanonicalForm(string source, string canonical) =>
        Assert.Equal(canonical, Parse(source).Canonical);

    [Fact]
    public void Parse_ValidCondition_KeepsSourceAndListsFactTypes()
    {
        const string source = "exists(amr.sample) && hrss.insured_headcount < 100 || tax.credit_grade.grade == \"A\" && zone == \"\"";

        var condition = Parse(source);

        Assert.Equal(source, condition.Source);
        Assert.Equal(["amr.sample", "hrss.insured_headcount", "tax.credit_grade"], condition.FactTypes.Order());
    }

    [Fact]
    public void Parse_OnlyBuiltins_ReadsNoFactTypes() =>
        Assert.Empty(Parse("zone == \"nansha\" && division == \"440115\"").FactTypes);

    [Theory]
    [InlineData("", 1, 1, "the condition is empty")]
    [InlineData("  // only a comment", 1, 20, "the condition is empty")]
    [InlineData("zone = \"a\"", 1, 6, "'=' is not an operator; compare with '=='")]
    [InlineData("zone == \"a\" & x", 1, 13, "a single '&' is not an operator; use '&&'")]
    [InlineData("zone == \"a\" | x", 1, 13, "a single '|' is not an operator; use '||'")]
    [InlineData("zone == \"abc", 1, 9, "the string is not closed; end it with '\"' on the same line")]
    [InlineData("zone == \"a\nb\"", 1, 9, "the string is not closed; end it with '\"' on the same line")]
    [InlineData("name == \"a\\x\"", 1, 11, "unknown escape; inside a string write \\\" for a quote and \\\\ for a backslash")]
    [InlineData("zone == @", 1, 9, "unexpected character '@'")]
    [InlineData("zone == 南沙", 1, 9, "unexpected character '南'")]
    [InlineData("zone == 'a'", 1, 9, "unexpected character '''")]
    [InlineData("hrss.insured_headcount < 1.", 1, 26, "'1.' is not a number; write digits after the '.'")]
    [InlineData("hrss.insured_headcount < 10a", 1, 26, "'10a' is not a number; put a space or an operator after a number")]
    [InlineData("zone == \"a\" zone == \"b\"", 1, 13, "expected && or || before 'zone'")]
    [InlineData("zone == \"a\")", 1, 12, "expected && or || before ')'")]
    [InlineData("zone ==", 1, 8, "expected a value, found the end of the condition")]
    [InlineData("zone == \"a\" && )", 1, 16, "expected a value, found ')'")]
    [InlineData("zone == \"a\" && && zone == \"b\"", 1, 16, "expected a value, found '&&'")]
    [InlineData("== \"a\"", 1, 1, "expected a value, found '=='")]
    [InlineData("in [\"a\"]", 1, 1, "expected a value, found 'in'")]
    [InlineData("zone == !exists(amr.sample)", 1, 9, "expected a value, found '!'")]
    [InlineData("(zone == \"a\"", 1, 13, "expected ')' to close the '(' at line 1, column 1, found the end of the condition")]
    [InlineData("1 < hrss.insured_headcount < 10", 1, 28, "comparisons do not chain; join them with && or put one in parentheses")]
    [InlineData("zone == \"a\" == true", 1, 13, "comparisons do not chain; join them with && or put one in parentheses")]
    [InlineData("industry in [\"C39\"] in [\"x\"]", 1, 21, "comparisons do not chain; join them with && or put one in parentheses")]
    [InlineData("industry in \"C39\"", 1, 13, "expected '[' after 'in', found the string \"C39\"")]
    [InlineData("industry not in \"C39\"", 1, 17, "expected '[' after 'not in', found the string \"C39\"")]
    [InlineData("industry in [\"C39\" \"I65\"]", 1, 20, "expected ',' or ']' to close the '[' at line 1, column 13, found the string \"I65\"")]
    [InlineData("industry in [\"C39\",]", 1, 20, "expected a value in the list (a string, a number, true, false or date(\"YYYY-MM-DD\")), found ']'")]
    [InlineData("industry in [zone]", 1, 14, "expected a value in the list (a string, a number, true, false or date(\"YYYY-MM-DD\")), found 'zone'")]
    [InlineData("industry not [\"C39\"]", 1, 14, "expected 'in' after 'not', found '[' (to negate a condition, write '!')")]
    [InlineData("amr.sample.day < date(2026)", 1, 23, "expected a date in quotes, e.g. date(\"2026-06-30\"), found '2026'")]
    [InlineData("amr.sample.day < date(\"2026-01-01\"", 1, 35, "expected ')' after the date, found the end of the condition")]
    [InlineData("exists(amr.sample", 1, 18, "expected ')' after the fact type in exists(...), found the end of the condition")]
    [InlineData("exists(\"amr.sample\")", 1, 8, "expected a name, found the string \"amr.sample\"")]
    [InlineData("amr. == 1", 1, 6, "expected a name after '.', found '=='")]
    [InlineData("zone == \"a\"\n&& industry ==\n   ]", 3, 4, "expected a value, found ']'")]
    [InlineData("zone == \"a\" // fine\n  && name == \"b\n", 2, 14, "the string is not closed; end it with '\"' on the same line")]
    [InlineData("zone == \"a\"\r\n&& =", 2, 4, "'=' is not an operator; compare with '=='")]
    [InlineData("name == \"南沙\" && @", 1, 17, "unexpected character '@'")]
    public void Parse_SyntaxError_FirstErrorWithLineAndColumn(string source, int line, int column, string reason) =>
        Assert.Equal(new ConditionProblem(line, column, reason), Assert.Single(Problems(source)));

    [Fact]
    public void Parse_SyntaxError_StopsAtTheFirst() =>
        Assert.Equal(new ConditionProblem(1, 6, "'=' is not an operator; compare with '=='"), Assert.Single(Problems("zone = 5 && zon == 7 &&")));

    [Fact]
    public void Parse_Error_MessageNamesLineAndColumn()
    {
        var error = Assert.Throws<ConditionException>(() => Parse("zone == \"nansha\" &&\n  hrss.insured_headcount.headcnt < 100"));

        Assert.Equal("line 2, column 26: unknown field 'headcnt' of hrss.insured_headcount", error.Message);
    }
}
