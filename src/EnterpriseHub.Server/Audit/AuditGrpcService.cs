using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Audit.Merkle;
using EnterpriseHub.Core.Lookup;
using Google.Protobuf;
using EnterpriseHub.Server.Logging;
using EnterpriseHub.Server.Security;
using EnterpriseHub.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace EnterpriseHub.Server.Audit;

/// <summary>Audit: an enterprise's access log, chain verification and Merkle proofs, mapped to <see cref="AuditQueries"/> and <see cref="AuditProofs"/>.</summary>
internal sealed class AuditGrpcService(AuditQueries queries, AuditProofs proofs) : V1.Audit.AuditBase
{
    public override async Task<ListAccessResponse> ListAccess(ListAccessRequest request, ServerCallContext context)
    {
        var page = await queries.ListAccessAsync(
            request.Uscc, request.PageSize, request.PageToken, context.CancellationToken);
        var response = new ListAccessResponse
        {
            NextPageToken = page.NextPageToken, TreeSize = page.TreeSize, RootHash = ByteString.CopyFrom(page.Root), Checkpoint = page.Checkpoint,
        };
        response.Records.AddRange(page.Records.Select(r => ToAccessRecord(r, page.Proofs.GetValueOrDefault(r.Sequence))));
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

    public override async Task<GetInclusionProofResponse> GetInclusionProof(GetInclusionProofRequest request, ServerCallContext context)
    {
        var readContext = new ReadContext(context.GetCaller(), context.GetRequestId(), string.Empty, request.OfficerId, request.ActingFor);
        var (inclusion, root, checkpoint) = await proofs.ProveInclusionAsync(readContext, request.Sequence, request.TreeSize, context.CancellationToken);
        return new GetInclusionProofResponse
        {
            Sequence = inclusion.Record.Sequence,
            LeafIndex = AuditLeaf.Index(inclusion.Record.Sequence),
            TreeSize = inclusion.TreeSize,
            RootHash = ByteString.CopyFrom(root),
            Hashes = { inclusion.Proof.Select(ByteString.CopyFrom) },
            Salt = ByteString.CopyFrom(inclusion.Salt),
            Leaf = ByteString.CopyFrom(inclusion.LeafBytes),
            Checkpoint = checkpoint?.WithCosignatures ?? string.Empty,
        };
    }

    public override async Task<GetCheckpointResponse> GetCheckpoint(GetCheckpointRequest request, ServerCallContext context)
    {
        var checkpoint = await queries.LatestCheckpointAsync(context.CancellationToken);
        var body = checkpoint.Body;
        return new GetCheckpointResponse
        {
            Note = checkpoint.WithCosignatures,
            Origin = body.Origin,
            TreeSize = body.Size,
            RootHash = ByteString.CopyFrom(body.RootHash),
            SignedAt = Timestamp.FromDateTimeOffset(checkpoint.SignedAt),
            Witnesses = { checkpoint.Cosignatures.Select(c => c.Witness) },
        };
    }

    public override async Task<GetConsistencyProofResponse> GetConsistencyProof(GetConsistencyProofRequest request, ServerCallContext context)
    {
        var (proof, firstRoot, secondRoot) = await proofs.ProveConsistencyAsync(request.FirstSize, request.SecondSize, context.CancellationToken);
        return new GetConsistencyProofResponse
        {
            FirstSize = request.FirstSize,
            SecondSize = request.SecondSize,
            FirstRootHash = ByteString.CopyFrom(firstRoot),
            SecondRootHash = ByteString.CopyFrom(secondRoot),
            Hashes = { proof.Select(ByteString.CopyFrom) },
        };
    }

    private static AccessRecord ToAccessRecord(AuditRecord record, AuditInclusion? proven)
    {
        var (sequence, entry) = (record.Sequence, record.Entry);
        var mapped = new AccessRecord
        {
            Sequence = sequence,
            Time = Timestamp.FromDateTimeOffset(entry.Time),
            Department = entry.Caller,
            OfficerId = entry.OfficerId,
            Purpose = entry.Purpose,
            FactTypes = { entry.FactTypes },
            Outcome = entry.Outcome,
            RequestId = entry.RequestId,
            CorrelationId = entry.CorrelationId,
            Action = entry.Action,
        };
        if (proven is not null)
        {
            mapped.Proof = new RecordProof
            {
                Salt = ByteString.CopyFrom(proven.Salt),
                Leaf = ByteString.CopyFrom(proven.LeafBytes),
                Hashes = { proven.Proof.Select(ByteString.CopyFrom) },
            };
        }

        return mapped;
    }
}
