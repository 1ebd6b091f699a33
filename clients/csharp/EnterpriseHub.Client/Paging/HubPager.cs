using System.Runtime.CompilerServices;

namespace EnterpriseHub.Client;

/// <summary>Follows <c>next_page_token</c> from page to page, one call per page, as the caller reads.</summary>
internal static class HubPager
{
    public static async IAsyncEnumerable<TItem> ReadAllAsync<TResponse, TItem>(
        Func<string, CancellationToken, Task<TResponse>> fetchPage,
        Func<TResponse, IEnumerable<TItem>> items,
        Func<TResponse, string> nextPageToken,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var token = string.Empty;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await fetchPage(token, cancellationToken).ConfigureAwait(false);
            foreach (var item in items(page))
            {
                yield return item;
            }

            token = nextPageToken(page);
            if (token.Length > 0 && !seen.Add(token))
            {
                // A token handed out twice would loop for ever; the hub never does it, so say so loudly.
                throw new InvalidOperationException("The hub returned a page token it had already returned.");
            }
        }
        while (token.Length > 0);
    }
}
