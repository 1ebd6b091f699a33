using System.Text.RegularExpressions;
using EnterpriseHub.Client;
using EnterpriseHub.Server.Tests;
using EnterpriseHub.Transparency.Notes;
using Microsoft.Extensions.Options;

namespace EnterpriseHub.Web.Tests.Http;

/// <summary>
/// Who read my data, proven by the page's own check of the hub's signed checkpoint: proven under
/// the checkpoint line, and refused (every record ✗) when the page's keys do not hold.
/// </summary>
[Collection(WebCollection.Name)]
public sealed partial class ReadsCheckpointTests(WebFixture web)
{
    public static TheoryData<string, string, string> Languages => new()
    {
        {
            "zh-CN",
            @"已依据审计日志的检查点核验（共 (\d+) 条记录），该检查点由 enterprisehub\.dev/audit 于 \d{4}-\d\d-\d\d \d\d:\d\d 签名。",
            "尚无见证方联署该检查点。"
        },
        {
            "en",
            @"Proven against the audit log&#x27;s checkpoint of (\d+) records, signed by enterprisehub\.dev/audit on \d{4}-\d\d-\d\d \d\d:\d\d\.",
            "No witness has cosigned it yet."
        },
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Reads_DepartmentReadInASignedCheckpoint_ShownProvenUnderTheCheckpointLine(string culture, string line, string witnesses)
    {
        var officer = await DepartmentReadsAsync();
        using var client = await web.SignedInAsync("li-na", culture);

        // Once no record is pending, the checkpoint on the page is the hub's latest, so it is dated.
        var page = await Reload.UntilAsync(
            () => client.GetStringAsync("/reads"),
            p => Reload.Rows(p).Any(r => r.Contains(officer, StringComparison.Ordinal)) && !p.Contains("class=\"pending\"", StringComparison.Ordinal),
            $"the read by {officer} in a checkpoint");

        var row = Assert.Single(Reload.Rows(page), r => r.Contains(officer, StringComparison.Ordinal));
        Assert.Contains("<td class=\"proven\"", row, StringComparison.Ordinal);
        var checkpoint = Regex.Match(page, line);
        Assert.True(checkpoint.Success, $"no checkpoint line in {page}");
        var sequence = long.Parse(SequenceInTitle().Match(row).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(sequence, 1, long.Parse(checkpoint.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(witnesses, page, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"unproven\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"warning\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_ReadNewerThanTheCheckpoint_PendingUntilTheNextCheckpointProvesIt()
    {
        // A hub whose signer moves only with its clock: it signs the demo zone's log as it starts, then waits.
        var clock = HubSetup.NewClock();
        var (hub, address) = await HubFixture.StartHubAsync(
            Path.Combine(web.Hub.Root, "hub-on-a-fake-clock"), web.Certs, new HubSetup { Demo = true, Clock = clock });
        await using var stopHub = hub;
        using var tax = HubClient.Create(HubClientOptions.FromFolder(address, web.Certs, "tax"));
        var first = await Checkpoints.CoveringAsync(tax, 1);
        var officer = await DepartmentReadsAsync(tax);
        await using var app = await web.StartWebAsync(address.ToString());
        using var client = await SignedInAsync(app);

        var pending = await client.GetStringAsync("/reads");

        var row = Assert.Single(Reload.Rows(pending), r => r.Contains(officer, StringComparison.Ordinal));
        Assert.Matches("<td class=\"pending\" title=\"第 \\d+ 条记录晚于审计日志最新的已签名检查点：将依据下一个检查点核验。\">待核验——将纳入下一个检查点</td>", row);
        Assert.Contains($"已依据审计日志的检查点核验（共 {first.TreeSize} 条记录）", pending, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"unproven\"", pending, StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromSeconds(0.2));
        var proven = await Reload.UntilAsync(
            () => client.GetStringAsync("/reads"),
            p => Reload.Rows(p).Single(r => r.Contains(officer, StringComparison.Ordinal)).Contains("class=\"proven\"", StringComparison.Ordinal),
            $"the read by {officer} proven by the next checkpoint");
        Assert.DoesNotContain($"（共 {first.TreeSize} 条记录）", proven, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_CheckpointCosignedByAWitnessThePageKnows_NamesTheWitness()
    {
        // The witness must know the hub's origin (its key's name and its store's log id), and the
        // hub the witness's address: a first start of the hub learns the origin, a second sends to the witness.
        var root = Path.Combine(web.Hub.Root, "hub-with-a-witness");
        string origin;
        var (first, firstAddress) = await HubFixture.StartHubAsync(root, web.Certs, new HubSetup { Demo = true });
        await using (first)
        {
            using var admin = HubClient.Create(HubClientOptions.FromFolder(firstAddress, web.Certs, "admin"));
            origin = (await Checkpoints.CoveringAsync(admin, 1)).Origin;
            await first.StopAsync();
        }

        var witnessFolder = Directory.CreateDirectory(Path.Combine(web.Hub.Root, "witness")).FullName;
        var witnessKey = Witness();
        File.WriteAllText(Path.Combine(witnessFolder, "witness.key"), witnessKey.ToKeyText() + "\n");
        await using var witness = await EnterpriseHub.Witness.Tests.WitnessServer.StartAsync(witnessFolder, File.ReadAllText(web.AuditLogKey).Trim(), origin);
        var (hub, address) = await HubFixture.StartHubAsync(root, web.Certs, new HubSetup
        {
            Arguments = [$"--Hub:Audit:Witnesses:0:Url={witness.Client.BaseAddress}", $"--Hub:Audit:Witnesses:0:VerifierKey={witnessKey.VerifierKey}"],
        });
        await using var stopHub = hub;
        await using var app = await web.StartWebAsync(
            address.ToString(), $"--Web:AuditLog:WitnessKeys:0={witnessKey.VerifierKey}", "--Web:AuditLog:WitnessQuorum=1");
        using var client = await SignedInAsync(app);

        var page = await Reload.UntilAsync(
            () => client.GetStringAsync("/reads"),
            p => p.Contains("联署该检查点的见证方：witness.example/w1。", StringComparison.Ordinal) && p.Contains("class=\"proven\"", StringComparison.Ordinal),
            "the checkpoint cosigned by witness.example/w1");

        Assert.DoesNotContain("class=\"warning\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("尚无见证方联署该检查点", page, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"unproven\"", page, StringComparison.Ordinal);
    }

    /// <summary>Keys the page may be given that the hub's checkpoints do not satisfy, and why each is refused.</summary>
    public static TheoryData<string, string> Distrusted => new()
    {
        // The log's name with another key: the note bears no signature the page can check.
        { "other-log-key", "the note has no valid signature by a known key" },
        // The right key, but a witness the page requires has not cosigned.
        { "unheard-witness", "0 of the 1 known witnesses cosigned; 1 are required" },
    };

    [Theory]
    [MemberData(nameof(Distrusted))]
    public async Task Reads_PageKeysTheCheckpointDoesNotSatisfy_WarnsAndShowsEveryRecordUnproven(string keys, string problem)
    {
        await DepartmentReadsAsync();
        string[] args = keys == "other-log-key"
            ? [$"--Web:AuditLog:VerifierKeyPath={web.ForeignAuditLogKey()}"]
            : [$"--Web:AuditLog:WitnessKeys:0={Witness().VerifierKey}", "--Web:AuditLog:WitnessQuorum=1"];
        await using var app = await web.StartWebAsync(web.Hub.Address.ToString(), args);
        using var client = await SignedInAsync(app);

        var page = await Reload.UntilAsync(() => client.GetStringAsync("/reads"), p => p.Contains("class=\"warning\"", StringComparison.Ordinal), "the warning");

        Assert.Contains("<div class=\"warning\" role=\"alert\">", page, StringComparison.Ordinal);
        Assert.Contains("警告：审计日志的检查点未能通过本页密钥的验证，下列记录均无法证明已记入日志。", page, StringComparison.Ordinal);
        Assert.Contains($"<p class=\"code\">{problem}</p>", page, StringComparison.Ordinal);
        var rows = Reload.Rows(page);
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.Contains(
            $"<td class=\"unproven\" title=\"{problem}\">✗ 未通过验证<span class=\"reason\">检查点未通过验证</span></td>", row, StringComparison.Ordinal));
        Assert.DoesNotContain("class=\"proven\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("已依据审计日志的检查点核验", page, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> UnusableLogKeys => new()
    {
        { "not a key", "holds no audit log verifier key: verifier key is not name+keyid+key" },
        // A witness's key is of another signature type than a log's.
        { Witness().VerifierKey, "holds no audit log verifier key: verifier key is not of signature type 0x01" },
    };

    [Theory]
    [MemberData(nameof(UnusableLogKeys))]
    public async Task Start_LogKeyFileHoldsNoLogKey_Refused(string content, string problem)
    {
        var path = WriteKey($"unusable-{Guid.NewGuid():N}.vkey", content);

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => web.StartWebAsync(
            web.Hub.Address.ToString(), $"--Web:AuditLog:VerifierKeyPath={path}"));

        Assert.Equal($"Web:AuditLog:VerifierKeyPath '{path}' {problem}.", Assert.Single(failure.Failures));
    }

    [Fact]
    public async Task Start_AuditLogKeysThatCannotWork_ReportsEveryProblemAtOnce()
    {
        var witness = Witness().VerifierKey;

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => web.StartWebAsync(
            web.Hub.Address.ToString(),
            "--Web:AuditLog:VerifierKeyPath=/nonexistent/audit-log.vkey",
            "--Web:AuditLog:WitnessKeys:0=not a key",
            $"--Web:AuditLog:WitnessKeys:1={witness}",
            $"--Web:AuditLog:WitnessKeys:2={witness}",
            "--Web:AuditLog:WitnessQuorum=4"));

        Assert.Equal(
            [
                $"Web:AuditLog:VerifierKeyPath '/nonexistent/audit-log.vkey' does not exist (working directory {Directory.GetCurrentDirectory()}).",
                "Web:AuditLog:WitnessKeys:0 is no witness verifier key: verifier key is not name+keyid+key.",
                "Web:AuditLog:WitnessKeys names a witness twice.",
                "Web:AuditLog:WitnessQuorum must be 1 to the 3 witness keys, not 4.",
            ],
            failure.Failures);
    }

    [Fact]
    public async Task Start_EmptyLogKeyPathOrNoQuorum_Refused()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => web.StartWebAsync(
            web.Hub.Address.ToString(),
            "--Web:AuditLog:VerifierKeyPath=",
            $"--Web:AuditLog:WitnessKeys:0={Witness().VerifierKey}",
            "--Web:AuditLog:WitnessQuorum=0"));

        Assert.Equal(
            ["Web:AuditLog:VerifierKeyPath is required.", "Web:AuditLog:WitnessQuorum must be 1 to the 1 witness keys, not 0."],
            failure.Failures);
    }

    /// <summary>Tax reads enterprise A (at the fixture's hub unless told) for an officer of its own; returns the officer's id, which names the read's row.</summary>
    private async Task<string> DepartmentReadsAsync(HubClient? tax = null)
    {
        var officer = $"tax-{Guid.NewGuid():N}"[..12];
        await web.DepartmentReadsAsync("tax", officer, "纳税信用复核 (2026)粤税复字第 17 号", tax);
        return officer;
    }

    private async Task<HttpClient> SignedInAsync(Microsoft.AspNetCore.Builder.WebApplication app)
    {
        var (main, signIn) = WebFixture.AddressesOf(app);
        var client = web.Browser(web.UserCertificate("li-na"), main: main);
        using var response = await client.GetAsync(signIn);
        response.EnsureSuccessStatusCode();
        return client;
    }

    private string WriteKey(string file, string vkey)
    {
        var path = Path.Combine(web.Hub.Root, file);
        File.WriteAllText(path, vkey + "\n");
        return path;
    }

    private static CosignatureSigner Witness() => new("witness.example/w1", Ed25519Key.Generate(), TimeProvider.System);

    [GeneratedRegex("title=\"(?:第 |Record )(\\d+)")]
    private static partial Regex SequenceInTitle();
}
