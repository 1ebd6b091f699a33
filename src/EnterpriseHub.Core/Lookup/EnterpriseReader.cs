using EnterpriseHub.Core.Access;
using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Errors;
using EnterpriseHub.Core.Facts;

namespace EnterpriseHub.Core.Lookup;

/// <summary>
/// Answers the directory's reads: validates every request in full (all problems at once),
/// checks who may read what, reads the store, drops what the caller may not see (naming the
/// withheld types), and returns only once the read's audit record is durable.
/// </summary>
public sealed class EnterpriseReader(
    IFactStore store, UsccParser usccParser, ZoneDirectory zones, AccessPolicy policy, AuditTrail audit, TimeProvider time)
{
    public const int MaxBatch = 100;

    public async Task<EnterpriseView> GetAsync(
        ReadContext context, string uscc, IReadOnlyList<string> factTypes, DateTimeOffset? asOf, CancellationToken cancellationToken)
    {
        var violations = Validate(context);
        var code = ParseUscc(uscc, "uscc", violations);
        ValidateFactTypes(factTypes, violations);
        HubValidationException.ThrowIfAny(violations);
        var record = asOf is { } at
            ? await store.GetEnterpriseAsOfAsync(code.Value, at, cancellationToken)
            : await store.GetEnterpriseAsync(code.Value, cancellationToken);
        if (record is null)
        {
            var missing = new HubNotFoundException("ENTERPRISE_NOT_FOUND", $"the hub holds no fact about {code.Value}");
            await RecordAsync(context, [code.Value], [], "not_found", string.Empty);
            throw missing;
        }

        var access = await policy.ForAsync(context.Caller, cancellationToken);
        var view = View(record, code, factTypes, access);
        await RecordAsync(context, [code.Value], view.Facts.Select(f => f.FactType).ToList(), "ok", Withheld(view, asOf));
        return view;
    }

    public async Task<(IReadOnlyList<EnterpriseView> Found, IReadOnlyList<string> NotFound)> BatchGetAsync(
        ReadContext context, IReadOnlyList<string> usccs, IReadOnlyList<string> factTypes, CancellationToken cancellationToken)
    {
        var violations = Validate(context);
        if (usccs.Count is 0 or > MaxBatch)
        {
            violations.Add(new FieldViolation("usccs", $"must name 1 to {MaxBatch} enterprises, got {usccs.Count}"));
        }

        // Over the limit the count alone refuses the batch: parsing every code would only spend
        // time on violations that nobody reads.
        var codes = usccs.Count > MaxBatch
            ? []
            : usccs.Select((u, i) => ParseUscc(u, $"usccs[{i}]", violations)).DistinctBy(c => c.Value).ToList();
        ValidateFactTypes(factTypes, violations);
        HubValidationException.ThrowIfAny(violations);

        var records = (await store.GetEnterprisesAsync(codes.Select(c => c.Value).ToList(), cancellationToken))
            .ToDictionary(r => r.Summary.Uscc, StringComparer.Ordinal);
        var access = await policy.ForAsync(context.Caller, cancellationToken);
        var found = new List<EnterpriseView>();
        var notFound = new List<string>();
        foreach (var code in codes)
        {
            if (records.TryGetValue(code.Value, out var record))
            {
                found.Add(View(record, code, factTypes, access));
            }
            else
            {
                notFound.Add(code.Value);
            }
        }

        // One record per enterprise, each naming the fact types it received: an enterprise's
        // records (and their Merkle leaves) say nothing of the others in the batch.
        // The codes the hub holds nothing about are counted in a record naming no enterprise.
        var audited = found.Select(v => RecordAsync(
            context, [v.Summary.Uscc], v.Facts.Select(f => f.FactType).Distinct().Order(StringComparer.Ordinal).ToList(), "ok", "batch"));
        await Task.WhenAll(notFound.Count > 0 ? audited.Append(RecordAsync(context, [], [], "ok", $"not found: {notFound.Count}")) : audited);
        return (found, notFound);
    }

    public async Task<Page<EnterpriseView>> SearchAsync(
        ReadContext context, EnterpriseSearch search, CancellationToken cancellationToken)
    {
        var violations = Validate(context);
        var pageSize = Paging.Size(search.PageSize, violations);
        IReadOnlyList<string>? divisions = null;
        if (search.Zone.Length > 0 && (divisions = zones.DivisionsOf(search.Zone)) is null)
        {
            violations.Add(new FieldViolation("zone", $"'{search.Zone}' is not a configured zone"));
        }

        if (search.NameContains.Length > 100)
        {
            violations.Add(new FieldViolation("name_contains", "must be at most 100 characters"));
        }

        if (search.Industry.Length > 8 || !search.Industry.All(char.IsAsciiLetterOrDigit))
        {
            violations.Add(new FieldViolation("industry", "must be a GB/T 4754 code or prefix such as C or C39"));
        }

        string? after = null;
        if (search.PageToken.Length > 0 && (after = PageToken.Decode("search", search.PageToken)) is null)
        {
            violations.Add(new FieldViolation("page_token", "is not a page token this hub issued"));
        }

        HubValidationException.ThrowIfAny(violations);

        var page = await store.SearchEnterprisesAsync(
            new EnterpriseQuery(NullIfEmpty(search.NameContains), divisions, NullIfEmpty(search.Industry), pageSize, after),
            cancellationToken);
        var items = page.Items.Select(s => new EnterpriseView(s, zones.ZoneOf(s.DivisionCode), [], [], [])).ToList();
        await RecordAsync(context, items.Select(v => v.Summary.Uscc).ToList(), [EnterpriseIdentity.LicenceFactType], "ok", "search");
        return new Page<EnterpriseView>(items, page.LastUscc is null ? string.Empty : PageToken.Encode("search", page.LastUscc));
    }

    public async Task<FactHistoryView> GetHistoryAsync(
        ReadContext context, string uscc, string factType, int pageSize, string pageToken, CancellationToken cancellationToken)
    {
        var violations = Validate(context);
        var code = ParseUscc(uscc, "uscc", violations);
        if (factType.Length > 0 && FactTypeName.Problem(factType) is { } problem)
        {
            violations.Add(new FieldViolation("fact_type", problem));
        }

        var size = Paging.Size(pageSize, violations);
        var before = PageToken.DecodeSequence("history", pageToken, violations);

        HubValidationException.ThrowIfAny(violations);
        var access = await policy.ForAsync(context.Caller, cancellationToken);
        if (factType.Length > 0 && !access.CanRead(factType))
        {
            await RecordAsync(context, [code.Value], [factType], "permission_denied", "FACT_TYPE_NOT_READABLE");
            throw new HubPermissionException("FACT_TYPE_NOT_READABLE", $"{context.Caller} may not read {factType}");
        }

        var page = await store.GetFactHistoryAsync(
            new FactHistoryQuery(code.Value, NullIfEmpty(factType), size, before), cancellationToken);
        if (page.Items.Count == 0 && before is null && await store.GetEnterpriseAsync(code.Value, cancellationToken) is null)
        {
            await RecordAsync(context, [code.Value], [], "not_found", string.Empty);
            throw new HubNotFoundException("ENTERPRISE_NOT_FOUND", $"the hub holds no fact about {code.Value}");
        }

        // Unreadable types drop out of the page; the keyset position still moves past them.
        var readable = page.Items.Where(f => access.CanRead(f.FactType)).ToList();
        var withheld = page.Items.Where(f => !access.CanRead(f.FactType)).Select(f => f.FactType).Distinct().Order(StringComparer.Ordinal).ToList();
        await RecordAsync(
            context, [code.Value], readable.Select(f => f.FactType).Distinct().Order(StringComparer.Ordinal).ToList(), "ok",
            withheld.Count > 0 ? $"withheld: {string.Join(",", withheld)}" : "history");
        var next = page.NextBeforeSequence is { } n ? PageToken.EncodeSequence("history", n) : string.Empty;
        return new FactHistoryView(readable, withheld, next);
    }

    private EnterpriseView View(EnterpriseRecord record, Uscc code, IReadOnlyList<string> factTypes, ReadAccess access)
    {
        var asked = factTypes.Count == 0
            ? record.Facts
            : record.Facts.Where(f => factTypes.Contains(f.FactType, StringComparer.Ordinal)).ToList();
        var facts = new List<Fact>(asked.Count);
        var withheld = new List<string>();
        foreach (var fact in asked)
        {
            if (access.CanRead(fact.FactType))
            {
                facts.Add(fact);
            }
            else
            {
                withheld.Add(fact.FactType);
            }
        }

        IReadOnlyList<string> advisories = code.OrganizationCheckPassed
            ? []
            : ["the organisation code's check character does not match (advisory)"];
        return new EnterpriseView(record.Summary, zones.ZoneOf(record.Summary.DivisionCode), facts, withheld, advisories);
    }

    private static List<FieldViolation> Validate(ReadContext context)
    {
        var violations = new List<FieldViolation>();
        context.Validate(violations);
        return violations;
    }

    private Task RecordAsync(ReadContext context, IReadOnlyList<string> usccs, IReadOnlyList<string> factTypes, string outcome, string detail) =>
        audit.RecordAsync(new AuditEntry(
            time.GetUtcNow(), context.Caller, context.OfficerId, AuditActions.Read, usccs, factTypes, context.Purpose,
            context.RequestId, outcome, detail));

    private static string Withheld(EnterpriseView view, DateTimeOffset? asOf) =>
        string.Join("; ", new[]
        {
            view.WithheldFactTypes.Count > 0 ? $"withheld: {string.Join(",", view.WithheldFactTypes)}" : null,
            asOf is { } at ? $"as of {at:O}" : null,
        }.OfType<string>());

    private Uscc ParseUscc(string text, string field, List<FieldViolation> violations)
    {
        if (usccParser.TryParse(text, out var code, out var problem))
        {
            return code;
        }

        violations.Add(new FieldViolation(field, problem));
        return default;
    }

    private static void ValidateFactTypes(IReadOnlyList<string> factTypes, List<FieldViolation> violations)
    {
        for (var i = 0; i < factTypes.Count; i++)
        {
            if (FactTypeName.Problem(factTypes[i]) is { } problem)
            {
                violations.Add(new FieldViolation($"fact_types[{i}]", problem));
            }
        }
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
