namespace EnterpriseHub.Core.Errors;

/// <summary>
/// What free text a caller sends (record ids, purposes, officer ids, reasons) may hold. Control
/// characters other than tab and line breaks are refused: they make audit records unreadable, and
/// PostgreSQL cannot store the NUL character at all.
/// </summary>
public static class TextRules
{
    public const string ControlCharactersProblem = "must not contain control characters";

    public static bool HasControlCharacters(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c) && c is not ('\t' or '\r' or '\n'))
            {
                return true;
            }
        }

        return false;
    }
}
