using System.Data;
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

    /// <summary>
    /// Binds every column but the id as the parameters <c>type, requester, owner, purpose, basis,
    /// requested, wanted, state, decided, reason, expires, revoked</c>, each name after
    /// <paramref name="prefix"/> (the engines spell parameters differently).
    /// </summary>
    public static void Bind(DbCommand command, Grant grant, string prefix)
    {
        Add(command, prefix + "type", grant.FactType);
        Add(command, prefix + "requester", grant.Requester);
        Add(command, prefix + "owner", grant.Owner);
        Add(command, prefix + "purpose", grant.Purpose);
        Add(command, prefix + "basis", grant.LegalBasis);
        Add(command, prefix + "requested", grant.RequestedAt.UtcTicks);
        Add(command, prefix + "wanted", grant.WantedUntil.UtcTicks);
        Add(command, prefix + "state", grant.State.ToString());
        AddTicks(command, prefix + "decided", grant.DecidedAt);
        Add(command, prefix + "reason", grant.DecisionReason);
        AddTicks(command, prefix + "expires", grant.ExpiresAt);
        AddTicks(command, prefix + "revoked", grant.RevokedAt);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>A time that may be missing: typed, so a NULL still has a column type to bind as.</summary>
    private static void AddTicks(DbCommand command, string name, DateTimeOffset? time)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = DbType.Int64;
        parameter.Value = (object?)time?.UtcTicks ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
