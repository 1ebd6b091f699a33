using EnterpriseHub.Core.Facts;
using EnterpriseHub.Storage.Common;
using Npgsql;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>
/// The directory search's conditions in PostgreSQL. It matches the embedded store exactly: the
/// name fragment matches anywhere, ASCII letters in any case (ILIKE on "C"-collated text folds
/// ASCII only, as SQLite's LIKE does), wildcard characters literally; the industry prefix is
/// case-sensitive.
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
            conditions.Add(Parameter(command, $"%{DirectorySearch.EscapeLike(query.NameContains)}%", n => $@"name ILIKE {n} ESCAPE '\'"));
        }

        // An empty list means no restriction, as an empty repeated field does on the wire.
        if (query.DivisionCodes is { Count: > 0 } divisions)
        {
            conditions.Add(Parameter(command, divisions.ToArray(), n => $"substr(uscc, 3, 6) = ANY({n})"));
        }

        if (!string.IsNullOrEmpty(query.IndustryPrefix))
        {
            // A literal prefix on "C"-collated text can use the industry index.
            conditions.Add(Parameter(command, DirectorySearch.EscapeLike(query.IndustryPrefix) + "%", n => $@"industry LIKE {n} ESCAPE '\'"));
        }

        if (query.AfterUscc is not null)
        {
            conditions.Add(Parameter(command, query.AfterUscc, n => $"uscc > {n}"));
        }

        command.CommandText = DirectorySearch.Sql(conditions, Parameter(command, Pages.Limit(query.PageSize), n => n));
        return await DirectorySearch.ReadPageAsync(command, query.PageSize, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds a positional parameter and returns the condition that refers to it.</summary>
    private static string Parameter<T>(NpgsqlCommand command, T value, Func<string, string> condition)
    {
        command.Parameters.Add(new NpgsqlParameter<T> { TypedValue = value });
        return condition($"${command.Parameters.Count}");
    }
}
