namespace EnterpriseHub.Core.Proactive;

/// <summary>A 1-based place in a condition's text.</summary>
internal readonly record struct ConditionPosition(int Line, int Column)
{
    public ConditionProblem Problem(string reason) => new(Line, Column, reason);

    public override string ToString() => $"line {Line}, column {Column}";
}

internal enum TokenKind
{
    End,
    Identifier,
    String,
    Number,
    Dot,
    Comma,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    Not,
    And,
    Or,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <param name="Text">An identifier's name, a string's value (escapes resolved), a number as written, an operator's spelling.</param>
internal readonly record struct ConditionToken(TokenKind Kind, string Text, ConditionPosition At)
{
    public bool IsWord(string word) => Kind == TokenKind.Identifier && Text == word;

    /// <summary>The token as an error message names it.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.End => "the end of the condition",
        TokenKind.String => $"the string \"{Text}\"",
        _ => $"'{Text}'",
    };
}
