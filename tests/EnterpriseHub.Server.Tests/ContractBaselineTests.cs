namespace EnterpriseHub.Server.Tests;

/// <summary>
/// The contract as last released (<c>protos/released.binpb</c>, a buf image) against
/// <c>protos/</c>: the check ./test.sh runs passes on the tree as it is, and fails, naming what
/// broke, on a copy of the protos with a field taken away or renumbered.
/// </summary>
public sealed class ContractBaselineTests : IDisposable
{
    private static readonly string Baseline = Path.Combine(RepositoryPaths.Root, "protos", "released.binpb");

    private readonly string _copy = Directory.CreateTempSubdirectory("contract-").FullName;

    [Fact]
    public async Task BufBreaking_ProtosAsTheyAre_Pass()
    {
        var (exitCode, output, error) = await RepositoryPaths.RunBufAsync(["breaking", "--against", Baseline]);

        Assert.True(exitCode == 0, output + error);
    }

    [Fact]
    public async Task BufBreaking_FieldRemoved_FailsNamingTheField()
    {
        var file = CopyProtos();
        Edit(file, "exchange.proto", "  string acting_for = 7;\n", string.Empty);

        var (exitCode, output, error) = await RepositoryPaths.RunBufAsync(["breaking", "--against", Baseline], _copy);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("acting_for", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BufBreaking_MethodRemoved_FailsNamingTheMethod()
    {
        var file = CopyProtos();
        var text = File.ReadAllText(Path.Combine(file, "directory.proto"));
        var start = text.IndexOf("  rpc SearchEnterprises(", StringComparison.Ordinal);
        Assert.True(start > 0, "directory.proto declares SearchEnterprises");
        var end = text.IndexOf(';', start) + 1;
        File.WriteAllText(Path.Combine(file, "directory.proto"), text.Remove(start, end - start));

        var (exitCode, output, error) = await RepositoryPaths.RunBufAsync(["breaking", "--against", Baseline], _copy);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("SearchEnterprises", output + error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_copy, recursive: true);

    /// <summary>Copies buf.yaml and protos/ into the temporary folder; returns the copy's enterprisehub/v1 folder.</summary>
    private string CopyProtos()
    {
        File.Copy(Path.Combine(RepositoryPaths.Root, "buf.yaml"), Path.Combine(_copy, "buf.yaml"));
        var source = Path.Combine(RepositoryPaths.Root, "protos", "enterprisehub", "v1");
        var target = Directory.CreateDirectory(Path.Combine(_copy, "protos", "enterprisehub", "v1")).FullName;
        foreach (var proto in Directory.GetFiles(source, "*.proto"))
        {
            File.Copy(proto, Path.Combine(target, Path.GetFileName(proto)));
        }

        return target;
    }

    private static void Edit(string folder, string file, string find, string replacement)
    {
        var path = Path.Combine(folder, file);
        var text = File.ReadAllText(path);
        Assert.Contains(find, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(find, replacement, StringComparison.Ordinal));
    }
}
