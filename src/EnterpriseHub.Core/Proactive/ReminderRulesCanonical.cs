using System.Buffers;
using System.Text.Json;

namespace EnterpriseHub.Core.Proactive;

/// <summary>
/// The parsed reminders as compact JSON in a fixed order, the input of <see cref="ReminderRules.Fingerprint"/>.
/// Written from the parsed form, so layout, key order and a condition's comments do not count but
/// every value that changes what is due does.
/// </summary>
internal static class ReminderRulesCanonical
{
    public static byte[] Utf8(ReminderRules rules)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", rules.Version);
            writer.WriteStartArray("reminders");
            foreach (var rule in rules.Rules)
            {
                writer.WriteStartObject();
                writer.WriteString("name", rule.Name);
                switch (rule.Schedule)
                {
                    case ReminderSchedule.FactDate date:
                        writer.WriteString("factType", date.FactType);
                        writer.WriteString("dateField", date.DateField);
                        break;
                    case ReminderSchedule.Calendar calendar:
                        writer.WriteString("monthDay", $"{calendar.Month:00}-{calendar.Day:00}");
                        break;
                }

                writer.WriteNumber("daysBefore", rule.DaysBefore);
                if (rule.When is { } when)
                {
                    writer.WriteString("when", when.Canonical);
                }

                writer.WriteString("kind", rule.Kind.ToString().ToLowerInvariant());
                writer.WriteString("title", rule.Title);
                writer.WriteString("body", rule.Body);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
