using System.Runtime.CompilerServices;
using EnterpriseHub.Core.Feed;

namespace EnterpriseHub.Core.Proactive;

/// <summary>
/// One open delivery stream: the delivery log after its position, woken when notices are
/// delivered on any replica; each notice is audited before it is passed on.
/// </summary>
public sealed class NoticeWatch
{
    private readonly INoticeStore store;
    private readonly NoticeSignal signal;
    private readonly TimeProvider time;
    private readonly TimeSpan heartbeat;
    private readonly Func<Notice, Task> audited;
    private readonly long after;
    private readonly bool announceStart;

    /// <param name="announceStart">Send a heartbeat at <paramref name="after"/> first, so the caller learns where the stream starts.</param>
    internal NoticeWatch(
        INoticeStore store, NoticeSignal signal, TimeProvider time, long after, bool announceStart, TimeSpan heartbeat, Func<Notice, Task> audited)
    {
        this.announceStart = announceStart;
        this.store = store;
        this.signal = signal;
        this.time = time;
        this.heartbeat = heartbeat;
        this.audited = audited;
        this.after = after;
    }

    public async IAsyncEnumerable<TailEvent<Notice>> EventsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (announceStart)
        {
            yield return new TailEvent<Notice>(null, after, time.GetUtcNow());
        }

        var tail = LogTail.FollowAsync(
            (position, token) => store.ReadNoticesAsync(position, LogTail.PageSize, token), n => n.Sequence, _ => true, signal, time, after,
            heartbeat, cancellationToken);
        await foreach (var next in tail)
        {
            if (next.Entry is { } notice)
            {
                await audited(notice);
            }

            yield return next;
        }
    }
}
