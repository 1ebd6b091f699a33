using System.CommandLine;
using System.Globalization;

namespace EnterpriseHub.Cli.Cli;

/// <summary>Options several commands share, made alike everywhere.</summary>
internal static class Flags
{
    /// <summary><c>--limit N</c>: stop a listing after N items (0, the default, for all).</summary>
    public static Option<int> Limit() => new("--limit")
    {
        Description = "Stop after this many items (0 for all).",
        DefaultValueFactory = _ => 0,
        Validators = { result => { if (result.GetValueOrDefault<int>() < 0) { result.AddError("--limit must be 0 or more."); } } },
    };

    /// <summary><c>--page-size N</c>: items per call of a paged listing (the hub's default when 0); the listing still reads every page.</summary>
    public static Option<int> PageSize() => new("--page-size")
    {
        Description = "Items per page fetched (1 to 500; the hub's default, or --limit when smaller, when 0). Every page is read.",
        DefaultValueFactory = _ => 0,
    };

    /// <summary><c>--type T</c>, repeatable: fact types to keep.</summary>
    public static Option<string[]> Types(string description = "Only this fact type (repeat for several); every readable type when absent.") => new("--type")
    {
        Description = description,
        DefaultValueFactory = _ => [],
    };

    /// <summary><c>--acting-for USCC</c>: the enterprise a portal acts for.</summary>
    public static Option<string> ActingFor() => Text("--acting-for", "The enterprise the portal acts for (portal certificates only).");

    /// <summary><c>--zone Z</c>: a configured zone.</summary>
    public static Option<string> Zone(string description = "Only enterprises of this configured zone (e.g. nansha).") => Text("--zone", description);

    /// <summary>A text option, empty when absent (proto3's own default).</summary>
    public static Option<string> Text(string name, string description) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => string.Empty,
    };

    /// <summary>A time option (ISO 8601, e.g. 2026-11-20T00:00:00Z).</summary>
    public static Option<DateTimeOffset?> Time(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "time",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            {
                return time;
            }

            result.AddError($"{name} '{text}' is not a time: give ISO 8601, e.g. 2026-11-20T00:00:00Z.");
            return null;
        },
    };

    /// <summary>A sequence option, 0 when absent.</summary>
    public static Option<long> Sequence(string name, string description) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => 0,
    };

    /// <summary>An option limited to the given words (an enum spelt as in the docs: pending, not_shared, ...).</summary>
    public static Option<string> OneOf(string name, string description, string fallback, params string[] words)
    {
        var option = new Option<string>(name)
        {
            Description = description,
            HelpName = string.Join('|', words),
            DefaultValueFactory = _ => fallback,
        };
        option.AcceptOnlyFromAmong(words);
        return option;
    }

    /// <summary>The words an option takes for enum <typeparamref name="T"/> (its values but the unspecified one).</summary>
    public static string[] Words<T>()
        where T : struct, Enum =>
        [.. Enum.GetValues<T>().Where(v => Convert.ToInt32(v, CultureInfo.InvariantCulture) != 0).Select(v => Cli.Text.Enum(v))];
}
