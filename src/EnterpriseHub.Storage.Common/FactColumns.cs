using System.Data.Common;
using EnterpriseHub.Core.Facts;

namespace EnterpriseHub.Storage.Common;

/// <summary>The columns of a stored fact as the reads select them, and their mapping back.</summary>
internal static class FactColumns
{
    public const string Select =
        "f.seq, f.uscc, f.fact_type, f.publisher, f.source_record_id, f.effective_ticks, f.publish_ticks, f.attributes";

    /// <summary>Reads a fact whose columns start at <paramref name="first"/>.</summary>
    public static Fact Read(DbDataReader reader, int first = 0) => new(
        Uscc: reader.GetString(first + 1),
        FactType: reader.GetString(first + 2),
        AttributesJson: reader.GetString(first + 7),
        EffectiveTime: Rows.Time(reader.GetInt64(first + 5)),
        Publisher: reader.GetString(first + 3),
        SourceRecordId: reader.GetString(first + 4),
        PublishTime: Rows.Time(reader.GetInt64(first + 6)),
        Sequence: reader.GetInt64(first));
}
