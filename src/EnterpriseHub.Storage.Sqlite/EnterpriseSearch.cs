using System.Text;
using System.Text.Json;
using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Facts;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>The directory search: every given criterion must hold, keyset-paged in code order.</summary>
internal static class EnterpriseSearch
{
    public static async Task<EnterprisePage> SearchAsync(
        FactReader reader, EnterpriseQuery query, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1);
        await using var connection = await reader.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var conditions = new List<string>();

        if (!string.IsNullOrEmpty(query.NameContains))
        {
            conditions.Add(@"name LIKE $name ESCAPE '\'");
            command.Parameters.AddWithValue("$name", $"%{EscapeLike(query.NameContains)}%");
        }

        // An empty list means no restriction, as an empty repeated field does on the wire.
        if (query.DivisionCodes is { Count: > 0 } divisions)
        {
            conditions.Add("substr(uscc, 3, 6) IN (SELECT value FROM json_each($divisions))");
            command.Parameters.AddWithValue("$divisions", JsonSerializer.Serialize(divisions));
        }

        if (!string.IsNullOrEmpty(query.IndustryPrefix))
        {
            // GLOB is case-sensitive and can use the industry index for a literal prefix.
            conditions.Add("industry GLOB $industry");
            command.Parameters.AddWithValue("$industry", EscapeGlob(query.IndustryPrefix) + "*");
        }

        if (query.AfterUscc is not null)
        {
            conditions.Add("uscc > $after");
            command.Parameters.AddWithValue("$after", query.AfterUscc);
        }

        var where = conditions.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", conditions);
        command.CommandText = $"SELECT uscc, name, industry FROM enterprises {where} ORDER BY uscc LIMIT $limit;";
        command.Parameters.AddWithValue("$limit", query.PageSize + 1);

        var items = new List<EnterpriseSummary>(Math.Min(query.PageSize + 1, 256));
        await using var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(new EnterpriseSummary(rows.GetString(0), rows.GetString(1), rows.GetString(2)));
        }

        if (items.Count <= query.PageSize)
        {
            return new EnterprisePage(items, LastUscc: null);
        }

        items.RemoveAt(items.Count - 1);
        return new EnterprisePage(items, items[^1].Uscc);
    }

    internal static string EscapeLike(string fragment)
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

    internal static string EscapeGlob(string prefix)
    {
        var escaped = new StringBuilder(prefix.Length + 4);
        foreach (var c in prefix)
        {
            if (c is '*' or '?' or '[')
            {
                escaped.Append('[').Append(c).Append(']');
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }
}
