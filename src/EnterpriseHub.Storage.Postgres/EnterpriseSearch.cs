using System.Text;
using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Facts;
using Npgsql;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>
/// The directory search: every given criterion must hold, keyset-paged in code order. It matches
/// the embedded store exactly: the name fragment matches anywhere, ASCII letters in any case
/// (ILIKE on "C"-collated text folds ASCII only, as SQLite's LIKE does), wildcard characters
/// literally; the industry prefix is case-sensitive.
/// </summary>
internal static class EnterpriseSearch
{
    public static async Task<EnterprisePage> SearchAsync(NpgsqlDataSource dataSource, EnterpriseQuery query, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1);
        await using var command = dataSource.CreateCommand();
        var conditions = new List<string>();

        if (!string.IsNullOrEmpty(query.NameContains))
        {
            conditions.Add(Parameter(command, $"%{EscapeLike(query.NameContains)}%", n => $@"name ILIKE {n} ESCAPE '\'"));
        }

        // An empty list means no restriction, as an empty repeated field does on the wire.
        if (query.DivisionCodes is { Count: > 0 } divisions)
        {
            conditions.Add(Parameter(command, divisions.ToArray(), n => $"substr(uscc, 3, 6) = ANY({n})"));
        }

        if (!string.IsNullOrEmpty(query.IndustryPrefix))
        {
            // A literal prefix on "C"-collated text can use the industry index.
            conditions.Add(Parameter(command, EscapeLike(query.IndustryPrefix) + "%", n => $@"industry LIKE {n} ESCAPE '\'"));
        }

        if (query.AfterUscc is not null)
        {
            conditions.Add(Parameter(command, query.AfterUscc, n => $"uscc > {n}"));
        }

        var where = conditions.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", conditions);
        var limit = Parameter(command, query.PageSize + 1, n => n);
        command.CommandText = $"SELECT uscc, name, industry FROM enterprises {where} ORDER BY uscc LIMIT {limit};";

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

    /// <summary>Adds a positional parameter and returns the condition that refers to it.</summary>
    private static string Parameter<T>(NpgsqlCommand command, T value, Func<string, string> condition)
    {
        command.Parameters.Add(new NpgsqlParameter<T> { TypedValue = value });
        return condition($"${command.Parameters.Count}");
    }
}
