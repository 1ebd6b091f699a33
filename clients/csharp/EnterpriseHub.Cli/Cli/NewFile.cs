namespace EnterpriseHub.Cli.Cli;

/// <summary>
/// Files hubctl makes for the user to keep (signing keys, proof files): created, never replaced,
/// since overwriting a key or a saved proof loses something that cannot be made again.
/// </summary>
internal static class NewFile
{
    /// <summary>UTF-8 without a byte order mark: note and key formats start with their first character.</summary>
    private static readonly System.Text.UTF8Encoding NoteEncoding = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>A usage error (nothing written, nothing sent) naming every one of <paramref name="paths"/> that exists.</summary>
    public static void EnsureAbsent(params string[] paths)
    {
        var existing = paths.Where(Path.Exists).ToList();
        if (existing.Count > 0)
        {
            throw new CliUsageException($"{string.Join(", ", existing)} already exists; hubctl never overwrites it: choose another name, or move the file away first.");
        }
    }

    /// <summary>
    /// Writes <paramref name="text"/> to a new file at <paramref name="path"/>, readable by its owner
    /// only (0600, from its creation on) when <paramref name="ownerOnly"/>; a usage error if the file
    /// exists or its folder does not.
    /// </summary>
    public static void Write(string path, string text, bool ownerOnly = false)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (ownerOnly && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var writer = new StreamWriter(path, NoteEncoding, options);
            writer.Write(text);
        }
        catch (IOException) when (Path.Exists(path))
        {
            // Created by someone else between the check and now.
            EnsureAbsent(path);
            throw;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"Cannot write {path}: {exception.Message}");
        }
    }
}
