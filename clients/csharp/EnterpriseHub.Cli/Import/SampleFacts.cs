using System.Globalization;
using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Enterprises;
using Google.Protobuf.WellKnownTypes;
using V1 = EnterpriseHub.V1;

namespace EnterpriseHub.Cli.Import;

/// <summary>
/// Valid fact drafts of one type for walkthroughs and benchmarks, the same for the same seed:
/// USCCs of one division with correct check characters (the Core's <see cref="Uscc"/>), one
/// enterprise and one unique record id per fact, attributes drawn from the schema's field types and enums.
/// </summary>
internal sealed class SampleFacts(FactTypeDefinition type, string division, int seed)
{
    private static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public IEnumerable<V1.FactDraft> Generate(long count)
    {
        var random = new Random(seed);
        for (long i = 0; i < count; i++)
        {
            var attributes = new Struct();
            foreach (var field in type.Fields)
            {
                if (field.Required || random.Next(2) == 0)
                {
                    attributes.Fields[field.Name] = ValueFor(field, i, random);
                }
            }

            yield return new V1.FactDraft
            {
                Uscc = UsccFor(i),
                FactType = type.Name,
                Attributes = attributes,
                EffectiveTime = Timestamp.FromDateTimeOffset(Epoch.AddSeconds(i)),
                SourceRecordId = $"sample-{seed}-{i}",
            };
        }
    }

    /// <summary>The <paramref name="index"/>th code of the division: organisation code from the index, both check characters computed.</summary>
    public string UsccFor(long index)
    {
        var organization = ((index + ((long)seed * 7919)) % 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
        var first17 = "91" + division + organization + Uscc.ComputeOrganizationCheckCharacter(organization);
        return first17 + Uscc.ComputeCheckCharacter(first17);
    }

    private static Value ValueFor(FieldSchema field, long index, Random random) => field.Type switch
    {
        FieldType.Integer => Value.ForNumber(random.Next(0, 1_000_000)),
        FieldType.Decimal => Value.ForNumber(Math.Round(random.NextDouble() * 1_000_000, 2)),
        FieldType.Boolean => Value.ForBool(random.Next(2) == 0),
        FieldType.Date => Value.ForString(DateOnly.FromDateTime(Epoch.UtcDateTime).AddDays(-random.Next(0, 9000)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        FieldType.Enum => Value.ForString(field.EnumValues[random.Next(field.EnumValues.Count)]),
        _ => Value.ForString(Clip($"{field.Name} {index}", field.MaxLength)),
    };

    private static string Clip(string text, int? maxLength) => maxLength is { } max && text.Length > max ? text[..max] : text;
}
