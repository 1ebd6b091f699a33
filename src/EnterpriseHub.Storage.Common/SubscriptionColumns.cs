using System.Data.Common;
using System.Text.Json;
using EnterpriseHub.Core.Feed;

namespace EnterpriseHub.Storage.Common;

/// <summary>How a subscription maps to a row of <c>subscriptions</c>: the filter as JSON, the cursor and the start as sequences.</summary>
internal static class SubscriptionColumns
{
    public const string Select = "owner, name, filter, acked, created_ticks, start_after_seq";

    /// <summary>The <c>filter</c> column of a subscription.</summary>
    public static string Filter(SubscriptionRecord subscription) => JsonSerializer.Serialize(new StoredFilter(
        subscription.FactTypes, subscription.Usccs, subscription.Zone, subscription.Purpose, subscription.OfficerId));

    public static SubscriptionRecord Read(DbDataReader reader)
    {
        var filter = JsonSerializer.Deserialize<StoredFilter>(reader.GetString(2)) ?? throw new InvalidDataException("A stored subscription has no filter.");
        return new SubscriptionRecord(
            reader.GetString(0), reader.GetString(1), filter.FactTypes, filter.Usccs, filter.Zone, filter.Purpose, filter.OfficerId,
            reader.GetInt64(3), Rows.Time(reader.GetInt64(4)), reader.GetInt64(5));
    }

    private sealed record StoredFilter(IReadOnlyList<string> FactTypes, IReadOnlyList<string> Usccs, string Zone, string Purpose, string OfficerId);
}
