using Microsoft.Extensions.Options;

namespace EnterpriseHub.Core.Lookup;

/// <summary>Which configured zone a registration division belongs to, and the reverse.</summary>
public sealed class ZoneDirectory(IOptions<ZoneOptions> options)
{
    private readonly Dictionary<string, string> _zoneByDivision = options.Value.Zones
        .SelectMany(zone => zone.Value.Select(division => (division, zone: zone.Key)))
        .ToDictionary(p => p.division, p => p.zone, StringComparer.Ordinal);

    /// <summary>The zone of a division code; empty when it belongs to none.</summary>
    public string ZoneOf(string divisionCode) => _zoneByDivision.GetValueOrDefault(divisionCode, string.Empty);

    /// <summary>The division codes of a zone; null when no such zone is configured.</summary>
    public IReadOnlyList<string>? DivisionsOf(string zone) =>
        options.Value.Zones.TryGetValue(zone, out var divisions) ? divisions : null;
}
