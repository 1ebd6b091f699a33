using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Core.Feed;

namespace EnterpriseHub.Core.Tests.Feed;

public sealed class FactPagesTests
{
    private readonly CountingLog log = new();
    private readonly FeedSignal signal = new();

    [Fact]
    public async Task ReadAsync_ShortPageAndNoAppendSince_ReadsTheStoreOnceForBothReaders()
    {
        log.Append(3);
        var pages = new FactPages(log, signal);

        var first = await pages.ReadAsync(0, 10, CancellationToken.None);
        var second = await pages.ReadAsync(0, 10, CancellationToken.None);

        Assert.Same(first, second);
        Assert.Equal(1, log.Reads);
    }

    [Fact]
    public async Task ReadAsync_AppendSignalledSinceAShortPage_ReadsTheStoreAgain()
    {
        log.Append(3);
        var pages = new FactPages(log, signal);
        await pages.ReadAsync(0, 10, CancellationToken.None);

        log.Append(2);
        signal.Notify();
        var second = await pages.ReadAsync(0, 10, CancellationToken.None);

        Assert.Equal(5, second.Count);
        Assert.Equal(2, log.Reads);
    }

    [Fact]
    public async Task ReadAsync_FullPageThenAnAppend_StillSharesThePage()
    {
        log.Append(10);
        var pages = new FactPages(log, signal);
        var first = await pages.ReadAsync(0, 10, CancellationToken.None);

        log.Append(2);
        signal.Notify();
        var second = await pages.ReadAsync(0, 10, CancellationToken.None);

        Assert.Same(first, second);
        Assert.Equal(1, log.Reads);
    }

    [Fact]
    public async Task ReadAsync_OtherCursorOrSize_ReadsItsOwnPage()
    {
        log.Append(5);
        var pages = new FactPages(log, signal);

        await pages.ReadAsync(0, 10, CancellationToken.None);
        var later = await pages.ReadAsync(2, 10, CancellationToken.None);
        var smaller = await pages.ReadAsync(0, 2, CancellationToken.None);

        Assert.Equal([3L, 4L, 5L], later.Select(f => f.Sequence));
        Assert.Equal([1L, 2L], smaller.Select(f => f.Sequence));
        Assert.Equal(3, log.Reads);
    }

    /// <summary>A fact log in memory that counts its reads; the rest of the store is not needed here.</summary>
    private sealed class CountingLog : IFactStore
    {
        private readonly List<Fact> facts = [];

        public int Reads { get; private set; }

        public void Append(int count)
        {
            for (var i = 0; i < count; i++)
            {
                var sequence = facts.Count + 1;
                facts.Add(new Fact(
                    "91440115MA5HUB013L", "tax.credit_grade", "{}", DateTimeOffset.UnixEpoch, "tax", $"r{sequence}", DateTimeOffset.UnixEpoch, sequence));
            }
        }

        public Task<IReadOnlyList<Fact>> ReadFeedAsync(long afterSequence, int limit, CancellationToken cancellationToken)
        {
            Reads++;
            return Task.FromResult<IReadOnlyList<Fact>>([.. facts.Where(f => f.Sequence > afterSequence).Take(limit)]);
        }

        public Task InitializeAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<AppendedFact>> AppendAsync(
            string publisher, IReadOnlyList<FactDraft> drafts, DateTimeOffset publishTime, AuditEntry audit, CancellationToken cancellationToken,
            Forms.SubmissionDraft? submission = null) =>
            throw new NotSupportedException();

        public Task<EnterpriseRecord?> GetEnterpriseAsync(string uscc, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<EnterpriseRecord?> GetEnterpriseAsOfAsync(string uscc, DateTimeOffset asOf, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<EnterpriseRecord>> GetEnterprisesAsync(IReadOnlyList<string> usccs, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<EnterprisePage> SearchEnterprisesAsync(EnterpriseQuery query, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<FactPage> GetFactHistoryAsync(FactHistoryQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Fact?> FindFactAsync(string publisher, string sourceRecordId, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<Fact>> LoadFactsAsync(
            IReadOnlyList<string> usccs, IReadOnlyCollection<string> factTypes, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<string>> EnterprisesWithFactsAsync(
            IReadOnlyCollection<string> factTypes, string? afterUscc, int limit, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<bool> IsEmptyAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
