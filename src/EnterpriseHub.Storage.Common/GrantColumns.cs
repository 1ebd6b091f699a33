using System.Data.Common;
using EnterpriseHub.Core.Access;

namespace EnterpriseHub.Storage.Common;

/// <summary>How a grant maps to a row of <c>grants</c> and back: times as UTC ticks, the state by name.</summary>
internal static class GrantColumns
{
    public const string Select =
        "id, fact_type, requester, owner, purpose, legal_basis, requested_ticks, wanted_until_ticks, state, decided_ticks, decision_reason, expires_ticks, revoked_ticks";

    public static Grant Read(DbDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
        reader.GetString(5), Rows.Time(reader.GetInt64(6)), Rows.Time(reader.GetInt64(7)), Enum.Parse<GrantState>(reader.GetString(8)),
        Rows.TimeOrNull(reader, 9), reader.GetString(10), Rows.TimeOrNull(reader, 11), Rows.TimeOrNull(reader, 12));

    /// <summary>Binds every column but the id as <c>@type, @requester, @owner, @purpose, @basis, @requested, @wanted, @state, @decided, @reason, @expires, @revoked</c>.</summary>
    public static void Bind(DbCommand command, Grant grant)
    {
        Sql.Add(command, "@type", grant.FactType);
        Sql.Add(command, "@requester", grant.Requester);
        Sql.Add(command, "@owner", grant.Owner);
        Sql.Add(command, "@purpose", grant.Purpose);
        Sql.Add(command, "@basis", grant.LegalBasis);
        Sql.Add(command, "@requested", grant.RequestedAt.UtcTicks);
        Sql.Add(command, "@wanted", grant.WantedUntil.UtcTicks);
        Sql.Add(command, "@state", grant.State.ToString());
        Sql.AddTicks(command, "@decided", grant.DecidedAt);
        Sql.Add(command, "@reason", grant.DecisionReason);
        Sql.AddTicks(command, "@expires", grant.ExpiresAt);
        Sql.AddTicks(command, "@revoked", grant.RevokedAt);
    }
}
