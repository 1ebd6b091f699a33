using System.Buffers;
using System.Text.Json;
using EnterpriseHub.Core.Catalog;

namespace EnterpriseHub.Core.Credit;

/// <summary>
/// The parsed rules as compact JSON in a fixed order, the input of <see cref="CreditRules.Fingerprint"/>.
/// Written from the parsed form, not the file's text, so layout and key order do not count but every
/// value that changes an evaluation does (a field's type too: it decides how values compare).
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
        writer.WriteStartArray("conditions");
        foreach (var condition in rule.Conditions)
        {
            writer.WriteStartObject();
            writer.WriteString("field", condition.Field);
            writer.WriteString("type", CatalogSpelling.Of(condition.FieldType));
            writer.WriteString("op", CreditSpelling.Of(condition.Operator));
            writer.WriteStartArray("values");
            foreach (var value in condition.Values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
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
