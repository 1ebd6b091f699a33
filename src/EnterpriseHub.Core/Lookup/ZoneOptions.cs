namespace EnterpriseHub.Core.Lookup;

/// <summary>
/// Configuration section <c>Hub:Zones</c>: each zone's name and the registration division
/// codes (6 digits) that belong to it, e.g. <c>"nansha": ["440115"]</c>.
/// </summary>
public sealed class ZoneOptions
{
    public Dictionary<string, List<string>> Zones { get; set; } = new(StringComparer.Ordinal);

    public IEnumerable<string> Validate()
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (zone, divisions) in Zones)
        {
            if (divisions.Count == 0)
            {
                yield return $"Hub:Zones:{zone} lists no division code.";
            }

            foreach (var division in divisions)
            {
                if (division.Length != 6 || !division.All(char.IsAsciiDigit))
                {
                    yield return $"Hub:Zones:{zone} division '{division}' is not 6 digits.";
                }
                else if (!owners.TryAdd(division, zone))
                {
                    yield return $"Hub:Zones: division {division} is in both '{owners[division]}' and '{zone}'.";
                }
            }
        }
    }
}
