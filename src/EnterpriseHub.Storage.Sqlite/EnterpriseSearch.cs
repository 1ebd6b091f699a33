using System.Text;
using System.Text.Json;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Storage.Common;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>The directory search's conditions in SQLite.</summary>
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
            command.Parameters.AddWithValue("$name", $"%{DirectorySearch.EscapeLike(query.NameContains)}%");
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

        command.CommandText = DirectorySearch.Sql(conditions, "$limit");
        command.Parameters.AddWithValue("$limit", Pages.Limit(query.PageSize));
        return await DirectorySearch.ReadPageAsync(command, query.PageSize, cancellationToken).ConfigureAwait(false);
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
