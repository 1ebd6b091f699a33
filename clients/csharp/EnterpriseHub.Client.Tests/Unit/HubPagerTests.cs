namespace EnterpriseHub.Client.Tests.Unit;

public sealed class HubPagerTests
{
    private sealed record Page(int[] Items, string Next);

    [Fact]
    public async Task ReadAllAsync_ThreePages_FollowsTokensAndYieldsEveryItemInOrder()
    {
        var pages = new Dictionary<string, Page> { [""] = new([1, 2], "b"), ["b"] = new([3, 4], "c"), ["c"] = new([5], "") };
        var asked = new List<string>();

        var items = await Paging().ToListAsync();

        Assert.Equal([1, 2, 3, 4, 5], items);
        Assert.Equal(["", "b", "c"], asked);

        IAsyncEnumerable<int> Paging() => HubPager.ReadAllAsync(
            (token, _) => { asked.Add(token); return Task.FromResult(pages[token]); },
            page => page.Items, page => page.Next);
    }

    [Fact]
    public async Task ReadAllAsync_CallerStopsEarly_FetchesNoFurtherPage()
    {
        var fetched = 0;

        var first = await HubPager.ReadAllAsync(
            (_, _) => { fetched++; return Task.FromResult(new Page([1, 2], "more")); },
            page => page.Items, page => page.Next).Take(2).ToListAsync();

        Assert.Equal([1, 2], first);
        Assert.Equal(1, fetched);
    }

    [Fact]
    public async Task ReadAllAsync_TokenRepeated_ThrowsInsteadOfLooping()
    {
        var pager = HubPager.ReadAllAsync(
            (_, _) => Task.FromResult(new Page([1], "same")), page => page.Items, page => page.Next);

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await pager.ToListAsync());
    }
}
