namespace EnterpriseHub.Tests;

/// <summary>
/// The repository checkout the tests run in, found upwards from the test binaries (linked into
/// each test project that reads a shipped file).
/// </summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    /// <summary>A path under the root, e.g. <c>File("src", "EnterpriseHub.Server", "Catalog", "catalog.json")</c>.</summary>
    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(directory.FullName, "EnterpriseHub.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The tests must run inside the repository checkout: no EnterpriseHub.slnx above their binaries.");
    }
}
