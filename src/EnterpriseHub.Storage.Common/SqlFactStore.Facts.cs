using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Core.Forms;

namespace EnterpriseHub.Storage.Common;

/// <summary>The fact contract: the log, the current view and the directory derived from it.</summary>
public abstract partial class SqlFactStore
{
    private const string SelectFacts = $"SELECT {FactColumns.Select} FROM facts f";
    private const string SelectCurrentOfOne = $"{EnterpriseRows.CurrentSelect} WHERE e.uscc = @uscc ORDER BY c.fact_type;";

    public async Task<IReadOnlyList<AppendedFact>> AppendAsync(
        string publisher, IReadOnlyList<FactDraft> drafts, DateTimeOffset publishTime, AuditEntry audit, CancellationToken cancellationToken,
        SubmissionDraft? submission = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(publisher);
        ArgumentNullException.ThrowIfNull(drafts);
        EnsureInitialized();
        if (drafts.Count == 0)
        {
            return [];
        }

        var (results, audited) = await Guard(() => engine.AppendAsync(publisher, drafts, publishTime, audit, submission, cancellationToken)).ConfigureAwait(false);
        this.audit.Committed(audited);
        return results;
    }

    public Task<EnterpriseRecord?> GetEnterpriseAsync(string uscc, CancellationToken cancellationToken) =>
        Guard(async () =>
        {
            var records = await engine.ReadPreparedAsync(
                SelectCurrentOfOne, [("@uscc", uscc)], r => EnterpriseRows.ReadCurrentAsync(r, cancellationToken), cancellationToken).ConfigureAwait(false);
            return records.GetValueOrDefault(uscc);
        });

    public async Task<EnterpriseRecord?> GetEnterpriseAsOfAsync(string uscc, DateTimeOffset asOf, CancellationToken cancellationToken) =>
        EnterpriseRows.AsOf(uscc, await QueryAsync(
            $"""
            SELECT {FactColumns.Select} FROM (
                SELECT *, row_number() OVER (PARTITION BY fact_type ORDER BY effective_ticks DESC, seq DESC) AS rank
                FROM facts WHERE uscc = @uscc AND publish_ticks <= @asOf) f
            WHERE f.rank = 1 ORDER BY f.fact_type;
            """,
            r => FactColumns.Read(r), cancellationToken, ("@uscc", uscc), ("@asOf", asOf.UtcTicks)).ConfigureAwait(false));

    public async Task<IReadOnlyList<EnterpriseRecord>> GetEnterprisesAsync(IReadOnlyList<string> usccs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(usccs);
        if (usccs.Count == 0)
        {
            return [];
        }

        var records = await ReadAsync(
            async c =>
            {
                await using var command = Sql.Command(
                    c, null, $"{EnterpriseRows.CurrentSelect} WHERE {engine.In("e.uscc", "@usccs")} ORDER BY c.uscc, c.fact_type;",
                    ("@usccs", engine.List(usccs)));
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                return await EnterpriseRows.ReadCurrentAsync(reader, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
        return EnterpriseRows.InOrder(records, usccs);
    }

    /// <summary>Null criteria hold for every row.</summary>
    public async Task<FactPage> GetFactHistoryAsync(FactHistoryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1);
        var facts = await QueryAsync(
            $"""
            {SelectFacts} WHERE f.uscc = @uscc AND (CAST(@type AS TEXT) IS NULL OR f.fact_type = @type) AND f.seq < @before
            ORDER BY f.seq DESC LIMIT @limit;
            """,
            r => FactColumns.Read(r), cancellationToken,
            ("@uscc", query.Uscc), ("@type", query.FactType ?? (object)DBNull.Value), ("@before", query.BeforeSequence ?? long.MaxValue),
            ("@limit", Pages.Limit(query.PageSize))).ConfigureAwait(false);
        return Pages.Facts(facts, query.PageSize);
    }

    public async Task<IReadOnlyList<Fact>> ReadFeedAsync(long afterSequence, int limit, CancellationToken cancellationToken) =>
        await QueryAsync(
            $"{SelectFacts} WHERE f.seq > @after ORDER BY f.seq LIMIT @limit;", r => FactColumns.Read(r), cancellationToken,
            ("@after", afterSequence), ("@limit", limit)).ConfigureAwait(false);

    public async Task<Fact?> FindFactAsync(string publisher, string sourceRecordId, CancellationToken cancellationToken) =>
        (await QueryAsync(
            $"{SelectFacts} WHERE f.publisher = @publisher AND f.source_record_id = @record;", r => FactColumns.Read(r), cancellationToken,
            ("@publisher", publisher), ("@record", sourceRecordId)).ConfigureAwait(false)).SingleOrDefault();

    public async Task<IReadOnlyList<Fact>> LoadFactsAsync(
        IReadOnlyList<string> usccs, IReadOnlyCollection<string> factTypes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(usccs);
        ArgumentNullException.ThrowIfNull(factTypes);
        return usccs.Count == 0 || factTypes.Count == 0
            ? []
            : await QueryAsync(
                $"{SelectFacts} WHERE {engine.In("f.uscc", "@usccs")} AND {engine.In("f.fact_type", "@types")} ORDER BY f.seq;",
                r => FactColumns.Read(r), cancellationToken, ("@usccs", engine.List(usccs)), ("@types", engine.List(factTypes))).ConfigureAwait(false);
    }

    /// <summary>
    /// Read from the current view, which has one row for every (enterprise, type) with a fact and is
    /// keyed by enterprise first: far fewer rows than the log, already in code order.
    /// </summary>
    public async Task<IReadOnlyList<string>> EnterprisesWithFactsAsync(
        IReadOnlyCollection<string> factTypes, string? afterUscc, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(factTypes);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return factTypes.Count == 0
            ? []
            : await QueryAsync(
                $"SELECT DISTINCT uscc FROM current_facts WHERE uscc > @after AND {engine.In("fact_type", "@types")} ORDER BY uscc LIMIT @limit;",
                r => r.GetString(0), cancellationToken, ("@after", afterUscc ?? ""), ("@types", engine.List(factTypes)), ("@limit", limit))
                .ConfigureAwait(false);
    }

    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken) =>
        await LongAsync("SELECT count(*) FROM (SELECT 1 FROM facts LIMIT 1) f;", cancellationToken).ConfigureAwait(false) == 0;

    /// <summary>
    /// Every criterion must hold, rows come in code order, one page at a time. Both engines match
    /// alike: the name fragment anywhere, ASCII letters in any case, wildcard characters literally;
    /// the industry prefix case-sensitively. An empty division list means no restriction, as an
    /// empty repeated field does on the wire.
    /// </summary>
    public async Task<EnterprisePage> SearchEnterprisesAsync(EnterpriseQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1);
        var conditions = new List<string>();
        List<(string, object?)> parameters = [("@limit", Pages.Limit(query.PageSize))];
        void Add(string condition, string name, object value)
        {
            conditions.Add(condition);
            parameters.Add((name, value));
        }

        if (!string.IsNullOrEmpty(query.NameContains))
        {
            var (condition, value) = engine.Contains("name", "@name", query.NameContains);
            Add(condition, "@name", value);
        }

        if (query.DivisionCodes is { Count: > 0 } divisions)
        {
            Add(engine.In("substr(uscc, 3, 6)", "@divisions"), "@divisions", engine.List(divisions));
        }

        if (!string.IsNullOrEmpty(query.IndustryPrefix))
        {
            var (condition, value) = engine.StartsWith("industry", "@industry", query.IndustryPrefix);
            Add(condition, "@industry", value);
        }

        if (query.AfterUscc is not null)
        {
            Add("uscc > @after", "@after", query.AfterUscc);
        }

        var where = conditions.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", conditions);
        var items = await QueryAsync(
            $"SELECT uscc, name, industry FROM enterprises {where} ORDER BY uscc LIMIT @limit;",
            r => new EnterpriseSummary(r.GetString(0), r.GetString(1), r.GetString(2)), cancellationToken, [.. parameters]).ConfigureAwait(false);
        return Pages.Enterprises(items, query.PageSize);
    }
}
