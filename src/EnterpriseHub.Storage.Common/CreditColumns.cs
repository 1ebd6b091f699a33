using System.Data.Common;
using System.Globalization;
using EnterpriseHub.Core.Credit;

namespace EnterpriseHub.Storage.Common;

/// <summary>
/// The columns of a credit profile and of a credit alert as both stores select them, and their
/// mapping back. Levels are stored as their letters; a score as the engine's exact decimal
/// (PostgreSQL numeric, SQLite decimal text).
/// </summary>
internal static class CreditColumns
{
    public const string Profile = "p.uscc, p.level, p.score, p.signals, p.next_change_ticks, p.rules_version";

    public const string Alert = "seq, uscc, before_level, after_level, reason, time_ticks, fact_seq";

    public static CreditProfile ReadProfile(DbDataReader reader) => new(
        reader.GetString(0),
        Enum.Parse<CreditLevel>(reader.GetString(1)),
        Convert.ToDecimal(reader.GetValue(2), CultureInfo.InvariantCulture),
        CreditSignalJson.Read(reader.GetString(3)),
        reader.IsDBNull(4) ? null : Rows.Time(reader.GetInt64(4)),
        reader.GetInt32(5));

    public static CreditAlert ReadAlert(DbDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        Enum.Parse<CreditLevel>(reader.GetString(2)),
        Enum.Parse<CreditLevel>(reader.GetString(3)),
        reader.GetString(4),
        Rows.Time(reader.GetInt64(5)),
        reader.IsDBNull(6) ? null : reader.GetInt64(6));
}
