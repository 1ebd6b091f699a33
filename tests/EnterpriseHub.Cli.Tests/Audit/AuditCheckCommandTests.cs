using System.Text;
using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Audit.Merkle;
using EnterpriseHub.Transparency.Notes;

namespace EnterpriseHub.Cli.Tests.Audit;

/// <summary><c>hubctl audit check</c> on proof files of a log built here: no hub, no certificates.</summary>
public sealed class AuditCheckCommandTests
{
    private readonly ProofWorkspace _log = new();

    [Fact]
    public async Task Check_GenuineProof_ExitZeroWithRecordAndCheckpoint()
    {
        var file = _log.Save(_log.Proof(4));

        var result = await new CliRunner().RunAsync(_log.Check(file));

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var shown in new[]
        {
            "record 4 is in the log of 7 records", "2026-11-20T08:34:00Z", "tax-0042", "read", ProofWorkspace.Enterprise,
            "tax.credit_grade, tax.registration", "case 2026-17", "req-4", "corr-4", ProofWorkspace.Origin,
            "witness.a.example/w1, witness.b.example/w2 (2; 2 required)",
        })
        {
            Assert.Contains(shown, result.Stdout, StringComparison.Ordinal);
        }

        Assert.Empty(result.Stderr);
    }

    [Fact]
    public async Task Check_Json_OneObjectWithEveryField()
    {
        var file = _log.Save(_log.Proof(7));

        var result = await new CliRunner().RunAsync(_log.Check(file, "-o", "json"));

        Assert.True(result.ExitCode == 0, result.ToString());
        var proven = Assert.Single(result.JsonLines());
        Assert.True(proven.GetProperty("proven").GetBoolean());
        Assert.Equal(7, proven.GetProperty("sequence").GetInt64());
        Assert.Equal("tax", proven.GetProperty("caller").GetString());
        Assert.Equal([ProofWorkspace.Enterprise], proven.GetProperty("enterprises").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("ok", proven.GetProperty("outcome").GetString());
        Assert.Equal("req-7", proven.GetProperty("requestId").GetString());
        Assert.Equal(ProofWorkspace.Origin, proven.GetProperty("origin").GetString());
        Assert.Equal(7, proven.GetProperty("treeSize").GetInt64());
        Assert.Equal(2, proven.GetProperty("cosignedBy").GetArrayLength());
        Assert.Equal(2, proven.GetProperty("quorum").GetInt32());
    }

    [Fact]
    public async Task Check_OneOfTwoCosigned_QuorumOneAcceptedAllByDefaultRefused()
    {
        var file = _log.Save(_log.Proof(2, _log.Note([_log.Witnesses[0]])));

        var quorumOne = await new CliRunner().RunAsync(_log.Check(file, "--quorum", "1"));
        var byDefault = await new CliRunner().RunAsync(_log.Check(file));

        Assert.True(quorumOne.ExitCode == 0, quorumOne.ToString());
        Assert.Contains("witness.a.example/w1 (1; 1 required)", quorumOne.Stdout, StringComparison.Ordinal);
        Assert.True(byDefault.ExitCode == 1, byDefault.ToString());
        Assert.Equal("not proven: witnesses: 1 of the 2 known witnesses cosigned; 2 are required", byDefault.Stderr.Trim());
        Assert.Empty(byDefault.Stdout);
    }

    [Fact]
    public async Task Check_NoWitnessGiven_LogSignatureAloneAndCosignaturesListedUnchecked()
    {
        var file = _log.Save(_log.Proof(3));

        var result = await new CliRunner().RunAsync("audit", "check", file, "--log-key", _log.LogVkey, "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var proven = Assert.Single(result.JsonLines());
        Assert.Equal(0, proven.GetProperty("quorum").GetInt32());
        Assert.Equal(["witness.a.example/w1", "witness.b.example/w2"], proven.GetProperty("notChecked").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Check_DuringRotation_EitherLogKeyAccepted()
    {
        var next = new Ed25519NoteSigner(ProofWorkspace.KeyName, Transparency.Notes.Ed25519Key.Generate());
        var nextVkey = _log.Write("next.vkey", next.VerifierKey);
        var file = _log.Save(_log.Proof(5, _log.Note(_log.Witnesses, log: next)));

        var result = await new CliRunner().RunAsync(_log.Check(file, "--log-key", nextVkey, "-o", "json"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"{next.Name}+{NoteText.Hex(next.KeyId)}", Assert.Single(result.JsonLines()).GetProperty("logKey").GetString());
    }

    [Fact]
    public async Task Check_TamperedLeaf_InclusionProofRefused()
    {
        var proof = _log.Proof(4);
        var leaf = proof.Extra!.ToArray();
        leaf[^1] ^= 0x01;

        var result = await new CliRunner().RunAsync(_log.Check(_log.Save(proof with { Extra = leaf })));

        AssertNotProven(result, "inclusion proof");
    }

    [Fact]
    public async Task Check_TamperedHash_InclusionProofRefused()
    {
        var proof = _log.Proof(4);
        var hashes = proof.InclusionProof.Select(h => h.ToArray()).ToList();
        hashes[1][0] ^= 0x80;

        var result = await new CliRunner().RunAsync(_log.Check(_log.Save(proof with { InclusionProof = hashes })));

        AssertNotProven(result, "inclusion proof");
    }

    [Fact]
    public async Task Check_WrongLogKey_LogKeyRefused()
    {
        var other = _log.Write("other.vkey", new Ed25519NoteSigner(ProofWorkspace.KeyName, Transparency.Notes.Ed25519Key.Generate()).VerifierKey);

        var result = await new CliRunner().RunAsync("audit", "check", _log.Save(_log.Proof(1)), "--log-key", other);

        AssertNotProven(result, "log key");
        Assert.Contains("no valid signature by a known key", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_OriginNotUnderTheKeyName_LogKeyRefused()
    {
        var file = _log.Save(_log.Proof(1, _log.Note(_log.Witnesses, origin: "enterprisehub.test/auditor/0123456789abcdef")));

        var result = await new CliRunner().RunAsync(_log.Check(file));

        AssertNotProven(result, "log key");
        Assert.Contains("is not under the log key's name enterprisehub.test/audit", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ForgedCosignature_WitnessesRefused()
    {
        var note = Note.Parse(_log.Note(_log.Witnesses));
        var forged = note with { Signatures = [.. note.Signatures.Select((s, i) => i == 2 ? s with { Signature = Flip(s.Signature) } : s)] };

        var result = await new CliRunner().RunAsync(_log.Check(_log.Save(_log.Proof(6, forged.Format()))));

        AssertNotProven(result, "witnesses");
        Assert.Contains("the signature by witness.b.example/w2", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_LeafOfAnotherSequenceAtThisPlace_RecordRefused()
    {
        // A log whose third leaf says it is record 5: its proof holds, its place does not.
        _log.Leaves[2] = AuditLeaf.Bytes(AuditLeaf.NewSalt(), 5, ProofWorkspace.Entry(5));

        var result = await new CliRunner().RunAsync(_log.Check(_log.Save(_log.Proof(3))));

        AssertNotProven(result, "record");
        Assert.Contains("the leaf encodes record 5 but sits at index 2", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_LeafThatIsNoRecord_RecordRefused()
    {
        _log.Leaves[0] = [.. AuditLeaf.NewSalt(), 9, 9, 9];

        var result = await new CliRunner().RunAsync(_log.Check(_log.Save(_log.Proof(1))));

        AssertNotProven(result, "record");
        Assert.Contains("encoding version 9 is unknown", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no blank line", "the proof has no blank line before its checkpoint")]
    [InlineData("other header", "the proof does not start with c2sp.org/tlog-proof@v1")]
    [InlineData("no extra", "the proof carries no record")]
    [InlineData("cut note", "the note")]
    public async Task Check_MalformedFile_BadFileRefused(string damage, string expected)
    {
        var text = _log.Proof(2).Format();
        text = damage switch
        {
            "no blank line" => text.Replace("\n\n", "\n", StringComparison.Ordinal),
            "other header" => text.Replace("tlog-proof@v1", "tlog-proof@v2", StringComparison.Ordinal),
            "no extra" => (_log.Proof(2) with { Extra = null }).Format(),
            _ => text[..^10],
        };

        var result = await new CliRunner().RunAsync(_log.Check(_log.Save(text)));

        AssertNotProven(result, "bad file");
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_NotUtf8_BadFileRefused()
    {
        var path = _log.Save(string.Empty);
        await File.WriteAllBytesAsync(path, [.. Encoding.UTF8.GetBytes("c2sp.org/tlog-proof@v1\nindex 0\n\n"), 0xff, 0xfe, (byte)'\n']);

        var result = await new CliRunner().RunAsync(_log.Check(path));

        AssertNotProven(result, "bad file");
    }

    [Fact]
    public async Task Check_Json_FailureIsOneObjectOnStandardError()
    {
        var result = await new CliRunner().RunAsync(_log.Check(_log.Save("c2sp.org/tlog-proof@v1\n"), "-o", "json"));

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Empty(result.Stdout);
        var failure = System.Text.Json.JsonDocument.Parse(result.Stderr).RootElement;
        Assert.Equal("NOT_PROVEN", failure.GetProperty("status").GetString());
        Assert.Equal("bad file", failure.GetProperty("step").GetString());
    }

    [Theory]
    [InlineData("--quorum", "0")]
    [InlineData("--quorum", "3")]
    [InlineData("--quorum", "-1")]
    public async Task Check_ImpossibleQuorum_UsageError(string flag, string value)
    {
        var result = await new CliRunner().RunAsync(_log.Check(_log.Save(_log.Proof(1)), flag, value));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--quorum must be from 1 to the 2 witnesses given", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_QuorumWithoutWitnesses_UsageError()
    {
        var result = await new CliRunner().RunAsync("audit", "check", _log.Save(_log.Proof(1)), "--log-key", _log.LogVkey, "--quorum", "1");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--quorum 1 needs at least 1 witness keys", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_SameWitnessTwice_UsageError()
    {
        var result = await new CliRunner().RunAsync(
            "audit", "check", _log.Save(_log.Proof(1)), "--log-key", _log.LogVkey, "--witness", _log.WitnessVkeys[0], "--witness", _log.WitnessVkeys[0], "--quorum", "1");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("is given twice", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WitnessVkeyGivenAsLogKey_UsageError()
    {
        var result = await new CliRunner().RunAsync("audit", "check", _log.Save(_log.Proof(1)), "--log-key", _log.WitnessVkeys[0]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("holds no usable vkey: verifier key is not of signature type 0x01", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_MissingFileOrKey_UsageError()
    {
        var noFile = await new CliRunner().RunAsync("audit", "check", Path.Combine(_log.Folder, "absent.tlog-proof"), "--log-key", _log.LogVkey);
        var noKeyFile = await new CliRunner().RunAsync("audit", "check", _log.Save(_log.Proof(1)), "--log-key", Path.Combine(_log.Folder, "absent.vkey"));
        var noKeyFlag = await new CliRunner().RunAsync("audit", "check", _log.Save(_log.Proof(1)));

        Assert.True(noFile.ExitCode == 2, noFile.ToString());
        Assert.Contains("Cannot read", noFile.Stderr, StringComparison.Ordinal);
        Assert.True(noKeyFile.ExitCode == 2, noKeyFile.ToString());
        Assert.Contains("Cannot read the log key file", noKeyFile.Stderr, StringComparison.Ordinal);
        Assert.True(noKeyFlag.ExitCode == 2, noKeyFlag.ToString());
        Assert.Contains("--log-key", noKeyFlag.Stderr, StringComparison.Ordinal);
    }

    private static byte[] Flip(byte[] signature)
    {
        var copy = signature.ToArray();
        copy[^1] ^= 0x01;
        return copy;
    }

    private static void AssertNotProven(CliResult result, string step)
    {
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Empty(result.Stdout);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"not proven: {step}: ", line, StringComparison.Ordinal);
    }
}
