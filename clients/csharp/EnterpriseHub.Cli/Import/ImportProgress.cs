using System.Globalization;
using EnterpriseHub.Cli.Cli;
using Spectre.Console;

namespace EnterpriseHub.Cli.Import;

/// <summary>
/// Shows an import's progress: on a terminal a live Spectre.Console bar (bytes read against the
/// file's size, so its time left holds for any line length) with lines read, facts stored,
/// duplicates, rejected and facts per second; otherwise no animation, a plain line on standard
/// error at most every <see cref="PlainInterval"/>.
/// </summary>
internal static class ImportProgress
{
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    public static async Task<T> RunAsync<T>(Output output, TimeProvider time, long length, Func<Action<ImportCounts>, Task<T>> body)
    {
        var started = time.GetTimestamp();
        if (output.IsInteractive && !output.IsJson)
        {
            return await output.Console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("import", maxValue: Math.Max(1, length));
                    var result = await body(counts =>
                    {
                        task.Value = counts.BytesRead;
                        task.Description = Markup.Escape(Describe(counts, time.GetElapsedTime(started)));
                    });
                    task.Value = task.MaxValue;
                    return result;
                });
        }

        var last = started;
        return await body(counts =>
        {
            if (time.GetElapsedTime(last) < PlainInterval)
            {
                return;
            }

            last = time.GetTimestamp();
            var elapsed = time.GetElapsedTime(started);
            var left = counts.BytesRead > 0 && counts.Length > counts.BytesRead
                ? $", about {Math.Ceiling(elapsed.TotalSeconds * (counts.Length - counts.BytesRead) / counts.BytesRead).ToString(CultureInfo.InvariantCulture)} s left"
                : string.Empty;
            output.Stderr.WriteLine($"import: {Describe(counts, elapsed)}{left}");
        });
    }

    public static string Describe(ImportCounts counts, TimeSpan elapsed)
    {
        var rate = elapsed.TotalSeconds > 0 ? counts.Acknowledged / elapsed.TotalSeconds : 0;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{counts.LinesRead} lines read, {counts.Stored} stored, {counts.Duplicates} duplicates, {counts.Rejected} rejected, {rate:F0} facts/s");
    }
}
