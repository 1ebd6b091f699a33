using EnterpriseHub.Core.Catalog;

namespace EnterpriseHub.Core.Proactive;

/// <summary>Comparisons and lists: both sides of one type, an order only where values have one, literals a field could hold.</summary>
internal sealed partial class ConditionChecker
{
    private Typed Compare(CompareSyntax syntax)
    {
        var left = Expression(syntax.Left);
        var right = Expression(syntax.Right);
        var node = new CompareNode(syntax.Compare, left.Node, right.Node);
        var op = syntax.Operator;
        if (left.Shape == Shape.Error || right.Shape == Shape.Error)
        {
            return new Typed(node, syntax, Shape.Boolean);
        }

        if (Comparable(left.Shape) != Comparable(right.Shape))
        {
            var hint = (left.Shape == Shape.Date && right.Syntax is StringSyntax) || (right.Shape == Shape.Date && left.Syntax is StringSyntax)
                ? "; write a date as date(\"YYYY-MM-DD\")"
                : "";
            Problem(op.At, $"'{op.Text}' cannot compare {Word(left)} with {Word(right)}{hint}");
        }
        else if (syntax.Compare is CompareOperator.Equal or CompareOperator.NotEqual)
        {
            Holdable(left, right);
            Holdable(right, left);
        }
        else if (left.Shape == Shape.Boolean)
        {
            Problem(op.At, $"'{op.Text}' does not order booleans; use == or !=");
        }
        else if (left.Shape == Shape.Enum || right.Shape == Shape.Enum)
        {
            var path = left.Shape == Shape.Enum ? left.Path : right.Path;
            Problem(op.At, $"'{op.Text}' does not order {path}: an enum's values have no order; use in [...]");
        }

        return new Typed(node, syntax, Shape.Boolean);
    }

    private Typed In(InSyntax syntax)
    {
        var left = Expression(syntax.Left);
        var items = syntax.Items.Select(Expression).ToList();
        if (items.Count == 0)
        {
            Problem(syntax.ListAt, "an empty list matches nothing; list at least one value");
        }

        // Against the left side when its type is known, else against the list's first value: a list holds one type.
        var reference = left.Shape != Shape.Error ? left : items.FirstOrDefault(item => item.Shape != Shape.Error);
        foreach (var item in items)
        {
            if (item.Shape == Shape.Error || reference is null || ReferenceEquals(item, reference))
            {
                continue;
            }

            if (Comparable(item.Shape) != Comparable(reference.Shape))
            {
                Problem(item.Syntax.At, ReferenceEquals(reference, left)
                    ? $"{Describe(item.Syntax)} is {Article(item.Shape)}, but {Describe(left.Syntax)} is {Article(left.Shape)}"
                    : $"{Describe(item.Syntax)} is {Article(item.Shape)} in a list of {Plural(reference.Shape)}; a list holds values of one type");
            }
            else if (ReferenceEquals(reference, left))
            {
                Holdable(left, item);
            }
        }

        var values = items.Select(item => item.Literal ?? ConditionValue.Unknown).ToList();
        return new Typed(new InNode(left.Node, values, syntax.Negated), syntax, Shape.Boolean);
    }

    /// <summary>Reports a literal <paramref name="other"/> that <paramref name="operand"/> can never equal.</summary>
    private void Holdable(Typed operand, Typed other)
    {
        if (other.Literal is not { } literal)
        {
            return;
        }

        var field = operand.Field;
        var reason = literal.Kind switch
        {
            ValueKind.String when operand.Shape == Shape.Enum && !field!.EnumValues.Contains(literal.Text, StringComparer.Ordinal) =>
                $"\"{literal.Text}\" is not a value of {operand.Path}; its values are: {string.Join(", ", field.EnumValues)}",
            ValueKind.String when field is { Type: FieldType.String, MaxLength: { } max } && literal.Text.Length > max =>
                $"\"{literal.Text}\" is longer than the {max} characters {operand.Path} holds, so it never matches",
            ValueKind.String when operand.Field is null && operand.Path == "division" && !IsDivision(literal.Text) =>
                $"division is 6 digits, so it never equals \"{literal.Text}\"",
            ValueKind.Number when field is { Type: FieldType.Integer } && literal.Number != decimal.Truncate(literal.Number) =>
                $"{operand.Path} holds integers, so it never equals {((NumberSyntax)other.Syntax).Text}",
            _ => null,
        };

        if (reason is not null)
        {
            Problem(other.Syntax.At, reason);
        }
    }

    private static bool IsDivision(string text) => text.Length == 6 && text.All(char.IsAsciiDigit);

    /// <summary>Enum values are strings: an enum compares with a string.</summary>
    private static Shape Comparable(Shape shape) => shape == Shape.Enum ? Shape.String : shape;

    private static string Word(Typed typed) => $"{Article(typed.Shape)} ({Describe(typed.Syntax)})";

    private static string Article(Shape shape) => shape switch
    {
        Shape.String => "a string",
        Shape.Number => "a number",
        Shape.Boolean => "a boolean",
        Shape.Date => "a date",
        Shape.Enum => "an enum",
        _ => "an error",
    };

    private static string Plural(Shape shape) => shape switch
    {
        Shape.String or Shape.Enum => "strings",
        Shape.Number => "numbers",
        Shape.Boolean => "booleans",
        _ => "dates",
    };

    /// <summary>An operand as a message names it: as written for names and literals.</summary>
    private static string Describe(ConditionSyntax syntax) => syntax switch
    {
        NameSyntax name => name.Text,
        StringSyntax text => $"\"{text.Value}\"",
        NumberSyntax number => number.Text,
        BooleanSyntax flag => flag.Value ? "true" : "false",
        DateSyntax date => $"date(\"{date.Text}\")",
        ExistsSyntax exists => $"exists({exists.Type.Text})",
        _ => "the condition",
    };
}
