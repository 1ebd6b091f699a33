using EnterpriseHub.Core.Facts;
using EnterpriseHub.Server.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace EnterpriseHub.Cli.Tests.Import;

/// <summary>A folder for one test's input files, and what the hub's store holds of them.</summary>
internal sealed class ImportWorkspace(HubFixture hub)
{
    public string Folder { get; } = TestFolders.Create("import-");

    public string File(string name, params string[] lines)
    {
        var path = Path.Combine(Folder, name);
        System.IO.File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }

    /// <summary>Writes <paramref name="count"/> facts from <c>hubctl sample</c> to a new file.</summary>
    public async Task<string> SampleAsync(string name, int count, int seed, string type = "tax.credit_grade", string department = "tax")
    {
        var result = await new CliRunner().RunAsync(["sample", $"{count}", "--type", type, "--seed", $"{seed}", .. CliRunner.Connect(hub, department)]);
        Assert.True(result.ExitCode == 0, result.ToString());
        var path = Path.Combine(Folder, name);
        await System.IO.File.WriteAllTextAsync(path, result.Stdout);
        return path;
    }

    /// <summary>Every fact in the fact log whose record id starts with <paramref name="prefix"/>, counted by record id.</summary>
    public async Task<Dictionary<string, int>> StoredAsync(string prefix)
    {
        var store = hub.Services.GetRequiredService<IFactStore>();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        long after = 0;
        while (true)
        {
            var page = await store.ReadFeedAsync(after, 5000, CancellationToken.None);
            if (page.Count == 0)
            {
                return counts;
            }

            foreach (var fact in page.Where(f => f.SourceRecordId.StartsWith(prefix, StringComparison.Ordinal)))
            {
                counts[fact.SourceRecordId] = counts.GetValueOrDefault(fact.SourceRecordId) + 1;
            }

            after = page[^1].Sequence;
        }
    }

    /// <summary>The highest sequence in the fact log.</summary>
    public async Task<long> HeadAsync()
    {
        var store = hub.Services.GetRequiredService<IFactStore>();
        long after = 0;
        while (await store.ReadFeedAsync(after, 5000, CancellationToken.None) is { Count: > 0 } page)
        {
            after = page[^1].Sequence;
        }

        return after;
    }
}
