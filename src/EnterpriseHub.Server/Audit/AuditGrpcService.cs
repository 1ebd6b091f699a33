using EnterpriseHub.Core.Audit;
using EnterpriseHub.Server.Security;
using EnterpriseHub.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace EnterpriseHub.Server.Audit;

/// <summary>Audit: an enterprise's access log and chain verification, mapped to <see cref="AuditQueries"/>.</summary>
internal sealed class AuditGrpcService(AuditQueries queries) : V1.Audit.AuditBase
{
    public override async Task<ListAccessResponse> ListAccess(ListAccessRequest request, ServerCallContext context)
    {
        var page = await queries.ListAccessAsync(
            request.Uscc, request.PageSize, request.PageToken, context.CancellationToken);
        var response = new ListAccessResponse { NextPageToken = page.NextPageToken };
        response.Records.AddRange(page.Items.Select(r => new AccessRecord
        {
            Sequence = r.Sequence,
            Time = Timestamp.FromDateTimeOffset(r.Entry.Time),
            Department = r.Entry.Caller,
            OfficerId = r.Entry.OfficerId,
            Purpose = r.Entry.Purpose,
            FactTypes = { r.Entry.FactTypes },
            Outcome = r.Entry.Outcome,
            RequestId = r.Entry.RequestId,
            CorrelationId = r.Entry.CorrelationId,
            Action = r.Entry.Action,
        }));
        return response;
    }

    public override async Task<VerifyChainResponse> VerifyChain(VerifyChainRequest request, ServerCallContext context)
    {
        var result = await queries.VerifyAsync(request.FromSequence, request.ToSequence, context.CancellationToken);
        return new VerifyChainResponse
        {
            Intact = result.Break is null,
            RecordsChecked = result.RecordsChecked,
            FirstBadSequence = result.Break?.Sequence ?? 0,
            Problem = result.Break?.Problem ?? string.Empty,
            HeadSequence = result.Head.Sequence,
            HeadHash = result.Head.Hash,
        };
    }
}
