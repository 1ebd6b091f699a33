using EnterpriseHub.Core.Feed;
using Microsoft.Extensions.Time.Testing;

namespace EnterpriseHub.Core.Tests.Feed;

public sealed class LogFollowerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly List<Entry> log = [];
    private readonly FeedSignal signal = new();
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task FollowAsync_AppendWhileThePassIsWorkedOn_NextPassBringsItWithoutWaiting()
    {
        using var stop = new CancellationTokenSource(Patience);
        var passes = new List<LogPass<Entry>>();
        await foreach (var pass in Follow(TimeSpan.FromHours(1), stop.Token))
        {
            passes.Add(pass);
            if (passes.Count == 1)
            {
                // After the read, before the wait: the wake-up taken before the read must end the wait.
                Append(1);
            }
            else
            {
                break;
            }
        }

        Assert.Equal([[], [1L]], passes.Select(p => p.Entries.Select(e => e.Sequence).ToArray()));
        Assert.False(passes[1].Quiet);
        Assert.Equal(1, passes[1].Position);
    }

    [Fact]
    public async Task FollowAsync_FullPages_ReadsTheNextAtOnceAndStopsAtTheShortOne()
    {
        Append(1, 2, 3, 4, 5);
        using var stop = new CancellationTokenSource(Patience);
        var passes = new List<LogPass<Entry>>();
        await foreach (var pass in Follow(TimeSpan.FromHours(1), stop.Token))
        {
            passes.Add(pass);
            if (!pass.Full)
            {
                break;
            }
        }

        Assert.Equal([2L, 4L, 5L], passes.Select(p => p.Position));
        Assert.Equal([true, true, false], passes.Select(p => p.Full));
    }

    [Fact]
    public async Task FollowAsync_ClockMovesPastThePatienceWhileThePassIsWorkedOn_PassesQuiet()
    {
        Append(1);
        using var stop = new CancellationTokenSource(Patience);
        var passes = new List<LogPass<Entry>>();
        await foreach (var pass in Follow(TimeSpan.FromSeconds(30), stop.Token))
        {
            passes.Add(pass);
            if (passes.Count == 1)
            {
                clock.Advance(TimeSpan.FromSeconds(31));
            }
            else
            {
                break;
            }
        }

        Assert.True(passes[1].Quiet);
        Assert.Empty(passes[1].Entries);
        Assert.Equal(1, passes[1].Position);
    }

    [Fact]
    public async Task FollowAsync_NoPatience_PassesQuietAtOnceAfterAShortPage()
    {
        using var stop = new CancellationTokenSource(Patience);
        var passes = new List<LogPass<Entry>>();
        await foreach (var pass in Follow(TimeSpan.Zero, stop.Token))
        {
            passes.Add(pass);
            if (passes.Count == 2)
            {
                break;
            }
        }

        Assert.Equal([false, true], passes.Select(p => p.Quiet));
    }

    private IAsyncEnumerable<LogPass<Entry>> Follow(TimeSpan patience, CancellationToken cancellationToken) =>
        LogFollower.FollowAsync(Read, e => e.Sequence, 2, [signal], () => patience, clock, 0, cancellationToken);

    private Task<IReadOnlyList<Entry>> Read(long after, int limit, CancellationToken cancellationToken)
    {
        lock (log)
        {
            return Task.FromResult<IReadOnlyList<Entry>>([.. log.Where(e => e.Sequence > after).Take(limit)]);
        }
    }

    private void Append(params long[] sequences)
    {
        lock (log)
        {
            log.AddRange(sequences.Select(s => new Entry(s)));
        }

        signal.Notify();
    }

    private sealed record Entry(long Sequence);
}
