using EnterpriseHub.Core.Lookup;
using EnterpriseHub.Core.Proactive;
using EnterpriseHub.Server.Hosting;
using EnterpriseHub.Server.Logging;
using EnterpriseHub.Server.Security;
using EnterpriseHub.V1;
using Grpc.Core;

namespace EnterpriseHub.Server.Proactive;

/// <summary>ProactiveService: maps requests to <see cref="PolicyDesk"/> and <see cref="NoticeInbox"/>, and their outcomes back.</summary>
internal sealed class ProactiveGrpcService(PolicyDesk desk, NoticeInbox inbox, IHostApplicationLifetime lifetime)
    : ProactiveService.ProactiveServiceBase
{
    public override async Task<PublishPolicyResponse> PublishPolicy(PublishPolicyRequest request, ServerCallContext context)
    {
        var policy = await desk.PublishAsync(context.GetCaller(), context.GetRequestId(), ProactiveMapping.ToDomain(request), context.CancellationToken);
        return new PublishPolicyResponse { Policy = ProactiveMapping.ToProto(policy) };
    }

    public override async Task<PreviewResponse> Preview(PreviewRequest request, ServerCallContext context)
    {
        var reach = await desk.PreviewAsync(
            new ReadContext(context.GetCaller(), context.GetRequestId(), request.Purpose, request.OfficerId), request.Condition,
            request.SampleSize, context.CancellationToken);
        return new PreviewResponse { Count = reach.Count, Examined = reach.Examined, Sample = { reach.Sample.Select(ProactiveMapping.ToProto) } };
    }

    public override async Task<ListPoliciesResponse> ListPolicies(ListPoliciesRequest request, ServerCallContext context) =>
        new() { Policies = { (await desk.ListAsync(context.GetCaller(), context.CancellationToken)).Select(ProactiveMapping.ToProto) } };

    public override async Task<ListNoticesResponse> ListNotices(ListNoticesRequest request, ServerCallContext context)
    {
        var page = await inbox.ListAsync(
            context.GetCaller(), context.GetRequestId(), request.Uscc, request.PageSize, request.PageToken, request.OfficerId, context.CancellationToken);
        return new ListNoticesResponse { Notices = { page.Items.Select(ProactiveMapping.ToProto) }, NextPageToken = page.NextPageToken };
    }

    public override async Task<MarkReadResponse> MarkRead(MarkReadRequest request, ServerCallContext context)
    {
        var notice = await inbox.MarkReadAsync(
            context.GetCaller(), context.GetRequestId(), request.Uscc, request.Sequence, request.OfficerId, context.CancellationToken);
        return new MarkReadResponse { Notice = ProactiveMapping.ToProto(notice) };
    }

    public override async Task<GetNoticeResponse> GetNotice(GetNoticeRequest request, ServerCallContext context)
    {
        var notice = await inbox.GetAsync(
            context.GetCaller(), context.GetRequestId(), request.Uscc, request.Sequence, request.OfficerId, context.CancellationToken);
        return new GetNoticeResponse { Notice = ProactiveMapping.ToProto(notice) };
    }

    public override async Task WatchNotices(WatchNoticesRequest request, IServerStreamWriter<WatchNoticesResponse> responseStream, ServerCallContext context)
    {
        var watch = await inbox.WatchAsync(
            context.GetCaller(), context.GetRequestId(), request.AfterSequence, request.HeartbeatSeconds, request.FromEnd, context.CancellationToken);
        await WatchStreams.WriteAsync(
            watch.EventsAsync,
            next => next.Entry is { } notice
                ? new WatchNoticesResponse { Notice = ProactiveMapping.ToProto(notice) }
                : new WatchNoticesResponse { Heartbeat = WatchStreams.Heartbeat(next.Position, next.Time) },
            responseStream, context, lifetime);
    }
}
