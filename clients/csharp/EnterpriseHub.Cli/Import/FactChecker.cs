using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Errors;
using EnterpriseHub.Core.Facts;
using Google.Protobuf;
using V1 = EnterpriseHub.V1;

namespace EnterpriseHub.Cli.Import;

/// <summary>
/// The checks the hub makes of a published fact, made here first with the Core's own rules
/// (<see cref="Uscc"/>, <see cref="FactTypeName"/>, <see cref="AttributeValidator"/>,
/// <see cref="TextRules"/>, the default <see cref="PublishOptions"/> limits), so that a bad line is
/// reported with its line number before anything is sent and never reaches the hub. Only what the
/// store alone knows (a record id published before with other content) is left to the hub.
/// </summary>
internal sealed class FactChecker(TypeCatalog catalog, string department, bool skip = false)
{
    private static readonly PublishOptions Limits = new();

    public string Department { get; } = department;

    public void Check(V1.FactDraft draft, List<LineProblem> problems)
    {
        if (skip)
        {
            // Test-only (--dangerous-skip-local-check): let the hub alone judge the lines.
            return;
        }

        if (!Uscc.TryParse(draft.Uscc, out _, out var usccProblem))
        {
            problems.Add(new LineProblem("uscc", usccProblem));
        }

        FactTypeDefinition? definition = null;
        if (FactTypeName.Problem(draft.FactType) is { } typeProblem)
        {
            problems.Add(new LineProblem("fact_type", typeProblem));
        }
        else if ((definition = catalog.Find(draft.FactType)) is null)
        {
            problems.Add(new LineProblem("fact_type", "is not in the catalog"));
        }
        else if (definition.Owner != Department)
        {
            problems.Add(new LineProblem(
                "fact_type", $"is owned by '{definition.Owner}'; '{Department}' may publish only its own fact types"));
        }

        CheckAttributes(draft, definition, problems);
        if (draft.EffectiveTime is null && !problems.Exists(p => p.Field == "effective_time"))
        {
            problems.Add(new LineProblem("effective_time", "is required"));
        }
        else if (draft.EffectiveTime is { } time && (time.Seconds is < -62135596800L or > 253402300799L || time.Nanos is < 0 or > 999_999_999))
        {
            problems.Add(new LineProblem("effective_time", "must be between years 1 and 9999"));
        }

        if (string.IsNullOrWhiteSpace(draft.SourceRecordId))
        {
            problems.Add(new LineProblem("source_record_id", "is required"));
        }
        else if (draft.SourceRecordId.Length > Limits.MaxSourceRecordIdLength)
        {
            problems.Add(new LineProblem("source_record_id", $"must be at most {Limits.MaxSourceRecordIdLength} characters"));
        }
        else if (TextRules.HasControlCharacters(draft.SourceRecordId))
        {
            problems.Add(new LineProblem("source_record_id", TextRules.ControlCharactersProblem));
        }
    }

    private static void CheckAttributes(V1.FactDraft draft, FactTypeDefinition? definition, List<LineProblem> problems)
    {
        if (draft.Attributes is null)
        {
            problems.Add(new LineProblem("attributes", "is required (an object, possibly empty)"));
            return;
        }

        var json = JsonFormatter.Default.Format(draft.Attributes);
        if (json.Length > Limits.MaxAttributesLength)
        {
            problems.Add(new LineProblem("attributes", $"must be at most {Limits.MaxAttributesLength} characters as JSON"));
        }
        else if (definition is not null)
        {
            var violations = new List<FieldViolation>();
            AttributeValidator.Validate(definition, json, "attributes", violations);
            problems.AddRange(violations.Select(v => new LineProblem(v.Field, v.Description)));
        }
    }
}
