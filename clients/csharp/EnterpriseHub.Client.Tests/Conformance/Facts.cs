using EnterpriseHub.V1;
using Google.Protobuf.WellKnownTypes;

namespace EnterpriseHub.Client.Tests.Conformance;

/// <summary>The demo enterprises and fact drafts the scenario publishes.</summary>
internal static class Facts
{
    public const string DemoUscc = "91440115MA5HUB013L";
    public const string SecondDemoUscc = "91440305MA5HUB021A";

    public static FactDraft AbnormalOperations(string uscc, string sourceRecordId, bool listed = true) => new()
    {
        Uscc = uscc,
        FactType = "amr.abnormal_operations",
        SourceRecordId = sourceRecordId,
        EffectiveTime = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero)),
        Attributes = new Struct
        {
            Fields =
            {
                ["listed"] = Value.ForBool(listed),
                ["reason"] = Value.ForString("cannot be contacted at the registered address"),
            },
        },
    };

    public static FactDraft InsuredHeadcount(string uscc, string sourceRecordId, int headcount) => new()
    {
        Uscc = uscc,
        FactType = "hrss.insured_headcount",
        SourceRecordId = sourceRecordId,
        EffectiveTime = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)),
        Attributes = new Struct
        {
            Fields =
            {
                ["headcount"] = Value.ForNumber(headcount),
                ["month"] = Value.ForString("2026-10"),
            },
        },
    };

    /// <summary>A record id no earlier run of the scenario used.</summary>
    public static string NewRecordId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
