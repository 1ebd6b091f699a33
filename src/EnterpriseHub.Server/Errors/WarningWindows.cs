using System.Collections.Concurrent;

namespace EnterpriseHub.Server.Errors;

/// <summary>
/// At most one warning per caller per <see cref="Interval"/> about refusals any caller can cause
/// at will (malformed frames, calls over a quota), counting the ones in between: a flooding caller
/// must not fill the log.
/// </summary>
internal sealed class WarningWindows(TimeProvider time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    /// <summary>Counts one refusal of <paramref name="caller"/>; a warning is due when it returns true, for <paramref name="count"/> refusals.</summary>
    public bool Note(string caller, out int count)
    {
        var now = time.GetUtcNow();
        var window = _windows.GetOrAdd(caller, static _ => new Window());
        lock (window)
        {
            window.Count++;
            count = window.Count;
            if (now < window.NextWarning)
            {
                return false;
            }

            window.Count = 0;
            window.NextWarning = now + Interval;
            return true;
        }
    }

    private sealed class Window
    {
        public int Count { get; set; }

        public DateTimeOffset NextWarning { get; set; } = DateTimeOffset.MinValue;
    }
}
