using System.Data.Common;
using EnterpriseHub.Core.Audit;

namespace EnterpriseHub.Storage.Common;

/// <summary>
/// How a row of <c>audit_records</c> maps back to a record. The two lists are the one column
/// the engines store differently (a text array, JSON text), so each store says how to read them.
/// </summary>
internal static class AuditColumns
{
    public const string Select =
        "r.seq, r.time_ticks, r.caller, r.officer_id, r.action, r.usccs, r.fact_types, r.purpose, r.request_id, r.outcome, r.detail, r.previous_hash, r.hash, r.correlation_id";

    /// <summary><see cref="Select"/> and the record's leaf salt (NULL until a record older than the tree is added to it).</summary>
    public const string SelectSalted = $"{Select}, r.salt";

    /// <summary>The salt a row of <see cref="SelectSalted"/> holds, or null.</summary>
    public static byte[]? Salt(DbDataReader reader) => reader.IsDBNull(14) ? null : (byte[])reader.GetValue(14);

    /// <summary>The chain's last record, read by <see cref="Head"/>.</summary>
    public const string LastRecord = "SELECT seq, hash FROM audit_records ORDER BY seq DESC LIMIT 1;";

    /// <summary>Reads a row of <see cref="Select"/>; <paramref name="list"/> reads a list column at an ordinal.</summary>
    public static AuditRecord Read(DbDataReader reader, Func<DbDataReader, int, IReadOnlyList<string>> list)
    {
        var entry = new AuditEntry(
            Rows.Time(reader.GetInt64(1)),
            reader.GetString(2),
            reader.GetString(3),
            reader.GetString(4),
            list(reader, 5),
            list(reader, 6),
            reader.GetString(7),
            reader.GetString(8),
            reader.GetString(9),
            reader.GetString(10))
        {
            CorrelationId = reader.GetString(13),
        };
        return new AuditRecord(reader.GetInt64(0), entry, reader.GetString(11), reader.GetString(12));
    }

    /// <summary>The head a <see cref="LastRecord"/> read found: 0 and the genesis hash when the trail is empty.</summary>
    public static AuditHead Head(DbDataReader reader, bool found) =>
        found ? new AuditHead(reader.GetInt64(0), reader.GetString(1)) : new AuditHead(0, AuditChain.GenesisHash);
}
