using System.Globalization;
using EnterpriseHub.Core.Catalog;

namespace EnterpriseHub.Core.Proactive;

/// <summary>
/// Type-checks a parsed condition against the catalog and builds the tree that evaluates it. It
/// reads on past a problem (an operand in error raises none of its own further up), so one pass
/// reports every problem.
/// </summary>
/// <param name="scope">
/// When set, the condition is tested on one fact of this type (a credit rule's): it reads only that
/// type's fields, and builtins and <c>exists</c> are refused.
/// </param>
internal sealed partial class ConditionChecker(IReadOnlyCollection<FactTypeDefinition> catalog, string? scope = null)
{
    private static readonly string[] Builtins = ["zone", "division", "industry", "name", "uscc"];

    private readonly Dictionary<string, FactTypeDefinition> types =
        catalog.DistinctBy(type => type.Name).ToDictionary(type => type.Name, StringComparer.Ordinal);

    private readonly List<ConditionProblem> problems = [];

    private enum Shape
    {
        Error,
        String,
        Number,
        Boolean,
        Date,
        Enum,
    }

    /// <summary>The fact types the condition reads.</summary>
    public SortedSet<string> FactTypes { get; } = new(StringComparer.Ordinal);

    /// <exception cref="ConditionException">Every problem, in text order.</exception>
    public ConditionNode Check(ConditionSyntax root)
    {
        var typed = Expression(root);
        RequireCondition(typed);
        return problems.Count == 0
            ? typed.Node
            : throw new ConditionException([.. problems.OrderBy(problem => problem.Line).ThenBy(problem => problem.Column)]);
    }

    /// <param name="Path">What the operand names: a builtin or owner.type.field, for messages and the division check.</param>
    private sealed record Typed(ConditionNode Node, ConditionSyntax Syntax, Shape Shape, FieldSchema? Field = null, string? Path = null)
    {
        public static Typed Error(ConditionSyntax syntax) => new(new LiteralNode(ConditionValue.Unknown), syntax, Shape.Error);

        public ConditionValue? Literal => Node is LiteralNode literal ? literal.Value : null;
    }

    private Typed Expression(ConditionSyntax syntax) => syntax switch
    {
        StringSyntax text => new Typed(new LiteralNode(ConditionValue.Of(text.Value)), syntax, Shape.String),
        NumberSyntax number => Number(number),
        BooleanSyntax flag => new Typed(new LiteralNode(ConditionValue.Of(flag.Value)), syntax, Shape.Boolean),
        DateSyntax date => Date(date),
        NameSyntax name => Name(name),
        ExistsSyntax exists => Exists(exists),
        NotSyntax not => Not(not),
        LogicalSyntax logical => Logical(logical),
        CompareSyntax compare => Compare(compare),
        InSyntax list => In(list),
        _ => throw new ArgumentOutOfRangeException(nameof(syntax), syntax, null),
    };

    private Typed Number(NumberSyntax syntax)
    {
        if (decimal.TryParse(syntax.Text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return new Typed(new LiteralNode(ConditionValue.Of(value)), syntax, Shape.Number);
        }

        Problem(syntax.At, $"{syntax.Text} is beyond the numbers a condition can hold");
        return Typed.Error(syntax);
    }

    private Typed Date(DateSyntax syntax)
    {
        if (ConditionValue.TryDate(syntax.Text, out var day))
        {
            return new Typed(new LiteralNode(ConditionValue.Of(day)), syntax, Shape.Date);
        }

        Problem(syntax.TextAt, $"\"{syntax.Text}\" is not a date; write date(\"YYYY-MM-DD\") with a real calendar day");
        return Typed.Error(syntax);
    }

    private Typed Exists(ExistsSyntax syntax)
    {
        if (scope is not null)
        {
            Problem(syntax.At, $"exists(...) does not apply here: the condition is tested on a fact of {scope}, which exists");
            return Typed.Error(syntax);
        }

        if (syntax.Type.Parts.Count != 2)
        {
            Problem(syntax.Type.At, $"exists takes a fact type owner.type, e.g. exists(amr.business_license), not '{syntax.Type.Text}'");
            return Typed.Error(syntax);
        }

        return FactType(syntax.Type) is { } type
            ? new Typed(new ExistsNode(type.Name), syntax, Shape.Boolean)
            : Typed.Error(syntax);
    }

    private Typed Not(NotSyntax syntax)
    {
        var operand = Expression(syntax.Operand);
        RequireCondition(operand);
        return new Typed(new NotNode(operand.Node), syntax, Shape.Boolean);
    }

    private Typed Logical(LogicalSyntax syntax)
    {
        var left = Expression(syntax.Left);
        var right = Expression(syntax.Right);
        RequireCondition(left);
        RequireCondition(right);
        return new Typed(new LogicalNode(syntax.IsAnd, left.Node, right.Node), syntax, Shape.Boolean);
    }

    private void RequireCondition(Typed typed)
    {
        if (typed.Shape is not (Shape.Boolean or Shape.Error))
        {
            Problem(typed.Syntax.At, $"{Describe(typed.Syntax)} is {Article(typed.Shape)}, not a condition; compare it with a value");
        }
    }

    private void Problem(ConditionPosition at, string reason) => problems.Add(at.Problem(reason));
}
