using System.Text.RegularExpressions;
using EnterpriseHub.Client;
using Grpc.Core;
using V1 = EnterpriseHub.V1;

namespace EnterpriseHub.Cli.Import;

/// <summary>
/// Reads which facts of a refused chunk the hub's refusal names. What the hub returns
/// (src/EnterpriseHub.Server: FactExchangeGrpcService.PublishFactStream, HubStatus, AccessGate, AppendPlan):
/// <list type="bullet">
/// <item>INVALID_ARGUMENT with a BadRequest whose fields read <c>chunk[N].facts[i].field</c>; at most
/// 100 violations within about 3 KiB, then one with an empty field saying how many more there were,
/// so a chunk with many bad facts is named only in part.</item>
/// <item>FAILED_PRECONDITION, reason SOURCE_RECORD_CONFLICT, for a record id published before with
/// other content: the message quotes the record id (<c>Record 'id' was published before ...</c>), no index.</item>
/// <item>PERMISSION_DENIED, reason FACT_TYPE_NOT_OWNED: the message lists the foreign types
/// (<c>... refused: a.x, b.y</c>), not the facts.</item>
/// </list>
/// Facts named are rejected; when a refusal names none, the sender splits the chunk to find them.
/// </summary>
internal static partial class RefusalTriage
{
    /// <summary>Whether <paramref name="error"/> refuses facts of the chunk (rather than the whole call).</summary>
    public static bool IsChunkRefusal(HubError error) => error.Code switch
    {
        StatusCode.InvalidArgument => error.FieldViolations.Any(v => FactPath().IsMatch(v.Field)),
        StatusCode.FailedPrecondition => error.Reason == "SOURCE_RECORD_CONFLICT",
        StatusCode.PermissionDenied => error.Reason == "FACT_TYPE_NOT_OWNED",
        _ => false,
    };

    /// <summary>The problems of each fact (by index in <paramref name="facts"/>) that the refusal names.</summary>
    public static Dictionary<int, List<LineProblem>> Named(HubError error, IReadOnlyList<V1.FactDraft> facts)
    {
        var named = new Dictionary<int, List<LineProblem>>();
        void Add(int index, LineProblem problem)
        {
            if (!named.TryGetValue(index, out var list))
            {
                named[index] = list = [];
            }

            list.Add(problem);
        }

        switch (error.Code)
        {
            case StatusCode.InvalidArgument:
                foreach (var violation in error.FieldViolations)
                {
                    var match = FactPath().Match(violation.Field);
                    if (match.Success && int.TryParse(match.Groups[1].ValueSpan, out var index) && index < facts.Count)
                    {
                        Add(index, new LineProblem(match.Groups[2].Value, violation.Description));
                    }
                }

                break;
            case StatusCode.FailedPrecondition when RecordId().Match(error.Message) is { Success: true } match:
                var id = match.Groups[1].Value;
                for (var i = 0; i < facts.Count; i++)
                {
                    if (facts[i].SourceRecordId == id)
                    {
                        Add(i, new LineProblem("source_record_id", error.Message));
                    }
                }

                break;
            case StatusCode.PermissionDenied when ForeignTypes().Match(error.Message) is { Success: true } match:
                var types = match.Groups[1].Value.Split(", ", StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
                for (var i = 0; i < facts.Count; i++)
                {
                    if (types.Contains(facts[i].FactType))
                    {
                        Add(i, new LineProblem("fact_type", error.Message));
                    }
                }

                break;
        }

        return named;
    }

    /// <summary>INVALID_ARGUMENT rather than InvalidArgument, as the hub's documentation and the rejects file spell it.</summary>
    public static string StatusName(StatusCode code) =>
        string.Concat(code.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();

    [GeneratedRegex(@"^chunk\[\d+\]\.facts\[(\d+)\]\.?(.*)$")]
    private static partial Regex FactPath();

    [GeneratedRegex(@"^Record '(.*)' was published before")]
    private static partial Regex RecordId();

    [GeneratedRegex(@"refused: (.+)$")]
    private static partial Regex ForeignTypes();
}
