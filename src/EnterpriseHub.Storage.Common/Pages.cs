using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Facts;

namespace EnterpriseHub.Storage.Common;

/// <summary>
/// Keyset paging as both stores do it: a read asks for one row more than a page, and that row's
/// presence (never returned) says another page follows.
/// </summary>
internal static class Pages
{
    /// <summary>The row limit a read of one page asks for.</summary>
    public static int Limit(int pageSize) => pageSize + 1;

    /// <summary>A page of history, continued below its last sequence.</summary>
    public static FactPage Facts(List<Fact> rows, int pageSize) =>
        Trim(rows, pageSize) ? new FactPage(rows, rows[^1].Sequence) : new FactPage(rows, NextBeforeSequence: null);

    /// <summary>A page of the directory, continued after its last code.</summary>
    public static EnterprisePage Enterprises(List<EnterpriseSummary> rows, int pageSize) =>
        Trim(rows, pageSize) ? new EnterprisePage(rows, rows[^1].Uscc) : new EnterprisePage(rows, LastUscc: null);

    /// <summary>Drops the extra row; true when there was one.</summary>
    private static bool Trim<T>(List<T> rows, int pageSize)
    {
        if (rows.Count <= pageSize)
        {
            return false;
        }

        rows.RemoveAt(rows.Count - 1);
        return true;
    }
}
