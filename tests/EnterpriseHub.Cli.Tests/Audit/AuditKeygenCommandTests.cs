using EnterpriseHub.Transparency.Notes;

namespace EnterpriseHub.Cli.Tests.Audit;

/// <summary><c>hubctl audit keygen</c>: the files it writes, their modes, and what it refuses.</summary>
public sealed class AuditKeygenCommandTests
{
    private readonly string _folder = TestFolders.Create("keys-");

    private string Prefix => Path.Combine(_folder, "audit-log");

    [Fact]
    public async Task Keygen_LogKey_OwnerOnlyKeyWhoseSignaturesTheVkeyVerifies()
    {
        var result = await new CliRunner().RunAsync("audit", "keygen", "audit.hub.example.gov.cn", "--out", Prefix);

        Assert.True(result.ExitCode == 0, result.ToString());
        var vkey = (await File.ReadAllTextAsync(Prefix + ".vkey")).TrimEnd('\n');
        Assert.Equal(vkey, result.Stdout.Trim());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Prefix + ".key"));
        }

        var signer = Ed25519NoteSigner.FromKeyText((await File.ReadAllTextAsync(Prefix + ".key")).TrimEnd('\n'));
        Assert.Equal("audit.hub.example.gov.cn", signer.Name);
        Assert.Equal(vkey, signer.VerifierKey);
        var note = new Checkpoint("audit.hub.example.gov.cn/0123456789abcdef", 1, new byte[32]).Sign(signer).Format();
        Assert.Equal(1, Checkpoint.Open(note, Ed25519NoteVerifier.FromVerifierKey(vkey)).Checkpoint.Size);
        Assert.Throws<NoteFormatException>(() => CosignatureVerifier.FromVerifierKey(vkey));
    }

    [Fact]
    public async Task Keygen_Witness_CosignatureKeyOfTypeFour()
    {
        var result = await new CliRunner().RunAsync("audit", "keygen", "witness.example.org/w1", "--out", Prefix, "--witness", "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var line = Assert.Single(result.JsonLines());
        Assert.Equal("cosignature", line.GetProperty("type").GetString());
        var keyText = (await File.ReadAllTextAsync(Prefix + ".key")).TrimEnd('\n');
        var witness = CosignatureSigner.FromKeyText(keyText, TimeProvider.System);
        Assert.Equal(line.GetProperty("vkey").GetString(), witness.VerifierKey);
        Assert.Equal(NoteText.Hex(witness.KeyId), line.GetProperty("keyId").GetString());
        var vkey = (await File.ReadAllTextAsync(Prefix + ".vkey")).TrimEnd('\n');
        Assert.Equal(witness.VerifierKey, vkey);
        Assert.Equal(witness.KeyId, CosignatureVerifier.FromVerifierKey(vkey).KeyId);
        Assert.Throws<NoteFormatException>(() => Ed25519NoteSigner.FromKeyText(keyText));
    }

    [Theory]
    [InlineData(".key")]
    [InlineData(".vkey")]
    public async Task Keygen_FileExists_RefusedAndNothingChanged(string existing)
    {
        await File.WriteAllTextAsync(Prefix + existing, "kept");

        var result = await new CliRunner().RunAsync("audit", "keygen", "audit.hub.example.gov.cn", "--out", Prefix);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"{Prefix + existing} already exists; hubctl never overwrites it", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("kept", await File.ReadAllTextAsync(Prefix + existing));
        Assert.Equal([Prefix + existing], Directory.GetFiles(_folder));
    }

    [Theory]
    [InlineData("audit log")]
    [InlineData("audit+log")]
    [InlineData("audit\tlog")]
    [InlineData("audit\u3000log")]
    [InlineData("")]
    public async Task Keygen_BadName_RefusedAndNoFile(string name)
    {
        var result = await new CliRunner().RunAsync("audit", "keygen", name, "--out", Prefix);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("cannot name a key: a key name is not empty and holds no space, plus sign or control character", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task Keygen_MissingFolder_UsageError()
    {
        var result = await new CliRunner().RunAsync("audit", "keygen", "audit.hub.example.gov.cn", "--out", Path.Combine(_folder, "absent", "key"));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("Cannot write", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keygen_NoOut_UsageError()
    {
        var result = await new CliRunner().RunAsync("audit", "keygen", "audit.hub.example.gov.cn");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--out", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder));
    }
}
