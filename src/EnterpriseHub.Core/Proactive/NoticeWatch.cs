using System.Runtime.CompilerServices;
using EnterpriseHub.Core.Feed;

namespace EnterpriseHub.Core.Proactive;

/// <summary>One event of a delivery stream: a notice, or (when <see cref="Notice"/> is null) a heartbeat.</summary>
public sealed record NoticeEvent(Notice? Notice, long Position, DateTimeOffset Time);

/// <summary>
/// One open delivery stream: reads the delivery log a page at a time after its position, woken
/// when notices are delivered on any replica; each notice is audited before it is yielded.
/// </summary>
public sealed class NoticeWatch
{
    public const int PageSize = 256;

    private readonly INoticeStore store;
    private readonly NoticeSignal signal;
    private readonly TimeProvider time;
    private readonly TimeSpan heartbeat;
    private readonly Func<Notice, Task> audited;
    private long position;

    internal NoticeWatch(INoticeStore store, NoticeSignal signal, TimeProvider time, long after, TimeSpan heartbeat, Func<Notice, Task> audited)
    {
        this.store = store;
        this.signal = signal;
        this.time = time;
        this.heartbeat = heartbeat;
        this.audited = audited;
        position = after;
    }

    public async IAsyncEnumerable<NoticeEvent> EventsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var lastSent = time.GetUtcNow();
        while (!cancellationToken.IsCancellationRequested)
        {
            var wake = signal.Next;
            var page = await store.ReadNoticesAsync(position, PageSize, cancellationToken);
            foreach (var notice in page)
            {
                await audited(notice);
                position = notice.Sequence;
                lastSent = time.GetUtcNow();
                yield return new NoticeEvent(notice, position, lastSent);
            }

            if (page.Count == PageSize)
            {
                continue;
            }

            var quiet = lastSent + heartbeat - time.GetUtcNow();
            if (quiet > TimeSpan.Zero)
            {
                using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var first = await Task.WhenAny(wake, Task.Delay(quiet, time, stopWaiting.Token));
                await stopWaiting.CancelAsync();
                if (first == wake)
                {
                    continue;
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
            lastSent = time.GetUtcNow();
            yield return new NoticeEvent(null, position, lastSent);
        }
    }
}
