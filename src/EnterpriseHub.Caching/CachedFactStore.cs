using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Core.Forms;

namespace EnterpriseHub.Caching;

/// <summary>
/// Serves enterprise profiles (the current facts of one enterprise) from the cache and keeps them
/// true: an append gives every enterprise it touched a new cache version before it returns, on
/// every replica at once because the version lives in the shared cache. Everything else, and
/// every lookup the cache cannot answer in time, goes to the store.
/// </summary>
public sealed class CachedFactStore(IFactStore store, HubCache cache) : IFactStore
{
    public Task InitializeAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);

    public async Task<IReadOnlyList<AppendedFact>> AppendAsync(
        string publisher, IReadOnlyList<FactDraft> drafts, DateTimeOffset publishTime, AuditEntry audit, CancellationToken cancellationToken,
        SubmissionDraft? submission = null)
    {
        try
        {
            return await store.AppendAsync(publisher, drafts, publishTime, audit, cancellationToken, submission);
        }
        finally
        {
            // Also when the append failed: a commit whose acknowledgement was lost may still have stored it.
            var touched = drafts.Select(d => Key(d.Uscc)).Distinct(StringComparer.Ordinal).ToList();
            await cache.InvalidateAsync(touched, CancellationToken.None);
        }
    }

    public async Task<EnterpriseRecord?> GetEnterpriseAsync(string uscc, CancellationToken cancellationToken)
    {
        var (version, bytes) = await cache.EntryAsync(Key(uscc), cancellationToken);
        if (version is null)
        {
            return await store.GetEnterpriseAsync(uscc, cancellationToken);
        }

        if (bytes is not null && EnterpriseRecordCodec.Read(bytes) is { } cached)
        {
            return cached;
        }

        var record = await store.GetEnterpriseAsync(uscc, cancellationToken);
        if (record is not null)
        {
            await cache.SetAsync(Key(uscc), version, EnterpriseRecordCodec.Write(record), cancellationToken);
        }

        return record;
    }

    public async Task<IReadOnlyList<EnterpriseRecord>> GetEnterprisesAsync(IReadOnlyList<string> usccs, CancellationToken cancellationToken)
    {
        var versions = await Task.WhenAll(usccs.Select(u => cache.VersionAsync(Key(u), cancellationToken)));
        var found = await Task.WhenAll(usccs.Select(async (u, i) =>
            versions[i] is { } v && await cache.GetAsync(Key(u), v, cancellationToken) is { } bytes ? EnterpriseRecordCodec.Read(bytes) : null));

        var missing = usccs.Where((_, i) => found[i] is null).ToList();
        var loaded = missing.Count == 0
            ? new Dictionary<string, EnterpriseRecord>(StringComparer.Ordinal)
            : (await store.GetEnterprisesAsync(missing, cancellationToken)).ToDictionary(r => r.Summary.Uscc, StringComparer.Ordinal);

        var records = new List<EnterpriseRecord>(usccs.Count);
        for (var i = 0; i < usccs.Count; i++)
        {
            if (found[i] is { } cached)
            {
                records.Add(cached);
            }
            else if (loaded.TryGetValue(usccs[i], out var record))
            {
                records.Add(record);
                if (versions[i] is { } version)
                {
                    await cache.SetAsync(Key(usccs[i]), version, EnterpriseRecordCodec.Write(record), cancellationToken);
                }
            }
        }

        return records;
    }

    public Task<EnterpriseRecord?> GetEnterpriseAsOfAsync(string uscc, DateTimeOffset asOf, CancellationToken cancellationToken) =>
        store.GetEnterpriseAsOfAsync(uscc, asOf, cancellationToken);

    public Task<EnterprisePage> SearchEnterprisesAsync(EnterpriseQuery query, CancellationToken cancellationToken) =>
        store.SearchEnterprisesAsync(query, cancellationToken);

    public Task<FactPage> GetFactHistoryAsync(FactHistoryQuery query, CancellationToken cancellationToken) =>
        store.GetFactHistoryAsync(query, cancellationToken);

    public Task<IReadOnlyList<Fact>> ReadFeedAsync(long afterSequence, int limit, CancellationToken cancellationToken) =>
        store.ReadFeedAsync(afterSequence, limit, cancellationToken);

    public Task<Fact?> FindFactAsync(string publisher, string sourceRecordId, CancellationToken cancellationToken) =>
        store.FindFactAsync(publisher, sourceRecordId, cancellationToken);

    public Task<IReadOnlyList<Fact>> LoadFactsAsync(
        IReadOnlyList<string> usccs, IReadOnlyCollection<string> factTypes, CancellationToken cancellationToken) =>
        store.LoadFactsAsync(usccs, factTypes, cancellationToken);

    public Task<IReadOnlyList<string>> EnterprisesWithFactsAsync(
        IReadOnlyCollection<string> factTypes, string? afterUscc, int limit, CancellationToken cancellationToken) =>
        store.EnterprisesWithFactsAsync(factTypes, afterUscc, limit, cancellationToken);

    public Task<bool> IsEmptyAsync(CancellationToken cancellationToken) => store.IsEmptyAsync(cancellationToken);

    private static string Key(string uscc) => "enterprise:" + uscc;
}
