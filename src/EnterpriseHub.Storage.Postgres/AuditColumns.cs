using EnterpriseHub.Core.Audit;
using Npgsql;
using NpgsqlTypes;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>How an audit record maps to a row of <c>audit_records</c>.</summary>
internal static class AuditColumns
{
    public const string Select =
        "r.seq, r.time_ticks, r.caller, r.officer_id, r.action, r.usccs, r.fact_types, r.purpose, r.request_id, r.outcome, r.detail, r.previous_hash, r.hash";

    private const string Insert = """
        INSERT INTO audit_records (seq, time_ticks, caller, officer_id, action, usccs, fact_types, purpose, request_id, outcome, detail, previous_hash, hash)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13);
        """;

    public static NpgsqlBatchCommand InsertCommand(AuditRecord record)
    {
        var e = record.Entry;
        return new NpgsqlBatchCommand(Insert)
        {
            Parameters =
            {
                new() { Value = record.Sequence, NpgsqlDbType = NpgsqlDbType.Bigint },
                new() { Value = e.Time.UtcTicks, NpgsqlDbType = NpgsqlDbType.Bigint },
                new() { Value = e.Caller, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = e.OfficerId, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = e.Action, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = e.Usccs.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new() { Value = e.FactTypes.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new() { Value = e.Purpose, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = e.RequestId, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = e.Outcome, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = e.Detail, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = record.PreviousHash, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = record.Hash, NpgsqlDbType = NpgsqlDbType.Text },
            },
        };
    }

    public static AuditRecord Read(NpgsqlDataReader reader)
    {
        var entry = new AuditEntry(
            new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero),
            reader.GetString(2),
            reader.GetString(3),
            reader.GetString(4),
            reader.GetFieldValue<string[]>(5),
            reader.GetFieldValue<string[]>(6),
            reader.GetString(7),
            reader.GetString(8),
            reader.GetString(9),
            reader.GetString(10));
        return new AuditRecord(reader.GetInt64(0), entry, reader.GetString(11), reader.GetString(12));
    }
}
