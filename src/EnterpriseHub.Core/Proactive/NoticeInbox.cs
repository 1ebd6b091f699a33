using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Errors;
using EnterpriseHub.Core.Feed;
using EnterpriseHub.Core.Lookup;

namespace EnterpriseHub.Core.Proactive;

/// <summary>
/// Each enterprise's inbox, read and marked through the portal acting for it, and the delivery
/// stream for the configured channels. Every delivery is audited: an inbox page as a read of the
/// enterprise, each notice a channel receives as a delivery record, durable before it is sent.
/// </summary>
public sealed class NoticeInbox(
    INoticeStore store, UsccParser usccParser, AuditTrail audit, NoticeSignal signal, TimeProvider time)
{
    public const string AuditedAs = "notices";
    public const int DefaultHeartbeatSeconds = 15;

    /// <param name="officerId">The person at the enterprise who looks (the access gate requires it of the portal), into the audit record.</param>
    public async Task<Page<Notice>> ListAsync(
        string caller, string requestId, string uscc, int pageSize, string pageToken, string officerId, CancellationToken cancellationToken)
    {
        var violations = new List<FieldViolation>();
        var code = Enterprise(uscc, violations);
        var size = Paging.Size(pageSize, violations);
        var before = PageToken.DecodeSequence("notices", pageToken, violations);

        HubValidationException.ThrowIfAny(violations);
        var found = await store.ListNoticesAsync(code, before, size + 1, cancellationToken);
        var page = found.Take(size).ToList();
        await audit.RecordAsync(new AuditEntry(
            time.GetUtcNow(), caller, officerId, AuditActions.Read, [code], [AuditedAs], "inbox", requestId, "ok", $"{page.Count} notices"));
        var next = found.Count > size ? PageToken.EncodeSequence("notices", page[^1].Sequence) : string.Empty;
        return new Page<Notice>(page, next);
    }

    /// <summary>Marks a notice read, audited (once the notice is found) with the person who read it.</summary>
    public async Task<Notice> MarkReadAsync(
        string caller, string requestId, string uscc, long sequence, string officerId, CancellationToken cancellationToken)
    {
        var code = Validate(uscc, sequence, officerId);
        var notice = await store.MarkNoticeReadAsync(code, sequence, time.GetUtcNow(), cancellationToken)
            ?? throw NotFound(code, sequence);
        await audit.RecordAsync(new AuditEntry(
            time.GetUtcNow(), caller, officerId, AuditActions.NoticeRead, [code], [AuditedAs], "inbox", requestId, "ok",
            $"notice {sequence}"));
        return notice;
    }

    /// <summary>One of the enterprise's notices by its sequence; an audited read naming the person.</summary>
    public async Task<Notice> GetAsync(
        string caller, string requestId, string uscc, long sequence, string officerId, CancellationToken cancellationToken)
    {
        var code = Validate(uscc, sequence, officerId);
        // The inbox page just before sequence + 1 starts with that notice when the enterprise has it.
        var found = await store.ListNoticesAsync(code, sequence + 1, 1, cancellationToken);
        var notice = found is [var first] && first.Sequence == sequence ? first : throw NotFound(code, sequence);
        await audit.RecordAsync(new AuditEntry(
            time.GetUtcNow(), caller, officerId, AuditActions.Read, [code], [AuditedAs], "inbox", requestId, "ok", $"notice {sequence}"));
        return notice;
    }

    /// <summary>
    /// Opens the delivery stream of a channel after <paramref name="afterSequence"/>; with
    /// <paramref name="fromEnd"/> and no sequence, after the newest delivery now. A sequence wins over
    /// <paramref name="fromEnd"/>, so a channel resumes with the request it started with and its last position.
    /// </summary>
    public async Task<NoticeWatch> WatchAsync(
        string caller, string requestId, long afterSequence, int heartbeatSeconds, bool fromEnd, CancellationToken cancellationToken)
    {
        var violations = new List<FieldViolation>();
        if (afterSequence < 0)
        {
            violations.Add(new FieldViolation("after_sequence", "must not be negative"));
        }

        if (heartbeatSeconds is < 0 or > 300)
        {
            violations.Add(new FieldViolation("heartbeat_seconds", "must be between 1 and 300 (0 for 15)"));
        }

        HubValidationException.ThrowIfAny(violations);
        var heartbeat = TimeSpan.FromSeconds(heartbeatSeconds == 0 ? DefaultHeartbeatSeconds : heartbeatSeconds);
        var after = fromEnd && afterSequence == 0 ? await store.LastNoticeAsync(cancellationToken) : afterSequence;
        return new NoticeWatch(store, signal, time, after, fromEnd, heartbeat, notice => audit.RecordAsync(new AuditEntry(
            time.GetUtcNow(), caller, string.Empty, AuditActions.NoticeDelivery, [notice.Uscc], [AuditedAs], "delivery", requestId, "ok",
            $"notice {notice.Sequence} {notice.Key}")));
    }

    private string Validate(string uscc, long sequence, string officerId)
    {
        var violations = new List<FieldViolation>();
        var code = Enterprise(uscc, violations);
        if (sequence <= 0)
        {
            violations.Add(new FieldViolation("sequence", "is required: the notice's sequence"));
        }

        ReadContext.ValidateOfficer(officerId, violations, ReadContext.MissingPerson);
        HubValidationException.ThrowIfAny(violations);
        return code;
    }

    private static HubNotFoundException NotFound(string uscc, long sequence) => new("NOTICE_NOT_FOUND", $"{uscc} has no notice {sequence}");

    /// <summary>The inbox's enterprise; the access table admits only the portal acting for it.</summary>
    private string Enterprise(string uscc, List<FieldViolation> violations)
    {
        if (!usccParser.TryParse(uscc, out var code, out var problem))
        {
            violations.Add(new FieldViolation("uscc", problem));
            return uscc;
        }

        return code.Value;
    }
}
