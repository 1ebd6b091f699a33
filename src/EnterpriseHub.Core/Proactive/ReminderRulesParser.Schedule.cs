using System.Globalization;
using System.Text.RegularExpressions;
using EnterpriseHub.Core.Catalog;

namespace EnterpriseHub.Core.Proactive;

/// <summary>Where a rule's deadline comes from: a date field of a fact type in the catalog, or a day every year has.</summary>
internal sealed partial class ReminderRulesParser
{
    /// <summary>Either factType and dateField or monthDay, never both.</summary>
    private ReminderSchedule? Schedule(Dictionary<string, LineProperty> properties, LineJson node, string path)
    {
        var typeNode = Member(properties, node, path, "factType", required: false);
        var fieldNode = Member(properties, node, path, "dateField", required: false);
        var monthDayNode = Member(properties, node, path, "monthDay", required: false);
        if (monthDayNode is not null)
        {
            foreach (var (other, otherNode) in new[] { ("factType", typeNode), ("dateField", fieldNode) })
            {
                if (otherNode is not null)
                {
                    Problem(otherNode.Line, Join(path, other), "does not go with monthDay: a reminder follows either a fact's date (factType and dateField) or a day of the year (monthDay)");
                }
            }

            return MonthDay(monthDayNode, Join(path, "monthDay"));
        }

        if (typeNode is null && fieldNode is null)
        {
            Problem(node.Line, path, "needs either factType and dateField (a date in a fact) or monthDay (a day every year)");
            return null;
        }

        var typeName = String(Member(properties, node, path, "factType", required: true), Join(path, "factType"), nonBlank: false);
        var fieldName = String(Member(properties, node, path, "dateField", required: true), Join(path, "dateField"), nonBlank: false);
        FactTypeDefinition? type = null;
        if (typeName is not null && !types.TryGetValue(typeName, out type))
        {
            Problem(typeNode!.Line, Join(path, "factType"), $"'{typeName}' is not a fact type in the catalog");
        }

        if (type is null || fieldName is null)
        {
            return null;
        }

        if (type.Field(fieldName) is not { } field)
        {
            Problem(fieldNode!.Line, Join(path, "dateField"), $"'{fieldName}' is not a field of {type.Name}");
            return null;
        }

        if (field.Type != FieldType.Date)
        {
            Problem(fieldNode!.Line, Join(path, "dateField"), $"'{fieldName}' is {CatalogSpelling.Of(field.Type)}; a reminder needs a date field");
            return null;
        }

        return new ReminderSchedule.FactDate(type.Name, field.Name);
    }

    private ReminderSchedule.Calendar? MonthDay(LineJson node, string path)
    {
        if (String(node, path, nonBlank: false) is not { } text)
        {
            return null;
        }

        if (text == "02-29")
        {
            Problem(node.Line, path, "'02-29' is not a day of every year; use 02-28 or 03-01");
            return null;
        }

        // 2001 is no leap year: the day must exist every year.
        if (!MonthDayPattern().IsMatch(text)
            || !DateOnly.TryParseExact("2001-" + text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            Problem(node.Line, path, $"'{text}' is not a day of the year MM-DD, e.g. 06-30");
            return null;
        }

        return new ReminderSchedule.Calendar(day.Month, day.Day);
    }

    [GeneratedRegex("^[0-9]{2}-[0-9]{2}$")]
    private static partial Regex MonthDayPattern();
}
