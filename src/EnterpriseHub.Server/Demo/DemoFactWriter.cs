using System.Globalization;
using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Facts;

namespace EnterpriseHub.Server.Demo;

/// <summary>
/// Cuts enterprises into facts, ordered by publisher, then fact type, then enterprise, so a loader
/// can publish each department's facts in batches.
/// </summary>
internal static class DemoFactWriter
{
    public const string Licence = EnterpriseIdentity.LicenceFactType;
    public const string DishonestDebtor = "court.dishonest_debtor";
    public const string CustomsCredit = "customs.credit_class";
    public const string InsuredHeadcount = "hrss.insured_headcount";
    public const string TaxCreditGrade = "tax.credit_grade";
    public const string TaxRegistration = "tax.registration";

    // The month the insured headcount counts; reported in October.
    private const string HeadcountMonth = "2026-09";
    private const int GradedYear = 2025;

    public static List<DemoFact> Write(IReadOnlyList<DemoEnterprise> enterprises)
    {
        var facts = new List<DemoFact>(enterprises.Count * 6);
        foreach (var e in enterprises)
        {
            facts.Add(Fact(Licence, e.Uscc, e.LicencedAt, $"amr-lic-{e.Number:D6}", CanonicalJson.Object(
                ("name", e.Name),
                ("name_en", e.NameEn),
                ("industry", e.Industry),
                ("registered_capital", e.RegisteredCapital),
                ("established", Date(e.Established)),
                ("valid_until", Date(e.ValidUntil)),
                ("status", "存续"))));
        }

        var listed = 0;
        foreach (var e in enterprises)
        {
            if (e.CourtCase is { } courtCase)
            {
                facts.Add(Fact(DishonestDebtor, e.Uscc, courtCase.ListedAt, $"court-ddl-{++listed:D6}", CanonicalJson.Object(
                    ("case_number", courtCase.CaseNumber),
                    ("court", e.Zone.Court),
                    ("amount", courtCase.Amount))));
            }
        }

        var classified = 0;
        foreach (var e in enterprises)
        {
            if (e.Customs is { } customs)
            {
                facts.Add(Fact(CustomsCredit, e.Uscc, customs.ClassifiedAt, $"customs-cls-{++classified:D6}",
                    CanonicalJson.Object(("class", customs.Class))));
            }
        }

        foreach (var e in enterprises)
        {
            facts.Add(Fact(InsuredHeadcount, e.Uscc, e.HeadcountReportedAt, $"hrss-hc-{e.Number:D6}",
                CanonicalJson.Object(("headcount", e.Headcount), ("month", HeadcountMonth))));
        }

        foreach (var e in enterprises)
        {
            facts.Add(Fact(TaxCreditGrade, e.Uscc, e.GradedAt, $"tax-grade-{e.Number:D6}",
                CanonicalJson.Object(("grade", e.TaxGrade), ("year", GradedYear))));
        }

        foreach (var e in enterprises)
        {
            facts.Add(Fact(TaxRegistration, e.Uscc, e.TaxRegisteredAt, $"tax-reg-{e.Number:D6}",
                CanonicalJson.Object(("taxpayer_type", e.TaxpayerType), ("tax_authority", e.Zone.TaxAuthority))));
        }

        return facts;
    }

    private static DemoFact Fact(string factType, string uscc, DateTimeOffset at, string recordId, string json) =>
        new(factType[..factType.IndexOf('.', StringComparison.Ordinal)],
            new FactDraft(uscc, factType, json, at, recordId));

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
