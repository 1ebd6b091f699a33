using EnterpriseHub.Core.Operations;

namespace EnterpriseHub.Core.Proactive;

internal static class NoticeMetrics
{
    /// <summary>What the matcher's state shows an operator: how far it has read the fact log and the policies, and when it last swept reminders.</summary>
    public static void Matched(this HubMetrics metrics, NoticeState state)
    {
        metrics.Projected("notices", state.FactCursor);
        metrics.Projected("notices.policies", state.PolicyCursor);
        metrics.RemindersSwept.Record(state.RemindedUntil.ToUnixTimeMilliseconds() / 1000.0);
    }
}
