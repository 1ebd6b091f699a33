using System.Text;
using EnterpriseHub.Core.Catalog;

namespace EnterpriseHub.Core.Proactive;

/// <summary>
/// The checked tree that evaluates a condition. Unknown is not a match: a comparison, an <c>in</c>
/// or a <c>not in</c> with an unknown side is false, and <c>!</c> negates that result.
/// </summary>
internal abstract class ConditionNode
{
    public abstract ConditionValue Evaluate(IConditionFacts facts);

    /// <summary>Appends the canonical form: every comparison and connective in parentheses, shorthands resolved, no comments.</summary>
    public abstract void Write(StringBuilder text);
}

internal sealed class LiteralNode(ConditionValue value) : ConditionNode
{
    public ConditionValue Value { get; } = value;

    public override ConditionValue Evaluate(IConditionFacts facts) => Value;

    public override void Write(StringBuilder text) => Value.Write(text);
}

internal sealed class BuiltinNode(string name) : ConditionNode
{
    public override ConditionValue Evaluate(IConditionFacts facts) => facts.Builtin(name);

    public override void Write(StringBuilder text) => text.Append(name);
}

internal sealed class FieldNode(string factType, FieldSchema field) : ConditionNode
{
    public override ConditionValue Evaluate(IConditionFacts facts) => facts.Attribute(factType, field.Name, field.Type);

    public override void Write(StringBuilder text) => text.Append(factType).Append('.').Append(field.Name);
}

internal sealed class ExistsNode(string factType) : ConditionNode
{
    public override ConditionValue Evaluate(IConditionFacts facts) => ConditionValue.Of(facts.Exists(factType));

    public override void Write(StringBuilder text) => text.Append("exists(").Append(factType).Append(')');
}

internal sealed class NotNode(ConditionNode operand) : ConditionNode
{
    public override ConditionValue Evaluate(IConditionFacts facts) => ConditionValue.Of(!operand.Evaluate(facts).IsTrue);

    public override void Write(StringBuilder text)
    {
        text.Append('!');
        operand.Write(text);
    }
}

internal sealed class LogicalNode(bool isAnd, ConditionNode left, ConditionNode right) : ConditionNode
{
    public override ConditionValue Evaluate(IConditionFacts facts) =>
        ConditionValue.Of(isAnd
            ? left.Evaluate(facts).IsTrue && right.Evaluate(facts).IsTrue
            : left.Evaluate(facts).IsTrue || right.Evaluate(facts).IsTrue);

    public override void Write(StringBuilder text)
    {
        text.Append('(');
        left.Write(text);
        text.Append(isAnd ? " && " : " || ");
        right.Write(text);
        text.Append(')');
    }
}

internal sealed class CompareNode(CompareOperator op, ConditionNode left, ConditionNode right) : ConditionNode
{
    public override ConditionValue Evaluate(IConditionFacts facts)
    {
        var a = left.Evaluate(facts);
        var b = right.Evaluate(facts);
        if (a.Kind == ValueKind.Unknown || b.Kind == ValueKind.Unknown)
        {
            return ConditionValue.Of(false);
        }

        var order = a.CompareTo(b);
        return ConditionValue.Of(op switch
        {
            CompareOperator.Equal => order == 0,
            CompareOperator.NotEqual => order != 0,
            CompareOperator.Less => order < 0,
            CompareOperator.LessOrEqual => order <= 0,
            CompareOperator.Greater => order > 0,
            _ => order >= 0,
        });
    }

    public override void Write(StringBuilder text)
    {
        text.Append('(');
        left.Write(text);
        text.Append(' ').Append(Spelling(op)).Append(' ');
        right.Write(text);
        text.Append(')');
    }

    public static string Spelling(CompareOperator op) => op switch
    {
        CompareOperator.Equal => "==",
        CompareOperator.NotEqual => "!=",
        CompareOperator.Less => "<",
        CompareOperator.LessOrEqual => "<=",
        CompareOperator.Greater => ">",
        _ => ">=",
    };
}

internal sealed class InNode(ConditionNode left, IReadOnlyList<ConditionValue> values, bool negated) : ConditionNode
{
    public override ConditionValue Evaluate(IConditionFacts facts)
    {
        var value = left.Evaluate(facts);
        if (value.Kind == ValueKind.Unknown)
        {
            return ConditionValue.Of(false);
        }

        var found = false;
        foreach (var candidate in values)
        {
            found |= value.CompareTo(candidate) == 0;
        }

        return ConditionValue.Of(found != negated);
    }

    public override void Write(StringBuilder text)
    {
        text.Append('(');
        left.Write(text);
        text.Append(negated ? " not in [" : " in [");
        for (var i = 0; i < values.Count; i++)
        {
            text.Append(i == 0 ? "" : ", ");
            values[i].Write(text);
        }

        text.Append("])");
    }
}
