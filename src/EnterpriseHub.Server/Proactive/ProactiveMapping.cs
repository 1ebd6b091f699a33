using EnterpriseHub.Core.Proactive;
using EnterpriseHub.V1;
using Google.Protobuf.WellKnownTypes;
using Notice = EnterpriseHub.Core.Proactive.Notice;
using NoticeKind = EnterpriseHub.Core.Proactive.NoticeKind;
using Policy = EnterpriseHub.Core.Proactive.Policy;

namespace EnterpriseHub.Server.Proactive;

/// <summary>Proactive domain types to and from their proto messages.</summary>
internal static class ProactiveMapping
{
    public static V1.Policy ToProto(Policy policy) => new()
    {
        Department = policy.Department,
        PolicyId = policy.Id,
        Kind = ToProto(policy.Kind),
        Title = policy.Title,
        Body = policy.Body,
        Condition = policy.Condition,
        ValidFrom = Timestamp.FromDateTimeOffset(policy.ValidFrom),
        ValidUntil = Timestamp.FromDateTimeOffset(policy.ValidUntil),
        PublishedAt = Timestamp.FromDateTimeOffset(policy.PublishedAt),
    };

    public static V1.Notice ToProto(Notice notice) => new()
    {
        Sequence = notice.Sequence,
        Uscc = notice.Uscc,
        Key = notice.Key,
        Kind = ToProto(notice.Kind),
        Department = notice.Department,
        Title = notice.Title,
        Body = notice.Body,
        DeliveredAt = Timestamp.FromDateTimeOffset(notice.DeliveredAt),
        DueAt = notice.DueAt is { } due ? Timestamp.FromDateTimeOffset(due) : null,
        ReadAt = notice.ReadAt is { } read ? Timestamp.FromDateTimeOffset(read) : null,
    };

    public static PreviewEnterprise ToProto(EnterpriseFacts enterprise) => new()
    {
        Uscc = enterprise.Enterprise.Uscc,
        Name = enterprise.Enterprise.Name,
        Zone = enterprise.Zone,
    };

    public static PolicyDraft ToDomain(PublishPolicyRequest request) => new(
        request.PolicyId,
        request.Kind switch
        {
            V1.NoticeKind.Notice => NoticeKind.Notice,
            V1.NoticeKind.Reminder => NoticeKind.Reminder,
            V1.NoticeKind.Warning => NoticeKind.Warning,
            _ => null,
        },
        request.Title,
        request.Body,
        request.Condition,
        Exchange.ExchangeMapping.ToTime(request.ValidFrom, "valid_from"),
        Exchange.ExchangeMapping.ToTime(request.ValidUntil, "valid_until"));

    private static V1.NoticeKind ToProto(NoticeKind kind) => kind switch
    {
        NoticeKind.Notice => V1.NoticeKind.Notice,
        NoticeKind.Reminder => V1.NoticeKind.Reminder,
        _ => V1.NoticeKind.Warning,
    };
}
