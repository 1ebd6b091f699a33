using EnterpriseHub.Core.Access;
using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Server.Logging;
using EnterpriseHub.Server.Security;
using EnterpriseHub.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace EnterpriseHub.Server.Catalog;

/// <summary>Catalog: fact types and grants, mapped to <see cref="FactTypeCatalog"/>, <see cref="GrantService"/> and <see cref="AccessPolicy"/>.</summary>
internal sealed class CatalogGrpcService(FactTypeCatalog catalog, GrantService grants, AccessPolicy policy, TimeProvider time)
    : V1.Catalog.CatalogBase
{
    public override async Task<ListFactTypesResponse> ListFactTypes(ListFactTypesRequest request, ServerCallContext context)
    {
        await catalog.SyncAsync(context.CancellationToken);
        var response = new ListFactTypesResponse();
        response.FactTypes.AddRange(catalog.All.OrderBy(t => t.Name, StringComparer.Ordinal).Select(CatalogMapping.ToProto));
        return response;
    }

    public override async Task<ChangeFactTypeResponse> ChangeFactType(ChangeFactTypeRequest request, ServerCallContext context)
    {
        var stored = await catalog.ChangeAsync(
            context.GetCaller(), context.GetRequestId(), CatalogMapping.FromProto(request.FactType), context.CancellationToken);
        return new ChangeFactTypeResponse { FactType = CatalogMapping.ToProto(stored) };
    }

    public override async Task<RequestGrantResponse> RequestGrant(RequestGrantRequest request, ServerCallContext context)
    {
        var grant = await grants.RequestAsync(
            context.GetCaller(), context.GetRequestId(), request.FactType, request.Purpose, request.LegalBasis,
            Exchange.ExchangeMapping.ToTime(request.WantedUntil, "wanted_until"), context.CancellationToken);
        return new RequestGrantResponse { Grant = CatalogMapping.ToProto(grant, time.GetUtcNow()) };
    }

    public override async Task<DecideGrantResponse> DecideGrant(DecideGrantRequest request, ServerCallContext context)
    {
        var grant = await grants.DecideAsync(
            context.GetCaller(), context.GetRequestId(), request.GrantId, request.Approve, request.Reason,
            Exchange.ExchangeMapping.ToTime(request.ExpireTime, "expire_time"), context.CancellationToken);
        return new DecideGrantResponse { Grant = CatalogMapping.ToProto(grant, time.GetUtcNow()) };
    }

    public override async Task<RevokeGrantResponse> RevokeGrant(RevokeGrantRequest request, ServerCallContext context)
    {
        var grant = await grants.RevokeAsync(
            context.GetCaller(), context.GetRequestId(), request.GrantId, request.Reason, context.CancellationToken);
        return new RevokeGrantResponse { Grant = CatalogMapping.ToProto(grant, time.GetUtcNow()) };
    }

    public override async Task<ListGrantRequestsResponse> ListGrantRequests(ListGrantRequestsRequest request, ServerCallContext context)
    {
        var now = time.GetUtcNow();
        var all = await grants.ListAsync(context.GetCaller(), null, context.CancellationToken);
        var response = new ListGrantRequestsResponse();
        response.Grants.AddRange(all.Select(g => CatalogMapping.ToProto(g, now))
            .Where(g => request.State == V1.GrantState.Unspecified || g.State == request.State));
        return response;
    }

    public override async Task<ListReadableFactTypesResponse> ListReadableFactTypes(
        ListReadableFactTypesRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var access = await policy.ForAsync(caller, context.CancellationToken);
        var response = new ListReadableFactTypesResponse();
        foreach (var type in catalog.All.Where(t => access.CanRead(t.Name)).OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            var readable = new ReadableFactType { FactType = type.Name, Sharing = CatalogMapping.ToProto(type.Sharing), Owned = type.Owner == caller };
            if (access.GrantFor(type.Name) is { } grant && type.Owner != caller)
            {
                readable.GrantId = grant.Id;
                readable.GrantExpireTime = Timestamp.FromDateTimeOffset(grant.ExpiresAt!.Value);
            }

            response.FactTypes.Add(readable);
        }

        return response;
    }
}
