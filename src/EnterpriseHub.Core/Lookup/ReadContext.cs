using EnterpriseHub.Core.Errors;

namespace EnterpriseHub.Core.Lookup;

/// <summary>Who reads, on whose behalf, and why. Every read carries one, and every read is audited with it.</summary>
/// <param name="ActingFor">The enterprise a portal acts for, checked by the access table before the call; empty for departments.</param>
public sealed record ReadContext(string Caller, string RequestId, string Purpose, string OfficerId, string ActingFor = "")
{
    public const int MaxPurposeLength = 500;
    public const int MaxOfficerIdLength = 64;

    /// <summary>What a portal write says when it names no person.</summary>
    public const string MissingPerson = "is required: name the person at the enterprise who does this";

    /// <summary>Adds the problems of purpose and officer id to <paramref name="violations"/>.</summary>
    public void Validate(List<FieldViolation> violations)
    {
        if (string.IsNullOrWhiteSpace(Purpose))
        {
            violations.Add(new FieldViolation("purpose", "is required: state the legal basis or case number of this read"));
        }
        else if (Purpose.Length > MaxPurposeLength)
        {
            violations.Add(new FieldViolation("purpose", $"must be at most {MaxPurposeLength} characters"));
        }
        else if (TextRules.HasControlCharacters(Purpose))
        {
            violations.Add(new FieldViolation("purpose", TextRules.ControlCharactersProblem));
        }

        ValidateOfficer(OfficerId, violations, "is required: name the officer on whose behalf the system reads");
    }

    /// <summary>
    /// Adds the problems of an officer id to <paramref name="violations"/>: the same rule for the
    /// officer behind a read and for the person behind a portal write.
    /// </summary>
    /// <param name="missing">What to say when it is missing.</param>
    public static void ValidateOfficer(string officerId, List<FieldViolation> violations, string missing)
    {
        ArgumentNullException.ThrowIfNull(violations);
        if (string.IsNullOrWhiteSpace(officerId))
        {
            violations.Add(new FieldViolation("officer_id", missing));
        }
        else if (officerId.Length > MaxOfficerIdLength)
        {
            violations.Add(new FieldViolation("officer_id", $"must be at most {MaxOfficerIdLength} characters"));
        }
        else if (TextRules.HasControlCharacters(officerId))
        {
            violations.Add(new FieldViolation("officer_id", TextRules.ControlCharactersProblem));
        }
    }
}
