namespace EnterpriseHub.Core.Proactive;

/// <summary>What a notice is to the enterprise.</summary>
public enum NoticeKind
{
    /// <summary>A policy that applies to it: a subsidy, a programme, a new obligation.</summary>
    Notice,

    /// <summary>A deadline ahead: a licence expiring, a report due.</summary>
    Reminder,

    /// <summary>Something it must act on now.</summary>
    Warning,
}

/// <summary>
/// A department's notice with its machine-readable eligibility condition and validity window:
/// every enterprise the condition selects while the window is open receives it once.
/// </summary>
/// <param name="Id">The department's own id for the policy (1 to 64 letters, digits, '-' or '_').</param>
/// <param name="Condition">The condition's source text, in the hub's expression language.</param>
/// <param name="Sequence">The policy's place in the order policies arrived (the store sets it; 0 before).</param>
public sealed record Policy(
    string Department, string Id, NoticeKind Kind, string Title, string Body, string Condition, DateTimeOffset ValidFrom,
    DateTimeOffset ValidUntil, DateTimeOffset PublishedAt, long Sequence = 0);

/// <summary>A notice delivered to one enterprise; <see cref="Sequence"/> is its place in the delivery log.</summary>
/// <param name="Key">What it is, unique per enterprise: <c>policy:&lt;department&gt;:&lt;id&gt;</c> or <c>reminder:&lt;rule&gt;:&lt;due date&gt;</c>.</param>
/// <param name="DueAt">For a reminder, the deadline.</param>
/// <param name="ReadAt">When the enterprise marked it read; null while unread.</param>
public sealed record Notice(
    long Sequence, string Uscc, string Key, NoticeKind Kind, string Department, string Title, string Body, DateTimeOffset DeliveredAt,
    DateTimeOffset? DueAt, DateTimeOffset? ReadAt);

/// <summary>A notice to deliver; the store gives it its sequence, and delivers a key to an enterprise only once.</summary>
public sealed record NewNotice(
    string Uscc, string Key, NoticeKind Kind, string Department, string Title, string Body, DateTimeOffset At, DateTimeOffset? DueAt);
