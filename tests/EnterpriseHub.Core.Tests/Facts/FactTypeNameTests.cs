using EnterpriseHub.Core.Facts;

namespace EnterpriseHub.Core.Tests.Facts;

public sealed class FactTypeNameTests
{
    [Theory]
    [InlineData("amr.business_license")]
    [InlineData("tax.credit_grade")]
    [InlineData("hrss.insured_headcount_2")]
    public void Problem_WellFormedName_IsNull(string name) => Assert.Null(FactTypeName.Problem(name));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("amr")]
    [InlineData("AMR.licence")]
    [InlineData("amr.")]
    [InlineData(".licence")]
    [InlineData("amr.business-license")]
    [InlineData("amr.business.license")]
    [InlineData("a.licence")]
    public void Problem_MalformedName_SaysWhy(string? name) => Assert.NotNull(FactTypeName.Problem(name));

    [Fact]
    public void Problem_OverlongName_SaysTheLimit() =>
        Assert.Contains("96", FactTypeName.Problem("amr." + new string('x', 93)), StringComparison.Ordinal);

    [Fact]
    public void Owner_Name_IsThePartBeforeTheDot() => Assert.Equal("customs", FactTypeName.Owner("customs.credit_class"));
}
