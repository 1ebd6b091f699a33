using System.Text.Json;
using EnterpriseHub.Core.Audit;
using Microsoft.Data.Sqlite;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>How an audit record maps to a row of <c>audit_records</c>.</summary>
internal static class AuditColumns
{
    public const string Select =
        "r.seq, r.time_ticks, r.caller, r.officer_id, r.action, r.usccs, r.fact_types, r.purpose, r.request_id, r.outcome, r.detail, r.previous_hash, r.hash";

    public const string Insert = """
        INSERT INTO audit_records (seq, time_ticks, caller, officer_id, action, usccs, fact_types, purpose, request_id, outcome, detail, previous_hash, hash)
        VALUES ($seq, $time, $caller, $officer, $action, $usccs, $types, $purpose, $request, $outcome, $detail, $previous, $hash);
        """;

    public static readonly string[] InsertParameters =
        ["$seq", "$time", "$caller", "$officer", "$action", "$usccs", "$types", "$purpose", "$request", "$outcome", "$detail", "$previous", "$hash"];

    public static void Bind(SqliteCommand insert, AuditRecord record)
    {
        var p = insert.Parameters;
        var e = record.Entry;
        p[0].Value = record.Sequence;
        p[1].Value = e.Time.UtcTicks;
        p[2].Value = e.Caller;
        p[3].Value = e.OfficerId;
        p[4].Value = e.Action;
        p[5].Value = JsonSerializer.Serialize(e.Usccs);
        p[6].Value = JsonSerializer.Serialize(e.FactTypes);
        p[7].Value = e.Purpose;
        p[8].Value = e.RequestId;
        p[9].Value = e.Outcome;
        p[10].Value = e.Detail;
        p[11].Value = record.PreviousHash;
        p[12].Value = record.Hash;
    }

    public static AuditRecord Read(SqliteDataReader reader)
    {
        var entry = new AuditEntry(
            new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero),
            reader.GetString(2),
            reader.GetString(3),
            reader.GetString(4),
            JsonSerializer.Deserialize<string[]>(reader.GetString(5)) ?? [],
            JsonSerializer.Deserialize<string[]>(reader.GetString(6)) ?? [],
            reader.GetString(7),
            reader.GetString(8),
            reader.GetString(9),
            reader.GetString(10));
        return new AuditRecord(reader.GetInt64(0), entry, reader.GetString(11), reader.GetString(12));
    }
}
