using Google.Protobuf;
using Spectre.Console;

namespace EnterpriseHub.Cli.Cli;

/// <summary>A table column: its header and how a row shows in it.</summary>
internal sealed record Column<T>(string Header, Func<T, string?> Value);

/// <summary>
/// The one shape of every listing: items read as they come (a pager fetches pages as needed, so
/// <c>--limit</c> stops early and fetches no further page), then one table, or one JSON line per item.
/// </summary>
internal static class Listing
{
    /// <summary>Writes up to <paramref name="limit"/> items (0 for all); returns how many were written.</summary>
    public static async Task<int> WriteAsync<T>(
        Output output, IAsyncEnumerable<T> items, int limit, IReadOnlyList<Column<T>> columns, CancellationToken cancellationToken)
        where T : IMessage
    {
        var table = NewTable(columns);
        var count = 0;
        await foreach (var item in items.WithCancellation(cancellationToken))
        {
            if (output.IsJson)
            {
                output.Json(item);
            }
            else
            {
                table.AddRow([.. columns.Select(c => Markup.Escape(c.Value(item) ?? string.Empty))]);
            }

            if (++count == limit)
            {
                break;
            }
        }

        if (!output.IsJson)
        {
            if (count == 0)
            {
                output.Say("(none)");
            }
            else
            {
                output.Console.Write(table);
            }
        }

        return count;
    }

    /// <summary>The same for the items of a reply that is not paged.</summary>
    public static Task<int> WriteAsync<T>(
        Output output, IEnumerable<T> items, int limit, IReadOnlyList<Column<T>> columns, CancellationToken cancellationToken)
        where T : IMessage =>
        WriteAsync(output, Async(items), limit, columns, cancellationToken);

    /// <summary>One streamed item as it arrives: a JSON line, or one line of tab-separated columns.</summary>
    public static void WriteLine<T>(Output output, T item, IReadOnlyList<Column<T>> columns)
        where T : IMessage
    {
        if (output.IsJson)
        {
            output.Json(item);
        }
        else
        {
            output.Stdout.WriteLine(string.Join('\t', columns.Select(c => c.Value(item))));
        }

        output.Stdout.Flush();
    }

    /// <summary>The page size to ask for: <c>--page-size</c> when given, else the limit when it is small, else the hub's default.</summary>
    public static int PageSize(int pageSize, int limit) => pageSize > 0 ? pageSize : limit is > 0 and <= 100 ? limit : 0;

    private static Table NewTable<T>(IReadOnlyList<Column<T>> columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            table.AddColumn(Markup.Escape(column.Header));
        }

        return table;
    }

#pragma warning disable CS1998 // An iterator over items already in memory.
    private static async IAsyncEnumerable<T> Async<T>(IEnumerable<T> items)
#pragma warning restore CS1998
    {
        foreach (var item in items)
        {
            yield return item;
        }
    }
}
