using System.Diagnostics;

namespace EnterpriseHub.Web.Tests;

/// <summary>
/// A page that changes on the hub's own schedule (a record is proven once the hub signs the next
/// checkpoint): loaded again and again until it shows what the test waits for, within a bound.
/// </summary>
internal static class Reload
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>The first load that <paramref name="shows"/> accepts; a <see cref="TimeoutException"/> naming <paramref name="what"/> after <see cref="Patience"/>.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> load, Func<T, bool> shows, string what)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var page = await load();
            if (shows(page))
            {
                return page;
            }

            if (waited.Elapsed > Patience)
            {
                throw new TimeoutException($"the page did not show {what} within {Patience}");
            }
        }
    }

    /// <summary>The rows of the page's table body (each from its <c>&lt;tr&gt;</c> on).</summary>
    public static IReadOnlyList<string> Rows(string page) => [.. page.Split("<tr>").Skip(2)];
}
