using System.Diagnostics;

namespace EnterpriseHub.Server.Tests.ScaleOut;

/// <summary>
/// A private PostgreSQL cluster and Redis server of one test class, started and stopped through
/// <c>tests/services.sh</c> (the script <c>./test.sh</c> uses), so that a test may take them away
/// and bring them back without disturbing any other test.
/// </summary>
public sealed class TestServices : IAsyncDisposable
{
    private readonly string script;
    private readonly string folder = Path.Combine(Path.GetTempPath(), "hub-services-" + Guid.NewGuid().ToString("N"));

    private TestServices(string script) => this.script = script;

    public string Postgres { get; private set; } = string.Empty;

    public string Redis { get; private set; } = string.Empty;

    public static async Task<TestServices> StartAsync()
    {
        var script = Environment.GetEnvironmentVariable("HUB_TEST_SERVICES");
        if (string.IsNullOrEmpty(script))
        {
            throw new InvalidOperationException(
                "HUB_TEST_SERVICES is not set: these tests need PostgreSQL and Redis; run them through ./test.sh, which starts them.");
        }

        var services = new TestServices(script);
        await services.RunAsync("start");
        var env = await File.ReadAllLinesAsync(Path.Combine(services.folder, "env"));
        services.Postgres = Value(env, "HUB_TEST_POSTGRES");
        services.Redis = Value(env, "HUB_TEST_REDIS");
        return services;
    }

    public Task StopRedisAsync() => RunAsync("redis-stop");

    public Task StartRedisAsync() => RunAsync("redis-start");

    public Task StopPostgresAsync() => RunAsync("postgres-stop");

    public Task StartPostgresAsync() => RunAsync("postgres-start");

    public async ValueTask DisposeAsync() => await RunAsync("stop");

    private async Task RunAsync(string action)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", [script, action, folder])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"services.sh {action} failed ({process.ExitCode}): {await output}{await errors}");
        }
    }

    private static string Value(string[] env, string name)
    {
        var line = env.Single(l => l.StartsWith($"export {name}=", StringComparison.Ordinal));
        return line[(line.IndexOf('=') + 1)..].Trim('\'');
    }
}
