using Grpc.Core;

namespace EnterpriseHub.Client.Tests.Unit;

public sealed class ResumableStreamTests
{
    /// <summary>An event (Name set) or a heartbeat (Name null) at a position.</summary>
    private sealed record Item(long Position, string? Name);

    private static readonly ResumeOptions Immediate = new() { InitialBackoff = TimeSpan.Zero, MaxConsecutiveFailures = 3 };

    [Fact]
    public async Task ReadAsync_BrokenTwice_ResumesAfterLastPositionAndDropsRepeats()
    {
        var opened = new List<long>();
        var calls = new Queue<Func<IAsyncEnumerable<Item>>>([
            () => Events([new(11, "a"), new(12, "b"), new(13, null)], Unavailable()),
            () => Events([new(12, "b"), new(14, "c")], new RpcException(new Status(StatusCode.Internal, "stream reset"))),
            () => Events([new(15, "d")], null),
        ]);

        var seen = await ResumableStream.ReadAsync(
                (after, _) => { opened.Add(after); return calls.Dequeue()(); },
                item => (item.Position, item.Name), 10, Immediate)
            .Take(4).ToListAsync();

        Assert.Equal(["a", "b", "c", "d"], seen);
        Assert.Equal([10, 13, 14], opened);
    }

    [Fact]
    public async Task ReadAsync_Refused_ThrowsAtOnceWithoutReconnecting()
    {
        var opened = 0;
        var refusal = new RpcException(new Status(StatusCode.PermissionDenied, "revoked"));

        var stream = ResumableStream.ReadAsync(
            (_, _) => { opened++; return Events([], refusal); }, (Item item) => (item.Position, item.Name), 0, Immediate);

        Assert.Same(refusal, await Assert.ThrowsAsync<RpcException>(async () => await stream.ToListAsync()));
        Assert.Equal(1, opened);
    }

    [Fact]
    public async Task ReadAsync_FailingWithoutProgress_GivesUpAfterMaxConsecutiveFailures()
    {
        var opened = 0;
        var reconnects = new List<long>();

        var stream = ResumableStream.ReadAsync(
            (_, _) => { opened++; return Events([], Unavailable()); }, (Item item) => (item.Position, item.Name), 7,
            Immediate with { OnReconnect = (position, _) => reconnects.Add(position) });

        var error = await Assert.ThrowsAsync<RpcException>(async () => await stream.ToListAsync());
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal(4, opened);
        Assert.Equal([7, 7, 7], reconnects);
    }

    private static RpcException Unavailable() => new(new Status(StatusCode.Unavailable, "hub restarting"));

    private static async IAsyncEnumerable<Item> Events(Item[] items, Exception? end)
    {
        foreach (var item in items)
        {
            await Task.Yield();
            yield return item;
        }

        if (end is not null)
        {
            throw end;
        }
    }
}
