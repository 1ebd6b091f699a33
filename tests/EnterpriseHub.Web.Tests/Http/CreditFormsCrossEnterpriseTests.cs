using System.Text.RegularExpressions;

namespace EnterpriseHub.Web.Tests.Http;

/// <summary>Signed in as enterprise A, the credit and forms routes with enterprise B's code in the path and the query show nothing of B.</summary>
[Collection(WebCollection.Name)]
public sealed partial class CreditFormsCrossEnterpriseTests(WebFixture web)
{
    private const string B = WebFixture.EnterpriseB;

    public static TheoryData<string> Routes => new()
    {
        $"/credit?uscc={B}",
        $"/credit?acting_for={B}&actingFor={B}",
        $"/credit/{B}",
        $"/credit?rule=dishonest_debtor&sequence=1&uscc={B}",
        $"/forms?uscc={B}",
        $"/forms/{B}",
        $"/forms/fill?form=change_of_registered_address&uscc={B}",
        $"/forms/fill?form=change_of_registered_address&actingFor={B}",
        $"/forms/submission?form=change_of_registered_address&id=x&uscc={B}",
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Get_WithTheOtherEnterprisesCode_ShowsNothingOfIt(string route)
    {
        using var client = await web.SignedInAsync("li-na");

        using var response = await client.GetAsync(route);
        var body = ReturnUrlField().Replace(await response.Content.ReadAsStringAsync(), string.Empty);

        Assert.DoesNotContain(B, body, StringComparison.Ordinal);
        Assert.DoesNotContain(WebFixture.NameB, body, StringComparison.Ordinal);
        Assert.DoesNotContain("Qianhai Ruitong", body, StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"returnUrl\" value=\"[^\"]*\"")]
    private static partial Regex ReturnUrlField();
}
