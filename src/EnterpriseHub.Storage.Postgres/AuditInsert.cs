using EnterpriseHub.Core.Audit;
using Npgsql;
using NpgsqlTypes;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>How an audit record is inserted into <c>audit_records</c>; the lists go in as text arrays.</summary>
internal static class AuditInsert
{
    private const string Insert = """
        INSERT INTO audit_records (
            seq, time_ticks, caller, officer_id, action, usccs, fact_types, purpose, request_id, outcome, detail, previous_hash, hash, correlation_id)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14);
        """;

    public static NpgsqlBatchCommand Command(AuditRecord record)
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
                new() { Value = e.CorrelationId, NpgsqlDbType = NpgsqlDbType.Text },
            },
        };
    }
}
