using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Errors;
using EnterpriseHub.Core.Facts;

namespace EnterpriseHub.Core.Lookup;

/// <summary>
/// Answers the directory's reads: validates every request in full (all problems at once),
/// reads the store, and shapes what the caller gets.
/// </summary>
public sealed class EnterpriseReader(IFactStore store, UsccParser usccParser, ZoneDirectory zones)
{
    public const int MaxBatch = 100;
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public async Task<EnterpriseView> GetAsync(
        ReadContext context, string uscc, IReadOnlyList<string> factTypes, CancellationToken cancellationToken)
    {
        var violations = new List<FieldViolation>();
        context.Validate(violations);
        var code = ParseUscc(uscc, "uscc", violations);
        ValidateFactTypes(factTypes, violations);
        ThrowIfAny(violations);

        var record = await store.GetEnterpriseAsync(code.Value, cancellationToken)
            ?? throw new HubNotFoundException("ENTERPRISE_NOT_FOUND", $"the hub holds no fact about {code.Value}");
        return View(record, code, factTypes);
    }

    public async Task<(IReadOnlyList<EnterpriseView> Found, IReadOnlyList<string> NotFound)> BatchGetAsync(
        ReadContext context, IReadOnlyList<string> usccs, IReadOnlyList<string> factTypes, CancellationToken cancellationToken)
    {
        var violations = new List<FieldViolation>();
        context.Validate(violations);
        if (usccs.Count is 0 or > MaxBatch)
        {
            violations.Add(new FieldViolation("usccs", $"must name 1 to {MaxBatch} enterprises, got {usccs.Count}"));
        }

        var codes = usccs.Select((u, i) => ParseUscc(u, $"usccs[{i}]", violations)).ToList();
        ValidateFactTypes(factTypes, violations);
        ThrowIfAny(violations);

        var distinct = codes.Select(c => c.Value).Distinct(StringComparer.Ordinal).ToList();
        var records = (await store.GetEnterprisesAsync(distinct, cancellationToken))
            .ToDictionary(r => r.Summary.Uscc, StringComparer.Ordinal);
        var found = new List<EnterpriseView>();
        var notFound = new List<string>();
        foreach (var code in codes.DistinctBy(c => c.Value))
        {
            if (records.TryGetValue(code.Value, out var record))
            {
                found.Add(View(record, code, factTypes));
            }
            else
            {
                notFound.Add(code.Value);
            }
        }

        return (found, notFound);
    }

    public async Task<Page<EnterpriseView>> SearchAsync(
        ReadContext context, EnterpriseSearch search, CancellationToken cancellationToken)
    {
        var violations = new List<FieldViolation>();
        context.Validate(violations);
        var pageSize = PageSize(search.PageSize, violations);
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

        ThrowIfAny(violations);
        var page = await store.SearchEnterprisesAsync(
            new EnterpriseQuery(NullIfEmpty(search.NameContains), divisions, NullIfEmpty(search.Industry), pageSize, after),
            cancellationToken);
        var items = page.Items.Select(s => new EnterpriseView(s, zones.ZoneOf(s.DivisionCode), [], [], [])).ToList();
        return new Page<EnterpriseView>(items, page.LastUscc is null ? string.Empty : PageToken.Encode("search", page.LastUscc));
    }

    public async Task<Page<Fact>> GetHistoryAsync(
        ReadContext context, string uscc, string factType, int pageSize, string pageToken, CancellationToken cancellationToken)
    {
        var violations = new List<FieldViolation>();
        context.Validate(violations);
        var code = ParseUscc(uscc, "uscc", violations);
        if (factType.Length > 0 && FactTypeName.Problem(factType) is { } problem)
        {
            violations.Add(new FieldViolation("fact_type", problem));
        }

        var size = PageSize(pageSize, violations);
        long? before = null;
        if (pageToken.Length > 0)
        {
            before = long.TryParse(PageToken.Decode("history", pageToken), out var sequence) ? sequence : null;
            if (before is null)
            {
                violations.Add(new FieldViolation("page_token", "is not a page token this hub issued"));
            }
        }

        ThrowIfAny(violations);
        var page = await store.GetFactHistoryAsync(
            new FactHistoryQuery(code.Value, NullIfEmpty(factType), size, before), cancellationToken);
        if (page.Items.Count == 0 && before is null && await store.GetEnterpriseAsync(code.Value, cancellationToken) is null)
        {
            throw new HubNotFoundException("ENTERPRISE_NOT_FOUND", $"the hub holds no fact about {code.Value}");
        }

        var next = page.NextBeforeSequence is { } n ? PageToken.Encode("history", n.ToString(System.Globalization.CultureInfo.InvariantCulture)) : string.Empty;
        return new Page<Fact>(page.Items, next);
    }

    private EnterpriseView View(EnterpriseRecord record, Uscc code, IReadOnlyList<string> factTypes)
    {
        var facts = factTypes.Count == 0
            ? record.Facts
            : record.Facts.Where(f => factTypes.Contains(f.FactType, StringComparer.Ordinal)).ToList();
        IReadOnlyList<string> advisories = code.OrganizationCheckPassed
            ? []
            : ["the organisation code's check character does not match (advisory)"];
        return new EnterpriseView(record.Summary, zones.ZoneOf(record.Summary.DivisionCode), facts, [], advisories);
    }

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

    private static int PageSize(int requested, List<FieldViolation> violations)
    {
        if (requested is < 0 or > MaxPageSize)
        {
            violations.Add(new FieldViolation("page_size", $"must be between 1 and {MaxPageSize} (0 for {DefaultPageSize})"));
        }

        return requested == 0 ? DefaultPageSize : requested;
    }

    private static void ThrowIfAny(List<FieldViolation> violations)
    {
        if (violations.Count > 0)
        {
            throw new HubValidationException(violations);
        }
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
