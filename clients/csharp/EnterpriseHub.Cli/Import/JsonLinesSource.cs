using Google.Protobuf;
using V1 = EnterpriseHub.V1;

namespace EnterpriseHub.Cli.Import;

/// <summary>JSON Lines: each line the proto JSON of one <see cref="V1.FactDraft"/>; unknown fields are problems.</summary>
internal sealed class JsonLinesSource(LineReader reader, FactChecker checker) : FactSource(reader, checker)
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default);

    public override bool TryRead(out ParsedLine line)
    {
        if (!Reader.TryRead(out var input))
        {
            line = null!;
            return false;
        }

        var problems = new List<LineProblem>();
        V1.FactDraft? draft = null;
        if (string.IsNullOrWhiteSpace(input.Text))
        {
            problems.Add(new LineProblem(string.Empty, "is empty; every line must hold one fact"));
        }
        else
        {
            try
            {
                draft = FactDraftJson.TryRead(input.Text) ?? Parser.Parse<V1.FactDraft>(input.Text);
            }
            catch (Exception exception) when (exception is InvalidJsonException or InvalidProtocolBufferException or FormatException)
            {
                problems.Add(new LineProblem(string.Empty, $"is not the proto JSON of a FactDraft: {exception.Message}"));
            }
        }

        if (draft is not null)
        {
            Checker.Check(draft, problems);
        }

        line = new ParsedLine(input, draft, problems);
        return true;
    }
}
