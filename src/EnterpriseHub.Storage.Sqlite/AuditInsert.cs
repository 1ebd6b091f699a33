using System.Text.Json;
using EnterpriseHub.Core.Audit;
using Microsoft.Data.Sqlite;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>How an audit record is inserted into <c>audit_records</c>; the lists go in as JSON text.</summary>
internal static class AuditInsert
{
    public const string Sql = """
        INSERT INTO audit_records (
            seq, time_ticks, caller, officer_id, action, usccs, fact_types, purpose, request_id, outcome, detail, previous_hash, hash, correlation_id)
        VALUES ($seq, $time, $caller, $officer, $action, $usccs, $types, $purpose, $request, $outcome, $detail, $previous, $hash, $correlation);
        """;

    public static readonly string[] Parameters =
        ["$seq", "$time", "$caller", "$officer", "$action", "$usccs", "$types", "$purpose", "$request", "$outcome", "$detail", "$previous", "$hash", "$correlation"];

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
        p[13].Value = e.CorrelationId;
    }
}
