using System.Diagnostics;
using System.Globalization;

namespace EnterpriseHub.Server.Tests.Hostile;

/// <summary>Latencies of ordinary calls, measured for the report and never asserted.</summary>
internal sealed class Latencies
{
    private readonly List<double> _milliseconds = [];

    public int Count
    {
        get
        {
            lock (_milliseconds)
            {
                return _milliseconds.Count;
            }
        }
    }

    /// <summary>Runs <paramref name="call"/> and keeps how long it took.</summary>
    public async Task<T> TimeAsync<T>(Func<Task<T>> call)
    {
        var clock = Stopwatch.StartNew();
        var result = await call();
        lock (_milliseconds)
        {
            _milliseconds.Add(clock.Elapsed.TotalMilliseconds);
        }

        return result;
    }

    public double Percentile(double p)
    {
        lock (_milliseconds)
        {
            if (_milliseconds.Count == 0)
            {
                return double.NaN;
            }

            var sorted = _milliseconds.Order().ToList();
            return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100 * sorted.Count) - 1)];
        }
    }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture, $"n={Count} median={Percentile(50):0.0} ms p99={Percentile(99):0.0} ms max={Percentile(100):0.0} ms");
}
