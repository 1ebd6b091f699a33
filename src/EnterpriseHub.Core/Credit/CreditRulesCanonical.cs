using System.Buffers;
using System.Text.Json;

namespace EnterpriseHub.Core.Credit;

/// <summary>
/// The parsed rules as compact JSON in a fixed order, the input of <see cref="CreditRules.Fingerprint"/>.
/// Written from the parsed form, not the file's text, so layout, key order and a condition's layout and
/// comments do not count but every value that changes an evaluation does. A condition counts by its
/// canonical form: the type checker makes its literals of its fields' kinds, so a catalog change to a
/// field's type either leaves the comparison as it was (string and enum, integer and decimal) or
/// stops the file from loading.
/// </summary>
internal static class CreditRulesCanonical
{
    public static byte[] Utf8(CreditRules rules)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", rules.Version);
            writer.WriteStartObject("thresholds");
            writer.WriteString("B", CreditSpelling.Of(rules.Thresholds.B));
            writer.WriteString("C", CreditSpelling.Of(rules.Thresholds.C));
            writer.WriteString("D", CreditSpelling.Of(rules.Thresholds.D));
            writer.WriteEndObject();
            writer.WriteStartObject("floors");
            foreach (var severity in Enum.GetValues<Severity>())
            {
                if (rules.Floors.TryGetValue(severity, out var level))
                {
                    writer.WriteString(CreditSpelling.Of(severity), level.ToString());
                }
            }

            writer.WriteEndObject();
            writer.WriteStartArray("rules");
            foreach (var rule in rules.Rules)
            {
                Rule(writer, rule);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void Rule(Utf8JsonWriter writer, CreditRule rule)
    {
        writer.WriteStartObject();
        writer.WriteString("name", rule.Name);
        writer.WriteString("factType", rule.FactType);
        if (rule.When is { } when)
        {
            writer.WriteString("when", when.Canonical);
        }

        writer.WriteString("severity", CreditSpelling.Of(rule.Severity));
        switch (rule.Weight)
        {
            case CreditWeight.Fixed fixedWeight:
                writer.WriteString("weight", CreditSpelling.Of(fixedWeight.Value));
                break;
            case CreditWeight.ByField byField:
                writer.WriteStartObject("weight");
                writer.WriteString("field", byField.Field);
                writer.WriteString("per", CreditSpelling.Of(byField.Per));
                writer.WriteString("max", CreditSpelling.Of(byField.Max));
                writer.WriteEndObject();
                break;
        }

        if (rule.WindowDays is { } windowDays)
        {
            writer.WriteNumber("windowDays", windowDays);
        }

        if (rule.Each is { } each)
        {
            writer.WriteString("each", each);
        }

        writer.WriteString("reason", rule.Reason);
        writer.WriteEndObject();
    }
}
