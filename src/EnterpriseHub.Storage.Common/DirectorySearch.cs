using System.Data.Common;
using System.Text;
using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Facts;

namespace EnterpriseHub.Storage.Common;

/// <summary>
/// The directory search's frame, the same on both engines: every criterion must hold, rows come
/// in code order, one page at a time. Each store writes its own conditions (the pattern
/// operators differ) and hands them here.
/// </summary>
internal static class DirectorySearch
{
    /// <summary>The query over <c>enterprises</c>; <paramref name="limit"/> is the parameter bound to <see cref="Pages.Limit"/>.</summary>
    public static string Sql(IReadOnlyList<string> conditions, string limit)
    {
        var where = conditions.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", conditions);
        return $"SELECT uscc, name, industry FROM enterprises {where} ORDER BY uscc LIMIT {limit};";
    }

    public static async Task<EnterprisePage> ReadPageAsync(DbCommand command, int pageSize, CancellationToken cancellationToken)
    {
        var items = await Rows.ReadAllAsync(
            command, rows => new EnterpriseSummary(rows.GetString(0), rows.GetString(1), rows.GetString(2)),
            cancellationToken, Pages.Limit(pageSize)).ConfigureAwait(false);
        return Pages.Enterprises(items, pageSize);
    }

    /// <summary>Escapes LIKE's wildcards (and the escape itself) with a backslash, for <c>ESCAPE '\'</c>.</summary>
    public static string EscapeLike(string fragment)
    {
        var escaped = new StringBuilder(fragment.Length + 4);
        foreach (var c in fragment)
        {
            if (c is '%' or '_' or '\\')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
