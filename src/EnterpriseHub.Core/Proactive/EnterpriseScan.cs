using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Core.Lookup;

namespace EnterpriseHub.Core.Proactive;

/// <summary>One enterprise as conditions and reminders see it: who it is, its zone, and its facts of the types they read.</summary>
public sealed record EnterpriseFacts(EnterpriseSummary Enterprise, string Zone, IReadOnlyList<Fact> Facts);

/// <summary>
/// Walks the enterprises of the directory, or some of them, a page at a time in code order, each
/// with its facts of the types asked for: what a policy's match, a preview and the daily reminder
/// sweep read.
/// </summary>
public sealed class EnterpriseScan(IFactStore store, ZoneDirectory zones)
{
    public const int PageSize = 500;

    public async IAsyncEnumerable<IReadOnlyList<EnterpriseFacts>> AllAsync(
        IReadOnlyCollection<string> factTypes, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? after = null;
        do
        {
            var page = await store.SearchEnterprisesAsync(new EnterpriseQuery(null, null, null, PageSize, after), cancellationToken);
            if (page.Items.Count > 0)
            {
                yield return await WithFactsAsync(page.Items, factTypes, cancellationToken);
            }

            after = page.LastUscc;
        }
        while (after is not null);
    }

    /// <summary>The enterprises asked for that the hub holds, with their facts of <paramref name="factTypes"/>.</summary>
    public async Task<IReadOnlyList<EnterpriseFacts>> SomeAsync(
        IReadOnlyList<string> usccs, IReadOnlyCollection<string> factTypes, CancellationToken cancellationToken)
    {
        var records = await store.GetEnterprisesAsync(usccs, cancellationToken);
        return await WithFactsAsync([.. records.Select(r => r.Summary)], factTypes, cancellationToken);
    }

    /// <summary>
    /// An enterprise as its first fact leaves it when that fact is of a type no condition reads:
    /// no licence (so no name or industry), its zone, and no facts of the types read.
    /// </summary>
    public EnterpriseFacts Bare(string uscc)
    {
        var summary = new EnterpriseSummary(uscc, string.Empty, string.Empty);
        return new EnterpriseFacts(summary, zones.ZoneOf(summary.DivisionCode), []);
    }

    private async Task<IReadOnlyList<EnterpriseFacts>> WithFactsAsync(
        IReadOnlyList<EnterpriseSummary> enterprises, IReadOnlyCollection<string> factTypes, CancellationToken cancellationToken)
    {
        var facts = factTypes.Count == 0
            ? []
            : await store.LoadFactsAsync([.. enterprises.Select(e => e.Uscc)], factTypes, cancellationToken);
        var byEnterprise = facts.ToLookup(f => f.Uscc, StringComparer.Ordinal);
        return [.. enterprises.Select(e => new EnterpriseFacts(e, zones.ZoneOf(e.DivisionCode), [.. byEnterprise[e.Uscc]]))];
    }
}
