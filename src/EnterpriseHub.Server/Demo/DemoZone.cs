namespace EnterpriseHub.Server.Demo;

/// <summary>
/// Deterministic demo data for three free-trade zones: every department's facts about a seeded set
/// of enterprises. The same arguments give byte-identical facts on every run and machine.
/// Contains no personal data.
/// </summary>
public static class DemoZone
{
    private static readonly DemoZoneSpec[] Zones =
    [
        new("440115", "广州南沙", "Guangzhou Nansha",
            "国家税务总局广州市南沙区税务局", "广州市南沙区人民法院", "粤0115"),
        new("440305", "深圳前海", "Shenzhen Qianhai",
            "国家税务总局深圳市前海税务局", "深圳市南山区人民法院", "粤0305"),
        new("440402", "珠海横琴", "Zhuhai Hengqin",
            "国家税务总局横琴粤澳深度合作区税务局", "珠海市香洲区人民法院", "粤0402"),
    ];

    /// <summary>Division codes of the zones, in generation order: Nansha, Qianhai-Shekou, Hengqin.</summary>
    public static readonly IReadOnlyList<string> DivisionCodes = Array.AsReadOnly(Zones.Select(zone => zone.Division).ToArray());

    /// <summary>One enterprise per zone present under every seed, with a full, clean record.</summary>
    public static readonly IReadOnlyList<string> FixedUsccs = ["91440115MA5HUB013L", "91440305MA5HUB021A", "91440402MA5HUB03XU"];

    /// <summary>
    /// The facts of <paramref name="enterprisesPerZone"/> enterprises in each zone (the zone's fixed
    /// enterprise included, at most 1,000,000), ordered by publisher, then fact type, then enterprise.
    /// </summary>
    public static IReadOnlyList<DemoFact> Generate(int enterprisesPerZone = 1000, int seed = 20261126)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(enterprisesPerZone, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(enterprisesPerZone, 1_000_000);

        // A seeded Random uses the same algorithm in every .NET version, which keeps the data stable.
        var generator = new DemoEnterpriseGenerator(new Random(seed));
        var fixedEnterprises = new DemoEnterprise[Zones.Length];
        for (var z = 0; z < Zones.Length; z++)
        {
            fixedEnterprises[z] = DemoFixedEnterprises.For(Zones[z], (z * enterprisesPerZone) + 1);
            generator.Reserve(fixedEnterprises[z]);
        }

        var enterprises = new List<DemoEnterprise>(Zones.Length * enterprisesPerZone);
        for (var z = 0; z < Zones.Length; z++)
        {
            enterprises.Add(fixedEnterprises[z]);
            for (var i = 1; i < enterprisesPerZone; i++)
            {
                enterprises.Add(generator.Next(Zones[z], (z * enterprisesPerZone) + i + 1));
            }
        }

        return DemoFactWriter.Write(enterprises);
    }
}
