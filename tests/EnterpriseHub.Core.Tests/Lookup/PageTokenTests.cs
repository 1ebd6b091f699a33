using EnterpriseHub.Core.Lookup;

namespace EnterpriseHub.Core.Tests.Lookup;

public sealed class PageTokenTests
{
    [Fact]
    public void Decode_TokenOfSameKind_ReturnsThePosition() =>
        Assert.Equal("91440115MA5HUB013L", PageToken.Decode("search", PageToken.Encode("search", "91440115MA5HUB013L")));

    [Theory]
    [InlineData("not base64 !")]
    [InlineData("")]
    public void Decode_Garbage_IsNull(string token) => Assert.Null(PageToken.Decode("search", token));

    [Fact]
    public void Decode_TokenOfAnotherKind_IsNull() => Assert.Null(PageToken.Decode("search", PageToken.Encode("history", "42")));
}

public sealed class ZoneOptionsTests
{
    [Fact]
    public void Validate_EveryProblem_ReportedAtOnce()
    {
        var options = new ZoneOptions
        {
            Zones = { ["a"] = ["440115", "12345"], ["b"] = ["440115"], ["c"] = [] },
        };

        var problems = options.Validate().ToList();

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains("12345", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("both 'a' and 'b'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Hub:Zones:c", StringComparison.Ordinal));
    }
}
