namespace EnterpriseHub.Core.Proactive;

/// <summary>
/// Recursive descent over the tokens, one method per precedence level, loosest first:
/// <code>
/// condition  := or END
/// or         := and ( "||" and )*
/// and        := not ( "&amp;&amp;" not )*
/// not        := "!" not | comparison
/// comparison := value [ ( "==" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=" ) value | [ "not" ] "in" list ]
/// value      := literal | name ( "." name )* | "exists" "(" name "." name ")" | "(" or ")"
/// list       := "[" [ literal ( "," literal )* ] "]"
/// literal    := string | number | "true" | "false" | "date" "(" string ")"
/// </code>
/// <c>&amp;&amp;</c> and <c>||</c> group to the left; comparisons do not chain. Stops at the first syntax error.
/// </summary>
internal sealed class ConditionParser
{
    private readonly List<ConditionToken> tokens;
    private int next;

    private ConditionParser(List<ConditionToken> tokens) => this.tokens = tokens;

    private ConditionToken Peek => tokens[next];

    /// <exception cref="ConditionException">The first syntax error.</exception>
    public static ConditionSyntax Parse(string source)
    {
        var parser = new ConditionParser(new ConditionLexer(source).Tokenize());
        if (parser.Peek.Kind == TokenKind.End)
        {
            throw Fail(parser.Peek, "the condition is empty");
        }

        var root = parser.Or();
        return parser.Peek.Kind == TokenKind.End ? root : throw Fail(parser.Peek, $"expected && or || before {parser.Peek.Describe()}");
    }

    private ConditionSyntax Or()
    {
        var left = And();
        while (Peek.Kind == TokenKind.Or)
        {
            var op = Take();
            left = new LogicalSyntax(left.At, op, left, And());
        }

        return left;
    }

    private ConditionSyntax And()
    {
        var left = Not();
        while (Peek.Kind == TokenKind.And)
        {
            var op = Take();
            left = new LogicalSyntax(left.At, op, left, Not());
        }

        return left;
    }

    private ConditionSyntax Not() =>
        Peek.Kind == TokenKind.Not ? new NotSyntax(Take().At, Not()) : Comparison();

    private ConditionSyntax Comparison()
    {
        var left = Value();
        ConditionSyntax result;
        if (CompareOf(Peek.Kind) is { } compare)
        {
            var op = Take();
            result = new CompareSyntax(left.At, op, compare, left, Value());
        }
        else if (Peek.IsWord("in"))
        {
            var op = Take();
            result = List(left, op, negated: false);
        }
        else if (Peek.IsWord("not"))
        {
            var op = Take();
            if (!Peek.IsWord("in"))
            {
                throw Fail(Peek, $"expected 'in' after 'not', found {Peek.Describe()} (to negate a condition, write '!')");
            }

            Take();
            result = List(left, op with { Text = "not in" }, negated: true);
        }
        else
        {
            return left;
        }

        if (CompareOf(Peek.Kind) is not null || Peek.IsWord("in") || Peek.IsWord("not"))
        {
            throw Fail(Peek, "comparisons do not chain; join them with && or put one in parentheses");
        }

        return result;
    }

    private InSyntax List(ConditionSyntax left, ConditionToken op, bool negated)
    {
        var open = Expect(TokenKind.LeftBracket, $"expected '[' after '{op.Text}'");
        var items = new List<ConditionSyntax>();
        if (Peek.Kind != TokenKind.RightBracket)
        {
            while (true)
            {
                items.Add(Literal() ?? throw Fail(Peek, $"expected a value in the list (a string, a number, true, false or date(\"YYYY-MM-DD\")), found {Peek.Describe()}"));
                if (Peek.Kind != TokenKind.Comma)
                {
                    break;
                }

                Take();
            }
        }

        Expect(TokenKind.RightBracket, $"expected ',' or ']' to close the '[' at {open.At}");
        return new InSyntax(left.At, op, negated, left, open.At, items);
    }

    private ConditionSyntax Value()
    {
        if (Literal() is { } literal)
        {
            return literal;
        }

        var token = Peek;
        if (token.Kind == TokenKind.LeftParen)
        {
            Take();
            var inner = Or();
            Expect(TokenKind.RightParen, $"expected ')' to close the '(' at {token.At}");
            return inner;
        }

        if (token.IsWord("exists") && tokens[next + 1].Kind == TokenKind.LeftParen)
        {
            Take();
            Take();
            var type = Name();
            Expect(TokenKind.RightParen, "expected ')' after the fact type in exists(...)");
            return new ExistsSyntax(token.At, type);
        }

        if (token.Kind == TokenKind.Identifier && !token.IsWord("in") && !token.IsWord("not"))
        {
            return Name();
        }

        throw Fail(token, $"expected a value, found {token.Describe()}");
    }

    /// <summary>A literal, or null (consuming nothing) when the next token starts none.</summary>
    private ConditionSyntax? Literal()
    {
        var token = Peek;
        switch (token.Kind)
        {
            case TokenKind.String:
                Take();
                return new StringSyntax(token.At, token.Text);
            case TokenKind.Number:
                Take();
                return new NumberSyntax(token.At, token.Text);
            case TokenKind.Identifier when token.Text is "true" or "false":
                Take();
                return new BooleanSyntax(token.At, token.Text == "true");
            case TokenKind.Identifier when token.Text == "date" && tokens[next + 1].Kind == TokenKind.LeftParen:
                Take();
                Take();
                var text = Expect(TokenKind.String, "expected a date in quotes, e.g. date(\"2026-06-30\")");
                Expect(TokenKind.RightParen, "expected ')' after the date");
                return new DateSyntax(token.At, text.At, text.Text);
            default:
                return null;
        }
    }

    private NameSyntax Name()
    {
        var parts = new List<ConditionToken> { Expect(TokenKind.Identifier, "expected a name") };
        while (Peek.Kind == TokenKind.Dot)
        {
            Take();
            parts.Add(Expect(TokenKind.Identifier, "expected a name after '.'"));
        }

        return new NameSyntax(parts[0].At, parts);
    }

    private ConditionToken Take() => tokens[next++];

    private ConditionToken Expect(TokenKind kind, string reason) =>
        Peek.Kind == kind ? Take() : throw Fail(Peek, $"{reason}, found {Peek.Describe()}");

    private static CompareOperator? CompareOf(TokenKind kind) => kind switch
    {
        TokenKind.Equal => CompareOperator.Equal,
        TokenKind.NotEqual => CompareOperator.NotEqual,
        TokenKind.Less => CompareOperator.Less,
        TokenKind.LessOrEqual => CompareOperator.LessOrEqual,
        TokenKind.Greater => CompareOperator.Greater,
        TokenKind.GreaterOrEqual => CompareOperator.GreaterOrEqual,
        _ => null,
    };

    private static ConditionException Fail(ConditionToken token, string reason) => new([token.At.Problem(reason)]);
}
