namespace EnterpriseHub.Server.Demo;

/// <summary>
/// One hand-written enterprise per zone, the same under every seed, so demos and tests can name
/// them. All three are in good standing: no court listing, no dishonest customs class.
/// </summary>
internal static class DemoFixedEnterprises
{
    public static DemoEnterprise For(DemoZoneSpec zone, int number) => zone.Division switch
    {
        "440115" => new DemoEnterprise(
            zone, number, "91440115MA5HUB013L", "广州南沙海联科技有限公司",
            "Guangzhou Nansha Hailian Technology Co., Ltd.", "I65", 1000,
            new DateOnly(2017, 3, 15), new DateOnly(2047, 3, 14), Utc(2017, 3, 15, 2, 30, 0),
            "general", Utc(2017, 3, 28, 6, 12, 45), "A", Utc(2026, 4, 8, 1, 0, 0),
            null, 86, Utc(2026, 10, 10, 3, 15, 20), null),
        "440305" => new DemoEnterprise(
            zone, number, "91440305MA5HUB021A", "深圳前海瑞通供应链管理有限公司",
            "Shenzhen Qianhai Ruitong Supply Chain Management Co., Ltd.", "G54", 5000,
            new DateOnly(2016, 8, 2), new DateOnly(2046, 8, 1), Utc(2016, 8, 2, 3, 5, 10),
            "general", Utc(2016, 8, 16, 7, 40, 0), "A", Utc(2026, 4, 8, 1, 0, 0),
            new DemoCustomsClass("advanced", Utc(2024, 11, 20, 2, 0, 0)), 42, Utc(2026, 10, 12, 8, 2, 33), null),
        "440402" => new DemoEnterprise(
            zone, number, "91440402MA5HUB03XU", "珠海横琴澳琴生物科技有限公司", null, "M73", 2000,
            new DateOnly(2019, 11, 20), new DateOnly(2069, 11, 19), Utc(2019, 11, 20, 1, 48, 5),
            "small_scale", Utc(2019, 12, 2, 2, 20, 0), "B", Utc(2026, 4, 9, 2, 30, 0),
            new DemoCustomsClass("general", Utc(2021, 5, 6, 6, 30, 0)), 23, Utc(2026, 10, 9, 5, 55, 1), null),
        _ => throw new ArgumentOutOfRangeException(nameof(zone), zone.Division, "No fixed enterprise for this zone."),
    };

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute, int second) =>
        new(year, month, day, hour, minute, second, TimeSpan.Zero);
}
