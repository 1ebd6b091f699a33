using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Facts;

namespace EnterpriseHub.Core.Lookup;

/// <summary>An enterprise as one caller may see it.</summary>
/// <param name="Zone">The configured zone of its division; empty when none.</param>
/// <param name="WithheldFactTypes">Types held for the enterprise that the caller may not read.</param>
/// <param name="UsccAdvisories">Advisory findings about the code that did not make it invalid.</param>
public sealed record EnterpriseView(
    EnterpriseSummary Summary,
    string Zone,
    IReadOnlyList<Fact> Facts,
    IReadOnlyList<string> WithheldFactTypes,
    IReadOnlyList<string> UsccAdvisories);

/// <summary>A search as a caller asks it.</summary>
public sealed record EnterpriseSearch(string NameContains, string Zone, string Industry, int PageSize, string PageToken);

/// <summary>A page of results with the token for the next page (empty on the last).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string NextPageToken);

/// <summary>A page of an enterprise's history as one caller may see it.</summary>
/// <param name="WithheldFactTypes">Types on this page the caller may not read; their facts are left out.</param>
public sealed record FactHistoryView(IReadOnlyList<Fact> Facts, IReadOnlyList<string> WithheldFactTypes, string NextPageToken);
