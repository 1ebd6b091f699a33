using EnterpriseHub.Core.Facts;
using Microsoft.Data.Sqlite;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>The columns of a stored fact as the reads select them, and their mapping back.</summary>
internal static class FactColumns
{
    public const string Select =
        "f.seq, f.uscc, f.fact_type, f.publisher, f.source_record_id, f.effective_ticks, f.publish_ticks, f.attributes";

    /// <summary>Reads a fact whose columns start at <paramref name="first"/>.</summary>
    public static Fact Read(SqliteDataReader reader, int first = 0) => new(
        Uscc: reader.GetString(first + 1),
        FactType: reader.GetString(first + 2),
        AttributesJson: reader.GetString(first + 7),
        EffectiveTime: FromTicks(reader.GetInt64(first + 5)),
        Publisher: reader.GetString(first + 3),
        SourceRecordId: reader.GetString(first + 4),
        PublishTime: FromTicks(reader.GetInt64(first + 6)),
        Sequence: reader.GetInt64(first));

    public static DateTimeOffset FromTicks(long utcTicks) => new(utcTicks, TimeSpan.Zero);
}
