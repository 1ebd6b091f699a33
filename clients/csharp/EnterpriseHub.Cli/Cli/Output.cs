using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Google.Protobuf;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace EnterpriseHub.Cli.Cli;

/// <summary>
/// Everything a command prints goes through here: tables for people (Spectre.Console, colour only on
/// a terminal without <c>NO_COLOR</c>), or with <c>--output json</c> one JSON object per line on
/// standard output and nothing else there. Proto messages are written as proto JSON.
/// </summary>
internal sealed class Output
{
    private static readonly JsonFormatter Formatter = JsonFormatter.Default;

    public Output(TextWriter stdout, TextWriter stderr, OutputFormat format, bool isTerminal, bool noColor)
    {
        Stdout = stdout;
        Stderr = stderr;
        Format = format;
        IsInteractive = isTerminal && !noColor;
        Console = Create(stdout, IsInteractive);
        ErrorConsole = Create(stderr, IsInteractive);
    }

    public OutputFormat Format { get; }

    public bool IsJson => Format == OutputFormat.Json;

    /// <summary>Whether colour and live displays (progress bars) may be used: a terminal, no NO_COLOR.</summary>
    public bool IsInteractive { get; }

    /// <summary>Standard output for tables and progress; never write to it in json mode except via <see cref="Json(IMessage)"/>.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Standard error as a console, for progress displays that must keep stdout clean.</summary>
    public IAnsiConsole ErrorConsole { get; }

    public TextWriter Stdout { get; }

    public TextWriter Stderr { get; }

    /// <summary>Writes one message as one proto JSON line on standard output.</summary>
    public void Json(IMessage message) => Stdout.WriteLine(Formatter.Format(message));

    /// <summary>Writes one JSON object line on standard output, built by <paramref name="write"/> (inside the braces).</summary>
    public void Json(Action<Utf8JsonWriter> write) => Stdout.WriteLine(JsonLine(write));

    /// <summary>A message as proto JSON, for embedding in a table cell or a hand-built line.</summary>
    public static string ToJson(IMessage message) => Formatter.Format(message);

    /// <summary>One JSON object, built by <paramref name="write"/> (inside the braces), as a string without a newline.</summary>
    public static string JsonLine(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes field violations as an array of <c>{"field", "description"}</c> objects named <paramref name="name"/>.</summary>
    public static void WriteViolations(Utf8JsonWriter json, string name, IEnumerable<(string Field, string Description)> violations)
    {
        json.WriteStartArray(name);
        foreach (var (field, description) in violations)
        {
            json.WriteStartObject();
            json.WriteString("field", field);
            json.WriteString("description", description);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>In table mode renders <paramref name="renderable"/>; in json mode writes <paramref name="message"/>.</summary>
    public void Show(IMessage message, Func<IRenderable> renderable)
    {
        if (IsJson)
        {
            Json(message);
        }
        else
        {
            Console.Write(renderable());
        }
    }

    /// <summary>A line of text for people; nothing in json mode (where only results go to stdout).</summary>
    public void Say(string text)
    {
        if (!IsJson)
        {
            Console.Profile.Out.Writer.WriteLine(text);
        }
    }

    /// <summary>A two-column table of names and values.</summary>
    public static Table Pairs(params (string Name, string? Value)[] rows)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("field").AddColumn("value");
        foreach (var (name, value) in rows)
        {
            table.AddRow(Markup.Escape(name), Markup.Escape(value ?? string.Empty));
        }

        return table;
    }

    private static IAnsiConsole Create(TextWriter writer, bool interactive)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        if (!interactive)
        {
            // Redirected output is read by programs and people's pagers: no wrapping at 80 columns.
            console.Profile.Width = 240;
        }

        return console;
    }
}
