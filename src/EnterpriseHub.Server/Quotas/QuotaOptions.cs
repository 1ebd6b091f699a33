using System.Globalization;
using System.Text.RegularExpressions;

namespace EnterpriseHub.Server.Quotas;

/// <summary>
/// The <c>Hub:Quotas</c> section: per identity and per replica, a token bucket for each kind of
/// call and a bound on its concurrent streams, with overrides per identity under
/// <c>Callers:&lt;identity&gt;</c>. A rate or stream limit of 0 means no limit: who may call at all
/// is the access table's to say, not the quotas'. docs/quotas.md explains each default.
/// </summary>
public sealed partial class QuotaOptions
{
    public const double MaxPerSecond = 1_000_000;
    public const int MaxBurst = 10_000_000;
    public const int MaxStreams = 100_000;

    public RateOptions Read { get; set; } = new() { PerSecond = 2_000 };

    public RateOptions Publish { get; set; } = new() { PerSecond = 200 };

    public RateOptions Watch { get; set; } = new() { PerSecond = 20 };

    public RateOptions Change { get; set; } = new() { PerSecond = 20 };

    public RateOptions Probe { get; set; } = new() { PerSecond = 100 };

    /// <summary>Concurrent streaming calls (watches, subscription reads, publish streams, reflection) of one identity on one replica.</summary>
    public int MaxStreamsPerIdentity { get; set; } = 100;

    /// <summary>Identity → what differs from the defaults for it.</summary>
    public Dictionary<string, CallerQuotaOptions> Callers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The bucket of <paramref name="kind"/> for <paramref name="caller"/>: its override where set, the default otherwise.</summary>
    internal Rate RateFor(string caller, QuotaKind kind)
    {
        var fallback = Default(kind);
        var own = Callers.TryGetValue(caller, out var overrides) ? overrides.For(kind) : null;
        // A rate without its own burst gets twice its rate, so setting only a rate never keeps another rate's burst.
        return own?.PerSecond is { } perSecond
            ? Rate.Of(perSecond, own.Burst)
            : Rate.Of(fallback.PerSecond ?? 0, own?.Burst ?? fallback.Burst);
    }

    internal int StreamsFor(string caller) =>
        Callers.TryGetValue(caller, out var overrides) && overrides.MaxStreams is { } own ? own : MaxStreamsPerIdentity;

    internal RateOptions Default(QuotaKind kind) => kind switch
    {
        QuotaKind.Read => Read,
        QuotaKind.Publish => Publish,
        QuotaKind.Watch => Watch,
        QuotaKind.Change => Change,
        _ => Probe,
    };

    internal IEnumerable<string> Validate()
    {
        var problems = Enum.GetValues<QuotaKind>().SelectMany(kind => Default(kind).Validate($"Hub:Quotas:{kind}")).ToList();
        if (MaxStreamsPerIdentity is < 0 or > MaxStreams)
        {
            problems.Add($"Hub:Quotas:MaxStreamsPerIdentity must be 0 (no limit) or up to {MaxStreams}.");
        }

        foreach (var (caller, overrides) in Callers.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var prefix = $"Hub:Quotas:Callers:{caller}";
            if (!IdentityCode().IsMatch(caller))
            {
                problems.Add($"{prefix}: '{caller}' is not an identity code (a certificate CN such as 'tax').");
            }

            problems.AddRange(Enum.GetValues<QuotaKind>().SelectMany(kind => overrides.For(kind)?.Validate($"{prefix}:{kind}") ?? []));
            if (overrides.MaxStreams is < 0 or > MaxStreams)
            {
                problems.Add($"{prefix}:MaxStreams must be 0 (no limit) or up to {MaxStreams}.");
            }
        }

        return problems;
    }

    /// <summary>Keys under <c>Hub:Quotas</c> nothing reads (a misspelt kind would otherwise leave a limit silently at its default).</summary>
    internal static IEnumerable<string> UnknownKeys(IConfigurationSection section)
    {
        string[] kinds = [.. Enum.GetNames<QuotaKind>()];
        string[] rate = [nameof(RateOptions.PerSecond), nameof(RateOptions.Burst)];
        foreach (var child in section.GetChildren())
        {
            if (kinds.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                foreach (var unknown in Unknown(child, rate))
                {
                    yield return unknown;
                }
            }
            else if (string.Equals(child.Key, nameof(Callers), StringComparison.OrdinalIgnoreCase))
            {
                foreach (var caller in child.GetChildren())
                {
                    foreach (var unknown in Unknown(caller, [.. kinds, nameof(CallerQuotaOptions.MaxStreams)]))
                    {
                        yield return unknown;
                    }

                    foreach (var kind in caller.GetChildren().Where(k => kinds.Contains(k.Key, StringComparer.OrdinalIgnoreCase)))
                    {
                        foreach (var unknown in Unknown(kind, rate))
                        {
                            yield return unknown;
                        }
                    }
                }
            }
            else if (!string.Equals(child.Key, nameof(MaxStreamsPerIdentity), StringComparison.OrdinalIgnoreCase))
            {
                yield return $"{child.Path} is not a quota setting (kinds: {string.Join(", ", kinds)}; MaxStreamsPerIdentity; Callers).";
            }
        }
    }

    private static IEnumerable<string> Unknown(IConfigurationSection section, string[] known) =>
        section.GetChildren().Where(c => !known.Contains(c.Key, StringComparer.OrdinalIgnoreCase))
            .Select(c => $"{c.Path} is not a quota setting (expected {string.Join(", ", known)}).");

    [GeneratedRegex("^[a-z][a-z0-9_]{1,31}$")]
    private static partial Regex IdentityCode();
}

/// <summary>One token bucket: the rate it refills at and how many tokens it holds when full.</summary>
public sealed class RateOptions
{
    /// <summary>Tokens per second (fractions allowed); 0 means no limit.</summary>
    public double? PerSecond { get; set; }

    /// <summary>The bucket's size: calls one caller may make at once after a quiet spell. Unset: twice the rate.</summary>
    public int? Burst { get; set; }

    internal IEnumerable<string> Validate(string prefix)
    {
        if (PerSecond is { } perSecond && (double.IsNaN(perSecond) || perSecond < 0 || perSecond > QuotaOptions.MaxPerSecond
            || (perSecond > 0 && perSecond < 0.001)))
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"{prefix}:PerSecond must be 0 (no limit) or between 0.001 and {QuotaOptions.MaxPerSecond}.");
        }

        if (Burst is < 1 or > QuotaOptions.MaxBurst)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{prefix}:Burst must be between 1 and {QuotaOptions.MaxBurst}.");
        }
    }
}

/// <summary>What differs for one identity; anything unset is the default.</summary>
public sealed class CallerQuotaOptions
{
    public RateOptions? Read { get; set; }

    public RateOptions? Publish { get; set; }

    public RateOptions? Watch { get; set; }

    public RateOptions? Change { get; set; }

    public RateOptions? Probe { get; set; }

    /// <summary>This identity's concurrent streams per replica; 0 means no limit.</summary>
    public int? MaxStreams { get; set; }

    internal RateOptions? For(QuotaKind kind) => kind switch
    {
        QuotaKind.Read => Read,
        QuotaKind.Publish => Publish,
        QuotaKind.Watch => Watch,
        QuotaKind.Change => Change,
        _ => Probe,
    };
}

/// <summary>A resolved bucket; <see cref="Unlimited"/> when the rate is 0.</summary>
internal readonly record struct Rate(double PerSecond, int Burst)
{
    public bool Unlimited => PerSecond <= 0;

    public static Rate Of(double perSecond, int? burst) =>
        new(perSecond, burst ?? (int)Math.Clamp(Math.Ceiling(2 * perSecond), 1, QuotaOptions.MaxBurst));

    public override string ToString() => Unlimited
        ? "no limit"
        : string.Create(CultureInfo.InvariantCulture, $"{PerSecond:0.###} per second, burst {Burst}");
}
