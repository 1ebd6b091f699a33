using EnterpriseHub.Cli.Cli;
using EnterpriseHub.V1;

namespace EnterpriseHub.Cli.Commands;

/// <summary>How facts show in tables and in watch lines, alike in every command.</summary>
internal static class FactColumns
{
    public static readonly IReadOnlyList<Column<Fact>> All =
    [
        new("sequence", f => Text.Number(f.Sequence)),
        new("uscc", f => f.Uscc),
        new("type", f => f.FactType),
        new("department", f => f.Publisher),
        new("effective", f => Text.Time(f.EffectiveTime)),
        new("published", f => Text.Time(f.PublishTime)),
        new("record", f => f.SourceRecordId),
        new("attributes", f => Text.Attributes(f.Attributes)),
    ];

    /// <summary>The columns of one enterprise's facts, with each type's sharing class.</summary>
    public static IReadOnlyList<Column<Fact>> WithSharing(IReadOnlyDictionary<string, SharingClass> sharing) =>
    [
        new("type", f => f.FactType),
        new("department", f => f.Publisher),
        new("sharing", f => sharing.TryGetValue(f.FactType, out var s) ? Text.Enum(s) : string.Empty),
        new("effective", f => Text.Time(f.EffectiveTime)),
        new("published", f => Text.Time(f.PublishTime)),
        new("sequence", f => Text.Number(f.Sequence)),
        new("record", f => f.SourceRecordId),
        new("attributes", f => Text.Attributes(f.Attributes)),
    ];
}
