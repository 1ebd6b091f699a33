using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Lookup;
using EnterpriseHub.Server.Catalog;
using EnterpriseHub.Server.Exchange;
using EnterpriseHub.Server.Logging;
using EnterpriseHub.Server.Security;
using EnterpriseHub.V1;
using Grpc.Core;

namespace EnterpriseHub.Server.Lookup;

/// <summary>EnterpriseDirectory: maps requests to <see cref="EnterpriseReader"/> and its views back.</summary>
internal sealed class EnterpriseDirectoryGrpcService(EnterpriseReader reader, FactTypeCatalog catalog) : EnterpriseDirectory.EnterpriseDirectoryBase
{
    public override async Task<GetEnterpriseResponse> GetEnterprise(GetEnterpriseRequest request, ServerCallContext context)
    {
        var view = await reader.GetAsync(
            Context(context, request.Purpose, request.OfficerId, request.ActingFor), request.Uscc, request.FactTypes,
            ExchangeMapping.ToTime(request.AsOf, "as_of"), context.CancellationToken);
        return new GetEnterpriseResponse { Enterprise = ToProto(view) };
    }

    public override async Task<BatchGetEnterprisesResponse> BatchGetEnterprises(
        BatchGetEnterprisesRequest request, ServerCallContext context)
    {
        var (found, notFound) = await reader.BatchGetAsync(
            Context(context, request.Purpose, request.OfficerId, request.ActingFor), request.Usccs, request.FactTypes, context.CancellationToken);
        var response = new BatchGetEnterprisesResponse { NotFoundUsccs = { notFound } };
        response.Enterprises.AddRange(found.Select(ToProto));
        return response;
    }

    public override async Task<SearchEnterprisesResponse> SearchEnterprises(
        SearchEnterprisesRequest request, ServerCallContext context)
    {
        var page = await reader.SearchAsync(
            Context(context, request.Purpose, request.OfficerId, string.Empty),
            new EnterpriseSearch(request.NameContains, request.Zone, request.Industry, request.PageSize, request.PageToken),
            context.CancellationToken);
        var response = new SearchEnterprisesResponse { NextPageToken = page.NextPageToken };
        response.Enterprises.AddRange(page.Items.Select(ToProto));
        return response;
    }

    public override async Task<GetFactHistoryResponse> GetFactHistory(GetFactHistoryRequest request, ServerCallContext context)
    {
        var page = await reader.GetHistoryAsync(
            Context(context, request.Purpose, request.OfficerId, request.ActingFor),
            request.Uscc, request.FactType, request.PageSize, request.PageToken, context.CancellationToken);
        var response = new GetFactHistoryResponse { NextPageToken = page.NextPageToken, WithheldFactTypes = { page.WithheldFactTypes } };
        response.Facts.AddRange(page.Facts.Select(WithSharing));
        return response;
    }

    private static ReadContext Context(ServerCallContext context, string purpose, string officerId, string actingFor) =>
        new(context.GetCaller(), context.GetRequestId(), purpose, officerId, actingFor);

    /// <summary>The fact with its type's sharing class, so the enterprise's page can say how far it travels.</summary>
    private Fact WithSharing(Core.Facts.Fact fact)
    {
        var proto = ExchangeMapping.ToProto(fact);
        if (catalog.Find(fact.FactType) is { } type)
        {
            proto.Sharing = CatalogMapping.ToProto(type.Sharing);
        }

        return proto;
    }

    private Enterprise ToProto(EnterpriseView view)
    {
        var enterprise = new Enterprise
        {
            Uscc = view.Summary.Uscc,
            Name = view.Summary.Name,
            DivisionCode = view.Summary.DivisionCode,
            Zone = view.Zone,
            Industry = view.Summary.Industry,
            WithheldFactTypes = { view.WithheldFactTypes },
            UsccAdvisories = { view.UsccAdvisories },
        };
        enterprise.Facts.AddRange(view.Facts.Select(WithSharing));
        return enterprise;
    }
}
