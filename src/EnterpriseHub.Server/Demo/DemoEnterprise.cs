namespace EnterpriseHub.Server.Demo;

/// <summary>A free-trade zone the demo fills, with the local offices that publish about it.</summary>
internal sealed record DemoZoneSpec(
    string Division,
    string NamePrefix,
    string NamePrefixEn,
    string TaxAuthority,
    string Court,
    string CourtCode);

/// <summary>A customs enterprise credit classification.</summary>
internal sealed record DemoCustomsClass(string Class, DateTimeOffset ClassifiedAt);

/// <summary>A dishonest judgment-debtor listing.</summary>
internal sealed record DemoCourtCase(string CaseNumber, long Amount, DateTimeOffset ListedAt);

/// <summary>Everything the demo states about one enterprise, before it is cut into facts.</summary>
/// <param name="Number">1-based across all zones; numbers the enterprise's source record ids.</param>
internal sealed record DemoEnterprise(
    DemoZoneSpec Zone,
    int Number,
    string Uscc,
    string Name,
    string? NameEn,
    string Industry,
    int RegisteredCapital,
    DateOnly Established,
    DateOnly ValidUntil,
    DateTimeOffset LicencedAt,
    string TaxpayerType,
    DateTimeOffset TaxRegisteredAt,
    string TaxGrade,
    DateTimeOffset GradedAt,
    DemoCustomsClass? Customs,
    int Headcount,
    DateTimeOffset HeadcountReportedAt,
    DemoCourtCase? CourtCase);
