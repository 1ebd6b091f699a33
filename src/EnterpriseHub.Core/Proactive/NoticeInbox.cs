using EnterpriseHub.Core.Access;
using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Errors;
using EnterpriseHub.Core.Feed;
using EnterpriseHub.Core.Lookup;
using Microsoft.Extensions.Options;

namespace EnterpriseHub.Core.Proactive;

/// <summary>
/// Each enterprise's inbox, read and marked through the portal acting for it, and the delivery
/// stream for the configured channels. Every delivery is audited: an inbox page as a read of the
/// enterprise, each notice a channel receives as a delivery record, durable before it is sent.
/// </summary>
public sealed class NoticeInbox(
    INoticeStore store, AccessPolicy policy, UsccParser usccParser, AuditTrail audit, NoticeSignal signal, IOptions<ProactiveOptions> options,
    TimeProvider time)
{
    public const string AuditedAs = "notices";
    public const int DefaultHeartbeatSeconds = 15;

    private readonly HashSet<string> channels = new(options.Value.Channels, StringComparer.Ordinal);

    public async Task<Page<Notice>> ListAsync(
        string caller, string requestId, string actingFor, string uscc, int pageSize, string pageToken, CancellationToken cancellationToken)
    {
        var violations = new List<FieldViolation>();
        var code = Own(caller, actingFor, uscc, violations);
        var size = Paging.Size(pageSize, violations);
        long? before = null;
        if (pageToken.Length > 0 && (before = long.TryParse(PageToken.Decode("notices", pageToken), out var s) ? s : null) is null)
        {
            violations.Add(new FieldViolation("page_token", "is not a page token this hub issued"));
        }

        HubValidationException.ThrowIfAny(violations);
        var found = await store.ListNoticesAsync(code, before, size + 1, cancellationToken);
        var page = found.Take(size).ToList();
        await audit.RecordAsync(new AuditEntry(
            time.GetUtcNow(), caller, string.Empty, AuditActions.Read, [code], [AuditedAs], "inbox", requestId, "ok", $"{page.Count} notices"));
        var next = found.Count > size ? PageToken.Encode("notices", page[^1].Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)) : string.Empty;
        return new Page<Notice>(page, next);
    }

    public async Task<Notice> MarkReadAsync(
        string caller, string actingFor, string uscc, long sequence, CancellationToken cancellationToken)
    {
        var violations = new List<FieldViolation>();
        var code = Own(caller, actingFor, uscc, violations);
        if (sequence <= 0)
        {
            violations.Add(new FieldViolation("sequence", "is required: the notice's sequence"));
        }

        HubValidationException.ThrowIfAny(violations);
        return await store.MarkNoticeReadAsync(code, sequence, time.GetUtcNow(), cancellationToken)
            ?? throw new HubNotFoundException("NOTICE_NOT_FOUND", $"{code} has no notice {sequence}");
    }

    /// <summary>Opens the delivery stream of a channel.</summary>
    public NoticeWatch Watch(string caller, string requestId, long afterSequence, int heartbeatSeconds)
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
        if (!channels.Contains(caller))
        {
            throw new HubPermissionException(
                "NOT_A_DELIVERY_CHANNEL", $"'{caller}' is not among the delivery channels (Hub:Proactive:Channels)");
        }

        var heartbeat = TimeSpan.FromSeconds(heartbeatSeconds == 0 ? DefaultHeartbeatSeconds : heartbeatSeconds);
        return new NoticeWatch(store, signal, time, afterSequence, heartbeat, notice => audit.RecordAsync(new AuditEntry(
            time.GetUtcNow(), caller, string.Empty, AuditActions.NoticeDelivery, [notice.Uscc], [AuditedAs], "delivery", requestId, "ok",
            $"notice {notice.Sequence} {notice.Key}")));
    }

    /// <summary>The portal reads and marks only the inbox of the enterprise it acts for.</summary>
    private string Own(string caller, string actingFor, string uscc, List<FieldViolation> violations)
    {
        if (!policy.IsPortal(caller))
        {
            throw new HubPermissionException("INBOX_PORTAL_ONLY", "an enterprise's inbox is read through the portal, acting for it");
        }

        if (!usccParser.TryParse(uscc, out var code, out var problem))
        {
            violations.Add(new FieldViolation("uscc", problem));
            return uscc;
        }

        if (actingFor != code.Value)
        {
            throw new HubPermissionException("PORTAL_OTHER_ENTERPRISE", "the portal may read only the inbox of the enterprise it acts for (acting_for)");
        }

        return code.Value;
    }
}
