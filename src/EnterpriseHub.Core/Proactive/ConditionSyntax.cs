namespace EnterpriseHub.Core.Proactive;

/// <summary>How a comparison compares.</summary>
internal enum CompareOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <summary>The parser's tree: the condition as written, each node with the place of its first token.</summary>
internal abstract record ConditionSyntax(ConditionPosition At);

internal sealed record StringSyntax(ConditionPosition At, string Value) : ConditionSyntax(At);

internal sealed record NumberSyntax(ConditionPosition At, string Text) : ConditionSyntax(At);

internal sealed record BooleanSyntax(ConditionPosition At, bool Value) : ConditionSyntax(At);

/// <param name="TextAt">Where the quoted date starts, for a problem with the date itself.</param>
internal sealed record DateSyntax(ConditionPosition At, ConditionPosition TextAt, string Text) : ConditionSyntax(At);

/// <summary>A builtin (one part) or a fact reference (owner.type or owner.type.field).</summary>
internal sealed record NameSyntax(ConditionPosition At, IReadOnlyList<ConditionToken> Parts) : ConditionSyntax(At)
{
    public string Text => string.Join(".", Parts.Select(part => part.Text));
}

internal sealed record ExistsSyntax(ConditionPosition At, NameSyntax Type) : ConditionSyntax(At);

internal sealed record NotSyntax(ConditionPosition At, ConditionSyntax Operand) : ConditionSyntax(At);

internal sealed record LogicalSyntax(ConditionPosition At, ConditionToken Operator, ConditionSyntax Left, ConditionSyntax Right)
    : ConditionSyntax(At)
{
    public bool IsAnd => Operator.Kind == TokenKind.And;
}

internal sealed record CompareSyntax(
    ConditionPosition At, ConditionToken Operator, CompareOperator Compare, ConditionSyntax Left, ConditionSyntax Right)
    : ConditionSyntax(At);

internal sealed record InSyntax(
    ConditionPosition At, ConditionToken Operator, bool Negated, ConditionSyntax Left, ConditionPosition ListAt, IReadOnlyList<ConditionSyntax> Items)
    : ConditionSyntax(At);
