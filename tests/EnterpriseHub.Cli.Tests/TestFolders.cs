namespace EnterpriseHub.Cli.Tests;

/// <summary>
/// Temporary folders of this test run (profile files, input files, state and rejects files, hub
/// stores), all under one root that is deleted when the test process exits.
/// </summary>
internal static class TestFolders
{
    private static readonly string Root = CreateRoot();

    /// <summary>A new empty folder whose name starts with <paramref name="prefix"/>.</summary>
    public static string Create(string prefix) =>
        System.IO.Directory.CreateDirectory(Path.Combine(Root, prefix + Guid.NewGuid().ToString("N"))).FullName;

    private static string CreateRoot()
    {
        var root = System.IO.Directory.CreateTempSubdirectory("hubctl-tests-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                System.IO.Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // A child process (a killed hubctl, a hub) may still hold a file; the OS's temp
                // cleaning takes what is left.
            }
        };
        return root;
    }
}
