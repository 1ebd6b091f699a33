using EnterpriseHub.V1;
using Grpc.Core;

namespace EnterpriseHub.Client;

/// <summary>
/// Every item of a paged call, fetched page by page while the caller reads (<c>await foreach</c>).
/// The request's <c>page_size</c> is kept; its <c>page_token</c> is where the first page starts.
/// Each page is its own call, with its own request id and default deadline.
/// </summary>
public static class PagingExtensions
{
    /// <summary>Every enterprise matching the search.</summary>
    public static IAsyncEnumerable<Enterprise> SearchEnterprisesAllAsync(
        this EnterpriseDirectory.EnterpriseDirectoryClient client, SearchEnterprisesRequest request,
        Metadata? headers = null, CancellationToken cancellationToken = default) =>
        HubPager.ReadAllAsync(
            async (token, ct) => await client.SearchEnterprisesAsync(WithToken(request, token, (r, t) => r.PageToken = t), headers, cancellationToken: ct),
            page => page.Enterprises, page => page.NextPageToken, cancellationToken);

    /// <summary>Every version of the facts the caller may read, newest first as the hub sends them.</summary>
    public static IAsyncEnumerable<Fact> GetFactHistoryAllAsync(
        this EnterpriseDirectory.EnterpriseDirectoryClient client, GetFactHistoryRequest request,
        Metadata? headers = null, CancellationToken cancellationToken = default) =>
        HubPager.ReadAllAsync(
            async (token, ct) => await client.GetFactHistoryAsync(WithToken(request, token, (r, t) => r.PageToken = t), headers, cancellationToken: ct),
            page => page.Facts, page => page.NextPageToken, cancellationToken);

    /// <summary>Every access record of the enterprise.</summary>
    public static IAsyncEnumerable<AccessRecord> ListAccessAllAsync(
        this Audit.AuditClient client, ListAccessRequest request,
        Metadata? headers = null, CancellationToken cancellationToken = default) =>
        HubPager.ReadAllAsync(
            async (token, ct) => await client.ListAccessAsync(WithToken(request, token, (r, t) => r.PageToken = t), headers, cancellationToken: ct),
            page => page.Records, page => page.NextPageToken, cancellationToken);

    /// <summary>Every notice in the enterprise's inbox.</summary>
    public static IAsyncEnumerable<Notice> ListNoticesAllAsync(
        this ProactiveService.ProactiveServiceClient client, ListNoticesRequest request,
        Metadata? headers = null, CancellationToken cancellationToken = default) =>
        HubPager.ReadAllAsync(
            async (token, ct) => await client.ListNoticesAsync(WithToken(request, token, (r, t) => r.PageToken = t), headers, cancellationToken: ct),
            page => page.Notices, page => page.NextPageToken, cancellationToken);

    /// <summary>Every enterprise on the risk list.</summary>
    public static IAsyncEnumerable<RiskEnterprise> ListRiskEnterprisesAllAsync(
        this CreditMonitor.CreditMonitorClient client, ListRiskEnterprisesRequest request,
        Metadata? headers = null, CancellationToken cancellationToken = default) =>
        HubPager.ReadAllAsync(
            async (token, ct) => await client.ListRiskEnterprisesAsync(WithToken(request, token, (r, t) => r.PageToken = t), headers, cancellationToken: ct),
            page => page.Enterprises, page => page.NextPageToken, cancellationToken);

    /// <summary>Every grant request to or from the caller in the given state (the hub sends them in one reply).</summary>
    public static IAsyncEnumerable<Grant> ListGrantRequestsAllAsync(
        this Catalog.CatalogClient client, ListGrantRequestsRequest request,
        Metadata? headers = null, CancellationToken cancellationToken = default) =>
        HubPager.ReadAllAsync(
            async (_, ct) => await client.ListGrantRequestsAsync(request, headers, cancellationToken: ct),
            page => page.Grants, _ => string.Empty, cancellationToken);

    private static T WithToken<T>(T request, string token, Action<T, string> setToken)
        where T : Google.Protobuf.IDeepCloneable<T>
    {
        if (token.Length == 0)
        {
            return request;
        }

        var next = request.Clone();
        setToken(next, token);
        return next;
    }
}
