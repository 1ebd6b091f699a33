using System.Diagnostics;
using System.Text.Json;
using EnterpriseHub.Cli.Import;
using EnterpriseHub.Client;
using EnterpriseHub.Server.Tests;
using EnterpriseHub.Server.Tests.Faults;
using EnterpriseHub.V1;
using Grpc.Core;
using EnterpriseHub.Tests;

namespace EnterpriseHub.Cli.Tests.Import;

[Collection(HubCollection.Name)]
public sealed class ImportFaultTests(HubFixture hub)
{
    [Fact]
    public async Task Import_ProcessKilledMidway_RerunStoresEveryFactOnce()
    {
        var workspace = new ImportWorkspace(hub);
        var input = await workspace.SampleAsync("killed.jsonl", 50_000, seed: 401);
        var statePath = input + ".hubctl-import.json";
        using var watcher = new FileSystemWatcher(workspace.Folder, Path.GetFileName(statePath)) { EnableRaisingEvents = true };
        var progressed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Look(object? sender, FileSystemEventArgs e)
        {
            try
            {
                if (JsonDocument.Parse(File.ReadAllText(statePath)).RootElement.GetProperty("stored").GetInt64() >= 5_000)
                {
                    progressed.TrySetResult();
                }
            }
            catch (Exception exception) when (exception is IOException or JsonException)
            {
                // Replaced while read: the next event reads it again.
            }
        }

        watcher.Renamed += Look;
        watcher.Changed += Look;
        watcher.Created += Look;
        using var child = StartHubctl(["import", input, "--chunk-size", "500", .. CliRunner.Connect(hub, "tax")]);
        var exited = child.WaitForExitAsync();
        var first = await Task.WhenAny(progressed.Task, exited).WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(first == progressed.Task, $"hubctl exited with {(child.HasExited ? child.ExitCode : 0)} before it progressed: {_childOutput}");
        child.Kill(entireProcessTree: true);
        await exited;

        var killedAt = JsonDocument.Parse(File.ReadAllText(statePath)).RootElement;
        Assert.False(killedAt.GetProperty("finished").GetBoolean());
        var rerun = await new CliRunner().RunAsync(["import", input, .. CliRunner.Connect(hub, "tax")]);

        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Contains("resuming", rerun.Stderr, StringComparison.Ordinal);
        var stored = await workspace.StoredAsync("sample-401-");
        Assert.Equal(50_000, stored.Count);
        Assert.All(stored, pair => Assert.Equal(1, pair.Value));
    }

    [Fact]
    public async Task Import_HubKilledAndRestartedMidway_CarriesOnAndStoresEveryFactOnce()
    {
        var root = TestFolders.Create("lost-");
        var first = await HubProcess.StartAsync(root);
        var port = first.Address.Port;
        HubProcess? second = null;
        try
        {
            var connect = new[]
            {
                "--hub", first.Address.ToString(), "--ca", Path.Combine(first.CertsFolder, "ca.crt"),
                "--cert", Path.Combine(first.CertsFolder, "tax.crt"), "--key", Path.Combine(first.CertsFolder, "tax.key"),
            };
            var sample = await new CliRunner().RunAsync(["sample", "20000", "--type", "tax.credit_grade", "--seed", "402", .. connect]);
            Assert.True(sample.ExitCode == 0, sample.ToString());
            var input = Path.Combine(root, "lost.jsonl");
            await File.WriteAllTextAsync(input, sample.Stdout);
            Task? restart = null;
            void OnAcknowledged(string path, ImportCounts counts)
            {
                if (path == input && counts.Acknowledged >= 4_000 && restart is null)
                {
                    restart = Task.Run(async () =>
                    {
                        await first.KillAsync();
                        second = await HubProcess.StartAsync(root, port);
                    });
                }
            }

            ImportEvents.Acknowledged += OnAcknowledged;
            CliResult result;
            try
            {
                using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(4));
                result = await new CliRunner().RunAsync(patience.Token, ["import", input, "--chunk-size", "500", "--output", "json", .. connect]);
            }
            finally
            {
                ImportEvents.Acknowledged -= OnAcknowledged;
            }

            Assert.NotNull(restart);
            await restart;
            Assert.True(result.ExitCode == 0, result.ToString() + first.Log + second?.Log);
            var stored = await CountAsync(second!.Client("tax"), "sample-402-");
            Assert.Equal(20_000, stored.Count);
            Assert.All(stored, pair => Assert.Equal(1, pair.Value));
        }
        finally
        {
            await first.DisposeAsync();
            if (second is not null)
            {
                await second.DisposeAsync();
            }
        }
    }

    /// <summary>The fact log through WatchFacts from the start until the first heartbeat (caught up), by record id.</summary>
    private static async Task<Dictionary<string, int>> CountAsync(HubClient client, string prefix)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var watch = client.Exchange.WatchFacts(new WatchFactsRequest
        {
            FactTypes = { "tax.credit_grade" }, Purpose = "import test", OfficerId = "tester", HeartbeatSeconds = 1,
        }, cancellationToken: timeout.Token);
        while (await watch.ResponseStream.MoveNext(timeout.Token))
        {
            var e = watch.ResponseStream.Current;
            if (e.EventCase == WatchFactsResponse.EventOneofCase.Heartbeat)
            {
                return counts;
            }

            if (e.Fact.SourceRecordId.StartsWith(prefix, StringComparison.Ordinal))
            {
                counts[e.Fact.SourceRecordId] = counts.GetValueOrDefault(e.Fact.SourceRecordId) + 1;
            }
        }

        throw new RpcException(new Status(StatusCode.Unavailable, "the watch ended before it caught up"));
    }

    private readonly System.Text.StringBuilder _childOutput = new();

    /// <summary>
    /// hubctl's own build output, as a user runs it (the copy beside the tests resolves its
    /// dependencies against the test project's deps file, not its own).
    /// </summary>
    internal static string HubctlDll()
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        return Repository.File("clients/csharp/EnterpriseHub.Cli/bin", configuration, "net10.0/EnterpriseHub.Cli.dll");
    }

    private void Keep(string? line)
    {
        lock (_childOutput)
        {
            _childOutput.AppendLine(line);
        }
    }

    private Process StartHubctl(string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(HubctlDll());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
