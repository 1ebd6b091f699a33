using System.Text;

namespace EnterpriseHub.Core.Proactive;

/// <summary>
/// Splits a condition into tokens, skipping whitespace, newlines and <c>//</c> comments. Columns
/// count characters as a reader sees them (a character outside the Basic Multilingual Plane is one).
/// </summary>
internal sealed class ConditionLexer(string source)
{
    private int index;
    private int line = 1;
    private int column = 1;

    /// <summary>The tokens, ending with <see cref="TokenKind.End"/>.</summary>
    /// <exception cref="ConditionException">Text that is no token, with its place.</exception>
    public List<ConditionToken> Tokenize()
    {
        var tokens = new List<ConditionToken>();
        while (true)
        {
            SkipBlanks();
            if (index >= source.Length)
            {
                tokens.Add(new ConditionToken(TokenKind.End, "", Here));
                return tokens;
            }

            tokens.Add(Next());
        }
    }

    private ConditionPosition Here => new(line, column);

    private char Peek(int ahead) => index + ahead < source.Length ? source[index + ahead] : '\0';

    private void Advance()
    {
        var c = source[index++];
        if (c == '\n' || (c == '\r' && Peek(0) != '\n'))
        {
            line++;
            column = 1;
        }
        else if (!char.IsLowSurrogate(c))
        {
            column++;
        }
    }

    private void SkipBlanks()
    {
        while (index < source.Length)
        {
            if (source[index] == '/' && Peek(1) == '/')
            {
                while (index < source.Length && source[index] is not ('\n' or '\r'))
                {
                    Advance();
                }
            }
            else if (char.IsWhiteSpace(source[index]))
            {
                Advance();
            }
            else
            {
                return;
            }
        }
    }

    private ConditionToken Next()
    {
        var at = Here;
        var c = source[index];
        return c switch
        {
            '(' => Symbol(TokenKind.LeftParen, "("),
            ')' => Symbol(TokenKind.RightParen, ")"),
            '[' => Symbol(TokenKind.LeftBracket, "["),
            ']' => Symbol(TokenKind.RightBracket, "]"),
            ',' => Symbol(TokenKind.Comma, ","),
            '.' => Symbol(TokenKind.Dot, "."),
            '!' => Peek(1) == '=' ? Symbol(TokenKind.NotEqual, "!=") : Symbol(TokenKind.Not, "!"),
            '<' => Peek(1) == '=' ? Symbol(TokenKind.LessOrEqual, "<=") : Symbol(TokenKind.Less, "<"),
            '>' => Peek(1) == '=' ? Symbol(TokenKind.GreaterOrEqual, ">=") : Symbol(TokenKind.Greater, ">"),
            '=' when Peek(1) == '=' => Symbol(TokenKind.Equal, "=="),
            '=' => throw Fail(at, "'=' is not an operator; compare with '=='"),
            '&' when Peek(1) == '&' => Symbol(TokenKind.And, "&&"),
            '&' => throw Fail(at, "a single '&' is not an operator; use '&&'"),
            '|' when Peek(1) == '|' => Symbol(TokenKind.Or, "||"),
            '|' => throw Fail(at, "a single '|' is not an operator; use '||'"),
            '"' => String(),
            _ when char.IsAsciiDigit(c) || (c == '-' && char.IsAsciiDigit(Peek(1))) => Number(),
            _ when char.IsAsciiLetter(c) || c == '_' => Identifier(),
            _ => throw Fail(at, $"unexpected character '{source.Substring(index, char.IsHighSurrogate(c) && index + 1 < source.Length ? 2 : 1)}'"),
        };
    }

    private ConditionToken Symbol(TokenKind kind, string text)
    {
        var at = Here;
        foreach (var _ in text)
        {
            Advance();
        }

        return new ConditionToken(kind, text, at);
    }

    private ConditionToken Identifier()
    {
        var at = Here;
        var start = index;
        while (index < source.Length && (char.IsAsciiLetterOrDigit(source[index]) || source[index] == '_'))
        {
            Advance();
        }

        return new ConditionToken(TokenKind.Identifier, source[start..index], at);
    }

    private ConditionToken Number()
    {
        var at = Here;
        var start = index;
        if (source[index] == '-')
        {
            Advance();
        }

        SkipDigits();
        if (Peek(0) == '.')
        {
            Advance();
            if (!char.IsAsciiDigit(Peek(0)))
            {
                throw Fail(at, $"'{source[start..index]}' is not a number; write digits after the '.'");
            }

            SkipDigits();
        }

        if (char.IsAsciiLetter(Peek(0)) || Peek(0) == '_')
        {
            throw Fail(at, $"'{source[start..index]}{Peek(0)}' is not a number; put a space or an operator after a number");
        }

        return new ConditionToken(TokenKind.Number, source[start..index], at);
    }

    private void SkipDigits()
    {
        while (char.IsAsciiDigit(Peek(0)))
        {
            Advance();
        }
    }

    private ConditionToken String()
    {
        var at = Here;
        Advance();
        var text = new StringBuilder();
        while (true)
        {
            if (index >= source.Length || source[index] is '\n' or '\r')
            {
                throw Fail(at, "the string is not closed; end it with '\"' on the same line");
            }

            var c = source[index];
            if (c == '"')
            {
                Advance();
                return new ConditionToken(TokenKind.String, text.ToString(), at);
            }

            if (c == '\\')
            {
                var escape = Here;
                Advance();
                if (Peek(0) is not ('"' or '\\'))
                {
                    throw Fail(escape, "unknown escape; inside a string write \\\" for a quote and \\\\ for a backslash");
                }
            }

            text.Append(source[index]);
            Advance();
        }
    }

    private static ConditionException Fail(ConditionPosition at, string reason) => new([at.Problem(reason)]);
}
