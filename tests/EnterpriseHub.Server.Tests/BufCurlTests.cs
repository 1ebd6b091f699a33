using System.Diagnostics;
using System.Text.Json;
using EnterpriseHub.Tests;

namespace EnterpriseHub.Server.Tests;

/// <summary>
/// The README's operator commands, run with the real buf CLI (installed by ./test.sh from
/// package.json) against the real hub: reflection, a lookup, and refusal without a certificate.
/// </summary>
[Collection(HubCollection.Name)]
public sealed class BufCurlTests(HubFixture hub)
{
    [Fact]
    public async Task BufCurl_ListMethods_WorksThroughReflection()
    {
        var (exitCode, output, error) = await BufCurlAsync(withCertificate: true, "--list-methods", Target(""));

        Assert.True(exitCode == 0, error);
        Assert.Contains("enterprisehub.v1.EnterpriseDirectory/GetEnterprise", output, StringComparison.Ordinal);
        Assert.Contains("enterprisehub.v1.FactExchange/PublishFacts", output, StringComparison.Ordinal);
        Assert.Contains("grpc.health.v1.Health/Check", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BufCurl_GetEnterprise_ReturnsTheDemoEnterprise()
    {
        var (exitCode, output, error) = await BufCurlAsync(withCertificate: true,
            "-d", """{"uscc":"91440115MA5HUB013L","purpose":"demo","officerId":"tax-0042"}""",
            Target("enterprisehub.v1.EnterpriseDirectory/GetEnterprise"));

        Assert.True(exitCode == 0, error);
        using var reply = JsonDocument.Parse(output);
        var enterprise = reply.RootElement.GetProperty("enterprise");
        Assert.Equal("91440115MA5HUB013L", enterprise.GetProperty("uscc").GetString());
        Assert.True(enterprise.GetProperty("facts").GetArrayLength() >= 3);
    }

    [Fact]
    public async Task BufCurl_ConsistencyProof_TakesTheSizesAsTheReadmeWritesThem()
    {
        await hub.Client("tax").Directory.GetEnterpriseAsync(
            new V1.GetEnterpriseRequest { Uscc = "91440115MA5HUB013L", Purpose = "demo", OfficerId = "tax-0042" });

        var (exitCode, output, error) = await BufCurlAsync(withCertificate: true,
            "-d", """{"firstSize":"1","secondSize":"1"}""", Target("enterprisehub.v1.Audit/GetConsistencyProof"));

        Assert.True(exitCode == 0, error);
        using var reply = JsonDocument.Parse(output);
        Assert.Equal("1", reply.RootElement.GetProperty("secondSize").GetString());
        Assert.Equal(32, Convert.FromBase64String(reply.RootElement.GetProperty("secondRootHash").GetString()!).Length);
    }

    [Fact]
    public async Task BufCurl_MalformedUscc_InvalidArgumentNamingTheField()
    {
        var (exitCode, _, error) = await BufCurlAsync(withCertificate: true,
            "-d", """{"uscc":"91440115MA5HUB013X","purpose":"demo","officerId":"tax-0042"}""",
            Target("enterprisehub.v1.EnterpriseDirectory/GetEnterprise"));

        Assert.NotEqual(0, exitCode);
        using var status = JsonDocument.Parse(error);
        Assert.Equal("invalid_argument", status.RootElement.GetProperty("code").GetString());
        var detail = status.RootElement.GetProperty("details").EnumerateArray()
            .Single(d => d.GetProperty("type").GetString() == "google.rpc.BadRequest");
        var badRequest = Google.Rpc.BadRequest.Parser.ParseFrom(Convert.FromBase64String(Base64Padded(detail.GetProperty("value").GetString()!)));
        Assert.Equal("uscc", Assert.Single(badRequest.FieldViolations).Field);
    }

    [Fact]
    public async Task BufCurl_WithoutClientCertificate_ConnectionRefusedBeforeAnyCall()
    {
        // With the schema from the proto files, so the refusal is the call's own and not a failed
        // reflection lookup. Under TLS 1.3 the hub judges the certificate after the client's
        // last handshake message.
        var (exitCode, output, error) = await BufCurlAsync(withCertificate: false,
            "--schema", Path.Combine(RepositoryPaths.Root, "protos"),
            "-d", """{"uscc":"91440115MA5HUB013L","purpose":"demo","officerId":"tax-0042"}""",
            Target("enterprisehub.v1.EnterpriseDirectory/GetEnterprise"));

        // The refusal reaches buf as the connection closing, reset, or a TLS alert, depending on
        // timing; whichever, buf fails and prints no reply.
        Assert.True(exitCode != 0, error);
        Assert.Empty(output);
    }

    private static string Base64Padded(string value) => value.PadRight(value.Length + ((4 - (value.Length % 4)) % 4), '=');

    private string Target(string method) => $"https://127.0.0.1:{hub.Address.Port}/{method}";

    private async Task<(int ExitCode, string Output, string Error)> BufCurlAsync(bool withCertificate, params string[] args)
    {
        List<string> arguments = ["curl", "--protocol", "grpc", "--cacert", Path.Combine(hub.CertsFolder, "ca.crt")];
        if (withCertificate)
        {
            arguments.AddRange(["--cert", Path.Combine(hub.CertsFolder, "tax.crt"), "--key", Path.Combine(hub.CertsFolder, "tax.key")]);
        }

        arguments.AddRange(args);
        return await RepositoryPaths.RunBufAsync(arguments);
    }
}

internal static class RepositoryPaths
{
    public static string Root => Repository.Root;

    /// <summary>The buf CLI from the repository's package.json (<c>npm ci</c>, run by ./test.sh).</summary>
    public static string Buf
    {
        get
        {
            var path = Path.Combine(Root, "node_modules", ".bin", "buf");
            return File.Exists(path)
                ? path
                : throw new InvalidOperationException($"{path} is missing: run ./test.sh, or `npm ci` in {Root}, first.");
        }
    }

    /// <summary>Runs the buf CLI and returns its exit code and what it wrote.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunBufAsync(
        IEnumerable<string> args, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(Buf)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Root,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
