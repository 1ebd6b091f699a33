using EnterpriseHub.Core.Enterprises;

namespace EnterpriseHub.Server.Demo;

/// <summary>
/// Draws enterprises from one seeded <see cref="Random"/>, always in the same order, so a seed
/// gives the same enterprises on every run. Codes and names never repeat.
/// </summary>
internal sealed class DemoEnterpriseGenerator(Random random)
{
    // Codes with an "MA" organisation code exist from late 2015; everyone has a 2025 tax grade.
    private static readonly DateOnly FirstEstablished = new(2015, 10, 1);
    private static readonly DateOnly LastEstablished = new(2025, 6, 30);
    private static readonly DateOnly LastCustomsClassification = new(2026, 6, 30);
    private static readonly DateOnly LastCourtListing = new(2026, 9, 30);

    private static readonly (DemoIndustry, int)[] Industries =
        DemoNames.Industries.Select(industry => (industry, industry.Weight)).ToArray();

    // Registered capital in 10k CNY.
    private static readonly (int, int)[] Capitals =
        [(10, 5), (50, 10), (100, 25), (200, 15), (300, 10), (500, 15), (1000, 12), (2000, 4), (5000, 3), (10000, 1)];

    private static readonly (string, int)[] Grades = [("A", 15), ("B", 58), ("M", 20), ("C", 5), ("D", 2)];
    private static readonly (string, int)[] CustomsClasses = [("advanced", 8), ("general", 88), ("dishonest", 4)];
    private static readonly ((int Min, int Max), int)[] Headcounts =
        [((0, 9), 45), ((10, 49), 35), ((50, 299), 15), ((300, 2000), 5)];

    private readonly HashSet<string> usccs = new(StringComparer.Ordinal);
    private readonly HashSet<string> names = new(StringComparer.Ordinal);
    private readonly HashSet<string> caseNumbers = new(StringComparer.Ordinal);

    /// <summary>Keeps a hand-written enterprise's code and name from being drawn again.</summary>
    public void Reserve(DemoEnterprise enterprise)
    {
        usccs.Add(enterprise.Uscc);
        names.Add(enterprise.Name);
    }

    public DemoEnterprise Next(DemoZoneSpec zone, int number)
    {
        var uscc = NextUscc(zone.Division);
        var industry = Pick(Industries);
        var (name, nameEn) = NextName(zone, industry);
        var capital = Pick(Capitals);
        var established = NextDate(FirstEstablished, LastEstablished);
        var validUntil = established.AddYears(random.Next(3) switch { 0 => 20, 1 => 30, _ => 50 }).AddDays(-1);
        var licencedAt = At(established);
        var taxpayerType = random.NextDouble() < (capital >= 500 ? 0.8 : 0.3) ? "general" : "small_scale";
        var taxRegisteredAt = At(established.AddDays(1 + random.Next(30)));

        // Taxpayers registered during the graded year have no full year of history: grade M.
        var grade = established.Year >= 2025 ? "M" : Pick(Grades);
        var gradedAt = At(new DateOnly(2026, 4, 1).AddDays(random.Next(30)));
        DemoCustomsClass? customs = null;
        if (random.NextDouble() < (DemoNames.TradesGoods(industry.Code) ? 0.5 : 0.1))
        {
            customs = new DemoCustomsClass(
                Pick(CustomsClasses), At(NextDate(established.AddDays(30), LastCustomsClassification)));
        }

        var (min, max) = Pick(Headcounts);
        var headcount = random.Next(min, max + 1);
        var headcountReportedAt = At(new DateOnly(2026, 10, 8).AddDays(random.Next(8)));
        var courtCase = random.NextDouble() < 0.01 ? NextCourtCase(zone, established) : null;

        return new DemoEnterprise(
            zone, number, uscc, name, nameEn, industry.Code, capital, established, validUntil, licencedAt,
            taxpayerType, taxRegisteredAt, grade, gradedAt, customs, headcount, headcountReportedAt, courtCase);
    }

    private string NextUscc(string division)
    {
        Span<char> organization = stackalloc char[9];
        while (true)
        {
            organization[0] = 'M';
            organization[1] = 'A';
            for (var i = 2; i < 8; i++)
            {
                organization[i] = Uscc.Alphabet[random.Next(Uscc.Alphabet.Length)];
            }

            organization[8] = Uscc.ComputeOrganizationCheckCharacter(organization[..8]);
            var first17 = string.Concat("91", division, organization);
            var code = first17 + Uscc.ComputeCheckCharacter(first17);
            if (usccs.Add(code))
            {
                return code;
            }
        }
    }

    // Two brand characters while they last; a name already taken gets a longer brand.
    private (string Name, string? NameEn) NextName(DemoZoneSpec zone, DemoIndustry industry)
    {
        var withEnglish = random.NextDouble() < 0.35;
        for (var length = 2; ; length++)
        {
            for (var attempt = 0; attempt < 16; attempt++)
            {
                var (suffix, suffixEn) = industry.Suffixes[random.Next(industry.Suffixes.Length)];
                var brand = new char[length];
                var pinyin = new string[length];
                for (var i = 0; i < length; i++)
                {
                    (brand[i], pinyin[i]) = DemoNames.BrandCharacters[random.Next(DemoNames.BrandCharacters.Length)];
                }

                var name = zone.NamePrefix + new string(brand) + suffix;
                if (names.Add(name))
                {
                    var brandEn = string.Concat(pinyin);
                    return (name, withEnglish
                        ? $"{zone.NamePrefixEn} {char.ToUpperInvariant(brandEn[0])}{brandEn[1..]} {suffixEn}"
                        : null);
                }
            }
        }
    }

    private DemoCourtCase NextCourtCase(DemoZoneSpec zone, DateOnly established)
    {
        var year = random.Next(Math.Max(established.Year, 2023), 2026);
        var earliest = new DateOnly(year, 1, 15);
        if (earliest < established.AddDays(90))
        {
            earliest = established.AddDays(90);
        }

        var listedAt = At(NextDate(earliest, LastCourtListing));
        string caseNumber;
        do
        {
            caseNumber = $"({year}){zone.CourtCode}执{random.Next(1, 10000)}号";
        }
        while (!caseNumbers.Add(caseNumber));

        return new DemoCourtCase(caseNumber, random.Next(5_000, 2_000_001), listedAt);
    }

    private DateOnly NextDate(DateOnly first, DateOnly last) =>
        first.AddDays(random.Next(last.DayNumber - first.DayNumber + 1));

    // 01:00-09:00 UTC, office hours in China, whole seconds.
    private DateTimeOffset At(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddSeconds(3600 + random.Next(8 * 3600));

    private T Pick<T>((T Value, int Weight)[] table)
    {
        var roll = random.Next(table.Sum(entry => entry.Weight));
        foreach (var (value, weight) in table)
        {
            if (roll < weight)
            {
                return value;
            }

            roll -= weight;
        }

        throw new InvalidOperationException("Unreachable: the roll is below the total weight.");
    }
}
