using System.Threading.Channels;
using EnterpriseHub.V1;

namespace EnterpriseHub.Web.Notices;

/// <summary>
/// Hands each notice of the instance's one delivery stream to the open pages of its enterprise
/// (by <c>uscc</c>) and keeps the newest few of each enterprise, so that a page that reconnects
/// with <c>Last-Event-ID</c> gets what it missed. A page subscribes for exactly one enterprise;
/// nothing of another enterprise is ever written to its channel.
/// </summary>
internal sealed class NoticeFanOut
{
    /// <summary>Notices kept per enterprise for pages that resume.</summary>
    public const int BufferPerEnterprise = 32;

    private readonly Lock gate = new();
    private readonly Dictionary<string, List<Channel<Notice>>> pages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LinkedList<Notice>> recent = new(StringComparer.Ordinal);

    // Every notice after this position is in the buffer (of its enterprise) unless dropped there:
    // the stream's start, and per enterprise the newest notice dropped. Null before the stream opens.
    private long? streamStart;
    private readonly Dictionary<string, long> dropped = new(StringComparer.Ordinal);

    /// <summary>Opens a page's feed of one enterprise's notices; dispose it when the page goes.</summary>
    public Subscription Subscribe(string uscc)
    {
        var channel = Channel.CreateBounded<Notice>(new BoundedChannelOptions(BufferPerEnterprise)
        {
            FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true,
        });
        lock (gate)
        {
            if (!pages.TryGetValue(uscc, out var list))
            {
                pages[uscc] = list = [];
            }

            list.Add(channel);
        }

        return new Subscription(this, uscc, channel);
    }

    /// <summary>
    /// The kept notices of <paramref name="uscc"/> after <paramref name="after"/>, oldest first;
    /// null when the buffer no longer reaches back that far (the page then re-reads the inbox).
    /// </summary>
    public IReadOnlyList<Notice>? Since(string uscc, long after)
    {
        lock (gate)
        {
            var floor = streamStart;
            if (floor is null)
            {
                return null;
            }

            if (dropped.TryGetValue(uscc, out var lost) && lost > floor)
            {
                floor = lost;
            }

            if (after < floor)
            {
                return null;
            }

            return recent.TryGetValue(uscc, out var kept) ? kept.Where(n => n.Sequence > after).ToList() : [];
        }
    }

    /// <summary>The stream has (re)opened at <paramref name="position"/>: what came before it is not in the buffer.</summary>
    public void StreamOpened(long position)
    {
        lock (gate)
        {
            if (streamStart is not { } known || position > known)
            {
                // A stream that starts from the end again after a failure may have skipped notices.
                streamStart = position;
            }
        }
    }

    /// <summary>Delivers one notice of the stream to its enterprise's open pages.</summary>
    public void Publish(Notice notice)
    {
        lock (gate)
        {
            if (!recent.TryGetValue(notice.Uscc, out var kept))
            {
                recent[notice.Uscc] = kept = new LinkedList<Notice>();
            }

            kept.AddLast(notice);
            if (kept.Count > BufferPerEnterprise)
            {
                dropped[notice.Uscc] = kept.First!.Value.Sequence;
                kept.RemoveFirst();
            }

            if (pages.TryGetValue(notice.Uscc, out var list))
            {
                foreach (var channel in list)
                {
                    channel.Writer.TryWrite(notice);
                }
            }
        }
    }

    private void Unsubscribe(string uscc, Channel<Notice> channel)
    {
        lock (gate)
        {
            if (pages.TryGetValue(uscc, out var list) && list.Remove(channel) && list.Count == 0)
            {
                pages.Remove(uscc);
            }
        }

        channel.Writer.TryComplete();
    }

    /// <summary>One page's feed.</summary>
    internal sealed class Subscription(NoticeFanOut owner, string uscc, Channel<Notice> channel) : IDisposable
    {
        public ChannelReader<Notice> Reader => channel.Reader;

        public void Dispose() => owner.Unsubscribe(uscc, channel);
    }
}
