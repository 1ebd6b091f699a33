using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.V1;
using Google.Protobuf.WellKnownTypes;

namespace EnterpriseHub.Server.Tests;

/// <summary>Valid codes no other test uses, and fact drafts built from them.</summary>
internal static class TestData
{
    private static int _next;

    /// <summary>A fresh valid code in division <paramref name="division"/> (organisation codes starting with T, unused by the demo zone).</summary>
    public static string NewUscc(string division = "440115")
    {
        var number = Interlocked.Increment(ref _next);
        var organisation = $"T{number:D7}";
        var first17 = $"91{division}{organisation}{Uscc.ComputeOrganizationCheckCharacter(organisation)}";
        return first17 + Uscc.ComputeCheckCharacter(first17);
    }

    public static FactDraft Draft(string uscc, string factType, string sourceRecordId, params (string Key, Value Value)[] attributes)
    {
        var draft = new FactDraft
        {
            Uscc = uscc,
            FactType = factType,
            SourceRecordId = sourceRecordId,
            EffectiveTime = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            Attributes = new Struct(),
        };
        foreach (var (key, value) in attributes)
        {
            draft.Attributes.Fields[key] = value;
        }

        return draft;
    }

    public static FactDraft Licence(string uscc, string sourceRecordId, string name = "广州南沙测试科技有限公司", string industry = "C39") =>
        Draft(
            uscc, "amr.business_license", sourceRecordId, ("name", Value.ForString(name)), ("industry", Value.ForString(industry)),
            ("registered_capital", Value.ForNumber(500)), ("established", Value.ForString("2020-05-18")), ("status", Value.ForString("存续")));

    public static FactDraft Headcount(string uscc, string sourceRecordId, int headcount) =>
        Draft(uscc, "hrss.insured_headcount", sourceRecordId, ("headcount", Value.ForNumber(headcount)), ("month", Value.ForString("2026-09")));

    public static FactDraft Abnormal(string uscc, string sourceRecordId) =>
        Draft(uscc, "amr.abnormal_operations", sourceRecordId, ("listed", Value.ForBool(true)));

    public static FactDraft Grade(string uscc, string sourceRecordId, string grade) =>
        Draft(uscc, "tax.credit_grade", sourceRecordId, ("grade", Value.ForString(grade)), ("year", Value.ForNumber(2025)));
}
