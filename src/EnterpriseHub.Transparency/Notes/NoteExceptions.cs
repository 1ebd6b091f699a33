namespace EnterpriseHub.Transparency.Notes;

/// <summary>A note, key, checkpoint or proof whose text is outside its format's grammar.</summary>
public sealed class NoteFormatException(string message) : Exception(message);

/// <summary>A well-formed note whose signatures do not establish what the caller requires.</summary>
public sealed class NoteSignatureException(string message) : Exception(message);
