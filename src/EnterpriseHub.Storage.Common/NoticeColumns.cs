using System.Data.Common;
using EnterpriseHub.Core.Errors;
using EnterpriseHub.Core.Proactive;

namespace EnterpriseHub.Storage.Common;

/// <summary>
/// The columns of a policy, a notice and the matcher's state as both stores select them, and
/// their mapping back. Kinds are stored by name, times as UTC ticks.
/// </summary>
internal static class NoticeColumns
{
    public const string Policy =
        "department, id, seq, kind, title, body, condition, valid_from_ticks, valid_until_ticks, published_ticks";

    public const string Notice = "seq, uscc, key, kind, department, title, body, delivered_ticks, due_ticks, read_ticks";

    public const string State = "version, fact_cursor, policy_cursor, reminded_until_ticks, alert_cursor";

    public static Policy ReadPolicy(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        Enum.Parse<NoticeKind>(reader.GetString(3)),
        reader.GetString(4),
        reader.GetString(5),
        reader.GetString(6),
        Rows.Time(reader.GetInt64(7)),
        Rows.Time(reader.GetInt64(8)),
        Rows.Time(reader.GetInt64(9)),
        reader.GetInt64(2));

    public static Notice ReadNotice(DbDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        Enum.Parse<NoticeKind>(reader.GetString(3)),
        reader.GetString(4),
        reader.GetString(5),
        reader.GetString(6),
        Rows.Time(reader.GetInt64(7)),
        Rows.TimeOrNull(reader, 8),
        Rows.TimeOrNull(reader, 9));

    public static NoticeState ReadState(DbDataReader reader) =>
        new(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), Rows.Time(reader.GetInt64(3)), reader.GetInt64(4));

    /// <summary>
    /// The policy <paramref name="stored"/> under its department and id, when it says what
    /// <paramref name="added"/> says (when and in what order it arrived aside): adding it again is
    /// no change. Any other content there is a conflict.
    /// </summary>
    public static Policy Same(Policy stored, Policy added) =>
        Content(stored) == Content(added)
            ? stored
            : throw new HubConflictException(
                "POLICY_EXISTS", $"Policy {added.Id} of {added.Department} is stored with other content; give the new one another id.");

    public static HubConflictException StateChanged() =>
        new("NOTICE_STATE_CHANGED", "The notice state was written by another matcher meanwhile; nothing was stored.");

    private static Policy Content(Policy policy) => policy with { PublishedAt = default, Sequence = 0 };
}
