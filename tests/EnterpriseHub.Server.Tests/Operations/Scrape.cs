using System.Globalization;
using System.Text.RegularExpressions;

namespace EnterpriseHub.Server.Tests.Operations;

/// <summary>One series of a Prometheus text exposition: name, labels, value.</summary>
internal sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public bool Has(string label, string value) => Labels.TryGetValue(label, out var actual) && actual == value;
}

/// <summary>A hub's /metrics read over its operations port, parsed just enough to assert on.</summary>
internal static partial class Scrape
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public static async Task<IReadOnlyList<Sample>> MetricsAsync(Uri operations)
    {
        var text = await Http.GetStringAsync(new Uri(operations, "/metrics"));
        return [.. text.Split('\n').Where(line => line.Length > 0 && line[0] != '#').Select(Parse)];
    }

    /// <summary>The sum of the series named <paramref name="name"/> whose labels include every one given.</summary>
    public static double Sum(this IReadOnlyList<Sample> samples, string name, params (string Label, string Value)[] labels) =>
        samples.Where(s => s.Name == name && labels.All(l => s.Has(l.Label, l.Value))).Sum(s => s.Value);

    public static Task<HttpResponseMessage> GetAsync(Uri address, string path) => Http.GetAsync(new Uri(address, path));

    private static Sample Parse(string line)
    {
        var match = SeriesLine().Match(line);
        Assert.True(match.Success, $"not a series line: {line}");
        var labels = LabelPair().Matches(match.Groups["labels"].Value)
            .ToDictionary(m => m.Groups["key"].Value, m => m.Groups["value"].Value, StringComparer.Ordinal);
        var value = match.Groups["value"].Value switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            var number => double.Parse(number, CultureInfo.InvariantCulture),
        };
        return new Sample(match.Groups["name"].Value, labels, value);
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\d+)?$")]
    private static partial Regex SeriesLine();

    [GeneratedRegex(@"(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();
}
