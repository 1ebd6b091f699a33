using EnterpriseHub.Core.Credit;
using EnterpriseHub.Core.Errors;
using EnterpriseHub.Core.Lookup;
using EnterpriseHub.Server.Hosting;
using EnterpriseHub.Server.Logging;
using EnterpriseHub.Server.Security;
using EnterpriseHub.V1;
using Grpc.Core;

namespace EnterpriseHub.Server.Credit;

/// <summary>CreditMonitor: maps requests to <see cref="CreditReader"/> and <see cref="CreditObjections"/>, and their outcomes back.</summary>
internal sealed class CreditMonitorGrpcService(CreditReader reader, CreditObjections objections, IHostApplicationLifetime lifetime)
    : CreditMonitor.CreditMonitorBase
{
    public override async Task<GetCreditProfileResponse> GetCreditProfile(GetCreditProfileRequest request, ServerCallContext context)
    {
        var view = await reader.GetAsync(Context(context, request.Purpose, request.OfficerId, request.ActingFor), request.Uscc, context.CancellationToken);
        return new GetCreditProfileResponse { Profile = CreditMapping.ToProto(view) };
    }

    public override async Task<ListRiskEnterprisesResponse> ListRiskEnterprises(ListRiskEnterprisesRequest request, ServerCallContext context)
    {
        var page = await reader.ListAsync(
            Context(context, request.Purpose, request.OfficerId, string.Empty), CreditMapping.ToDomain(request.MinLevel), request.Zone,
            request.PageSize, request.PageToken, context.CancellationToken);
        return new ListRiskEnterprisesResponse { Enterprises = { page.Items.Select(CreditMapping.ToProto) }, NextPageToken = page.NextPageToken };
    }

    public override async Task WatchRiskAlerts(
        WatchRiskAlertsRequest request, IServerStreamWriter<WatchRiskAlertsResponse> responseStream, ServerCallContext context)
    {
        var minLevel = request.MinLevel == V1.CreditLevel.Unspecified ? null : CreditMapping.ToDomain(request.MinLevel);
        if (request.MinLevel != V1.CreditLevel.Unspecified && minLevel is null)
        {
            throw new HubValidationException("min_level", "is not a credit level this hub knows");
        }

        var watch = await reader.WatchAsync(
            Context(context, request.Purpose, request.OfficerId, string.Empty), request.AfterSequence, request.Zone, minLevel,
            request.HeartbeatSeconds, context.CancellationToken);
        await WatchStreams.WriteAsync(
            watch.EventsAsync,
            next => next.Entry is { } alert
                ? new WatchRiskAlertsResponse { Alert = CreditMapping.ToProto(alert) }
                : new WatchRiskAlertsResponse { Heartbeat = WatchStreams.Heartbeat(next.Position, next.Time) },
            responseStream, context, lifetime);
    }

    public override async Task<FileObjectionResponse> FileObjection(FileObjectionRequest request, ServerCallContext context)
    {
        var objection = await objections.FileAsync(
            context.GetCaller(), context.GetRequestId(), request.ActingFor, request.ObjectionId, request.Rule, request.FactSequence,
            request.Reason, request.OfficerId, context.CancellationToken);
        return new FileObjectionResponse { Objection = CreditMapping.ToProto(objection) };
    }

    public override async Task<AnswerObjectionResponse> AnswerObjection(AnswerObjectionRequest request, ServerCallContext context)
    {
        var objection = await objections.AnswerAsync(
            context.GetCaller(), context.GetRequestId(), request.Uscc, request.ObjectionId, CreditMapping.ToDomain(request.Decision),
            request.Note, context.CancellationToken);
        return new AnswerObjectionResponse { Objection = CreditMapping.ToProto(objection) };
    }

    private static ReadContext Context(ServerCallContext context, string purpose, string officerId, string actingFor) =>
        new(context.GetCaller(), context.GetRequestId(), purpose, officerId, actingFor);
}
