using System.Globalization;
using EnterpriseHub.V1;
using EnterpriseHub.Web.Display;
using Grpc.Core;
using Microsoft.AspNetCore.Mvc;

namespace EnterpriseHub.Web.Pages;

/// <summary>My data: every current fact, grouped by the department that published it; or the page as of a past date.</summary>
public sealed class DataModel : PortalPageModel
{
    /// <summary>A past date (yyyy-MM-dd, China Standard Time): the facts as the hub knew them at the end of that day.</summary>
    [BindProperty(SupportsGet = true, Name = "asOf")]
    public string? AsOf { get; set; }

    public DateOnly? AsOfDate { get; private set; }

    public bool AsOfInvalid { get; private set; }

    public Enterprise Enterprise { get; private set; } = new();

    public IReadOnlyList<IGrouping<string, Fact>> ByDepartment { get; private set; } = [];

    public IReadOnlyDictionary<string, FactType> Catalog { get; private set; } = new Dictionary<string, FactType>();

    public async Task OnGetAsync()
    {
        DateTimeOffset? at = null;
        if (!string.IsNullOrWhiteSpace(AsOf))
        {
            if (DateOnly.TryParseExact(AsOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                AsOfDate = date;
                at = new DateTimeOffset(date.ToDateTime(new TimeOnly(23, 59, 59)), Text.ChinaStandardTime);
            }
            else
            {
                AsOfInvalid = true;
            }
        }

        Catalog = await Hub.FactTypesAsync();
        try
        {
            Enterprise = await Hub.GetEnterpriseAsync(at);
        }
        catch (RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.NotFound && at is not null)
        {
            // Before the first fact the hub knew nothing about the enterprise: an empty page, not an error.
            Enterprise = new Enterprise { Uscc = Portal.Acting };
        }

        ByDepartment = Enterprise.Facts.GroupBy(f => f.Publisher).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>The sharing class of a fact: from the catalog, until the hub returns it on the fact.</summary>
    /// <summary>The fact's sharing class as the hub returns it; the catalog's only for a hub that does not.</summary>
    public SharingClass SharingOf(Fact fact) =>
        fact.Sharing != SharingClass.Unspecified ? fact.Sharing
        : Catalog.TryGetValue(fact.FactType, out var type) ? type.Sharing : SharingClass.Unspecified;
}
